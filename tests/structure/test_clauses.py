"""The clause analysis (structure/clauses.py) and the integrity of its word lists."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.structure.clauses import analyse_sentence, lemma_of
from beleidsmonitor.vocab import ActClass, ActorClass, ClauseRole, Modality, Tense


def _lists(table: dict[str, Any], prefix: str = "") -> list[tuple[str, list[Any]]]:
    out: list[tuple[str, list[Any]]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            out.extend(_lists(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            out.append((f"{prefix}{key}", value))
    return out


@pytest.mark.parametrize("name", ["clauses.toml", "acts.toml"])
def test_word_lists_have_no_duplicates_and_no_patterns(name: str) -> None:
    lists = _lists(load_toml(name))
    assert lists
    for key, values in lists:
        assert [v for v, n in Counter(values).items() if n > 1] == [], f"{name} {key}"
        assert not [v for v in values if any(c in v for c in "|*?{}()[]\\")], f"{name} {key}: a pattern"


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("toegezonden", "toezenden"),
        ("geïnformeerd", "informeren"),
        ("aangeboden", "aanbieden"),
        ("zal", "zullen"),
    ],
)
def test_lemmas(word: str, lemma: str) -> None:
    assert lemma_of(word) == lemma


def test_future_promise_to_the_chamber() -> None:
    (clause,) = analyse_sentence("Ik zal uw Kamer voor de zomer informeren over de uitkomsten.").clauses
    assert clause.role is ClauseRole.MAIN and clause.subject is ActorClass.SIGNATORY
    assert Modality.FUTURE in clause.modality and clause.chamber_recipient
    assert clause.acts == frozenset({ActClass.INFORM}) and not clause.negated


def test_separable_verb_and_intention_across_om_te() -> None:
    sentence = (
        "Met het oog daarop zet het kabinet zich in om het wetsvoorstel spoedig aan uw Kamer aan te bieden."
    )
    (clause,) = analyse_sentence(sentence).clauses
    assert clause.subject is ActorClass.CABINET and Modality.INTENTION in clause.modality
    assert ActClass.SEND in clause.acts and "aanbieden" in clause.lemmas


def test_relative_clause_inside_a_complement_leaves_the_outer_verb_with_it() -> None:
    sentence = "Ik laat u weten dat ik de toezegging die ik heb gedaan in het overleg zal afdoen."
    clauses = analyse_sentence(sentence).clauses
    roles = [c.role for c in clauses]
    assert roles == [ClauseRole.MAIN, ClauseRole.COMPLEMENT, ClauseRole.RELATIVE]
    complement, relative = clauses[1], clauses[2]
    assert Modality.FUTURE in complement.modality and "afdoen" in complement.lemmas
    assert relative.tense is Tense.PERFECT


def test_negation_and_contrast() -> None:
    (negated,) = analyse_sentence("Het kabinet zal geen nieuwe regeling openstellen.").clauses
    assert negated.negated
    clauses = analyse_sentence(
        "Afgesproken is dat u niet per fiche maar per brief zal worden geïnformeerd."
    ).clauses
    assert not clauses[-1].negated and clauses[-1].passive


def test_condition_and_performative() -> None:
    clauses = analyse_sentence("Indien de Raad van State instemt, zal ik de regeling aanpassen.").clauses
    assert clauses[0].role is ClauseRole.CONDITION
    (hereby,) = analyse_sentence("Hierbij bied ik u het jaarverslag over 2021 aan.").clauses
    assert hereby.performative and hereby.tense is Tense.PRESENT


def test_independent_body_as_subject() -> None:
    (clause,) = analyse_sentence("De Hoge Raad doet in het voorjaar uitspraak.").clauses
    assert clause.subject is ActorClass.INDEPENDENT


@pytest.mark.parametrize(
    "sentence",
    [
        "De Minister van Defensie nam deel aan de bijeenkomst.",
        "Het overleg vond plaats in Brussel.",
        "De staatssecretaris sprak met de burgemeesters.",
    ],
)
def test_past_forms_of_strong_verbs_put_the_clause_in_the_past(sentence: str) -> None:
    (clause,) = analyse_sentence(sentence).clauses
    assert clause.tense is Tense.PAST


@pytest.mark.parametrize(
    ("sentence", "this_letter"),
    [
        ("In deze vijfde voortgangsrapportage zal ik ingaan op de moties.", True),
        ("Na deze samenvatting zal ik de maatregelen toelichten.", True),
        ("In paragraaf 4 wordt u geïnformeerd over de kosten.", True),
        # a coming report, and "dit" before a noun that names no document
        ("In de volgende voortgangsrapportage zal ik ingaan op de moties.", False),
        ("In dit verband zal ik de maatregelen toelichten.", False),
    ],
)
def test_this_document_named_after_a_preposition(sentence: str, this_letter: bool) -> None:
    assert any(c.this_letter for c in analyse_sentence(sentence).clauses) is this_letter
