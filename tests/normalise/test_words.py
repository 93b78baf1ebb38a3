"""Content words, ordinals and head nouns (normalise/words.py)."""

from __future__ import annotations

import pytest

from beleidsmonitor.normalise.words import head_stem, ordinals


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("de tweede rapportage", "rapportag"),
        ("de uitkomsten van", "uitkomst"),
        ("de uitkomsten van dat rapport", "uitkomst"),
        ("de tweede voortgangsrapportage van het programma", "voortgangsrapportag"),
        ("een handreiking over het werken", "handreik"),
        ("de evaluatie van de Jeugdwet en de reactie", "evaluati"),
        ("het plan dat ik heb opgesteld", "plan"),
        # must-not: no content word, or only function and time words
        ("", ""),
        ("de", ""),
        ("het komende jaar", ""),
    ],
    ids=lambda value: value or "(empty)",
)
def test_head_stem(phrase: str, head: str) -> None:
    assert head_stem(phrase) == head


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("de tweede voortgangsrapportage", {2}),
        ("de derde en de vierde rapportage", {3, 4}),
        # must-not: an enumeration, a name, a time
        ("ten tweede", set()),
        ("de Tweede Kamer", set()),
        ("in het derde kwartaal", set()),
        ("in de eerste plaats", set()),
    ],
)
def test_ordinals(text: str, numbers: set[int]) -> None:
    assert ordinals(text) == numbers
