"""Golden cases for find_measures ([[measure]] rows of tests/cases/commitments.toml)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from beleidsmonitor.extract.commitments import find_commitments
from beleidsmonitor.extract.measures import find_measures
from beleidsmonitor.model import DocumentMetadata, Heading, Sentence, Span, Structure
from beleidsmonitor.vocab import DocumentType, MeasureState, Part

CASES = Path(__file__).parents[1] / "cases" / "commitments.toml"
THEME = "Thema"


class MeasureCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    heading: str
    sentences: list[str]
    state: MeasureState
    xfail: str | None = None


def _cases() -> list[object]:
    rows = [MeasureCase(**row) for row in tomllib.loads(CASES.read_text(encoding="utf-8"))["measure"]]
    return [
        pytest.param(
            c, id=c.heading, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else []
        )
        for c in rows
    ]


def structure_for(heading: str, sentences: list[str]) -> tuple[str, Structure]:
    """A theme heading (level 2) with one topic heading (level 3) and its sentences."""
    text = f"{THEME}\n\n{heading}\n\n"
    headings = (
        Heading(THEME, 2, Span(0, len(THEME)), Part.LETTER),
        Heading(heading, 3, Span(len(THEME) + 2, len(THEME) + 2 + len(heading)), Part.LETTER),
    )
    spans = []
    for sentence in sentences:
        spans.append(Sentence(Span(len(text), len(text) + len(sentence)), sentence, Part.LETTER, 0, 1))
        text += sentence + " "
    metadata = DocumentMetadata(
        "kst-1-1", "1", "", "1", "", None, False, "", "", DocumentType.BRIEF, (), "", ""
    )
    return text.rstrip(), Structure(metadata, headings, (), tuple(spans), len(text))


@pytest.mark.parametrize("case", _cases())
def test_measure_case(case: MeasureCase) -> None:
    text, structure = structure_for(case.heading, case.sentences)
    commitments = find_commitments(text, structure, (), dt.date(2022, 9, 1))
    (measure,) = find_measures(text, structure, commitments)
    assert measure.state is case.state
    assert (measure.heading, measure.topic_path) == (case.heading, (THEME, case.heading))
    assert measure.sentences == tuple(range(len(case.sentences)))
    if case.state is not MeasureState.UNKNOWN:
        assert measure.evidence


def test_heading_with_subheadings_is_no_measure() -> None:
    text, structure = structure_for("Onderwerp", ["Er wordt een programma gestart."])
    only_theme = Structure(
        structure.metadata,
        structure.headings,
        (),
        tuple(Sentence(s.span, s.text, s.part, s.paragraph, 0) for s in structure.sentences),
        structure.annex_start,
    )
    assert find_measures(text, only_theme, ()) == ()
