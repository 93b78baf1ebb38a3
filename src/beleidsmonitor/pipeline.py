"""Builds the ordered list of stages and runs it: the only module that knows the order.

read (sources) → clean → structure → extract → Analysis. The extractors come from the registry
(registry.py) in an order it has checked against what each needs and adds (time expressions before
commitments, commitments before measures). Extractors are pure; this module only feeds each what it
needs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from beleidsmonitor.clean import clean
from beleidsmonitor.errors import BeleidsmonitorError, Code, DocumentError
from beleidsmonitor.extract.timex import Tense, find_past_days, parse_time_expressions
from beleidsmonitor.model import Analysis, ChunkAnalysis, DocumentMetadata, SourceDocument
from beleidsmonitor.registry import ExtractionInput, Registry, default_registry
from beleidsmonitor.sources import read_source
from beleidsmonitor.sources.chunks import CHUNK_CHARACTERS, split_source
from beleidsmonitor.structure import build_structure
from beleidsmonitor.structure.clauses import analyse_sentence
from beleidsmonitor.vocab import DocumentType

log = logging.getLogger(__name__)

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def find_dated_days(text: str) -> list[dt.date]:
    """The single days with an explicit year that ``text`` names ("19 december 2013", "20-12-2013")."""
    anchor = dt.date.today()
    # a day with its year does not depend on tense; fixing it skips reading the verbs of the whole
    # text as if it were one sentence, which takes quadratic time on a long text
    return [
        m.interval.start
        for m in parse_time_expressions(text, anchor, Tense.FUTURE)
        if m.interval.end == m.interval.start and _YEAR.search(m.text)
    ]


def analyse(
    source: SourceDocument,
    date: dt.date | None = None,
    identifier: str = "",
    registry: Registry | None = None,
) -> Analysis:
    """Analyse one document that has been read.

    Args:
        source: the document as its reader produced it.
        date: the document date, overriding the one in the text.
        identifier: the official id ("kst-32824-47"), overriding the one in the text.
        registry: the extractors to run, in their checked order; the default registry when None.

    Returns:
        Everything beleidsmonitor extracts from the document.
    """
    cleaned = clean(source)
    structure = build_structure(cleaned, find_dated_days, find_past_days, date=date, identifier=identifier)
    anchor = structure.metadata.date or dt.date.today()
    found: dict[str, tuple[Any, ...]] = {}
    for spec in (registry or default_registry()).ordered_extractors():
        found[spec.adds] = spec.run(
            ExtractionInput(cleaned.text, structure, anchor, found, cleaned.footnotes)
        )
    commitments = found.get("commitments", ())
    analysis = Analysis(
        clean=cleaned,
        structure=structure,
        time_expressions=found.get("time_expressions", ()),
        references=found.get("references", ()),
        amounts=found.get("amounts", ()),
        organisations=found.get("organisations", ()),
        people=found.get("people", ()),
        commitments=commitments,
        measures=found.get("measures", ()),
        fulfilments=found.get("fulfilments", ()),
    )
    log.info("%s: %d commitments", structure.metadata.id or source.path, len(commitments))
    # the sentence readings are shared by this document's extractors only: a process that analyses
    # many documents (an ingest worker, extract over a folder) would otherwise keep up to 8,192 of
    # other documents' readings, 350 MB of long sentences in the fuzz run
    analyse_sentence.cache_clear()
    return analysis


def analyse_file(path: str | Path, date: dt.date | None = None, identifier: str = "") -> Analysis:
    """Read and analyse the file at ``path``.

    Any other exception a reader or an extractor raises is a fault of this package, but one input
    must not end a batch: it becomes a D013 DocumentError for this file, its traceback is logged.

    Raises:
        DocumentError: the file cannot be read or analysed (it names the file and the problem).
    """
    try:
        return analyse(read_source(path), date=date, identifier=identifier)
    except BeleidsmonitorError:
        raise
    except Exception as exc:  # RecursionError, MemoryError and bugs alike: reported per file
        log.exception("%s: analysis failed", path)
        detail = f"{type(exc).__name__}: {exc}"
        raise DocumentError(str(path), Code.D013, detail[:200]) from exc


def analyse_chunks(
    source: SourceDocument,
    date: dt.date | None = None,
    identifier: str = "",
    registry: Registry | None = None,
    chunk_characters: int = CHUNK_CHARACTERS,
) -> Iterator[ChunkAnalysis]:
    """Analyse a document chunk by chunk (sources/chunks.py), holding one chunk's analysis at a time.

    A document of at most ``chunk_characters`` is one chunk, analysed as :func:`analyse` does. The
    first chunk gives the document's metadata; the later ones are anchored on its date (today when
    it has none) and take its id. What the chunks do not share is listed in sources/chunks.py.

    Yields:
        Each chunk's analysis with its place in the whole document, in order.

    Raises:
        DocumentError: a chunk cannot be analysed (a D013 for any fault, as :func:`analyse_file`).
    """
    clean_end = 0
    anchor: dt.date | None = date
    for index, chunk in enumerate(split_source(source, chunk_characters)):
        try:
            analysis = analyse(chunk.source, date=anchor, identifier=identifier, registry=registry)
        except (BeleidsmonitorError, MemoryError):  # ingest reports memory that ran out as D020
            raise
        except Exception as exc:  # as in analyse_file: a fault of this package, reported per file
            log.exception("%s: analysis of chunk %d failed", source.path, index)
            detail = f"{type(exc).__name__}: {exc}"
            raise DocumentError(source.path, Code.D013, detail[:200]) from exc
        if index == 0:
            anchor = analysis.metadata.date or dt.date.today()
            identifier = analysis.metadata.id
        clean_start = clean_end + 2 if clean_end else 0
        yield ChunkAnalysis(analysis, index, clean_start, chunk.start)
        if analysis.clean.text:
            clean_end = clean_start + len(analysis.clean.text)


def document_metadata(found: Sequence[DocumentMetadata]) -> DocumentMetadata:
    """The metadata of a document analysed in chunks, from what each chunk found, in order.

    The first chunk's date (the anchor of every chunk) stays; every other field takes the first
    chunk's value that is not empty: a page footer names the Kamerstuk on every page, the signature
    and the annex title may lie in later chunks.
    """
    first = found[0]
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(DocumentMetadata):
        if field.name in ("date", "date_inferred"):
            continue
        unknown: Any = (
            DocumentType.ONBEKEND if field.name == "doc_type" else type(getattr(first, field.name))()
        )
        value = next((getattr(m, field.name) for m in found if getattr(m, field.name) != unknown), unknown)
        changes[field.name] = value
    return dataclasses.replace(first, **changes)
