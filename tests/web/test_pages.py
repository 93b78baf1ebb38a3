"""The HTML pages on the real app: content, as-of date, highlighting, links and escaping."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup

from beleidsmonitor.model import Span
from beleidsmonitor.register.store import Register
from beleidsmonitor.web.highlight import TypedSpan, highlight

AS_OF = "2014-06-01"
#: the hostile letter that conftest.py ingests next to the example
HOSTILE_ID = "kst-99999-1"


def _first_commitment_with(register: Register, word: str) -> int:
    return next(c.id for c in register.list_commitments() if word in c.quote)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/dossiers/32824",
        "/commitments",
        "/documents",
        "/documents/kst-32824-47",
        "/search",
        "/search?q=taal",
    ],
)
def test_pages_answer_html_in_dutch(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in response.text
    assert "Content-Security-Policy" in response.headers


def test_dossier_page_has_badges_counts_and_timeline(client: TestClient) -> None:
    html = client.get("/dossiers/32824", params={"as_of": AS_OF}).text
    assert 'value="2014-06-01"' in html
    assert "Stand per 1 juni 2014" in html
    for label in ("open", "binnenkort", "verlopen"):
        assert f">{label}</span>" in html
    assert "<svg" in html and 'class="as-of"' in html
    assert "peildatum 2014-06-01" in html
    assert "Meedoen en zelfredzaam zijn" in html


def test_as_of_date_changes_the_statuses(client: TestClient) -> None:
    early = client.get("/dossiers/32824", params={"as_of": "2013-12-20"}).text
    late = client.get("/dossiers/32824", params={"as_of": "2016-01-01"}).text
    assert late.count('class="badge st-overdue"') > early.count('class="badge st-overdue"')


def test_bad_as_of_date_is_a_dutch_400_page(client: TestClient) -> None:
    response = client.get("/dossiers/32824", params={"as_of": "morgen"})
    assert response.status_code == 400
    assert "JJJJ-MM-DD" in response.text


def test_commitment_page_highlights_its_quote(client: TestClient, web_register: Register) -> None:
    cid = _first_commitment_with(web_register, "arbeidsmarktmodule")
    html = client.get(f"/commitments/{cid}", params={"as_of": AS_OF}).text
    focus = re.search(r'<mark class="x x-commitment focus"[^>]*>(.*?)</mark>', html, re.S)
    assert focus is not None
    assert "U ontvangt" in focus.group(1)
    for field in ("Soort", "Wie", "Wat", "Termijn", "Onderbouwing", "Vermeldingen", "Geschiedenis"):
        assert field in html
    assert "Kamer informeren" in html


def test_document_page_types_every_extraction(client: TestClient) -> None:
    html = client.get("/documents/kst-32824-47").text
    for kind in ("commitment", "time", "reference", "amount", "organisation"):
        assert f'data-kind="{kind}"' in html


def test_references_link_inside_or_to_officielebekendmakingen(client: TestClient) -> None:
    hostile = client.get(f"/documents/{HOSTILE_ID}").text
    assert 'href="/documents/kst-32824-47"' in hostile
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-30950-62.html"' in hostile


def test_search_page_marks_hits(client: TestClient) -> None:
    html = client.get("/search", params={"q": "arbeidsmarktmodule"}).text
    assert '<mark class="hit">arbeidsmarktmodule</mark>' in html
    assert "kst-32824-47" in html


def test_search_page_filters(client: TestClient) -> None:
    html = client.get("/search", params={"q": "", "status": "overdue", "as_of": AS_OF, "kind": "action"}).text
    assert "st-overdue" in html
    assert "st-open" not in html.split("<h2>Toezeggingen")[1].split("<h2>Documenten")[0]


def test_unknown_page_is_a_404_page(client: TestClient) -> None:
    response = client.get("/commitments/999999")
    assert response.status_code == 404
    assert "Niet gevonden" in response.text


# --- nothing in a document becomes markup ---------------------------------------------------------


@pytest.mark.parametrize("path", [f"/documents/{HOSTILE_ID}", "/search?q=alert", "/commitments"])
def test_document_markup_is_escaped(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "&lt;script&gt;" in html
    assert "<script>alert(" not in html
    assert "<b>vet</b>" not in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == ['<script src="/static/app.js" defer>']


def test_document_markup_is_escaped_on_the_commitment_page(
    client: TestClient, web_register: Register
) -> None:
    cid = _first_commitment_with(web_register, "alert(2)")
    html = client.get(f"/commitments/{cid}").text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>']


def test_highlight_escapes_text_and_attributes() -> None:
    text = 'a <b>"x"</b> & c'
    out = highlight(text, [TypedSpan(2, 12, "time", title='"><script>', href="/d?a=1&b=<2>")])
    assert isinstance(out, Markup)
    assert str(out) == (
        'a <a href="/d?a=1&amp;b=&lt;2&gt;" class="x x-time" data-kind="time" title="&#34;&gt;&lt;script&gt;">'
        "&lt;b&gt;&#34;x&#34;&lt;/b&gt;</a> &amp; c"
    )


def test_highlight_nests_and_splits_crossing_spans() -> None:
    out = str(highlight("abcdef", [TypedSpan(0, 4, "commitment", anchor="c1"), TypedSpan(2, 6, "time")]))
    assert out == (
        '<mark class="x x-commitment" data-kind="commitment" id="c1">ab'
        '<mark class="x x-time" data-kind="time">cd</mark></mark>'
        '<mark class="x x-time" data-kind="time">ef</mark>'
    )


def test_highlight_drops_spans_outside_the_text() -> None:
    assert str(highlight("abc", [TypedSpan(2, 9, "time"), TypedSpan(2, 2, "time")])) == "abc"


def test_status_history_is_named_in_dutch() -> None:
    import datetime as dt

    from beleidsmonitor.outputs.labels import MONTHS, event_label, nl_date

    assert event_label("registered") == "vastgelegd"
    assert event_label("deadline moved") == "termijn verschoven"
    assert MONTHS[0] == "januari" and MONTHS[11] == "december"
    assert nl_date(dt.date(2013, 12, 19)) == "19 december 2013"


def test_a_long_register_shows_one_year_of_deadlines_at_a_time(web_register: Register) -> None:
    import dataclasses
    import datetime as dt

    from beleidsmonitor.model import Interval
    from beleidsmonitor.web.timeline import ONE_AXIS, choose_year

    base = web_register.list_commitments()[0]
    many = [
        dataclasses.replace(
            base, id=n, due=Interval(dt.date(2010 + n % 8, 1, 1), dt.date(2010 + n % 8, 6, 30))
        )
        for n in range(ONE_AXIS * 3)
    ]
    shown = choose_year(many, dt.date(2014, 7, 1), None)
    assert (shown.year, shown.years) == (2014, tuple(range(2010, 2018)))
    assert len(shown.commitments) == sum(1 for c in many if c.due and c.due.start.year == 2014)
    assert choose_year(many, dt.date(2030, 1, 1), None).year == 2017
    assert choose_year(many, dt.date(2014, 7, 1), 2011).year == 2011


@pytest.mark.parametrize("path", ["/commitments", "/search", "/rappel"])
def test_the_ministry_filter_takes_names_and_lists_the_valid_ones(client: TestClient, path: str) -> None:
    named = client.get(path, params={"ministry": "sociale zaken", "q": "taal", "as_of": AS_OF})
    coded = client.get(path, params={"ministry": "SZW", "q": "taal", "as_of": AS_OF})
    # the same page but for the form echoing what was typed
    assert named.status_code == 200
    assert re.sub(r'(value="|ministry=)sociale(%20|\+| )zaken', r"\1SZW", named.text) == coded.text
    unknown = client.get(path, params={"ministry": "Onderwijs", "q": "taal"})
    assert unknown.status_code == 400
    assert (
        "geen ministerie &#39;Onderwijs&#39; in het register; kies uit: SZW (Sociale Zaken en Werkgelegenheid)"
        in (unknown.text)
    )


def test_the_letter_page_counts_commitments_as_the_register_does(
    client: TestClient, web_register: Register
) -> None:
    html = client.get("/documents/kst-32824-47").text
    made_here = [c for c in web_register.list_commitments() if c.first_document_id == "kst-32824-47"]
    counted = re.search(r'<span class="x x-commitment">toezegging</span> (\d+)', html)
    assert counted is not None and int(counted.group(1)) == len(made_here)
    mentions = sum(c.mentions for c in made_here)
    assert mentions > len(made_here)
    assert f"({mentions} vermeldingen)" in html


def test_a_letter_without_a_dossier_number_is_no_broken_row(tmp_path: Path) -> None:
    from beleidsmonitor.pipeline import analyse_file
    from beleidsmonitor.register.store import open_register
    from beleidsmonitor.settings import load_settings
    from beleidsmonitor.web.app import create_app

    letter = tmp_path / "los.txt"
    letter.write_text(
        "Den Haag, 3 maart 2014\n\nIk stuur u voor de zomer van 2014 een rapport over de aanpak.\n\n"
        "De Minister van Sociale Zaken en Werkgelegenheid,\nL.F. Asscher\n",
        encoding="utf-8",
    )
    settings = load_settings(env={}, database_url=f"sqlite:///{tmp_path / 'r.sqlite'}")
    with open_register(settings) as register:
        register.ingest(analyse_file(letter))
        with TestClient(create_app(settings, register)) as client:
            html = client.get("/").text
    assert 'href="/dossiers/?' not in html
    assert ">zonder dossier</a>" in html


def test_the_timeline_draws_the_earliest_deadlines_of_a_full_year(
    client: TestClient, web_register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from beleidsmonitor.web.views import commitments as view

    monkeypatch.setattr(view, "TIMELINE_ROWS", 3)
    html = client.get("/commitments", params={"as_of": AS_OF, "year": "2014"}).text
    records = web_register.list_commitments(as_of=dt.date.fromisoformat(AS_OF))
    in_2014 = [r for r in records if r.due and (r.due.end or r.due.start).year == 2014]
    assert len(in_2014) > 3
    assert f"({len(in_2014)} met een termijn in dit jaar; de vroegste 3 getekend)" in html
    drawn = re.findall(r'<a href="/commitments/(\d+)\?as_of=[^"]*" class="bar-link">', html)
    # the earliest three deadlines of the year (the list's order), drawn by their start
    assert sorted(int(i) for i in drawn) == sorted(r.id for r in in_2014[:3])


def test_a_dossier_with_more_items_than_a_page_shows_counts_and_pages_on(
    client: TestClient, web_register: Register
) -> None:
    """Issue 11: the per-theme part shows 50 measures and commitments at a time with the totals; the
    next page, reached by its link (peildatum kept), shows the next ones and none of the first."""
    commitments = len(web_register.list_commitments(dossier="32824"))
    measures = len(web_register.list_measures(dossier="32824"))
    total = commitments + measures
    assert total > 50
    first = client.get("/dossiers/32824", params={"as_of": AS_OF}).text
    assert f"Maatregelen en toezeggingen 1–50 van {total}" in first
    assert f"{commitments} toezeggingen, {measures} maatregelen" in first
    assert 'rel="prev"' not in first
    link = re.search(r'<a rel="next" href="([^"]+)">Volgende pagina', first)
    assert link is not None
    href = link.group(1).replace("&amp;", "&")
    assert "as_of=2014-06-01" in href and "after=50" in href
    second = client.get(href.split("#")[0]).text
    end = min(100, total)
    assert f"Maatregelen en toezeggingen 51–{end} van {total}" in second
    assert 'rel="prev"' in second

    def shown(html: str) -> list[str]:
        part = html.split('id="per-thema"')[1]
        return re.findall(r'<a href="/commitments/(\d+)\?as_of=2014-06-01">', part)

    def measure_count(html: str) -> int:
        return html.split('id="per-thema"')[1].count('<span class="state state-')

    pages = [first, second]
    while 'rel="next"' in pages[-1]:
        nxt = re.search(r'<a rel="next" href="([^"]+)">', pages[-1])
        assert nxt is not None
        pages.append(client.get(nxt.group(1).replace("&amp;", "&").split("#")[0]).text)
    assert all(len(shown(p)) + measure_count(p) <= 50 for p in pages)
    assert len(shown(first)) + measure_count(first) == 50
    ids = [i for p in pages for i in shown(p)]
    assert len(ids) == len(set(ids)) == commitments
    assert not set(shown(first)) & set(shown(second))
    assert sum(measure_count(p) for p in pages) == measures


def test_the_summary_links_each_theme_to_the_page_it_starts_on(client: TestClient) -> None:
    html = client.get("/dossiers/32824", params={"as_of": AS_OF}).text
    links = re.findall(r'<a href="(/dossiers/32824\?as_of=2014-06-01&amp;after=(\d+)#theme-(\d+))">', html)
    assert links
    for href, after, theme in links:
        page = client.get(href.replace("&amp;", "&").split("#")[0]).text
        assert int(after) >= 0
        assert f'id="theme-{theme}"' in page


def test_a_negative_or_malformed_page_marker_is_a_400(client: TestClient) -> None:
    assert client.get("/dossiers/32824", params={"after": "-5"}).status_code == 400
    assert client.get("/dossiers/32824", params={"after": "x"}).status_code == 400


def test_a_long_overdue_list_shows_the_first_ones_and_links_to_all(
    client: TestClient, web_register: Register
) -> None:
    overdue = [
        c
        for c in web_register.list_commitments(as_of=dt.date(2016, 1, 1), dossier="32824")
        if c.status.value == "overdue"
    ]
    assert len(overdue) > 20
    html = client.get("/dossiers/32824", params={"as_of": "2016-01-01"}).text
    section = html.split("<h2>Verlopen toezeggingen")[1].split("</section>")[0]
    assert f"({len(overdue)})</h2>" in section
    assert section.count('<tr class="row-overdue">') == 20
    assert "De eerste 20 getoond" in section
    link = re.search(r'<a href="(/commitments\?[^"]+)">alle (\d+) verlopen toezeggingen', section)
    assert link is not None and int(link.group(2)) == len(overdue)
    href = link.group(1).replace("&amp;", "&")
    assert "as_of=2016-01-01" in href and "dossier=32824" in href and "status=overdue" in href
    listed = client.get(href).text
    assert f'<a href="/commitments/{overdue[0].id}?as_of=2016-01-01">' in listed
    assert 'class="row-overdue"' in listed and 'class="row-open"' not in listed


def test_an_excerpt_reads_only_its_window_and_shows_what_the_whole_document_would(
    web_register: Register,
) -> None:
    """A commitment's page reads the extractions around each quote, not the whole letter (a fuzzed
    letter of 18,518 extractions and 4,629 commitments took minutes to sweep page by page), and the
    excerpt it draws is the one the whole document gives."""
    from beleidsmonitor.register.overview import read_document
    from beleidsmonitor.web.document_markup import excerpt_markup, excerpt_window

    whole = read_document(web_register, "kst-32824-47")
    compared = 0
    for mention in whole.mentions[::7]:
        span = Span(mention.start, mention.end)
        window = excerpt_window(span)
        part = read_document(web_register, "kst-32824-47", window)
        assert 0 < len(part.extractions) < len(whole.extractions)
        assert all(e.start < window.end and e.end > window.start for e in part.extractions)
        assert mention in part.mentions and len(part.mentions) < len(whole.mentions)
        assert excerpt_markup(part, span, mention.commitment_id) == excerpt_markup(
            whole, span, mention.commitment_id
        )
        compared += 1
    assert compared >= 5
