"""JSON written piece by piece, in exactly the layout of ``json.dumps(value, indent=1, ensure_ascii=False)``.

A large document is analysed chunk by chunk (pipeline.analyse_chunks), and its extractions would
take more memory as JSON data than its analysis: the items of each list go to a temporary file
(:class:`Spool`, one JSON line per item) as the chunks come, and :func:`write_json` writes the whole
object at the end, reading each spooled list back one item at a time.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

__all__ = ["Spool", "Streamed", "StreamedText", "write_json"]


class Spool:
    """The items of one JSON list, kept in a temporary file until they are written."""

    def __init__(self) -> None:
        # open as long as the spool lives: close() removes it
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.count = 0

    def append(self, item: Any) -> None:
        """Add one item (JSON data) at the end."""
        self._file.write(json.dumps(item, ensure_ascii=False) + "\n")
        self.count += 1

    def extend(self, items: Iterable[Any]) -> None:
        """Add items at the end."""
        for item in items:
            self.append(item)

    def items(self, change: Callable[[int, Any], Any] | None = None) -> Iterator[Any]:
        """The items in order, each passed through ``change(index, item)`` when given."""
        self._file.flush()
        self._file.seek(0)
        for index, line in enumerate(self._file):
            item = json.loads(line)
            yield item if change is None else change(index, item)

    def close(self) -> None:
        """Remove the temporary file."""
        self._file.close()


@dataclass(frozen=True, slots=True)
class Streamed:
    """A JSON list whose items come from an iterator."""

    items: Iterable[Any]


@dataclass(frozen=True, slots=True)
class StreamedText:
    """A JSON string whose text comes in pieces."""

    pieces: Iterable[str]


def _plain(value: Any, level: int) -> str:
    # json.dumps with indent=1 indents nested lines by their depth; at ``level`` each line moves right
    # by ``level`` spaces (JSON strings hold no raw line break, so every "\n" is a layout one)
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)


def _streams(value: Any) -> bool:
    """Whether ``value`` holds a :class:`Streamed` or :class:`StreamedText` anywhere."""
    if isinstance(value, Streamed | StreamedText):
        return True
    if isinstance(value, dict):
        return any(_streams(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_streams(item) for item in value)
    return False


def write_json(out: TextIO, value: Any, level: int = 0) -> None:
    """Write ``value`` as ``json.dumps(value, indent=1, ensure_ascii=False)`` would, at depth ``level``.

    A dict that holds a streamed value is written key by key; a :class:`Streamed` list item by item;
    a :class:`StreamedText` piece by piece; anything else (an extraction item) whole, in one
    ``json.dumps``. The first line is not indented (the caller placed it).
    """
    if isinstance(value, dict) and _streams(value):
        out.write("{")
        for k, (key, item) in enumerate(value.items()):
            out.write(
                ("," if k else "") + "\n" + " " * (level + 1) + json.dumps(key, ensure_ascii=False) + ": "
            )
            write_json(out, item, level + 1)
        out.write("\n" + " " * level + "}")
    elif isinstance(value, Streamed):
        empty = True
        for item in value.items:
            out.write(("[" if empty else ",") + "\n" + " " * (level + 1))
            write_json(out, item, level + 1)
            empty = False
        out.write("[]" if empty else "\n" + " " * level + "]")
    elif isinstance(value, StreamedText):
        out.write('"')
        for piece in value.pieces:
            out.write(json.dumps(piece, ensure_ascii=False)[1:-1])
        out.write('"')
    else:
        out.write(_plain(value, level))
