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


class CorrectionsFile(BaseModel):
    """The file: its format and the corrections, oldest first."""

    model_config = ConfigDict(extra="forbid")

    format: str
    corrections: list[CorrectionOut]


def corrections_to_json(records: Sequence[CorrectionRecord]) -> str:
    """The corrections as the JSON text of a corrections file."""
    data = CorrectionsFile(
        format=FORMAT,
        corrections=[
            CorrectionOut(
                at=r.at,
                who=r.who,
                commitment_key=r.commitment_key,
                first_document_id=r.first_document_id,
                quote=r.quote,
                field=r.field,
                document_id=r.document_id,
                old=r.old,
                new=r.new,
                note=r.note,
                effective=r.effective,
            )
            for r in records
        ],
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
    return tuple(
        CorrectionRecord(
            id=0,
            at=c.at if c.at.tzinfo else c.at.replace(tzinfo=dt.UTC),
            who=c.who,
            commitment_key=c.commitment_key,
            first_document_id=c.first_document_id,
            quote=c.quote,
            field=c.field,
            document_id=c.document_id,
            old=c.old,
            new=c.new,
            note=c.note,
            effective=c.effective,
        )
        for c in data.corrections
    )
