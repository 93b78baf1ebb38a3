"""Engine and sessions from the settings' database URL, and the migrations run on open.

SQLite (the default, a file in the current directory) gets write-ahead logging and foreign keys
switched on for every connection; a ``postgresql://`` URL is served by psycopg 3. The schema is
brought to the newest Alembic revision whenever a register is opened, configured in code so that it
works from an installed package without an alembic.ini. A register already at the newest revision
is recognised by reading its ``alembic_version`` against the revision files, without importing
Alembic: a command that only reads starts that much sooner.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from beleidsmonitor.errors import Code, RegisterError

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

#: the largest integer id SQLite and PostgreSQL (bigint) can hold; larger ones name no row
MAX_ID = 2**63 - 1


def like_literal(text: str) -> str:
    """``text`` for a LIKE pattern with ``escape="\\"``: its ``%`` and ``_`` match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def normalise_url(url: str) -> str:
    """The URL with the psycopg 3 driver named for PostgreSQL (``postgresql://`` → ``+psycopg``)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


#: how long a SQLite connection waits for another process's write lock before it gives up
BUSY_TIMEOUT_MS = 30_000
#: further attempts of a write transaction that still found the register locked
WRITE_RETRIES = 4
#: the key of the PostgreSQL advisory lock that serialises the register's write transactions
_PG_WRITE_LOCK = 0x62656C65  # "bele"
#: what the drivers say when another process holds a lock (sqlite3; psycopg for PostgreSQL)
_LOCK_MESSAGES = (
    "database is locked",
    "database table is locked",
    "deadlock detected",
    "could not serialize",
)
#: execution option marking an engine whose transactions write
_WRITES = "beleidsmonitor_writes"

T = TypeVar("T")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # the driver's own transaction handling would begin only at the first INSERT, after the reads
    # that decide what to insert; _sqlite_begin below begins every transaction explicitly instead
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the next pragma may wait
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # a writer takes the write lock when it begins (waiting up to the busy timeout), so that what it
    # read cannot be changed by another process before it writes; readers never wait (WAL)
    if connection.get_execution_options().get(_WRITES):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def writer(engine: Engine) -> Engine:
    """``engine`` for write transactions: on SQLite each begins by taking the write lock."""
    return engine.execution_options(**{_WRITES: True})


def lock_for_write(connection: Connection | Session) -> None:
    """Serialise write transactions on PostgreSQL (an advisory lock held until commit); SQLite has BEGIN IMMEDIATE.

    Two processes storing the same letter, or letters whose commitments merge, then see each other's
    committed rows instead of both inserting.
    """
    bind = connection if isinstance(connection, Connection) else connection.get_bind()
    if bind.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})


def is_lock_error(exc: BaseException) -> bool:
    """Whether ``exc`` says another process held a lock (SQLite busy, PostgreSQL lock or serialisation)."""
    if not isinstance(exc, DBAPIError):
        return False
    message = str(exc.orig).lower()
    return any(word in message for word in _LOCK_MESSAGES)


def retry_locked(attempt: Callable[[], T], what: str) -> T:
    """Run a write transaction, again after a pause while another process holds the lock.

    Raises:
        RegisterError: R003 naming ``what`` when the lock was still held after every attempt.
    """
    for number in range(WRITE_RETRIES + 1):
        try:
            return attempt()
        except DBAPIError as exc:
            if not is_lock_error(exc):
                raise
            if number == WRITE_RETRIES:
                raise RegisterError(Code.R003, f"{what}: {exc.orig}") from exc
            logger.info("%s: register locked, attempt %d of %d", what, number + 2, WRITE_RETRIES + 1)
            time.sleep(0.2 * 2**number)
    raise AssertionError("unreachable")  # pragma: no cover


def create_register_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite with WAL and foreign keys, or PostgreSQL via psycopg.

    Raises:
        RegisterError: R002 when the URL is malformed or its driver is missing.
    """
    try:
        parsed = make_url(normalise_url(url))
        engine = create_engine(parsed, future=True)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise RegisterError(Code.R002, f"{url}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def migrations_config() -> Config:
    """The Alembic configuration of the register, built in code (no alembic.ini)."""
    from alembic.config import Config

    config = Config()
    location = resources.files("beleidsmonitor.register").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    return config


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)


@cache
def head_revision() -> str | None:
    """The newest revision of the register's migrations, read from the revision files' ``revision``
    and ``down_revision`` lines; None unless they form one chain with one head (then Alembic decides)."""
    versions = resources.files("beleidsmonitor.register").joinpath("migrations", "versions")
    revisions: set[str] = set()
    replaced: set[str] = set()
    for entry in versions.iterdir():
        if not entry.name.endswith(".py"):
            continue
        source = entry.read_text(encoding="utf-8")
        found, down = _REVISION.search(source), _DOWN.search(source)
        if found is None or down is None:
            return None
        revisions.add(found.group(1))
        replaced.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    heads = revisions - replaced
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    """Whether the database already stands at :func:`head_revision` (False when unsure)."""
    head = head_revision()
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            stored = list(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except DBAPIError:  # no such table yet: a new register
        return False
    return stored == [head]


def upgrade(engine: Engine) -> None:
    """Bring the database of ``engine`` to the newest revision.

    Raises:
        RegisterError: R002 when the database cannot be reached or migrated.
    """
    if _at_head(engine):
        return
    from alembic import command

    config = migrations_config()

    def migrate() -> None:
        # as a writer: processes opening a new register at once migrate it one after the other
        with writer(engine).begin() as connection:
            lock_for_write(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    try:
        retry_locked(migrate, engine.url.render_as_string(hide_password=True))
    except SQLAlchemyError as exc:
        raise RegisterError(Code.R002, f"{engine.url.render_as_string(hide_password=True)}: {exc}") from exc
    logger.debug("register schema at head on %s", engine.url.render_as_string(hide_password=True))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine`` that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False, future=True)


def backup(engine: Engine, target: Path, *, replace: bool = False) -> None:
    """Copy the SQLite register of ``engine`` to ``target`` while it stays in use (SQLite online backup).

    The copy is written beside ``target`` and renamed when complete and checked, so that ``target``
    never holds half a register. PostgreSQL registers are copied with ``pg_dump`` (see README).

    Raises:
        RegisterError: R006 when the register is not SQLite, ``target`` exists (unless ``replace``) or is
            the register itself, or the copy cannot be written.
    """
    if engine.dialect.name != "sqlite":
        raise RegisterError(Code.R006, f"{engine.dialect.name}: use pg_dump for a PostgreSQL register")
    source = engine.url.database or ""
    if target.exists() and not replace:
        raise RegisterError(Code.R006, f"{target} exists; choose another name or pass --force")
    if source and Path(source).resolve() == target.resolve():
        raise RegisterError(Code.R006, f"{target} is the register itself")
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        with engine.connect() as connection:
            live = connection.connection.driver_connection
            copy = sqlite3.connect(partial)
            try:
                live.backup(copy)  # type: ignore[union-attr]
                verdict = copy.execute("PRAGMA integrity_check").fetchone()
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                copy.close()
        if verdict != ("ok",):
            raise RegisterError(Code.R006, f"the copy fails its integrity check: {verdict}")
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise RegisterError(Code.R006, f"{target}: {exc}") from exc
    logger.info("register copied to %s", target)
