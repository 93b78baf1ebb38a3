"""The tracking gold of tests/data/chains/chains.json is well formed and quotes real letters exactly.

Every link and negative names letters of ../shared/corpus (pool/docs or real/docs); every quote is a
passage of the letter's clean text as the project's own cleaning produces it (read_document + clean),
compared after white space is collapsed and case folded, as the guidelines compare quotes. Dates are
those of the corpus manifests; a later letter is dated after the promise it is paired with.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from beleidsmonitor import read_document
from beleidsmonitor.clean import clean

ROOT = Path(__file__).resolve().parents[2]
CHAINS = ROOT / "tests" / "data" / "chains" / "chains.json"
CORPUS = ROOT.parent / "shared" / "corpus"
SETS = ("pool", "real")
RELATIONS = {"fulfils", "partly_fulfils", "reschedules", "repeats"}
KINDS = {"inform_parliament", "deliverable", "action"}

GOLD: dict[str, Any] = json.loads(CHAINS.read_text(encoding="utf-8"))
LINKS: list[dict[str, Any]] = GOLD["links"]
NEGATIVES: list[dict[str, Any]] = GOLD["negatives"]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _path(doc_id: str) -> Path:
    for name in SETS:
        path = CORPUS / name / "docs" / f"{doc_id}.txt"
        if path.is_file():
            return path
    raise AssertionError(f"{doc_id}: not in {CORPUS}/pool/docs nor {CORPUS}/real/docs")


@cache
def _clean_text(doc_id: str) -> str:
    return _fold(clean(read_document(_path(doc_id))).text)


@cache
def _dates() -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    for name in SETS:
        for row in json.loads((CORPUS / name / "manifest.json").read_text(encoding="utf-8")):
            if row.get("date"):
                dates[row["id"]] = dt.date.fromisoformat(row["date"])
    return dates


def _quotes(item: dict[str, Any]) -> list[tuple[str, str]]:
    """(document, quote) pairs of one link or negative."""
    pairs = [(item["promise"]["document"], item["promise"]["quote"])]
    later = item.get("evidence") or item["later"]
    quote = later.get("quote") or later.get("decoy_quote")
    if quote:
        pairs.append((later["document"], quote))
    return pairs


ALL = LINKS + NEGATIVES


def test_corpus_is_there() -> None:
    assert (CORPUS / "pool" / "manifest.json").is_file(), (
        f"{CORPUS} is missing: the chain gold needs ../shared"
    )


def test_ids_unique_and_counts() -> None:
    ids = [item["id"] for item in ALL]
    assert len(ids) == len(set(ids))
    assert len(LINKS) >= 5
    assert len(NEGATIVES) >= 5
    # more than one dossier, and more than one relation, so that the gold is not one series
    assert len({link["dossier"] for link in LINKS}) >= 4
    assert {link["relation"] for link in LINKS} >= {"fulfils", "partly_fulfils", "reschedules", "repeats"}


@pytest.mark.parametrize("item", ALL, ids=[item["id"] for item in ALL])
def test_quotes_occur_in_the_clean_text(item: dict[str, Any]) -> None:
    for doc_id, quote in _quotes(item):
        assert quote.strip(), f"{item['id']}: empty quote"
        assert _fold(quote) in _clean_text(doc_id), f"{item['id']}: quote not in {doc_id}: {quote!r}"


@pytest.mark.parametrize("item", ALL, ids=[item["id"] for item in ALL])
def test_later_letter_is_later(item: dict[str, Any]) -> None:
    dates = _dates()
    promise = item["promise"]["document"]
    later = (item.get("evidence") or item["later"])["document"]
    assert promise != later
    assert dates[promise] < dates[later], (promise, later)
    for part in (item["promise"], item.get("evidence") or item["later"]):
        if "date" in part:
            assert dt.date.fromisoformat(part["date"]) == dates[part["document"]], part["document"]


@pytest.mark.parametrize("link", LINKS, ids=[link["id"] for link in LINKS])
def test_link_fields(link: dict[str, Any]) -> None:
    assert link["relation"] in RELATIONS
    prefix = f"kst-{link['dossier']}-"
    assert link["promise"]["document"].startswith(prefix)
    assert link["evidence"]["document"].startswith(prefix)
    assert link["promise"]["kind"] in KINDS
    due = link["promise"]["due"]
    assert (due is None) == (link["promise"]["time_text"] is None)
    if due is not None:
        assert dt.date.fromisoformat(due["start"]) <= dt.date.fromisoformat(due["end"])
        assert _fold(link["promise"]["time_text"]) in _fold(link["promise"]["quote"])
    if link["relation"] == "reschedules":
        new = link["new_due"]
        assert "old_due" in link
        assert dt.date.fromisoformat(new["start"]) <= dt.date.fromisoformat(new["end"])
        assert dt.date.fromisoformat(new["end"]) > _dates()[link["evidence"]["document"]]
    if "delivered_in" in link:
        assert link["delivered_in"].startswith(prefix)
        assert link["relation"] in {"fulfils", "partly_fulfils"}
    assert link["note"].strip()


@pytest.mark.parametrize("negative", NEGATIVES, ids=[n["id"] for n in NEGATIVES])
def test_negative_fields(negative: dict[str, Any]) -> None:
    dossier = negative["dossier"]
    assert negative["promise"]["document"].startswith(f"kst-{dossier}-")
    later = negative["later"]["document"]
    # the later letter belongs to the same dossier (its id, or its header names the dossier number)
    number = dossier.split("-")[0]
    spaced = f"{number[:-3]} {number[-3:]}"
    assert later.startswith(f"kst-{dossier}-") or spaced in _clean_text(later)[:300], later
    assert negative["note"].strip()


def test_a_negative_never_repeats_a_link() -> None:
    linked = {
        (link["promise"]["document"], link["evidence"]["document"], _fold(link["promise"]["quote"]))
        for link in LINKS
    }
    for negative in NEGATIVES:
        key = (
            negative["promise"]["document"],
            negative["later"]["document"],
            _fold(negative["promise"]["quote"]),
        )
        assert key not in linked, negative["id"]
