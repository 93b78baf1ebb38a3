"""Organisations named in a clean text, resolved to a canonical name where the gazetteer knows them.

What it finds, best-effort:

- every name, alias and abbreviation of ``lang/nl/organisations.csv`` (ministries with their historical
  names, agencies, advisory councils, planning bureaus, associations of public bodies, civil society),
  matched case-sensitively as whole words; a ministry's short name ("Sociale Zaken en
  Werkgelegenheid") only when it has more than one word, since "Defensie" is also a common noun;
- an acronym defined in brackets after its name ("Landelijk Netwerk Thuislesorganisaties (LNT)"), and
  every later use of that acronym, expanded to the name;
- a name opened by a head word of ``lang/nl/names.toml`` ("Stichting Lize", "Raad voor …").

Organisations not in the gazetteer get category "other". Known misses: names with no head word and no
defined acronym ("Society Impact" without "stichting"), lower-case heads ("de stichting Society
Impact"), acronyms defined before their name ("LNT (Landelijk …)"), organisations abroad.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from beleidsmonitor.extract.phrases import PhraseMatcher
from beleidsmonitor.lang.nl import alternation, load_csv, load_toml, word_alternation
from beleidsmonitor.model import Organisation, Sentence, Span
from beleidsmonitor.structure.locate import SentenceIndex

_FORMS = load_toml("names.toml")["organisations"]
_OTHER = "other"


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    abbreviation: str
    category: str


def _gazetteer() -> dict[str, _Entry]:
    table: dict[str, _Entry] = {}
    for row in load_csv("organisations.csv"):
        abbreviations = [a for a in row["abbreviations"].split("|") if a]
        entry = _Entry(row["name"], abbreviations[0] if abbreviations else "", row["category"])
        forms = [row["name"], *abbreviations, *(a for a in row["aliases"].split("|") if a)]
        if " " in row["short"]:
            forms.append(row["short"])
        for form in forms:
            table.setdefault(form, entry)
    return table


_GAZETTEER = _gazetteer()

# --- named fragments -------------------------------------------------------------------------------
WORD_START = r"(?<![^\W_])"
WORD_END = r"(?![^\W_])"
CAPITALISED = r"[A-ZÀ-ÖØ-Þ][^\W_]*(?:-[^\W_]+)*"
CONNECTOR = rf"(?:{alternation(_FORMS['connectors'])})"
NAME_WORD = rf"(?:{CAPITALISED}|{CONNECTOR}(?=\s+(?:{CONNECTOR}\s+)*[A-ZÀ-ÖØ-Þ]))"
HEADED = rf"{word_alternation(_FORMS['heads'])}(?:\s+{NAME_WORD}){{1,{int(_FORMS['max_words'])}}}{WORD_END}"
ACRONYM = rf"[A-Z][A-Za-z&]{{0,{int(_FORMS['max_acronym']) - 2}}}[A-Z]"
# the name is an atomic group: no shorter run of its words can be followed by the bracket when the longest
# is not, so backtracking into it only costs time (a third of the search, measured on the real letters)
DEFINED = (
    rf"(?P<name>(?>{CAPITALISED}(?:\s+{NAME_WORD}){{0,{int(_FORMS['max_words'])}}}))"
    rf"\s+\((?P<acronym>{ACRONYM})\)"
)

_KNOWN = PhraseMatcher(_GAZETTEER)
_HEADED_RE = re.compile(HEADED)
_DEFINED_RE = re.compile(DEFINED)
_CONNECTOR_RE = re.compile(rf"^(?:{CONNECTOR}\s+)+|(?:\s+{CONNECTOR})+$")


def _defined_name(name: str, acronym: str) -> str:
    """The part of ``name`` that the acronym abbreviates: it starts at a word with the acronym's initial."""
    words = name.split()
    for i, word in enumerate(words):
        if word[0] == acronym[0] and len(words) - i >= 2:
            return " ".join(words[i:])
    return ""


def find_organisations(text: str, sentences: Sequence[Sentence]) -> tuple[Organisation, ...]:
    """All organisation mentions in ``text``, in reading order, known ones with their canonical name.

    Args:
        text: the clean text of a document.
        sentences: its sentences, to record which sentence each mention stands in.
    """
    found: list[tuple[Span, _Entry]] = []

    def free(span: Span) -> bool:
        return not any(span.overlaps(s) for s, _ in found)

    for start, end, form in _KNOWN.finditer(text):
        found.append((Span(start, end), _GAZETTEER[form]))
    defined: dict[str, _Entry] = {}
    for m in _DEFINED_RE.finditer(text):
        name = _defined_name(m["name"], m["acronym"])
        if not name or m["acronym"] in _GAZETTEER:
            continue
        entry = defined.setdefault(m["acronym"], _Entry(name, m["acronym"], _OTHER))
        start = m.end("name") - len(name)
        span = Span(start, m.end())
        if free(span):
            found.append((span, entry))
    if defined:
        acronyms = re.compile(rf"{WORD_START}(?:{alternation(list(defined))}){WORD_END}")
        for m in acronyms.finditer(text):
            span = Span(m.start(), m.end())
            if free(span):
                found.append((span, defined[m[0]]))
    for m in _HEADED_RE.finditer(text):
        name = _CONNECTOR_RE.sub("", m[0])
        span = Span(m.start(), m.start() + len(name))
        if free(span):
            found.append((span, _Entry(name, "", _OTHER)))
    found.sort(key=lambda f: f[0].start)
    index = SentenceIndex(sentences)
    return tuple(
        Organisation(
            span=span,
            text=text[span.start : span.end],
            name=entry.name,
            abbreviation=entry.abbreviation,
            category=entry.category,
            sentence=index.at(span.start),
        )
        for span, entry in found
    )
