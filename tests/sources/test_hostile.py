"""Hostile and broken inputs: each is refused with its DocumentError code, naming the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.sources import read_bytes, read_source

HOSTILE = Path(__file__).resolve().parents[1] / "documents" / "hostile"


@pytest.mark.parametrize(
    ("name", "code", "reason"),
    [
        ("empty.txt", Code.D001, "the file is empty"),
        ("binary.bin", Code.D002, "binary content"),
        ("truncated.pdf", Code.D003, "no %%EOF marker"),
        ("encrypted.pdf", Code.D005, "the PDF is encrypted"),
        ("image_only.pdf", Code.D006, "no text layer"),
        ("xxe.xml", Code.D007, "external entity 'xxe' → file:///etc/passwd"),
        ("billion_laughs.xml", Code.D007, "entity declaration 'lol'"),
        ("zipbomb.docx", Code.D008, "entry 'word/media/image1.png' inflates more than 100:1"),
    ],
)
def test_refused(name: str, code: Code, reason: str) -> None:
    path = HOSTILE / name
    with pytest.raises(DocumentError) as caught:
        read_source(path)
    error = caught.value
    assert error.code is code
    assert error.path == str(path)
    assert str(error).startswith(f"{path}: {code.name} ")
    assert reason in str(error)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        read_source(tmp_path / "kst-0-0.pdf")
    assert caught.value.code is Code.D010
    assert "kst-0-0.pdf" in str(caught.value)


def test_directory_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        read_source(tmp_path)
    assert caught.value.code is Code.D004


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:  # sparse: 2 GiB on paper, nothing on disk
        f.truncate(2 * 1024**3)
    with pytest.raises(DocumentError) as caught:
        read_source(huge)
    assert caught.value.code is Code.D009
    assert f"{2 * 1024**3} bytes" in str(caught.value)


def test_size_limit_on_bytes() -> None:
    with pytest.raises(DocumentError) as caught:
        read_bytes(b"x" * 2000, "big.txt", max_bytes=1000)
    assert caught.value.code is Code.D009
    assert "2000 bytes, more than the limit of 1000" in str(caught.value)


def test_unreadable_file(tmp_path: Path) -> None:
    # a directory where a file is expected cannot be read as a letter, also not by root
    folder = tmp_path / "letter.txt"
    folder.mkdir()
    with pytest.raises(DocumentError) as caught:
        read_source(folder)
    assert caught.value.code is Code.D004
    assert str(folder) in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        b"PK\x03\x04" + b"\x00" * 40,
        b"<?xml version='1.0'?><a>" + b"<b>" * 5 + b"</a>",
    ],
    ids=["pdf-without-pages", "zip-header-only", "xml-unclosed"],
)
def test_damaged_inputs_raise_document_errors_only(data: bytes) -> None:
    with pytest.raises(DocumentError) as caught:
        read_bytes(data, "damaged")
    assert caught.value.code in (Code.D003, Code.D007)


@pytest.mark.parametrize(
    ("name", "data", "where"),
    [
        ("deep.xml", b"<stuk>" + b"<al>" * 1000 + b"x" + b"</al>" * 1000 + b"</stuk>", "elements (at <al>)"),
        ("deep.html", b"<html><body>" + b"<div>" * 500 + b"x" + b"</div>" * 500, "open elements (at <div>)"),
        ("unclosed.html", b"<html><body>" + b"<span>" * 3000 + b"x", "open elements (at <span>)"),
    ],
)
def test_deep_nesting_is_refused_not_a_recursion_error(name: str, data: bytes, where: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_bytes(data, name)
    assert caught.value.code is Code.D012
    assert (
        str(caught.value) == f"{name}: D012 the markup is nested too deeply: more than 100 levels of {where}"
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ninety-nine.xml", b"<stuk>" + b"<al>" * 98 + b"tekst" + b"</al>" * 98 + b"</stuk>"),
        (
            "ninety-nine.html",
            b"<html><body>" + b"<span>" * 97 + b"tekst" + b"</span>" * 97 + b"</body></html>",
        ),
    ],
)
def test_nesting_up_to_the_limit_is_read(name: str, data: bytes) -> None:
    assert read_bytes(data, name).text == "tekst\n"


def test_a_damaged_deflate_stream_in_a_docx_is_d003() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + "tekst " * 2000 + "</w:document>")
    data = bytearray(buffer.getvalue())
    body = data.index(b"word/document.xml") + len("word/document.xml")
    data[body + 5 : body + 40] = b"\xff" * 35  # inside the compressed bytes, after the local header
    with pytest.raises(DocumentError) as caught:
        read_bytes(bytes(data), "damaged.docx")
    assert caught.value.code is Code.D003
    assert "damaged ZIP archive (Error -3 while decompressing data" in str(caught.value)


def test_an_xml_declaring_an_unknown_encoding_is_d007() -> None:
    with pytest.raises(DocumentError) as caught:
        read_bytes(b'<?xml version="1.0" encoding="UTN-8"?><stuk><al>tekst</al></stuk>', "odd.xml")
    assert str(caught.value) == (
        "odd.xml: D007 the XML is unsafe or invalid: the declared encoding cannot be read (unknown encoding: UTN-8)"
    )


def test_a_docx_whose_document_part_is_not_a_word_document_is_d003() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("De minister stuurt de Kamer voor de zomer een brief.")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:document ", b"<w:dokument ", 1)
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:document>", b"</w:dokument>")
    renamed = io.BytesIO()
    with zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with pytest.raises(DocumentError) as caught:
        read_bytes(renamed.getvalue(), "renamed.docx")
    assert caught.value.code is Code.D003
    assert "a part is not a Word document part (AttributeError" in str(caught.value)


def test_a_zip_of_a_version_zipfile_cannot_read_is_d003() -> None:
    """Fuzz seed 1 case 4522: a mutated 'version needed to extract' made zipfile raise NotImplementedError."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(out.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 185  # version 18.5
    with pytest.raises(DocumentError) as caught:
        read_bytes(bytes(data), "version.docx")
    assert caught.value.code is Code.D003
    assert "damaged ZIP archive (zip file version 18.5)" in str(caught.value)


def test_html_with_a_malformed_marked_section_is_d003() -> None:
    """Fuzz seed 1 case 2053: html.parser raised AssertionError on '<![CDAT'."""
    data = b"<!DOCTYPE html><html><body><p>Ik stuur u een brief.</p><![CDAT[x]]></body></html>"
    with pytest.raises(DocumentError) as caught:
        read_bytes(data, "section.html")
    assert caught.value.code is Code.D003
    assert "malformed markup (unknown status keyword 'CDAT' in marked section)" in str(caught.value)


def test_a_docx_whose_core_properties_part_has_another_content_type_is_read() -> None:
    """Fuzz seed 1 case 97923: python-docx loaded the core properties as a plain part (AttributeError)."""
    import docx

    document = docx.Document()
    document.add_paragraph("Ik stuur u voor de zomer een brief.")
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    types = parts["[Content_Types].xml"]
    assert b"core-properties+xml" in types
    parts["[Content_Types].xml"] = types.replace(b"core-properties+xml", b"core-propertiez+xml")
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    source = read_bytes(damaged.getvalue(), "core.docx")
    assert source.text.strip() == "Ik stuur u voor de zomer een brief."
    assert (source.hints.identifier, source.hints.title) == ("", "")
