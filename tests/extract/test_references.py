"""Golden cases for find_references (tests/cases/references.toml), and the example letter's count."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from beleidsmonitor.extract.references import find_references
from beleidsmonitor.model import Footnote, Sentence, Span
from beleidsmonitor.vocab import Part

CASES = Path(__file__).parents[1] / "cases" / "references.toml"


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    input: str
    found: list[str]
    text: str | None = None
    submitters: list[str] | None = None
    xfail: str | None = None


def _cases() -> list[object]:
    rows = [Case(**row) for row in tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]]
    return [
        pytest.param(c, id=c.input, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
        for c in rows
    ]


@pytest.mark.parametrize("case", _cases())
def test_reference_case(case: Case) -> None:
    refs = find_references(case.input, ())
    assert [f"{r.kind} {r.id or '-'}" for r in refs] == case.found
    if case.text is not None:
        assert refs[0].text == case.text
    if case.submitters is not None:
        assert list(refs[0].submitters) == case.submitters


def test_reference_sentence_and_link() -> None:
    text = "Eerste zin. Zie Kamerstuk 32 824, nr. 7."
    sentences = (
        Sentence(Span(0, 11), text[0:11], Part.LETTER, 0, -1),
        Sentence(Span(12, len(text)), text[12:], Part.LETTER, 0, -1),
    )
    (ref,) = find_references(text, sentences)
    assert (ref.sentence, ref.span, ref.url) == (
        1,
        Span(16, 39),
        "https://zoek.officielebekendmakingen.nl/kst-32824-7.html",
    )


def test_citations_in_footnotes_count_at_their_marker() -> None:
    # GUIDELINES.md counts every citation, also one in a note; a note repeating the text's citation adds none
    text = "De motie Bikker2 vraagt om een plan. Zie ook Kamerstuk 31 839, nr. 9."
    sentences = (
        Sentence(Span(0, 36), text[0:36], Part.LETTER, 0, -1),
        Sentence(Span(37, len(text)), text[37:], Part.LETTER, 0, -1),
    )
    notes = (
        Footnote("2", "Kamerstuk 36 200 VI, nr. 41; zie www.rijksoverheid.nl.", Span(15, 16)),
        Footnote("3", "Kamerstuk 31 839, nr. 9.", Span(68, 69)),
        Footnote("4", "Handelingen II 2023/24, nr. 12, item 4.", None),
    )
    refs = find_references(text, sentences, notes)
    assert [(r.kind.value, r.id, r.span, r.sentence) for r in refs] == [
        ("motie", None, Span(3, 15), 0),
        ("kamerstuk", "kst-31839-9", Span(45, 68), 1),
        ("kamerstuk", "kst-36200-VI-41", Span(15, 16), 0),
        ("url", "www.rijksoverheid.nl", Span(15, 16), 0),
        ("handelingen", "h-tk-20232024-12-4", Span(len(text), len(text)), -1),
    ]
    assert refs[2].text == "Kamerstuk 36 200 VI, nr. 41"
