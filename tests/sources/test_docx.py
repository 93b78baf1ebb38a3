"""Word: headings, Word-numbered lists, the footnote, core properties and the archive guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.model import SourceDocument
from beleidsmonitor.sources import read_source
from beleidsmonitor.sources.docx import read_docx
from beleidsmonitor.vocab import SourceFormat

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
DOCX = DOCUMENTS / "kst-32824-47.docx"


@pytest.fixture(scope="module")
def document() -> SourceDocument:
    return read_source(DOCX)


def test_format_and_core_properties(document: SourceDocument) -> None:
    assert document.format is SourceFormat.DOCX
    assert document.hints.identifier == "kst-32824-47"
    assert document.hints.title == "Voortgang Agenda Integratie"


def test_footnote_reference_and_text(document: SourceDocument) -> None:
    assert document.footnotes == (("1", "Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer"),)
    assert "(bijlage bijgevoegd1). De rapportage" in document.text


def test_numbering_restarts_per_list_and_runs_on_within_one(document: SourceDocument) -> None:
    assert "\n\n1 Meedoen en zelfredzaamheid;\n2 Grenzen stellen en opvoeden en\n3 Omgaan" in document.text
    # the "hoofdlijnen" list: items 1, 2, 3 with bullet lists and a paragraph between them
    assert "\n1 Bewustwording komt vanuit de gemeenschappen zelf tot stand\n– Een aantal" in document.text
    assert "\n2 Deskundigheidsbevordering van professionals in omgeving van jongeren is essentieel\n\n" in (
        document.text
    )
    assert "\n3 De lokale (keten) aanpak is van groot belang.\n– Op 10 december 2013" in document.text


def test_same_body_as_xml(document: SourceDocument) -> None:
    xml = read_source(DOCUMENTS / "kst-32824-47.xml").text
    assert document.text == xml[xml.index("In februari van dit jaar") :]


def test_headings_and_signature(document: SourceDocument) -> None:
    assert "\n\nMeedoen en zelfredzaam zijn\n\n" in document.text
    assert (
        "\n\nDe Minister van Sociale Zaken en Werkgelegenheid,\nL.F. Asscher\n\nVoortgang Agenda"
        in document.text
    )


def test_total_size_limit() -> None:
    with pytest.raises(DocumentError) as caught:
        read_docx(DOCX.read_bytes(), str(DOCX), max_uncompressed=20_000)
    assert caught.value.code is Code.D008
    assert "inflates to more than" in str(caught.value)
    assert str(DOCX) in str(caught.value)
