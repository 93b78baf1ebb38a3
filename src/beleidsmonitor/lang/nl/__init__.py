"""Dutch language data: loads each data file of this folder once.

The files hold words and patterns, no logic. Each is headed by a comment stating its purpose, its
consumer and its source. Typed views of a file live beside the module that consumes it; this module
only reads, caches and checks that a file parses.
"""

from __future__ import annotations

import csv
import tomllib
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def load_toml(name: str) -> dict[str, Any]:
    """The parsed TOML file ``name`` of this folder (cached)."""
    return tomllib.loads(_read(name))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of the text file ``name`` (cached)."""
    out = []
    for line in _read(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of the CSV file ``name`` (first non-comment line is the header; cached)."""
    lines = [ln for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines))
