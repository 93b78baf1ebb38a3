"""officielebekendmakingen HTML: body only (no site chrome), metadata, lists and footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsmonitor.model import SourceDocument, SourceHints
from beleidsmonitor.sources import read_bytes, read_source
from beleidsmonitor.vocab import SourceFormat

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
HTML = DOCUMENTS / "kst-32824-47.html"


@pytest.fixture(scope="module")
def document() -> SourceDocument:
    return read_source(HTML)


def test_hints(document: SourceDocument) -> None:
    assert document.format is SourceFormat.HTML
    assert document.hints == SourceHints(
        identifier="kst-32824-47",
        title="Integratiebeleid; Brief regering; Voortgang Agenda Integratie",
        date="2013-12-19",
        dossier="32824",
        ondernummer="47",
        vergaderjaar="2013-2014",
    )


def test_site_chrome_is_left_out(document: SourceDocument) -> None:
    assert "Zoeken" not in document.text
    assert "Dit is een officiële uitgave" not in document.text
    assert "Overheid.nl" not in document.text
    assert document.text.startswith("Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2013–2014\n\n")


def test_footnote_is_delivered_apart(document: SourceDocument) -> None:
    assert document.footnotes == (("1", "Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer"),)
    assert "(bijlage bijgevoegd1). De rapportage" in document.text
    assert "Ter inzage gelegd" not in document.text


def test_same_text_as_xml(document: SourceDocument) -> None:
    assert document.text == read_source(DOCUMENTS / "kst-32824-47.xml").text


def test_lists_headings_signature(document: SourceDocument) -> None:
    assert "\n\n1 Meedoen en zelfredzaamheid;\n2 Grenzen stellen en opvoeden en\n" in document.text
    assert "\n– Bijeenkomsten met FORUM en gemeenten over het uitwerken van de aanpak" in document.text
    assert "\n\nTaal en inburgering\n\n" in document.text
    assert "\n\nDe Minister van Sociale Zaken en Werkgelegenheid,\nL.F. Asscher\n\n" in document.text


def test_plain_page_without_broodtekst() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>t</title><script>var x = 1;</script></head><body>"
        b"<nav>menu</nav><h1>Kop</h1><p>Een <b>vette</b><br>regel.</p><ol><li>een</li><li>twee</li></ol>"
        b"<div>losse tekst</div><footer>voet</footer></body></html>"
    )
    document = read_bytes(page, "plain.html")
    assert document.text == "Kop\n\nEen vette\nregel.\n\n1 een\n2 twee\n\nlosse tekst\n"
