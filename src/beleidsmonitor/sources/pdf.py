"""PDF: the text layer laid out as lines, the way pdftotext writes it.

Library: pdfminer.six (MIT, pure Python, so no system poppler and no C extension to build, and its
layout analysis groups characters into lines and text blocks as pdftotext does). Each text block
becomes a paragraph of lines, blocks are separated by a blank line and pages by a form feed
("\\f"). Trailing spaces on lines are dropped; nothing else is changed: line-end hyphenation, page
footers and footnotes stay in the text for the cleaning stage, which removes them.

Checked before any page is parsed: an end-of-file marker (a cut-off download has none → D003),
encryption that needs a password (D005) and the page count (D009). After extraction, a PDF without
any text is refused as a scan (D006).

Bounded per page: pdfminer orders a page's text blocks by grouping every pair of them, which takes
memory and time quadratic in the number of blocks (a damaged content stream with 5,000 blocks on one
page took 2 GB, 955 blocks 15 s and 200 MB). A page of more than :data:`MAX_GROUPED_BLOCKS` blocks
(a page of the example letter has at most 13) is put in reading order by the same position key
without the pairwise grouping, and a page of more than :data:`MAX_PAGE_CHARACTERS` characters is refused (D009).
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator, Sequence

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import (
    LAParams,
    LTComponent,
    LTContainer,
    LTItem,
    LTPage,
    LTTextBox,
    LTTextGroup,
    LTTextGroupLRTB,
    LTTextLine,
)
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import Matrix

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.model import SourceDocument
from beleidsmonitor.vocab import SourceFormat

logger = logging.getLogger(__name__)

#: more pages than any Kamerstuk with its annexes; a larger file is refused before parsing
MAX_PAGES = 2000
#: more text blocks than this on one page are ordered by position alone (no pairwise grouping: 955
#: blocks took 15 s and 200 MB there; a page of the example letter has at most 13)
MAX_GROUPED_BLOCKS = 200
#: more characters than this on one page (a dense page of small print has about 8,000) is refused
MAX_PAGE_CHARACTERS = 100_000
#: the end-of-file marker must lie within this many bytes of the end (the spec says 1024; writers pad)
_EOF_WINDOW = 4096


def read_pdf(data: bytes, path: str, *, max_pages: int = MAX_PAGES) -> SourceDocument:
    """Read the text layer of a PDF.

    Args:
        data: the file's bytes.
        path: the file name, for messages.
        max_pages: refuse documents with more pages than this.

    Raises:
        DocumentError: D003 truncated or damaged, D005 encrypted, D006 no text layer, D009 too many pages.
    """
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise DocumentError(path, Code.D003, "no %%EOF marker at the end; the file was probably cut off")
    document = _open(data, path)
    pages = _page_count(document, path)
    if pages > max_pages:
        raise DocumentError(path, Code.D009, f"{pages} pages, more than the limit of {max_pages}")
    texts = list(_page_texts(document, path))
    if not any(t.strip() for t in texts):
        raise DocumentError(path, Code.D006)
    logger.debug("%s: %d pages of text", path, len(texts))
    return SourceDocument(
        path=path, format=SourceFormat.PDF, text="\f".join(texts), sha256=hashlib.sha256(data).hexdigest()
    )


def _open(data: bytes, path: str) -> PDFDocument:
    """Parse the cross-reference table and trailer, decrypting with the empty user password."""
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DocumentError(path, Code.D005) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on malformed input
        raise DocumentError(
            path, Code.D003, f"unreadable PDF structure ({type(exc).__name__}: {exc})"
        ) from exc


def _page_count(document: PDFDocument, path: str) -> int:
    """The page count the page tree declares, read without parsing any page."""
    try:
        count = resolve1(resolve1(document.catalog["Pages"])["Count"])
    except Exception as exc:  # a damaged catalog can fail in any of resolve1's lookups
        raise DocumentError(path, Code.D003, f"no readable page tree ({type(exc).__name__})") from exc
    if not isinstance(count, int) or count < 0:
        raise DocumentError(path, Code.D003, f"invalid page count {count!r}")
    return count


class _PageTooLarge(Exception):
    """A page holds more characters than :data:`MAX_PAGE_CHARACTERS`."""


class _BoundedPage(LTPage):
    """A page whose layout analysis stays within bounds (see the module docstring)."""

    def __init__(self, pageid: int, bbox: tuple[float, float, float, float], rotate: float = 0) -> None:
        super().__init__(pageid, bbox, rotate)
        self.items = 0

    def add(self, obj: LTComponent) -> None:
        """Add a character or other item; more than :data:`MAX_PAGE_CHARACTERS` end the page."""
        self.items += 1
        if self.items > MAX_PAGE_CHARACTERS:
            raise _PageTooLarge
        super().add(obj)

    def group_textboxes(self, laparams: LAParams, boxes: Sequence[LTTextBox]) -> list[LTTextGroup]:
        """pdfminer's pairwise grouping, or for very many blocks one group in position order."""
        if len(boxes) <= MAX_GROUPED_BLOCKS:
            return super().group_textboxes(laparams, boxes)
        logger.debug("page %d: %d text blocks, ordered by position only", self.pageid, len(boxes))
        return [LTTextGroupLRTB(list(boxes))]  # its analyze() sorts by the same flow key


class _BoundedAggregator(PDFPageAggregator):
    """pdfminer's page aggregator, building :class:`_BoundedPage` pages."""

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        super().begin_page(page, ctm)
        self.cur_item = _BoundedPage(self.pageno, self.cur_item.bbox)


def _page_texts(document: PDFDocument, path: str) -> Iterator[str]:
    """Each page's text: blocks of lines, separated by blank lines."""
    resources = PDFResourceManager()
    device = _BoundedAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    done = 0
    try:
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            yield _layout_text(device.get_result())
            done += 1
    except _PageTooLarge as exc:
        raise DocumentError(
            path, Code.D009, f"page {done + 1} holds more than {MAX_PAGE_CHARACTERS:,} characters"
        ) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on malformed content streams
        raise DocumentError(
            path, Code.D003, f"page {done + 1} cannot be read ({type(exc).__name__}: {exc})"
        ) from exc


def _layout_text(page: LTPage) -> str:
    """One page: the lines of each text block, blocks separated by a blank line."""
    blocks = []
    for box in _text_boxes(page):
        lines = [line.get_text().rstrip() for line in box if isinstance(line, LTTextLine)]
        lines = [line for line in lines if line]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _text_boxes(item: LTItem) -> Iterator[LTTextBox]:
    """Text boxes in pdfminer's reading order, including those nested in figures."""
    if isinstance(item, LTTextBox):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from _text_boxes(child)
