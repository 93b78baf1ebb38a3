"""Joins lines, deciding for a line-end hyphen whether it breaks a word or belongs to it.

Rules (GUIDELINES.md, "Text normalisation"): a word broken at a line end is joined
(``laagcon-`` + ``junctuur``); the hyphen stays where Dutch spelling needs it: at a vowel clash
(``decentralisatie-`` + ``uitkering``), after a part in capitals (``EU-`` + ``landen``), after a prefix
that is written with a hyphen (``niet-`` + ``westerse``), before a capital (``Noord-`` + ``Holland``),
and in a shortened coordination (``jeugd-`` + ``en gezondheidszorg``, which keeps its space too).
A web address split after ``://`` or ``/`` is joined without a space.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache

from beleidsmonitor.lang.nl import load_toml


class Join(Enum):
    """How two consecutive lines of one paragraph are put together."""

    SPACE = " "
    DROP_HYPHEN = ""
    KEEP_HYPHEN = "-"
    KEEP_HYPHEN_SPACE = "- "
    TOUCH = "/"


class _Rules:
    def __init__(self) -> None:
        data = load_toml("layout.toml")["hyphen"]
        self.vowel_clash = frozenset(data["vowel_clash"])
        self.coordination = frozenset(data["coordination"])
        self.prefixes = frozenset(data["prefixes"])


@cache
def _rules() -> _Rules:
    return _Rules()


_WORD_BEFORE_HYPHEN = re.compile(r"(\w+)-$")
_SEGMENT_BEFORE_HYPHEN = re.compile(r"([^\W\d_]+)-$")
_URL_END = re.compile(r"(?:https?://|www\.)\S*/$|https?://$", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def decide_join(left: str, right: str) -> Join:
    """How the line ``left`` (trailing white space removed) continues with the line ``right`` (stripped)."""
    if not left or not right:
        return Join.SPACE
    if left.endswith("/") and _URL_END.search(left) and not right[0].isspace():
        return Join.TOUCH
    if not left.endswith("-") or len(left) < 2 or not left[-2].isalpha():
        return Join.SPACE
    first = _FIRST_WORD.match(right)
    if first is None:
        return Join.SPACE
    rules = _rules()
    next_word = first.group(0)
    if next_word in rules.coordination and first.end() < len(right) and right[first.end()] == " ":
        return Join.KEEP_HYPHEN_SPACE
    if next_word in rules.coordination and first.end() == len(right):
        return Join.KEEP_HYPHEN_SPACE
    if not right[0].islower():
        return Join.KEEP_HYPHEN
    segment = _SEGMENT_BEFORE_HYPHEN.search(left)
    seg = segment.group(1) if segment else ""
    if len(seg) >= 2 and seg.isupper():
        return Join.KEEP_HYPHEN
    whole = _WORD_BEFORE_HYPHEN.search(left)
    if whole and whole.group(1).lower() in rules.prefixes and whole.group(1) == seg:
        return Join.KEEP_HYPHEN
    if (left[-2] + right[0]).lower() in rules.vowel_clash:
        return Join.KEEP_HYPHEN
    return Join.DROP_HYPHEN
