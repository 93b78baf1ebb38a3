"""Commitments: which sentences promise that something will happen, of what kind, by whom and by when.

Read from the clause analysis (structure/clauses.py): one reading of each sentence, shared with the
fulfilment evidence. A sentence is a commitment (GUIDELINES.md, "Commitments" and "Decided cases (real
letters)") when one of its clauses passes this decision table, in order:

1. blocked for the whole sentence: a condition ("Indien ...", "Mocht ...", "In dat geval ...", "...,
   als ..."), what this letter does ("In deze brief ...", "Hieronder ..."), a cut-off last sentence;
2. the clause is a main clause, a "dat"-complement of a verb that is neither past reporting ("heb u
   bericht dat") nor an observation or forecast ("Ik stel vast dat", "Ik verwacht dat"), or a relative
   clause with its own future ("die we uw Kamer volgend voorjaar zullen toezenden");
3. it is not negated, hypothetical ("zou") or a forecast (another's "verwacht"); a hedge ("naar verwachting")
   blocks only what is not the government's own or a passive act ("Naar verwachting stijgen de prijzen");
   not a necessity without a date ("zal ... moeten worden"); not this letter's own act without a date
   ("Hierbij zal ik ingaan op", "Graag wil ik u informeren over", "geef ik invulling aan mijn toezegging");
   not another's event on the calendar ("vindt een diner van de regeringsleiders plaats");
4. the actor may promise: the signatory, the cabinet, a ministry, a government body, a passive without
   another agent, a thing ("Het rapport verschijnt"), or the Chamber as receiver ("U ontvangt", "Uw
   Kamer wordt geïnformeerd"); an independent body only when commissioned ("in opdracht van");
5. it looks ahead: future or intention modality ("zal", "gaat", "ben voornemens", "streef ernaar",
   "wil", "Ik verwacht ... te kunnen", "Ik hoop ... te") with an act of a known class or a future time
   expression; the schedule ("is voorzien", "staat gepland") with a future time; the present tense with
   an act and a future time or a forward adverb ("afzonderlijk", "nader", "zodra"), also the Chamber
   receiving ("Uw Kamer ontvangt hierover een aparte brief"); an announced change
   in the present passive ("De eisen worden aangescherpt") unless ongoing ("momenteel"); taking part in
   a meeting ("nemen deel aan", "spreken over"); a decision or agreement in the perfect about a future
   time ("heeft besloten om in 2025 ..."). A date alone never makes a promise: the clause needs an act.
   The present tense of informing the Chamber without a forward word is the performative present
   ("Daarnaast informeer ik u over ..."): fulfilment evidence, not a promise; so is telling with a forward
   word only in what is told ("informeer ik u over de plannen voor de komende periode"), and a relative clause
   that describes what the letter sends now ("Hierbij stuur ik u ..., waarin ik nader inga op ..."). Work
   under way now ("Op dit moment voer ik overleg") is no promise without a date. The signatory's own act reported by a
   verb of knowing counts ("Ik verwacht dat ik u ... kan informeren", "blijkt dat ik van plan ben").

The shipped decision is learned (extract/commitment_model.py, a logistic model over the clause features and
this table's verdict, passed by the registry); ``find_commitments(..., model=None)`` decides by the table alone.
Kind and due are always read by the rules below.

Kind from the recipient and the act: any act whose recipient is the Chamber is ``inform_parliament``
(also "U ontvangt", a request to move a deadline, and a sending verb without another recipient in a
letter to the Chamber); a product finished, published, studied or sent elsewhere is ``deliverable``;
everything else ``action``; studying ("bezien", "onderzoeken") is an action unless a product is named
or the study is commissioned from others ("Ik laat het planbureau onderzoeken"). A light verb ("plaatsvinden", "komen met") takes the act of its subject noun
("Beantwoording zal ... plaatsvinden"); finishing ("afronden", "gereed") is a deliverable only for a product
noun (also a compound's head: "kabinetsreactie") or a pronoun that refers back, else an action; a product
noun inside a modifier ("de inhoud van deze rapportage") names no product. Due: the earliest-ending future time expression in the sentence with a fixed
end, not a date naming an event ("het debat van 4 juni"); an open-ended one gives ``time_text`` only. A period
that has begun counts as future when it opens the clause right before the present tense of a verb of coming
("In 2016 volgt de mijlpaal ..." in April 2016, :func:`_comes_within`); not when it stands after the verb.

Known misses: a promise whose future sense or act lies in the neighbouring sentence ("Dat geldt ook
voor ..."); a clause the word-order reading splits wrongly (long subjects, "en" joining clauses without
a new subject); nouns that look like verbs. The actor and the object are read from the clause (subject
words, first noun phrase) and are not scored.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from beleidsmonitor.extract.commitment_model import CommitmentModel, position_features, sentence_features
from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Commitment, Sentence, Structure, TimeExpression
from beleidsmonitor.structure.clauses import (
    Clause,
    PhraseIndex,
    SentenceAnalysis,
    WordSequences,
    analyse_sentence,
    load_clause_lexicon,
    word_sequences,
)
from beleidsmonitor.vocab import ActClass, ActorClass, ClauseRole, CommitmentKind, Modality, Part, Tense

_SENTENCE_END = re.compile(r"[.!?:;…)\]»\"'’”]\s*$")
_GOVERNMENT = frozenset(
    {ActorClass.SIGNATORY, ActorClass.CABINET, ActorClass.MINISTRY, ActorClass.GOVERNMENT_BODY}
)
_MAY_PROMISE = _GOVERNMENT | {ActorClass.OTHER, ActorClass.NONE}
_AHEAD = frozenset({Modality.FUTURE, Modality.INTENTION, Modality.HOPE})
_BLOCKING = frozenset({Modality.HYPOTHETICAL, Modality.FORECAST})
_PRODUCT = frozenset({ActClass.DELIVER, ActClass.STUDY})
_FORWARD_WORDS = frozenset({"eind", "einde", "uiterlijk", "nog"})
_TELLING = frozenset({ActClass.INFORM, ActClass.SEND})
#: the acts of holding or taking part in a meeting
_MEETING = frozenset({ActClass.MEET, ActClass.ACT, ActClass.LIGHT})


@dataclass(frozen=True, slots=True)
class CommitmentLexicon:
    """The words the commitment decision reads besides the clause analysis."""

    ongoing: WordSequences
    continuing: frozenset[str]
    #: verbs of coming ("volgen", "verschijnen"): after a fronted period that has begun, it lies ahead
    coming: frozenset[str]
    aims: frozenset[str]
    #: prepositions before an aim noun that make it a purpose ("met het doel", "met als doel")
    purpose: frozenset[str]
    #: the prepositions of what is told ("informeer u over ..."): forward words after them name the topic
    topic: frozenset[str]
    #: the one-word verbs of meeting (acts.toml classes.meet)
    meet: frozenset[str]
    change: frozenset[str]
    governing: frozenset[str]
    products: frozenset[str]
    #: product nouns as compound heads, longest first ("deltaplan" ends in "plan")
    product_heads: tuple[str, ...]
    finish: frozenset[str]
    #: "laten", "opdracht": a study commissioned from others delivers its result
    study_by_others: frozenset[str]
    #: the acts of all words of a clause, the subject's too (the noun of a light verb names the act)
    acts: PhraseIndex
    #: "uitvoering", "invulling" with "toezegging" or "motie": the letter carries out an earlier promise
    carry_out: frozenset[str]
    promise_nouns: frozenset[str]
    performative: WordSequences
    other_letter: WordSequences
    #: forward words that also order this letter ("nader", "vervolgens"), and the forward words of clauses.toml
    telling_now: frozenset[str]
    future_adverbs: WordSequences
    #: the Chamber's own meetings ("wetgevingsoverleg", "commissiedebat")
    chamber_meetings: WordSequences
    modifiers: frozenset[str]
    #: a subject that refers back ("Deze wordt ... afgerond"): the thing named before
    anaphora: frozenset[str]
    #: "willen": a wish in the present; of telling the Chamber without a date, this letter's own act
    wish: frozenset[str]
    observe: frozenset[str]
    agree: frozenset[str]
    promise: frozenset[str]
    commission: frozenset[str]
    event_nouns: tuple[str, ...]
    determiners: frozenset[str]
    stop_words: frozenset[str]
    max_words: int
    default_role: str
    passive_actor: str
    chamber: str


@cache
def load_commitment_lexicon() -> CommitmentLexicon:
    """The commitment words of clauses.toml and acts.toml (cached)."""
    clauses = load_toml("clauses.toml")
    acts = load_toml("acts.toml")
    objects = acts["objects"]
    fulfilment = acts["fulfilment"]
    products = acts["kinds"]["products"]
    return CommitmentLexicon(
        ongoing=word_sequences(clauses["ongoing"]["phrases"]),
        continuing=frozenset(clauses["ongoing"]["continuing"]),
        coming=frozenset(clauses["coming"]["lemmas"]),
        aims=frozenset(clauses["aims"]["nouns"]),
        purpose=frozenset(clauses["aims"]["purpose"]),
        topic=frozenset(acts["kinds"]["topic"]),
        meet=frozenset(w for w in acts["classes"]["meet"] if " " not in w and w.endswith("en")),
        change=frozenset(acts["kinds"]["change"]),
        governing=frozenset(clauses["governing"]["observe"] + clauses["verbs"]["saying"]),
        products=frozenset(products),
        product_heads=tuple(sorted((p for p in products if len(p) > 3), key=len, reverse=True)),
        finish=frozenset(acts["kinds"]["finish"]),
        study_by_others=frozenset(acts["kinds"]["study_by_others"]),
        acts=load_clause_lexicon().acts,
        carry_out=frozenset(w for w in fulfilment["carry_out"] if " " not in w),
        promise_nouns=frozenset(fulfilment["promise"] + fulfilment["motion"]),
        performative=word_sequences(clauses["performative"]["markers"]),
        other_letter=word_sequences(clauses["performative"]["other_letter"]),
        telling_now=frozenset(clauses["future_adverbs"]["telling_now"]),
        future_adverbs=word_sequences(clauses["future_adverbs"]["words"]),
        chamber_meetings=word_sequences(clauses["chamber_meetings"]["words"]),
        anaphora=frozenset(acts["kinds"]["anaphora"]),
        modifiers=frozenset(acts["kinds"]["modifiers"]),
        wish=frozenset(clauses["verbs"]["wish"]),
        observe=frozenset(clauses["governing"]["observe"]),
        agree=frozenset(clauses["governing"]["agree"]),
        promise=frozenset(clauses["governing"]["promise"]),
        commission=frozenset(clauses["governing"]["commission"]),
        event_nouns=tuple(acts["event_dates"]["nouns"]),
        determiners=frozenset(objects["determiners"]),
        stop_words=frozenset(objects["stop_words"]),
        max_words=int(objects["max_words"]),
        default_role=str(objects["default_role"]),
        passive_actor=str(objects["passive_actor"]),
        chamber=str(objects["chamber"]),
    )


@dataclass(frozen=True, slots=True)
class Assessment:
    """How one sentence was decided by the decision table: the decision, the promising clause (or, when
    there is none, the clause a learned decision would take), its kind, the evidence, and the sentence's
    features for the learned decision (extract/commitment_model.py)."""

    is_commitment: bool
    kind: CommitmentKind
    evidence: tuple[str, ...]
    clause: Clause | None
    dated: tuple[TimeExpression, ...]
    features: frozenset[str] = frozenset()


def is_future_time(expression: TimeExpression, anchor: dt.date) -> bool:
    """Whether a time expression points after the document date (GUIDELINES.md, "Time expressions")."""
    interval = expression.interval
    if interval.start > anchor:
        return True
    if interval.end is None:
        return interval.start == anchor
    if interval.end <= anchor:
        return False
    if interval.start == anchor:
        return True
    if {w.casefold() for w in expression.text.split()} & _FORWARD_WORDS:
        return True
    # a short interval that has only begun ("het tweede kwartaal" in April) lies mostly ahead;
    # a multi-year period that began earlier ("de periode 2013 – 2016") reports on running work
    length = (interval.end - interval.start).days + 1
    ahead = (interval.end - anchor).days
    return length <= 184 and ahead * 2 > length


def assess_sentence(
    text: str, times: Sequence[TimeExpression], anchor: dt.date, offset: int = 0, features: bool = True
) -> Assessment:
    """Decide whether one sentence is a commitment.

    Args:
        text: the sentence.
        times: the time expressions inside it (clean-text spans).
        anchor: the document date.
        offset: the clean-text offset of the sentence, to place ``times`` in its clauses.
        features: also read the features of the learned decision (left empty when False).
    """
    analysis = analyse_sentence(text)
    lex = load_commitment_lexicon()
    clauses = [c for c in analysis.clauses if c.role is not ClauseRole.PARENTHETICAL]
    starts = [t.start for t in analysis.tokens]
    future = tuple(
        t
        for t in times
        if is_future_time(t, anchor) or _comes_within(t, anchor, analysis, clauses, offset, lex)
    )
    dated = tuple(sorted(future, key=_deadline_key))
    future_at = {bisect_right(starts, t.span.start - offset) - 1 for t in future}
    other_at = {bisect_right(starts, t.span.start - offset) - 1 for t in times if t not in future}

    def no(reason: tuple[str, ...] = ()) -> Assessment:
        named = sentence_features(clauses, future_at, other_at, (False, reason)) if features else frozenset()
        return Assessment(False, CommitmentKind.ACTION, reason, _fallback_clause(clauses), dated, named)

    if any(c.conditional for c in clauses):
        return no(("condition",))
    if any(c.this_letter for c in clauses if c.role is ClauseRole.MAIN):
        return no(("this_letter",))
    adverbial_ahead = any(
        c.future_adverb or future_at.intersection(c.indexes)
        for c in clauses
        if c.role is ClauseRole.ADVERBIAL
    )
    chosen: list[tuple[Clause, CommitmentKind, list[str]]] = []
    governing: Clause | None = None
    dated_adverbial = any(
        future_at.intersection(c.indexes) for c in clauses if c.role is ClauseRole.ADVERBIAL
    )
    for clause in clauses:
        if clause.role is ClauseRole.MAIN:
            governing = clause
        here = bool(future_at.intersection(clause.indexes)) or dated_adverbial or clause.forward_verb
        forward = clause.future_adverb and not _forward_in_topic(clause, analysis, lex)
        ahead = here or forward or adverbial_ahead
        now = bool(other_at.intersection(clause.indexes))
        evidence = _promise(clause, governing, (ahead, here, now), analysis, lex)
        if evidence:
            kind = _kind(clause, analysis, lex)
            chosen.append((clause, kind, evidence + (["future_time"] if future else [])))
    if not chosen:
        return no()
    clause, kind, evidence = min(chosen, key=lambda c: _KIND_ORDER[c[1]])
    named = sentence_features(clauses, future_at, other_at, (True, evidence)) if features else frozenset()
    return Assessment(True, kind, tuple(evidence), clause, dated, named)


def _comes_within(
    expression: TimeExpression,
    anchor: dt.date,
    analysis: SentenceAnalysis,
    clauses: Sequence[Clause],
    offset: int,
    lex: CommitmentLexicon,
) -> bool:
    """Whether a period that has begun on the document date lies ahead all the same: it opens its clause,
    right before the present tense of a verb of coming ("In 2016 volgt de mijlpaal ...", "Begin 2014
    verschijnt het rapport" in a letter written during that period; clauses.toml ``coming``). What comes
    has not come yet: the rest of the period is meant (GUIDELINES.md: "in 2014" is the year, and the
    deadline is its end)."""
    interval = expression.interval
    if interval.end is None or not interval.start <= anchor < interval.end:
        return False
    tokens = analysis.tokens
    start, end = expression.span.start - offset, expression.span.end - offset
    first = next((i for i, t in enumerate(tokens) if t.start >= start), None)
    after = next((i for i, t in enumerate(tokens) if t.start >= end), None)
    if first is None or after is None or tokens[first].start != start:
        return False
    # the period opens the clause, after a preposition at most ("In 2016 volgt", the span being "2016")
    prepositions = load_clause_lexicon().prepositions
    return any(
        (
            c.indexes[0] == first
            or (c.indexes[:2] == (first - 1, first) and tokens[first - 1].lower in prepositions)
        )
        and after in c.indexes
        and c.tense is Tense.PRESENT
        and not c.negated
        and not c.modality
        and tokens[after].lemma in lex.coming
        for c in clauses
        if c.indexes
    )


def _fallback_clause(clauses: Sequence[Clause]) -> Clause | None:
    """The clause a sentence the decision table rejects would promise in: the first clause that looks ahead
    (future or intention modality) with an act, else the first main clause, else the first clause."""
    for clause in clauses:
        if clause.modality & _AHEAD and clause.acts - {ActClass.LIGHT}:
            return clause
    return next((c for c in clauses if c.role is ClauseRole.MAIN), clauses[0] if clauses else None)


_KIND_ORDER = {CommitmentKind.INFORM_PARLIAMENT: 0, CommitmentKind.DELIVERABLE: 1, CommitmentKind.ACTION: 2}


def _promise(
    clause: Clause,
    governing: Clause | None,
    timing: tuple[bool, bool, bool],
    analysis: SentenceAnalysis,
    lex: CommitmentLexicon,
) -> list[str]:
    """The evidence that ``clause`` promises something, or [] when it does not (the decision table).

    ``timing``: (ahead: a future time expression or a forward word such as "nader" or "zodra" in the clause
    or its adverbial clauses; dated: a future time expression there; now: a time expression in the clause
    that is not in the future)."""
    ahead, dated, now = timing
    if clause.negated or clause.modality & _BLOCKING or clause.performative:
        return []
    if clause.lemmas & lex.aims and _states_aim(clause, analysis, lex):
        return []
    if clause.lemmas & lex.continuing and not dated:
        return []
    role = clause.role
    promised = False
    if role is ClauseRole.COMPLEMENT and governing is not None and governing is not clause:
        # "Ik verwacht dat ik u ... kan informeren", "Uit het programma blijkt dat ik van plan ben ...": the
        # signatory's own act, hedged or reported
        own = clause.subject is ActorClass.SIGNATORY and bool(clause.modality & (_AHEAD | {Modality.ABILITY}))
        if governing.negated or governing.modality & _BLOCKING:
            return []
        if governing.lemmas & lex.observe and not own:
            return []
        hedged_own = own and Modality.ABILITY in clause.modality and not clause.modality & _AHEAD
        promised = bool(governing.lemmas & lex.promise) and governing.tense is Tense.PRESENT
        if governing.tense in (Tense.PAST, Tense.PERFECT) and not governing.lemmas & lex.agree:
            return []
    elif role is not ClauseRole.MAIN and role is not ClauseRole.RELATIVE:
        return []
    else:
        hedged_own = False
    actor = _acting(clause)
    if actor is None:
        return []
    receiver = actor is ActorClass.CHAMBER
    to_chamber = (
        clause.passive and clause.chamber_recipient and bool(clause.acts & {ActClass.SEND, ActClass.INFORM})
    )
    if actor is ActorClass.INDEPENDENT and not analysis.commissioned and not to_chamber:
        return []
    if Modality.HEDGE in clause.modality and actor not in _GOVERNMENT | {ActorClass.NONE} and not receiver:
        # "naar verwachting" on the government's own act still promises; on anybody else's it forecasts
        return []
    words = _words(clause, analysis)
    if _delivers_now(clause, words, dated, analysis, lex):
        return []
    if role is ClauseRole.RELATIVE:
        if governing is not None and governing.tense in (Tense.PAST, Tense.PERFECT):
            return []
        if (
            governing is not None
            and _tells_now(governing, analysis)
            and Modality.FUTURE not in clause.modality
            # a date of its own ("dat in 2025 wordt uitgevoerd"), not a verb that looks ahead ("in gesprek gaan")
            and not (dated and not clause.forward_verb)
        ):
            # "Hierbij stuur ik u een brief waarin ik nader inga op ...", "Verder licht ik toe waarover ik in gesprek
            # wil gaan": what this letter sends or tells now, described
            return []
        if not (
            clause.modality & _AHEAD or (ahead and actor in _GOVERNMENT) or (dated and actor in _MAY_PROMISE)
        ):
            return []
    modality = clause.modality
    acts = clause.acts if receiver else clause.acts - {ActClass.RECEIVE}
    if clause.tense is Tense.PERFECT:
        decided = ActClass.DECIDE in acts or clause.lemmas & lex.commission
        if decided and dated and actor in _MAY_PROMISE:
            return [f"actor_{actor.value}", "decided_ahead"]
        return []
    if clause.tense is not Tense.PRESENT:
        return []
    if actor is ActorClass.CHAMBER and not receiver:
        return []
    if Modality.PLANNED in modality and dated:
        return [f"actor_{actor.value}", "planned"]
    if promised:
        return [f"actor_{actor.value}", "promised"]
    if hedged_own and acts:
        return [f"actor_{actor.value}", *(f"act_{a.value}" for a in sorted(acts)), Modality.HOPE.value]
    if "eigen" in _words(clause, analysis) and actor not in _GOVERNMENT - {ActorClass.GOVERNMENT_BODY}:
        # "publiceert een eigen studie": another body's own initiative
        return []
    if acts <= _MEETING and lex.chamber_meetings.found_in(words):
        # "Op 12 juni voer ik een wetgevingsoverleg met de commissie": the Chamber's meeting on its calendar
        return []
    if not acts:
        if clause.passive and dated and actor is ActorClass.NONE:
            # "De eerste F-35 wordt in 2019 gestationeerd": an act announced for a date, by the government
            return [f"actor_{actor.value}", "passive_dated"]
        return []
    if acts == {ActClass.STUDY} and not dated and "of" in _words(clause, analysis):
        # "zal bekeken worden of ...": a study is a promise only with a time (GUIDELINES.md, "Commitments")
        return []
    evidence = [f"actor_{actor.value}", *(f"act_{a.value}" for a in sorted(acts))]
    if Modality.OBLIGATION in modality and not dated:
        # "zal ... moeten worden geïnvesteerd": a necessity, not a promise
        return []
    if acts <= {ActClass.LIGHT} and actor not in _GOVERNMENT and _mentions_independent(words):
        # "Dinsdag vindt een diner van de regeringsleiders plaats": another's event on the calendar
        return []
    if Modality.FUTURE in modality or (modality & _AHEAD and (actor in _GOVERNMENT or clause.passive)):
        # an intention is the government's own ("Het kabinet zet zich in om"); another's aim is theirs
        return [*evidence, *(m.value for m in sorted(modality & _AHEAD))]
    if modality & _AHEAD:
        return []
    if receiver and ahead and (Modality.ABILITY in modality or ActClass.RECEIVE in acts):
        # "U kunt ... tegemoet zien", "Daarnaast ontvangt u op korte termijn een brief", "Uw Kamer ontvangt
        # hierover een separate brief": the present tense of the Chamber receiving, with a forward word
        return [*evidence, "chamber_receives"]
    if modality & {Modality.OBLIGATION, Modality.ABILITY} or clause.performative:
        return []
    if dated or (ahead and actor in _GOVERNMENT and not lex.ongoing.found_in(words)):
        return [*evidence, "present_ahead"]
    if (
        ahead
        and actor is ActorClass.OTHER
        # "volgen" is both light and delivering: the verb says only that the product comes
        and clause.verb_acts - {ActClass.DELIVER} <= {ActClass.LIGHT}
        and ActClass.LIGHT in clause.acts
        and _product_subject(clause, analysis, lex)
        and not lex.ongoing.found_in(words)
    ):
        # "De andere rapportages volgen de komende tijd": a product comes, with a forward word
        return [*evidence, "product_ahead"]
    if to_chamber:
        # "Het jaarverslag wordt ... aan uw Kamer gezonden": sent to the Chamber, by the government
        return [*evidence, "sent_to_chamber"]
    if (
        actor in _GOVERNMENT
        and not clause.passive
        and clause.lemmas & lex.change
        and not clause.lemmas & lex.governing
        and not now
        and not lex.ongoing.found_in(analysis_words(analysis))
    ):
        # "Daarnaast organiseer ik ... een reeks dialoogsessies": the government announces its own act
        return [*evidence, "announced"]
    if (
        clause.passive
        and ((clause.participles & lex.change and actor in _MAY_PROMISE) or receiver)
        and not lex.ongoing.found_in(_words(clause, analysis))
    ):
        return [*evidence, "announced_change"]
    if (
        ActClass.MEET in clause.verb_acts
        and actor in _GOVERNMENT
        and not now
        and not lex.ongoing.found_in(words)
        and _meets_finite(clause, analysis, lex)
    ):
        return [*evidence, "meeting"]
    return []


def _delivers_now(
    clause: Clause, words: Sequence[str], dated: bool, analysis: SentenceAnalysis, lex: CommitmentLexicon
) -> bool:
    """Whether the clause is this letter's own act, without a date: telling the Chamber "hierbij" (also with
    "zal": "Hierbij zal ik ingaan op ..."), a wish to tell it ("Graag wil ik u informeren over ..."), or
    carrying out an earlier promise ("geef ik invulling aan mijn toezegging"), or telling it in the present
    tense with only a forward word that orders this letter ("Tevens informeer ik u nader", "Vervolgens ga ik
    in op")."""
    if dated or clause.subject is not ActorClass.SIGNATORY:
        return False
    if clause.role is not ClauseRole.MAIN or lex.other_letter.found_in(words):
        # "In die brief wil ik ingaan op ...", "dat ik u in een brief wil informeren": a coming letter
        return False
    telling = bool(clause.acts & _TELLING) or clause.chamber_recipient
    if clause.future_adverb:
        # "Tevens informeer ik u nader over ...", "Vervolgens ga ik in op ...": this letter, now; any other forward
        # word in the sentence looks ahead ("Ik informeer u nader zodra ...")
        return (
            telling
            and clause.tense is Tense.PRESENT
            and not clause.modality
            and bool(lex.telling_now.intersection(words))
            # a main clause that opens with "Na ..." looks ahead (structure/clauses.py)
            and words[:1] != ["na"]
            and not any(c.forward_verb for c in analysis.clauses)
            and not lex.future_adverbs.found_in(
                [t.lower for t in analysis.tokens if t.lower not in lex.telling_now]
            )
        )
    if telling and lex.performative.found_in(words):
        return True
    wish = bool(clause.lemmas & lex.wish) and not clause.modality & {Modality.FUTURE, Modality.PLANNED}
    if wish and telling and clause.tense is Tense.PRESENT:
        return True
    return (
        clause.tense is Tense.PRESENT
        and not clause.modality & _AHEAD
        and bool(clause.lemmas & lex.carry_out)
        and bool(clause.lemmas & lex.promise_nouns)
    )


def _meets_finite(clause: Clause, analysis: SentenceAnalysis, lex: CommitmentLexicon) -> bool:
    """Whether a verb of meeting is the clause's own present tense ("spreken de Ministers over"), not an
    infinitive after "te" ("Ik acht het van belang om met uw Kamer te spreken")."""
    tokens = [analysis.tokens[i] for i in clause.indexes]
    at = [k for k, t in enumerate(tokens) if t.lemma in lex.meet]
    if not at:
        # a separable verb, joined by the clause analysis ("nemen ... deel"); "deel te nemen" is an infinitive
        return all(t.lower != "te" for t in tokens)
    return any(not (k and tokens[k - 1].lower == "te") for k in at)


def _tells_now(clause: Clause, analysis: SentenceAnalysis) -> bool:
    """Whether the clause is this letter's own act now: the performative present ("Hierbij stuur ik u ..."), or
    the signatory telling the Chamber in the present tense without a modal verb, a forward word or a date
    ("Verder licht ik toe ...")."""
    if clause.performative:
        return True
    return (
        clause.subject is ActorClass.SIGNATORY
        and clause.tense is Tense.PRESENT
        and not clause.modality
        and bool(clause.verb_acts & _TELLING)
        and not clause.future_adverb
        and not clause.forward_verb
    )


def _forward_in_topic(clause: Clause, analysis: SentenceAnalysis, lex: CommitmentLexicon) -> bool:
    """Whether the clause tells the Chamber and its forward words stand only in what it tells about ("Per
    onderdeel informeer ik u over de plannen voor de komende periode"): the topic looks ahead, the telling does
    not."""
    if not clause.acts & _TELLING:
        return False
    words = _words(clause, analysis)
    at = next((i for i, w in enumerate(words) if w in lex.topic), -1)
    return at > 0 and not lex.future_adverbs.found_in(words[:at])


def _states_aim(clause: Clause, analysis: SentenceAnalysis, lex: CommitmentLexicon) -> bool:
    """Whether the clause states an aim ("Het doel is om ...", "Daarmee blijft het doel ... onveranderd"), not
    a purpose after a preposition ("Met het doel de kosten te beperken zet ik in op ...")."""
    tokens = [analysis.tokens[i] for i in clause.indexes]
    for k, tok in enumerate(tokens):
        if tok.lemma in lex.aims or tok.lower in lex.aims:
            before = [t.lower for t in tokens[max(0, k - 2) : k]]
            if not any(w in lex.purpose for w in before):
                return True
    return False


def _mentions_independent(words: Sequence[str]) -> bool:
    """Whether an independent body is named anywhere in the words ("van de EU-lidstaten")."""
    actors = load_clause_lexicon().actors
    for i, word in enumerate(words):
        for phrase, klass in actors.get(word.rsplit("-", 1)[-1], ()):
            tail = [word.rsplit("-", 1)[-1], *words[i + 1 : i + len(phrase)]]
            if klass is ActorClass.INDEPENDENT and tuple(tail) == phrase:
                return True
    return False


def _acting(clause: Clause) -> ActorClass | None:
    """Who acts: the subject, or for a passive the agent ("door ..."), the Chamber as receiver, or the
    government implied; None when the government is the one asked or told ("wordt de regering verzocht")."""
    if not clause.passive:
        if clause.subject is ActorClass.CHAMBER and ActClass.RECEIVE not in clause.acts:
            return None
        return clause.subject
    if clause.agent is not ActorClass.NONE:
        return clause.agent
    if clause.subject is ActorClass.CHAMBER:
        return ActorClass.CHAMBER
    if clause.subject in _GOVERNMENT:
        return None
    return ActorClass.NONE


def analysis_words(analysis: SentenceAnalysis) -> list[str]:
    """The lower-case words of the whole sentence."""
    return [t.lower for t in analysis.tokens]


def _words(clause: Clause, analysis: SentenceAnalysis) -> list[str]:
    return [analysis.tokens[i].lower for i in clause.indexes]


def _kind(clause: Clause, analysis: SentenceAnalysis, lex: CommitmentLexicon) -> CommitmentKind:
    """Kind from the recipient and the act (GUIDELINES.md, "Decided cases (real letters)")."""
    acts = (clause.verb_acts - {ActClass.LIGHT}) or (clause.acts - {ActClass.LIGHT})
    if clause.verb_acts <= {ActClass.LIGHT}:
        # "Beantwoording zal ... plaatsvinden": a light verb, the act is its subject noun
        start, end = clause.subject_span
        subject = frozenset(t.lemma for t in analysis.tokens if start <= t.start < end)
        acts = (frozenset(ActClass(v) for v in lex.acts.find(subject)) - {ActClass.LIGHT}) or acts
    chamber = clause.chamber_recipient or clause.subject is ActorClass.CHAMBER
    if ActClass.RESCHEDULE in acts:
        return CommitmentKind.INFORM_PARLIAMENT
    if chamber and clause.acts - {ActClass.MEET, ActClass.LIGHT}:
        return CommitmentKind.INFORM_PARLIAMENT
    if ActClass.SEND in acts and not clause.other_recipient:
        return CommitmentKind.INFORM_PARLIAMENT
    reflexive = {"mij", "me", "ons", "zich"} & set(_words(clause, analysis))
    if clause.passive and clause.subject not in (ActorClass.CHAMBER, ActorClass.NONE):
        # "Gemeenten zullen worden geïnformeerd": someone else is told
        reflexive = {"passive"}
    # "De ER zal ingaan op ...": an unnamed other party that talks itself (not a noun of telling with a light
    # verb: "Beantwoording zal ... plaatsvinden") discusses; that is an action, not telling the Chamber
    discussing = (
        clause.subject is ActorClass.OTHER
        and not clause.passive
        and not (clause.verb_acts and clause.verb_acts <= {ActClass.LIGHT})
    )
    by_others = clause.subject in (ActorClass.GOVERNMENT_BODY, ActorClass.INDEPENDENT) or discussing
    if ActClass.INFORM in acts and not by_others and not reflexive:
        return CommitmentKind.INFORM_PARLIAMENT
    product = _names_product(clause, analysis, lex)
    if (
        ActClass.DELIVER in acts
        and not product
        and not _produces(clause, lex)
        and not _refers_back(clause, analysis, lex)
    ):
        # "De beoordeling is eind 2025 afgerond": an activity finished, not a product ("Deze wordt ...
        # afgerond" refers back to one)
        return CommitmentKind.ACTION
    if acts == {ActClass.STUDY} and not product and not clause.lemmas & lex.study_by_others:
        # "De kosten worden nader onderzocht", "wil ik bezien wat ...": studying without a named
        # product (a report, a study) is an activity; a study commissioned from others ("Ik laat het
        # planbureau onderzoeken") delivers its result
        return CommitmentKind.ACTION
    if (
        acts & _PRODUCT
        or ActClass.SEND in acts
        or (ActClass.INFORM in acts and not reflexive and not discussing)
    ):
        return CommitmentKind.DELIVERABLE
    if not (clause.verb_acts - {ActClass.LIGHT}) and product:
        return CommitmentKind.DELIVERABLE
    return CommitmentKind.ACTION


def _refers_back(clause: Clause, analysis: SentenceAnalysis, lex: CommitmentLexicon) -> bool:
    """Whether the clause's subject is a pronoun or a relative pronoun ("Deze wordt ...", "dat ... gereed is")."""
    if clause.role is ClauseRole.RELATIVE:
        return True
    start, end = clause.subject_span
    words = [t.lower for t in analysis.tokens if start <= t.start < end]
    if not words:
        # "Deze wordt ... afgerond": a pronoun before the finite auxiliary is the subject
        opening = [analysis.tokens[i] for i in clause.indexes[:2]]
        auxiliaries = load_clause_lexicon().auxiliaries
        words = [opening[0].lower] if len(opening) == 2 and opening[1].lemma in auxiliaries else []
    return len(words) == 1 and words[0] in lex.anaphora


def _names_product(clause: Clause, analysis: SentenceAnalysis, lex: CommitmentLexicon) -> bool:
    """Whether a product noun heads a noun phrase of the clause, also as a compound's head ("kabinetsreactie",
    "deltaplan"), and not inside a prepositional phrase ("de inhoud van deze rapportage" is no product) unless
    the verb is light ("komt met een reactie")."""
    light = clause.verb_acts == {ActClass.LIGHT}
    tokens = [analysis.tokens[i] for i in clause.indexes]
    for k, tok in enumerate(tokens):
        lemma = tok.lemma
        if not (lemma in lex.products or (len(lemma) > 6 and lemma.endswith(lex.product_heads))):
            continue
        if light or not any(t.lower in lex.modifiers for t in tokens[max(0, k - 3) : k]):
            return True
    return False


def _product_subject(clause: Clause, analysis: SentenceAnalysis, lex: CommitmentLexicon) -> bool:
    """Whether the clause's subject is headed by a product noun ("De andere rapportages volgen ...")."""
    start, end = clause.subject_span
    lemmas = [t.lemma for t in analysis.tokens if start <= t.start < end and t.lower not in lex.modifiers]
    return bool(lemmas) and any(
        lemma in lex.products or (len(lemma) > 6 and lemma.endswith(lex.product_heads))
        for lemma in lemmas[-2:]
    )


def _produces(clause: Clause, lex: CommitmentLexicon) -> bool:
    """Whether a deliver verb other than one of finishing stands in the clause ("publiceren", "opstellen")."""
    return ActClass.DELIVER.value in lex.acts.find(clause.lemmas - lex.finish)


def _deadline_key(expression: TimeExpression) -> tuple[int, dt.date, dt.date, int]:
    end = expression.interval.end
    return (end is None, end or dt.date.max, expression.interval.start, expression.span.start)


def _is_cut_off(text_end: int, sentence: Sentence) -> bool:
    """A sentence that runs to the end of the document (``text_end``: after its last non-space character)
    without final punctuation."""
    if sentence.span.end < text_end:
        return False
    return not _SENTENCE_END.search(sentence.text)


def _names_event(text: str, expression: TimeExpression, lex: CommitmentLexicon) -> bool:
    """Whether the date names an event or a document: "het debat van 4 juni", "de brief van 3 maart"."""
    before = text[max(0, expression.span.start - 40) : expression.span.start].split()
    return (
        len(before) >= 2
        and before[-1].casefold() == "van"
        and before[-2].casefold().endswith(lex.event_nouns)
    )


def _actor(
    clause: Clause, sentence: str, structure: Structure, lex: CommitmentLexicon
) -> tuple[str, tuple[int, int]]:
    """Who delivers, with the span of the words that name them ((0, 0) when implied)."""
    if clause.subject is ActorClass.SIGNATORY:
        role = structure.metadata.signatories[0].role if structure.metadata.signatories else ""
        return role or lex.default_role, clause.subject_span
    if (clause.passive and clause.agent is ActorClass.NONE) or clause.subject in (
        ActorClass.NONE,
        ActorClass.CHAMBER,
    ):
        return lex.passive_actor, (0, 0)
    start, end = clause.subject_span
    return sentence[start:end], clause.subject_span


def _object(
    clause: Clause, analysis: SentenceAnalysis, masked: Sequence[tuple[int, int]], lex: CommitmentLexicon
) -> str:
    """The first noun phrase of the clause that is not a time expression, the actor or the Chamber."""
    tokens = [analysis.tokens[i] for i in clause.indexes]
    for i, tok in enumerate(tokens):
        if tok.lower not in lex.determiners or any(s <= tok.start < e for s, e in masked):
            continue
        following = [t.lower for t in tokens[i + 1 : i + 3]]
        if following[:1] == ["kamer"] or following == ["tweede", "kamer"]:
            # the Chamber is the recipient, not the thing promised
            continue
        words = [tok]
        for nxt in tokens[i + 1 : i + lex.max_words]:
            if (
                nxt.lower in lex.stop_words
                or not nxt.lower[:1].isalnum()
                or any(s <= nxt.start < e for s, e in masked)
            ):
                break
            words.append(nxt)
        if len(words) > 1:
            return " ".join(w.text for w in words)
    return ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One sentence that may be a commitment: its features and the commitment it becomes when accepted."""

    sentence: int
    features: frozenset[str]
    by_rules: bool
    commitment: Commitment


def commitment_candidates(
    text: str,
    structure: Structure,
    time_expressions: Sequence[TimeExpression],
    anchor: dt.date,
    model: CommitmentModel | None = None,
) -> tuple[Candidate, ...]:
    """Every sentence of a document that has a clause, as the commitment it would be if accepted.

    The training bench labels these against the gold; :func:`find_commitments` keeps the accepted ones.
    ``model`` chooses the evidence shown: its top features, or the decision table's codes when None.
    """
    return tuple(_candidates(text, structure, time_expressions, anchor, model, accepted_only=False))


def _candidates(
    text: str,
    structure: Structure,
    time_expressions: Sequence[TimeExpression],
    anchor: dt.date,
    model: CommitmentModel | None,
    accepted_only: bool,
) -> Iterator[Candidate]:
    lex = load_commitment_lexicon()
    ordered = sorted(time_expressions, key=lambda t: t.span.start)
    starts = [t.span.start for t in ordered]
    text_end = len(text.rstrip())
    for index, sentence in enumerate(structure.sentences):
        if _is_cut_off(text_end, sentence):
            continue
        lo = bisect_right(starts, sentence.span.start - 1)
        hi = bisect_right(starts, sentence.span.end)
        inside = tuple(t for t in ordered[lo:hi] if sentence.span.contains(t.span))
        assessment = assess_sentence(
            sentence.text, inside, anchor, sentence.span.start, model is not None or not accepted_only
        )
        clause = assessment.clause
        if clause is None:
            continue
        if accepted_only and model is None and not assessment.is_commitment:
            continue
        list_item = 0 <= sentence.paragraph < len(structure.paragraphs) and (
            structure.paragraphs[sentence.paragraph].list_item
        )
        features = assessment.features | position_features(sentence.part is Part.ANNEX, list_item)
        if accepted_only and model is not None and not model.accepts(features):
            continue
        analysis = analyse_sentence(sentence.text)
        kind = assessment.kind if assessment.is_commitment else _kind(clause, analysis, lex)
        evidence = model.evidence(features) if model is not None else assessment.evidence
        chosen = next((t for t in assessment.dated if not _names_event(text, t, lex)), None)
        actor, actor_span = _actor(clause, sentence.text, structure, lex)
        masked = [(t.span.start - sentence.span.start, t.span.end - sentence.span.start) for t in inside]
        masked.append(actor_span)
        heading = structure.headings[sentence.section].text if sentence.section >= 0 else ""
        commitment = Commitment(
            span=sentence.span,
            quote=sentence.text,
            kind=kind,
            actor=actor,
            object=_object(clause, analysis, masked, lex),
            recipient=lex.chamber if kind is CommitmentKind.INFORM_PARLIAMENT else "",
            time_text=chosen.text if chosen else None,
            due=chosen.interval if chosen and chosen.interval.end is not None else None,
            also=tuple(t for t in inside if t is not chosen),
            section=heading,
            topic_path=structure.heading_path(sentence.section),
            part=sentence.part,
            confidence=_confidence(assessment, model, features),
            evidence=evidence,
            sentence=index,
        )
        yield Candidate(index, features, assessment.is_commitment, commitment)


def find_commitments(
    text: str,
    structure: Structure,
    time_expressions: Sequence[TimeExpression],
    anchor: dt.date,
    model: CommitmentModel | None = None,
) -> tuple[Commitment, ...]:
    """Find the commitments of a document, one per sentence (GUIDELINES.md, "Commitments").

    Args:
        text: the clean text.
        structure: its sentences and headings.
        time_expressions: the time expressions of the document, with their intervals.
        anchor: the document date, against which "future" is decided.
        model: the learned decision (extract/commitment_model.py); None decides by the decision table.

    Returns:
        The commitments in sentence order.
    """
    found = _candidates(text, structure, time_expressions, anchor, model, accepted_only=True)
    return tuple(c.commitment for c in found)


#: the rules of the decision table that can make a sentence a commitment (named in its evidence)
RULES = (
    "promised",
    "planned",
    "passive_dated",
    "decided_ahead",
    "chamber_receives",
    "present_ahead",
    "sent_to_chamber",
    "product_ahead",
    "announced",
    "announced_change",
    "meeting",
    "future_time",
)


def evidence_codes() -> frozenset[str]:
    """Every code the evidence of a commitment can hold: actor and act classes, modalities and rules."""
    return frozenset(
        [f"actor_{a.value}" for a in ActorClass]
        + [f"act_{a.value}" for a in ActClass]
        + [m.value for m in _AHEAD]
        + list(RULES)
    )


def _confidence(assessment: Assessment, model: CommitmentModel | None, features: frozenset[str]) -> float:
    """The learned model's probability; by the decision table, higher with an explicit future or intention,
    a government actor and a date."""
    if model is not None:
        return round(1 / (1 + math.exp(-model.score(features))), 2)
    evidence = set(assessment.evidence)
    score = 0.6
    if evidence & {m.value for m in _AHEAD}:
        score += 0.15
    if evidence & {"actor_signatory", "actor_cabinet", "actor_ministry"}:
        score += 0.1
    if "future_time" in evidence:
        score += 0.1
    return round(min(score, 0.95), 2)


__all__ = [
    "RULES",
    "Assessment",
    "Candidate",
    "CommitmentLexicon",
    "assess_sentence",
    "commitment_candidates",
    "evidence_codes",
    "find_commitments",
    "is_future_time",
    "load_commitment_lexicon",
]
