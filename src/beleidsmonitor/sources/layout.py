"""The text layout every structured reader writes, so that all formats reach the cleaner alike.

Blocks (paragraphs, headings, the signature) are separated by a blank line; the items of a list
stand on consecutive lines of one block, each starting with its dash or number, as pdftotext lays
out a list; footnotes are kept apart as (marker, text). Also the table of <meta> names that
officielebekendmakingen uses in both its HTML and XML, mapped to SourceHints fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

#: <meta name=…> → SourceHints field, as officielebekendmakingen names them in HTML and XML
META_HINTS = {
    "DC.identifier": "identifier",
    "DC.title": "title",
    "DCTERMS.issued": "date",
    "OVERHEIDop.dossiernummer": "dossier",
    "OVERHEIDop.ondernummer": "ondernummer",
    "OVERHEIDop.vergaderjaar": "vergaderjaar",
}
_SPACE = re.compile(r"\s+")
#: the deepest nesting of elements a structured reader accepts (D012); officielebekendmakingen pages
#: nest about 20 deep, and the readers walk the tree recursively, so this also bounds their stack
MAX_DEPTH = 100


@dataclass(slots=True)
class Layout:
    """Collects blocks, list items and footnotes in reading order."""

    blocks: list[str] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    _items: list[str] = field(default_factory=list)

    def add_block(self, text: str) -> None:
        """A paragraph or heading of its own; ends a running list unless it is empty."""
        if text.strip():
            self._flush()
            self.blocks.append(text.strip())

    def add_item(self, marker: str, text: str) -> None:
        """A list item: one line of the current list block."""
        line = f"{marker} {text}".strip()
        if line:
            self._items.append(line)

    def add_footnote(self, marker: str, text: str) -> str:
        """Record a footnote; returns its marker, numbering unmarked notes in order."""
        marker = marker or str(len(self.footnotes) + 1)
        self.footnotes.append((marker, text))
        return marker

    def text(self) -> str:
        """The laid-out text, ending with a newline; '' when there is none."""
        self._flush()
        return "\n\n".join(self.blocks) + "\n" if self.blocks else ""

    def _flush(self) -> None:
        if self._items:
            self.blocks.append("\n".join(self._items))
            self._items.clear()


def hints_from_meta(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """SourceHints fields from (name, content) pairs of <meta> elements; the first of each wins."""
    found: dict[str, str] = {}
    for name, content in pairs:
        key = META_HINTS.get(name)
        if key and key not in found:
            found[key] = _SPACE.sub(" ", content).strip()
    return found
