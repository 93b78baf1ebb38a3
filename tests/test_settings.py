"""Settings: one declared table, loaded from defaults, TOML, environment and overrides, validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsmonitor.errors import SettingsError
from beleidsmonitor.settings import SETTINGS, Settings, load_settings


def test_defaults() -> None:
    s = load_settings(env={})
    assert (s.database_url, s.due_soon_days, s.host, s.port, s.write_token) == (
        "sqlite:///beleidsmonitor.sqlite", 30, "127.0.0.1", 8000, "",
    )  # fmt: skip
    assert {spec.name for spec in SETTINGS} >= {
        "database_url",
        "due_soon_days",
        "host",
        "port",
        "write_token",
    }


def test_precedence_file_env_override(tmp_path: Path) -> None:
    toml = tmp_path / "b.toml"
    toml.write_text('due_soon_days = 10\nport = 9000\nhost = "0.0.0.0"\n', encoding="utf-8")
    s = load_settings(toml, env={"BELEIDSMONITOR_PORT": "9100"}, host="localhost")
    assert (s.due_soon_days, s.port, s.host) == (10, 9100, "localhost")


@pytest.mark.parametrize(
    ("env", "fragment"),
    [({"BELEIDSMONITOR_DUE_SOON_DAYS": "soon"}, "due_soon_days"), ({"BELEIDSMONITOR_PORT": "70000"}, "at most 65535"),
     ({"BELEIDSMONITOR_LOG_LEVEL": "LOUD"}, "allowed values are DEBUG, INFO, WARNING, ERROR"),
     ({"BELEIDSMONITOR_DATABASE_URL": "mysql://x"}, "allowed schemes")],
)  # fmt: skip
def test_bad_values_name_the_setting(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(SettingsError, match=fragment):
        load_settings(env=env)


def test_unknown_key_in_file(tmp_path: Path) -> None:
    toml = tmp_path / "b.toml"
    toml.write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(
        SettingsError,
        match="unknown setting; known settings: analysis_chunk_characters, analysis_memory_mb, analysis_seconds, "
        "database_url",
    ):
        load_settings(toml, env={})


def test_settings_are_frozen() -> None:
    s = Settings()
    with pytest.raises(AttributeError):
        s.port = 1  # type: ignore[misc]
    assert s.replace(port="8080").port == 8080
