"""The one vocabulary of Dutch labels (lang/nl/labels.toml): complete for every code, and how values read."""

from __future__ import annotations

import pytest

from beleidsmonitor.extract.commitment_model import feature_names
from beleidsmonitor.extract.commitments import evidence_codes
from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.outputs import labels
from beleidsmonitor.vocab import CommitmentKind, MeasureState, Part, Status, WatchSection


@pytest.mark.parametrize(
    ("table", "enum"),
    [
        ("status", Status),
        ("kind", CommitmentKind),
        ("measure_state", MeasureState),
        ("part", Part),
        ("watch_section", WatchSection),
    ],
)
def test_every_code_has_a_dutch_label(table: str, enum: type) -> None:
    # a status, kind or state added to vocab.py needs its label in lang/nl/labels.toml
    names = load_toml("labels.toml")[table]
    assert [m.value for m in enum if m.value not in names] == []


def test_every_cue_of_the_extractor_has_a_dutch_description() -> None:
    # a piece of evidence the commitment extractor can give needs its description in labels.toml [evidence]:
    # the commitment page shows it
    assert sorted(evidence_codes() - set(load_toml("labels.toml")["evidence"])) == []


def test_every_feature_of_the_learned_decision_has_a_dutch_description() -> None:
    # the learned decision shows its top features as evidence: each needs its scope and its name in labels.toml
    scopes, names = load_toml("labels.toml")["feature_scope"], load_toml("labels.toml")["feature"]
    evidence = load_toml("labels.toml")["evidence"]
    unnamed = [f for f in feature_names() if f.rpartition(":")[0] not in scopes]
    unnamed += [
        f
        for f in feature_names()
        if f.rpartition(":")[2] not in names and f.rpartition(":")[2] not in evidence
    ]
    assert unnamed == []
    assert labels.evidence_label("main:modality_future") == "hoofdzin: toekomende tijd (zal, gaan)"
    assert labels.evidence_label("rule:present_ahead").startswith(
        "beslistabel: tegenwoordige tijd met een termijn"
    )


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Status.OPEN, "open"),
        (Status.DUE, "binnenkort"),
        (Status.OVERDUE, "verlopen"),
        (Status.FULFILLED, "voldaan"),
    ],
)
def test_status_labels(status: Status, label: str) -> None:
    assert labels.status_label(status) == label
    assert labels.status_label(status.value) == label


@pytest.mark.parametrize(
    ("score", "label"),
    [(0.95, "hoog (95%)"), (0.8, "hoog (80%)"), (0.75, "gemiddeld (75%)"), (0.2, "laag (20%)")],
)
def test_confidence_in_words(score: float, label: str) -> None:
    assert labels.confidence_label(score) == label


def test_evidence_and_fields_in_dutch() -> None:
    assert labels.evidence_label("act_inform") == "informeren"
    assert labels.evidence_label("future_time") == "termijn ligt na de briefdatum"
    assert labels.field_label("due_end") == "uiterlijk"
    assert labels.nl_number(0.75) == "0,75"
