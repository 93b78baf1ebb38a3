"""The progress report of the example dossier, checked against the gold annotation.

Every gold commitment is found among the mentions of one register entry (paired by quote as
evaluate.py pairs them, the same part preferred), and that entry appears exactly once in the
per-theme part of the report: under the theme of the first statement of the promise (``same_as``
chains lead to it) and with the deadline of the promise, the first one given among its statements.
The two gold commitments the extractor does not find are strict expected failures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from beleidsmonitor.evaluate import pair_items, quote_similarity
from beleidsmonitor.lang.nl import load_toml
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
            # a closing section ("Tot slot", "Ten slotte") is no theme: what stands under it is "Overig"
            theme = _ENUMERATOR.sub("", heading["text"])
            theme = NO_THEME if theme in load_toml("layout.toml")["headings"]["closing"] else theme
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
def entry_of(
    example_register: Register, records: tuple[CommitmentRecord, ...]
) -> dict[str, CommitmentRecord]:
    """Gold id → the register entry one of whose mentions states the gold quote."""
    mentions = [
        {"quote": m.quote, "part": m.part.value, "record": r}
        for r in records
        for m in example_register.get_commitment(r.id, as_of=AS_OF).mentions
    ]

    def similarity(g: dict[str, Any], m: dict[str, Any]) -> float:
        # the letter and the annex repeat some sentences word for word: prefer the same part
        return quote_similarity(g, m) + (0.01 if g["part"] == m["part"] else 0.0)

    pairs = pair_items(GOLD["commitments"], mentions, similarity, 0.5)
    return {g["id"]: m["record"] for g, m in pairs}


def _group(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The statements of one promise in document order: the root of the same_as chain and its repeats."""
    by_id = {c["id"]: c for c in GOLD["commitments"]}
    root = item
    while root["same_as"]:
        root = by_id[root["same_as"]]

    def root_of(c: dict[str, Any]) -> str:
        while c["same_as"]:
            c = by_id[c["same_as"]]
        return str(c["id"])

    return [c for c in GOLD["commitments"] if root_of(c) == root["id"]]


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


KNOWN_MISSES = {
    "c32": "an obligation of another ('Het netwerk zal ... op eigen benen moeten staan') names no act of the government",
    "c54": "a fact about the future ('zijn de gemeenten vanaf januari 2014 verantwoordelijk') is no commitment",
}


@pytest.mark.parametrize(
    "gold_id",
    [
        pytest.param(c["id"], marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c["id"]]))
        if c["id"] in KNOWN_MISSES
        else c["id"]
        for c in GOLD["commitments"]
    ],
)
def test_gold_commitment_in_report(
    gold_id: str, entry_of: dict[str, CommitmentRecord], markdown: str
) -> None:
    item = next(c for c in GOLD["commitments"] if c["id"] == gold_id)
    assert gold_id in entry_of, "no register entry states this promise"
    rows = _theme_rows(markdown, entry_of[gold_id])
    assert len(rows) == 1
    theme, row = rows[0]
    group = _group(item)
    assert theme == gold_theme(group[0])
    deadline = next((gold_due(c) for c in group if c["due"] is not None), None)
    assert due_label(deadline) in row


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


def test_closing_sections_are_no_themes(example_register: Register) -> None:
    from beleidsmonitor.register.overview import NO_THEME, dossier_overview, theme_and_topic

    overview = dossier_overview(example_register, "32824", dt.date(2014, 7, 1))
    themes = [t.theme for t in overview.themes]
    assert "Tot slot" not in themes and "Ten slotte" not in themes
    assert theme_and_topic(["Ten slotte"], {"Ten slotte": 2}) == (NO_THEME, "")
    assert theme_and_topic(["2 Grenzen stellen", "Tot slot"], {"2 Grenzen stellen": 2, "Tot slot": 3}) == (
        "Grenzen stellen",
        "Tot slot",
    )


def test_an_inferred_date_is_marked_in_the_report_and_on_the_pages(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from beleidsmonitor.pipeline import analyse_file
    from beleidsmonitor.register.store import open_register
    from beleidsmonitor.settings import load_settings
    from beleidsmonitor.web.app import create_app

    letter = Path(__file__).resolve().parents[1] / "documents" / "constructed" / "r3-vws-2023.txt"
    settings = load_settings(env={}, database_url=f"sqlite:///{tmp_path / 'r.sqlite'}")
    with open_register(settings) as register:
        register.ingest(analyse_file(letter))
        overview = dossier_overview(register, "25424", dt.date(2023, 6, 1))
        assert overview.inferred_dates == (("kst-25424-650", dt.date(2023, 2, 8)),)
        assert (
            "Datum afgeleid uit de tekst, niet gedrukt: kst-25424-650 (8 februari 2023)"
            in report_markdown(overview)
        )
        assert "<em>Datum afgeleid uit de tekst" in report_html(overview)
        with TestClient(create_app(settings, register)) as client:
            assert "8 februari 2023 (afgeleid)" in client.get("/documents").text
            assert "8 februari 2023 (afgeleid)" in client.get("/documents/kst-25424-650").text
