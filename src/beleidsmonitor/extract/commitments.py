"""Commitments: which sentences promise that something will happen, of what kind, by whom and by when.

Best effort, by weighted cues and a little grammar, never by the sentences of one letter
(GUIDELINES.md, "Commitments"). A sentence is a commitment when the weights of the cues of
``lang/nl/cues.toml`` that fire in it, plus a bonus for a time expression after the document date,
reach the threshold, and at least one sign of the future is present: a future auxiliary ("zal",
"zullen", "gaat ... doen", "heeft besloten ... te"), a planning phrase ("staat gepland", "is voorzien
voor", "wordt gestreefd naar", "naar verwachting"), a form that is future by itself ("U ontvangt",
"Uw Kamer wordt geïnformeerd", "komt beschikbaar", "wordt een onderzoek gestart"), or present tense
together with a future time expression ("Het rapport verschijnt voor de zomer 2014").

A sentence whose time expressions all lie before the document date loses points: it reports what
happened ("heeft besloten de regeling per 1 juli 2022 te beëindigen" in a later letter). Work the
government asked for ("Ik heb de Inspectie gevraagd voor 1 juli een rapport op te stellen") counts
only with a future date; undated, it reports a request made and work under way.

Negative cues hold back: things done ("is opgeleverd", "heeft plaatsgevonden", "is gestuurd"),
reports of earlier announcements or promises ("is aangekondigd dat", "is toegezegd"), what this letter
itself does ("hierbij ... aangeboden", "In deze brief"), and, unless the sentence names a future time,
conditions ("wordt bekeken of"), aims and opinions ("Inzet hierbij is om", "wil ik"), ongoing work
("loopt", "momenteel", "wordt ... uitgevoerd"), and plans of bodies the government does not control
(courts, the EU, private foundations) unless commissioned ("in opdracht van").

Kind: inform_parliament when an inform cue names the Chamber; otherwise deliverable or action by the
larger sum of cue weights (ties go to action). Due: the earliest-ending future time expression inside
the sentence with a fixed end; an open-ended one ("vanaf januari 2014") gives ``time_text`` but no
``due``. Only time expressions inside the sentence count, and a sentence cut off at the end of the
document yields nothing (GUIDELINES.md, "Cut-off text").

An announced change in the present passive is future by itself ("worden de eisen aangescherpt"), as
are "Er komt een campagne" and agreements about a future result ("is afgesproken dat de regeling in 2026
ingaat"; undated, an agreement reports how things stand). Work done "samen met" an
organisation by the minister is the government's own.

Known misses: next steps stated in the present passive without a date ("worden vervolgens
... vastgesteld"); promises whose future sense comes only from the neighbouring sentence; organisations
other than the listed kinds of non-government actor that state their own plans with a date; the
actor and object are heuristics (first named actor, first noun phrase) and are not scored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Commitment, Sentence, Structure, TimeExpression
from beleidsmonitor.vocab import CommitmentKind

_CUE_FILE = "cues.toml"
_FUTURE_SIGNS = frozenset({"future_aux", "future", "future_time"})
_FUTURE_TIME = "future_time"
_PAST = "past"
_SENTENCE_END = re.compile(r"[.!?:;…)\]»\"'’”]\s*$")
_FRAGMENT = re.compile(r"^\{(\w+)\}$")
_DEFAULT_ROLE = "Minister"
_MASK = "|"


@dataclass(frozen=True, slots=True)
class Cue:
    """One table of cues.toml: compiled patterns with their kind, weight and features."""

    name: str
    kinds: tuple[CommitmentKind, ...]
    weight: float
    marks: frozenset[str]
    unless: frozenset[str]
    pattern: re.Pattern[str]
    main_clause: bool = False


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The commitment part of cues.toml, compiled."""

    cues: tuple[Cue, ...]
    threshold: float
    future_time: float
    present_with_time: float
    past_time: float
    forward_words: frozenset[str]
    relative_clause: re.Pattern[str]
    signatory: re.Pattern[str]
    named_actors: tuple[re.Pattern[str], ...]
    passive: re.Pattern[str]
    passive_actor: str
    acronym: re.Pattern[str]
    recipient: str
    recipient_pattern: re.Pattern[str]
    noun_phrase: re.Pattern[str]
    event_date: re.Pattern[str]


def compile_cue_pattern(pattern: str, fragments: Mapping[str, str], gap: int) -> re.Pattern[str]:
    """Compile one pattern of the cues.toml pattern language (see the file's header) into a regex.

    Args:
        pattern: words, ``a|b`` alternatives, ``word?``, ``*`` wildcards, ``...`` gaps, ``{fragment}``.
        fragments: raw regular expressions by name.
        gap: the most words a ``...`` may skip.

    Raises:
        KeyError: for an unknown fragment name (a bug in the data file, caught by the tests).
    """
    gap_re = rf"(?:[^\s;:]+\s+){{0,{gap}}}?"
    out: list[str] = []
    tokens = pattern.split()
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        if token == "...":
            out.append(gap_re)
            continue
        frag = _FRAGMENT.match(token)
        if frag:
            out.append(f"(?:{fragments[frag.group(1)]})")
            if not last:
                out.append(r"\s*")
            continue
        optional = token.endswith("?") and len(token) > 1
        alternatives = token.rstrip("?").split("|")
        word = "(?:" + "|".join(_alternative_regex(a, fragments) for a in alternatives) + ")"
        if optional:
            out.append(f"(?:{word}\\s+)?")
        else:
            out.append(word + ("" if last else r"\s+"))
    return re.compile("".join(out), re.IGNORECASE)


def _alternative_regex(alternative: str, fragments: Mapping[str, str]) -> str:
    frag = _FRAGMENT.match(alternative)
    if frag:
        return f"(?:{fragments[frag.group(1)]})"
    words = (r"\w*".join(re.escape(piece) for piece in w.split("*")) for w in alternative.split("_"))
    return r"\b" + r"\s+".join(words) + r"\b"


def _compile_any(patterns: Sequence[str], fragments: Mapping[str, str], gap: int) -> re.Pattern[str]:
    compiled = [compile_cue_pattern(p, fragments, gap).pattern for p in patterns]
    return re.compile("|".join(f"(?:{c})" for c in compiled), re.IGNORECASE)


def cue_patterns(patterns: Sequence[str]) -> re.Pattern[str]:
    """One regex matching any of ``patterns``, written in the cues.toml pattern language."""
    data = load_toml(_CUE_FILE)
    return _compile_any(patterns, data["fragments"], int(data["grammar"]["gap"]))


@cache
def load_cue_lexicon() -> CueLexicon:
    """The compiled commitment cues of cues.toml (cached)."""
    data: dict[str, Any] = load_toml(_CUE_FILE)
    fragments: dict[str, str] = data["fragments"]
    grammar = data["grammar"]
    gap = int(grammar["gap"])
    cues = tuple(
        Cue(
            name=name,
            kinds=(CommitmentKind(table["kind"]),) if "kind" in table else (),
            weight=float(table["weight"]),
            marks=frozenset(table.get("marks", ())),
            unless=frozenset(table.get("unless", ())),
            pattern=_compile_any(table["patterns"], fragments, gap),
            main_clause=bool(table.get("main_clause", False)),
        )
        for name, table in data["cues"].items()
    )
    actors = data["actors"]
    objects = data["objects"]
    determiners = "|".join(re.escape(w) for w in objects["determiners"])
    stops = "|".join(re.escape(w) for w in objects["stop_words"])
    word = r"[\w«»'’()/-]+"  # no "|": masked time expressions and actors end a phrase
    noun_phrase = re.compile(
        rf"\b(?:{determiners})\s+(?:(?!(?:{stops})\b){word}\s+){{0,{int(objects['max_words']) - 1}}}?"
        rf"(?!(?:{stops})\b){word}(?=\s*(?:[,.;:]|$|\b(?:{stops})\b|{fragments['participle']}))",
        re.IGNORECASE,
    )
    return CueLexicon(
        cues=cues,
        threshold=float(grammar["threshold"]),
        future_time=float(grammar["future_time"]),
        present_with_time=float(grammar["present_with_time"]),
        past_time=float(grammar["past_time"]),
        forward_words=frozenset(w.casefold() for w in grammar["forward_words"]),
        relative_clause=re.compile(str(grammar["relative_clause"]), re.IGNORECASE),
        signatory=_compile_any(actors["signatory"], fragments, gap),
        named_actors=tuple(compile_cue_pattern(p, fragments, gap) for p in actors["named"]),
        passive=_compile_any(actors["passive"], fragments, gap),
        passive_actor=str(actors["passive_actor"]),
        acronym=re.compile(str(actors["acronym"])),
        recipient=str(data["recipients"]["chamber"]),
        recipient_pattern=_compile_any(data["recipients"]["patterns"], fragments, gap),
        event_date=re.compile(
            rf"\w*(?:{'|'.join(map(re.escape, data['event_dates']['nouns']))})\s+van\s+\Z", re.IGNORECASE
        ),
        noun_phrase=noun_phrase,
    )


@dataclass(frozen=True, slots=True)
class Assessment:
    """How one sentence scored: the decision, its kind, the chosen time and the evidence."""

    is_commitment: bool
    score: float
    kind: CommitmentKind
    evidence: tuple[str, ...]
    dated: tuple[TimeExpression, ...]


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
    words = {w.casefold() for w in re.findall(r"\w+", expression.text)}
    if words & load_cue_lexicon().forward_words:
        return True
    # a short interval that has only begun ("het tweede kwartaal" in April) lies mostly ahead;
    # a multi-year period that began earlier ("de periode 2013 – 2016") reports on running work
    length = (interval.end - interval.start).days + 1
    ahead = (interval.end - anchor).days
    return length <= 184 and ahead * 2 > length


def assess_sentence(text: str, times: Sequence[TimeExpression], anchor: dt.date) -> Assessment:
    """Score one sentence against the cues; ``times`` are the time expressions inside it."""
    lex = load_cue_lexicon()
    main = lex.relative_clause.sub("", text)
    fired = [cue for cue in lex.cues if cue.pattern.search(main if cue.main_clause else text)]
    future = tuple(t for t in times if is_future_time(t, anchor))
    features: set[str] = {m for cue in fired if not cue.unless for m in cue.marks}
    if future:
        features.add(_FUTURE_TIME)
    active = [cue for cue in fired if not (cue.unless & features)]
    features |= {m for cue in active for m in cue.marks}
    # kind cues show that the promise is concrete: the strongest counts, they do not add up
    concrete = max((cue.weight for cue in active if cue.kinds), default=0.0)
    score = concrete + sum(cue.weight for cue in active if not cue.kinds)
    evidence = [cue.name for cue in active]
    if future:
        score += lex.future_time
        evidence.append(_FUTURE_TIME)
        if _PAST not in features:
            score += lex.present_with_time
            evidence.append("present_with_time")
    elif times and all(t.interval.end is not None and t.interval.end < anchor for t in times):
        score += lex.past_time
        evidence.append("past_time")
    decided = score >= lex.threshold and bool(features & _FUTURE_SIGNS)
    return Assessment(
        is_commitment=decided,
        score=score,
        kind=_kind(active),
        evidence=tuple(evidence),
        dated=tuple(sorted(future, key=_deadline_key)),
    )


def _kind(active: Sequence[Cue]) -> CommitmentKind:
    totals = dict.fromkeys(CommitmentKind, 0.0)
    for cue in active:
        for kind in cue.kinds:
            totals[kind] += cue.weight
    if totals[CommitmentKind.INFORM_PARLIAMENT] > 0:
        return CommitmentKind.INFORM_PARLIAMENT
    if totals[CommitmentKind.DELIVERABLE] > totals[CommitmentKind.ACTION]:
        return CommitmentKind.DELIVERABLE
    return CommitmentKind.ACTION


def _deadline_key(expression: TimeExpression) -> tuple[int, dt.date, dt.date, int]:
    end = expression.interval.end
    return (end is None, end or dt.date.max, expression.interval.start, expression.span.start)


def _is_cut_off(text: str, sentence: Sentence) -> bool:
    """A sentence that runs to the end of the document without final punctuation."""
    if text[sentence.span.end :].strip():
        return False
    return not _SENTENCE_END.search(sentence.text)


def _actor(sentence: str, structure: Structure, lex: CueLexicon) -> tuple[str, tuple[int, int]]:
    """Who delivers, with the span of the words that name them ((0, 0) when implied)."""
    candidates = [
        (m.start(), -len(m.group(0)), m.group(0)) for p in lex.named_actors if (m := p.search(sentence))
    ]
    signatory = lex.signatory.search(sentence)
    if signatory:
        role = structure.metadata.signatories[0].role if structure.metadata.signatories else ""
        candidates.append((signatory.start(), -len(signatory.group(0)), role or _DEFAULT_ROLE))
    if candidates:
        start, negative_length, name = min(candidates)
        return name, (start, start - negative_length)
    if lex.passive.search(sentence):
        return lex.passive_actor, (0, 0)
    acronym = lex.acronym.search(sentence)
    if acronym:
        return acronym.group(0), acronym.span()
    return lex.passive_actor, (0, 0)


def _object(sentence: str, masked: Sequence[tuple[int, int]], lex: CueLexicon) -> str:
    """The first noun phrase that is not a time expression, the actor or the Chamber."""
    chars = list(sentence)
    for start, end in masked:
        for i in range(start, end):
            chars[i] = _MASK if i == start else ""
    plain = "".join(chars)
    for match in lex.noun_phrase.finditer(plain):
        phrase = match.group(0).strip()
        if not lex.recipient_pattern.fullmatch(phrase):
            return phrase
    return ""


def find_commitments(
    text: str,
    structure: Structure,
    time_expressions: Sequence[TimeExpression],
    anchor: dt.date,
) -> tuple[Commitment, ...]:
    """Find the commitments of a document, one per sentence (GUIDELINES.md, "Commitments").

    Args:
        text: the clean text.
        structure: its sentences and headings.
        time_expressions: the time expressions of the document, with their intervals.
        anchor: the document date, against which "future" is decided.

    Returns:
        The commitments in sentence order.
    """
    lex = load_cue_lexicon()
    ordered = sorted(time_expressions, key=lambda t: t.span.start)
    found: list[Commitment] = []
    for index, sentence in enumerate(structure.sentences):
        if _is_cut_off(text, sentence):
            continue
        inside = tuple(t for t in ordered if sentence.span.contains(t.span))
        assessment = _assess_clauses(sentence, inside, anchor)
        if not assessment.is_commitment:
            continue
        chosen = _choose_time(
            [
                t
                for t in assessment.dated
                if not lex.event_date.search(text, max(0, t.span.start - 40), t.span.start)
            ]
        )
        kind = assessment.kind
        actor, actor_span = _actor(sentence.text, structure, lex)
        masked = [(t.span.start - sentence.span.start, t.span.end - sentence.span.start) for t in inside]
        masked.append(actor_span)
        heading = structure.headings[sentence.section].text if sentence.section >= 0 else ""
        found.append(
            Commitment(
                span=sentence.span,
                quote=sentence.text,
                kind=kind,
                actor=actor,
                object=_object(sentence.text, masked, lex),
                recipient=lex.recipient if kind is CommitmentKind.INFORM_PARLIAMENT else "",
                time_text=chosen.text if chosen else None,
                due=chosen.interval if chosen and chosen.interval.end is not None else None,
                also=tuple(t for t in inside if t is not chosen),
                section=heading,
                topic_path=structure.heading_path(sentence.section),
                part=sentence.part,
                confidence=_confidence(assessment.score, lex.threshold),
                evidence=assessment.evidence,
                sentence=index,
            )
        )
    return tuple(found)


def _assess_clauses(sentence: Sentence, inside: tuple[TimeExpression, ...], anchor: dt.date) -> Assessment:
    """Assess a sentence; when it joins clauses with semicolons, a clause alone may hold the promise.

    "Mijn voorganger heeft een evaluatie toegezegd; die zal ik in het voorjaar aanbieden": the report in
    the first clause must not cancel the promise in the second.
    """
    whole = assess_sentence(sentence.text, inside, anchor)
    if whole.is_commitment or ";" not in sentence.text:
        return whole
    best = whole
    start = sentence.span.start
    for clause in sentence.text.split(";"):
        end = start + len(clause)
        times = tuple(t for t in inside if start <= t.span.start and t.span.end <= end)
        assessment = assess_sentence(clause, times, anchor)
        if assessment.is_commitment and (not best.is_commitment or assessment.score > best.score):
            best = assessment
        start = end + 1
    return best


def _choose_time(dated: Sequence[TimeExpression]) -> TimeExpression | None:
    """The earliest-ending future expression with a fixed end, else the first open-ended one."""
    return dated[0] if dated else None


def _confidence(score: float, threshold: float) -> float:
    return round(min(0.99, 0.5 + 0.25 * (score - threshold)), 2)


__all__ = [
    "Assessment",
    "Cue",
    "CueLexicon",
    "assess_sentence",
    "compile_cue_pattern",
    "cue_patterns",
    "find_commitments",
    "is_future_time",
    "load_cue_lexicon",
]
