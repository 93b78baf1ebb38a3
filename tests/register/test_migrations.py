"""Alembic revisions: an old register upgrades to the newest schema with its data carried over."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from beleidsmonitor.pipeline import analyse_file
from beleidsmonitor.register import db
from beleidsmonitor.register.store import Register

LETTER = Path(__file__).resolve().parents[1] / "documents" / "constructed" / "r3c-bz-2015.txt"


def _migrate(register: Register, verb: str, revision: str) -> None:
    config = db.migrations_config()
    with register.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, verb)(config, revision)


def _dossiers(register: Register) -> tuple[set[str], set[str]]:
    with register.engine.connect() as connection:
        documents = set(connection.execute(text("SELECT dossier FROM documents")).scalars())
        commitments = set(connection.execute(text("SELECT dossier FROM commitments")).scalars())
    return documents, commitments


def test_0005_puts_the_suffix_into_the_dossier_key(register: Register) -> None:
    register.ingest(analyse_file(LETTER))
    assert _dossiers(register) == ({"21501-02"}, {"21501-02"})
    _migrate(register, "downgrade", "0001")
    assert _dossiers(register) == ({"21501"}, {"21501"})
    _migrate(register, "upgrade", "head")
    assert _dossiers(register) == ({"21501-02"}, {"21501-02"})
    assert [c.dossier for c in register.list_commitments(dossier="21 501-02")][:1] == ["21501-02"]


def test_0006_builds_the_status_spans_of_a_register_that_had_none(register: Register) -> None:
    register.ingest(analyse_file(LETTER))
    before = register.list_commitments()
    assert before
    _migrate(register, "downgrade", "0004")
    with register.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM commitments")).scalar() == len(before)
        assert not inspect(connection).has_table("status_spans")
    _migrate(register, "upgrade", "head")
    assert register.list_commitments() == before
    with register.engine.connect() as connection:
        spans = connection.execute(text("SELECT count(DISTINCT commitment_id) FROM status_spans")).scalar()
    assert spans == len(before)


def test_0007c_takes_the_committee_from_the_stored_recipients(register: Register) -> None:
    from beleidsmonitor.register.toezeggingen import import_toezeggingen, read_register_file

    remote = Path(__file__).resolve().parents[1] / "documents" / "remote"
    for name in ("ek-toezeggingen.csv", "tk-toezegging-1.json"):
        items, problems = read_register_file(remote / name)
        assert problems == []
        import_toezeggingen(register, items, name)
    query = text("SELECT nummer, commissie FROM toezeggingen ORDER BY nummer")

    def committees() -> list[tuple[str, str]]:
        with register.engine.connect() as connection:
            return [(n, c) for n, c in connection.execute(query)]

    imported = committees()
    assert imported == [
        ("T01970", "Sociale Zaken en Werkgelegenheid (SZW)"),
        ("T01971", "Sociale Zaken en Werkgelegenheid (SZW)"),
        ("T01972", "Sociale Zaken en Werkgelegenheid (SZW)"),
        ("TZ201312-101", "Commissie voor Sociale Zaken en Werkgelegenheid"),
        ("TZ201312-102", "vaste commissie voor Sociale Zaken en Werkgelegenheid"),
    ]
    _migrate(register, "downgrade", "0007")
    with register.engine.connect() as connection:
        assert "commissie" not in {c["name"] for c in inspect(connection).get_columns("toezeggingen")}
    _migrate(register, "upgrade", "head")
    # the debate's lead committee was never stored before 0007c: it comes with the next import
    assert committees() == [*imported[:4], ("TZ201312-102", "")]


def test_the_head_read_from_the_revision_files_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    assert db.head_revision() == ScriptDirectory.from_config(db.migrations_config()).get_current_head()


def test_opening_a_register_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    script = (
        "import sys\n"
        "from beleidsmonitor.register.store import open_register\n"
        "from beleidsmonitor.settings import load_settings\n"
        f"open_register(load_settings(env={{}}, database_url={url!r})).close()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic'}))\n"
    )
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    # a new register is created by the migrations; one at head is only checked
    assert (first.stdout.strip(), again.stdout.strip()) == ("['alembic']", "[]")
