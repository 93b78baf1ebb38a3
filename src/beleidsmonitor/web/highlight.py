"""Text with typed spans → HTML in which every piece of the text is escaped.

:func:`highlight` wraps each span in a ``<mark>`` (or an ``<a>`` when it links somewhere) carrying
its kind as a class; spans may nest (a time expression inside a commitment), and a span that
crosses another is closed and reopened around it, so the result is always well-formed. The text
itself is only ever inserted through :func:`markupsafe.escape`, so nothing in a document can
become markup. :func:`snippet_markup` does the same for search snippets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from beleidsmonitor.register.search import SnippetPart


@dataclass(frozen=True, slots=True, eq=False)
class TypedSpan:
    """A half-open range [start, end) of the text with its kind and, optionally, a link.

    Compared by identity: two spans with equal fields are still two spans.
    """

    start: int
    end: int
    kind: str
    title: str = ""
    href: str = ""
    #: an id for the first piece of the span (an anchor to link to)
    anchor: str = ""
    #: extra CSS class (e.g. "focus" for the commitment a page is about)
    extra_class: str = ""


def _open_tag(span: TypedSpan, first: bool) -> Markup:
    classes = f"x x-{span.kind}" + (f" {span.extra_class}" if span.extra_class else "")
    attrs = Markup(' class="{}" data-kind="{}"').format(classes, span.kind)
    if span.title:
        attrs += Markup(' title="{}"').format(span.title)
    if first and span.anchor:
        attrs += Markup(' id="{}"').format(span.anchor)
    if span.href:
        return Markup('<a href="{}"{}>').format(span.href, attrs)
    return Markup("<mark{}>").format(attrs)


def _close_tag(span: TypedSpan) -> Markup:
    return Markup("</a>") if span.href else Markup("</mark>")


def highlight(text: str, spans: Iterable[TypedSpan]) -> Markup:
    """``text`` as escaped HTML with each span wrapped in a tag that names its kind.

    Args:
        text: the plain text (a document's clean text).
        spans: ranges of ``text``; empty, inverted or out-of-range spans are ignored. Links are
            not nested inside links: a link inside a link is rendered as a plain mark.

    Returns:
        Safe markup; the text's own characters are all escaped.
    """
    size = len(text)
    valid = sorted(
        (s for s in spans if 0 <= s.start < s.end <= size),
        key=lambda s: (s.start, -s.end),
    )
    starts: dict[int, list[TypedSpan]] = {}
    ends: dict[int, list[TypedSpan]] = {}
    for s in valid:
        starts.setdefault(s.start, []).append(s)
        ends.setdefault(s.end, []).append(s)
    cuts = sorted({0, size, *starts, *ends})
    out: list[Markup] = []
    stack: list[TypedSpan] = []
    opened: set[TypedSpan] = set()
    for i, pos in enumerate(cuts):
        closing = ends.get(pos, [])
        if closing:
            reopen: list[TypedSpan] = []
            while any(s in stack for s in closing):
                top = stack.pop()
                out.append(_close_tag(top))
                if top not in closing:
                    reopen.append(top)
            for s in reversed(reopen):
                out.append(_open_tag(s, False))
                stack.append(s)
        for s in starts.get(pos, []):
            if s.href and any(o.href for o in stack):
                s = TypedSpan(s.start, s.end, s.kind, s.title, "", s.anchor, s.extra_class)
                ends[s.end].append(s)
            out.append(_open_tag(s, s not in opened))
            opened.add(s)
            stack.append(s)
        if i + 1 < len(cuts):
            out.append(escape(text[pos : cuts[i + 1]]))
    for s in reversed(stack):
        out.append(_close_tag(s))
    return Markup("").join(out)


def snippet_markup(parts: Sequence[SnippetPart]) -> Markup:
    """A search snippet as escaped HTML with its hits in ``<mark class="hit">``."""
    return Markup("").join(
        Markup('<mark class="hit">{}</mark>').format(p.text) if p.hit else escape(p.text) for p in parts
    )
