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


def _one_page_pdf(stream: bytes, size: int = 595) -> bytes:
    """A PDF of one square page of ``size`` points whose content is ``stream`` (Helvetica as /F1)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R " % (size, size)
        + b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _grid_stream(columns: int, rows: int) -> bytes:
    """One word per cell of a grid, cells far enough apart to be text blocks of their own."""
    words = b"".join(
        b"BT /F1 10 Tf %d %d Td (w%dx%d) Tj ET\n" % (20 + 80 * c, 20 + 40 * r, c, r)
        for c in range(columns)
        for r in range(rows)
    )
    return words


def test_a_page_of_few_blocks_is_grouped_by_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    from pdfminer.layout import LTLayoutContainer

    calls: list[int] = []
    original = LTLayoutContainer.group_textboxes

    def counting(self: LTLayoutContainer, laparams: object, boxes: list[object]) -> object:
        calls.append(len(boxes))
        return original(self, laparams, boxes)  # type: ignore[arg-type]

    monkeypatch.setattr(LTLayoutContainer, "group_textboxes", counting)
    text = read_pdf(_one_page_pdf(_grid_stream(5, 4), size=600), "grid.pdf").text
    assert calls == [20]
    assert sorted(text.split()) == sorted(f"w{c}x{r}" for c in range(5) for r in range(4))


def test_a_page_of_very_many_blocks_is_ordered_without_pairwise_grouping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pdfminer.layout import LTLayoutContainer

    from beleidsmonitor.sources.pdf import MAX_GROUPED_BLOCKS

    def refuse(*_: object) -> object:
        raise AssertionError("pairwise grouping of more than MAX_GROUPED_BLOCKS blocks")

    monkeypatch.setattr(LTLayoutContainer, "group_textboxes", refuse)
    columns, rows = 30, 40
    assert columns * rows > MAX_GROUPED_BLOCKS
    text = read_pdf(_one_page_pdf(_grid_stream(columns, rows), size=2500), "grid.pdf").text
    words = text.split()
    assert sorted(words) == sorted(f"w{c}x{r}" for c in range(columns) for r in range(rows))
    # reading order: the top row (r = rows - 1) before the bottom row (r = 0)
    assert words.index(f"w0x{rows - 1}") < words.index("w0x0")


def test_a_page_of_more_than_the_character_limit_is_refused() -> None:
    from beleidsmonitor.sources.pdf import MAX_PAGE_CHARACTERS

    stream = b"BT /F1 1 Tf 10 10 Td (" + b"x" * (MAX_PAGE_CHARACTERS + 1) + b") Tj ET"
    with pytest.raises(DocumentError) as caught:
        read_pdf(_one_page_pdf(stream), "dense.pdf")
    assert str(caught.value) == (
        "dense.pdf: D009 the file is too large: page 1 holds more than 100,000 characters"
    )
