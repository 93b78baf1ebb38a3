"""Content words of a text, folded and stemmed: what two statements of one thing share.

One function per concept: :func:`content_stems` is how the register compares mentions
(register/merge.py) and how the track stage compares a promise with a later report
(track/fulfilment.py). Stop words, time words and stemming endings are data:
``lang/nl/comparison.toml`` and the month names of ``lang/nl/time.toml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from beleidsmonitor.lang.nl import load_toml

_WORDS = load_toml("comparison.toml")
_STOP_WORDS = frozenset(_WORDS["stop_words"]["words"])
_TIME_WORDS = frozenset([*_WORDS["time_words"]["words"], *load_toml("time.toml")["months"]["names"]])
_SUFFIXES = tuple(_WORDS["stemming"]["suffixes"])
_WORD = re.compile(r"[^\W\d_]+")
#: shortest stem for which a prefix or suffix match counts (compounds: "rapportage" in
#: "voortgangsrapportage", "start" in "opgestart")
MIN_AFFIX = 5


def fold_word(word: str) -> str:
    """``word`` case-folded without diacritics ("geïnformeerd" → "geinformeerd")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem_word(word: str) -> str:
    """``word`` without the first stemming ending that leaves at least four letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text``: no stop words, time words, numbers or short words."""
    out = set()
    for raw in _WORD.findall(text):
        word = fold_word(raw)
        if len(word) < 3 or word in _STOP_WORDS or word in _TIME_WORDS:
            continue
        out.add(stem_word(word))
    return frozenset(out)


def stems_meet(a: str, b: str) -> bool:
    """Whether two stems name the same thing: equal, or one a prefix or suffix of the other of at
    least :data:`MIN_AFFIX` letters (a compound and its head)."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_AFFIX:
        return False
    return a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)
