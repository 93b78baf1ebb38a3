"""Commitment deadlines as an iCalendar file (RFC 5545), written without an external library.

One all-day ``VEVENT`` per dated commitment: by default on the deadline day (the end of the due
interval; the start when the end is open), or spanning the whole interval. Its title reads
"<dossier> — <subject> (<status>)" in Dutch; it carries the quote, the status as of the export date
(said as such: a file is a snapshot, the live feed at /feeds/… is current), the link to the letter
on officielebekendmakingen.nl and, when the dashboard's public address is given, the link to the
commitment's page (never an invented local address). Output follows RFC
5545: CRLF line ends, content lines folded at 75 octets (never inside a UTF-8 character), TEXT
values escaped (backslash, semicolon, comma, newline), and a stable UID and a DTSTAMP per event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from enum import StrEnum

from beleidsmonitor.outputs.labels import commitment_title, due_label, kind_label, nl_date, status_label
from beleidsmonitor.outputs.links import dashboard_url, official_url
from beleidsmonitor.register.store import CommitmentRecord

PRODID = "-//beleidsmonitor//Toezeggingen//NL"
LINE_OCTETS = 75


class EventSpan(StrEnum):
    """What an event covers: the deadline day only, or the whole due interval."""

    DEADLINE = "deadline"
    INTERVAL = "interval"


def escape_text(value: str) -> str:
    """A TEXT value escaped per RFC 5545 §3.3.11."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> str:
    """One content line folded into pieces of at most 75 octets, joined by CRLF + space."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _event(
    record: CommitmentRecord, span: EventSpan, stamp: str, base_url: str, as_of: dt.date
) -> Iterator[str]:
    assert record.due is not None
    deadline = record.due.end or record.due.start
    first = record.due.start if span is EventSpan.INTERVAL else deadline
    after = deadline + dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
    official = official_url(record.first_document_id)
    page = dashboard_url(base_url, f"/commitments/{record.id}?as_of={as_of.isoformat()}")
    lines = [
        record.quote,
        "",
        f"Soort: {kind_label(record.kind)}",
        f"Termijn: {due_label(record.due)}" + (f" (“{record.time_text}”)" if record.time_text else ""),
        f"Status per {nl_date(as_of)}: {status_label(record.status)}",
        f"Bron: {record.first_document_id}" + (f" {official}" if official else ""),
    ]
    if page:
        lines.append(f"In beleidsmonitor: {page}")
    uid = record.key.replace("#", "-").replace(" ", "") + "@beleidsmonitor"
    yield "BEGIN:VEVENT"
    yield f"UID:{uid}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}"
    yield f"DTEND;VALUE=DATE:{after.strftime('%Y%m%d')}"
    yield f"SUMMARY:{escape_text(commitment_title(record))}"
    yield f"DESCRIPTION:{escape_text(chr(10).join(lines))}"
    yield f"CATEGORIES:{escape_text(kind_label(record.kind))}"
    if page or official:
        yield f"URL:{page or official}"
    yield "TRANSP:TRANSPARENT"
    yield "END:VEVENT"


def commitments_to_ics(
    records: Sequence[CommitmentRecord],
    span: EventSpan = EventSpan.DEADLINE,
    base_url: str = "",
    now: dt.datetime | None = None,
    name: str = "Toezeggingen",
    as_of: dt.date | None = None,
) -> str:
    """The dated commitments as an iCalendar document.

    Args:
        records: commitments as the store returned them (statuses as of the export date).
        span: an event on the deadline day, or over the whole due interval.
        base_url: the dashboard's public address for a link to each commitment; "" for none.
        now: the DTSTAMP (UTC); the current time when None.
        name: the calendar's display name.
        as_of: the day the records' statuses were computed for; today when None.

    Returns:
        The calendar text with CRLF line ends; undated commitments are left out.
    """
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    day = as_of or moment.date()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for record in records:
        if record.due is not None:
            lines.extend(_event(record, span, stamp, base_url, day))
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
