"""Dutch sentence splitting that knows the abbreviations of government texts.

A sentence ends at ``.``, ``!`` or ``?`` followed by white space and a capital, digit, quote or
bracket, unless the full stop belongs to an abbreviation from ``lang/nl/abbreviations.txt``
("nr.", "o.a.", "bijv.") or to initials ("L.F. Asscher"). Some abbreviations often close a sentence
("per 1 januari a.s. Inmiddels …"); after those ([sentences] may_end in layout.toml) a capital does
end the sentence. A footnote marker glued to the full stop stays with its sentence ("aangeboden.1"). A semicolon never ends one. Every item (paragraph or list item) ends its sentence.

A "sentence" longer than MAX_SENTENCE characters (no real one comes near: the longest of the 201
corpus letters has 650) is text without punctuation, such as a table or a damaged file; it is cut at
the last line break or space before the limit, so that the per-sentence analyses downstream
(clauses, tense) stay bounded whatever the input.
"""

from __future__ import annotations

import re
from functools import cache

from beleidsmonitor.lang.nl import load_lines, load_toml
from beleidsmonitor.model import Span

#: a full stop, question or exclamation mark, closing quotes or brackets, and a footnote marker glued to
#: a word's full stop ("aangeboden.1 Ik zal"; not the decimal of "3.5"), before white space and an opener
_CANDIDATE = re.compile(r"[.!?](?:[»”’\"')\]]*)(?:(?<=[^\W\d_][.!?])\d{1,2})?(?=\s+[\"«„“‘'(\[A-ZÀ-Ý0-9–-])")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Z]\.|Th\.|Ch\.|Ph\.|Chr\.)+$")
#: the longest span returned as one sentence
MAX_SENTENCE = 1200


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in load_lines("abbreviations.txt"))


@cache
def _may_end() -> frozenset[str]:
    return frozenset(a.lower() for a in load_toml("layout.toml")["sentences"]["may_end"])


def _is_boundary(text: str, end: int, next_char: str) -> bool:
    """Whether the punctuation that ends at ``end``, followed by ``next_char``, closes a sentence."""
    m = _TOKEN_BEFORE.search(text, max(0, end - 60), end)
    token = m.group(1) if m else ""
    token = token.lstrip("(«\"'„“‘[")
    if not token.endswith("."):
        return True
    low = token.lower()
    if low in _may_end():
        return next_char.isupper()
    if low in _abbreviations():
        return False
    return not _INITIALS.match(token)


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of the item ``text[start:end]`` (offsets in ``text``)."""
    spans: list[Span] = []
    sent_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        stop = m.end()
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if not _is_boundary(text, m.start() + 1, text[nxt : nxt + 1]):
            continue
        if stop > sent_start:
            spans.append(Span(sent_start, stop))
        sent_start = nxt
    if sent_start < end and text[sent_start:end].strip():
        stop = end
        while stop > sent_start and text[stop - 1].isspace():
            stop -= 1
        spans.append(Span(sent_start, stop))
    if any(s.end - s.start > MAX_SENTENCE for s in spans):
        return [piece for span in spans for piece in _bounded(text, span)]
    return spans


def _bounded(text: str, span: Span) -> list[Span]:
    """``span`` cut into pieces of at most MAX_SENTENCE characters, at a line break or space if any."""
    pieces = []
    start = span.start
    while span.end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = text.rfind("\n", start + 1, limit)
        if cut < 0:
            cut = text.rfind(" ", start + 1, limit)
        if cut < 0:
            cut = limit
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            pieces.append(Span(start, stop))
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        pieces.append(Span(start, span.end))
    return pieces
