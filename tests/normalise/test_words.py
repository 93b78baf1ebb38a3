"""Content words, ordinals and head nouns (normalise/words.py)."""

from __future__ import annotations

import pytest

from beleidsmonitor.normalise.words import content_stems, head_stem, ordinals, referent


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
        ("de uitkomsten daarvan", "uitkomst"),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronominal adverb: the sentence before
        ("Ik zal uw Kamer hierover zo snel mogelijk berichten.", set()),
        ("De uitkomsten daarvan deel ik in het najaar met uw Kamer.", set()),
        ("Ik stuur uw Kamer mijn reactie daarop.", set()),
        # a demonstrative before a noun: the nearest sentence before that names it
        ("Ik houd uw Kamer op de hoogte van het verdere verloop van dit overleg.", {"overleg"}),
        # an inflected adjective may stand between, so after a word in -e the next is read too
        ("Ik stuur u voor de zomer de uitwerking van deze nieuwe aanpak.", {"nieuw", "aanpak"}),
        ("Deze rapportage ontvangt u voor de zomer.", {"rapportag", "ontvang"}),
        # must-not: the letter acting now, a subject named in full, a time, a demonstrative pronoun
        ("Hierbij stuur ik uw Kamer de rapportage.", None),
        ("Ik zal uw Kamer over de pilot berichten.", None),
        ("Dit najaar ontvangt u de evaluatie.", None),
        ("Dit zal ik voor de zomer doen.", None),
    ],
)
def test_referent(text: str, expected: set[str] | None) -> None:
    assert referent(text) == (None if expected is None else frozenset(expected))


def test_content_stems_leave_out_pronominal_adverbs_and_today() -> None:
    assert content_stems("Vandaag bericht ik u hierover") == {"berich"}
