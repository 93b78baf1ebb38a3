"""The structure of one document (metadata, headings, paragraphs, sentences) as JSON-ready data.

A large document analysed chunk by chunk (pipeline.analyse_chunks) is written by
:func:`write_structure`: each chunk's lists go to temporary files with offsets, paragraph numbers and
the section of a chunk's first paragraphs (the last heading of an earlier chunk) carried over, and
``text`` is the chunks' clean texts joined by a blank line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from beleidsmonitor.model import ChunkAnalysis, CleanText, DocumentMetadata, SourceDocument, Span, Structure
from beleidsmonitor.outputs.spool import Spool, Streamed, StreamedText, write_json

#: the lists of the structure JSON, in their order
LIST_KEYS = ("headings", "paragraphs", "sentences", "footnotes")


def _header(meta: DocumentMetadata, source: SourceDocument) -> dict[str, Any]:
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
        "source": {"path": source.path, "format": source.format.value, "sha256": source.sha256},
    }


def structure_lists(
    clean: CleanText,
    structure: Structure,
    clean_start: int = 0,
    source_start: int = 0,
    first_paragraph: int = 0,
    section: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The lists of the structure JSON (:data:`LIST_KEYS`) of a document or one chunk of it.

    Args:
        clean: the clean text (of the chunk).
        structure: its structure.
        clean_start: where the chunk's clean text starts in the document's.
        source_start: where the chunk's source text starts in the document's.
        first_paragraph: how many paragraphs earlier chunks had.
        section: the heading above the chunk's first paragraphs (the last one of an earlier chunk).
    """

    def spans(start: int, end: int) -> dict[str, int]:
        src = clean.source_span(Span(start, end))
        return {
            "start": clean_start + start,
            "end": clean_start + end,
            "source_start": source_start + src.start,
            "source_end": source_start + src.end,
        }

    return {
        "headings": [
            {"text": h.text, "level": h.level, "part": h.part.value, **spans(h.span.start, h.span.end)}
            for h in structure.headings
        ],
        "paragraphs": [
            {
                "part": p.part.value,
                "list_item": p.list_item,
                "section": structure.headings[p.section].text if p.section >= 0 else section,
                **spans(p.span.start, p.span.end),
            }
            for p in structure.paragraphs
        ],
        "sentences": [
            {
                "text": s.text,
                "part": s.part.value,
                "paragraph": first_paragraph + s.paragraph,
                **spans(s.span.start, s.span.end),
            }
            for s in structure.sentences
        ],
        "footnotes": [
            {
                "marker": f.marker,
                "text": f.text,
                "anchor": [clean_start + f.anchor.start, clean_start + f.anchor.end] if f.anchor else None,
            }
            for f in clean.footnotes
        ],
    }


def structure_to_dict(clean: CleanText, structure: Structure) -> dict[str, Any]:
    """The clean text's structure with clean and source offsets."""
    return {
        **_header(structure.metadata, clean.source),
        "annex_start": structure.annex_start,
        **structure_lists(clean, structure),
        "text": clean.text,
    }


def write_structure(chunks: Iterable[ChunkAnalysis], out: TextIO, level: int = 0) -> None:
    """Write the structure JSON of a document analysed in chunks, holding one chunk at a time.

    For one chunk the bytes are those of ``json.dumps(structure_to_dict(...), indent=1,
    ensure_ascii=False)``; ``level`` indents it as an item of a list. Nothing is written when no
    chunk comes.
    """
    from beleidsmonitor.pipeline import document_metadata  # the pipeline loads every stage

    spools = {key: Spool() for key in (*LIST_KEYS, "text")}
    try:
        found: list[DocumentMetadata] = []
        source: SourceDocument | None = None
        annex_start: int | None = None
        end = 0
        section: str | None = None
        for chunk in chunks:
            clean, structure = chunk.analysis.clean, chunk.analysis.structure
            source = source or clean.source
            found.append(structure.metadata)
            if annex_start is None and structure.annex_start < len(clean.text):
                annex_start = chunk.clean_start + structure.annex_start
            first = spools["paragraphs"].count
            lists = structure_lists(clean, structure, chunk.clean_start, chunk.source_start, first, section)
            for key, items in lists.items():
                spools[key].extend(items)
            if structure.headings:
                section = structure.headings[-1].text
            if clean.text:
                spools["text"].append(clean.text)
                end = chunk.clean_start + len(clean.text)
        if source is None:
            return

        def text() -> Iterator[str]:
            for k, piece in enumerate(spools["text"].items()):
                yield ("\n\n" if k else "") + piece

        header = _header(document_metadata(found), source)
        value: dict[str, Any] = {**header, "annex_start": end if annex_start is None else annex_start}
        for key in LIST_KEYS:
            value[key] = Streamed(spools[key].items())
        value["text"] = StreamedText(text())
        write_json(out, value, level)
    finally:
        for spool in spools.values():
            spool.close()
