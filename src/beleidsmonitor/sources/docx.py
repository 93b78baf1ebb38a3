"""Word (.docx) → paragraphs, headings, list items and footnotes, behind a zip-bomb guard.

Library: python-docx (MIT) opens the package, resolves styles and gives the body's paragraphs in
order; it has no footnote API, so footnotes are read from the ``word/footnotes.xml`` part through
the same package, parsed with python-docx's own XML parser (entities are not resolved).

The guard runs before python-docx sees the file, because python-docx inflates every part into
memory: the archive may hold at most MAX_ENTRIES entries, every entry is inflated in chunks and
counted (declared sizes can lie), an entry inflating to more than MAX_RATIO times its compressed size
(above a small floor) or a total above MAX_UNCOMPRESSED is refused (D008).

Layout written: one paragraph per block, blocks separated by a blank line; a heading (any style)
is its own block. A list paragraph (numbering set on the paragraph or inherited from its style,
such as "List Bullet" and "List Number") starts with "– " for a bullet level, else with its number
and a space, counted as Word counts: per numbering instance and level, running on through the
document, from the level's start or its override. The level's own punctuation ("%1.") is not
copied: numbers are written as the Kamerstuk house style prints them ("1 Meedoen…"). A footnote
reference stays in the text as its number, the note's text goes to SourceDocument.footnotes; the
core properties' title and identifier go to SourceHints. Tables are read cell by cell.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.model import SourceDocument, SourceHints
from beleidsmonitor.sources.layout import Layout
from beleidsmonitor.vocab import SourceFormat

logger = logging.getLogger(__name__)

#: entries in the archive; a Word document has a few dozen
MAX_ENTRIES = 5000
#: total inflated size of all entries
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: inflated / compressed size of one entry; XML compresses ~10:1, a zip bomb ~1000:1
MAX_RATIO = 100
#: entries below this inflated size are never refused for their ratio (tiny repetitive XML)
RATIO_FLOOR = 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SPACE = re.compile(r"[ \t\r\f\v]+")


@dataclass(slots=True)
class _Numbering:
    """Word's list counters: one per (numId, level), running on through the whole document."""

    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    def next(self, num_id: str, level: int, start: int) -> int:
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]
        self.counters[num_id, level] = self.counters.get((num_id, level), start - 1) + 1
        return self.counters[num_id, level]


def read_docx(
    data: bytes,
    path: str,
    *,
    max_uncompressed: int = MAX_UNCOMPRESSED,
    max_ratio: int = MAX_RATIO,
) -> SourceDocument:
    """Read a Word document after checking the archive for zip-bomb traits.

    Raises:
        DocumentError: D008 for a suspicious archive, D003 when damaged, D011 when it holds no text.
    """
    check_archive(data, path, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError(path, Code.D003, f"not a readable Word package ({exc})") from exc
    except Exception as exc:  # python-docx and lxml raise assorted types on malformed parts
        raise DocumentError(
            path, Code.D003, f"a part cannot be parsed ({type(exc).__name__}: {exc})"
        ) from exc
    try:
        layout = _layout(document, _footnote_texts(document))
    except DocumentError:
        raise
    except Exception as exc:  # parts that parse as XML but are not what Word writes (a root renamed)
        raise DocumentError(
            path, Code.D003, f"a part is not a Word document part ({type(exc).__name__}: {exc})"
        ) from exc
    text = layout.text()
    if not text:
        raise DocumentError(path, Code.D011)
    return SourceDocument(
        path=path,
        format=SourceFormat.DOCX,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        hints=_core_hints(document),
        footnotes=tuple(layout.footnotes),
    )


def check_archive(data: bytes, path: str, *, max_uncompressed: int, max_ratio: int) -> None:
    """Refuse archives that inflate too far, by measuring every entry while inflating it.

    Raises:
        DocumentError: D008 naming the entry and its ratio or size, D003 for a damaged archive.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise DocumentError(
                    path, Code.D008, f"{len(entries)} entries in the archive (limit {MAX_ENTRIES})"
                )
            total = 0
            for info in entries:
                total += _inflated_size(archive, info, path, max_ratio, max_uncompressed - total)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, zlib.error, OSError) as exc:
        # a damaged deflate stream surfaces as zlib.error only once an entry is inflated
        raise DocumentError(path, Code.D003, f"damaged ZIP archive ({exc})") from exc


def _inflated_size(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, max_ratio: int, budget: int
) -> int:
    """Inflate one entry in chunks, stopping as soon as it breaks the ratio or the size budget."""
    allowed = max(RATIO_FLOOR, max_ratio * max(info.compress_size, 1))
    size = 0
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > allowed:
                raise DocumentError(
                    path,
                    Code.D008,
                    f"entry {info.filename!r} inflates more than {max_ratio}:1 "
                    f"({info.compress_size} compressed bytes → over {size} bytes; a zip bomb?)",
                )
            if size > budget:
                raise DocumentError(
                    path, Code.D008, f"the archive inflates to more than {budget + size - len(chunk)} bytes"
                )
    return size


def _style_name(paragraph: Any) -> str:
    style = paragraph.style
    return str(style.name) if style is not None and style.name else ""


def _layout(document: Any, notes: dict[str, str]) -> Layout:
    """Body paragraphs, list items and table cells in document order."""
    layout = Layout()
    numbering = _Numbering()
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        layout.add_block(_text(paragraph._p, notes, layout))
            continue
        text = _text(block._p, notes, layout)
        item = _list_item(block)
        if item is None:
            layout.add_block(text)
            continue
        num_id, level, number_format, start = item
        marker = "–" if number_format == "bullet" else str(numbering.next(num_id, level, start))
        layout.add_item(marker, text)
    return layout


def _list_item(paragraph: Any) -> tuple[str, int, str, int] | None:
    """(numId, level, numFmt, start) of a list paragraph, from its own or its style's numbering."""
    numpr = _numpr(paragraph._p.pPr)
    style = paragraph.style
    while numpr is None and style is not None:
        numpr = _numpr(style.element.pPr)
        style = style.base_style
    if numpr is not None and numpr.numId is not None and int(numpr.numId.val) != 0:
        level = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
        number_format, start = _level_format(paragraph, int(numpr.numId.val), level)
        return str(numpr.numId.val), level, number_format, start
    name = _style_name(paragraph).lower()
    if name.startswith(("list bullet", "list number")):
        match = re.search(r"(\d)$", name)
        level = int(match[1]) - 1 if match else 0
        return f"style:{name}", level, "bullet" if "bullet" in name else "decimal", 1
    return None


def _numpr(ppr: Any) -> Any:
    return ppr.numPr if ppr is not None else None


def _level_format(paragraph: Any, num_id: int, level: int) -> tuple[str, int]:
    """The numFmt and start value of a numbering level; ("bullet", 1) when they cannot be found."""
    try:
        numbering = paragraph.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return "bullet", 1
    start_override = None
    abstract_id = None
    for num in numbering.findall(f"{_W}num"):
        if num.get(f"{_W}numId") == str(num_id):
            abstract = num.find(f"{_W}abstractNumId")
            abstract_id = abstract.get(f"{_W}val") if abstract is not None else None
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if override.get(f"{_W}ilvl") == str(level) and start is not None:
                    start_override = int(start.get(f"{_W}val", "1"))
    for definition in numbering.findall(f"{_W}abstractNum"):
        if definition.get(f"{_W}abstractNumId") != abstract_id:
            continue
        for lvl in definition.findall(f"{_W}lvl"):
            if lvl.get(f"{_W}ilvl") == str(level):
                fmt = lvl.find(f"{_W}numFmt")
                start = lvl.find(f"{_W}start")
                number_format = str(fmt.get(f"{_W}val")) if fmt is not None else "decimal"
                first = int(start.get(f"{_W}val", "1")) if start is not None else 1
                return number_format, start_override or first
    return "bullet", 1


def _text(p: Any, notes: dict[str, str], layout: Layout | None) -> str:
    """A paragraph's text on one line; footnote references become their number."""
    pieces: list[str] = []
    for node in p.iter(
        f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}footnoteReference", f"{_W}noBreakHyphen"
    ):
        tag = node.tag
        if tag == f"{_W}t":
            pieces.append(node.text or "")
        elif tag == f"{_W}tab":
            pieces.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            pieces.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            pieces.append("-")
        else:
            if layout is not None:
                pieces.append(layout.add_footnote("", notes.get(node.get(f"{_W}id", ""), "")))
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _footnote_texts(document: Any) -> dict[str, str]:
    """Footnote id → text, from the footnotes part when the document has one."""
    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_RT and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is None:
                from docx.oxml.parser import parse_xml

                element = parse_xml(part.blob)
            return {
                str(note.get(f"{_W}id")): " ".join(
                    _text(p, {}, None) for p in note.iter(f"{_W}p") if _text(p, {}, None)
                )
                for note in element.iter(f"{_W}footnote")
                if note.get(f"{_W}type") in (None, "normal")
            }
    return {}


def _core_hints(document: Any) -> SourceHints:
    """Identifier and title from the core properties; none when that part is not what Word writes
    (a damaged content type makes python-docx load it as a plain part: fuzz seed 1 case 97923)."""
    try:
        core = document.core_properties
        return SourceHints(identifier=core.identifier or "", title=core.title or "")
    except (AttributeError, ValueError, TypeError):
        return SourceHints()
