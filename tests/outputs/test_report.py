"""The progress report of the example dossier, checked against the gold annotation.

Every gold commitment that the extractor matched (paired by quote as evaluate.py pairs them) must
appear exactly once in the per-theme part of the report, under the theme the gold file places it
in, with its deadline, which must be the gold deadline (where the extractor dated it otherwise
the case is an expected failure that names both). Gold items the extractor missed, or that repeat an earlier promise
(``same_as``; the register merges them into the first), are skipped with that reason.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from beleidsmonitor.evaluate import pair_items, quote_similarity
from beleidsmonitor.model import Interval
from beleidsmonitor.outputs.labels import due_label
from beleidsmonitor.outputs.report import ReportFormat, render_report, report_html, report_markdown
from beleidsmonitor.register.overview import NO_THEME, dossier_overview
from beleidsmonitor.register.store import CommitmentRecord, Register

GOLD_FILE = Path(__file__).resolve().parents[1] / "data" / "kst-32824-47.gold.json"
GOLD: dict[str, Any] = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
AS_OF = dt.date(2014, 6, 1)
_ENUMERATOR = re.compile(r"^\d+\s+")


def gold_theme(item: dict[str, Any]) -> str:
    """The level-2 heading above the gold item's section, in the item's part (letter or annex)."""
    part, theme = "letter", NO_THEME
    found: dict[tuple[str, str], str] = {}
    for heading in GOLD["headings"]:
        if heading["level"] == 1:
            part, theme = "annex", NO_THEME
        elif heading["level"] == 2:
            theme = _ENUMERATOR.sub("", heading["text"])
        found.setdefault((part, heading["text"]), theme if heading["level"] > 1 else NO_THEME)
    return found[(item["part"], item["section"])]


def gold_due(item: dict[str, Any]) -> Interval | None:
    due = item["due"]
    if due is None:
        return None
    return Interval(dt.date.fromisoformat(due["start"]), dt.date.fromisoformat(due["end"]))


@pytest.fixture(scope="module")
def records(example_register: Register) -> tuple[CommitmentRecord, ...]:
    return example_register.list_commitments(as_of=AS_OF, dossier="32824")


@pytest.fixture(scope="module")
def matched(records: tuple[CommitmentRecord, ...]) -> dict[str, CommitmentRecord]:
    """Gold id → the register entry paired with it by quote."""
    by_quote = [{"quote": r.quote, "record": r} for r in records]
    pairs = pair_items(GOLD["commitments"], by_quote, quote_similarity, 0.5)
    return {g["id"]: p["record"] for g, p in pairs}


@pytest.fixture(scope="module")
def markdown(example_register: Register) -> str:
    return report_markdown(dossier_overview(example_register, "32824", AS_OF))


def _theme_rows(markdown: str, record: CommitmentRecord) -> list[tuple[str, str]]:
    """(theme heading, row) of each table row of ``record`` in the per-theme part of the report."""
    themed = markdown.split("## Voortgang per thema", 1)[1]
    theme, rows = "", []
    for line in themed.splitlines():
        if line.startswith("### "):
            theme = line[4:]
        elif line.startswith(f"| {record.id} | "):
            rows.append((theme, line))
    return rows


@pytest.mark.parametrize("gold_id", [c["id"] for c in GOLD["commitments"]])
def test_gold_commitment_in_report(gold_id: str, matched: dict[str, CommitmentRecord], markdown: str) -> None:
    item = next(c for c in GOLD["commitments"] if c["id"] == gold_id)
    if gold_id not in matched:
        reason = "repeats an earlier promise" if item["same_as"] else "not found by the extractor"
        pytest.skip(f"{gold_id}: {reason}")
    rows = _theme_rows(markdown, matched[gold_id])
    assert len(rows) == 1
    theme, row = rows[0]
    assert theme == gold_theme(item)
    record = matched[gold_id]
    assert due_label(record.due) in row
    if record.due != gold_due(item):
        pytest.xfail(f"{gold_id}: the extractor dated it {record.due}, the gold file {gold_due(item)}")
    assert due_label(gold_due(item)) in row


def test_report_opens_with_title_summary_and_overdue(
    markdown: str, records: tuple[CommitmentRecord, ...]
) -> None:
    lines = markdown.splitlines()
    assert lines[0] == "# Voortgang Agenda Integratie (dossier 32824)"
    assert "Stand per 1 juni 2014." in lines[2]
    assert markdown.index("## Samenvatting") < markdown.index("## Verlopen toezeggingen")
    assert markdown.index("## Verlopen toezeggingen") < markdown.index("## Voortgang per thema")
    total = next(line for line in lines if line.startswith("| **Totaal** |"))
    assert total.endswith(f"| {len(records)} |")
    overdue = markdown.split("## Verlopen toezeggingen", 1)[1].split("## Voortgang per thema", 1)[0]
    expected = sorted(r.id for r in records if r.status.value == "overdue")
    assert sorted(int(m) for m in re.findall(r"^\| (\d+) \|", overdue, re.M)) == expected


def test_report_lists_measures_with_their_state(markdown: str) -> None:
    assert re.search(r"^- Roma \(bijlage\): (afgerond|loopt|gepland|onbekend)$", markdown, re.M)


def test_html_report_is_one_escaped_page(example_register: Register) -> None:
    overview = dossier_overview(example_register, "32824", AS_OF)
    html = report_html(overview)
    assert html.startswith("<!doctype html>")
    assert "<h1>Voortgang Agenda Integratie (dossier 32824)</h1>" in html
    assert "<script" not in html
    assert "«taalketen»" in html
    assert html.count("<h3>") == len(overview.themes)
    assert render_report(overview, ReportFormat.HTML) == html


def test_markdown_cells_cannot_break_the_table() -> None:
    from beleidsmonitor.outputs.report import _cell

    assert _cell("a | b\nc") == "a \\| b c"
