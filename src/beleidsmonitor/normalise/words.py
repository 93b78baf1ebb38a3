"""Content words of a text, folded and stemmed: what two statements of one thing share.

One function per concept: :func:`content_stems` is how the register compares mentions
(register/merge.py) and how the track stage compares a promise with a later report
(track/fulfilment.py); :func:`ordinals` tells members of a series apart ("de tweede rapportage")
and :func:`head_stem` names the thing an object phrase is about ("de uitkomsten van dat rapport" →
"uitkomst"), for both. Stop words, time words and stemming endings are data:
``lang/nl/comparison.toml`` and the month names of ``lang/nl/time.toml``; ordinals
``lang/nl/tracking.toml``; the determiners, prepositions and conjunctions that bound a noun phrase
are those the clause analysis reads (``lang/nl/clauses.toml`` [words]).

Known misses of :func:`head_stem`: a phrase whose head is followed by an adjective or a name without
a preposition ("de Vereniging Nederlandse Gemeenten drie regionale" gives "regional"); the object an
extractor cut short gives the head of what is left.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from beleidsmonitor.lang.nl import load_toml

_WORDS = load_toml("comparison.toml")
_TRACKING = load_toml("tracking.toml")
_CLAUSE_WORDS = load_toml("clauses.toml")["words"]
_STOP_WORDS = frozenset(_WORDS["stop_words"]["words"])
_TIME_WORDS = frozenset([*_WORDS["time_words"]["words"], *load_toml("time.toml")["months"]["names"]])
_SUFFIXES = tuple(_WORDS["stemming"]["suffixes"])
_ANAPHORA = frozenset(_WORDS["anaphora"]["words"])
_DEMONSTRATIVES = frozenset(_WORDS["anaphora"]["demonstratives"])
_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W_]+")
_ORDINALS: dict[str, int] = dict(_TRACKING["ordinals"]["words"])
_NOT_BEFORE = frozenset(_TRACKING["ordinals"]["not_before"])
_NOT_AFTER = frozenset(_TRACKING["ordinals"]["not_after"])
#: words that open what follows a noun phrase's head: a preposition, a conjunction, a relative pronoun
_PHRASE_ENDS = frozenset(
    [*_CLAUSE_WORDS["prepositions"], *_CLAUSE_WORDS["coordinators"], *_CLAUSE_WORDS["relative"]]
)
_DETERMINERS = frozenset(_CLAUSE_WORDS["determiners"])
#: shortest stem for which a prefix or suffix match counts (compounds: "rapportage" in
#: "voortgangsrapportage", "start" in "opgestart")
MIN_AFFIX = 5


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """``word`` case-folded without diacritics ("geïnformeerd" → "geinformeerd"); cached per word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem_word(word: str) -> str:
    """``word`` without the first stemming ending that leaves at least four letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def folded_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` in order, folded (:func:`fold_word`); numbers left out."""
    return tuple(fold_word(raw) for raw in _WORD.findall(text))


@lru_cache(maxsize=4096)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text``: no stop words, time words, pronominal adverbs
    ("hierover"), numbers or short words."""
    out = set()
    for raw in _WORD.findall(text):
        stem = _content_stem(raw)
        if stem:
            out.add(stem)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _content_stem(raw: str) -> str:
    """The stem of one word as written, or "" when it is no content word (cached per word)."""
    word = fold_word(raw)
    if len(word) < 3 or word in _STOP_WORDS or word in _TIME_WORDS or word in _ANAPHORA:
        return ""
    return stem_word(word)


def stems_meet(a: str, b: str) -> bool:
    """Whether two stems name the same thing: equal, or one a prefix or suffix of the other of at
    least :data:`MIN_AFFIX` letters (a compound and its head)."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_AFFIX:
        return False
    return a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)


@lru_cache(maxsize=8192)
def ordinals(text: str) -> frozenset[int]:
    """The numbers of the ordinals in ``text`` that number a thing ("de tweede rapportage" → {2}).

    Enumerations ("ten tweede") and names ("Tweede Kamer", "in de eerste plaats") do not count.
    """
    tokens = [fold_word(t) for t in _TOKEN.findall(text)]
    found = set()
    for i, token in enumerate(tokens):
        number = _ORDINALS.get(token)
        if number is None:
            continue
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if before in _NOT_BEFORE or after in _NOT_AFTER:
            continue
        found.add(number)
    return frozenset(found)


@lru_cache(maxsize=8192)
def head_stem(phrase: str) -> str:
    """The stem of the head noun of a noun phrase: its last content word before the first
    preposition, conjunction or relative pronoun ("de tweede voortgangsrapportage van het programma"
    → "voortgangsrapportag"); "" when it has none."""
    head = ""
    for raw in _WORD.findall(phrase):
        word = fold_word(raw)
        if word in _PHRASE_ENDS and head:
            break
        if word in _DETERMINERS or word in _ORDINALS:
            continue
        if len(word) >= 3 and word not in _STOP_WORDS and word not in _TIME_WORDS and word not in _ANAPHORA:
            head = stem_word(word)
    return head


@lru_cache(maxsize=4096)
def referent(text: str) -> frozenset[str] | None:
    """What ``text`` refers back to for its subject: an empty set for a pronominal adverb ("Ik zal
    uw Kamer hierover berichten": the sentence before); the stems of the noun after a demonstrative
    ("het verdere verloop van dit overleg" → {"overleg"}: the nearest sentence before that names
    it), and of the word after that when an inflected adjective may stand between ("deze nieuwe
    aanpak"); None when it names its subject itself ("dit najaar", a time, names none)."""
    words = [fold_word(raw) for raw in _WORD.findall(text)]
    if any(word in _ANAPHORA for word in words):
        return frozenset()
    nouns: set[str] = set()
    for i, word in enumerate(words):
        if word not in _DEMONSTRATIVES:
            continue
        after = (
            words[i + 1 : i + 3]
            if words[i + 1 : i + 2] and words[i + 1].endswith("e")
            else words[i + 1 : i + 2]
        )
        nouns.update(stem for w in after if w not in _PHRASE_ENDS and (stem := _content_stem(w)))
    return frozenset(nouns) if nouns else None
