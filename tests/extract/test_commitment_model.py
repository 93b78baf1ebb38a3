"""The learned commitment decision: its features, its label rule, the shipped weights and retraining."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from test_commitments import structure_for

from beleidsmonitor.evaluate import matches_gold_quote
from beleidsmonitor.extract.commitment_model import (
    CommitmentModel,
    feature_names,
    load_commitment_model,
    model_from_json,
)
from beleidsmonitor.extract.commitments import assess_sentence, commitment_candidates, find_commitments
from beleidsmonitor.model import Interval, Span, TimeExpression
from beleidsmonitor.pipeline import analyse_file

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT / "bench" / "train_commitments.py"
EXAMPLE = ROOT / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
ANCHOR = dt.date(2014, 6, 1)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("beleidsmonitor_bench_train", TRAIN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _time(sentence: str, text: str, start: dt.date, end: dt.date) -> tuple[TimeExpression, ...]:
    at = sentence.index(text)
    return (TimeExpression(Span(at, at + len(text)), text, Interval(start, end), 0),)


def test_features_of_a_promise_to_inform_the_chamber() -> None:
    sentence = "Ik zal uw Kamer voor de zomer informeren over de uitkomsten van de evaluatie."
    times = _time(sentence, "voor de zomer", ANCHOR, dt.date(2014, 7, 4))
    features = assess_sentence(sentence, times, ANCHOR).features
    assert {
        "rule:yes",
        "rule:future",
        "rule:actor_signatory",
        "time:future",
        "main:modality_future",
        "main:subject_signatory",
        "main:chamber_recipient",
        "main:act_inform",
        "main:future_time",
        "main:tense_present",
    } <= features
    assert not features & {"rule:no", "main:negated", "main:performative", "time:past", "main:passive"}


def test_features_of_the_performative_present() -> None:
    features = assess_sentence("Hierbij informeer ik u over de stand van zaken.", (), ANCHOR).features
    assert {"rule:no", "main:performative", "main:subject_signatory", "main:act_inform"} <= features
    assert "rule:yes" not in features and "time:future" not in features


def test_features_of_a_condition_name_the_block() -> None:
    sentence = "Indien de evaluatie daartoe aanleiding geeft, zal ik uw Kamer informeren."
    features = assess_sentence(sentence, (), ANCHOR).features
    assert {"rule:no", "rule_block:condition", "any:conditional", "any:role_condition"} <= features


def test_a_passive_names_its_agent() -> None:
    sentence = "Het rapport wordt door de inspectie in 2015 gepubliceerd."
    times = _time(sentence, "2015", dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    features = assess_sentence(sentence, times, ANCHOR).features
    assert {"main:passive", "main:agent_government_body", "main:act_deliver", "main:future_time"} <= features
    assert "main:agent_none" not in features


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # the same sentence, other white space and case
        ("Ik  zal uw KAMER voor de zomer informeren.", True),
        # the gold quote inside a longer sentence: containment lifts the similarity to 0.6
        ("Zoals gemeld: ik zal uw Kamer voor de zomer informeren.", True),
        # half the words in common is not enough
        ("Ik heb uw Kamer in de zomer geïnformeerd over de begroting.", False),
    ],
)
def test_label_rule_is_the_scorers_quote_match(quote: str, expected: bool) -> None:
    gold = [{"quote": "Ik zal uw Kamer voor de zomer informeren."}]
    assert matches_gold_quote(quote, gold) is expected


def test_every_feature_the_example_letter_gives_is_a_known_name() -> None:
    analysis = analyse_file(EXAMPLE, date=dt.date(2013, 12, 19))
    candidates = commitment_candidates(
        analysis.clean.text, analysis.structure, analysis.time_expressions, dt.date(2013, 12, 19)
    )
    produced = set().union(*(c.features for c in candidates))
    assert len(candidates) > 50
    assert produced - feature_names() == set()
    assert {"rule:yes", "rule:no", "main:modality_future", "pos:list_item"} <= produced


def test_the_shipped_model_loads_and_names_only_features_of_the_extractor() -> None:
    model = load_commitment_model()
    assert set(model.weights) - feature_names() == set()
    assert len(model.weights) >= 20
    assert {"real", "example"} <= set(model.trained_on)
    dt.date.fromisoformat(model.trained)
    # the decision table's verdict is the strongest single reading it was given
    assert model.weights["rule:yes"] > 0 > model.weights["main:negated"]


def test_a_model_file_of_the_wrong_shape_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match=r"broken\.json: not a commitment model"):
        model_from_json({"weights": [1.0], "intercept": 0.0}, "broken.json")


def test_the_learned_decision_shows_its_features_as_evidence() -> None:
    model = CommitmentModel(
        weights={"rule:yes": 2.0, "main:modality_future": 1.0, "main:act_inform": 0.5, "time:past": -3.0},
        intercept=-1.5,
        threshold=0.0,
        trained_on=("test",),
        trained="2026-12-03",
    )
    sentence = "Ik zal uw Kamer voor de zomer informeren over de evaluatie."
    text, structure = structure_for(sentence)
    times = _time(text, "voor de zomer", ANCHOR, dt.date(2014, 7, 4))
    (found,) = find_commitments(text, structure, times, ANCHOR, model)
    assert found.evidence == ("rule:yes", "main:modality_future", "main:act_inform")
    # log-odds -1.5 + 3.5 = 2.0: p = 0.88
    assert found.confidence == 0.88
    past = "Ik heb uw Kamer in 2013 geïnformeerd over de evaluatie."
    text, structure = structure_for(past)
    times = _time(text, "2013", dt.date(2013, 1, 1), dt.date(2013, 12, 31))
    assert find_commitments(text, structure, times, ANCHOR, model) == ()


def test_retraining_on_a_fixed_set_gives_the_same_weights(tmp_path: Path) -> None:
    bench = _bench()
    example = bench.Letter(
        name="example",
        group="example",
        features=(
            frozenset({"rule:yes", "main:modality_future"}),
            frozenset({"rule:no", "main:performative"}),
            frozenset({"rule:yes", "main:act_inform"}),
            frozenset({"rule:no", "time:past"}),
            frozenset({"rule:no", "main:modality_future"}),
        ),
        labels=(True, False, True, False, True),
        by_rules=(True, False, True, False, False),
        predicted=({"quote": "a"}, {"quote": "b"}, {"quote": "c"}, {"quote": "d"}, {"quote": "e"}),
        gold={"commitments": []},
    )
    first = bench.as_model(bench.train([example]), 0.0, ("example",))
    second = bench.as_model(bench.train([example]), 0.0, ("example",))
    assert first == second
    assert first.weights["main:modality_future"] > 0 > first.weights["main:performative"]
    written = tmp_path / "model.json"
    written.write_text(json.dumps(first.to_json()), encoding="utf-8")
    assert model_from_json(json.loads(written.read_text(encoding="utf-8"))) == first


def _letter(bench: ModuleType, name: str, features: list[set[str]], labels: list[bool]) -> object:
    return bench.Letter(
        name=name,
        group="real",
        features=tuple(frozenset(f) for f in features),
        labels=tuple(labels),
        by_rules=tuple(labels),
        predicted=tuple({"quote": f"{name} {n}"} for n in range(len(labels))),
        gold={"commitments": []},
    )


def test_the_dossier_of_a_letter_is_its_id_without_the_number() -> None:
    bench = _bench()
    assert bench.dossier(_letter(bench, "kst-21501-20-512", [], [])) == "21501-20"
    assert bench.dossier(_letter(bench, "kst-33400-XV-105", [], [])) == "33400-XV"
    assert bench.dossier(_letter(bench, "kst-32824-47", [], [])) == "32824"


def test_a_held_out_letter_is_scored_by_a_model_that_never_saw_it_or_its_dossier() -> None:
    bench = _bench()
    others = [
        _letter(bench, f"kst-{n}-1", [{"common"}, {"common", "past"}], [True, False]) for n in range(10, 16)
    ]
    first = _letter(bench, "kst-5-1", [{"shared"}], [True])
    second = _letter(bench, "kst-5-2", [{"shared"}], [True])
    training = [first, second, *others]
    # trained on the other dossiers only, "shared" is unknown: the score is the intercept
    _, _, intercept = bench.train(others)
    (by_dossier,) = bench.held_out_scores(training, [first], bench.dossier, False)
    assert by_dossier[0][0] == pytest.approx(intercept, abs=1e-6) and by_dossier[1] == 0.0
    # leave one letter out keeps the other letter of the dossier, whose "shared" candidate is a promise
    (by_letter,) = bench.held_out_scores(training, [first], lambda x: x.name, False)
    assert by_letter[0][0] > by_dossier[0][0] + 0.1
