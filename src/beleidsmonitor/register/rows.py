"""A document as the register stores it, built from one analysis or chunk by chunk from a large one.

``ingest`` and ``fetch`` analyse a document longer than a chunk (sources/chunks.py) chunk by chunk,
as ``extract`` does, and hold one chunk's analysis at a time: what the register keeps of each chunk
(:class:`DocumentRows`) is taken from it with its spans moved to their place in the whole document,
and the chunk's analysis is let go. The whole document's clean text is the chunks' clean texts joined
by a blank line (model.ChunkAnalysis); sentence numbers go on over the chunks; the metadata is the
chunks' together (pipeline.document_metadata). The extractions, the bulk of it, are kept as
compressed JSON lines until the register writes them, and the mentions as one compressed pickle per
chunk, which the register reads back slice by slice (:meth:`DocumentRows.mention_slices`): neither
the worker that builds the rows nor the process that stores them holds every mention of a large
document at once.

A letter is one chunk: its rows are those of its one analysis (:func:`rows_of_analysis`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from beleidsmonitor.model import Analysis, ChunkAnalysis, Commitment, DocumentMetadata, Span
from beleidsmonitor.vocab import SourceFormat

__all__ = ["DocumentRows", "rows_of_analysis", "rows_of_chunks"]

#: the extraction fields that hold a date (kept as ISO text in the compressed lines)
_DATE_FIELDS = ("value_start", "value_end")


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """What the register stores of one document (:meth:`Register.ingest_rows`), offsets of the whole."""

    metadata: DocumentMetadata
    path: str
    format: SourceFormat
    sha256: str
    clean_text: str
    #: headings, annex_start, the sentence count, the sentences' clean and source spans, footnotes
    structure: dict[str, Any]
    #: the extraction rows (time, reference, amount, organisation, person, fulfilment) without their
    #: document id, as zlib-compressed JSON lines
    extractions: bytes
    measures: tuple[dict[str, Any], ...]
    #: each commitment (span and sentence in the whole document) with its source span, as one
    #: zlib-compressed pickled list per chunk
    mention_parts: tuple[bytes, ...]
    mention_count: int

    @property
    def id(self) -> str:
        """The register id: the kamerstuk id, else one made from the sha256."""
        return self.metadata.id or f"sha256-{self.sha256[:16]}"

    @property
    def mentions(self) -> tuple[tuple[Commitment, Span], ...]:
        """Every commitment with its source span, in document order (all decoded at once)."""
        return tuple(m for part in self.mention_slices(self.mention_count or 1) for m in part)

    @property
    def commitments(self) -> tuple[Commitment, ...]:
        """The commitments, in document order."""
        return tuple(c for c, _ in self.mentions)

    def mention_slices(self, size: int) -> Iterator[list[tuple[Commitment, Span]]]:
        """The mentions in document order, in lists of at most ``size``, one chunk decoded at a time."""
        held: list[tuple[Commitment, Span]] = []
        for part in self.mention_parts:
            held.extend(pickle.loads(zlib.decompress(part)))
            while len(held) >= size:
                yield held[:size]
                del held[:size]
        if held:
            yield held

    def extraction_rows(self) -> Iterator[dict[str, Any]]:
        """The extraction rows, one at a time, dates as dates."""
        inflate = zlib.decompressobj()
        rest = ""
        for start in range(0, len(self.extractions), 1 << 16):
            rest += inflate.decompress(self.extractions[start : start + (1 << 16)]).decode("utf-8")
            *lines, rest = rest.split("\n")
            yield from (_row_of_line(line) for line in lines)
        rest += inflate.flush().decode("utf-8")
        yield from (_row_of_line(line) for line in rest.split("\n") if line)


def _row_of_line(line: str) -> dict[str, Any]:
    row: dict[str, Any] = json.loads(line)
    for name in _DATE_FIELDS:
        if row[name] is not None:
            row[name] = dt.date.fromisoformat(row[name])
    return row


def _line_of_row(row: dict[str, Any]) -> str:
    plain = dict(row)
    for name in _DATE_FIELDS:
        if plain[name] is not None:
            plain[name] = plain[name].isoformat()
    return json.dumps(plain, ensure_ascii=False) + "\n"


class _Builder:
    """The rows of a document, chunk by chunk."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.length = 0  # of the clean text so far, blank lines between chunks included
        self.headings: list[dict[str, Any]] = []
        self.sentence_spans: list[list[Any]] = []
        self.footnotes: list[dict[str, str]] = []
        self.annex_start: int | None = None
        self.found: list[DocumentMetadata] = []
        self.measures: list[dict[str, Any]] = []
        self.mention_parts: list[bytes] = []
        self.mention_count = 0
        self.deflate = zlib.compressobj()
        self.compressed: list[bytes] = []
        self.source: tuple[str, SourceFormat, str] | None = None  # path, format, sha256

    def add(self, analysis: Analysis, clean_start: int, source_start: int) -> None:
        clean = analysis.clean
        structure = analysis.structure
        self.source = self.source or (clean.source.path, clean.source.format, clean.source.sha256)
        first_sentence = len(self.sentence_spans)
        self.found.append(structure.metadata)
        if clean.text:
            self.texts.append(clean.text)
            self.length = clean_start + len(clean.text)

        def source(span: Span) -> Span:
            found = clean.source_span(span)
            return Span(source_start + found.start, source_start + found.end)

        def sentence(number: int) -> int:
            return number + first_sentence if number >= 0 else number

        self.headings.extend(
            {
                "text": h.text,
                "level": h.level,
                "start": clean_start + h.span.start,
                "end": clean_start + h.span.end,
                "part": h.part.value,
            }
            for h in structure.headings
        )
        if self.annex_start is None and structure.annex_start < len(clean.text):
            self.annex_start = clean_start + structure.annex_start
        for s in structure.sentences:
            src = source(s.span)
            self.sentence_spans.append(
                [clean_start + s.span.start, clean_start + s.span.end, src.start, src.end, s.part.value]
            )
        self.footnotes.extend({"marker": f.marker, "text": f.text} for f in clean.footnotes)

        def row(
            category: str, span: Span, text: str, number: int, norm: str = "", /, **value: Any
        ) -> dict[str, Any]:
            src = source(span)
            return {
                "kind": category,
                "text": text,
                "start": clean_start + span.start,
                "end": clean_start + span.end,
                "source_start": src.start,
                "source_end": src.end,
                "sentence": sentence(number),
                "norm": norm,
                "value_start": value.pop("value_start", None),
                "value_end": value.pop("value_end", None),
                "value": value,
            }

        rows: list[dict[str, Any]] = []
        for t in analysis.time_expressions:
            rows.append(
                row(
                    "time", t.span, t.text, t.sentence, value_start=t.interval.start, value_end=t.interval.end
                )
            )
        for r in analysis.references:
            rows.append(
                row("reference", r.span, r.text, r.sentence, r.id or "", kind=r.kind.value, url=r.url,
                    submitters=list(r.submitters))
            )  # fmt: skip
        for a in analysis.amounts:
            rows.append(
                row("amount", a.span, a.text, a.sentence, a.unit, kind=a.kind.value, amount=str(a.value),
                    currency=a.currency, qualifier=a.qualifier)
            )  # fmt: skip
        for o in analysis.organisations:
            rows.append(
                row("organisation", o.span, o.text, o.sentence, o.name, abbreviation=o.abbreviation,
                    category=o.category)
            )  # fmt: skip
        for p in analysis.people:
            rows.append(row("person", p.span, p.text, p.sentence, p.name, role=p.role))
        # sentences saying the letter delivers what was promised: the track stage reads them
        for f in analysis.fulfilments:
            rows.append(row("fulfilment", f.span, f.quote, f.sentence, f.kind.value, cue=f.cue))
        self.compressed.append(self.deflate.compress("".join(_line_of_row(r) for r in rows).encode("utf-8")))
        self.measures.extend(
            {
                "heading": m.heading,
                "topic_path": list(m.topic_path),
                "part": m.part.value,
                "state": m.state.value,
                "evidence": list(m.evidence),
            }
            for m in analysis.measures
        )
        mentions = []
        for c in analysis.commitments:
            placed = dataclasses.replace(
                c,
                span=Span(clean_start + c.span.start, clean_start + c.span.end),
                sentence=sentence(c.sentence),
            )
            mentions.append((placed, source(c.span)))
        if mentions:
            self.mention_parts.append(zlib.compress(pickle.dumps(mentions, pickle.HIGHEST_PROTOCOL), 1))
            self.mention_count += len(mentions)

    def rows(self) -> DocumentRows:
        if self.source is None:
            raise ValueError("a document has at least one chunk")
        path, source_format, sha256 = self.source
        if len(self.found) == 1:
            meta = self.found[0]
        else:
            from beleidsmonitor.pipeline import document_metadata  # the pipeline loads every stage

            meta = document_metadata(self.found)
        self.compressed.append(self.deflate.flush())
        return DocumentRows(
            metadata=meta,
            path=path,
            format=source_format,
            sha256=sha256,
            clean_text=self.texts[0] if len(self.texts) == 1 else "\n\n".join(self.texts),
            structure={
                "headings": self.headings,
                "annex_start": self.length if self.annex_start is None else self.annex_start,
                "sentences": len(self.sentence_spans),
                # clean start, end, source start, end and part of every sentence: the track stage reads them
                "sentence_spans": self.sentence_spans,
                "footnotes": self.footnotes,
            },
            extractions=b"".join(self.compressed),
            measures=tuple(self.measures),
            mention_parts=tuple(self.mention_parts),
            mention_count=self.mention_count,
        )


def rows_of_analysis(analysis: Analysis) -> DocumentRows:
    """What the register stores of a document analysed whole."""
    builder = _Builder()
    builder.add(analysis, 0, 0)
    return builder.rows()


def rows_of_chunks(chunks: Iterable[ChunkAnalysis]) -> DocumentRows:
    """What the register stores of a document analysed chunk by chunk (pipeline.analyse_chunks),
    taking each chunk's rows as it comes and holding no chunk's analysis after that.

    Raises:
        ValueError: no chunk came.
    """
    builder = _Builder()
    for chunk in chunks:
        builder.add(chunk.analysis, chunk.clean_start, chunk.source_start)
    return builder.rows()
