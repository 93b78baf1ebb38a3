"""sources stage: bytes → SourceDocument, choosing the reader by sniffing the content.

``read_source(path)`` is the public entry; ``read_bytes(data, path)`` does the same for bytes already
in memory (uploads, archives). The format is decided by :func:`detect.detect_format` from the
content alone; the file name is used only in messages. Every problem with the input is raised as
:class:`~beleidsmonitor.errors.DocumentError` with a D0xx code that names what to do.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.model import SourceDocument
from beleidsmonitor.sources.detect import detect_format
from beleidsmonitor.vocab import SourceFormat

__all__ = ["MAX_BYTES", "MAX_CHARACTERS", "READERS", "read_bytes", "read_source"]

logger = logging.getLogger(__name__)

#: the largest file read at all; Kamerstukken with annexes stay far below
MAX_BYTES = 100 * 1024 * 1024
#: the longest text analysed as one document (evaluate, the API's analyse). The analysis takes time
#: and memory in proportion to the text (about 8 s and 80 MB per million characters on one core), so
#: this keeps one document within the default budget of 60 s and below 500 MB; a Kamerbrief has some
#: tens of thousands. ``extract``, ``parse``, ``ingest`` and ``fetch`` read longer texts (None) and
#: analyse them in chunks (sources/chunks.py)
MAX_CHARACTERS = 3_000_000


def _lazy_reader(module: str, function: str) -> Callable[[bytes, str], SourceDocument]:
    """A reader that imports its module on first use: a .txt never loads pdfminer, lxml or python-docx."""

    def read(data: bytes, path: str) -> SourceDocument:
        reader: Callable[[bytes, str], SourceDocument] = getattr(
            importlib.import_module(f"beleidsmonitor.sources.{module}"), function
        )
        return reader(data, path)

    read.__name__ = read.__qualname__ = function
    read.__doc__ = f"Read a document with beleidsmonitor.sources.{module}.{function} (imported on first use)."
    return read


#: one reader per format; each takes the bytes and the path used in messages
READERS: dict[SourceFormat, Callable[[bytes, str], SourceDocument]] = {
    SourceFormat.TEXT: _lazy_reader("text", "read_text"),
    SourceFormat.PDF: _lazy_reader("pdf", "read_pdf"),
    SourceFormat.HTML: _lazy_reader("html", "read_html"),
    SourceFormat.XML: _lazy_reader("xml", "read_xml"),
    SourceFormat.DOCX: _lazy_reader("docx", "read_docx"),
}


def read_source(
    path: str | Path, *, max_bytes: int = MAX_BYTES, max_characters: int | None = MAX_CHARACTERS
) -> SourceDocument:
    """Read a document file of any supported format.

    Args:
        path: the file to read; its extension is ignored.
        max_bytes: refuse larger files before reading them.
        max_characters: refuse a longer text; None for no limit but ``max_bytes``.

    Returns:
        The document's text laid out in lines, with its format, hash, hints and footnotes.

    Raises:
        DocumentError: D010 missing, D004 unreadable, D009 too large, or any code its reader raises.
    """
    name = str(path)
    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError as exc:
        raise DocumentError(name, Code.D010) from exc
    except OSError as exc:
        raise DocumentError(name, Code.D004, exc.strerror or str(exc)) from exc
    if not file.is_file():
        raise DocumentError(name, Code.D004, "not a regular file")
    if size > max_bytes:
        raise DocumentError(name, Code.D009, f"{size} bytes, more than the limit of {max_bytes}")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DocumentError(name, Code.D004, exc.strerror or str(exc)) from exc
    return read_bytes(data, name, max_bytes=max_bytes, max_characters=max_characters)


def read_bytes(
    data: bytes, path: str, *, max_bytes: int = MAX_BYTES, max_characters: int | None = MAX_CHARACTERS
) -> SourceDocument:
    """Read a document held in memory; ``path`` names it in messages.

    Raises:
        DocumentError: D001 empty, D009 too large (bytes, or characters of text), D002 unsupported,
            or any code its reader raises.
    """
    if not data:
        raise DocumentError(path, Code.D001)
    if len(data) > max_bytes:
        raise DocumentError(path, Code.D009, f"{len(data)} bytes, more than the limit of {max_bytes}")
    source_format = detect_format(data, path)
    logger.debug("%s: read as %s", path, source_format)
    from beleidsmonitor.registry import default_registry

    source = default_registry().reader(source_format)(data, path)
    if max_characters is not None and len(source.text) > max_characters:
        raise DocumentError(
            path,
            Code.D009,
            f"{len(source.text):,} characters of text, more than the limit of {max_characters:,} "
            "for one document; split it into parts",
        )
    return source
