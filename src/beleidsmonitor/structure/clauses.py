"""Clause analysis: one reading of a sentence's clauses, computed once and read by the extractors.

A sentence is tokenised once; every token gets its lemma (simplemma's Dutch data, with a rule for
participles it does not know). The tokens are split into clauses at semicolons and colons, at commas
before a subordinator or an inverted verb ("Zodra ..., zal ik ..."), and at subordinators themselves
("dat", "die", "zodra", "indien"). Each clause gets what the commitment detector needs, read from the
word classes of ``lang/nl/clauses.toml`` and the act lexicon of ``lang/nl/acts.toml``:

- its role (main, complement, relative, condition, adverbial, parenthetical);
- its verb cluster as lemmas, separable verbs joined ("stuur ... toe" → toesturen, "aan te bieden" →
  aanbieden), with tense (present, past, perfect), modality (future, intention, obligation, ability,
  hope, hypothetical, forecast, planned) and voice;
- polarity: a negation in the clause denies the act, unless a contrast follows ("niet per fiche maar per
  brief");
- the performative present ("Hierbij informeer ik u") and what this letter does ("In deze brief ...");
- the class of its subject (signatory, cabinet, ministry, government body, the Chamber, an independent
  body, others) and whether the Chamber is the recipient;
- the act classes of its verbs and nouns (inform, send, deliver, act, meet, decide, study, receive,
  reschedule).

It is a reading by word classes and word order, not a parser: the subject is the noun phrase before the
finite verb, or after it when the clause opens with an adverbial; a noun and a verb form that look the
same are told apart only by position. Known misses: clauses joined by "en" without a comma and without
a new subject or verb share one reading; a subject of more than one noun phrase before the verb is read
from its first words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.vocab import ActClass, ActorClass, ClauseRole, Modality, Tense

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_PUNCT_BREAK = frozenset({";", ":"})
_OPEN = frozenset({"(", "["})
_CLOSE = frozenset({")", "]"})
_CLAUSE_FILE = "clauses.toml"
_ACT_FILE = "acts.toml"


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its lemma; offsets are inside the sentence."""

    text: str
    lower: str
    lemma: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a sentence, read by word classes (see the module docstring)."""

    role: ClauseRole
    #: the subordinator or phrase that opens it ("dat", "zodra", "indien"), "" for a main clause
    opener: str
    #: indexes into SentenceAnalysis.tokens (a clause around a relative clause has a gap)
    indexes: tuple[int, ...]
    #: character range inside the sentence, from its first to its last word
    start: int
    end: int
    #: the lemmas of the clause, separable verbs joined
    lemmas: frozenset[str]
    tense: Tense
    modality: frozenset[Modality]
    passive: bool
    negated: bool
    performative: bool
    this_letter: bool
    conditional: bool
    subject: ActorClass
    #: the agent of a passive ("door mij", "door de inspectie"); NONE when not named
    agent: ActorClass
    chamber_recipient: bool
    other_recipient: bool
    acts: frozenset[ActClass]
    future_adverb: bool


@dataclass(frozen=True, slots=True)
class SentenceAnalysis:
    """The tokens and clauses of one sentence."""

    tokens: tuple[Token, ...]
    clauses: tuple[Clause, ...]
    #: "in opdracht van", "samen met": the government acts through or with the body named
    commissioned: bool


@dataclass(frozen=True, slots=True)
class Phrase:
    """A lexicon entry: lemmas that must all stand in one clause."""

    lemmas: frozenset[str]
    value: str


class PhraseIndex:
    """Lexicon phrases indexed by one of their lemmas: a clause is matched by dictionary look-ups."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._by_lemma: dict[str, list[Phrase]] = {}
        for words, value in entries:
            lemmas = frozenset(lemma_of(w) for w in words.casefold().split())
            key = max(lemmas, key=len)
            self._by_lemma.setdefault(key, []).append(Phrase(lemmas, value))

    def find(self, lemmas: frozenset[str]) -> set[str]:
        """The values of every phrase whose lemmas all stand in ``lemmas``."""
        out: set[str] = set()
        for lemma in lemmas:
            for phrase in self._by_lemma.get(lemma, ()):
                if phrase.lemmas <= lemmas:
                    out.add(phrase.value)
        return out


@dataclass(frozen=True, slots=True)
class WordSequences:
    """Multi-word phrases matched on the lower-case token sequence ("in deze brief", "naar verwachting")."""

    phrases: tuple[tuple[str, ...], ...]

    def found_in(self, words: Sequence[str]) -> bool:
        """Whether any phrase occurs in ``words``."""
        for phrase in self.phrases:
            n = len(phrase)
            first = phrase[0]
            for i, word in enumerate(words):
                if word == first and tuple(words[i : i + n]) == phrase:
                    return True
        return False

    def starts(self, words: Sequence[str]) -> bool:
        """Whether ``words`` open with one of the phrases."""
        return any(tuple(words[: len(p)]) == p for p in self.phrases)


def _sequences(phrases: Iterable[str]) -> WordSequences:
    return WordSequences(tuple(tuple(_TOKEN.findall(p.casefold())) for p in phrases))


@dataclass(frozen=True, slots=True)
class ClauseLexicon:
    """The word classes of clauses.toml and the acts of acts.toml, ready for look-ups."""

    future: frozenset[str]
    going_to: frozenset[str]
    passive: frozenset[str]
    perfect: frozenset[str]
    intention: frozenset[str]
    obligation: frozenset[str]
    ability: frozenset[str]
    hope: frozenset[str]
    expect: frozenset[str]
    saying: frozenset[str]
    auxiliaries: frozenset[str]
    past_forms: Mapping[str, str]
    particles: frozenset[str]
    separable: Mapping[tuple[str, str], str]
    negation: frozenset[str]
    contrast: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    coordinators: frozenset[str]
    relative: frozenset[str]
    complement: frozenset[str]
    adverbial: frozenset[str]
    condition: frozenset[str]
    condition_initial: frozenset[str]
    condition_phrases: WordSequences
    signatory: frozenset[str]
    signatory_subject: frozenset[str]
    chamber_pronoun: frozenset[str]
    reflexive: frozenset[str]
    performative: WordSequences
    this_letter: WordSequences
    other_letter: WordSequences
    future_adverbs: WordSequences
    forecast: WordSequences
    planned: frozenset[str]
    intention_phrases: PhraseIndex
    actors: tuple[tuple[tuple[str, ...], ActorClass], ...]
    commissioned: WordSequences
    acts: PhraseIndex
    chamber_words: WordSequences
    other_recipients: WordSequences


def _lemmas(words: Iterable[str]) -> frozenset[str]:
    return frozenset(lemma_of(w.casefold()) for w in words)


@cache
def load_clause_lexicon() -> ClauseLexicon:
    """The word classes of clauses.toml and acts.toml (cached)."""
    data: dict[str, Any] = load_toml(_CLAUSE_FILE)
    acts: dict[str, Any] = load_toml(_ACT_FILE)
    verbs = data["verbs"]
    words = data["words"]
    past_forms = {form: lemma for lemma, forms in verbs["past_forms"].items() for form in forms}
    particles = frozenset(words["particles"])
    act_entries = [(w, name) for name, entries in acts["classes"].items() for w in entries]
    separable: dict[tuple[str, str], str] = {}
    for word, _ in act_entries + [(w, "") for w in data["intention_phrases"]["phrases"]]:
        for piece in word.split():
            for particle in particles:
                rest = piece[len(particle) :]
                if piece.startswith(particle) and rest.endswith("en") and len(rest) > 3:
                    separable[(particle, rest)] = lemma_of(piece)
    actor_rows: list[tuple[tuple[str, ...], ActorClass]] = []
    for name, klass in (
        ("cabinet", ActorClass.CABINET),
        ("ministry", ActorClass.MINISTRY),
        ("government_body", ActorClass.GOVERNMENT_BODY),
        ("chamber", ActorClass.CHAMBER),
        ("independent", ActorClass.INDEPENDENT),
    ):
        actor_rows.extend((tuple(p.casefold().split()), klass) for p in data["actors"][name])
    # longer phrases first: "europese commissie" before "commissie", "eerste kamer" before "kamer"
    actor_rows.sort(key=lambda row: -len(row[0]))
    auxiliaries = _lemmas(
        verbs["future"]
        + verbs["going_to"]
        + verbs["passive"]
        + verbs["perfect"]
        + verbs["intention"]
        + verbs["obligation"]
        + verbs["ability"]
        + verbs["hope"]
    )
    return ClauseLexicon(
        future=_lemmas(verbs["future"]),
        going_to=_lemmas(verbs["going_to"]),
        passive=_lemmas(verbs["passive"]),
        perfect=_lemmas(verbs["perfect"]),
        intention=_lemmas(verbs["intention"]),
        obligation=_lemmas(verbs["obligation"]),
        ability=_lemmas(verbs["ability"]),
        hope=_lemmas(verbs["hope"]),
        expect=_lemmas(verbs["expect"]),
        saying=frozenset(lemma_of(w.split()[-1]) for w in verbs["saying"]),
        auxiliaries=auxiliaries,
        past_forms=past_forms,
        particles=particles,
        separable=separable,
        negation=frozenset(words["negation"]),
        contrast=frozenset(words["contrast"]),
        determiners=frozenset(words["determiners"]),
        prepositions=frozenset(words["prepositions"]),
        coordinators=frozenset(words["coordinators"]),
        relative=frozenset(words["relative"]),
        complement=frozenset(words["complement"]),
        adverbial=frozenset(words["adverbial"]),
        condition=frozenset(words["condition"]),
        condition_initial=frozenset(words["condition_initial"]),
        condition_phrases=_sequences(words["condition_phrases"]),
        signatory=frozenset(words["signatory"]),
        signatory_subject=frozenset(words["signatory_subject"]),
        chamber_pronoun=frozenset(words["chamber_pronoun"]),
        reflexive=frozenset(words["reflexive"]),
        performative=_sequences(data["performative"]["markers"]),
        this_letter=_sequences(data["performative"]["this_letter"]),
        other_letter=_sequences(data["performative"]["other_letter"]),
        future_adverbs=_sequences(data["future_adverbs"]["words"]),
        forecast=_sequences(data["forecast"]["phrases"]),
        planned=_lemmas(data["planned"]["lemmas"]),
        intention_phrases=PhraseIndex((p, "intention") for p in data["intention_phrases"]["phrases"]),
        actors=tuple(actor_rows),
        commissioned=_sequences(data["actors"]["commissioned"]),
        acts=PhraseIndex(act_entries),
        chamber_words=_sequences(acts["kinds"]["chamber_words"]),
        other_recipients=_sequences(acts["kinds"]["other_recipients"]),
    )


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    """The lemma of a lower-case word: simplemma's Dutch lemma, separable verbs joined ("aan_bieden" →
    "aanbieden"); a participle it does not know ("geïnformeerd") is lemmatised from its stem."""
    if not word[:1].isalpha():
        return word
    import simplemma  # loaded on first use: its Dutch data take a third of a second

    lemma: str = simplemma.lemmatize(word, lang="nl").replace("_", "").casefold()
    if lemma == word and word.startswith("ge") and len(word) > 5 and word[-1] in "dt":
        stem = _strip_accents(word[2:-1])
        candidate: str = simplemma.lemmatize(stem, lang="nl").replace("_", "").casefold()
        if candidate != stem and candidate.endswith("en"):
            return candidate
    return lemma


def tokenise(sentence: str) -> tuple[Token, ...]:
    """The words and punctuation marks of a sentence, each with its lemma."""
    out = []
    for m in _TOKEN.finditer(sentence):
        text = m.group(0)
        lower = text.casefold()
        out.append(Token(text, lower, lemma_of(lower), m.start(), m.end()))
    return tuple(out)


@lru_cache(maxsize=8192)
def analyse_sentence(sentence: str) -> SentenceAnalysis:
    """Read the clauses of one sentence (cached: the extractors share one reading per sentence)."""
    lex = load_clause_lexicon()
    tokens = tokenise(sentence)
    words = [t.lower for t in tokens]
    clauses = tuple(
        _read_clause(tokens, words, role, opener, indexes, lex)
        for role, opener, indexes in _segments(tokens, words, lex)
    )
    return SentenceAnalysis(tokens, clauses, lex.commissioned.found_in(words))


def _is_finite_aux(token: Token, lex: ClauseLexicon) -> bool:
    return (token.lemma in lex.auxiliaries and token.lower != token.lemma) or token.lower in lex.past_forms


@dataclass(slots=True)
class _Open:
    """A clause being collected: its role, opener, token indexes and whether its verb has come."""

    role: ClauseRole
    opener: str
    indexes: list[int]
    finite: bool = False


def _segments(
    tokens: Sequence[Token], words: Sequence[str], lex: ClauseLexicon
) -> list[tuple[ClauseRole, str, tuple[int, ...]]]:
    """The clauses as (role, opener, token indexes). A relative clause or a parenthesis inside a clause is
    its own clause; the words after it belong to the clause around it again ("dat ik de toezegging die ik
    heb gedaan ... zal afdoen")."""
    done: list[_Open] = []
    stack: list[_Open] = []
    current = _Open(ClauseRole.MAIN, "", [])

    def start(role: ClauseRole, opener: str, nest: bool) -> None:
        nonlocal current
        if nest:
            stack.append(current)
        elif current.indexes:
            done.append(current)
        current = _Open(role, opener, [])

    def resume() -> None:
        nonlocal current
        if current.indexes:
            done.append(current)
        current = stack.pop()
        if current in done:
            done.remove(current)

    for i, tok in enumerate(tokens):
        word = tok.lower
        if word in _OPEN:
            start(ClauseRole.PARENTHETICAL, "(", nest=True)
            current.indexes.append(i)
            continue
        if word in _CLOSE and current.role is ClauseRole.PARENTHETICAL and stack:
            current.indexes.append(i)
            resume()
            continue
        if current.role is ClauseRole.PARENTHETICAL:
            current.indexes.append(i)
            continue
        if word in _PUNCT_BREAK:
            current.indexes.append(i)
            while stack:
                resume()
            start(ClauseRole.MAIN, "", nest=False)
            continue
        prev = words[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        finite = _is_finite_aux(tok, lex)
        if stack and finite and current.finite and current.role is ClauseRole.RELATIVE:
            resume()
        if word == ",":
            current.indexes.append(i)
            if nxt is None:
                continue
            if stack and current.finite:
                resume()
            if nxt.lower in lex.coordinators and nxt.lower != "of":
                role = current.role if current.role is not ClauseRole.CONDITION else ClauseRole.MAIN
                start(role, "", nest=False)
            elif _is_finite_aux(nxt, lex) or nxt.lower in lex.signatory_subject:
                while stack:
                    resume()
                start(ClauseRole.MAIN, "", nest=False)
            continue
        starts_clause = not current.indexes or prev == ","
        if (
            (i == 0 and word in lex.condition_initial)
            or word in lex.condition
            or (word == "als" and prev == ",")
        ):
            start(ClauseRole.CONDITION, word, nest=False)
        elif (word in lex.adverbial and (word != "nu" or starts_clause) and (word != "wanneer" or i > 0)) or (
            word == "als" and i > 0
        ):
            start(ClauseRole.ADVERBIAL, word, nest=False)
        elif (
            word in lex.relative
            and current.indexes
            and prev not in lex.prepositions
            and prev not in lex.determiners
            and not (word in ("die", "dat") and nxt is not None and nxt.lower in lex.prepositions)
        ):
            if word == "dat" and (
                prev in lex.chamber_pronoun
                or tokens[i - 1].lemma in lex.saying
                or _ends_with_verb(tokens, i, lex)
            ):
                start(ClauseRole.COMPLEMENT, word, nest=False)
            else:
                start(ClauseRole.RELATIVE, word, nest=True)
        elif (
            word in ("en", "maar")
            and nxt is not None
            and (nxt.lower in lex.signatory_subject or _is_finite_aux(nxt, lex))
        ):
            current.indexes.append(i)
            role = current.role if current.role is not ClauseRole.CONDITION else ClauseRole.MAIN
            start(role, "", nest=False)
            continue
        current.indexes.append(i)
        if finite:
            current.finite = True
    if current.indexes:
        done.append(current)
    while stack:
        outer = stack.pop()
        if outer.indexes and outer not in done:
            done.append(outer)
    done.sort(key=lambda c: c.indexes[0])
    return [(c.role, c.opener, tuple(c.indexes)) for c in done]


def _ends_with_verb(tokens: Sequence[Token], at: int, lex: ClauseLexicon) -> bool:
    """Whether the words before ``at`` end in a verb form ("afgesproken dat", "weten dat", "vast dat")."""
    prev = tokens[at - 1]
    return (prev.lemma != prev.lower and prev.lemma.endswith("en")) or prev.lower in lex.particles


def _read_clause(
    tokens: Sequence[Token],
    words: Sequence[str],
    role: ClauseRole,
    opener: str,
    indexes: tuple[int, ...],
    lex: ClauseLexicon,
) -> Clause:
    body = [tokens[i] for i in indexes]
    body_words = [words[i] for i in indexes]
    lemmas = {t.lemma for t in body} | set(body_words)
    _join_separable(body, lex, lemmas)
    frozen = frozenset(lemmas)
    tense = _tense(body, lex)
    modality = _modality(body, body_words, frozen, tense, lex)
    passive = any(t.lemma in lex.passive for t in body) and any(_is_participle(t, lex) for t in body)
    negated = _negated(body_words, lex)
    performative = (
        role is ClauseRole.MAIN
        and lex.performative.found_in(body_words)
        and tense is Tense.PRESENT
        and not modality & {Modality.FUTURE, Modality.INTENTION}
    )
    conditional = role is ClauseRole.CONDITION or lex.condition_phrases.starts(
        [w for w in body_words if w != ","]
    )
    subject = _subject_class(body, body_words, lex)
    performative = performative and subject in (ActorClass.SIGNATORY, ActorClass.CHAMBER)
    agent = _agent_class(body_words, lex) if passive else ActorClass.NONE
    chamber = _chamber_recipient(body_words, subject, lex)
    acts = frozenset(ActClass(v) for v in lex.acts.find(frozen))
    return Clause(
        role=role,
        opener=opener,
        indexes=indexes,
        start=body[0].start if body else 0,
        end=body[-1].end if body else 0,
        lemmas=frozen,
        tense=tense,
        modality=modality,
        passive=passive,
        negated=negated,
        performative=performative,
        this_letter=lex.this_letter.found_in(body_words) and not lex.other_letter.found_in(body_words),
        conditional=conditional,
        subject=subject,
        agent=agent,
        chamber_recipient=chamber,
        other_recipient=lex.other_recipients.found_in(body_words),
        acts=acts,
        future_adverb=lex.future_adverbs.found_in(body_words),
    )


def _join_separable(body: Sequence[Token], lex: ClauseLexicon, lemmas: set[str]) -> None:
    """Add the separable verbs of the clause: "stuur ... toe" → toesturen, "aan te bieden" → aanbieden."""
    n = len(body)
    for i, tok in enumerate(body):
        if tok.lower not in lex.particles:
            continue
        after = body[i + 1] if i + 1 < n else None
        if after is not None and after.lower == "te" and i + 2 < n:
            joined = lex.separable.get((tok.lower, body[i + 2].lemma))
            if joined:
                lemmas.add(joined)
            continue
        if after is not None and (joined := lex.separable.get((tok.lower, after.lemma))):
            lemmas.add(joined)
            continue
        if (
            after is None
            or not after.lower[:1].isalnum()
            or after.lower in lex.prepositions
            or after.lower
            in (
                "te",
                "en",
                "om",
                "maar",
            )
        ):
            for earlier in body[:i]:
                joined = lex.separable.get((tok.lower, earlier.lemma))
                if joined:
                    lemmas.add(joined)


def _is_participle(token: Token, lex: ClauseLexicon) -> bool:
    word = token.lower
    if token.lemma == word or not word.endswith(("d", "t", "n")):
        return False
    if word.startswith("ge"):
        return True
    for particle in lex.particles:
        if word.startswith(particle) and word[len(particle) :].startswith("ge"):
            return True
    return word.startswith(("be", "ver", "ont", "her", "er"))


def _tense(body: Sequence[Token], lex: ClauseLexicon) -> Tense:
    has_participle = any(_is_participle(t, lex) for t in body)
    for tok in body:
        if tok.lower in lex.past_forms:
            base = lex.past_forms[tok.lower]
            if base in lex.perfect and has_participle and base != "zijn":
                return Tense.PERFECT
            return Tense.PAST
        if (
            tok.lemma in lex.perfect
            and tok.lower != tok.lemma
            and has_participle
            and not any(t.lemma in lex.passive for t in body)
        ):
            return Tense.PERFECT
    for tok in body:
        word = tok.lower
        if (
            tok.lemma != word
            and tok.lemma.endswith("en")
            and word.endswith(("de", "te", "den", "ten"))
            and not tok.lemma.startswith(word)
            and not word.startswith("ge")
            and len(word) > 4
        ):
            return Tense.PAST
    return Tense.PRESENT if body else Tense.NONE


def _modality(
    body: Sequence[Token],
    body_words: Sequence[str],
    lemmas: frozenset[str],
    tense: Tense,
    lex: ClauseLexicon,
) -> frozenset[Modality]:
    out: set[Modality] = set()
    for tok in body:
        lemma = tok.lemma
        if lemma in lex.future:
            out.add(Modality.HYPOTHETICAL if tok.lower in lex.past_forms else Modality.FUTURE)
        elif lemma in lex.going_to and tok.lower != lemma and tense is Tense.PRESENT:
            # "ga ik in op" is ingaan, not the future
            if not any(other != lemma and other.endswith(lemma) for other in lemmas):
                out.add(Modality.FUTURE)
        elif lemma in lex.intention:
            out.add(Modality.INTENTION)
        elif lemma in lex.obligation:
            out.add(Modality.OBLIGATION)
        elif lemma in lex.ability:
            out.add(Modality.ABILITY)
        elif lemma in lex.hope:
            out.add(Modality.HOPE)
        elif lemma in lex.expect:
            out.add(Modality.FORECAST)
        elif lemma in lex.planned:
            out.add(Modality.PLANNED)
    if lex.intention_phrases.find(lemmas):
        out.add(Modality.INTENTION)
    if lex.forecast.found_in(body_words):
        out.add(Modality.FORECAST)
    return frozenset(out)


def _negated(body_words: Sequence[str], lex: ClauseLexicon) -> bool:
    for i, word in enumerate(body_words):
        if word in lex.negation:
            rest = body_words[i + 1 :]
            if rest[:1] in (["alleen"], ["eerder"], ["later"], ["langer"]) or any(
                w in lex.contrast for w in rest
            ):
                continue
            return True
    return False


def _classify(words: Sequence[str], lex: ClauseLexicon) -> ActorClass:
    """The class of the first actor named in ``words`` (earliest, then longest phrase)."""
    best: tuple[int, ActorClass] | None = None
    for phrase, klass in lex.actors:
        n = len(phrase)
        for i, word in enumerate(words):
            if word == phrase[0] and tuple(words[i : i + n]) == phrase:
                if best is None or i < best[0]:
                    best = (i, klass)
                break
    if best is None:
        return ActorClass.OTHER if words else ActorClass.NONE
    return best[1]


def _subject_class(body: Sequence[Token], body_words: Sequence[str], lex: ClauseLexicon) -> ActorClass:
    """The class of the clause's subject: before the finite verb, or after it when an adverbial leads."""
    words = [w for w in body_words if w != ","]
    if words and (words[0] in lex.relative or words[0] in lex.adverbial or words[0] in lex.condition):
        words = words[1:]
    if not words:
        return ActorClass.NONE
    finite = next(
        (i for i, w in enumerate(words) if i > 0 and _looks_finite(w, lex)),
        -1,
    )
    if any(w in lex.signatory_subject for w in words[:8]):
        return ActorClass.SIGNATORY
    if words[0] == "u":
        return ActorClass.CHAMBER
    if finite > 0 and (
        words[0] in lex.determiners or words[0][:1].isupper() or words[0] not in lex.prepositions
    ):
        before = words[:finite]
        if before and before[0] not in lex.prepositions and not _adverb_first(before, lex):
            return _classify_subject(before, lex)
    after = words[finite + 1 : finite + 7] if finite >= 0 else words
    if after and after[0] in lex.signatory_subject:
        return ActorClass.SIGNATORY
    if after and after[0] == "u":
        return ActorClass.CHAMBER
    if after and after[0] in lex.determiners | {"er"}:
        return _classify_subject(after[:6], lex)
    return ActorClass.NONE


def _adverb_first(before: Sequence[str], lex: ClauseLexicon) -> bool:
    """A one-word adverbial before the verb ("Daarnaast", "Vervolgens", "Tevens"): the subject follows it."""
    return len(before) == 1 and before[0] not in lex.signatory_subject and before[0] not in lex.determiners


def _classify_subject(words: Sequence[str], lex: ClauseLexicon) -> ActorClass:
    if words and words[0] in lex.signatory_subject:
        return ActorClass.SIGNATORY
    if words and words[0] == "er":
        return ActorClass.NONE
    return _classify(words, lex)


def _looks_finite(word: str, lex: ClauseLexicon) -> bool:
    lemma = lemma_of(word)
    if word in lex.past_forms:
        return True
    if lemma in lex.auxiliaries and word != lemma:
        return True
    return word != lemma and lemma.endswith("en") and word.endswith("t") and not word.startswith("ge")


def _agent_class(body_words: Sequence[str], lex: ClauseLexicon) -> ActorClass:
    for i, word in enumerate(body_words):
        if word == "door" and i + 1 < len(body_words):
            after = body_words[i + 1 : i + 7]
            if after[0] in lex.signatory:
                return ActorClass.SIGNATORY
            return _classify(after, lex)
    return ActorClass.NONE


def _chamber_recipient(body_words: Sequence[str], subject: ActorClass, lex: ClauseLexicon) -> bool:
    if subject is ActorClass.CHAMBER:
        return False
    return lex.chamber_words.found_in(body_words)


__all__ = [
    "Clause",
    "ClauseLexicon",
    "SentenceAnalysis",
    "Token",
    "analyse_sentence",
    "lemma_of",
    "load_clause_lexicon",
    "tokenise",
]
