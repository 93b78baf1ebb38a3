"""Choose a reader by sniffing the content, never the file name.

What is recognised, in this order:

- ``%PDF-`` within the first 1024 bytes (the PDF specification allows leading junk there) → PDF;
- a ZIP archive (``PK\\x03\\x04``) whose central directory names ``word/document.xml`` → DOCX;
  any other ZIP archive is refused (D002), a damaged one too (D003);
- after an optional byte-order mark and whitespace, ``<!DOCTYPE html`` or an ``<html`` root → HTML;
  an XML prolog (``<?xml``), another ``<!DOCTYPE`` or a root element → XML, unless that root is ``html``;
- anything else that decodes as text → plain text; NUL bytes or many control characters → D002.

Only the first few kilobytes are inspected (the ZIP case reads the central directory), so detection
costs the same for every file size.
"""

from __future__ import annotations

import io
import re
import zipfile

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.vocab import SourceFormat

#: how many leading bytes are sniffed
SNIFF_BYTES = 8192

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_MARKUP_START = re.compile(
    r"""\A(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*          # whitespace, comments, the XML prolog
        (?P<what><!doctype\s+(?P<doctype>[\w:.-]+)|<(?P<root>[\w:.-]+))""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
#: control characters that never occur in text (tab, LF, FF and CR do)
_CONTROL = bytes(sorted(frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}))


def detect_format(data: bytes, path: str) -> SourceFormat:
    """The format of ``data``, judged by its content.

    Raises:
        DocumentError: D001 when empty, D002 for binary or unsupported content, D003 for a damaged ZIP.
    """
    if not data.strip():
        raise DocumentError(path, Code.D001)
    head = data[:SNIFF_BYTES]
    if b"%PDF-" in data[:1024]:
        return SourceFormat.PDF
    if head.startswith(b"PK\x03\x04"):
        return _detect_zip(data, path)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _detect_markup(head.decode("utf-16", errors="replace"))
    if b"\x00" in head:
        raise DocumentError(path, Code.D002, "binary content (NUL bytes in the first kilobytes)")
    controls = len(head) - len(head.translate(None, _CONTROL))  # counted in C, not byte by byte
    if controls > len(head) // 100:
        raise DocumentError(
            path, Code.D002, f"binary content ({controls} control bytes in the first {len(head)})"
        )
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    return _detect_markup(head.decode("latin-1"))


def _detect_markup(head: str) -> SourceFormat:
    """HTML, XML or text, from the first element or declaration."""
    match = _MARKUP_START.match(head)
    if match is None:
        return SourceFormat.TEXT
    doctype, root = match["doctype"], match["root"]
    if (doctype or root or "").lower() == "html":
        return SourceFormat.HTML
    return SourceFormat.XML


def _detect_zip(data: bytes, path: str) -> SourceFormat:
    """DOCX when the archive holds a Word document part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
        # NotImplementedError: a version or method this zipfile cannot read ("zip file version 18.5")
        raise DocumentError(path, Code.D003, f"damaged ZIP archive ({exc})") from exc
    if "word/document.xml" in names:
        return SourceFormat.DOCX
    raise DocumentError(path, Code.D002, "a ZIP archive that is not a Word document (no word/document.xml)")
