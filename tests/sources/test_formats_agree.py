"""Every format of kst-32824-47 cleans to the same text as the plain-text example.

The example (pdftotext output of the official PDF) is the reference. Each fixture in tests/documents
is read and cleaned with beleidsmonitor.clean.clean, then compared with the cleaned example after
removing exactly what the format cannot carry or what the example cannot carry:

1. HTML, XML and DOCX: the text before "In februari van dit jaar" is dropped. HTML and XML carry the
   kamerstukkop (chamber, vergaderjaar, "32 824 Integratiebeleid", "Nr. 47 BRIEF VAN …", salutation,
   "Den Haag, 19 december 2013"); the example starts at the letter's first paragraph, so has none.
   The DOCX has no kop, so nothing is dropped there.
2. All formats: every run of white space, line and paragraph breaks included, becomes one space.
   The example's blank lines follow pdftotext's text blocks rather than the document's structure (a
   list's intro and first item in one block, a blank line inside an item at a page break, "2 Deskun-
   digheidsbevordering …" and the next paragraph in one block); structured formats have one block
   per paragraph and one line per list item instead.

Nothing else is normalised: words, punctuation, dehyphenation, list markers, the footnote's marker in
the text ("bijgevoegd1") and the footnotes themselves must be identical. The PDF is compared without
dropping anything: its page footers and footnote line are removed by the cleaner as in the example.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beleidsmonitor.clean import clean
from beleidsmonitor.model import CleanText
from beleidsmonitor.sources import read_source

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
FIRST_WORDS = "In februari van dit jaar"
FOOTNOTE = ("1", "Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer")

FORMATS = [
    pytest.param("pdf", id="pdf"),
    pytest.param("xml", id="xml"),
    pytest.param("html", id="html"),
    pytest.param("docx", id="docx"),
]


def _clean(path: Path) -> CleanText:
    result: CleanText = clean(read_source(path))
    return result


def _comparable(text: str, *, structured: bool) -> str:
    """The normalisation in the module docstring: kop dropped (structured formats), white space runs."""
    if structured:
        text = text[text.index(FIRST_WORDS) :]
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def reference() -> CleanText:
    return _clean(EXAMPLE)


def test_reference_is_sane(reference: CleanText) -> None:
    assert reference.text.startswith(FIRST_WORDS)
    assert [(n.marker, n.text) for n in reference.footnotes] == [FOOTNOTE]


@pytest.mark.parametrize("suffix", FORMATS)
def test_same_clean_text(reference: CleanText, suffix: str) -> None:
    cleaned = _clean(DOCUMENTS / f"kst-32824-47.{suffix}")
    structured = suffix != "pdf"
    assert _comparable(cleaned.text, structured=structured) == _comparable(reference.text, structured=False)


@pytest.mark.parametrize("suffix", FORMATS)
def test_same_footnotes(reference: CleanText, suffix: str) -> None:
    cleaned = _clean(DOCUMENTS / f"kst-32824-47.{suffix}")
    assert [(n.marker, n.text) for n in cleaned.footnotes] == [FOOTNOTE]
    anchor = cleaned.footnotes[0].anchor
    assert anchor is not None
    assert cleaned.text[anchor.start : anchor.end] == "1"
    assert cleaned.text[: anchor.start].endswith("(bijlage bijgevoegd")
