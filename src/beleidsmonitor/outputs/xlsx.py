"""Excel workbooks (.xlsx, written with openpyxl): the register and the rappel list for people.

One sheet per table: Dutch headings in bold, frozen under the heading row, an autofilter over the
columns, dates as real Excel dates shown DD-MM-JJJJ, columns sized to their content (capped, with
the long quote column wrapped). Values are the Dutch labels of the outgoing shape
(outputs/tables.py), never the English codes. Cells that start with "=", "+", "-" or "@" are
written as text, so a quote can never become a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from beleidsmonitor.outputs.tables import dutch_rows
from beleidsmonitor.register.store import CommitmentRecord

_WIDEST = 80
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table of a workbook: its name, Dutch headings and rows of plain values."""

    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def _cell_value(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def sheets_to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook holding ``sheets`` in order, as the bytes of an .xlsx file."""
    book = Workbook()
    first = book.active
    assert first is not None  # a new workbook has one sheet
    book.remove(first)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31])
        ws.append(list(sheet.headings))
        for row in sheet.rows:
            ws.append([_cell_value(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        if sheet.rows:
            ws.auto_filter.ref = ws.dimensions
        for index, heading in enumerate(sheet.headings, start=1):
            column = ws.cell(row=1, column=index).column_letter
            longest = max([len(heading)] + [len(str(r[index - 1])) for r in sheet.rows if r[index - 1] != ""])
            ws.column_dimensions[column].width = min(longest + 2, _WIDEST)
            for cell in ws[column][1:]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD-MM-YYYY"
                elif longest > _WIDEST:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def commitments_to_xlsx(records: Sequence[CommitmentRecord], as_of: dt.date) -> bytes:
    """The commitments as one sheet "Toezeggingen" with their status as of ``as_of``."""
    headings, rows = dutch_rows(records, as_of)
    return sheets_to_xlsx([Sheet("Toezeggingen", tuple(headings), tuple(tuple(r) for r in rows))])
