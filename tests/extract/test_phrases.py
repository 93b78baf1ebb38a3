"""The fast finders give exactly what the plain regex scan gives (extract/phrases.py, lang.nl alternations)."""

import re
from collections.abc import Iterator
from importlib import resources

import pytest

from beleidsmonitor.extract.phrases import PhraseMatcher, find_from, find_near
from beleidsmonitor.lang.nl import alternation, word_alternation

EXAMPLE = resources.files("beleidsmonitor").joinpath("examples/kst-32824-47.txt").read_text(encoding="utf-8")
PHRASES = [
    "Raad",
    "Raad van State",
    "Raad van",
    "CBS",
    "gemeenten",
    "Minister",
    "minister-president",
    "9 juni",
]
TEXTS = [
    EXAMPLE,
    "De Raad van State adviseert; de Raadsleden niet. CBS-cijfers, CBS2 en _CBS.",
    "minister-presidenten en de minister-president, Minister",
    "Raad van Staten? Raad van",
    "op 9 juni en 19 juni",
    "",
]


def _regex(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_])(?:{alternation(phrases)})(?![^\W_])")


@pytest.mark.parametrize("text", TEXTS)
def test_phrase_matcher_finds_what_the_alternation_finds(text: str) -> None:
    expected = [(m.start(), m.end(), m[0]) for m in _regex(PHRASES).finditer(text)]
    assert list(PhraseMatcher(PHRASES).finditer(text)) == expected


def test_phrase_matcher_prefers_the_longest_phrase_and_needs_word_ends() -> None:
    text = "De Raad van State en de Raadsleden; Raad van Staten"
    assert list(PhraseMatcher(PHRASES).finditer(text)) == [(3, 17, "Raad van State"), (36, 44, "Raad van")]
    assert list(PhraseMatcher(PHRASES).starts(text)) == [3, 36]


def test_a_phrase_must_open_with_a_letter_or_digit() -> None:
    with pytest.raises(ValueError, match="'«Kansen'"):
        PhraseMatcher(["«Kansen"])


@pytest.mark.parametrize("text", TEXTS)
def test_word_alternation_is_the_same_as_a_word_start_before_the_alternation(text: str) -> None:
    plain = re.compile(rf"(?<![^\W_])(?:{alternation(PHRASES)})")
    fast = re.compile(word_alternation(PHRASES))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_find_near_and_find_from_equal_a_scan_of_the_whole_text(text: str) -> None:
    money = re.compile(r"(?:ruim +)?(?:€ *)?\d+(?:,\d+)?(?: +miljoen)?")
    expected = [m.span() for m in money.finditer(text)]
    assert [m.span() for m in find_near(money, text, re.compile(r"\d+"), 12)] == expected
    role = re.compile(r"(?<![^\W_])(?:minister-president|Minister|minister)(?![^\W_])(?:,?\s+[A-Z]\w+)?")
    starts = PhraseMatcher(["minister-president", "Minister", "minister"]).starts(text)
    assert [m.span() for m in find_from(role, text, starts)] == [m.span() for m in role.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "1 2 3 4 5 6 7\n€ 8 miljoen",
        "tabel 12 34 56 € 78 miljoen 90 12\n34 € 56 en 78",
        "in 2013 2014 2015 2016 geen bedragen\n\n€ 1",
        "€ 5 en daarna 6 7 8 € 9 miljoen",
    ],
)
def test_find_near_skips_no_match_after_a_failed_search_of_the_line(text: str) -> None:
    # the anchors of a line after a search that found nothing are not searched again: the result is
    # still the scan of the whole text, also where a lookbehind reads before the search window
    euro = re.compile(r"(?<=€ )\d+(?: +miljoen)?")
    expected = [m.span() for m in euro.finditer(text)]
    assert expected
    assert [m.span() for m in find_near(euro, text, re.compile(r"\d+"), 12)] == expected


def test_find_near_searches_a_line_dense_with_anchors_once() -> None:
    # a line of 20,000 digits without an amount (a fuzzed PDF's "1(cid:10)" run): the windows of its
    # anchors overlap, and the characters searched stay near the line's length instead of
    # _MATCH_REACH (2,000) characters per digit
    text = "Een regel " + "1(cid:10)" * 20_000 + " en € 20 miljoen.\nNog € 3 miljoen."
    money = re.compile(r"€ *\d+(?:,\d+)?(?: +miljoen)?")
    searched = 0

    class Counting:
        def search(self, string: str, pos: int = 0, endpos: int = 1 << 62) -> re.Match[str] | None:
            nonlocal searched
            searched += min(endpos, len(string)) - pos
            return money.search(string, pos, endpos)

        def finditer(self, string: str, pos: int = 0, endpos: int = 1 << 62) -> Iterator[re.Match[str]]:
            nonlocal searched
            searched += min(endpos, len(string)) - pos
            return money.finditer(string, pos, endpos)

    found = [m[0] for m in find_near(Counting(), text, re.compile(r"\d+"), 12)]  # type: ignore[arg-type]
    assert found == ["€ 20 miljoen", "€ 3 miljoen"]
    assert searched < 2 * len(text)  # 400 million before


def test_free_spans_take_what_a_check_against_every_span_takes() -> None:
    import random

    from beleidsmonitor.extract.phrases import FreeSpans
    from beleidsmonitor.model import Span

    rng = random.Random(7)
    for _ in range(200):
        taken = FreeSpans()
        kept: list[Span] = []
        for _ in range(40):
            start = rng.randrange(60)
            span = Span(start, start + rng.choice((0, 1, 2, 5, 12)))
            free = all(not span.overlaps(s) for s in kept)
            index = taken.take(span.start, span.end)
            assert (index is not None) == free
            if index is not None:
                expected = sorted([*kept, span], key=lambda s: s.start)  # stable: after equal starts
                kept.insert(index, span)
                assert kept == expected
