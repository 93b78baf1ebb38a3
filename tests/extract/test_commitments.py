"""Golden cases for find_commitments (tests/cases/commitments.toml), and the example letter's score."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from beleidsmonitor.evaluate import score
from beleidsmonitor.extract.commitment_model import load_commitment_model
from beleidsmonitor.extract.commitments import find_commitments
from beleidsmonitor.model import (
    DocumentMetadata,
    Heading,
    Interval,
    Sentence,
    Signatory,
    Span,
    Structure,
    TimeExpression,
)
from beleidsmonitor.outputs.extraction import analysis_to_dict
from beleidsmonitor.pipeline import analyse_file
from beleidsmonitor.vocab import CommitmentKind, DocumentType, Part

CASES = Path(__file__).parents[1] / "cases" / "commitments.toml"
EXAMPLE = Path(__file__).parents[2] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
GOLD = Path(__file__).resolve().parents[1] / "data" / "kst-32824-47.gold.json"
HEADING = "Uitvoering"


class Time(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    start: dt.date
    end: dt.date | None = None


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    anchor: dt.date
    times: list[Time]
    commitment: bool
    kind: CommitmentKind | None = None
    time_text: str = ""
    cut_off: bool = False
    xfail: str | None = None


def _cases() -> list[object]:
    rows = [Case(**row) for row in tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]]
    return [
        pytest.param(c, id=c.text, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
        for c in rows
    ]


def structure_for(sentence: str) -> tuple[str, Structure]:
    """A document of one heading and one sentence, signed by a minister."""
    text = f"{HEADING}\n\n{sentence}"
    start = len(HEADING) + 2
    metadata = DocumentMetadata(
        id="kst-1-1",
        dossier="1",
        suffix="",
        nr="1",
        vergaderjaar="",
        date=None,
        date_inferred=False,
        title="",
        dossier_title="",
        doc_type=DocumentType.BRIEF,
        signatories=(Signatory("A.B. Naam", "Minister", "SZW"),),
        ministry="SZW",
        addressee="",
    )
    structure = Structure(
        metadata=metadata,
        headings=(Heading(HEADING, 2, Span(0, len(HEADING)), Part.LETTER),),
        paragraphs=(),
        sentences=(Sentence(Span(start, len(text)), sentence, Part.LETTER, 0, 0),),
        annex_start=len(text),
    )
    return text, structure


def times_for(text: str, case: Case) -> tuple[TimeExpression, ...]:
    out = []
    for t in case.times:
        at = text.index(t.text)
        out.append(TimeExpression(Span(at, at + len(t.text)), t.text, Interval(t.start, t.end), 0))
    return tuple(out)


@pytest.mark.parametrize("case", _cases())
def test_commitment_case(case: Case) -> None:
    text, structure = structure_for(case.text)
    # the shipped decision: the learned model (extract/commitment_model.py)
    found = find_commitments(text, structure, times_for(text, case), case.anchor, load_commitment_model())
    if not case.commitment:
        assert found == ()
        return
    (commitment,) = found
    assert (commitment.kind, commitment.time_text or "") == (case.kind, case.time_text)
    assert commitment.quote == case.text
    assert commitment.section == HEADING
    assert commitment.topic_path == (HEADING,)


def test_commitment_fields() -> None:
    sentence = "Ik zal uw Kamer in 2015 en uiterlijk in 2016 informeren over de uitkomsten van de evaluatie."
    text, structure = structure_for(sentence)
    times = (
        TimeExpression(
            Span(text.index("2015"), text.index("2015") + 4),
            "2015",
            Interval(dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
            0,
        ),
        TimeExpression(
            Span(text.index("2016"), text.index("2016") + 4),
            "2016",
            Interval(dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
            0,
        ),
    )
    (c,) = find_commitments(text, structure, times, dt.date(2014, 6, 1))
    assert (c.actor, c.recipient, c.time_text, c.due) == (
        "Minister",
        "Tweede Kamer",
        "2015",
        Interval(dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
    )
    assert [t.text for t in c.also] == ["2016"]
    assert c.object == "de uitkomsten van de evaluatie"
    assert c.part is Part.LETTER and c.sentence == 0
    assert 0.5 <= c.confidence <= 1.0
    assert {"future", "actor_signatory", "act_inform", "future_time"} <= set(c.evidence)


def test_open_ended_time_gives_no_due() -> None:
    sentence = "Vanaf januari 2014 zal de GGD starten met het toezicht."
    text, structure = structure_for(sentence)
    at = text.index("Vanaf januari 2014")
    times = (TimeExpression(Span(at, at + 18), "Vanaf januari 2014", Interval(dt.date(2014, 1, 1), None), 0),)
    (c,) = find_commitments(text, structure, times, dt.date(2013, 12, 19))
    assert (c.time_text, c.due, c.actor) == ("Vanaf januari 2014", None, "de GGD")


def _tokens(value: object) -> set[str]:
    return set(re.findall(r"\w+", str(value).casefold()))


def _jaccard(a: object, b: object) -> float:
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def test_example_letter_f1() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    analysis = analyse_file(EXAMPLE, date=dt.date(2013, 12, 19))
    pred = analysis_to_dict(analysis)
    result = score(gold, pred)["commitments"]
    assert result.f1 >= 0.90, (result.missed, result.spurious)
    assert result.accuracies["kind_acc"] >= 0.85
    assert result.accuracies["due_end_acc"] >= 0.90
