"""Builds the ordered list of stages and runs it: the only module that knows the order.

read (sources) → clean → structure → extract → Analysis. The extractors come from the registry
(registry.py) in an order it has checked against what each needs and adds (time expressions before
commitments, commitments before measures). Extractors are pure; this module only feeds each what it
needs.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

from beleidsmonitor.clean import clean
from beleidsmonitor.errors import BeleidsmonitorError, Code, DocumentError
from beleidsmonitor.extract.timex import Tense, find_past_days, parse_time_expressions
from beleidsmonitor.model import Analysis, SourceDocument
from beleidsmonitor.registry import ExtractionInput, Registry, default_registry
from beleidsmonitor.sources import read_source
from beleidsmonitor.structure import build_structure
from beleidsmonitor.structure.clauses import analyse_sentence

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
        found[spec.adds] = spec.run(ExtractionInput(cleaned.text, structure, anchor, found))
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
