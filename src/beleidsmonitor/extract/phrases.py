"""Fast ways to find what a pattern finds: fixed phrases by dictionary lookup, and patterns tried only
near the anchors every match must hold.

Whole-word occurrences of fixed phrases (gazetteer names, role words) by dictionary lookup:

A regex alternation of a few hundred phrases is tried at every position of a text; here the text's
words that can open a phrase are found by one cheap pattern, and each is looked up by its first word
in a dictionary of the phrases. The result is the one ``(?<![^\\W_])(?:p1|p2|…)(?![^\\W_])`` with the
phrases longest first would give: the longest phrase that starts a word there and ends one, scanning on
after each match.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

#: a run of letters and digits: what the word boundaries of the phrases are made of
_RUN = re.compile(r"[^\W_]+")


class PhraseMatcher:
    """Finds whole-word occurrences of fixed phrases in a text, longest phrase first."""

    __slots__ = ("_by_first", "_starts")

    def __init__(self, phrases: Iterable[str]) -> None:
        """Index ``phrases`` by their first word; each must begin with a letter or a digit."""
        self._by_first: dict[str, list[str]] = {}
        firsts: set[str] = set()
        for phrase in sorted(set(phrases), key=len, reverse=True):
            first = _RUN.match(phrase)
            if first is None:
                raise ValueError(f"a phrase must begin with a letter or a digit: {phrase!r}")
            self._by_first.setdefault(first[0], []).append(phrase)
            firsts.add(phrase[0])
        chars = "".join(re.escape(c) for c in sorted(firsts))
        self._starts = re.compile(rf"(?<![^\W_])[{chars}][^\W_]*" if chars else r"(?!)")

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, phrase) of each occurrence in ``text``, in order, not overlapping."""
        pos = 0
        size = len(text)
        for word in self._starts.finditer(text):
            start = word.start()
            if start < pos:
                continue
            for phrase in self._by_first.get(word[0], ()):
                end = start + len(phrase)
                if text.startswith(phrase, start) and (end == size or not text[end].isalnum()):
                    yield start, end, phrase
                    pos = end
                    break

    def starts(self, text: str) -> Iterator[int]:
        """Every position in ``text`` where some phrase starts a word and ends one (overlaps kept)."""
        size = len(text)
        for word in self._starts.finditer(text):
            start = word.start()
            for phrase in self._by_first.get(word[0], ()):
                end = start + len(phrase)
                if text.startswith(phrase, start) and (end == size or not text[end].isalnum()):
                    yield start
                    break


def find_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, for a pattern that can only match at ``starts``
    (ascending): it is tried there and nowhere else."""
    pos = 0
    for start in starts:
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), start + 1)


class FreeSpans:
    """Spans taken in any order and kept in text order, none overlapping another (as ``Span.overlaps``).

    A new span is checked against its neighbours only: against every span taken so far, a text with
    thousands of matches took quadratic time.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def take(self, start: int, end: int) -> int | None:
        """Take [start, end) when it overlaps no span taken: the index it then has in text order (after
        those with the same start); None when it overlaps one."""
        k = bisect.bisect_right(self._starts, start)
        if k < len(self._starts) and self._starts[k] < end:
            return None  # a later span begins inside this one (an empty one too)
        for j in range(k - 1, -1, -1):  # the earlier spans: up to the nearest one that is not empty
            if self._starts[j] < end and start < self._ends[j]:
                return None
            if self._ends[j] > self._starts[j]:
                break
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        return k


#: how far past its anchor a match of find_near may end
_MATCH_REACH = 2000


def find_near(
    pattern: re.Pattern[str], text: str, anchor: re.Pattern[str], reach: int
) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, for a pattern whose every match holds a match of
    ``anchor`` (a digit, a top-level domain) and begins at most ``reach`` characters before it on the
    same line: it is tried only there, so text without anchors costs one scan of a cheap pattern.

    The windows of the anchors of one line that overlap or touch are searched as one region, once:
    searched one by one, a line dense with anchors (a run of digits) would have every window of
    ``_MATCH_REACH`` characters searched again for each anchor in it.
    """
    pos = 0
    size = len(text)
    line_end = -1  # the end of the line of the last anchor, found once per line
    region: tuple[int, int, int] | None = None  # (start, end, line end) of the windows not searched yet
    for hit in anchor.finditer(text):
        if line_end < hit.end():
            line_end = text.find("\n", hit.end())
            if line_end < 0:
                line_end = size
        # no amount or citation runs on for _MATCH_REACH characters past its anchor; without this
        # bound every anchor of an endless line would search the rest of it (quadratic)
        low, high = hit.start() - reach, min(line_end, hit.end() + _MATCH_REACH)
        if region is not None and region[2] == line_end and low <= region[1]:
            region = (region[0], high, line_end)
            continue
        if region is not None:
            for m in pattern.finditer(text, max(pos, region[0]), region[1]):
                yield m
                pos = max(m.end(), m.start() + 1)
        region = (low, high, line_end)
    if region is not None:
        for m in pattern.finditer(text, max(pos, region[0]), region[1]):
            yield m
            pos = max(m.end(), m.start() + 1)
