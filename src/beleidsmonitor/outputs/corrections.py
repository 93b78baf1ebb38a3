"""The audit trail as a file: ``export --corrections`` writes it, ``import --corrections`` reads it back.

Corrections are the one part of the register that cannot be recomputed from the letters, so they
travel on their own: a JSON list of :class:`CorrectionOut`, one object per event (who, when, which
commitment by its natural key, field, old and new value, note). Reading validates every entry and
names the file and the entry that is wrong; nothing is imported from a file with an error.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from beleidsmonitor.errors import Code, RegisterError
from beleidsmonitor.register.tracking import MAX_TEXT, CorrectionRecord
from beleidsmonitor.vocab import CorrectionField

#: the format's name and version, written into every file
FORMAT = "beleidsmonitor-corrections/1"


class CorrectionOut(BaseModel):
    """One correction as it leaves and enters beleidsmonitor."""

    model_config = ConfigDict(extra="forbid")

    at: dt.datetime = Field(description="when the correction was made (UTC)")
    who: str = Field(min_length=1, max_length=200)
    commitment_key: str = Field(min_length=1, max_length=120)
    first_document_id: str = Field(default="", max_length=80)
    quote: str = Field(default="", max_length=20_000)
    field: CorrectionField
    document_id: str = Field(default="", max_length=80)
    old: str = Field(default="", max_length=MAX_TEXT)
    new: str = Field(default="", max_length=MAX_TEXT)
    note: str = Field(default="", max_length=MAX_TEXT)
    effective: dt.date | None = None

    @classmethod
    def from_record(cls, record: CorrectionRecord) -> CorrectionOut:
        """The file's form of a stored correction."""
        return cls(**{name: getattr(record, name) for name in cls.model_fields})

    def to_record(self) -> CorrectionRecord:
        """The correction to store (``id`` 0: not stored yet; a time without zone is UTC)."""
        at = self.at if self.at.tzinfo else self.at.replace(tzinfo=dt.UTC)
        return CorrectionRecord(id=0, **{**self.model_dump(), "at": at})


class CorrectionsFile(BaseModel):
    """The file: its format and the corrections, oldest first."""

    model_config = ConfigDict(extra="forbid")

    format: str
    corrections: list[CorrectionOut]


def corrections_to_json(records: Sequence[CorrectionRecord]) -> str:
    """The corrections as the JSON text of a corrections file."""
    data = CorrectionsFile(
        format=FORMAT,
        corrections=[CorrectionOut.from_record(r) for r in records],
    )
    return json.dumps(data.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def corrections_from_json(text: str, source: str) -> tuple[CorrectionRecord, ...]:
    """The corrections of a corrections file.

    Raises:
        RegisterError: R021 naming ``source`` and the first problem (not JSON, another format, an
            entry with a missing or invalid field).
    """
    try:
        data = CorrectionsFile.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RegisterError(Code.R021, f"{source}: {where}: {first['msg']}") from None
    if data.format != FORMAT:
        raise RegisterError(Code.R021, f"{source}: format {data.format!r}, expected {FORMAT!r}")
    return tuple(c.to_record() for c in data.corrections)
