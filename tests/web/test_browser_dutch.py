"""What a user sees, in real headless Chromium: the peildatum kept through navigation and Dutch
labels only, on every page; screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2014-07-01"
#: English codes and raw numbers that must never reach a page's visible text or tooltips
ENGLISH = re.compile(
    r"\b(?:open-end|due|overdue|fulfilled|inform_parliament|deliverable|action|under_way|planned|done|"
    r"come_back|future_time|present_with_time|past_time|registered|deadline moved|letter|annex)\b"
    r"|Zekerheid\s*0\.\d|\b0\.\d{2}\b"
)


def _visible_text(page: Any) -> str:
    """The page's rendered text plus every tooltip (title attributes and SVG titles)."""
    return str(
        page.evaluate(
            """() => document.body.innerText + "\\n" +
              [...document.querySelectorAll('[title]')].map(e => e.getAttribute('title')).join("\\n") + "\\n" +
              [...document.querySelectorAll('svg title')].map(e => e.textContent).join("\\n")"""
        )
    )


def test_the_peildatum_is_kept_through_navigation(page: Any, live_server: Any, artifacts: Path) -> None:
    page.goto(f"{live_server.url}/dossiers/32824?as_of={AS_OF}")
    bar = page.locator("svg.timeline a.bar-link").first
    bar_status = bar.locator("rect").get_attribute("class")
    bar.click()
    page.wait_for_url(re.compile(rf"/commitments/\d+\?as_of={AS_OF}$"))
    assert page.locator("#as_of").input_value() == AS_OF
    badge = page.locator("h1 .badge").get_attribute("class")
    assert badge.split()[-1].removeprefix("st-") == re.search(r"st-(\w+)", bar_status).group(1)
    page.screenshot(path=str(artifacts / "commitment-via-timeline.png"), full_page=False)
    page.get_by_role("link", name="Documenten", exact=True).click()
    page.wait_for_url(re.compile(rf"/documents\?as_of={AS_OF}$"))
    page.get_by_role("link", name="kst-32824-47").click()
    page.wait_for_url(re.compile(rf"/documents/kst-32824-47\?as_of={AS_OF}$"))
    page.get_by_role("link", name="Toezeggingen", exact=True).click()
    page.wait_for_url(re.compile(rf"/commitments\?as_of={AS_OF}$"))
    assert page.locator("input[name=as_of]").input_value() == AS_OF
    page.get_by_role("link", name="Overzicht", exact=True).click()
    page.wait_for_url(re.compile(rf"/\?as_of={AS_OF}$"))
    assert page.locator("#as_of").input_value() == AS_OF
    assert page.errors == []


#: every HTML page of the app: (screenshot name, route, address); "{commitment}" is filled in with a
#: commitment that has a deadline or a fulfilment. Filters, another dossier and error pages included.
PAGES = [
    ("overzicht", "/", "/?as_of=2014-07-01"),
    ("dossier", "/dossiers/{dossier}", "/dossiers/32824?as_of=2014-07-01"),
    ("dossier-opmaak", "/dossiers/{dossier}", "/dossiers/99999?as_of=2014-07-01"),
    ("toezeggingen", "/commitments", "/commitments?as_of=2014-07-01"),
    (
        "toezeggingen-gefilterd",
        "/commitments",
        "/commitments?as_of=2014-07-01&status=overdue&ministry=szw&kind=inform_parliament",
    ),
    ("toezegging", "/commitments/{commitment_id}", "/commitments/{commitment}?as_of=2014-07-01"),
    ("documenten", "/documents", "/documents"),
    ("document", "/documents/{document_id}", "/documents/kst-32824-47"),
    ("document-opmaak", "/documents/{document_id}", "/documents/kst-99999-1"),
    ("zoeken", "/search", "/search?q=taal&as_of=2014-07-01"),
    ("grafieken", "/grafieken", "/grafieken?as_of=2014-07-01"),
    ("rappel", "/rappel", "/rappel?as_of=2014-07-01"),
    ("rappel-ministerie", "/rappel", "/rappel?as_of=2014-07-01&ministry=Sociale%20Zaken"),
    # a register without write token refuses the login page: the error page speaks Dutch too
    ("inloggen", "/login", "/login"),
    ("niet-gevonden", "/commitments/{commitment_id}", "/commitments/999999"),
    ("foute-peildatum", "/commitments", "/commitments?as_of=1-7-2014"),
]


def _address(path: str, web_register: Any) -> str:
    if "{commitment}" not in path:
        return path
    chosen = next(c for c in web_register.list_commitments() if c.fulfilled_by or c.due)
    return path.replace("{commitment}", str(chosen.id))


def test_the_dutch_scan_covers_every_page(client: Any) -> None:
    # a page added to the app without a row in PAGES fails here
    html_routes = {
        path
        for path, operations in client.app.openapi()["paths"].items()
        if "text/html" in operations.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
    }
    assert {route for _, route, _ in PAGES} == html_routes


@pytest.mark.parametrize(("name", "route", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_speaks_dutch_only(
    page: Any, live_server: Any, artifacts: Path, web_register: Any, name: str, route: str, path: str
) -> None:
    page.goto(f"{live_server.url}{_address(path, web_register)}")
    text = _visible_text(page)
    assert len(text.split()) > 5  # a page, not an empty body
    assert ENGLISH.findall(text) == []
    page.screenshot(path=str(artifacts / f"nl-{name}.png"), full_page=False)
    # the refused login and the missing commitment are logged by the browser as failed loads
    assert [e for e in page.errors if "Failed to load resource" not in e] == []


class _Rendered(HTMLParser):
    """The text a browser shows of an HTML page (not scripts or styles) and its tooltips."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")
        self.parts += [value or "" for key, value in attrs if key in ("title", "aria-label", "placeholder")]

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _rendered_text(html: str) -> str:
    parser = _Rendered()
    parser.feed(html)
    return "\n".join(parser.parts)


@pytest.mark.parametrize("as_of", ["2014-01-15", "2014-07-01", "2016-01-01"])
def test_every_commitment_and_document_page_speaks_dutch_only(
    client: Any, web_register: Any, as_of: str
) -> None:
    # the rendered HTML of every instance of the pages with one item, at peildata where the statuses differ
    addresses = [f"/commitments/{c.id}?as_of={as_of}" for c in web_register.list_commitments()]
    addresses += [f"/documents/{d.id}?as_of={as_of}" for d in web_register.list_documents()]
    addresses += [
        f"/dossiers/{d}?as_of={as_of}" for d in sorted({d.dossier for d in web_register.list_documents()})
    ]
    leaks = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        found = ENGLISH.findall(_rendered_text(response.text))
        if found:
            leaks[address] = found
    assert len(addresses) > 50
    assert leaks == {}


def test_a_commitment_page_speaks_dutch_only(
    page: Any, live_server: Any, artifacts: Path, web_register: Any
) -> None:
    fulfilled_or_overdue = next(c for c in web_register.list_commitments() if c.fulfilled_by or c.due)
    page.goto(f"{live_server.url}/commitments/{fulfilled_or_overdue.id}?as_of={AS_OF}")
    text = _visible_text(page)
    # the letter's own words may hold anything; the labels around them may not
    fields = page.locator("dl.fields").inner_text() + page.locator("table.history").inner_text()
    assert ENGLISH.findall(fields) == []
    assert re.search(r"Zekerheid\s+(hoog|gemiddeld|laag) \(\d+%\)", text)
    official = page.locator("a.official")
    assert official.get_attribute("href") == "https://zoek.officielebekendmakingen.nl/kst-32824-47.html"
    page.screenshot(path=str(artifacts / "nl-toezegging.png"), full_page=True)


def test_the_charts_show_the_registers_counts(
    page: Any, live_server: Any, artifacts: Path, web_register: Any
) -> None:
    from beleidsmonitor.vocab import Status

    page.goto(f"{live_server.url}/grafieken?as_of={AS_OF}")
    records = web_register.list_commitments(as_of=__import__("datetime").date.fromisoformat(AS_OF))
    expected = {s.value: sum(1 for r in records if r.status is s) for s in Status}
    segments = page.locator(f'svg.status-chart rect[data-day="{AS_OF}"]')
    drawn = {
        segments.nth(i).get_attribute("data-status"): int(segments.nth(i).get_attribute("data-count"))
        for i in range(segments.count())
    }
    assert drawn == {k: v for k, v in expected.items() if v}
    bars = page.locator("svg.bar-chart").first.locator("rect.bar")
    assert [
        (bars.nth(i).get_attribute("data-key"), bars.nth(i).get_attribute("data-count"))
        for i in range(bars.count())
    ] == [(r.ministry, str(expected["overdue"])) for r in records[:1]]
    page.screenshot(path=str(artifacts / "grafieken.png"), full_page=True)
    page.locator("svg.bar-chart").first.locator("a").first.click()
    page.wait_for_url(re.compile(rf"/rappel\?as_of={AS_OF}&ministry=SZW$"))
    assert page.errors == []


def test_the_rappel_page(page: Any, live_server: Any, artifacts: Path, web_register: Any) -> None:
    from beleidsmonitor.vocab import Status

    day = __import__("datetime").date.fromisoformat(AS_OF)
    overdue = web_register.list_commitments(as_of=day, status=Status.OVERDUE)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Rappel", exact=True).click()
    page.fill("#as_of", AS_OF)
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url(re.compile(rf"/rappel\?as_of={AS_OF}"))
    assert page.locator("h2").first.inner_text().startswith("Sociale Zaken en Werkgelegenheid")
    assert page.locator("h3").first.inner_text().startswith("L.F. Asscher, Minister")
    rows = page.locator("table.rappel tbody tr")
    assert rows.count() == len(overdue)
    days = [int(rows.nth(i).locator("td.num").inner_text()) for i in range(rows.count())]
    assert days == sorted(days, reverse=True)
    page.screenshot(path=str(artifacts / "rappel.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename == f"rappel-{AS_OF}.xlsx"


def test_the_timeline_is_paged_per_year(
    page: Any, live_server: Any, artifacts: Path, web_register: Any
) -> None:
    day = __import__("datetime").date.fromisoformat(AS_OF)
    records = web_register.list_commitments(as_of=day)

    def ending_in(year: int) -> int:
        return sum(1 for r in records if r.due and (r.due.end or r.due.start).year == year)

    page.goto(f"{live_server.url}/commitments?as_of={AS_OF}")
    # few enough deadlines for one axis: all years at once, each year one click away
    assert page.locator("nav.years strong").inner_text() == "alle"
    page.locator("nav.years a", has_text="2014").click()
    page.wait_for_url(re.compile(r"year=2014"))
    assert page.locator("svg.timeline rect.bar").count() == ending_in(2014)
    assert page.locator("svg.timeline text.tick-label").first.text_content() == "jan"
    page.screenshot(path=str(artifacts / "tijdlijn-2014.png"), full_page=False)
    # another year with deadlines (which years have one follows the extractor: issue 8 changed them)
    other = next(
        t
        for t in page.locator("nav.years a").all_inner_texts()
        if t.strip().isdigit() and t.strip() != "2014"
    )
    page.locator("nav.years a", has_text=other.strip()).click()
    page.wait_for_url(re.compile(rf"year={other.strip()}"))
    assert page.locator("svg.timeline rect.bar").count() == ending_in(int(other)) > 0
    assert page.locator("input[name=as_of]").input_value() == AS_OF


def test_subscribe_to_a_dossiers_live_calendar_and_feed(
    page: Any, live_server: Any, artifacts: Path, web_register: Any
) -> None:
    import datetime as dt
    from xml.etree import ElementTree as ET

    from icalendar import Calendar

    page.goto(f"{live_server.url}/dossiers/32824?as_of={AS_OF}")
    href = page.get_by_role("link", name="agenda (iCalendar)").get_attribute("href")
    assert href == "/feeds/dossier/32824.ics"
    response = page.request.get(f"{live_server.url}{href}?as_of={AS_OF}")
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.body()).walk("VEVENT"))
    records = web_register.list_commitments(as_of=dt.date.fromisoformat(AS_OF), dossier="32824")
    assert len(events) == sum(1 for r in records if r.due is not None)
    by_title = {str(e["SUMMARY"]) for e in events}
    overdue = next(r for r in records if r.status.value == "overdue")
    from beleidsmonitor.outputs.labels import commitment_title

    assert commitment_title(overdue) in by_title and commitment_title(overdue).endswith("(verlopen)")
    assert all(str(e["URL"]).startswith(f"{live_server.url}/commitments/") for e in events)
    # the live feed is computed when fetched: a later peildatum gives later statuses, nothing frozen
    # (the calendar holds the deadlines from a year before the peildatum on: compare the events in both)
    later = Calendar.from_ical(page.request.get(f"{live_server.url}{href}?as_of=2015-01-01").body())
    earlier = {str(e["UID"]): str(e["SUMMARY"]) for e in events}
    both = {str(e["UID"]): str(e["SUMMARY"]) for e in later.walk("VEVENT") if str(e["UID"]) in earlier}
    assert sum("(verlopen)" in t for t in both.values()) > sum("(verlopen)" in earlier[u] for u in both)
    start = dt.date(2014, 1, 1)
    assert len(later.walk("VEVENT")) == sum(
        1
        for r in web_register.list_commitments(as_of=dt.date(2015, 1, 1), dossier="32824")
        if r.due is not None and (r.due.end or r.due.start) >= start
    )

    atom = page.request.get(f"{live_server.url}/feeds/ministerie/sociale%20zaken.atom?as_of={AS_OF}")
    assert atom.ok and atom.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.body())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    day = dt.date.fromisoformat(AS_OF)
    expected = [
        r
        for r in web_register.list_commitments(as_of=day, ministry="SZW")
        if r.status.value == "due" or (r.status.value == "overdue" and r.due and (day - r.due.end).days <= 31)
    ]
    assert len(entries) == len(expected) > 0
    titles = [e.find("a:title", ns).text or "" for e in entries]
    assert all(re.fullmatch(r"\d{5} — .+ \((binnenkort|verlopen)\)", t) for t in titles), titles
