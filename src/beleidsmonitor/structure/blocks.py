"""The blocks (separated by a blank line) and items (one per line) of a clean text, with their spans."""

from __future__ import annotations

from dataclasses import dataclass

from beleidsmonitor.model import Span


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or heading block; ``items`` are its lines (the paragraph and its list items)."""

    span: Span
    items: tuple[Span, ...]


def split_blocks(text: str) -> tuple[Block, ...]:
    """Split clean text into blocks at blank lines and blocks into items at line breaks."""
    blocks: list[Block] = []
    pos = 0
    for chunk in text.split("\n\n"):
        start = pos
        pos += len(chunk) + 2
        if not chunk.strip():
            continue
        items: list[Span] = []
        ipos = start
        for line in chunk.split("\n"):
            if line.strip():
                items.append(Span(ipos, ipos + len(line)))
            ipos += len(line) + 1
        blocks.append(Block(Span(start, start + len(chunk)), tuple(items)))
    return tuple(blocks)
