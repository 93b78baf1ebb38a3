"""The dashboard in real headless Chromium, as a person would use it; screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

AS_OF = "2014-06-01"


def _status_counts(page: Any) -> dict[str, int]:
    """The totals row of the summary table, by status class."""
    row = page.locator("table.counts tbody tr").last
    names = ["open", "due", "overdue", "fulfilled", "total"]
    return {
        name: int(row.locator(f"td.{'total' if name == 'total' else 'st-' + name}").inner_text())
        for name in names
    }


def test_overview_and_changing_the_as_of_date(page: Any, live_server: Any, artifacts: Path) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="32824").click()
    page.wait_for_url(re.compile(r"/dossiers/32824"))
    page.fill("#as_of", "2013-12-20")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url(re.compile(r"as_of=2013-12-20"))
    early = _status_counts(page)
    assert page.locator("svg.timeline rect.bar").count() > 10
    page.screenshot(path=str(artifacts / "dossier-2013-12-20.png"), full_page=False)

    page.fill("#as_of", AS_OF)
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url(re.compile(rf"as_of={AS_OF}"))
    later = _status_counts(page)
    assert later["total"] == early["total"]
    assert later["overdue"] > early["overdue"]
    assert page.locator("svg.timeline text.as-of-label").text_content() == f"peildatum {AS_OF}"
    assert page.locator("details.theme h3").first.is_visible()
    page.screenshot(path=str(artifacts / f"dossier-{AS_OF}.png"), full_page=True)
    assert page.errors == []


def test_open_a_commitment_and_see_its_quote_highlighted(
    page: Any, live_server: Any, artifacts: Path
) -> None:
    page.goto(f"{live_server.url}/dossiers/32824?as_of={AS_OF}")
    link = page.locator("ul.commitment-list a", has_text="arbeidsmarktmodule").first
    quote = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/commitments/\d+"))
    assert page.locator("blockquote.quote").inner_text() == quote
    focus = page.locator("mark.x-commitment.focus").first
    assert focus.is_visible()
    assert "arbeidsmarktmodule" in focus.inner_text()
    background = focus.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(artifacts / "commitment.png"), full_page=True)
    assert page.errors == []


def test_search_for_arbeidsmarktmodule(page: Any, live_server: Any, artifacts: Path) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Zoeken").click()
    page.fill("input[name=q]", "arbeidsmarktmodule")
    page.get_by_role("button", name="Zoek").click()
    page.wait_for_url(re.compile(r"q=arbeidsmarktmodule"))
    hits = page.locator("ul.hits mark.hit")
    assert hits.count() >= 2
    assert hits.first.inner_text().lower() == "arbeidsmarktmodule"
    page.screenshot(path=str(artifacts / "search.png"), full_page=True)
    page.locator("ul.hits a", has_text="arbeidsmarktmodule").first.click()
    page.wait_for_url(re.compile(r"/commitments/\d+"))
    assert "arbeidsmarktmodule" in page.locator("blockquote.quote").inner_text()


def test_follow_a_reference_link(page: Any, live_server: Any, artifacts: Path) -> None:
    page.goto(f"{live_server.url}/documents/kst-99999-1")
    # the cited letter is in the register: its link stays inside the dashboard
    page.locator('a.x-reference[href="/documents/kst-32824-47"]').first.click()
    page.wait_for_url(re.compile(r"/documents/kst-32824-47$"))
    assert page.locator("h1").inner_text() == "Voortgang Agenda Integratie"
    outside = page.locator("#doctext a.x-reference").first
    assert outside.get_attribute("href").startswith("https://zoek.officielebekendmakingen.nl/")
    page.screenshot(path=str(artifacts / "document.png"), full_page=False)


def test_extraction_toggles_switch_highlighting_off(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/documents/kst-32824-47")
    commitment = page.locator("#doctext mark.x-commitment").first
    before = commitment.evaluate("el => getComputedStyle(el).backgroundColor")
    page.locator("input[data-toggle=commitment]").uncheck()
    after = commitment.evaluate("el => getComputedStyle(el).backgroundColor")
    assert before != after


def test_hostile_document_runs_no_script(page: Any, live_server: Any, artifacts: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/documents/kst-99999-1")
    text = page.locator("#doctext").inner_text()
    assert "<script>alert(1)</script>" in text
    assert "<b>vet</b>" in text
    assert page.locator("#doctext b, #doctext script").count() == 0
    assert dialogs == []
    page.screenshot(path=str(artifacts / "hostile-document.png"), full_page=True)
