"""The one declared table of settings, and loading them from env vars or a TOML file.

Every setting is declared once in :data:`SETTINGS` with its name, type, default and help; the
environment variable (``BELEIDSMONITOR_<NAME>``), the TOML key and the CLI's help listing derive from
that table. Values are checked on load; a bad value raises :class:`SettingsError` naming the setting
and what it accepts. A :class:`Settings` object is frozen: it is passed explicitly, never mutated.

Precedence, lowest first: defaults, TOML file, environment variables, keyword overrides.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beleidsmonitor.errors import SettingsError
from beleidsmonitor.sources.chunks import CHUNK_CHARACTERS

logger = logging.getLogger(__name__)

ENV_PREFIX = "BELEIDSMONITOR_"


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One declared setting: its name, Python type, default, help and optional bounds or choices."""

    name: str
    type: type
    default: Any
    help: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()

    @property
    def env_var(self) -> str:
        """The environment variable that sets it."""
        return ENV_PREFIX + self.name.upper()


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "database_url",
        str,
        "sqlite:///beleidsmonitor.sqlite",
        "SQLAlchemy URL of the register: a SQLite file (default, in the current directory) "
        "or postgresql+psycopg://user@host/db",
    ),
    SettingSpec(
        "due_soon_days",
        int,
        30,
        "a commitment whose deadline ends within this many days is 'due'",
        minimum=0,
        maximum=3650,
    ),
    SettingSpec(
        "analysis_seconds",
        int,
        60,
        "the most seconds the analysis of one document may take (ingest, extract, parse, evaluate, fetch, "
        "watch: the process analysing it is stopped past it)",
        minimum=1,
        maximum=86400,
    ),
    SettingSpec(
        "analysis_memory_mb",
        int,
        1024,
        "the most resident memory (MiB) the analysis of one document may add (every command that analyses)",
        minimum=64,
        maximum=1048576,
    ),
    SettingSpec(
        "analysis_chunk_characters",
        int,
        CHUNK_CHARACTERS,
        "extract, parse, ingest and fetch analyse a longer text in chunks of at most this many "
        "characters, cut at paragraph boundaries, one chunk held at a time",
        minimum=1000,
        maximum=100_000_000,
    ),
    SettingSpec(
        "jobs",
        int,
        0,
        "worker processes that analyse documents in ingest; 0 = one per CPU",
        minimum=0,
        maximum=1024,
    ),
    SettingSpec("host", str, "127.0.0.1", "address the web server listens on"),
    SettingSpec("port", int, 8000, "port the web server listens on", minimum=1, maximum=65535),
    SettingSpec("write_token", str, "", "token that unlocks writing through the web; empty = read-only"),
    SettingSpec(
        "log_level",
        str,
        "WARNING",
        "logging level of the command line",
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
    SettingSpec(
        "officielebekendmakingen_url",
        str,
        "https://zoek.officielebekendmakingen.nl",
        "where Kamerstukken are fetched from: <url>/<id>.xml|.html|.pdf and <url>/<id>/metadata.xml",
    ),
    SettingSpec(
        "sru_url",
        str,
        "https://repository.overheid.nl/sru",
        "KOOP SRU 2.0 interface that lists the Kamerstukken of a dossier",
    ),
    SettingSpec(
        "tk_odata_url",
        str,
        "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0",
        "Tweede Kamer open data (OData v4): Document, Zaak, Toezegging",
    ),
    SettingSpec(
        "fetch_cache_dir",
        str,
        ".beleidsmonitor-cache",
        "folder holding the raw responses of the remote sources (re-runs read it instead of the network)",
    ),
    SettingSpec(
        "fetch_delay_ms",
        int,
        1000,
        "pause between two requests to a remote source, in milliseconds",
        minimum=0,
        maximum=60000,
    ),
    SettingSpec(
        "fetch_retries",
        int,
        4,
        "retries of a request that timed out, broke off or was answered 429/5xx",
        minimum=0,
        maximum=10,
    ),
    SettingSpec(
        "fetch_backoff_ms",
        int,
        2000,
        "first back-off before a retry, doubled each time (Retry-After wins when the service sends it)",
        minimum=0,
        maximum=600000,
    ),
    SettingSpec(
        "fetch_timeout_s",
        int,
        30,
        "seconds to wait for a remote source to answer",
        minimum=1,
        maximum=600,
    ),
)

_BY_NAME = {spec.name: spec for spec in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated settings; build with :func:`load_settings`."""

    database_url: str = "sqlite:///beleidsmonitor.sqlite"
    due_soon_days: int = 30
    analysis_seconds: int = 60
    analysis_memory_mb: int = 1024
    analysis_chunk_characters: int = CHUNK_CHARACTERS
    jobs: int = 0
    host: str = "127.0.0.1"
    port: int = 8000
    write_token: str = ""
    log_level: str = "WARNING"
    officielebekendmakingen_url: str = "https://zoek.officielebekendmakingen.nl"
    sru_url: str = "https://repository.overheid.nl/sru"
    tk_odata_url: str = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
    fetch_cache_dir: str = ".beleidsmonitor-cache"
    fetch_delay_ms: int = 1000
    fetch_retries: int = 4
    fetch_backoff_ms: int = 2000
    fetch_timeout_s: int = 30

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied and validated."""
        values = dataclasses.asdict(self)
        for name, raw in changes.items():
            values[name] = _coerce(_spec(name), raw)
        return Settings(**values)


def _spec(name: str) -> SettingSpec:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise SettingsError(name, f"unknown setting; known settings: {', '.join(sorted(_BY_NAME))}") from None


def _coerce(spec: SettingSpec, raw: object) -> Any:
    """``raw`` (from TOML, env or a keyword) converted to the setting's type, or SettingsError."""
    value: Any
    if spec.type is int:
        if isinstance(raw, bool):
            raise SettingsError(spec.name, f"expected an integer, got {raw!r}")
        try:
            value = int(str(raw).strip()) if isinstance(raw, str) else int(raw)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise SettingsError(spec.name, f"expected an integer, got {raw!r}") from None
        if spec.minimum is not None and value < spec.minimum:
            raise SettingsError(spec.name, f"must be at least {spec.minimum}, got {value}")
        if spec.maximum is not None and value > spec.maximum:
            raise SettingsError(spec.name, f"must be at most {spec.maximum}, got {value}")
        return value
    if not isinstance(raw, str):
        raise SettingsError(spec.name, f"expected a string, got {raw!r}")
    value = raw.strip()
    if spec.choices:
        value = value.upper()
        if value not in spec.choices:
            raise SettingsError(spec.name, f"allowed values are {', '.join(spec.choices)}; got {raw!r}")
    if spec.name == "database_url" and not value.startswith(("sqlite", "postgresql")):
        raise SettingsError(
            spec.name, f"allowed schemes are sqlite:/// and postgresql+psycopg://; got {raw!r}"
        )
    if spec.name.endswith("_url") and spec.name != "database_url":
        if not value.startswith(("http://", "https://")):
            raise SettingsError(spec.name, f"expected an http:// or https:// address; got {raw!r}")
        value = value.rstrip("/")
    return value


def load_settings(
    path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Load and validate the settings.

    Args:
        path: a TOML file with a table of settings (top level or under ``[beleidsmonitor]``).
        env: the environment to read ``BELEIDSMONITOR_*`` variables from; ``os.environ`` when None.
        overrides: values that win over file and environment (e.g. a ``--db`` option); None is ignored.

    Returns:
        The frozen settings.

    Raises:
        SettingsError: a value has the wrong type or is out of range, a name is unknown, or the file
            cannot be read.
    """
    environ: Mapping[str, str] = os.environ if env is None else env
    values: dict[str, Any] = {spec.name: spec.default for spec in SETTINGS}
    if path is not None:
        try:
            table = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError("file", f"{path} cannot be read as TOML: {exc}") from None
        nested = table.get("beleidsmonitor")
        if isinstance(nested, dict):
            table = nested
        for name, raw in table.items():
            values[name] = _coerce(_spec(name), raw)
    for spec in SETTINGS:
        if spec.env_var in environ:
            values[spec.name] = _coerce(spec, environ[spec.env_var])
    for name, raw in overrides.items():
        if raw is not None:
            values[name] = _coerce(_spec(name), raw)
    logger.debug("settings loaded from %s", path or "defaults/environment")
    return Settings(**values)
