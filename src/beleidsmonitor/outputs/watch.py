"""A watch report as it leaves beleidsmonitor: JSON (one line per round) and Dutch text.

:class:`WatchOut` is the one shape of a dossier's watch report; its commitments are
:class:`~beleidsmonitor.outputs.tables.CommitmentOut`, the shape every other output uses. The text
form names each part with the labels of lang/nl/labels.toml ([watch_section], [watch]).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from pydantic import BaseModel, Field

from beleidsmonitor.outputs.labels import nl_date, status_label, watch_label, watch_section_label
from beleidsmonitor.outputs.tables import CommitmentOut
from beleidsmonitor.register.store import CommitmentRecord
from beleidsmonitor.vocab import WatchSection
from beleidsmonitor.watch import WatchReport


class WatchOut(BaseModel):
    """What is new in one dossier since its previous watch run."""

    dossier: str
    as_of: dt.date
    previous_as_of: dt.date | None = Field(description="the previous run's status day; null on a first run")
    previous_run: dt.datetime | None = Field(description="when the previous run completed (UTC)")
    listed: int = Field(description="documents the listing service named")
    fetched: int = Field(description="documents this run fetched and stored")
    problems: list[str] = Field(description="one line per document or listing that failed")
    documents: list[str] = Field(description="the dossier's documents stored since the previous run")
    new: list[CommitmentOut]
    delivered: list[CommitmentOut]
    overdue: list[CommitmentOut] = Field(description="overdue now, not on the previous run's day")

    @classmethod
    def from_report(cls, report: WatchReport, listed: int, fetched: int, problems: Sequence[str]) -> WatchOut:
        """The outgoing shape of a report, with what the fetch of this run did."""

        def out(records: Sequence[CommitmentRecord]) -> list[CommitmentOut]:
            return [CommitmentOut.from_record(r, report.as_of) for r in records]

        return cls(
            dossier=report.dossier,
            as_of=report.as_of,
            previous_as_of=report.previous.as_of if report.previous else None,
            previous_run=report.previous.ran_at if report.previous else None,
            listed=listed,
            fetched=fetched,
            problems=list(problems),
            documents=list(report.documents),
            new=out(report.new),
            delivered=out(report.delivered),
            overdue=out(report.overdue),
        )


def watch_to_json(reports: Sequence[WatchOut]) -> str:
    """One round of watching as one JSON line: ``{"as_of": …, "dossiers": [WatchOut …]}``."""
    as_of = reports[0].as_of.isoformat() if reports else None
    data = {"as_of": as_of, "dossiers": [r.model_dump(mode="json") for r in reports]}
    return json.dumps(data, ensure_ascii=False) + "\n"


def watch_to_text(report: WatchOut) -> str:
    """A dossier's report in Dutch: the heading, the new documents, then each part with its commitments."""
    previous = (
        f"{watch_label('previous_run')} {nl_date(report.previous_as_of)}"
        if report.previous_as_of
        else watch_label("first_run")
    )
    lines = [
        f"{watch_label('dossier')} {report.dossier}, {watch_label('as_of')} {nl_date(report.as_of)} ({previous})",
        f"{watch_label('documents')}: {', '.join(report.documents) or watch_label('none')}",
    ]
    for section, items in (
        (WatchSection.NEW, report.new),
        (WatchSection.DELIVERED, report.delivered),
        (WatchSection.OVERDUE, report.overdue),
    ):
        lines.append(f"{watch_section_label(section)}: {len(items) or watch_label('none')}")
        for item in items:
            due = item.due_end.isoformat() if item.due_end else "–"
            official = f" [{item.official_number}]" if item.official_number else ""
            lines.append(f"  {item.id:>5}  {status_label(item.status):<13} {due:<10}  {item.quote}{official}")
    lines.extend(report.problems)
    return "\n".join(lines) + "\n"
