"""Fulfilment evidence: sentences in which the letter says it delivers now what was promised or asked.

GUIDELINES.md, "Decided cases (real letters)": the performative present ("Hierbij informeer ik u",
"doe ik u hierbij toekomen", "Bijgaand treft u aan"), what this letter does ("In deze brief ga ik in
op ..."), a promise said to be kept ("Zoals toegezegd ...", "Met deze brief geef ik invulling aan de
toezegging ...") and a motion said to be carried out ("uitvoering van de motie ...") are no commitments;
they are evidence for the track stage, which resolves the references and dates cited in the sentence
to the earlier promise. Read from the clause analysis (structure/clauses.py) and the cue words of
``lang/nl/acts.toml`` [fulfilment]; a sentence whose own clauses promise something ("zal", "ben
voornemens") is a commitment, not evidence.

Known misses: a delivery stated without any of the cue words ("De evaluatie is bijgevoegd" is found by
"bijgevoegd", "U treft de evaluatie aan" is not); the kind is the most specific cue of the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import FulfilmentEvidence, Reference, Sentence, TimeExpression
from beleidsmonitor.structure.clauses import SentenceAnalysis, analyse_sentence
from beleidsmonitor.vocab import ClauseRole, FulfilmentKind, Modality, Tense

_PROMISING = frozenset({Modality.FUTURE, Modality.INTENTION, Modality.HOPE, Modality.PLANNED})


@dataclass(frozen=True, slots=True)
class FulfilmentCues:
    """The cue words of acts.toml [fulfilment]."""

    promise: frozenset[str]
    motion: frozenset[str]
    carry_out: frozenset[str]


@cache
def load_fulfilment_cues() -> FulfilmentCues:
    """The fulfilment cue words (cached)."""
    data = load_toml("acts.toml")["fulfilment"]
    return FulfilmentCues(
        promise=frozenset(data["promise"]),
        motion=frozenset(data["motion"]),
        carry_out=frozenset(w for w in data["carry_out"] if " " not in w),
    )


def classify_fulfilment(analysis: SentenceAnalysis) -> tuple[FulfilmentKind, str] | None:
    """The kind of fulfilment evidence a sentence gives and its cue words, or None."""
    main = [c for c in analysis.clauses if c.role is not ClauseRole.PARENTHETICAL]
    this_letter = next((c for c in main if c.this_letter and c.role is ClauseRole.MAIN), None)
    if this_letter is None and any(
        c.modality & _PROMISING and c.role is not ClauseRole.RELATIVE for c in main
    ):
        return None
    cues = load_fulfilment_cues()
    reports = any(c.role is ClauseRole.MAIN and c.tense in (Tense.PAST, Tense.PERFECT) for c in main)
    words = {t.lower for t in analysis.tokens}
    carry = sorted(words & cues.carry_out)
    promise = sorted(words & cues.promise)
    if promise and carry and not reports:
        return FulfilmentKind.PROMISE, " ".join(carry + promise)
    motion = sorted(words & cues.motion)
    if motion and carry and not reports:
        return FulfilmentKind.MOTION, " ".join(carry + motion)
    for clause in main:
        if clause.performative or clause is this_letter:
            return FulfilmentKind.DELIVERS, " ".join(
                analysis.tokens[i].lower for i in clause.indexes[:4] if analysis.tokens[i].lower[:1].isalpha()
            )
    return None


def find_fulfilment_evidence(
    sentences: Sequence[Sentence],
    time_expressions: Sequence[TimeExpression],
    references: Sequence[Reference],
) -> tuple[FulfilmentEvidence, ...]:
    """The sentences of a document that say it delivers now what was promised or asked before.

    Args:
        sentences: the document's sentences.
        time_expressions: its time expressions (those inside a sentence are kept with it).
        references: its references (likewise).

    Returns:
        One item per sentence that is evidence, in sentence order.
    """
    found: list[FulfilmentEvidence] = []
    for index, sentence in enumerate(sentences):
        result = classify_fulfilment(analyse_sentence(sentence.text))
        if result is None:
            continue
        kind, cue = result
        found.append(
            FulfilmentEvidence(
                span=sentence.span,
                quote=sentence.text,
                kind=kind,
                cue=cue,
                references=tuple(r for r in references if sentence.span.contains(r.span)),
                dates=tuple(t for t in time_expressions if sentence.span.contains(t.span)),
                sentence=index,
            )
        )
    return tuple(found)


__all__ = ["FulfilmentCues", "classify_fulfilment", "find_fulfilment_evidence", "load_fulfilment_cues"]
