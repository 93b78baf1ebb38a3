"""Structure stage: CleanText → Structure (metadata, headings, letter vs annex, paragraphs, sentences)."""

from __future__ import annotations

import datetime as dt
import re

from beleidsmonitor.model import CleanText, Heading, Paragraph, Sentence, Span, Structure
from beleidsmonitor.structure.blocks import split_blocks
from beleidsmonitor.structure.headings import assign_levels, heading_blocks, strip_number
from beleidsmonitor.structure.metadata import DateFinder, PastDayFinder, find_metadata
from beleidsmonitor.structure.parts import find_parts
from beleidsmonitor.structure.sentences import split_sentences
from beleidsmonitor.vocab import Part

__all__ = ["build_structure"]


def build_structure(
    clean: CleanText,
    find_dates: DateFinder,
    find_past_days: PastDayFinder,
    date: dt.date | None = None,
    identifier: str = "",
) -> Structure:
    """Find the layout and metadata of a clean document.

    Args:
        clean: the cleaned document.
        find_dates: gives the single days with an explicit year that a text names.
        find_past_days: gives the days one sentence names as past (for a date the text does not print).
        date: the document date when the user gives it.
        identifier: the official id when the user gives it.
    """
    text = clean.text
    blocks = split_blocks(text)
    parts = find_parts(text, blocks)
    skip = frozenset(parts.signature)
    letter_idx = heading_blocks(text, blocks, parts.body_start, parts.annex_start, skip)
    annex_idx = heading_blocks(text, blocks, parts.annex_start, len(blocks), skip)
    annex_start_offset = (
        blocks[parts.annex_start].span.start if parts.annex_start < len(blocks) else len(text)
    )

    def texts(idx: list[int]) -> list[str]:
        return [text[blocks[i].span.start : blocks[i].span.end].strip() for i in idx]

    def adjacency(idx: list[int]) -> list[bool]:
        return [k + 1 < len(idx) and idx[k + 1] == i + 1 for k, i in enumerate(idx)]

    annex_titles = [k == 0 and i == parts.annex_start for k, i in enumerate(annex_idx)]
    annex_levels = assign_levels(texts(annex_idx), adjacency(annex_idx), annex_titles, frozenset())
    # the annex's numbered themes; a letter that repeats them has topics under them
    themes = frozenset(
        strip_number(t).lower()
        for t, lv in zip(texts(annex_idx), annex_levels, strict=True)
        if lv == 2 and strip_number(t) != t
    )
    letter_levels = assign_levels(texts(letter_idx), adjacency(letter_idx), [False] * len(letter_idx), themes)

    headings: list[Heading] = []
    heading_of_block: dict[int, int] = {}
    for idx, levels, part in (
        (letter_idx, letter_levels, Part.LETTER),
        (annex_idx, annex_levels, Part.ANNEX),
    ):
        for i, level in zip(idx, levels, strict=True):
            heading_of_block[i] = len(headings)
            span = blocks[i].span
            headings.append(
                Heading(text=text[span.start : span.end].strip(), level=level, span=span, part=part)
            )

    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    section = -1
    header_blocks = set(range(parts.body_start)) | set(parts.signature)
    for b, block in enumerate(blocks):
        if b in heading_of_block:
            section = heading_of_block[b]
            continue
        if b in header_blocks:
            continue
        part = Part.ANNEX if b >= parts.annex_start else Part.LETTER
        for k, item in enumerate(block.items):
            paragraphs.append(
                Paragraph(span=item, part=part, list_item=k > 0 or _is_list(text, item), section=section)
            )
            start = item.start + _bullet_width(text, item)
            for s in split_sentences(text, start, item.end):
                sentences.append(
                    Sentence(
                        span=s,
                        text=text[s.start : s.end],
                        part=part,
                        paragraph=len(paragraphs) - 1,
                        section=section,
                    )
                )

    annex_title = (
        headings[heading_of_block[parts.annex_start]].text if parts.annex_start in heading_of_block else ""
    )
    metadata = find_metadata(
        text,
        clean.source.text,
        blocks,
        parts,
        clean.source.hints,
        find_dates,
        [s.text for s in sentences],
        find_past_days,
        date=date,
        identifier=identifier,
        title=annex_title,
    )
    return Structure(
        metadata=metadata,
        headings=tuple(headings),
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        annex_start=annex_start_offset,
    )


_BULLET = re.compile(r"[–•▪◦*·-]\s+")


def _bullet_width(text: str, item: Span) -> int:
    m = _BULLET.match(text, item.start, item.end)
    return m.end() - item.start if m else 0


def _is_list(text: str, item: Span) -> bool:
    return _bullet_width(text, item) > 0
