"""Later documents → earlier commitments: finds sentences that report a promised thing done.

A later letter fulfils an earlier commitment when one of its sentences reports, in the past or
perfect tense, that the promised thing happened ("De monitor is aan uw Kamer gestuurd", "Het rapport
is verschenen", "De expertmeeting heeft plaatsgevonden") and names the same thing (content words
shared with the commitment's quote and object, compared as register/merge.py compares mentions).
A sentence that also cites the commitment's own document by Kamerstuk, or a newer Kamerstuk
of the same dossier, gains confidence. Pure: no database; register/store.py supplies candidates.

Known misses: fulfilment stated without a completion verb ("Hierbij ontvangt u de monitor") is only
caught through the "hierbij"/"bijgaand" forms below; fulfilment spread over two sentences is not.
The completion forms are data: ``lang/nl/comparison.toml`` ([fulfilment]).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Analysis, Sentence
from beleidsmonitor.register.merge import content_stems
from beleidsmonitor.vocab import CommitmentKind, ReferenceKind

#: content similarity at or above which a completion sentence fulfils a commitment
THRESHOLD = 0.25
#: confidence added when the sentence cites the commitment's document or dossier
CITATION_BONUS = 0.2

_FORMS = load_toml("comparison.toml")["fulfilment"]


def _words(name: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(_FORMS[name], key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


_AUXILIARY = _words("auxiliaries")
_COMPLETION = _words("completion")
_PRESENTED = _words("presented")
_GENERIC = _words("generic")
_FUTURE = _words("future")


@dataclass(frozen=True, slots=True)
class OpenCommitment:
    """An earlier commitment that a later document may fulfil."""

    key: Hashable
    document_id: str
    document_date: dt.date | None
    dossier: str
    kind: CommitmentKind
    quote: str
    object: str


@dataclass(frozen=True, slots=True)
class Fulfilment:
    """Evidence that a commitment was fulfilled: the document, its sentence and a confidence."""

    key: Hashable
    document_id: str
    quote: str
    sentence: int
    confidence: float


def reports_done(sentence: str) -> bool:
    """Whether ``sentence`` reports something as done (completion verb with an auxiliary, no future)."""
    if _FUTURE.search(sentence):
        return False
    if _PRESENTED.search(sentence):
        return True
    return bool(_COMPLETION.search(sentence) and _AUXILIARY.search(sentence))


def _stems(text: str) -> frozenset[str]:
    """Content stems of ``text`` without completion verbs and addressing words, which every report shares."""
    return content_stems(_GENERIC.sub(" ", _COMPLETION.sub(" ", text)))


def _similarity(sentence: frozenset[str], commitment: OpenCommitment) -> float:
    promised = _stems(commitment.quote) | _stems(commitment.object)
    if not promised or not sentence:
        return 0.0
    shared = len(promised & sentence)
    # the promise is the smaller side: judge how much of it the report names
    return shared / min(len(promised), len(sentence))


def _cited(analysis: Analysis, sentence: Sentence, index: int, commitment: OpenCommitment) -> bool:
    for reference in analysis.references:
        if reference.sentence != index or reference.kind is not ReferenceKind.KAMERSTUK or not reference.id:
            continue
        if reference.id == commitment.document_id or reference.id.startswith(f"kst-{commitment.dossier}-"):
            return True
    return False


def find_fulfilments(analysis: Analysis, candidates: Sequence[OpenCommitment]) -> tuple[Fulfilment, ...]:
    """The candidates that a sentence of ``analysis`` reports done, with the best evidence for each.

    Args:
        analysis: the later document.
        candidates: open commitments of earlier documents (same dossier, or one the document cites).

    Returns:
        At most one fulfilment per candidate, for those whose evidence reaches :data:`THRESHOLD`.
    """
    document_id = analysis.metadata.id
    date = analysis.metadata.date
    best: dict[Hashable, Fulfilment] = {}
    for index, sentence in enumerate(analysis.structure.sentences):
        if not reports_done(sentence.text):
            continue
        stems = _stems(sentence.text)
        for commitment in candidates:
            if commitment.document_id == document_id:
                continue
            if date and commitment.document_date and commitment.document_date > date:
                continue
            similarity = _similarity(stems, commitment)
            if similarity < THRESHOLD:
                continue
            confidence = min(1.0, 0.4 + 0.5 * similarity)
            if _cited(analysis, sentence, index, commitment):
                confidence = min(1.0, confidence + CITATION_BONUS)
            found = Fulfilment(commitment.key, document_id, sentence.text, index, round(confidence, 3))
            if commitment.key not in best or best[commitment.key].confidence < found.confidence:
                best[commitment.key] = found
    return tuple(best.values())
