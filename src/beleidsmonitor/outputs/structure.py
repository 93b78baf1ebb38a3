"""The structure of one document (metadata, headings, paragraphs, sentences) as JSON-ready data."""

from __future__ import annotations

from typing import Any

from beleidsmonitor.model import CleanText, Structure


def structure_to_dict(clean: CleanText, structure: Structure) -> dict[str, Any]:
    """The clean text's structure with clean and source offsets."""
    meta = structure.metadata

    def spans(start: int, end: int) -> dict[str, int]:
        from beleidsmonitor.model import Span

        src = clean.source_span(Span(start, end))
        return {"start": start, "end": end, "source_start": src.start, "source_end": src.end}

    return {
        "metadata": {
            "id": meta.id,
            "dossier": meta.dossier,
            "suffix": meta.suffix,
            "nr": meta.nr,
            "vergaderjaar": meta.vergaderjaar,
            "date": meta.date.isoformat() if meta.date else None,
            "date_inferred": meta.date_inferred,
            "title": meta.title,
            "dossier_title": meta.dossier_title,
            "type": meta.doc_type.value,
            "signatories": [
                {"name": s.name, "role": s.role, "ministry": s.ministry} for s in meta.signatories
            ],
            "ministry": meta.ministry,
            "addressee": meta.addressee,
        },
        "source": {
            "path": clean.source.path,
            "format": clean.source.format.value,
            "sha256": clean.source.sha256,
        },
        "annex_start": structure.annex_start,
        "headings": [
            {"text": h.text, "level": h.level, "part": h.part.value, **spans(h.span.start, h.span.end)}
            for h in structure.headings
        ],
        "paragraphs": [
            {
                "part": p.part.value,
                "list_item": p.list_item,
                "section": structure.headings[p.section].text if p.section >= 0 else None,
                **spans(p.span.start, p.span.end),
            }
            for p in structure.paragraphs
        ],
        "sentences": [
            {
                "text": s.text,
                "part": s.part.value,
                "paragraph": s.paragraph,
                **spans(s.span.start, s.span.end),
            }
            for s in structure.sentences
        ],
        "footnotes": [
            {
                "marker": f.marker,
                "text": f.text,
                "anchor": [f.anchor.start, f.anchor.end] if f.anchor else None,
            }
            for f in clean.footnotes
        ],
        "text": clean.text,
    }
