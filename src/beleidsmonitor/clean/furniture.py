"""Page furniture: headers, footers and page numbers recognised; footnotes split off with their anchors.

Furniture lines are recognised by the patterns in ``lang/nl/layout.toml`` ([furniture]). A footnote is
a short block that opens with a number N after a blank line (or a line holding only N above it), where
the running text before it carries
an unused marker N glued to a word (``bijgevoegd1``, ``gemeenten.2``); markers are used in order, so a
numbered heading "1 Meedoen …" after footnote 1 is not taken for a footnote.
Known misses: footnotes without a glued marker, and multi-line footnotes that pdftotext interleaves
with the running text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from beleidsmonitor.lang.nl import load_toml


@cache
def _furniture_pattern() -> re.Pattern[str]:
    """The furniture line forms as one pattern: one match per line instead of one per form."""
    return re.compile("|".join(f"(?:{p})" for p in load_toml("layout.toml")["furniture"]["lines"]))


_LONE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")


def is_lone_number(line: str) -> bool:
    """Whether a line holds nothing but a number of at most three digits (a page or footnote number)."""
    return _LONE_NUMBER.match(line) is not None


def is_furniture(line: str, blank_around: bool) -> bool:
    """Whether a source line is a page header, footer or page number.

    A lone number counts only when a blank line or page edge stands next to it (``blank_around``).
    """
    if _furniture_pattern().match(line):
        return blank_around or not _LONE_NUMBER.match(line)
    return False


@cache
def _footnote_start() -> re.Pattern[str]:
    """A footnote's first line: "1 Kamerstuk …", or as a web page prints it, "Noot 1: Kamerstuk …"."""
    words = "|".join(re.escape(w) for w in load_toml("layout.toml")["footnotes"]["words"])
    return re.compile(rf"^\s*(?:(?:{words})\s+)?(\d{{1,2}})(?:\s+|:\s*)(\S.*)$")


def marker_pattern(number: str) -> re.Pattern[str]:
    """A footnote marker ``number`` glued to the end of a word or after its punctuation."""
    # also glued to a year ("het tweede kwartaal van 20181."): after four digits that read as a year
    return re.compile(
        rf"(?<=[a-zà-ÿ\)])(?:{number})(?=[\s\).,;:]|$)|(?<=[a-zà-ÿ][.,;:])(?:{number})(?=\s|$)"
        rf"|(?<=(?<!\d)(?:19|20)\d\d)(?:{number})(?=[\s\).,;:]|$)"
    )


def find_marker(text: str, number: str, start: int) -> int:
    """Offset of the first marker ``number`` in ``text`` at or after ``start``; -1 when none."""
    # every marker begins with the number itself: the pattern is tried only where the number stands
    # (its look-behind still sees the text before), not at every offset of the text
    pattern = marker_pattern(number)
    at = text.find(number, start)
    while at >= 0:
        if pattern.match(text, at):
            return at
        at = text.find(number, at + 1)
    return -1


def looks_like_footnote(block: Sequence[str]) -> tuple[str, str]:
    """(number, text) of a block that can be a footnote; empty strings when it cannot."""
    if not block or len(block) > 4:
        return "", ""
    m = _footnote_start().match(" ".join(block))
    # a note opens with a capital or a number ("2009Z21830/2009D58066.")
    if not m or not (m.group(2)[:1].isupper() or m.group(2)[:1].isdigit()):
        return "", ""
    return m.group(1), m.group(2).strip()
