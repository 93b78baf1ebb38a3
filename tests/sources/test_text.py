"""Plain text: the example letter as pdftotext wrote it, and a cp1252 file."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.sources import read_bytes, read_source
from beleidsmonitor.sources.text import decode_text
from beleidsmonitor.vocab import SourceFormat

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"


def test_example_is_read_unchanged() -> None:
    document = read_source(EXAMPLE)
    assert document.format is SourceFormat.TEXT
    assert document.text == EXAMPLE.read_text(encoding="utf-8")
    assert document.text.startswith(
        " In februari van dit jaar heb ik de Tweede Kamer met de Agenda Integratie \n"
    )
    assert "economische laagcon-\n junctuur" in document.text
    assert document.footnotes == ()
    assert document.hints.identifier == ""


def test_sha256_is_of_the_bytes() -> None:
    import hashlib

    document = read_source(EXAMPLE)
    assert document.sha256 == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()


def test_cp1252_is_decoded() -> None:
    document = read_source(DOCUMENTS / "hostile" / "cp1252.txt")
    assert "(Kamerstuk 32 824, nr. 7) geïnformeerd over het integratiebeleid van dit\n" in document.text
    assert "Eén van de uitkomsten" in document.text
    assert "moskeeën kost € 1,2 miljoen; zie «de brief»" in document.text
    assert "\r" not in document.text


@pytest.mark.parametrize(
    "data",
    [
        "Eén brief\n".encode("utf-8-sig"),
        "Eén brief\n".encode("utf-16"),
        "Eén brief\n".encode(),
        "Eén brief\n".encode("cp1252"),
    ],
    ids=["utf-8-bom", "utf-16", "utf-8", "cp1252"],
)
def test_encodings(data: bytes) -> None:
    assert decode_text(data, "x.txt") == "Eén brief\n"


def test_form_feeds_are_kept() -> None:
    document = read_bytes(b"pagina een\n\x0cpagina twee\n", "pages.txt")
    assert document.text == "pagina een\n\fpagina twee\n"


def test_whitespace_only_has_no_text() -> None:
    with pytest.raises(DocumentError) as caught:
        read_bytes(b" \n\n  \n", "blank.txt")
    assert caught.value.code is Code.D001
    assert "blank.txt" in str(caught.value)
