"""The extractions of one document in the annotation schema (shared/annotation), as plain JSON data.

Keys: document, headings, commitments, time_expressions, references, amounts (the schema), plus
organisations, people, measures and footnotes. Letters cited only by date and counts are kept out
of ``references`` and ``amounts`` (the schema does not annotate them) and listed under their own keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from beleidsmonitor.model import Analysis, Interval
from beleidsmonitor.register.merge import same_as_links
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


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    """The extractions of ``analysis`` as JSON-ready data in the annotation schema."""
    meta = analysis.metadata
    clean = analysis.clean
    document = {
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
        "source": clean.source.path,
        "format": clean.source.format.value,
        "sha256": clean.source.sha256,
    }
    headings = [
        {"text": h.text, "level": h.level, "part": h.part.value, "start": h.span.start, "end": h.span.end}
        for h in analysis.structure.headings
    ]
    commitments = []
    links = same_as_links(analysis.commitments, meta.id or clean.source.path, meta.dossier)
    for i, c in enumerate(analysis.commitments, start=1):
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
                "same_as": _same_as(links[i - 1]),
                "span": [c.span.start, c.span.end],
                "source_span": [src.start, src.end],
            }
        )
    times = [
        {
            "text": t.text,
            "start": _iso(t.interval.start),
            "end": _iso(t.interval.end),
            "span": [t.span.start, t.span.end],
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
            "span": [r.span.start, r.span.end],
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
        entry["span"] = [a.span.start, a.span.end]
        (counts if a.kind is AmountKind.COUNT else amounts).append(entry)
    return {
        "document": document,
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
