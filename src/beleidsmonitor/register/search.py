"""Full-text search over the register's documents and commitments.

On SQLite the text lives in two FTS5 tables (``search_documents``, ``search_commitments``, tokenizer
``unicode61`` with diacritics removed) that :func:`refresh_search_index` builds, and rebuilds whenever
the register's content has changed since; this is the only write this module does. On PostgreSQL
every term is matched with ``ILIKE``. A query is split into words; every word must occur (as a word
prefix on SQLite), so the user's input never reaches the FTS5 query syntax. The match is one more
condition of the store's list query (register/store.py, ``CommitmentFilter``), so the database
filters (ministry, dossier, kind, status as of a date, deadline range), orders and cuts the hits;
snippets are made for the hits returned only.

Snippets come back as typed parts (text, and whether it is a hit) so that the web can escape every
piece; nothing here produces markup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, and_, bindparam, column, func, or_, select, text
from sqlalchemy.orm import Session

from beleidsmonitor.register.db import like_literal, writer
from beleidsmonitor.register.schema import CommitmentRow, DocumentRow
from beleidsmonitor.register.store import CommitmentFilter, CommitmentRecord, Register, dossier_query_key
from beleidsmonitor.vocab import CommitmentKind, Status

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+", re.UNICODE)
#: markers FTS5's snippet() puts around hits; control characters cannot occur in clean text
_OPEN, _CLOSE, _ELLIPSIS = "\x02", "\x03", "…"
_SNIPPET_WORDS = 24


@dataclass(frozen=True, slots=True)
class SnippetPart:
    """A piece of a snippet; ``hit`` when it matched a search term."""

    text: str
    hit: bool


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Filters on the commitments (and, for ministry and dossier, the documents) found."""

    ministry: str | None = None
    dossier: str | None = None
    kind: CommitmentKind | None = None
    status: Status | None = None
    #: keep commitments whose deadline (due end) falls on or after this day
    due_from: dt.date | None = None
    #: keep commitments whose deadline falls on or before this day
    due_to: dt.date | None = None

    @property
    def on_commitments_only(self) -> bool:
        """Whether a filter applies that documents do not have (kind, status, deadline)."""
        return any(v is not None for v in (self.kind, self.status, self.due_from, self.due_to))


@dataclass(frozen=True, slots=True)
class DocumentHit:
    """A document that matches the query."""

    id: str
    dossier: str
    title: str
    date: dt.date | None
    ministry: str
    snippet: tuple[SnippetPart, ...]


@dataclass(frozen=True, slots=True)
class CommitmentHit:
    """A commitment that matches the query, with its status as of the search date."""

    commitment: CommitmentRecord
    snippet: tuple[SnippetPart, ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    """What a search found."""

    query: str
    as_of: dt.date
    documents: tuple[DocumentHit, ...]
    commitments: tuple[CommitmentHit, ...]


def search_terms(query: str) -> tuple[str, ...]:
    """The words of a user's query, lower-cased; punctuation and FTS5 operators are dropped."""
    return tuple(w.lower() for w in _WORD.findall(query))


def search_register(
    register: Register,
    query: str,
    as_of: dt.date,
    filters: SearchFilters | None = None,
    limit: int = 200,
) -> SearchResults:
    """Documents and commitments matching every word of ``query``, filtered as asked.

    The database matches, filters, orders and cuts both lists; snippets are made for the hits
    returned only.

    Args:
        register: an open register.
        query: free text; an empty query matches everything (the filters still apply).
        as_of: the day commitment statuses are computed for.
        filters: ministry, dossier, kind, status and deadline range.
        limit: the most hits of each sort returned.

    Returns:
        The hits, documents by date and commitments by deadline.
    """
    chosen = filters or SearchFilters()
    terms = search_terms(query)
    fts = register.engine.dialect.name == "sqlite"
    if fts and terms:
        refresh_search_index(register)
    where = CommitmentFilter(
        status=chosen.status,
        dossier=chosen.dossier,
        ministry=chosen.ministry,
        kind=chosen.kind,
        due_from=chosen.due_from,
        due_to=chosen.due_to,
        matching=_commitment_condition(terms, fts),
    )
    records = register.page_commitments(as_of, where=where, limit=limit).items
    if fts:
        with register.engine.connect() as conn:
            marked = _fts_commitments(conn, terms, [r.id for r in records])
    else:
        marked = {r.id: _marked(r.quote, terms) for r in records} if terms else {}
    hits = tuple(CommitmentHit(r, marked.get(r.id) or (SnippetPart(r.quote, False),)) for r in records)
    documents: tuple[DocumentHit, ...] = ()
    if not chosen.on_commitments_only:
        doc_rows = _documents(
            register, _document_condition(terms, fts), chosen, limit, bool(terms) and not fts
        )
        if fts:
            with register.engine.connect() as conn:
                snippets = _fts_documents(conn, terms, [d.id for d in doc_rows])
        else:
            snippets = {d.id: _window(d.text, terms) for d in doc_rows} if terms else {}
        documents = tuple(
            DocumentHit(
                doc.id,
                doc.dossier,
                doc.title,
                doc.date,
                doc.ministry,
                snippets.get(doc.id) or _lead(doc.text),
            )
            for doc in doc_rows
        )
    return SearchResults(query, as_of, documents, hits)


def _commitment_condition(terms: Sequence[str], fts: bool) -> ColumnElement[bool] | None:
    """The commitments matching every term: through the FTS5 table on SQLite, ``ILIKE`` elsewhere."""
    return _match_condition(
        terms,
        fts,
        "search_commitments",
        "commitment_id",
        CommitmentRow.id,
        (CommitmentRow.quote, CommitmentRow.object),
    )


def _document_condition(terms: Sequence[str], fts: bool) -> ColumnElement[bool] | None:
    """The documents matching every term: through the FTS5 table on SQLite, ``ILIKE`` elsewhere."""
    return _match_condition(
        terms, fts, "search_documents", "doc_id", DocumentRow.id, (DocumentRow.clean_text, DocumentRow.title)
    )


def _match_condition(
    terms: Sequence[str],
    fts: bool,
    fts_table: str,
    fts_key: str,
    row_id: Any,
    columns: Sequence[Any],
) -> ColumnElement[bool] | None:
    """The rows matching every term: ids from the FTS5 table ``fts_table`` (its ``fts_key`` column is
    ``row_id``), or every term in one of ``columns`` by ``ILIKE``. The bound parameter is named after the
    table, so a query can hold the conditions of both tables."""
    if not terms:
        return None
    if fts:
        parameter = f"{fts_table}_terms"
        matched = text(f"SELECT {fts_key} FROM {fts_table} WHERE {fts_table} MATCH :{parameter}").bindparams(
            **{parameter: _match_expression(terms)}
        )
        return cast("ColumnElement[bool]", row_id.in_(matched.columns(column(fts_key))))
    return and_(*(or_(*(c.ilike(f"%{like_literal(term)}%", escape="\\") for c in columns)) for term in terms))


def refresh_search_index(register: Register) -> bool:
    """Build the SQLite FTS5 tables, or rebuild them when the register changed since the last build.

    Args:
        register: an open register on SQLite.

    Returns:
        True when the index was (re)built, False when it was up to date.
    """
    with writer(register.engine).begin() as conn:
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_documents USING fts5("
                "doc_id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')"
            )
        )
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS search_commitments USING fts5("
                "commitment_id UNINDEXED, quote, object, section, tokenize='unicode61 remove_diacritics 2')"
            )
        )
        conn.execute(text("CREATE TABLE IF NOT EXISTS search_state (fingerprint TEXT NOT NULL)"))
        fingerprint = _fingerprint(conn)
        stored = conn.execute(text("SELECT fingerprint FROM search_state")).scalar()
        if stored == fingerprint:
            return False
        conn.execute(text("DELETE FROM search_documents"))
        conn.execute(text("DELETE FROM search_commitments"))
        docs = conn.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.clean_text)).all()
        if docs:
            conn.execute(
                text("INSERT INTO search_documents (doc_id, title, body) VALUES (:i, :t, :b)"),
                [{"i": d[0], "t": d[1], "b": d[2]} for d in docs],
            )
        rows = conn.execute(
            select(CommitmentRow.id, CommitmentRow.quote, CommitmentRow.object, CommitmentRow.section)
        ).all()
        if rows:
            conn.execute(
                text(
                    "INSERT INTO search_commitments (commitment_id, quote, object, section) "
                    "VALUES (:i, :q, :o, :s)"
                ),
                [{"i": r[0], "q": r[1], "o": r[2], "s": r[3]} for r in rows],
            )
        conn.execute(text("DELETE FROM search_state"))
        conn.execute(text("INSERT INTO search_state (fingerprint) VALUES (:f)"), {"f": fingerprint})
    logger.info("search index rebuilt: %d documents, %d commitments", len(docs), len(rows))
    return True


def _fingerprint(conn: Connection) -> str:
    docs = conn.execute(select(func.count(), func.group_concat(DocumentRow.sha256))).one()
    commitments = conn.execute(select(func.count(), func.max(CommitmentRow.id))).one()
    digest = hashlib.sha256(str(docs[1] or "").encode()).hexdigest()[:16]
    return f"{docs[0]}:{digest}:{commitments[0]}:{commitments[1]}"


def _match_expression(terms: Sequence[str]) -> str:
    # every term quoted (so FTS5 sees no operator) and used as a prefix
    return " AND ".join('"' + t.replace('"', "") + '"*' for t in terms)


def _fts_documents(
    conn: Connection, terms: Sequence[str], ids: Sequence[str]
) -> dict[str, tuple[SnippetPart, ...]]:
    """The snippets of the documents ``ids`` around the terms' hits."""
    if not terms or not ids:
        return {}
    rows = conn.execute(
        text(
            "SELECT doc_id, snippet(search_documents, 2, :o, :c, :e, :n) FROM search_documents "
            "WHERE search_documents MATCH :q AND doc_id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {
            "o": _OPEN,
            "c": _CLOSE,
            "e": _ELLIPSIS,
            "n": _SNIPPET_WORDS,
            "q": _match_expression(terms),
            "ids": list(ids),
        },
    ).all()
    return {str(r[0]): snippet_parts(str(r[1])) for r in rows}


def _fts_commitments(
    conn: Connection, terms: Sequence[str], ids: Sequence[int]
) -> dict[int, tuple[SnippetPart, ...]]:
    """The quotes of the commitments ``ids`` with the terms' hits marked."""
    if not terms or not ids:
        return {}
    rows = conn.execute(
        text(
            "SELECT commitment_id, highlight(search_commitments, 1, :o, :c) FROM search_commitments "
            "WHERE search_commitments MATCH :q AND commitment_id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"o": _OPEN, "c": _CLOSE, "q": _match_expression(terms), "ids": list(ids)},
    ).all()
    return {int(r[0]): snippet_parts(str(r[1])) for r in rows}


def snippet_parts(marked: str) -> tuple[SnippetPart, ...]:
    """Split a snippet with FTS5 hit markers into typed parts."""
    parts: list[SnippetPart] = []
    for i, piece in enumerate(re.split(f"[{_OPEN}{_CLOSE}]", marked)):
        if piece:
            parts.append(SnippetPart(piece, i % 2 == 1))
    return tuple(parts)


def _marked(body: str, terms: Sequence[str]) -> tuple[SnippetPart, ...]:
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    parts: list[SnippetPart] = []
    pos = 0
    for m in pattern.finditer(body):
        if m.start() > pos:
            parts.append(SnippetPart(body[pos : m.start()], False))
        parts.append(SnippetPart(m.group(), True))
        pos = m.end()
    if pos < len(body):
        parts.append(SnippetPart(body[pos:], False))
    return tuple(parts)


def _window(body: str, terms: Sequence[str], width: int = 120) -> tuple[SnippetPart, ...]:
    first = min((i for i in (body.lower().find(t) for t in terms) if i >= 0), default=0)
    start = max(0, first - width)
    piece = body[start : first + width]
    prefix = (SnippetPart(_ELLIPSIS, False),) if start else ()
    return prefix + _marked(piece, terms)


def _lead(body: str, width: int = 200) -> tuple[SnippetPart, ...]:
    piece = " ".join(body[:width].split())
    return (SnippetPart(piece + (_ELLIPSIS if len(body) > width else ""), False),)


@dataclass(frozen=True, slots=True)
class _DocumentRow:
    id: str
    dossier: str
    title: str
    date: dt.date | None
    ministry: str
    text: str


def _documents(
    register: Register, matching: ColumnElement[bool] | None, filters: SearchFilters, limit: int, whole: bool
) -> list[_DocumentRow]:
    """The first ``limit`` documents by date that match and pass the filters; their text's start, or
    the whole text when ``whole`` (to cut a snippet from)."""
    body = DocumentRow.clean_text if whole else func.substr(DocumentRow.clean_text, 1, 400)
    query = (
        select(
            DocumentRow.id,
            DocumentRow.dossier,
            DocumentRow.title,
            DocumentRow.date,
            DocumentRow.ministry,
            body,
        )
        .order_by(DocumentRow.date, DocumentRow.id)
        .limit(limit)
    )
    if matching is not None:
        query = query.where(matching)
    if filters.dossier:
        query = query.where(DocumentRow.dossier == dossier_query_key(filters.dossier))
    if filters.ministry:
        query = query.where(DocumentRow.ministry.ilike(like_literal(filters.ministry), escape="\\"))
    with Session(register.engine) as session:
        return [_DocumentRow(*row) for row in session.execute(query)]
