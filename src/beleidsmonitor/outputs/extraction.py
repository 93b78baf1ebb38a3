"""The extractions of one document in the annotation schema (shared/annotation), as plain JSON data.

Keys: document, headings, commitments, time_expressions, references, amounts (the schema), plus
organisations, people, measures and footnotes. Letters cited only by date and counts are kept out
of ``references`` and ``amounts`` (the schema does not annotate them) and listed under their own keys.

A large document analysed chunk by chunk (pipeline.analyse_chunks) is written by
:func:`write_extraction`: each chunk's items go to temporary files with their offsets moved to their
place in the whole document, commitments numbered on, and ``same_as`` is decided over all commitments
at the end; the output is the same JSON as one :func:`analysis_to_dict` of the whole would give.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any, TextIO

from beleidsmonitor.model import Analysis, ChunkAnalysis, DocumentMetadata, Interval, SourceDocument
from beleidsmonitor.outputs.spool import Spool, Streamed, write_json
from beleidsmonitor.register.merge import MentionFeatures, mention_features, mention_links
from beleidsmonitor.vocab import AmountKind, ReferenceKind


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _due(interval: Interval | None) -> dict[str, str | None] | None:
    if interval is None or interval.end is None:
        return None
    return {"start": _iso(interval.start), "end": _iso(interval.end)}


def _number(value: Any) -> int | float:
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def _same_as(index: int | None) -> str | None:
    return None if index is None else f"c{index + 1:02d}"


#: the lists of the extraction JSON after ``document``, in their order
LIST_KEYS = (
    "headings",
    "commitments",
    "time_expressions",
    "references",
    "amounts",
    "letters",
    "counts",
    "organisations",
    "people",
    "measures",
    "footnotes",
)


def document_to_dict(meta: DocumentMetadata, source: SourceDocument) -> dict[str, Any]:
    """The ``document`` object of the extraction JSON: metadata and source."""
    return {
        "id": meta.id,
        "dossier": meta.dossier,
        "nr": meta.nr,
        "vergaderjaar": meta.vergaderjaar,
        "date": _iso(meta.date),
        "date_inferred": meta.date_inferred,
        "signatories": [s.name for s in meta.signatories],
        "signatory_roles": [
            {"name": s.name, "role": s.role, "ministry": s.ministry} for s in meta.signatories
        ],
        "ministry": meta.ministry,
        "title": meta.title,
        "dossier_title": meta.dossier_title,
        "type": meta.doc_type.value,
        "addressee": meta.addressee,
        "source": source.path,
        "format": source.format.value,
        "sha256": source.sha256,
    }


def extraction_lists(
    analysis: Analysis, clean_start: int = 0, source_start: int = 0, first_commitment: int = 0
) -> dict[str, list[dict[str, Any]]]:
    """The lists of the extraction JSON (:data:`LIST_KEYS`), ``same_as`` left None.

    Args:
        analysis: a document, or one chunk of it.
        clean_start: where the chunk's clean text starts in the document's.
        source_start: where the chunk's source text starts in the document's.
        first_commitment: how many commitments earlier chunks had (ids go on from there).
    """
    clean = analysis.clean

    def span(start: int, end: int) -> list[int]:
        return [clean_start + start, clean_start + end]

    headings = [
        {
            "text": h.text,
            "level": h.level,
            "part": h.part.value,
            "start": clean_start + h.span.start,
            "end": clean_start + h.span.end,
        }
        for h in analysis.structure.headings
    ]
    commitments = []
    for i, c in enumerate(analysis.commitments, start=first_commitment + 1):
        src = clean.source_span(c.span)
        commitments.append(
            {
                "id": f"c{i:02d}",
                "quote": c.quote,
                "kind": c.kind.value,
                "actor": c.actor,
                "object": c.object,
                "recipient": c.recipient,
                "time_text": c.time_text,
                "due": _due(c.due),
                "also": [
                    {"text": t.text, "start": _iso(t.interval.start), "end": _iso(t.interval.end)}
                    for t in c.also
                ],
                "section": c.section,
                "topic_path": list(c.topic_path),
                "part": c.part.value,
                "confidence": round(c.confidence, 3),
                "evidence": list(c.evidence),
                "same_as": None,
                "span": span(c.span.start, c.span.end),
                "source_span": [source_start + src.start, source_start + src.end],
            }
        )
    times = [
        {
            "text": t.text,
            "start": _iso(t.interval.start),
            "end": _iso(t.interval.end),
            "span": span(t.span.start, t.span.end),
        }
        for t in analysis.time_expressions
    ]
    references: list[dict[str, Any]] = []
    letters: list[dict[str, Any]] = []
    for r in analysis.references:
        item: dict[str, Any] = {
            "text": r.text,
            "kind": r.kind.value,
            "id": r.id,
            "span": span(r.span.start, r.span.end),
        }
        if r.submitters:
            item["submitters"] = list(r.submitters)
        if r.url:
            item["url"] = r.url
        (letters if r.kind is ReferenceKind.BRIEF else references).append(item)
    amounts: list[dict[str, Any]] = []
    counts: list[dict[str, Any]] = []
    for a in analysis.amounts:
        entry: dict[str, Any] = {"text": a.text, "kind": a.kind.value, "value": _number(a.value)}
        if a.currency:
            entry["currency"] = a.currency
        if a.unit:
            entry["unit"] = a.unit
        if a.qualifier:
            entry["qualifier"] = a.qualifier
        entry["span"] = span(a.span.start, a.span.end)
        (counts if a.kind is AmountKind.COUNT else amounts).append(entry)
    return {
        "headings": headings,
        "commitments": commitments,
        "time_expressions": times,
        "references": references,
        "amounts": amounts,
        "letters": letters,
        "counts": counts,
        "organisations": [
            {"text": o.text, "name": o.name, "abbreviation": o.abbreviation, "category": o.category}
            for o in analysis.organisations
        ],
        "people": [{"text": p.text, "name": p.name, "role": p.role} for p in analysis.people],
        "measures": [
            {
                "heading": m.heading,
                "topic_path": list(m.topic_path),
                "part": m.part.value,
                "state": m.state.value,
            }
            for m in analysis.measures
        ],
        "footnotes": [{"marker": f.marker, "text": f.text} for f in clean.footnotes],
    }


def _mentions(analysis: Analysis, meta: DocumentMetadata, first_sentence: int) -> list[MentionFeatures]:
    """The merge features of the commitments of ``analysis``, sentences counted in the whole document."""
    key = meta.id or analysis.clean.source.path
    return [
        dataclasses.replace(
            mention_features(c, key, None, meta.dossier), sentence=first_sentence + c.sentence
        )
        for c in analysis.commitments
    ]


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    """The extractions of ``analysis`` as JSON-ready data in the annotation schema."""
    lists = extraction_lists(analysis)
    links = mention_links(_mentions(analysis, analysis.metadata, 0))
    for item, link in zip(lists["commitments"], links, strict=True):
        item["same_as"] = _same_as(link)
    return {"document": document_to_dict(analysis.metadata, analysis.clean.source), **lists}


def write_extraction(chunks: Iterable[ChunkAnalysis], out: TextIO, level: int = 0) -> None:
    """Write the extraction JSON of a document analysed in chunks, holding one chunk at a time.

    The bytes are those of ``json.dumps(analysis_to_dict(whole), indent=1, ensure_ascii=False)`` where
    the whole is the chunks' analyses placed one after the other; ``level`` indents it as an item of
    a list (a folder's documents). Nothing is written when no chunk comes.
    """
    from beleidsmonitor.pipeline import document_metadata  # the pipeline loads every stage

    spools = {key: Spool() for key in LIST_KEYS}
    try:
        found: list[DocumentMetadata] = []
        mentions: list[MentionFeatures] = []
        source: SourceDocument | None = None
        sentences = 0
        for chunk in chunks:
            analysis = chunk.analysis
            source = source or analysis.clean.source
            found.append(analysis.metadata)
            first = spools["commitments"].count
            lists = extraction_lists(analysis, chunk.clean_start, chunk.source_start, first)
            for key, items in lists.items():
                spools[key].extend(items)
            # merging needs the document's id and dossier, known at the end: keep the features now
            mentions.extend(_mentions(analysis, analysis.metadata, sentences))
            sentences += len(analysis.structure.sentences)
        if source is None:
            return
        meta = document_metadata(found)
        key = meta.id or source.path
        links = mention_links(
            [dataclasses.replace(m, document_id=key, dossier=meta.dossier) for m in mentions]
        )

        def linked(index: int, item: dict[str, Any]) -> dict[str, Any]:
            item["same_as"] = _same_as(links[index])
            return item

        value: dict[str, Any] = {"document": document_to_dict(meta, source)}
        for name in LIST_KEYS:
            value[name] = Streamed(spools[name].items(linked if name == "commitments" else None))
        write_json(out, value, level)
    finally:
        for spool in spools.values():
            spool.close()
