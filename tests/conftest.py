"""Shared fixtures: settings on a tmp_path SQLite file, a register (SQLite, and PostgreSQL where the
server binaries exist), the example letter analysed and ingested, and Analysis objects built from
the gold annotation so that register tests do not depend on extraction quality.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from beleidsmonitor.model import (
    Analysis,
    CleanText,
    Commitment,
    DocumentMetadata,
    Interval,
    Reference,
    Sentence,
    SourceDocument,
    Span,
    Structure,
)
from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import Settings, load_settings
from beleidsmonitor.vocab import CommitmentKind, DocumentType, Part, ReferenceKind, SourceFormat

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
# a copy of ../shared/annotation/kst-32824-47.gold.json, so that the tests run without ../shared
GOLD = ROOT / "tests" / "data" / "kst-32824-47.gold.json"


# --- settings and registers ----------------------------------------------------------------------


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a fresh SQLite file in tmp_path (environment ignored)."""
    return load_settings(env={}, database_url=f"sqlite:///{tmp_path / 'register.sqlite'}")


@dataclass(frozen=True)
class PostgresServer:
    """A throw-away PostgreSQL server on a Unix socket."""

    socket_dir: Path
    port: int
    user: str
    counter: Iterator[int]

    def new_database_url(self) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        name = f"t{next(self.counter)}"
        with psycopg.connect(
            host=str(self.socket_dir), port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://{self.user}@/{name}?host={self.socket_dir}&port={self.port}"


def _postgres_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg() -> Iterator[PostgresServer]:
    """A real PostgreSQL server started with initdb/pg_ctl in a temp dir (skipped without binaries)."""
    bindir = _postgres_bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries (initdb, pg_ctl) not found; install the postgresql package")
        pytest.skip("PostgreSQL binaries not found (apt-get install postgresql); set CI=1 to fail instead")
    # not under pytest's tmp dir: that one is private to the current user, and initdb runs as another
    base = Path(tempfile.mkdtemp(prefix="beleidsmonitor-pg-"))
    data, sockets = base / "data", base / "sock"
    sockets.mkdir()
    prefix: list[str] = []
    user = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() == 0:
        # initdb refuses to run as root: use an unprivileged account
        user = "pgtest"
        try:
            pwd.getpwnam(user)
        except KeyError:
            subprocess.run(["useradd", "-m", user], check=True)
        shutil.chown(base, user)
        shutil.chown(sockets, user)
        prefix = ["runuser", "-u", user, "--"]
    port = _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, check=False)
        if done.returncode:
            pytest.fail(f"{' '.join(args)} failed: {done.stderr or done.stdout}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", user, "-A", "trust")
    options = f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "server.log"), "-w", "start")
    try:
        yield PostgresServer(sockets, port, user, itertools.count(1))
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], check=False
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def register(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Register]:
    """An empty register on a SQLite file, and on a real PostgreSQL database."""
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("pg")
        settings = settings.replace(database_url=server.new_database_url())
    reg = open_register(settings)
    try:
        yield reg
    finally:
        reg.close()


# --- analyses ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def gold() -> dict[str, object]:
    """The gold annotation of kst-32824-47."""
    return dict(json.loads(GOLD.read_text(encoding="utf-8")))


def _squash(text: str) -> tuple[str, list[int]]:
    chars, index = [], []
    for i, ch in enumerate(text):
        if ch.isalnum():
            chars.append(ch.casefold())
            index.append(i)
    return "".join(chars), index


def gold_sentence_numbers(quotes: Sequence[str]) -> list[int]:
    """Approximate sentence numbers of gold quotes in the example letter (for distances only)."""
    raw = EXAMPLE.read_text(encoding="utf-8")
    squashed, index = _squash(raw)
    ends = [m.start() for m in re.finditer(r"[.?!]\s+(?=[A-Z«(])", raw)]
    out = []
    for quote in quotes:
        pos = squashed.find(_squash(quote)[0])
        assert pos >= 0, f"gold quote not in the example: {quote[:40]}"
        out.append(bisect.bisect_left(ends, index[pos]))
    return out


def _due(item: dict[str, object]) -> Interval | None:
    due = item.get("due")
    if not isinstance(due, dict):
        return None
    return Interval(dt.date.fromisoformat(due["start"]), dt.date.fromisoformat(due["end"]))


@dataclass(frozen=True)
class Said:
    """One sentence of a synthetic document; ``kind`` makes it a commitment."""

    text: str
    kind: CommitmentKind | None = None
    due: Interval | None = None
    time_text: str | None = None
    section: str = ""
    part: Part = Part.LETTER
    cites: str | None = None


def build_analysis(
    doc_id: str,
    date: dt.date,
    sentences: Sequence[Said],
    ministry: str = "SZW",
) -> Analysis:
    """An Analysis of a synthetic document whose sentences are ``sentences`` (one per line)."""
    text = "\n".join(s.text for s in sentences)
    sha = hashlib.sha256(text.encode()).hexdigest()
    source = SourceDocument(f"{doc_id}.txt", SourceFormat.TEXT, text, sha)
    clean = CleanText(text, tuple(range(len(text) + 1)), (), source)
    _, dossier, nr = doc_id.split("-")
    meta = DocumentMetadata(
        id=doc_id,
        dossier=dossier,
        suffix="",
        nr=nr,
        vergaderjaar=f"{date.year - 1}-{date.year}",
        date=date,
        date_inferred=False,
        title=f"Brief {doc_id}",
        dossier_title="Integratiebeleid",
        doc_type=DocumentType.BRIEF,
        signatories=(),
        ministry=ministry,
        addressee="Tweede Kamer",
    )
    structured, commitments, references, pos = [], [], [], 0
    for i, said in enumerate(sentences):
        span = Span(pos, pos + len(said.text))
        pos = span.end + 1
        structured.append(Sentence(span, said.text, said.part, 0, -1))
        if said.cites:
            references.append(Reference(span, said.cites, ReferenceKind.KAMERSTUK, said.cites, "", (), i))
        if said.kind is not None:
            commitments.append(
                Commitment(
                    span=span,
                    quote=said.text,
                    kind=said.kind,
                    actor="",
                    object="",
                    recipient="",
                    time_text=said.time_text,
                    due=said.due,
                    also=(),
                    section=said.section,
                    topic_path=(said.section,) if said.section else (),
                    part=said.part,
                    confidence=0.9,
                    evidence=("gold",),
                    sentence=i,
                )
            )
    structure = Structure(meta, (), (), tuple(structured), len(text))
    return Analysis(clean, structure, (), tuple(references), (), (), (), tuple(commitments), ())


def gold_sentences(gold: dict[str, object]) -> tuple[list[Said], list[int]]:
    """The gold commitments placed at their approximate sentence numbers, fillers between them.

    Returns the sentences and, per gold commitment, its index among them.
    """
    items = gold["commitments"]
    assert isinstance(items, list)
    numbers = gold_sentence_numbers([c["quote"] for c in items])
    said: list[Said] = []
    positions = []
    for item, number in zip(items, numbers, strict=True):
        while len(said) < number:
            said.append(Said(f"Tussenzin {len(said)}."))
        positions.append(len(said))
        said.append(
            Said(
                item["quote"],
                CommitmentKind(item["kind"]),
                _due(item),
                item["time_text"],
                item["section"],
                Part(item["part"]),
            )
        )
    return said, positions


@pytest.fixture(scope="session")
def gold_analysis(gold: dict[str, object]) -> Analysis:
    """kst-32824-47 as an Analysis whose commitments are exactly the gold commitments."""
    said, _ = gold_sentences(gold)
    return build_analysis("kst-32824-47", dt.date(2013, 12, 19), said)


@pytest.fixture(scope="session")
def analyse_example() -> Callable[[], Analysis]:
    """The real pipeline on the example letter (skips while the pipeline cannot be imported)."""
    try:
        from beleidsmonitor.pipeline import analyse_file
    except ImportError as exc:  # another stage still being written
        pytest.skip(f"pipeline not available: {exc}")

    def run() -> Analysis:
        return analyse_file(EXAMPLE)

    return run


@pytest.fixture
def seed_letter(register: Register, analyse_example: Callable[[], Analysis]) -> Analysis:
    """The example letter analysed by the pipeline and ingested into ``register``."""
    analysis = analyse_example()
    register.ingest(analysis)
    return analysis
