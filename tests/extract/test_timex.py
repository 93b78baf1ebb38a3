"""Golden cases for extract/timex.py (``[[case]]`` rows of tests/cases/timex.toml) and the integrity
of lang/nl/time.toml: it parses, and no list repeats or shadows an entry."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict

from beleidsmonitor.extract import timex
from beleidsmonitor.extract.timex import Tense, detect_tense, find_time_expressions, parse_time_expressions
from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Sentence, Span
from beleidsmonitor.vocab import Part

CASES = Path(__file__).parents[1] / "cases" / "timex.toml"
TABLE = tomllib.loads(CASES.read_text(encoding="utf-8"))
EXAMPLE = Path(__file__).parents[2] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
DATA = load_toml("time.toml")


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    input: str
    found: list[tuple[str, str, str]]
    anchor: dt.date = TABLE["anchor"]
    tense: Literal["past", "future"] | None = None
    xfail: str | None = None


ROWS = [Case(**row) for row in TABLE["case"]]


def _params(rows: list[Case]) -> list[Any]:
    return [
        pytest.param(c, id=c.input, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
        for c in rows
    ]


def _described(text: str, anchor: dt.date, tense: Tense | None) -> list[tuple[str, str, str]]:
    return [
        (m.text, m.interval.start.isoformat(), m.interval.end.isoformat() if m.interval.end else "open")
        for m in parse_time_expressions(text, anchor, tense)
    ]


@pytest.mark.parametrize("case", _params(ROWS))
def test_time_expression_case(case: Case) -> None:
    tense = Tense(case.tense) if case.tense else None
    assert _described(case.input, case.anchor, tense) == case.found


@pytest.mark.parametrize("case", _params([c for c in ROWS if c.tense is None]))
def test_find_agrees_with_parse_on_one_sentence(case: Case) -> None:
    sentence = Sentence(Span(0, len(case.input)), case.input, Part.LETTER, 0, -1)
    found = find_time_expressions(case.input, [sentence], case.anchor)
    described = [
        (t.text, t.interval.start.isoformat(), t.interval.end.isoformat() if t.interval.end else "open")
        for t in found
    ]
    assert described == case.found
    assert all(t.sentence == 0 and case.input[t.span.start : t.span.end] == t.text for t in found)


def test_find_numbers_sentences() -> None:
    text = "Het rapport is in maart verschenen. U ontvangt in maart de evaluatie."
    sentences = [
        Sentence(Span(0, 35), text[:35], Part.LETTER, 0, -1),
        Sentence(Span(36, len(text)), text[36:], Part.LETTER, 0, -1),
    ]
    found = find_time_expressions(text, sentences, dt.date(2013, 12, 19))
    assert [(t.sentence, t.interval.start) for t in found] == [
        (0, dt.date(2013, 3, 1)),
        (1, dt.date(2014, 3, 1)),
    ]


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("Op 12 juni heeft de expertmeeting plaatsgevonden.", Tense.PAST),
        ("De Kamer wordt in maart geïnformeerd.", None),
        ("U ontvangt in januari een brief.", Tense.FUTURE),
        ("Het rapport zal in maart verschijnen.", Tense.FUTURE),
        ("De campagne werd in juni gehouden.", Tense.PAST),
        ("Het is van belang dat de Kamer wordt geïnformeerd.", None),
    ],
)
def test_detect_tense(sentence: str, tense: Tense | None) -> None:
    assert detect_tense(sentence) is tense


@pytest.mark.parametrize(
    "text", [pytest.param(EXAMPLE.read_text(encoding="utf-8"), id="example"), *(c.input for c in ROWS)]
)
def test_head_scan_finds_what_finditer_finds(text: str) -> None:
    grammar = timex._grammar()
    low = timex._lowered(text)
    fast = [(m.start(), m.end()) for m in timex._point_matches(low, grammar)]
    assert fast == [(m.start(), m.end()) for m in grammar.point.finditer(low)]


# --- integrity of lang/nl/time.toml ---------------------------------------------------------------


def _lists(table: dict[str, Any], path: str = "") -> list[tuple[str, list[Any]]]:
    out: list[tuple[str, list[Any]]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            out.extend(_lists(value, f"{path}{key}."))
        elif isinstance(value, list):
            out.append((f"{path}{key}", value))
    return out


def _forms(*tables: str) -> list[str]:
    """The surface forms (case-folded) of the given tables or lists of time.toml."""
    out: list[str] = []
    for name in tables:
        node: Any = DATA
        for part in name.split("."):
            node = node[part]
        out.extend(" ".join(str(f).casefold().split()) for f in node)
    return out


@pytest.mark.parametrize("values", [pytest.param(v, id=k) for k, v in _lists(DATA)])
def test_time_list_has_no_duplicates(values: list[Any]) -> None:
    folded = [" ".join(str(v).casefold().split()) for v in values]
    assert [v for v, n in Counter(folded).items() if n > 1] == []


TABLES = [
    "months.names", "months.abbreviations", "weekdays", "seasons", "positions", "ordinals", "parts",
    "units", "unit_deixis", "season_deixis", "directions", "phrases", "relations",
]  # fmt: skip


@pytest.mark.parametrize("table", TABLES)
def test_time_table_keys_are_lower_case_and_unique_when_folded(table: str) -> None:
    forms = _forms(table)
    assert [f for f, n in Counter(forms).items() if n > 1] == []
    assert forms == [
        str(k) for k in (DATA[table] if "." not in table else DATA["months"][table.split(".")[1]])
    ]


@pytest.mark.parametrize(
    "slot",
    [
        # words that head a point: one form, one meaning
        ("months.names", "months.abbreviations", "seasons", "phrases"),
        # words before a number, season or unit
        ("positions", "ordinals", "weekdays", "articles.words"),
        ("season_deixis", "articles.words"),
        ("unit_deixis", "articles.words"),
        # prepositions before an expression
        ("relations", "ranges.openers", "ranges.kept_heads", "ranges.dropped_heads"),
        ("year_leads.words", "citation_marks.words"),
        ("tense.future", "tense.past", "tense.perfect_auxiliaries", "tense.passive_auxiliaries"),
    ],
)
def test_no_form_has_two_meanings_in_one_slot(slot: tuple[str, ...]) -> None:
    forms = [f for table in slot for f in set(_forms(table))]
    assert [f for f, n in Counter(forms).items() if n > 1] == []


ANCHOR = dt.date(2013, 12, 19)


@pytest.mark.parametrize("month", [*DATA["months"]["names"], *DATA["months"]["abbreviations"]])
def test_every_month_form_is_read(month: str) -> None:
    (found,) = parse_time_expressions(f"De brief van 3 {month} 2014 is verstuurd.", ANCHOR)
    assert (found.text, found.interval.start.month) == (
        f"3 {month} 2014",
        DATA["months"].get("names", {}).get(month) or DATA["months"]["abbreviations"][month],
    )


@pytest.mark.parametrize("relation", DATA["relations"])
def test_every_relation_is_kept_in_the_span(relation: str) -> None:
    text = f"De regeling geldt {relation} 1 juli 2014."
    (found,) = parse_time_expressions(text, ANCHOR)
    assert found.text == f"{relation} 1 juli 2014"


@pytest.mark.parametrize("phrase", DATA["not_annotated"]["phrases"])
def test_not_annotated_phrases_give_nothing(phrase: str) -> None:
    assert parse_time_expressions(f"Zo is het {phrase} gegaan.", ANCHOR) == []


@pytest.mark.parametrize("season", DATA["seasons"])
def test_every_season_is_read(season: str) -> None:
    (found,) = parse_time_expressions(f"Dit gebeurt {season} 2014.", ANCHOR)
    assert found.text == f"{season} 2014"


def test_a_clause_reaches_at_most_clause_reach_characters_from_its_expression() -> None:
    text = "Ik zal uw Kamer voor 1 oktober informeren " * 1000  # 42,000 characters, no sentence end
    span = timex.Span(21_000, 21_009)
    start, end = timex._clause(text, (0, 0, len(text)), span)
    assert (start, end) == (21_000 - timex.CLAUSE_REACH, 21_009 + timex.CLAUSE_REACH)
    short = "Ik zal uw Kamer voor 1 oktober informeren; zij besloot in mei."
    assert timex._clause(short, (0, 0, len(short)), timex.Span(21, 30)) == (0, short.index(";"))


def test_a_run_without_sentence_ends_dates_every_expression_by_its_own_verbs() -> None:
    """Fuzz seed 1 case 15234: 1,000 repeated lines without a full stop took minutes."""
    text = "Ik zal uw Kamer voor 1 oktober informeren\n" * 1000
    found = parse_time_expressions(text, dt.date(2019, 3, 14))
    assert len(found) == 1000
    assert {(m.text, m.interval.start, m.interval.end) for m in found} == {
        ("voor 1 oktober", dt.date(2019, 3, 14), dt.date(2019, 9, 30))
    }
