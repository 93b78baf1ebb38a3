"""Named people in a clean text, with the role the text gives them.

What it finds, best-effort, with the roles of ``lang/nl/names.toml``:

- a role, its description, a comma and a name: "De ambassadeur voor de aanpak van jeugdwerkloosheid,
  Mirjam Sterk", and the signature "De Minister van Sociale Zaken en Werkgelegenheid, L.F. Asscher";
- a name before a role: "Cor de Vos voorzitter van deze werkgroep", "… is voorzitter";
- a role followed by a full name: "de Ambassadeur bestrijding Jeugdwerkeloosheid Mirjam Sterk", or by a
  surname alone: "minister Asscher".

A name is initials or a given name, tussenvoegsels, and a capitalised surname. Known misses: people
named without a role ("in aanwezigheid van Mirjam Sterk"), roles not in the list, names written in
capitals, a role whose description holds a comma.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from beleidsmonitor.extract.phrases import FreeSpans, PhraseMatcher, find_from
from beleidsmonitor.lang.nl import alternation, load_toml
from beleidsmonitor.model import Person, Sentence, Span
from beleidsmonitor.structure.locate import SentenceIndex

_NAMES = load_toml("names.toml")
_ROLES: dict[str, str] = {k.casefold(): v for k, v in _NAMES["roles"].items()}


def _either_case(words: Sequence[str]) -> list[str]:
    return [*words, *(w[:1].upper() + w[1:] for w in words)]


# --- named fragments -------------------------------------------------------------------------------
WORD_START = r"(?<![^\W_])"
WORD_END = r"(?![^\W_])"
_ROLE_WORDS = _either_case(list(_NAMES["roles"]))
ROLE = rf"{WORD_START}(?P<role>{alternation(_ROLE_WORDS)}){WORD_END}"
JOINER = rf"(?:{alternation(_NAMES['ministry_joiners']['words'])})"
PARTICLE = rf"(?:{alternation(_NAMES['names']['particles'])})"
CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ][^\W\d_]*(?:-[A-ZÀ-ÖØ-Þ][^\W\d_]+)?"
INITIALS = r"(?:[A-Z]\.(?:[A-Z][a-z]?\.)*)"
NOT_A_PARTICLE = rf"(?!(?:{alternation(_either_case(_NAMES['names']['particles']))}){WORD_END})"
SURNAME = rf"(?:{PARTICLE}\s+)*{NOT_A_PARTICLE}{CAPITALISED}"
NEXT_CAPITAL = r"(?!\s+[A-ZÀ-ÖØ-Þ]|[^\W_])"
FULL_NAME = rf"(?:{INITIALS}\s?{SURNAME}{WORD_END}|{NOT_A_PARTICLE}{CAPITALISED}\s+{SURNAME}{NEXT_CAPITAL})"
DESCRIPTION = r"[^.,;:()«»\n]{0,120}?"

ROLE_COMMA_NAME = rf"{ROLE}{DESCRIPTION},\s+(?P<name>{FULL_NAME})"
NAME_ROLE = rf"(?P<name>{WORD_START}{FULL_NAME})\s+(?:is\s+)?{ROLE}"
ROLE_NAME = rf"{ROLE}(?!\s+{JOINER}\s)(?:\s+[^\W\d_]+){{0,3}}?\s+(?P<name>{FULL_NAME})"
ROLE_SURNAME = rf"{ROLE}(?!\s+{JOINER}\s)\s+(?P<name>{SURNAME}){NEXT_CAPITAL}"

_PATTERNS = tuple(re.compile(p) for p in (ROLE_COMMA_NAME, NAME_ROLE, ROLE_NAME, ROLE_SURNAME))
_ROLES_MATCHER = PhraseMatcher(_ROLE_WORDS)
#: how far before its role a name can begin ("mevrouw drs. M.C.G. Keijzer-van der Linden is staatssecretaris")
_NAME_REACH = 100


#: the longest role word: a name before its role ends its match this far past the role's start
_ROLE_LONGEST = max(len(w) for w in _ROLE_WORDS)
_NOT_WORD = re.compile(r"[\W_]")


def _matches(pattern: re.Pattern[str], text: str, roles: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where a role word stands or a name can begin before one.

    Every pattern holds a role word; those that open with it match only there, the others (a name
    before its role) begin at most ``_NAME_REACH`` characters before it, on the same line, and end
    with the role word: the search stops at the first word end past the longest role word (where
    the word-end check reads the same as in the whole text), so that a long line is not searched to
    its end again for every role word in it.
    """
    if pattern.pattern.startswith(ROLE):
        yield from find_from(pattern, text, roles)
        return
    pos = 0
    line_end = -1
    for role in roles:
        if role < pos:
            continue
        if line_end < role:
            line_end = text.find("\n", role)
            if line_end < 0:
                line_end = len(text)
        beyond = _NOT_WORD.search(text, min(role + _ROLE_LONGEST + 1, line_end), line_end)
        stop = line_end if beyond is None else beyond.start()
        m = pattern.search(text, max(pos, role - _NAME_REACH), stop)
        if m is not None:
            yield m
            pos = m.end()


def find_people(text: str, sentences: Sequence[Sentence]) -> tuple[Person, ...]:
    """All people named with a role in ``text``, in reading order.

    Args:
        text: the clean text of a document.
        sentences: its sentences, to record which sentence each name stands in.
    """
    found: list[tuple[Span, str]] = []  # in text order, none overlapping another
    taken = FreeSpans()
    roles = list(_ROLES_MATCHER.starts(text))
    for pattern in _PATTERNS:
        for m in _matches(pattern, text, roles):
            k = taken.take(m.start("name"), m.end("name"))
            if k is not None:
                found.insert(k, (Span(m.start("name"), m.end("name")), _ROLES[m["role"].casefold()]))
    index = SentenceIndex(sentences)
    return tuple(
        Person(
            span=span,
            text=text[span.start : span.end],
            name=" ".join(text[span.start : span.end].split()),
            role=role,
            sentence=index.at(span.start),
        )
        for span, role in found
    )
