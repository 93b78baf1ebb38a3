"""Dutch language data: loads each data file of this folder once.

The files hold words and patterns, no logic. Each is headed by a comment stating its purpose, its
consumer and its source. Typed views of a file live beside the module that consumes it; this module
only reads, caches and checks that a file parses.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable
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


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (so the longest form wins)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def word_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` that each start a word (no letter or digit before them).

    The same as ``(?<![^\\W_])(?:alternation)`` but written so that every branch opens with its first
    character and checks the word start after it (``m(?<![^\\W_]m)otie``): the regex engine then skips
    to the positions where one of those first characters stands instead of trying every position.
    """
    branches = []
    for w in sorted(set(words), key=len, reverse=True):
        first = re.escape(w[0])
        branches.append(f"{first}(?<![^\\W_]{first}){re.escape(w[1:])}")
    return "(?:" + "|".join(branches) + ")"
