"""Commitments as CSV and JSON: one row (object) per register entry, with its status as of a date.

:class:`CommitmentOut` is the one shape a commitment has when it leaves beleidsmonitor: the exports
here and the web API both use it. CSV columns are its fields in declaration order; list fields
(the topic path) are joined with " > ".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence

from pydantic import BaseModel, Field

from beleidsmonitor.register.store import CommitmentRecord
from beleidsmonitor.vocab import CommitmentKind, Part, Status


class CommitmentOut(BaseModel):
    """A register entry as it is exported and served."""

    id: int
    dossier: str
    ministry: str
    kind: CommitmentKind
    status: Status
    as_of: dt.date
    quote: str
    actor: str
    object: str
    recipient: str
    time_text: str | None
    due_start: dt.date | None
    due_end: dt.date | None = Field(description="the deadline; null for an undated or open-ended commitment")
    section: str
    topic_path: list[str]
    part: Part
    confidence: float
    first_document_id: str
    first_document_date: dt.date | None
    fulfilled_by: str | None
    fulfilled_quote: str
    mentions: int

    @classmethod
    def from_record(cls, record: CommitmentRecord, as_of: dt.date) -> CommitmentOut:
        """The exported form of a store record whose status was computed for ``as_of``."""
        # the fields the record shares by name, plus the export date and the due interval's two ends
        shared = {name: getattr(record, name) for name in cls.model_fields if hasattr(record, name)}
        due = record.due
        return cls(
            **shared,
            as_of=as_of,
            due_start=due.start if due else None,
            due_end=due.end if due else None,
        )


CSV_COLUMNS: tuple[str, ...] = tuple(CommitmentOut.model_fields)


def commitments_to_csv(records: Sequence[CommitmentRecord], as_of: dt.date) -> str:
    """The commitments as CSV text (header row, then one row per commitment; CRLF line ends).

    Args:
        records: commitments as the store returned them for ``as_of``.
        as_of: the day their statuses were computed for.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for record in records:
        row = CommitmentOut.from_record(record, as_of).model_dump(mode="json")
        row["topic_path"] = " > ".join(row["topic_path"])
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def commitments_to_json(records: Sequence[CommitmentRecord], as_of: dt.date) -> str:
    """The commitments as a JSON array of :class:`CommitmentOut` objects (UTF-8, indented)."""
    items = [CommitmentOut.from_record(r, as_of).model_dump(mode="json") for r in records]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"
