"""Headings and their levels.

A heading is a block of one short line without closing punctuation (a question mark may close it:
"Wat is gepast gebruik?") that starts with a capital (or a number and a capital: "2.", "IV.", "§ 1"),
and is no caption ("Bron: IND"). Levels (GUIDELINES.md, "Headings"): 1 for the letter title and the annex
title; 2 for numbered themes ("1 Meedoen …", "2."), closing sections ("Tot slot", "Ten slotte")
and the unnumbered top sections of the letter; 3 for topics within a theme ("1.1 …", an
unnumbered heading under a numbered theme). Where plain text has lost the fonts, two signals
remain: a heading followed at once by another heading is one level above it, and a letter heading
that repeats a theme of the annex is at the theme's level.
Known misses: levels that only a font shows (bold against italic) in a letter without an annex.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.structure.blocks import Block
from beleidsmonitor.structure.parts import NAME, signature_pattern

_NUMBERED = re.compile(r"^(?:§\s*)?(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<rest>\S.*)$")
#: a footnote marker glued after closing punctuation ("toe.1")
_MARKER_AFTER_PUNCTUATION = re.compile(r"(?<=[.,:;!?])\d{1,2}$")
_ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})\.?\s+(?P<rest>[A-Z].*)$")
_URL = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)


@cache
def _closing() -> frozenset[str]:
    return frozenset(w.lower() for w in load_toml("layout.toml")["headings"]["closing"])


@cache
def _caption() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_toml("layout.toml")["headings"]["captions"])
    return re.compile(rf"^(?:{words})\s*:")


def is_heading_text(line: str) -> bool:
    """Whether a one-line block reads as a heading."""
    line = _MARKER_AFTER_PUNCTUATION.sub("", line.strip())
    if not line or len(line) > 120 or len(line.split()) > 14:
        return False
    if line[-1] in ".,:;!" or line[0] in "–-•*(«\"'" or _caption().match(line):
        return False
    if _URL.search(line) or signature_pattern().match(line):
        return False
    m = _NUMBERED.match(line) or _ROMAN.match(line)
    body = m.group("rest") if m else line
    if not body[:1].isupper():
        return False
    if not any(ch.isalpha() for ch in body):
        return False
    # a name on its own line (signature) is not a heading
    return not (NAME.match(line) and re.match(r"^(?:[A-Z]\.)+", line))


def strip_number(text: str) -> str:
    """The heading text without its leading number."""
    m = _NUMBERED.match(text) or _ROMAN.match(text)
    return m.group("rest") if m else text


def _numbered_level(text: str) -> int:
    m = _NUMBERED.match(text)
    if m:
        return min(2 + m.group("num").count("."), 4)
    return 2 if _ROMAN.match(text) else 0


def assign_levels(
    texts: Sequence[str], adjacent_next: Sequence[bool], titles: Sequence[bool], themes: frozenset[str]
) -> list[int]:
    """Levels for the headings of one part, in order.

    Args:
        texts: heading texts.
        adjacent_next: whether each heading is followed at once by another heading.
        titles: whether each heading is a title (level 1).
        themes: lower-cased, unnumbered texts of level-2 headings elsewhere (the annex's themes).
    """
    levels: list[int] = []
    part_numbered = any(_numbered_level(t) for t in texts)
    under_top = False
    for i, text in enumerate(texts):
        if titles[i]:
            levels.append(1)
            under_top = False
            continue
        num = _numbered_level(text)
        plain = strip_number(text).lower()
        if num:
            level = num
        elif plain in _closing():
            level = 2
        elif part_numbered:
            level = 2 if adjacent_next[i] and not under_top else 3
        elif plain in themes or (adjacent_next[i] and i + 1 < len(texts) and not titles[i + 1]):
            level = 2
        else:
            level = 3 if under_top else 2
        if level == 2 and (num or plain in themes or adjacent_next[i] or part_numbered):
            under_top = True
        elif level == 2 and plain in _closing():
            under_top = adjacent_next[i]
        levels.append(level)
    return levels


def heading_blocks(
    text: str, blocks: Sequence[Block], start: int, stop: int, skip: frozenset[int]
) -> list[int]:
    """Indices of the heading blocks among ``blocks[start:stop]``, except those in ``skip``."""
    found: list[int] = []
    for i in range(start, stop):
        if i in skip:
            continue
        block = blocks[i]
        if len(block.items) != 1 or i + 1 >= len(blocks):
            continue
        if is_heading_text(text[block.span.start : block.span.end]):
            found.append(i)
    return found
