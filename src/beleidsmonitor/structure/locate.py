"""Find which sentence a clean-text offset belongs to (binary search over sentence spans)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from beleidsmonitor.model import Sentence


class SentenceIndex:
    """Repeated offset → sentence lookups over one document."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._starts = [s.span.start for s in sentences]

    def at(self, offset: int) -> int:
        """Index of the sentence containing ``offset``; -1 when before the first sentence."""
        i = bisect_right(self._starts, offset) - 1
        return i if i >= 0 else -1
