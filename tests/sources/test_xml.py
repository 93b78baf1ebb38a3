"""officielebekendmakingen XML: metadata into hints, kop, paragraphs, lists and the footnote."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.model import SourceDocument, SourceHints
from beleidsmonitor.sources import read_bytes, read_source
from beleidsmonitor.vocab import SourceFormat

XML = Path(__file__).resolve().parents[1] / "documents" / "kst-32824-47.xml"


@pytest.fixture(scope="module")
def document() -> SourceDocument:
    return read_source(XML)


def test_hints(document: SourceDocument) -> None:
    assert document.format is SourceFormat.XML
    assert document.hints == SourceHints(
        identifier="kst-32824-47",
        title="Integratiebeleid; Brief regering; Voortgang Agenda Integratie",
        date="2013-12-19",
        dossier="32824",
        ondernummer="47",
        vergaderjaar="2013-2014",
    )


def test_kamerstukkop(document: SourceDocument) -> None:
    assert document.text.startswith(
        "Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2013–2014\n\n32 824 Integratiebeleid\n\n"
        "Nr. 47 BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID\n\n"
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 19 december 2013\n\n"
        "In februari van dit jaar heb ik de Tweede Kamer met de Agenda Integratie (Kamerstuk 32 824, nr. 7) "
        "geïnformeerd over het integratiebeleid van dit kabinet."
    )


def test_paragraphs_are_one_line_without_hyphenation(document: SourceDocument) -> None:
    assert (
        "\n\nHet kabinet staat voor een integrale benadering" not in document.text
    )  # mid-paragraph sentence, not a block start
    assert "In het licht van de economische laagconjunctuur, de opgelopen" in document.text
    assert "\n\nArbeidsmarkt\n\n" in document.text


def test_footnote_is_delivered_apart(document: SourceDocument) -> None:
    assert document.footnotes == (("1", "Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer"),)
    assert "(bijlage bijgevoegd1). De rapportage" in document.text
    assert "Ter inzage gelegd" not in document.text


def test_lists(document: SourceDocument) -> None:
    assert (
        "op drie thema’s:\n\n1 Meedoen en zelfredzaamheid;\n2 Grenzen stellen en opvoeden en\n"
        "3 Omgaan met anderen en verinnerlijken van waarden.\n\n"
    ) in document.text
    assert "\n– Bijeenkomsten met FORUM en gemeenten over het uitwerken van de aanpak" in document.text


def test_annex_heading_and_signature(document: SourceDocument) -> None:
    assert (
        "De Minister van Sociale Zaken en Werkgelegenheid,\nL.F. Asscher\n\nVoortgang Agenda Integratie\n\n"
        in (document.text)
    )
    assert "\n\n1 Meedoen en zelfredzaam zijn\n\nArbeidsmarkt\n\n" in document.text
    assert document.text.endswith("ruimte is om onderwerpen te agenderen.\n")


def test_generic_xml_and_inline_markup() -> None:
    data = b"<stukken><stuk><al>Eerste <nadruk>alinea</nadruk>.</al><al>Tweede.</al></stuk></stukken>"
    document = read_bytes(data, "generic.xml")
    assert document.text == "Eerste alinea.\n\nTweede.\n"
    assert document.hints == SourceHints()


def test_not_well_formed() -> None:
    with pytest.raises(DocumentError) as caught:
        read_bytes(b"<?xml version='1.0'?><kamerstuk><al>open</kamerstuk>", "broken.xml")
    assert caught.value.code is Code.D007
    assert "not well-formed" in str(caught.value)
    assert str(caught.value).startswith("broken.xml: D007")
