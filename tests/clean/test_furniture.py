"""Footnote markers: found only where the number is glued to a word or its punctuation."""

from __future__ import annotations

import pytest

from beleidsmonitor.clean.furniture import find_marker, marker_pattern

CASES = [
    # (text, number, start, offset of the marker or -1)
    ("bijgevoegd1 en verder", "1", 0, 10),
    ("in 2021 bijgevoegd1", "1", 0, 18),  # the 1 of 2021 is no marker: a digit before it
    ("gemeenten.2 Daarna", "2", 0, 10),
    ("(zie bijlage)3 verder", "3", 0, 13),
    ("artikel 1 van de wet", "1", 0, -1),  # a space before it
    ("brief12 en brief1", "1", 0, 16),  # "12" is not marker 1
    ("brief12 en brief1", "12", 0, 5),
    ("woord1 en woord1.", "1", 6, 15),  # from a start: the look-behind sees the letter before it
    ("woord1", "1", 5, 5),
    ("woord1", "1", 6, -1),
    ("over het tweede kwartaal van 20181. De", "1", 0, 33),  # glued to a year
    ("het getal 120181 telt", "1", 0, -1),  # six digits: no year before the number
]


@pytest.mark.parametrize(("text", "number", "start", "offset"), CASES)
def test_find_marker(text: str, number: str, start: int, offset: int) -> None:
    assert find_marker(text, number, start) == offset
    found = marker_pattern(number).search(text, start)
    assert (found.start() if found else -1) == offset
