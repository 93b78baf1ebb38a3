"""Bounded document ids: what a file's metadata, header or footer may make the id of a document.

A fuzzed header gave a document an id of thousands of characters, which a browser cannot request:
an id is read only in the form of an id (normalise/identifiers.py, ``is_document_id``), the numbers
of header and footer have at most six digits, and a document whose metadata names no usable id is
stored under its content id.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from beleidsmonitor.clean import clean
from beleidsmonitor.cli import app
from beleidsmonitor.extract.timex import find_past_days
from beleidsmonitor.model import SourceDocument, SourceHints, Structure
from beleidsmonitor.normalise.identifiers import is_document_id
from beleidsmonitor.pipeline import find_dated_days
from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import Settings
from beleidsmonitor.structure import build_structure
from beleidsmonitor.vocab import SourceFormat
from beleidsmonitor.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "documents" / "kst-32824-47.html"
BODY = "Den Haag, 19 december 2013 \n\nIk stuur u voor de zomer van 2014 een plan. \n"


def _structure(text: str, hints: SourceHints | None = None) -> Structure:
    source = SourceDocument(
        path="t.html", format=SourceFormat.HTML, text=text, sha256="", hints=hints or SourceHints()
    )
    return build_structure(clean(source), find_dated_days, find_past_days)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kst-32824-47", True),
        ("kst-33400-XV-105", True),
        ("kst-21501-02-1531", True),
        ("h-tk-20142015-12-3", True),
        ("stcrt-2015-1234", True),
        ("sha256-df1b4866366fa5d7", True),
        ("kst-" + "1" * 20 + "-" + "2" * 20 + "-" + "3" * 18, True),  # 64 characters
        ("kst-" + "1" * 20 + "-" + "2" * 20 + "-" + "3" * 19, False),  # 65
        ("kst-" + "9" * 5000 + "-1", False),
        ("kst-32824-47 extra", False),
        ("kst/32824/47", False),
        ("../kst-32824-47", False),
        ("kst-32824-47<script>", False),
        ("KST-32824-47", False),
        ("kst--47", False),
        ("kst-32824-", False),
        ("32824-47", False),
        ("", False),
    ],
)
def test_an_id_has_the_form_of_an_id_and_at_most_64_characters(text: str, expected: bool) -> None:
    assert is_document_id(text) is expected


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        (SourceHints(identifier="kst-32824-47"), "kst-32824-47"),
        (SourceHints(identifier="kst-" + "9" * 5000 + "-47"), ""),
        (SourceHints(identifier="kst-32824-47 " + "x" * 300), ""),
        (SourceHints(identifier="<script>alert(1)</script>"), ""),
        (SourceHints(dossier="32824", ondernummer="47"), "kst-32824-47"),
        (SourceHints(dossier="33400-XV", ondernummer="105"), "kst-33400-XV-105"),
        (SourceHints(dossier="9" * 5000, ondernummer="47"), ""),
        (SourceHints(dossier="32824", ondernummer="4" * 5000), ""),
        (SourceHints(dossier="32824/../x", ondernummer="47"), ""),
        # a bad identifier gives way to the dossier and ondernummer beside it
        (SourceHints(identifier="x" * 5000, dossier="32824", ondernummer="47"), "kst-32824-47"),
    ],
)
def test_metadata_that_cannot_be_an_id_is_dropped(hints: SourceHints, expected: str) -> None:
    assert _structure(BODY, hints).metadata.id == expected


def test_a_dropped_metadata_id_is_logged_with_its_start(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="beleidsmonitor.structure.metadata"):
        meta = _structure(BODY, SourceHints(identifier="kst-" + "9" * 5000)).metadata
    assert meta.id == ""
    [record] = caplog.records
    assert "identifier" in record.getMessage()
    assert "at most 64 characters" in record.getMessage()
    assert len(record.getMessage()) < 300  # the start of the value, not all of it


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("32 824 Integratiebeleid\nNr. 47 BRIEF VAN DE MINISTER\n\n", "kst-32824-47"),
        ("32 824 Integratiebeleid\nNr. 4" + "7" * 5000 + " BRIEF VAN DE MINISTER\n\n", ""),
        # no suffix of 5,000 letters: the line is the dossier and its title
        ("33 400 " + "X" * 5000 + " Begroting\nNr. 12 BRIEF\n\n", "kst-33400-12"),
    ],
)
def test_header_numbers_are_bounded(header: str, expected: str) -> None:
    assert _structure(header + BODY).metadata.id == expected


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        ("Tweede Kamer, vergaderjaar 2012–2013, 32 824, nr. 47 3", "kst-32824-47"),
        ("Tweede Kamer, vergaderjaar 2012–2013, 32 824, nr. 4" + "7" * 5000 + " 3", ""),
    ],
)
def test_footer_numbers_are_bounded(footer: str, expected: str) -> None:
    assert _structure(f"{BODY}\n{footer} \n").metadata.id == expected


HUGE = "kst-" + "9" * 5000 + "-47"


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        # the dossier and ondernummer beside the identifier still name the Kamerstuk
        ({"DC.identifier": HUGE}, "kst-32824-47"),
        # nothing usable in the metadata: the page's printed header names the Kamerstuk
        (
            {
                "DC.identifier": HUGE,
                "OVERHEIDop.dossiernummer": "9" * 5000,
                "OVERHEIDop.ondernummer": "4" * 5000,
            },
            "kst-32824-47",
        ),
    ],
)
def test_an_html_letter_with_a_huge_identifier_gets_an_id_a_browser_can_request(
    tmp_path: Path, settings: Settings, metadata: dict[str, str], expected: str
) -> None:
    page = HTML.read_text(encoding="utf-8")
    for name, value in metadata.items():
        old = re.search(f'name="{re.escape(name)}" content="[^"]*"', page)
        assert old is not None
        page = page.replace(old.group(0), f'name="{name}" content="{value}"', 1)
    hostile = tmp_path / "letter.html"
    hostile.write_text(page, encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(hostile), "--jobs", "1", "--db", settings.database_url])
    assert result.exit_code == 0, result.output
    with open_register(settings) as register:
        [stored] = register.document_ids()
    assert stored == expected
    client = TestClient(create_app(settings))
    assert client.get(f"/documents/{stored}").status_code == 200
    assert client.get(f"/api/documents/{stored}").json()["document"]["id"] == stored


def test_a_longer_id_in_a_url_is_refused_in_dutch(settings: Settings) -> None:
    open_register(settings).close()
    client = TestClient(create_app(settings))
    long_id = "kst-" + "9" * 200
    page = client.get(f"/documents/{long_id}")
    assert page.status_code == 400
    assert "document_id: is te lang (hoogstens 64 tekens)" in page.text
    api = client.get(f"/api/documents/{long_id}")
    assert api.status_code == 422
    assert api.json()["detail"] == "document_id: is te lang (hoogstens 64 tekens)"


@pytest.mark.parametrize("command", ["extract", "parse"])
def test_an_id_option_that_is_no_id_is_a_usage_error(tmp_path: Path, command: str) -> None:
    letter = tmp_path / "brief.txt"
    letter.write_text(BODY, encoding="utf-8")
    result = CliRunner().invoke(app, [command, str(letter), "--id", "kst-" + "9" * 100])
    assert result.exit_code == 2
    flat = " ".join(result.output.replace("│", " ").split())  # the message as Rich boxes and wraps it
    assert "is not a document id such as kst-32824-47 (letters, digits and hyphens, at most 64" in flat
    day = dt.date(2013, 12, 19).isoformat()
    ok = CliRunner().invoke(app, [command, str(letter), "--id", "kst-32824-47", "--date", day])
    assert ok.exit_code == 0, ok.output
    assert "kst-32824-47" in ok.output
