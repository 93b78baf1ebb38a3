"""Read-only overviews of the register: per dossier, themes → topics → measures and commitments.

The store (register/store.py) answers lists of commitments and measures; this module arranges them
the way a voortgangsbrief annex does: per theme (a level-2 heading), per topic (a level-3 heading)
the measures with their state and the commitments with their deadline and status, with counts per
status at every level. Heading levels come from the structure stored with each document; where a
document has none (a plain list of sentences) the first element of a topic path is the theme.

It also reads one document with its typed extractions and commitment mentions, which the web
highlights in the document text. Nothing here writes; statuses come from the store, which computes
them with register/status.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from beleidsmonitor.errors import Code, RegisterError
from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Span
from beleidsmonitor.register.schema import CommitmentRow, DocumentRow, ExtractionRow, MentionRow
from beleidsmonitor.register.store import (
    PAGE_SIZE,
    CommitmentRecord,
    MeasureRecord,
    Page,
    Register,
    dossier_query_key,
)
from beleidsmonitor.vocab import CommitmentKind, Status

logger = logging.getLogger(__name__)

#: the theme of commitments and measures whose topic path names no heading
NO_THEME = "Overig"
#: a leading enumerator of a numbered theme heading ("1 Meedoen …", "2. Grenzen …")
_ENUMERATOR = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """How many commitments have each status."""

    open: int = 0
    due: int = 0
    overdue: int = 0
    partly_fulfilled: int = 0
    fulfilled: int = 0
    postponed: int = 0
    lapsed: int = 0

    @property
    def total(self) -> int:
        """All commitments counted."""
        return sum(self.get(status) for status in Status)

    def get(self, status: Status | str) -> int:
        """The count of one status."""
        return int(getattr(self, Status(status).value))


def count_statuses(records: Iterable[CommitmentRecord]) -> StatusCounts:
    """The counts per status of ``records``."""
    tally = dict.fromkeys(Status, 0)
    for record in records:
        tally[record.status] += 1
    return StatusCounts(**{status.value: count for status, count in tally.items()})


@dataclass(frozen=True, slots=True)
class TopicOverview:
    """One topic of a theme: its measures and commitments."""

    topic: str
    measures: tuple[MeasureRecord, ...]
    commitments: tuple[CommitmentRecord, ...]
    counts: StatusCounts


@dataclass(frozen=True, slots=True)
class ThemeOverview:
    """One theme with its topics; commitments placed directly under the theme have topic ""."""

    theme: str
    topics: tuple[TopicOverview, ...]
    counts: StatusCounts


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """A dossier (agenda) in the register with its counts per status."""

    dossier: str
    title: str
    documents: int
    first_date: dt.date | None
    last_date: dt.date | None
    counts: StatusCounts


@dataclass(frozen=True, slots=True)
class DossierOverview:
    """Everything the register holds of one dossier, arranged by theme and topic, as of a date."""

    dossier: str
    title: str
    as_of: dt.date
    document_ids: tuple[str, ...]
    themes: tuple[ThemeOverview, ...]
    counts: StatusCounts
    overdue: tuple[CommitmentRecord, ...]
    commitments: tuple[CommitmentRecord, ...]
    #: documents whose date was inferred from their text, with that date
    inferred_dates: tuple[tuple[str, dt.date], ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractionRecord:
    """One typed extraction of a document: time, reference, amount, organisation or person."""

    kind: str
    start: int
    end: int
    text: str
    norm: str
    value_start: dt.date | None
    value_end: dt.date | None
    value: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """Where a commitment is stated in a document."""

    commitment_id: int
    kind: CommitmentKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class HeadingRecord:
    """A heading of a stored document."""

    text: str
    level: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A stored document with its clean text, headings, extractions and commitment mentions."""

    id: str
    dossier: str
    title: str
    dossier_title: str
    date: dt.date | None
    ministry: str
    vergaderjaar: str
    format: str
    source_path: str
    text: str
    headings: tuple[HeadingRecord, ...]
    extractions: tuple[ExtractionRecord, ...]
    mentions: tuple[MentionSpan, ...]
    #: normalised ids of cited documents that are themselves in the register
    known_references: frozenset[str]
    #: True when the date was inferred from the text rather than printed or given
    date_inferred: bool = False


# --- dossiers ------------------------------------------------------------------------------------


def counts_of(tally: dict[Status, int]) -> StatusCounts:
    """Counts per status as the store counted them in SQL."""
    return StatusCounts(**{status.value: count for status, count in tally.items()})


def page_dossiers(
    register: Register, as_of: dt.date, after: str = "", limit: int | None = PAGE_SIZE
) -> Page[DossierSummary]:
    """One page of the dossiers in the register with document counts and commitment counts per status.

    Counted by the database for the dossiers of the page only (register.page_dossiers).

    Args:
        register: an open register.
        as_of: the day statuses are computed for.
        after: the ``next_after`` of the previous page ("" for the first).
        limit: the most dossiers on the page; None for all.

    Returns:
        The summaries ordered by dossier key.
    """
    page = register.page_dossiers(as_of, after, limit)
    return Page(
        tuple(
            DossierSummary(d.dossier, d.title, d.documents, d.first_date, d.last_date, counts_of(d.counts))
            for d in page.items
        ),
        page.next_after,
    )


def list_dossiers(register: Register, as_of: dt.date) -> tuple[DossierSummary, ...]:
    """Every dossier in the register with document counts and commitment counts per status.

    Args:
        register: an open register.
        as_of: the day statuses are computed for.

    Returns:
        One summary per dossier, ordered by dossier key.
    """
    return page_dossiers(register, as_of, limit=None).items


def dossier_overview(register: Register, dossier: str, as_of: dt.date) -> DossierOverview:
    """One dossier arranged by theme → topic, with measures, commitments and counts per status.

    Args:
        register: an open register.
        dossier: the dossier number ("32824"; spaces are ignored).
        as_of: the day statuses are computed for.

    Returns:
        The overview; themes in the order they first appear in the dossier's documents.

    Raises:
        RegisterError: R004 when the register holds no document of the dossier.
    """
    number = dossier_query_key(dossier)
    docs = register.list_documents(dossier=number)
    doc_ids = tuple(d.id for d in docs)
    if not doc_ids:
        raise RegisterError(Code.R004, dossier)
    levels = _heading_levels(register, doc_ids)
    commitments = register.list_commitments(as_of=as_of, dossier=number)
    measures = register.list_measures(dossier=number)
    order: list[tuple[str, str]] = []
    grouped_c: dict[tuple[str, str], list[CommitmentRecord]] = {}
    grouped_m: dict[tuple[str, str], list[MeasureRecord]] = {}
    for m in measures:
        place = theme_and_topic(m.topic_path, levels.get(m.document_id, {}))
        grouped_m.setdefault(place, []).append(m)
        if place not in order:
            order.append(place)
    for c in sorted(commitments, key=lambda r: r.id):
        place = theme_and_topic(c.topic_path, levels.get(c.first_document_id, {}))
        grouped_c.setdefault(place, []).append(c)
        if place not in order:
            order.append(place)
    themes: list[ThemeOverview] = []
    theme_names: list[str] = []
    for theme, _ in order:
        if theme not in theme_names:
            theme_names.append(theme)
    for theme in theme_names:
        topics = []
        for place in order:
            if place[0] != theme:
                continue
            items = tuple(grouped_c.get(place, ()))
            topics.append(
                TopicOverview(place[1], tuple(grouped_m.get(place, ())), items, count_statuses(items))
            )
        theme_items = [c for t in topics for c in t.commitments]
        themes.append(ThemeOverview(theme, tuple(topics), count_statuses(theme_items)))
    return DossierOverview(
        dossier=number,
        title=register.dossier_title(number),
        as_of=as_of,
        document_ids=doc_ids,
        themes=tuple(themes),
        counts=count_statuses(commitments),
        overdue=tuple(c for c in commitments if c.status is Status.OVERDUE),
        commitments=commitments,
        inferred_dates=tuple((d.id, d.date) for d in docs if d.date_inferred and d.date is not None),
    )


#: the most measures and commitments the per-theme part of a dossier shows at once
THEME_PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class ThemePage:
    """One page of a dossier's themes: the measures and commitments ``start`` to ``end`` of ``total``.

    Items count in the order a page shows them: per theme, per topic the measures, then the
    commitments. A theme cut by a page boundary appears on both pages with the items of each; its
    counts stay those of the whole theme.
    """

    themes: tuple[ThemeOverview, ...]
    #: position (0-based) in the dossier's themes of the first theme on the page
    first_theme: int
    start: int
    end: int
    total: int
    size: int
    #: per theme of the dossier, the position of its first item (the ``after`` of the page it starts on)
    theme_starts: tuple[int, ...]

    @property
    def next_after(self) -> str:
        """The ``after`` of the next page; "" on the last page."""
        return str(self.end) if self.end < self.total else ""

    @property
    def previous_after(self) -> str | None:
        """The ``after`` of the previous page; None on the first page."""
        return str(max(0, self.start - self.size)) if self.start > 0 else None


def page_themes(themes: Sequence[ThemeOverview], after: int = 0, size: int = THEME_PAGE_SIZE) -> ThemePage:
    """The themes, topics, measures and commitments of items ``after`` to ``after + size``.

    Args:
        themes: a dossier's themes (DossierOverview.themes).
        after: how many items earlier pages showed (0 for the first page).
        size: the most items on the page.

    Returns:
        The page; themes and topics without an item on it are left out.
    """
    if after < 0 or size < 1:
        raise ValueError(f"after {after} and size {size}: expected after >= 0 and size >= 1")
    shown: list[ThemeOverview] = []
    starts: list[int] = []
    first_theme = len(themes)
    position = 0
    stop = after + size
    for index, theme in enumerate(themes):
        starts.append(position)
        topics: list[TopicOverview] = []
        for topic in theme.topics:
            m_from, m_to = _window(position, len(topic.measures), after, stop)
            position += len(topic.measures)
            c_from, c_to = _window(position, len(topic.commitments), after, stop)
            position += len(topic.commitments)
            if m_from < m_to or c_from < c_to:
                items = topic.commitments[c_from:c_to]
                topics.append(TopicOverview(topic.topic, topic.measures[m_from:m_to], items, topic.counts))
        if topics:
            first_theme = min(first_theme, index)
            shown.append(ThemeOverview(theme.theme, tuple(topics), theme.counts))
    return ThemePage(
        themes=tuple(shown),
        first_theme=first_theme,
        start=min(after, position),
        end=min(stop, position),
        total=position,
        size=size,
        theme_starts=tuple(starts),
    )


def _window(position: int, length: int, after: int, stop: int) -> tuple[int, int]:
    """The slice of a run of ``length`` items at ``position`` that falls in [after, stop)."""
    return max(0, after - position), max(0, min(length, stop - position))


def theme_and_topic(topic_path: Sequence[str], levels: dict[str, int]) -> tuple[str, str]:
    """The theme (level-2 heading, enumerator dropped) and topic (level-3 heading) of a topic path.

    Args:
        topic_path: heading texts from the top down, as the extractor recorded them.
        levels: heading text → level in the document; empty when unknown.

    Returns:
        (theme, topic); theme is :data:`NO_THEME` when the path names none, topic "" when the item
        stands directly under its theme.
    """
    path = [p for p in topic_path if p]
    if levels:
        themes = [p for p in path if levels.get(p) == 2]
        topics = [p for p in path if levels.get(p, 3) >= 3]
        theme = themes[-1] if themes else ""
        topic = topics[-1] if topics else ""
    else:
        theme = path[0] if path else ""
        topic = path[-1] if len(path) > 1 else ""
    theme = _ENUMERATOR.sub("", theme).strip()
    if theme.casefold() in _closing_sections():
        # "Tot slot", "Ten slotte" close a letter; what stands under them has no theme of its own
        theme = ""
    return theme or NO_THEME, topic


@cache
def _closing_sections() -> frozenset[str]:
    """The headings of a letter's closing section (lang/nl/layout.toml), folded."""
    return frozenset(w.casefold() for w in load_toml("layout.toml")["headings"]["closing"])


def _heading_levels(register: Register, doc_ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """Per document, heading text → level (the first level a repeated heading text has); the database
    reads the headings out of each structure's JSON, so the rest of it is never sent or decoded."""
    out: dict[str, dict[str, int]] = {}
    with Session(register.engine) as session:
        query = select(DocumentRow.id, DocumentRow.structure["headings"]).where(
            DocumentRow.id.in_(list(doc_ids))
        )
        for doc_id, headings in session.execute(query):
            levels: dict[str, int] = {}
            for heading in headings or []:
                levels.setdefault(str(heading.get("text", "")), int(heading.get("level", 3)))
            out[doc_id] = levels
    return out


# --- one document --------------------------------------------------------------------------------


def _overlapping(start: Any, end: Any, window: Span | None) -> tuple[ColumnElement[bool], ...]:
    """The conditions of rows whose ``start``–``end`` overlaps ``window`` (none when None)."""
    return () if window is None else (start < window.end, end > window.start)


def read_document(register: Register, document_id: str, window: Span | None = None) -> DocumentText:
    """A stored document with its clean text, headings, extractions and commitment mentions.

    Args:
        register: an open register.
        document_id: the register id ("kst-32824-47").
        window: when given, only the headings, extractions and mentions that overlap these offsets
            of the clean text are read (an excerpt's page needs no more; a fuzzed or huge document
            has tens of thousands of extractions).

    Returns:
        The document; extractions and mentions ordered by their start offset.

    Raises:
        RegisterError: R005 when there is no such document.
    """
    with Session(register.engine) as session:
        doc = session.get(DocumentRow, document_id)
        if doc is None:
            raise RegisterError(Code.R005, document_id)
        extractions = tuple(
            ExtractionRecord(
                e.kind, e.start, e.end, e.text, e.norm, e.value_start, e.value_end, dict(e.value or {})
            )
            for e in session.scalars(
                select(ExtractionRow)
                .where(
                    ExtractionRow.document_id == document_id,
                    *_overlapping(ExtractionRow.start, ExtractionRow.end, window),
                )
                .order_by(ExtractionRow.start, ExtractionRow.id)
            )
        )
        mentions = tuple(
            MentionSpan(commitment_id, CommitmentKind(kind), start, end)
            for commitment_id, kind, start, end in session.execute(
                select(MentionRow.commitment_id, CommitmentRow.kind, MentionRow.start, MentionRow.end)
                .join(CommitmentRow, CommitmentRow.id == MentionRow.commitment_id)
                .where(
                    MentionRow.document_id == document_id,
                    *_overlapping(MentionRow.start, MentionRow.end, window),
                )
                .order_by(MentionRow.start)
            )
        )
        cited = {e.norm for e in extractions if e.kind == "reference" and e.norm}
        known = (
            set(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(sorted(cited)))))
            if cited
            else set()
        )
        headings = tuple(
            HeadingRecord(str(h["text"]), int(h["level"]), int(h["start"]), int(h["end"]))
            for h in (doc.structure or {}).get("headings", [])
            if window is None or (int(h["start"]) < window.end and int(h["end"]) > window.start)
        )
        return DocumentText(
            id=doc.id,
            dossier=doc.dossier,
            title=doc.title,
            dossier_title=doc.dossier_title,
            date=doc.date,
            ministry=doc.ministry,
            vergaderjaar=doc.vergaderjaar,
            format=doc.format,
            source_path=doc.source_path,
            text=doc.clean_text,
            headings=headings,
            extractions=extractions,
            mentions=mentions,
            known_references=frozenset(known),
            date_inferred=doc.date_inferred,
        )


def commitment_evidence(register: Register, commitment_id: int) -> tuple[str, ...]:
    """The cues the extractor gave as evidence for a commitment (empty when unknown)."""
    with Session(register.engine) as session:
        evidence = session.scalar(select(CommitmentRow.evidence).where(CommitmentRow.id == commitment_id))
    return tuple(str(e) for e in evidence or ())
