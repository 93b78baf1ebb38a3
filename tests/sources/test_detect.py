"""Format detection looks at the content only: renamed files are still read by the right reader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.sources import read_source
from beleidsmonitor.sources.detect import detect_format
from beleidsmonitor.vocab import SourceFormat

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (EXAMPLE, SourceFormat.TEXT),
        (DOCUMENTS / "kst-32824-47.pdf", SourceFormat.PDF),
        (DOCUMENTS / "kst-32824-47.docx", SourceFormat.DOCX),
        (DOCUMENTS / "kst-32824-47.html", SourceFormat.HTML),
        (DOCUMENTS / "kst-32824-47.xml", SourceFormat.XML),
        (DOCUMENTS / "hostile" / "cp1252.txt", SourceFormat.TEXT),
        (DOCUMENTS / "hostile" / "xxe.xml", SourceFormat.XML),
        (DOCUMENTS / "hostile" / "billion_laughs.xml", SourceFormat.XML),
        (DOCUMENTS / "hostile" / "zipbomb.docx", SourceFormat.DOCX),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else str(v),
)
def test_fixture_formats(path: Path, expected: SourceFormat) -> None:
    assert detect_format(path.read_bytes(), str(path)) is expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", SourceFormat.PDF),
        (b"\n\n%PDF-1.4\n", SourceFormat.PDF),
        (b'<?xml version="1.0"?>\n<officiele-publicatie/>', SourceFormat.XML),
        (b'\xef\xbb\xbf<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', SourceFormat.HTML),
        (b"<!DOCTYPE html>\n<html><body><p>x</p></body></html>", SourceFormat.HTML),
        (b"<!-- kop -->\n<HTML><p>x</p></HTML>", SourceFormat.HTML),
        (b"<kamerstuk><al>x</al></kamerstuk>", SourceFormat.XML),
        (b"Den Haag, 19 december 2013\n", SourceFormat.TEXT),
        ("Eén brief over moskeeën".encode("cp1252"), SourceFormat.TEXT),
        ("Eén brief".encode("utf-16"), SourceFormat.TEXT),
        (b"1 < 2 en 3 > 2\n", SourceFormat.TEXT),
    ],
    ids=lambda v: v[:24].decode("latin-1") if isinstance(v, bytes) else str(v),
)
def test_sniffed_heads(head: bytes, expected: SourceFormat) -> None:
    assert detect_format(head, "x") is expected


def test_extension_is_ignored(tmp_path: Path) -> None:
    renamed = tmp_path / "brief.txt"
    shutil.copy(DOCUMENTS / "kst-32824-47.pdf", renamed)
    document = read_source(renamed)
    assert document.format is SourceFormat.PDF
    assert document.path == str(renamed)


def test_zip_without_word_document(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "brief.docx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("content.xml", "<office:document/>")
    with pytest.raises(DocumentError) as caught:
        read_source(archive)
    assert caught.value.code is Code.D002
    assert "not a Word document" in str(caught.value)
    assert str(archive) in str(caught.value)


def test_control_characters_are_binary() -> None:
    with pytest.raises(DocumentError) as caught:
        detect_format(b"abc\x01\x02\x03\x04\x05def" * 10, "ctl.dat")
    assert caught.value.code is Code.D002
    assert str(caught.value).startswith("ctl.dat: D002")
