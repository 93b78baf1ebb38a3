"""The single map from clean-text offsets back to source offsets.

The cleaner emits text piece by piece; every character it writes records the source offset it came
from, and characters it inserts (a space joining two lines) record the position of what they replace.
"""

from __future__ import annotations


class OffsetMapBuilder:
    """Accumulates clean text together with the source offset of each character."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._offsets: list[int] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, text: str, source_start: int) -> None:
        """Append ``text`` that stands verbatim at ``source_start`` in the source."""
        self._parts.append(text)
        self._offsets.extend(range(source_start, source_start + len(text)))
        self._length += len(text)

    def mapped(self, text: str, source_offsets: list[int]) -> None:
        """Append ``text`` whose characters come from the given source offsets (one per character)."""
        if len(text) != len(source_offsets):
            raise ValueError("one source offset per character is required")
        self._parts.append(text)
        self._offsets.extend(source_offsets)
        self._length += len(text)

    def insert(self, text: str, source_pos: int) -> None:
        """Append ``text`` that has no counterpart in the source; it maps to ``source_pos``."""
        self._parts.append(text)
        self._offsets.extend([source_pos] * len(text))
        self._length += len(text)

    def drop_last(self) -> None:
        """Remove the last character written (a hyphen that turned out to break a word)."""
        while self._parts and not self._parts[-1]:
            self._parts.pop()
        if not self._parts:
            return
        self._parts[-1] = self._parts[-1][:-1]
        self._offsets.pop()
        self._length -= 1

    def build(self, source_length: int) -> tuple[str, tuple[int, ...]]:
        """The clean text and its offsets, with a final entry for the end of the source."""
        return "".join(self._parts), (*self._offsets, source_length)
