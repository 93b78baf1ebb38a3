"""Engine and sessions from the settings' database URL, and the migrations run on open.

SQLite (the default, a file in the current directory) gets write-ahead logging and foreign keys
switched on for every connection; a ``postgresql://`` URL is served by psycopg 3. The schema is
brought to the newest Alembic revision whenever a register is opened, configured in code so that it
works from an installed package without an alembic.ini.
"""

from __future__ import annotations

import logging
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from beleidsmonitor.errors import Code, RegisterError

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


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


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
    return engine


def migrations_config() -> Config:
    """The Alembic configuration of the register, built in code (no alembic.ini)."""
    config = Config()
    location = resources.files("beleidsmonitor.register").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database of ``engine`` to the newest revision.

    Raises:
        RegisterError: R002 when the database cannot be reached or migrated.
    """
    config = migrations_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise RegisterError(Code.R002, f"{engine.url.render_as_string(hide_password=True)}: {exc}") from exc
    logger.debug("register schema at head on %s", engine.url.render_as_string(hide_password=True))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine`` that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False, future=True)
