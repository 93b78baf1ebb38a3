"""One large document's text cut into chunks at paragraph boundaries, each analysed on its own.

The analysis takes memory in proportion to the text it holds (about 100 MB per million characters at
its peak), so a text longer than a chunk is analysed chunk by chunk (``pipeline.analyse_chunks``) and
only one chunk's analysis is held at a time. A cut falls where the cleaner itself starts a new block,
so that no sentence spans two chunks. In order of preference, the last of the first kind found within
the chunk's room:

1. a blank line after a line that ends a sentence (``.``, ``!``, ``?``, ``:`` or ``;``) and before a
   line that does not start in lower case: the cleaner never joins such paragraphs
   (``clean._continues``);
2. any blank line;
3. a line break after a line that ends a sentence;
4. a sentence end inside a line (". " before a capital);
5. any line break;
6. a space, and only in a text without any of these: a hard cut at the chunk's length.

Cuts 2-6 occur only in texts that are not letters (a line of megabytes, a file of short lines without
a blank line); a sentence longer than ``structure.sentences.MAX_SENTENCE`` is cut there anyway.

What the chunks share: offsets (clean and source) into the whole document, the date (the first
chunk's, the anchor of all), the metadata (each field from the first chunk that has it, so the page
footers' Kamerstuk, a signature and an annex title in later chunks count), commitment numbers and
``same_as`` over all commitments, paragraph numbers and the section above a chunk's first paragraphs
in ``parse``. What each chunk decides alone, so that it may differ from the whole (test_chunks.py):
heading levels and the letter/annex part (decided over the headings of one part), the section and
topic path of a commitment before the chunk's first heading and the measures under headings (both
follow from the headings), a footnote whose note falls in a later chunk than its marker, a date
inferred (no date given and no "Den Haag, <datum>" line: the first chunk's latest past date), the
addressee derived from "uw Kamer". A letter is far below the default chunk size and is one chunk.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from beleidsmonitor.model import SourceDocument

__all__ = ["CHUNK_CHARACTERS", "SourceChunk", "chunk_bounds", "split_source"]

#: the characters of one chunk: about 60 MB at the analysis's peak, a few seconds on one core; a
#: Kamerbrief has some tens of thousands, so letters are analysed whole
CHUNK_CHARACTERS = 500_000

_TERMINAL = (".", "!", "?", ":", ";")
#: a blank line (white space only) and the white space after it, up to the next line's first character
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_END = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?] +(?=[A-ZÀ-Ý0-9])")
_SPACE = re.compile(r" +")


@dataclass(frozen=True, slots=True)
class SourceChunk:
    """A part of a document: ``source.text`` is the slice of the whole text that starts at ``start``."""

    source: SourceDocument
    start: int


def _ends_sentence(text: str, pos: int) -> bool:
    """Whether the last line before ``pos`` ends with a sentence end."""
    return text[max(0, pos - 256) : pos].rstrip().endswith(_TERMINAL)


def _cut(text: str, start: int, limit: int) -> int:
    """Where the chunk that begins at ``start`` ends: the start of the next chunk."""
    low, high = start + 1, start + limit
    found: list[tuple[int, int]] = []  # (tier, cut)
    for match in _BLANK.finditer(text, low, high):
        cut = match.end()
        if cut >= high:
            continue
        opens_low = text[cut : cut + 1].islower()
        tier = 1 if _ends_sentence(text, match.start()) and not opens_low else 2
        found.append((tier, cut))
    if not any(t == 1 for t, _ in found):
        for match in _LINE_END.finditer(text, low, high):
            cut = match.end()
            if cut < high and _ends_sentence(text, match.start()):
                found.append((3, cut))
        if not found:
            found.extend((4, m.end()) for m in _SENTENCE_END.finditer(text, low, high) if m.end() < high)
        if not found:
            found.extend((5, m.end()) for m in _LINE_END.finditer(text, low, high) if m.end() < high)
        if not found:
            found.extend((6, m.end()) for m in _SPACE.finditer(text, low, high) if m.end() < high)
    if not found:
        return high
    best = min(tier for tier, _ in found)
    return max(cut for tier, cut in found if tier == best)


def chunk_bounds(text: str, limit: int = CHUNK_CHARACTERS) -> tuple[tuple[int, int], ...]:
    """The [start, end) ranges of the chunks of ``text``, each at most ``limit`` characters."""
    if limit < 1:
        raise ValueError("a chunk holds at least one character")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return tuple(bounds)


def split_source(source: SourceDocument, limit: int = CHUNK_CHARACTERS) -> Iterator[SourceChunk]:
    """The chunks of ``source``, each a SourceDocument of its own with the whole document's path, hash
    and hints; the footnotes a structured format delivers apart go with the first chunk."""
    for k, (start, end) in enumerate(chunk_bounds(source.text, limit)):
        text = source.text if (start, end) == (0, len(source.text)) else source.text[start:end]
        part = dataclasses.replace(source, text=text, footnotes=source.footnotes if k == 0 else ())
        yield SourceChunk(part, start)
