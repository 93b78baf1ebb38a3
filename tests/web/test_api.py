"""The JSON API on the real app and a real SQLite register holding the example letter."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from beleidsmonitor.model import Analysis
from beleidsmonitor.register.search import SearchFilters, search_register
from beleidsmonitor.register.store import Register
from beleidsmonitor.vocab import Status

AS_OF = "2014-06-01"


def test_openapi_lists_every_api_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/dossiers",
        "/api/dossiers/{dossier}",
        "/api/commitments",
        "/api/commitments/{commitment_id}",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/measures",
        "/api/search",
    } <= set(paths)


def test_docs_pages_that_need_a_cdn_are_off(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404


def test_dossiers_count_the_example_commitments(client: TestClient, web_register: Register) -> None:
    dossiers = {d["dossier"]: d for d in client.get("/api/dossiers", params={"as_of": AS_OF}).json()}
    example = dossiers["32824"]
    total = len(web_register.list_commitments(dossier="32824"))
    assert example["documents"] == 1
    assert example["counts"]["total"] == total
    assert sum(example["counts"][s.value] for s in Status) == total


def test_overview_pages_hold_every_commitment_once(client: TestClient) -> None:
    """The overview is paged (issue 11: a bounded first part); following the next-page markers from
    the first page visits every measure and commitment exactly once, each page at most ``limit``."""
    params = {"as_of": AS_OF, "limit": "20"}
    ids: list[int] = []
    measures = 0
    themes: list[str] = []
    offsets: list[int] = []
    while True:
        response = client.get("/api/dossiers/32824", params=params)
        body = response.json()
        offsets.append(body["offset"])
        items = [c["id"] for t in body["themes"] for p in t["topics"] for c in p["commitments"]]
        shown = sum(len(p["measures"]) for t in body["themes"] for p in t["topics"])
        assert 0 < len(items) + shown <= 20
        ids += items
        measures += shown
        themes += [t["theme"] for t in body["themes"]]
        after = response.headers.get("X-Next-After")
        if not after:
            break
        assert response.headers["Link"].startswith("</api/dossiers/32824?")
        params["after"] = after
    assert len(offsets) > 2
    assert offsets == [20 * i for i in range(len(offsets))]
    assert len(ids) == len(set(ids)) == body["counts"]["total"]
    assert len(ids) + measures == body["items_total"]
    assert "Meedoen en zelfredzaam zijn" in themes


def test_overview_rejects_a_marker_that_is_not_a_count(client: TestClient) -> None:
    assert client.get("/api/dossiers/32824", params={"after": "abc"}).status_code == 422


def test_overdue_list_matches_the_status_filter(client: TestClient) -> None:
    overview = client.get("/api/dossiers/32824", params={"as_of": AS_OF}).json()
    overdue = client.get("/api/commitments", params={"as_of": AS_OF, "status": "overdue", "dossier": "32824"})
    assert sorted(overview["overdue"]) == sorted(c["id"] for c in overdue.json())
    assert all(c["due_end"] < AS_OF for c in overdue.json())


def test_status_changes_with_the_as_of_date(client: TestClient) -> None:
    before = client.get("/api/dossiers/32824", params={"as_of": "2013-12-20"}).json()["counts"]
    after = client.get("/api/dossiers/32824", params={"as_of": "2016-01-01"}).json()["counts"]
    assert before["overdue"] < after["overdue"]
    assert before["total"] == after["total"]


def test_commitment_filter_by_kind(client: TestClient) -> None:
    rows = client.get("/api/commitments", params={"kind": "inform_parliament"}).json()
    assert rows
    assert {r["kind"] for r in rows} == {"inform_parliament"}


def test_commitment_detail_has_mentions_and_history(client: TestClient) -> None:
    first = client.get("/api/commitments", params={"dossier": "32824"}).json()[0]
    detail = client.get(f"/api/commitments/{first['id']}", params={"as_of": AS_OF}).json()
    assert detail["commitment"]["quote"] == first["quote"]
    assert detail["mentions"][0]["document_id"] == "kst-32824-47"
    assert detail["history"][0]["event"]


def test_document_with_typed_extractions(client: TestClient) -> None:
    body = client.get("/api/documents/kst-32824-47").json()
    kinds = {e["kind"] for e in body["extractions"]}
    assert {"time", "reference", "amount", "organisation"} <= kinds
    for e in body["extractions"][:50]:
        assert body["text"][e["start"] : e["end"]] == e["text"]


def test_search_finds_the_arbeidsmarktmodule(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "arbeidsmarktmodule", "as_of": AS_OF}).json()
    quotes = [h["commitment"]["quote"] for h in body["commitments"]]
    assert any("arbeidsmarktmodule" in q for q in quotes)
    assert [d["id"] for d in body["documents"]] == ["kst-32824-47"]
    hits = [p["text"].lower() for h in body["commitments"] for p in h["snippet"] if p["hit"]]
    assert "arbeidsmarktmodule" in hits


def test_search_query_syntax_is_not_passed_to_fts(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": 'taal" OR NEAR(* ) AND "'})
    assert response.status_code == 200


def test_search_deadline_range(client: TestClient) -> None:
    body = client.get(
        "/api/search", params={"q": "", "due_from": "2014-03-01", "due_to": "2014-06-30", "as_of": AS_OF}
    ).json()
    ends = [h["commitment"]["due_end"] for h in body["commitments"]]
    assert ends
    assert all("2014-03-01" <= e <= "2014-06-30" for e in ends)
    assert body["documents"] == []


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/commitments/999999").status_code == 404
    assert client.get("/api/documents/kst-1-1").status_code == 404
    assert client.get("/api/dossiers/1").status_code == 404


def test_malformed_date_is_422(client: TestClient) -> None:
    assert client.get("/api/commitments", params={"as_of": "19-12-2013"}).status_code == 422


def test_api_is_read_only(client: TestClient) -> None:
    assert client.post("/api/commitments", json={}).status_code == 405
    assert client.delete("/api/commitments/1").status_code == 405


def test_search_on_sqlite_and_postgresql(register: Register, seed_letter: Analysis) -> None:
    """FTS5 on SQLite, the LIKE fallback on PostgreSQL: both find the same commitment."""
    results = search_register(register, "arbeidsmarktmodule", dt.date(2014, 6, 1))
    assert any("arbeidsmarktmodule" in h.commitment.quote for h in results.commitments)
    assert any(
        p.hit and p.text.lower() == "arbeidsmarktmodule" for h in results.commitments for p in h.snippet
    )
    narrowed = search_register(
        register, "arbeidsmarktmodule", dt.date(2014, 6, 1), SearchFilters(ministry="BZK")
    )
    assert narrowed.commitments == ()


@pytest.mark.parametrize("path", ["/api/dossiers", "/api/commitments", "/api/documents", "/api/measures"])
def test_lists_answer_non_empty_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"] == "application/json"
    assert isinstance(response.json(), list)
    assert response.json()


def test_the_api_keeps_english_codes_and_adds_the_dutch_labels(client: TestClient) -> None:
    items = client.get("/api/commitments", params={"as_of": "2014-07-01"}).json()
    overdue = next(i for i in items if i["status"] == "overdue")
    assert (overdue["status_label"], overdue["kind_label"] != "") == ("verlopen", True)
    assert overdue["bewindspersoon"] == "L.F. Asscher" and overdue["functie"] == "Minister"
    assert overdue["committee"] == "vaste commissie voor Sociale Zaken en Werkgelegenheid"
    # no register names it: derived from the ministry, and the page says so
    assert overdue["committee_derived"] is True
    page = client.get(f"/commitments/{overdue['id']}").text
    assert "vaste commissie voor Sociale Zaken en Werkgelegenheid (afgeleid van het ministerie)" in page
    assert overdue["url"] == "https://zoek.officielebekendmakingen.nl/kst-32824-47.html"
    detail = client.get(f"/api/commitments/{overdue['id']}", params={"as_of": "2014-07-01"}).json()
    first = detail["history"][0]
    assert (first["event"], first["event_label"], first["status_label"]) == (
        "registered",
        "vastgelegd",
        "open",
    )
    documents = client.get("/api/documents").json()
    example = next(d for d in documents if d["id"] == "kst-32824-47")
    assert example["date_inferred"] is False and example["url"].endswith("/kst-32824-47.html")


@pytest.mark.parametrize(
    "path", ["/api/commitments?as_of=2014-06-01", "/api/documents", "/api/dossiers", "/api/measures"]
)
def test_list_pages_follow_their_next_links_to_the_whole_list(client: TestClient, path: str) -> None:
    joiner = "&" if "?" in path else "?"
    everything = client.get(f"{path}{joiner}limit=1000")
    whole = everything.json()
    assert whole and "Link" not in everything.headers
    size = max(1, len(whole) // 3)
    items: list[object] = []
    url: str | None = f"{path}{joiner}limit={size}"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        items += response.json()
        link = response.headers.get("Link", "")
        url = link[1 : link.index(">")] if link else None
        if url:
            assert response.headers["X-Next-After"] and len(response.json()) == size
    assert items == whole


def test_an_unknown_page_marker_is_422_and_a_page_400(client: TestClient) -> None:
    assert client.get("/api/commitments", params={"after": "nonsense"}).status_code == 422
    assert client.get("/documents", params={"after": "nonsense"}).status_code == 400
