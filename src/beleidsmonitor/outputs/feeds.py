"""An Atom feed (RFC 4287) of the commitments that need attention: due soon, or overdue since lately.

A feed reader subscribed to a dossier's or a ministry's feed sees an entry when a commitment comes
within the due-soon window (status "binnenkort") and another when its deadline has passed, for
``window_days`` after that (status "verlopen"); older overdue commitments belong to the rappel, not
to a stream of news. Each entry's id names the commitment and the status, so a reader shows the
change to "verlopen" as new; ``updated`` is the day the status began. Titles and text are Dutch
("<dossier> — <subject> (<status>)"); links go to the dashboard page the feed was fetched from and
to the letter's official publication. Written with ElementTree, which escapes every text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from beleidsmonitor.outputs.labels import commitment_title, due_label, nl_date, status_label
from beleidsmonitor.outputs.links import dashboard_url, official_url
from beleidsmonitor.register.store import CommitmentRecord
from beleidsmonitor.vocab import Status

ATOM = "http://www.w3.org/2005/Atom"
#: how long a commitment stays in the feed after its deadline passed
WINDOW_DAYS = 30


def status_since(record: CommitmentRecord, due_soon_days: int) -> dt.date | None:
    """The day a due or overdue commitment got its status; None for other statuses."""
    if record.due is None or record.due.end is None:
        return None
    if record.status is Status.OVERDUE:
        return record.due.end + dt.timedelta(days=1)
    if record.status is Status.DUE:
        return record.due.end - dt.timedelta(days=due_soon_days)
    return None


def feed_items(
    records: Sequence[CommitmentRecord], as_of: dt.date, due_soon_days: int, window_days: int = WINDOW_DAYS
) -> list[tuple[dt.date, CommitmentRecord]]:
    """The commitments due soon, and those overdue for at most ``window_days``, newest change first."""
    items = []
    for record in records:
        since = status_since(record, due_soon_days)
        if since is None:
            continue
        if record.status is Status.OVERDUE and (as_of - since).days > window_days:
            continue
        items.append((since, record))
    items.sort(key=lambda item: (item[0], item[1].id), reverse=True)
    return items


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def commitments_to_atom(
    records: Sequence[CommitmentRecord],
    as_of: dt.date,
    title: str,
    self_url: str,
    base_url: str,
    due_soon_days: int,
    window_days: int = WINDOW_DAYS,
) -> str:
    """The Atom feed of ``records`` (statuses as of ``as_of``) that are due soon or lately overdue.

    Args:
        records: commitments as the store returned them for ``as_of``.
        as_of: the day the statuses were computed for (today, for a live feed).
        title: the feed's title.
        self_url: the feed's own address (its id and rel="self" link).
        base_url: the dashboard's address, for each entry's link.
        due_soon_days: the register's due-soon window, to date a "binnenkort" status.
        window_days: how long an overdue commitment stays in the feed.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    items = feed_items(records, as_of, due_soon_days, window_days)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(
        feed, f"{{{ATOM}}}subtitle"
    ).text = f"Toezeggingen met een termijn binnenkort of sinds kort verlopen, stand per {nl_date(as_of)}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(max((d for d, _ in items), default=as_of))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "beleidsmonitor"
    for since, record in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(
            entry, f"{{{ATOM}}}id"
        ).text = f"{dashboard_url(base_url, f'/commitments/{record.id}')}#{record.status.value}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = commitment_title(record)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(since)
        page = dashboard_url(base_url, f"/commitments/{record.id}?as_of={as_of.isoformat()}")
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": page})
        official = official_url(record.first_document_id)
        if official:
            ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "related", "href": official})
        ET.SubElement(
            entry, f"{{{ATOM}}}category", {"term": record.status.value, "label": status_label(record.status)}
        )
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = (
            f"{record.quote}\n\nTermijn: {due_label(record.due)}. "
            f"Status per {nl_date(as_of)}: {status_label(record.status)}. Bron: {record.first_document_id}."
        )
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
