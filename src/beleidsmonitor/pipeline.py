"""Builds the ordered list of stages and runs it: the only module that knows the order.

read (sources) → clean → structure → extract (time expressions first: commitments read them) →
Analysis. Extractors are pure; this module only feeds each what it needs.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from beleidsmonitor.clean import clean
from beleidsmonitor.extract.amounts import find_amounts
from beleidsmonitor.extract.commitments import find_commitments
from beleidsmonitor.extract.measures import find_measures
from beleidsmonitor.extract.organisations import find_organisations
from beleidsmonitor.extract.people import find_people
from beleidsmonitor.extract.references import find_references
from beleidsmonitor.extract.timex import find_time_expressions, parse_time_expressions
from beleidsmonitor.model import Analysis, SourceDocument
from beleidsmonitor.sources import read_source
from beleidsmonitor.structure import build_structure

log = logging.getLogger(__name__)

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def find_dated_days(text: str) -> list[dt.date]:
    """The single days with an explicit year that ``text`` names ("19 december 2013", "20-12-2013")."""
    anchor = dt.date.today()
    return [
        m.interval.start
        for m in parse_time_expressions(text, anchor)
        if m.interval.end == m.interval.start and _YEAR.search(m.text)
    ]


def analyse(source: SourceDocument, date: dt.date | None = None, identifier: str = "") -> Analysis:
    """Analyse one document that has been read.

    Args:
        source: the document as its reader produced it.
        date: the document date, overriding the one in the text.
        identifier: the official id ("kst-32824-47"), overriding the one in the text.

    Returns:
        Everything beleidsmonitor extracts from the document.
    """
    cleaned = clean(source)
    structure = build_structure(cleaned, find_dated_days, date=date, identifier=identifier)
    anchor = structure.metadata.date or dt.date.today()
    text = cleaned.text
    sentences = structure.sentences
    times = find_time_expressions(text, sentences, anchor)
    commitments = find_commitments(text, structure, times, anchor)
    analysis = Analysis(
        clean=cleaned,
        structure=structure,
        time_expressions=times,
        references=find_references(text, sentences),
        amounts=find_amounts(text, sentences),
        organisations=find_organisations(text, sentences),
        people=find_people(text, sentences),
        commitments=commitments,
        measures=find_measures(text, structure, commitments),
    )
    log.info("%s: %d commitments", structure.metadata.id or source.path, len(commitments))
    return analysis


def analyse_file(path: str | Path, date: dt.date | None = None, identifier: str = "") -> Analysis:
    """Read and analyse the file at ``path``.

    Raises:
        DocumentError: the file cannot be read (it names the file and the problem).
    """
    return analyse(read_source(path), date=date, identifier=identifier)
