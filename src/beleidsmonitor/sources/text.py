"""Plain text: decode the bytes, keep the lines as they are.

Encodings, tried in order: a byte-order mark (UTF-8, UTF-16) wins; then strict UTF-8, which is what
pdftotext and every modern tool write; then cp1252, the Windows code page older Dutch files use
(é, ë, €, curly quotes). Only when cp1252 cannot decode the bytes either (it leaves five byte values
undefined) is charset-normalizer asked to guess, because guessing on short Dutch text is
unreliable and the two explicit encodings cover the files met in practice. Line ends are
normalised to LF; form feeds (page breaks) are kept.
"""

from __future__ import annotations

import codecs
import hashlib
import logging

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.model import SourceDocument
from beleidsmonitor.vocab import SourceFormat

logger = logging.getLogger(__name__)

_BOM_ENCODINGS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_text(data: bytes, path: str) -> SourceDocument:
    """Read plain text of any supported encoding.

    Raises:
        DocumentError: D001 when empty, D002 when the bytes are binary or in no recognisable encoding,
            D011 when nothing but whitespace remains.
    """
    if not data:
        raise DocumentError(path, Code.D001)
    text = decode_text(data, path)
    if "\x00" in text:
        raise DocumentError(path, Code.D002, "binary content (NUL characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(path, Code.D011)
    return SourceDocument(
        path=path, format=SourceFormat.TEXT, text=text, sha256=hashlib.sha256(data).hexdigest()
    )


def decode_text(data: bytes, path: str) -> str:
    """Decode ``data`` by BOM, UTF-8, cp1252, then charset-normalizer's best guess.

    Raises:
        DocumentError: D002 when no encoding fits.
    """
    for bom, encoding in _BOM_ENCODINGS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(path, Code.D002, f"invalid {encoding} after its byte-order mark") from exc
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-8":
            logger.info("%s: not UTF-8, decoded as %s", path, encoding)
        return text
    import charset_normalizer  # only for bytes that are neither UTF-8 nor cp1252: not loaded otherwise

    guess = charset_normalizer.from_bytes(data).best()
    if guess is None:
        raise DocumentError(path, Code.D002, "the bytes are in no recognisable text encoding")
    logger.info("%s: decoded as %s (charset-normalizer's guess)", path, guess.encoding)
    return str(guess)
