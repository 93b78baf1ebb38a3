"""Golden cases for fulfilment evidence (tests/cases/fulfilments.toml) and its fields in a document."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from beleidsmonitor.extract.fulfilments import classify_fulfilment, find_fulfilment_evidence
from beleidsmonitor.model import Interval, Reference, Sentence, Span, TimeExpression
from beleidsmonitor.structure.clauses import analyse_sentence
from beleidsmonitor.vocab import FulfilmentKind, Part, ReferenceKind

CASES = Path(__file__).parents[1] / "cases" / "fulfilments.toml"


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    kind: str


def _cases() -> list[object]:
    rows = [Case(**row) for row in tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]]
    return [pytest.param(c, id=c.text) for c in rows]


@pytest.mark.parametrize("case", _cases())
def test_fulfilment_case(case: Case) -> None:
    result = classify_fulfilment(analyse_sentence(case.text))
    assert (result[0].value if result else "") == case.kind


def test_evidence_keeps_the_references_and_dates_of_its_sentence() -> None:
    first = "Zoals toegezegd in mijn brief van 12 mei 2015 (Kamerstuk 33 400, nr. 5) informeer ik u hierbij."
    second = "Ik zal u in 2016 opnieuw informeren."
    text = f"{first} {second}"
    sentences = (
        Sentence(Span(0, len(first)), first, Part.LETTER, 0, -1),
        Sentence(Span(len(first) + 1, len(text)), second, Part.LETTER, 0, -1),
    )
    date_at = text.index("12 mei 2015")
    ref_at = text.index("Kamerstuk 33 400, nr. 5")
    year_at = text.index("2016")
    times = (
        TimeExpression(
            Span(date_at, date_at + 11),
            "12 mei 2015",
            Interval(dt.date(2015, 5, 12), dt.date(2015, 5, 12)),
            0,
        ),
        TimeExpression(
            Span(year_at, year_at + 4), "2016", Interval(dt.date(2016, 1, 1), dt.date(2016, 12, 31)), 1
        ),
    )
    refs = (
        Reference(
            Span(ref_at, ref_at + 23),
            "Kamerstuk 33 400, nr. 5",
            ReferenceKind.KAMERSTUK,
            "kst-33400-5",
            "",
            (),
            0,
        ),
    )
    (evidence,) = find_fulfilment_evidence(sentences, times, refs)
    assert evidence.kind is FulfilmentKind.PROMISE
    assert evidence.quote == first and evidence.sentence == 0 and evidence.span == Span(0, len(first))
    assert [r.id for r in evidence.references] == ["kst-33400-5"]
    assert [d.text for d in evidence.dates] == ["12 mei 2015"]
    assert "toegezegd" in evidence.cue
