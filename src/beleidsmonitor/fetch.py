"""Kamerstukken from the official sources into the register, one document at a time.

For each Kamerstuk id: skip it when the register already holds it; fetch its metadata
(``metadata.xml``) and its body (XML, else HTML, else PDF) through the polite client; read the body
with the ordinary readers and analyse it with the pipeline, anchored on the publisher's date; then
let the publisher's metadata win over what the text suggests (id, dossier and suffix, ondernummer,
vergaderjaar, date, titles, document type) and store it with :meth:`Register.ingest`. Only letters
(brief) and notas are mined for commitments; a motion, amendment, report or bill is stored with its
type and without commitments. When neither the publisher nor the text names the type, the
document is mined as before.

Every document is fetched and stored on its own: a failure (the service, the document, the
register) is recorded in that document's event and the batch goes on. Because stored documents are
skipped and fetched bodies are cached, a run that was interrupted resumes where it stopped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from beleidsmonitor.budget import Budget, call_within_budget
from beleidsmonitor.errors import Code, DocumentError, RegisterError, RemoteError
from beleidsmonitor.model import SourceDocument
from beleidsmonitor.register.rows import DocumentRows, rows_of_chunks
from beleidsmonitor.register.store import IngestResult, Register
from beleidsmonitor.sources.remote.client import PoliteClient
from beleidsmonitor.sources.remote.officielebekendmakingen import (
    KamerstukMetadata,
    ListedDocument,
    document_url,
    fetch_metadata,
    iter_formats,
    list_dossier,
)
from beleidsmonitor.vocab import DocumentType

logger = logging.getLogger(__name__)

#: the document types whose commitments are extracted (GUIDELINES.md: commitments are made in letters)
MINED_TYPES = frozenset({DocumentType.BRIEF, DocumentType.NOTA})


class Listing(StrEnum):
    """Which service lists the documents of a dossier."""

    SRU = "sru"
    TK = "tk"


@dataclass(frozen=True, slots=True)
class FetchEvent:
    """One document done: stored, already there, or what went wrong."""

    done: int
    total: int
    document_id: str
    #: what storing did; None when the document was already in the register or failed
    result: IngestResult | None
    #: one line saying what went wrong; empty on success
    problem: str = ""
    #: True when the register already held the document, so nothing was fetched
    skipped: bool = False

    @property
    def failed(self) -> bool:
        """Whether the document could not be fetched, read or stored."""
        return bool(self.problem)


def list_documents(
    client: PoliteClient, dossier: str, since: dt.date | None = None, listing: Listing = Listing.SRU
) -> tuple[ListedDocument, ...]:
    """The Kamerstukken of ``dossier`` by the chosen listing service, oldest first.

    Raises:
        RemoteError: the listing cannot be fetched or read.
    """
    settings = client.settings
    if listing is Listing.TK:
        from beleidsmonitor.sources.remote.tweedekamer import list_dossier_documents

        return list_dossier_documents(client, settings.tk_odata_url, dossier, since)
    return list_dossier(client, settings.sru_url, dossier, since)


def analyse_remote(client: PoliteClient, identifier: str, preferred: str = "xml") -> DocumentRows:
    """Fetch, read and analyse one Kamerstuk, with the publisher's metadata winning.

    A text longer than a chunk (setting ``analysis_chunk_characters``) is analysed chunk by chunk, as
    ``ingest`` does, in a child process watched against the budget.

    Returns:
        What the register stores of it (register/rows.py).

    Args:
        client: the polite client (its settings name the services).
        identifier: the Kamerstuk id ("kst-32824-47").
        preferred: the body format tried first (xml, html or pdf); the others follow on a 404.

    Raises:
        RemoteError: the metadata or every body format cannot be fetched.
        DocumentError: the body cannot be read, or its analysis went past the budget (D020).
    """
    # loaded here, before the budget's child is forked: each child would load it again and lose it
    from beleidsmonitor.pipeline import analyse_chunks  # noqa: F401
    from beleidsmonitor.sources import read_bytes

    base = client.settings.officielebekendmakingen_url
    meta = fetch_metadata(client, base, identifier)
    missing: list[str] = []
    for extension in iter_formats(preferred):
        url = document_url(base, identifier, extension)
        try:
            response = client.get(url)
        except RemoteError as exc:
            if exc.code is Code.N002 and "404" in exc.detail:
                missing.append(extension)
                continue
            raise
        source = read_bytes(response.body, meta.url, max_characters=None)
        source = dataclasses.replace(source, hints=meta.hints)
        chunk = client.settings.analysis_chunk_characters
        work = functools.partial(_rows, source, meta.date, meta.id, chunk)
        rows = call_within_budget(work, meta.url, Budget.from_settings(client.settings))
        return with_source_metadata(rows, meta)
    raise RemoteError(
        document_url(base, identifier, preferred), Code.N002, f"HTTP 404 for {', '.join(missing)}"
    )


def _rows(source: SourceDocument, date: dt.date | None, identifier: str, chunk: int) -> DocumentRows:
    from beleidsmonitor.pipeline import analyse_chunks  # the pipeline imports every stage: load on use

    chunks = analyse_chunks(source, date=date, identifier=identifier, chunk_characters=chunk)
    return rows_of_chunks(chunks)


def with_source_metadata(rows: DocumentRows, meta: KamerstukMetadata) -> DocumentRows:
    """The document with the publisher's metadata in place of what the text suggested.

    Commitments (and the measures derived from them) are dropped unless the document is a letter or
    a nota; an unknown type keeps them.
    """
    found = rows.metadata
    doc_type = meta.doc_type if meta.doc_type is not DocumentType.ONBEKEND else found.doc_type
    metadata = dataclasses.replace(
        found,
        id=meta.id,
        dossier=meta.dossier or found.dossier,
        suffix=meta.suffix,
        nr=meta.nr or found.nr,
        vergaderjaar=meta.vergaderjaar or found.vergaderjaar,
        date=meta.date or found.date,
        date_inferred=found.date_inferred if meta.date is None else False,
        title=meta.document_title or found.title,
        dossier_title=meta.dossier_title or found.dossier_title,
        doc_type=doc_type,
    )
    if doc_type in MINED_TYPES or doc_type is DocumentType.ONBEKEND:
        return dataclasses.replace(rows, metadata=metadata)
    logger.info("%s: a %s, not mined for commitments", meta.id, doc_type.value)
    return dataclasses.replace(rows, metadata=metadata, mention_parts=(), mention_count=0, measures=())


def fetch_documents(
    register: Register, client: PoliteClient, identifiers: Iterable[str], preferred: str = "xml"
) -> Iterator[FetchEvent]:
    """Fetch each Kamerstuk not yet in the register and store it; yield one event per id.

    Args:
        register: where the documents go.
        client: the polite client.
        identifiers: Kamerstuk ids, in the order to fetch them.
        preferred: the body format tried first.

    Yields:
        One :class:`FetchEvent` per id, in order; a failure is reported in its event and the next
        document is fetched.
    """
    todo = tuple(dict.fromkeys(identifiers))
    stored = {d.id for d in register.list_documents()}
    for done, identifier in enumerate(todo, start=1):
        if identifier in stored:
            yield FetchEvent(done, len(todo), identifier, None, skipped=True)
            continue
        try:
            rows = analyse_remote(client, identifier, preferred)
            result = register.ingest_rows(rows)
        except RemoteError as exc:
            problem = f"{exc.code.name} {exc.reason} ({exc.url})"
        except DocumentError as exc:
            problem = f"{exc.code.name} {exc.reason}"
        except RegisterError as exc:
            problem = str(exc)
        else:
            stored.add(identifier)
            yield FetchEvent(done, len(todo), identifier, result)
            continue
        logger.warning("%s: %s", identifier, problem)
        yield FetchEvent(done, len(todo), identifier, None, problem)
