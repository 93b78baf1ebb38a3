"""PDF: the generated kst-32824-47.pdf reads back as the example's lines, page by page."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.sources import read_source
from beleidsmonitor.sources.pdf import read_pdf
from beleidsmonitor.vocab import SourceFormat

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
PDF = DOCUMENTS / "kst-32824-47.pdf"
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"


def _lines(text: str) -> list[str]:
    """The non-blank lines, stripped; blank lines differ only at page breaks (see below)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return read_source(PDF).text.split("\f")


def test_format_and_page_count(pages: list[str]) -> None:
    assert read_source(PDF).format is SourceFormat.PDF
    assert len(pages) == 14


def test_lines_are_the_examples(pages: list[str]) -> None:
    # pdftotext marked page starts in the example with a leading space and wrote blank lines after a
    # footer; the reader writes "\f" between pages instead: the same lines in the same order otherwise
    assert _lines("".join(pages)) == _lines(EXAMPLE.read_text(encoding="utf-8"))


def test_first_page(pages: list[str]) -> None:
    first = pages[0].split("\n")
    assert first[0] == "In februari van dit jaar heb ik de Tweede Kamer met de Agenda Integratie"
    assert first[-2] == "problemen onder migranten. In het licht van de economische laagcon-"
    assert pages[1].startswith("junctuur, de opgelopen (jeugd)werkloosheidscijfers")


def test_footnote_and_superscript_anchor(pages: list[str]) -> None:
    assert "de Kamer aangeboden (bijlage bijgevoegd1). De rapportage geeft aan dat" in pages[1]
    assert pages[1].rstrip().endswith("\n\n1 Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer")


def test_footers_end_their_pages(pages: list[str]) -> None:
    assert pages[6].rstrip().endswith("\n\nTweede Kamer, vergaderjaar 2013–2014, 32 824, nr. 47 7")
    assert pages[8].rstrip().endswith("\n\nTweede Kamer, vergaderjaar 2013–2014, 32 824, nr. 47 9")


def test_headings_are_blocks(pages: list[str]) -> None:
    assert "\n\nAgenda Integratie\n\n" in pages[0]
    assert pages[4].startswith("Voortgang Agenda Integratie\n\n")


def test_page_limit() -> None:
    with pytest.raises(DocumentError) as caught:
        read_pdf(PDF.read_bytes(), str(PDF), max_pages=10)
    assert caught.value.code is Code.D009
    assert "14 pages" in str(caught.value)
    assert str(PDF) in str(caught.value)


def test_damaged_xref_is_d003() -> None:
    data = PDF.read_bytes().replace(b"xref", b"xxxx").replace(b"startxref", b"startxxxx")
    data = data.replace(b" obj", b" jbo")
    with pytest.raises(DocumentError) as caught:
        read_pdf(data, "damaged.pdf")
    assert caught.value.code is Code.D003
    assert str(caught.value).startswith("damaged.pdf: ")
