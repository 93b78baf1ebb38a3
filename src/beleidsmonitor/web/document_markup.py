"""A stored document's text as HTML with every extraction marked and typed.

Commitments, time expressions, references, amounts, organisations and people become
:class:`~beleidsmonitor.web.highlight.TypedSpan` objects; :func:`highlight` escapes the text around
them. A reference links to the cited document's page when that document is in the register, and
otherwise to the address the reference extractor recorded (its officielebekendmakingen page, or
the web address it cites).
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from beleidsmonitor.model import Span
from beleidsmonitor.normalise.identifiers import officielebekendmakingen_url
from beleidsmonitor.outputs.labels import extraction_label, kind_label
from beleidsmonitor.register.overview import DocumentText, ExtractionRecord
from beleidsmonitor.web.highlight import TypedSpan, highlight

#: characters of context shown on each side of a quote on a commitment's page
CONTEXT = 600


def reference_href(extraction: ExtractionRecord, known: frozenset[str]) -> str:
    """Where a reference links to: the register's page of the cited document, else its address."""
    if extraction.norm and extraction.norm in known:
        return f"/documents/{extraction.norm}"
    url = str(extraction.value.get("url", "") or "")
    if url:
        return url if "://" in url else f"https://{url}"
    if extraction.norm:
        try:
            return officielebekendmakingen_url(extraction.norm)
        except ValueError:
            return ""
    return ""


def _title(extraction: ExtractionRecord) -> str:
    label = extraction_label(extraction.kind)
    if extraction.kind == "time" and extraction.value_start:
        end = extraction.value_end.isoformat() if extraction.value_end else "open"
        return f"{label}: {extraction.value_start.isoformat()} – {end}"
    if extraction.norm:
        return f"{label}: {extraction.norm}"
    return label


def document_spans(document: DocumentText, focus: int | None = None) -> list[TypedSpan]:
    """Every heading, commitment mention and extraction of ``document`` as typed spans.

    Args:
        document: the stored document.
        focus: a commitment id whose mentions get the extra class ``focus``.
    """
    spans = [TypedSpan(h.start, h.end, "heading", f"kop (niveau {h.level})") for h in document.headings]
    spans += [
        TypedSpan(
            m.start,
            m.end,
            "commitment",
            f"toezegging {m.commitment_id}: {kind_label(m.kind)}",
            anchor=f"c{m.commitment_id}",
            extra_class="focus" if m.commitment_id == focus else "",
        )
        for m in document.mentions
    ]
    for e in document.extractions:
        href = reference_href(e, document.known_references) if e.kind == "reference" else ""
        spans.append(TypedSpan(e.start, e.end, e.kind, _title(e), href))
    return spans


def document_markup(document: DocumentText) -> Markup:
    """The whole clean text with every extraction marked."""
    return highlight(document.text, document_spans(document))


def excerpt_window(quote: Span) -> Span:
    """The offsets whose extractions an excerpt of ``quote`` can show (:func:`excerpt_markup`)."""
    return Span(max(0, quote.start - CONTEXT), quote.end + CONTEXT)


def excerpt_markup(document: DocumentText, quote: Span, commitment_id: int) -> Markup:
    """The text around one mention of a commitment, with that mention marked as the focus."""
    text = document.text
    start = max(0, quote.start - CONTEXT)
    end = min(len(text), quote.end + CONTEXT)
    # cut at white space so that no word is split
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < quote.start else start
    if end < len(text):
        space = text.rfind(" ", quote.end, end)
        end = space if space > quote.end else end
    shifted = [
        TypedSpan(
            max(s.start, start) - start,
            min(s.end, end) - start,
            s.kind,
            s.title,
            s.href,
            s.anchor,
            s.extra_class,
        )
        for s in document_spans(document, focus=commitment_id)
        if s.start < end and s.end > start
    ]
    body = highlight(text[start:end], shifted)
    return Markup("{}{}{}").format("… " if start > 0 else "", body, " …" if end < len(text) else "")


def extraction_counts(document: DocumentText) -> dict[str, int]:
    """How many commitments (as the register counts them, not their mentions) and extractions of each
    kind the document has."""
    counts = Counter(e.kind for e in document.extractions)
    return {"commitment": len({m.commitment_id for m in document.mentions}), **dict(sorted(counts.items()))}
