"""``beleidsmonitor backup``: a consistent copy of a register in use; migrations keep what is stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import MetaData, create_engine, insert, select
from typer.testing import CliRunner

from beleidsmonitor.cli import app
from beleidsmonitor.model import Analysis
from beleidsmonitor.register import db
from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import Settings, load_settings
from conftest import PostgresServer

runner = CliRunner()


def _rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the register at ``url``, sorted."""
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        rows = {
            name: sorted((tuple(r) for r in conn.execute(select(table))), key=repr)
            for name, table in meta.tables.items()
            if not name.startswith("search_")
        }
    engine.dispose()
    return rows


@pytest.fixture
def stored(settings: Settings, gold_analysis: Analysis) -> Path:
    with open_register(settings) as register:
        register.ingest(gold_analysis)
    return Path(settings.database_url.removeprefix("sqlite:///"))


def test_backup_of_a_register_in_use_holds_every_row(stored: Path, tmp_path: Path) -> None:
    reader = sqlite3.connect(stored)  # a dashboard reading at the same time
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM commitments").fetchone()
    target = tmp_path / "copies" / "register-backup.sqlite"
    result = runner.invoke(app, ["backup", str(target), "--db", str(stored)])
    reader.rollback()
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"written: {target} (1 documents)"
    original = _rows(f"sqlite:///{stored}")
    assert sum(len(rows) for rows in original.values()) > 100
    assert _rows(f"sqlite:///{target}") == original
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not list(target.parent.glob(".*.partial"))


def test_backup_does_not_overwrite_unless_forced(stored: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.sqlite"
    target.write_text("my notes", encoding="utf-8")
    refused = runner.invoke(app, ["backup", str(target), "--db", str(stored)])
    assert refused.exit_code == 1
    assert (
        refused.stderr.strip()
        == f"R006 the backup could not be written: {target} exists; choose another name or pass --force"
    )
    assert target.read_text(encoding="utf-8") == "my notes"
    forced = runner.invoke(app, ["backup", str(target), "--force", "--db", str(stored)])
    assert forced.exit_code == 0, forced.output
    assert _rows(f"sqlite:///{target}") == _rows(f"sqlite:///{stored}")


def test_backup_onto_the_register_itself_is_refused(stored: Path) -> None:
    before = _rows(f"sqlite:///{stored}")
    result = runner.invoke(app, ["backup", str(stored), "--force", "--db", str(stored)])
    assert result.exit_code == 1
    assert "is the register itself" in result.stderr
    assert _rows(f"sqlite:///{stored}") == before


def test_backup_of_postgresql_points_to_pg_dump(pg: PostgresServer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["backup", str(tmp_path / "copy.sqlite"), "--db", pg.new_database_url()])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "R006 the backup could not be written: postgresql: use pg_dump for a PostgreSQL register"
    )


def test_upgrading_from_the_first_revision_keeps_every_stored_row(
    stored: Path, tmp_path: Path, settings: Settings
) -> None:
    """Rows stored under revision 0001 are all there, unchanged, after migrating to the newest revision."""
    newest = _rows(settings.database_url)
    old_url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old_engine = db.create_register_engine(old_url)
    config = db.migrations_config()
    with old_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    old_meta = MetaData()
    old_meta.reflect(old_engine)
    source = create_engine(settings.database_url)
    source_meta = MetaData()
    source_meta.reflect(source)
    with source.connect() as read, old_engine.begin() as write:
        for table in old_meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            columns = [c.name for c in table.columns]
            rows = [
                dict(r._mapping)
                for r in read.execute(select(*(source_meta.tables[table.name].c[c] for c in columns)))
            ]
            if rows:
                write.execute(insert(table), rows)
    old_engine.dispose()
    source.dispose()
    with open_register(load_settings(env={}, database_url=old_url)):
        pass  # opening migrates to the newest revision
    migrated = _rows(old_url)
    assert migrated["alembic_version"] == newest["alembic_version"]
    for name, table in old_meta.tables.items():
        if name == "alembic_version":
            continue
        width = len(table.columns)  # later revisions add columns after these
        assert [r[:width] for r in migrated[name]] == [r[:width] for r in newest[name]], name
