"""Clause analysis: one reading of a sentence's clauses, computed once and read by the extractors.

A sentence is tokenised once; every token gets its lemma (simplemma's Dutch data, with a rule for
participles it does not know). The tokens are split into clauses at semicolons and colons, at commas
before a subordinator or an inverted verb ("Zodra ..., zal ik ..."), and at subordinators themselves
("dat", "die", "zodra", "indien"); an inserted clause (", zo heb ik eerder gemeld, ...") and a short verbless
aside ("ontvangt u zoals gebruikelijk in het voorjaar") are clauses of their own, and the clause around them
goes on after them. Each clause gets what the commitment detector needs, read from the
word classes of ``lang/nl/clauses.toml`` and the act lexicon of ``lang/nl/acts.toml``:

- its role (main, complement, relative, condition, adverbial, parenthetical);
- its verb cluster as lemmas, separable verbs joined ("stuur ... toe" → toesturen, "aan te bieden" →
  aanbieden), with tense (present, past, perfect), modality (future, intention, obligation, ability,
  hope, hypothetical, forecast, hedge, planned) and voice;
- polarity: a negation in the clause denies the act, unless a contrast follows ("niet per fiche maar per
  brief");
- the performative present ("Hierbij informeer ik u") and what this letter does ("In deze brief ...", also
  this document or a part of it named after a preposition: "In deze vijfde voortgangsrapportage ...",
  "Na deze samenvatting ...", "In paragraaf 4 ...", or as the subject that opens the clause without looking
  ahead: "Deze rapportage presenteert ...", "Bijlage 2 vermeldt ...");
- the class of its subject (signatory, cabinet, ministry, government body, the Chamber, an independent
  body, others) and whether the Chamber is the recipient;
- the act classes of its verbs and nouns (inform, send, deliver, act, meet, decide, study, receive,
  reschedule).

A past participle is a word whose lemma is a verb's infinitive ("gestuurd" → sturen); a plural noun that
starts like one ("gemeenten", "gesprekken") has a noun for its lemma and is none.

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
from typing import Any, NamedTuple

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.structure.lemmas import is_known, lemmatize
from beleidsmonitor.vocab import ActClass, ActorClass, ClauseRole, Modality, Tense

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_PUNCT_BREAK = frozenset({";", ":"})
_OPEN = frozenset({"(", "["})
_CLOSE = frozenset({")", "]"})
#: the endings of a present participle ("volgend", "lopende"): only such words are tested further
_PARTICIPLE_ENDS = ("nd", "nde")
_CLAUSE_FILE = "clauses.toml"
_ACT_FILE = "acts.toml"
_GOVERNMENT = frozenset({ActorClass.SIGNATORY, ActorClass.CABINET, ActorClass.MINISTRY})
#: the members by value, for the values the lexicons name (a dict look-up is faster than the Enum call)
_ACTS = {a.value: a for a in ActClass}
_MODALITIES = {m.value: m for m in Modality}
#: modalities that put a clause ahead of the letter ("Deze rapportage zal in mei verschijnen" is no description)
_LOOKING_AHEAD = frozenset({Modality.FUTURE, Modality.INTENTION, Modality.PLANNED})

# The word classes a word form decides by itself, read once per form (``_form_classes``) and kept in
# Token.classes: the readings of a clause test a bit of each token, or of the union of its tokens' bits,
# instead of calling look-ups and string tests on every token of every clause.
#: a present participle used as an adjective ("volgend", "lopende": the infinitive with -d or -de)
_FORM_ADJECTIVAL = 1
#: a finite auxiliary ("zal", "wordt") or a past form of the lexicon ("was", "nam")
_FORM_FINITE_AUX = 2
#: a past form of the lexicon (clauses.toml ``verbs.past_forms``)
_FORM_PAST = 4
#: a weak past tense by its form ("stuurde", "meldden"), before its position is read
_FORM_WEAK_PAST = 8
#: looks like a finite verb: an auxiliary, a past form, or an inflected form in -t ("stuurt")
_FORM_LOOKS_FINITE = 16
#: an inflected form of an infinitive ("stuurt", "zal"): its lemma is a verb
_FORM_INFLECTED = 32
#: a past participle (``Token.participle``)
_FORM_PARTICIPLE = 64
#: its own lemma ending in -en: an infinitive where the context says so
_FORM_INFINITIVE = 128
#: reads as a verb form: an auxiliary, a past form, an infinitive of five letters or more, an inflected
#: form, or a present-tense form that simplemma reads as a noun ("bericht")
_FORM_VERB = 256


class Token(NamedTuple):
    """A word or punctuation mark with its lemma; offsets are inside the sentence.

    Immutable like the dataclasses between stages, but a NamedTuple: one is made for every word of every
    sentence, and a NamedTuple is made in a third of the time of a frozen dataclass."""

    text: str
    lower: str
    lemma: str
    start: int
    end: int
    #: the word reads as a past participle ("gestuurd", "aangeboden", "besloten")
    participle: bool = False
    #: the word classes its form alone decides (the bits ``_FORM_*``), read once per form
    classes: int = 0


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
    #: the subject's character range inside the sentence ((0, 0) when none was found)
    subject_span: tuple[int, int]
    #: the agent of a passive ("door mij", "door de inspectie"); NONE when not named
    agent: ActorClass
    chamber_recipient: bool
    other_recipient: bool
    acts: frozenset[ActClass]
    #: the acts named by the clause's verbs (not by its nouns): these decide the kind
    verb_acts: frozenset[ActClass]
    #: the lemmas of its participles ("aangescherpt" → aanscherpen): the act of a passive
    participles: frozenset[str]
    #: a forward adverb: "nader", "afzonderlijk", "zo spoedig mogelijk"
    future_adverb: bool
    #: an act that looks ahead by itself: "kom ik terug op", "kunt u tegemoet zien", "Er komt"
    forward_verb: bool


@dataclass(frozen=True, slots=True)
class ThisDocument:
    """The words that name this document or a part of it after a preposition (clauses.toml,
    ``performative.this_document``)."""

    prepositions: frozenset[str]
    determiners: frozenset[str]
    #: nouns of a document or its parts, also as a compound's head ("voortgangsrapportage")
    nouns: tuple[str, ...]
    #: parts named by their number ("In paragraaf 4")
    parts: frozenset[str]

    def named_in(self, words: Sequence[str]) -> bool:
        """Whether ``words`` hold a preposition, a determiner of this document, at most one more word and a
        document noun ("in deze vijfde voortgangsrapportage"), or a preposition and a numbered part ("in
        paragraaf 4")."""
        if self.determiners.isdisjoint(words) and self.parts.isdisjoint(words):
            return False
        for i, word in enumerate(words[:-1]):
            if word not in self.prepositions:
                continue
            following = words[i + 1]
            if following in self.parts and words[i + 2 : i + 3] and words[i + 2][:1].isdigit():
                return True
            if following in self.determiners and any(w.endswith(self.nouns) for w in words[i + 2 : i + 4]):
                return True
        return False

    def opens(self, words: Sequence[str]) -> bool:
        """Whether ``words`` open with this document or a numbered part of it as their subject ("Deze brief
        bevat ...", "Deze periodieke rapportage presenteert ...", "Bijlage 2 vermeldt ...")."""
        if not words:
            return False
        if words[0] in self.determiners:
            return any(w.endswith(self.nouns) for w in words[1:3])
        return words[0] in self.parts and words[1:2] != [] and words[1][:1].isdigit()


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
            lemmas = frozenset(lexicon_lemma(w) for w in words.casefold().split())
            key = max(lemmas, key=len)
            self._by_lemma.setdefault(key, []).append(Phrase(lemmas, value))
        self._keys = frozenset(self._by_lemma)

    def __contains__(self, lemma: object) -> bool:
        return lemma in self._by_lemma

    def matches(self, lemmas: frozenset[str]) -> list[Phrase]:
        """Every phrase whose lemmas all stand in ``lemmas``."""
        by_lemma = self._by_lemma
        # one set intersection instead of a look-up per lemma: most lemmas of a clause index nothing
        return [p for lemma in self._keys.intersection(lemmas) for p in by_lemma[lemma] if p.lemmas <= lemmas]

    def find(self, lemmas: frozenset[str], verbs: frozenset[str] | None = None) -> set[str]:
        """The values of every phrase whose lemmas all stand in ``lemmas`` (and, when ``verbs`` is given,
        one of them in ``verbs``)."""
        out: set[str] = set()
        # one set intersection instead of a look-up per lemma: most lemmas of a clause index nothing
        for lemma in self._keys.intersection(lemmas):
            for phrase in self._by_lemma[lemma]:
                if phrase.lemmas <= lemmas and (verbs is None or not phrase.lemmas.isdisjoint(verbs)):
                    out.add(phrase.value)
        return out


class WordSequences:
    """Multi-word phrases matched on the lower-case token sequence ("in deze brief", "naar verwachting"),
    indexed by their first word: one dictionary look-up per word."""

    __slots__ = ("_by_first", "_firsts", "_joined", "phrases")

    def __init__(self, phrases: tuple[tuple[str, ...], ...]) -> None:
        self.phrases = phrases
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            self._by_first.setdefault(phrase[0], []).append(phrase)
        self._firsts = frozenset(self._by_first)
        # each phrase as its words between spaces, by first word: " in deze brief " occurs in the words
        # joined the same way exactly when the phrase occurs in them (no word holds a space)
        self._joined = {
            first: tuple(" " + " ".join(p) + " " for p in group) for first, group in self._by_first.items()
        }

    def match_at(self, words: Sequence[str], i: int) -> tuple[str, ...] | None:
        """The longest phrase that starts at ``words[i]``, or None."""
        best = None
        for phrase in self._by_first.get(words[i], ()):
            n = len(phrase)
            if (n == 1 or tuple(words[i : i + n]) == phrase) and (best is None or n > len(best)):
                best = phrase
        return best

    def may_occur(self, words: Iterable[str]) -> bool:
        """Whether a phrase can occur in ``words`` or in any selection of them: one of its first words is
        there."""
        return not self._firsts.isdisjoint(words)

    def found_in(self, words: Sequence[str]) -> bool:
        """Whether any phrase occurs in ``words``."""
        firsts = self._firsts.intersection(words)
        if not firsts:  # the common case, decided by one set operation
            return False
        text = " " + " ".join(words) + " "
        joined = self._joined
        return any(phrase in text for first in firsts for phrase in joined[first])

    def starts(self, words: Sequence[str]) -> bool:
        """Whether ``words`` open with one of the phrases."""
        return bool(words) and self.match_at(words, 0) is not None


def word_sequences(phrases: Iterable[str]) -> WordSequences:
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
    #: participles that with "zijn" name a state, not a perfect ("is erop gericht om ...")
    stative: frozenset[str]
    #: words that open an inserted clause after a comma (", zo heb ik eerder betoogd, ...")
    asides: frozenset[str]
    #: every lemma that gives a clause a modality: future, going_to, intention, obligation, ability, hope,
    #: expect and planned together
    modal: frozenset[str]
    saying: frozenset[str]
    auxiliaries: frozenset[str]
    past_forms: Mapping[str, str]
    particles: frozenset[str]
    #: a separable particle followed by ge-, be-, ver-, ont-, her- ("aangeboden", "opgesteld", "uitbetaald")
    participle_prefixes: tuple[str, ...]
    separable: Mapping[tuple[str, str], str]
    negation: frozenset[str]
    contrast: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    coordinators: frozenset[str]
    relative: frozenset[str]
    complement: frozenset[str]
    question: frozenset[str]
    adverbial: frozenset[str]
    condition: frozenset[str]
    condition_initial: frozenset[str]
    condition_phrases: WordSequences
    signatory: frozenset[str]
    signatory_subject: frozenset[str]
    subject_pronouns: frozenset[str]
    chamber_pronoun: frozenset[str]
    reflexive: frozenset[str]
    performative: WordSequences
    this_letter: WordSequences
    #: "In deze vijfde voortgangsrapportage", "Na deze samenvatting", "In paragraaf 4": this document
    this_document: ThisDocument
    other_letter: WordSequences
    future_adverbs: WordSequences
    forward: PhraseIndex
    #: the words before the verb of a forward phrase of three words or more ("in gesprek" of "in gesprek gaan"):
    #: they must stand together, so that "gaan in op ... Algemeen Overleg" is no "in overleg gaan"
    forward_heads: WordSequences
    cancel_forward: frozenset[tuple[str, ...]]
    forecast: WordSequences
    #: verbs of estimating: "Voor 2020 wordt een tekort geraamd" is a forecast, not a promise
    estimate: frozenset[str]
    planned: frozenset[str]
    intention_phrases: PhraseIndex
    fronted: frozenset[str]
    actors: Mapping[str, tuple[tuple[tuple[str, ...], ActorClass], ...]]
    commissioned: WordSequences
    acts: PhraseIndex
    chamber_words: WordSequences
    other_recipients: WordSequences
    #: every word that _segments treats other than by appending it to the clause being collected:
    #: brackets, breaks, commas, subordinators, relatives, question words and the coordinators that may
    #: open a clause; any other word takes the short path
    boundaries: frozenset[str]


def _lemmas(words: Iterable[str]) -> frozenset[str]:
    return frozenset(lexicon_lemma(w.casefold()) for w in words)


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
    verb_words = [w for w, _ in act_entries] + data["intention_phrases"]["verbal"] + verbs["saying"]
    verb_words += data["governing"]["observe"] + data["governing"]["agree"] + data["governing"]["promise"]
    verb_words += data["future_adverbs"]["forward"]
    separable: dict[tuple[str, str], str] = {}
    for word in verb_words:
        for piece in word.split():
            for particle in particles:
                rest = piece[len(particle) :]
                if piece.startswith(particle) and rest.endswith("n") and len(rest) > 3:
                    separable[(particle, rest)] = piece
    actor_rows: list[tuple[tuple[str, ...], ActorClass]] = []
    for name, klass in (
        ("signatory", ActorClass.SIGNATORY),
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
        stative=_lemmas(verbs["stative"]),
        asides=frozenset(words["asides"]),
        modal=_lemmas(
            verbs["future"]
            + verbs["going_to"]
            + verbs["intention"]
            + verbs["obligation"]
            + verbs["ability"]
            + verbs["hope"]
            + verbs["expect"]
            + data["planned"]["lemmas"]
        ),
        saying=frozenset(
            lexicon_lemma(w.split()[-1])
            for w in verbs["saying"] + data["governing"]["observe"] + data["governing"]["agree"]
        ),
        auxiliaries=auxiliaries,
        past_forms=past_forms,
        particles=particles,
        participle_prefixes=tuple(
            p + x for p in sorted(particles) for x in ("ge", "be", "ver", "ont", "her")
        ),
        separable=separable,
        negation=frozenset(words["negation"]),
        contrast=frozenset(words["contrast"]),
        determiners=frozenset(words["determiners"]),
        prepositions=frozenset(words["prepositions"]),
        coordinators=frozenset(words["coordinators"]),
        relative=frozenset(words["relative"]),
        complement=frozenset(words["complement"]),
        question=frozenset(words["question"]),
        adverbial=frozenset(words["adverbial"]),
        condition=frozenset(words["condition"]),
        condition_initial=frozenset(words["condition_initial"]),
        condition_phrases=word_sequences(words["condition_phrases"]),
        signatory=frozenset(words["signatory"]),
        signatory_subject=frozenset(words["signatory_subject"]),
        subject_pronouns=frozenset(words["signatory_subject"] + ["u", "hij", "zij", "ze", "het"]),
        chamber_pronoun=frozenset(words["chamber_pronoun"]),
        reflexive=frozenset(words["reflexive"]),
        performative=word_sequences(data["performative"]["markers"]),
        this_letter=word_sequences(data["performative"]["this_letter"]),
        this_document=ThisDocument(
            prepositions=frozenset(data["performative"]["this_document"]["prepositions"]),
            determiners=frozenset(data["performative"]["this_document"]["determiners"]),
            nouns=tuple(data["performative"]["this_document"]["nouns"]),
            parts=frozenset(data["performative"]["this_document"]["parts"]),
        ),
        other_letter=word_sequences(data["performative"]["other_letter"]),
        future_adverbs=word_sequences(data["future_adverbs"]["words"]),
        forward=PhraseIndex((p, "forward") for p in data["future_adverbs"]["forward"]),
        forward_heads=word_sequences(
            " ".join(p.split()[:-1]) for p in data["future_adverbs"]["forward"] if len(p.split()) > 2
        ),
        cancel_forward=frozenset(tuple(p.split()) for p in data["future_adverbs"]["cancel"]),
        forecast=word_sequences(data["forecast"]["phrases"]),
        estimate=_lemmas(data["forecast"]["estimate"]),
        planned=_lemmas(data["planned"]["lemmas"]),
        intention_phrases=PhraseIndex(
            [(p, "intention") for p in data["intention_phrases"]["verbal"]]
            + [(p, "planned") for p in data["intention_phrases"]["nominal"]]
        ),
        fronted=frozenset(words["fronted"]),
        actors=_by_first_word(actor_rows),
        commissioned=word_sequences(data["actors"]["commissioned"]),
        acts=PhraseIndex(act_entries),
        chamber_words=word_sequences(acts["kinds"]["chamber_words"]),
        other_recipients=word_sequences(acts["kinds"]["other_recipients"]),
        boundaries=_OPEN
        | _CLOSE
        | _PUNCT_BREAK
        | frozenset(
            [",", "als", "en", "maar"]
            + words["condition"]
            + words["condition_initial"]
            + words["adverbial"]
            + words["question"]
            + words["relative"]
        ),
    )


def _by_first_word(
    rows: Sequence[tuple[tuple[str, ...], ActorClass]],
) -> dict[str, tuple[tuple[tuple[str, ...], ActorClass], ...]]:
    out: dict[str, list[tuple[tuple[str, ...], ActorClass]]] = {}
    for row in rows:
        out.setdefault(row[0][0], []).append(row)
    return {k: tuple(v) for k, v in out.items()}


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    """The lemma of a lower-case word: simplemma's Dutch lemma, separable verbs joined ("aan_bieden" →
    "aanbieden"); a participle it does not know ("geïnformeerd") is lemmatised from its stem."""
    if not word[:1].isalpha():
        return word
    lemma = lemmatize(word).replace("_", "").casefold()
    if lemma == word and word.startswith("ge") and len(word) > 5 and word[-1] in "dt":
        stem = _strip_accents(word[2:-1])
        candidate = lemmatize(stem).replace("_", "").casefold()
        if candidate != stem and candidate.endswith("en"):
            return candidate
    return lemma


def lexicon_lemma(word: str) -> str:
    """The lemma of a lexicon word: an infinitive is its own lemma ("besluiten", not the noun "besluit")."""
    return word if word.endswith("en") else lemma_of(word)


@lru_cache(maxsize=65536)
def verb_readings(word: str) -> tuple[str, ...]:
    """The infinitives a word can be a present-tense form of, when simplemma read it as a noun ("bericht" →
    berichten, "deel" → delen, "zet" → zetten): the stem plus -en, with the spelling rules of Dutch."""
    if len(word) < 3 or not word.isalpha():
        return ()
    stem = word[:-1] if word.endswith("t") and len(word) > 3 else word
    candidates = {word + "en", stem + "en", stem + stem[-1] + "en"}
    if len(stem) > 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        candidates.add(stem[:-2] + stem[-1] + "en")
    if stem.endswith("f"):
        candidates.add(stem[:-1] + "ven")
    if stem.endswith("s"):
        candidates.add(stem[:-1] + "zen")
    return tuple(sorted(c for c in candidates if is_known(c)))


def tokenise(sentence: str) -> tuple[Token, ...]:
    """The words and punctuation marks of a sentence, each with its lemma."""
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # a Token without the call of its generated __new__: one per word
    for m in _TOKEN.finditer(sentence):
        text = m.group()
        lower, lemma, participle, classes = _text_reading(text)
        start, end = m.span()
        append(new(Token, (text, lower, lemma, start, end, participle, classes)))
    return tuple(out)


@lru_cache(maxsize=65536)
def _text_reading(text: str) -> tuple[str, str, bool, int]:
    """A word as written: its lower case, its lemma, whether it reads as a past participle and its
    word classes (``_FORM_*``)."""
    lower = text.casefold()
    lemma, participle, classes = _word_reading(lower)
    return lower, lemma, participle, classes


@lru_cache(maxsize=65536)
def _word_reading(lower: str) -> tuple[str, bool, int]:
    """A lower-case word's lemma, whether it reads as a past participle, and its word classes (one look-up
    per token)."""
    lemma = lemma_of(lower)
    participle = _participle_form(lower, lemma)
    return lemma, participle, _form_classes(lower, lemma, participle, load_clause_lexicon())


def _form_classes(word: str, lemma: str, participle: bool, lex: ClauseLexicon) -> int:
    """The ``_FORM_*`` bits of a lower-case word with this lemma."""
    classes = 0
    if word.endswith(_PARTICIPLE_ENDS) and word in (lemma + "d", lemma + "de"):
        classes |= _FORM_ADJECTIVAL
    past = word in lex.past_forms
    if past:
        classes |= _FORM_PAST
    if (lemma in lex.auxiliaries and word != lemma) or past:
        classes |= _FORM_FINITE_AUX
    if (
        lemma != word
        and word.endswith(("de", "te", "den", "ten"))
        and not participle
        and not word.startswith(lex.participle_prefixes)
        and lemma.endswith("en")
        and not lemma.startswith(word)
        and not word.startswith("ge")
        and not word.endswith("ende")
        and len(word) > 4
    ):
        classes |= _FORM_WEAK_PAST
    if (
        past
        or lemma in lex.auxiliaries
        or (word != lemma and lemma.endswith("en") and word.endswith("t") and not word.startswith("ge"))
    ):
        classes |= _FORM_LOOKS_FINITE
    if lemma != word and lemma.endswith("n") and not word.endswith(("ende", "e")):
        classes |= _FORM_INFLECTED
    elif participle:
        classes |= _FORM_PARTICIPLE
    elif lemma == word and word.endswith("en"):
        classes |= _FORM_INFINITIVE
    if (
        lemma in lex.auxiliaries
        or past
        or (lemma == word and word.endswith("en") and len(word) > 4)
        or (lemma != word and lemma.endswith("n"))
        or verb_readings(word)
    ):
        classes |= _FORM_VERB
    return classes


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


def _is_finite_aux(token: Token) -> bool:
    return bool(token.classes & _FORM_FINITE_AUX)


def _is_verb_form(token: Token) -> bool:
    """Whether a token reads as a finite verb: an auxiliary or a form whose lemma is an infinitive."""
    return bool(token.classes & _FORM_VERB)


@dataclass(slots=True)
class _Open:
    """A clause being collected: its role, opener, token indexes and whether its verb has come."""

    role: ClauseRole
    opener: str
    indexes: list[int]
    finite: bool = False
    verb: bool = False


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

    boundaries = lex.boundaries
    auxiliaries = lex.auxiliaries
    signatory_subject = lex.signatory_subject
    n = len(tokens)
    # the last word of a short aside inside a clause ("zoals gebruikelijk"), after which the clause resumes
    aside_end = -1
    for i, tok in enumerate(tokens):
        word = tok.lower
        lemma = tok.lemma
        if i == aside_end:
            current.indexes.append(i)
            resume()
            continue
        finite = tok.classes & _FORM_FINITE_AUX
        if word not in boundaries and current.role is not ClauseRole.PARENTHETICAL:
            # the short path of an ordinary word: the same steps as below, without the tests that only a
            # boundary word can pass
            if current.role is ClauseRole.RELATIVE:
                if stack and finite and current.finite:
                    resume()
            elif (
                current.role is ClauseRole.ADVERBIAL
                and current.verb
                and not stack
                and (
                    lemma in auxiliaries
                    or (i + 1 < n and tokens[i + 1].lower in signatory_subject and word.isalpha())
                )
            ):
                start(ClauseRole.MAIN, "", nest=False)
            current.indexes.append(i)
            if finite:
                current.finite = True
                current.verb = True
            elif tok.participle:
                current.verb = True
            continue
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
        nxt = tokens[i + 1] if i + 1 < n else None
        if stack and finite and current.finite and current.role is ClauseRole.RELATIVE:
            resume()
        elif (
            current.verb
            and current.role is ClauseRole.ADVERBIAL
            and not stack
            and (
                tok.lemma in lex.auxiliaries
                or (nxt is not None and nxt.lower in lex.signatory_subject and word.isalpha())
            )
        ):
            # "Zoals aangekondigd ... worden de eisen aangescherpt": the verb-final adverbial clause has ended
            start(ClauseRole.MAIN, "", nest=False)
        if word == ",":
            current.indexes.append(i)
            if nxt is None:
                continue
            resumed = bool(stack) and (current.verb or current.role is ClauseRole.ADVERBIAL)
            if resumed:
                resume()
            if nxt.lower == "of":
                start(ClauseRole.ADVERBIAL, "of", nest=False)
            elif (
                nxt.lower in lex.asides
                and i + 2 < n
                and _is_verb_form(tokens[i + 2])
                and "," in words[i + 3 :]
                and current.role is not ClauseRole.ADVERBIAL
            ):
                # ", zo heb ik eerder betoogd, ...": an inserted clause of its own, the clause resumes after it
                start(ClauseRole.ADVERBIAL, nxt.lower, nest=True)
            elif nxt.lower in lex.coordinators:
                role = current.role if current.role is not ClauseRole.CONDITION else ClauseRole.MAIN
                start(role, "", nest=False)
            elif not resumed and (
                # "Zodra het rapport gereed is, stuurt de minister ...": after a fronted verb-final clause the
                # finite verb of the main clause follows the comma
                (
                    current.role is ClauseRole.ADVERBIAL
                    and current.verb
                    and not stack
                    and nxt.lower not in lex.determiners
                    and _is_verb_form(nxt)
                )
                or nxt.lemma in lex.auxiliaries
                or nxt.lower in lex.past_forms
                or nxt.lower in lex.signatory_subject
                or (
                    i + 2 < len(tokens)
                    and (tokens[i + 2].lower in signatory_subject or tokens[i + 2].lower == "u")
                    and nxt.lower.isalpha()
                )
            ):
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
            inserted = prev == "," and current.role is not ClauseRole.ADVERBIAL and len(current.indexes) > 2
            short = -1 if inserted or not current.indexes else _short_aside(tokens, i, lex)
            start(ClauseRole.ADVERBIAL, word, nest=inserted or short > 0)
            aside_end = short
        elif word in lex.question and current.indexes and prev not in lex.prepositions and prev != ",":
            start(ClauseRole.COMPLEMENT, word, nest=False)
        elif (
            word in lex.relative
            and current.indexes
            and prev not in lex.prepositions
            and prev not in lex.determiners
        ):
            if word == "dat" and (
                prev in lex.chamber_pronoun
                or tokens[i - 1].lemma in lex.saying
                or bool(lex.saying.intersection(verb_readings(prev)))
                or _ends_with_verb(tokens, i, lex)
            ):
                start(ClauseRole.COMPLEMENT, word, nest=False)
            else:
                start(ClauseRole.RELATIVE, word, nest=True)
        elif (
            word in ("en", "maar")
            and nxt is not None
            and (
                nxt.lower in lex.signatory_subject
                or _is_finite_aux(nxt)
                or (i + 2 < len(tokens) and _is_finite_aux(tokens[i + 2]) and nxt.lower in lex.fronted)
            )
        ):
            current.indexes.append(i)
            role = current.role if current.role is not ClauseRole.CONDITION else ClauseRole.MAIN
            start(role, "", nest=False)
            continue
        current.indexes.append(i)
        if finite:
            current.finite = True
        if finite or tok.participle:
            current.verb = True
    if current.indexes:
        done.append(current)
    while stack:
        outer = stack.pop()
        if outer.indexes and outer not in done:
            done.append(outer)
    done.sort(key=lambda c: c.indexes[0])
    merged: list[_Open] = []
    te_at = {k for k, w in enumerate(words) if w == "te"}
    for clause in done:
        infinitival = bool(te_at) and not te_at.isdisjoint(clause.indexes)
        verbless = (
            infinitival
            and clause.role in (ClauseRole.RELATIVE, ClauseRole.COMPLEMENT)
            and not any(
                tokens[k].classes & _FORM_LOOKS_FINITE and tokens[k - 1].lower != "te"
                for k in clause.indexes[1:]
            )
        )
        if verbless and clause.opener == "dat" and merged:
            merged[-1].indexes.extend(clause.indexes)
            merged[-1].indexes.sort()
        else:
            merged.append(clause)
    return [(c.role, c.opener, tuple(c.indexes)) for c in merged]


def _short_aside(tokens: Sequence[Token], at: int, lex: ClauseLexicon) -> int:
    """The index of the last word of a verbless aside opened at ``at`` inside a clause ("ontvangt u zoals
    gebruikelijk in het voorjaar", "zoals eerder gemeld", "instrumenten zoals subsidies en leningen"), or -1 when
    the opener starts a clause of its own ("zoals ik heb toegezegd", "zoals de Kamer weet")."""
    k = at + 1
    n = len(tokens)
    if k + 1 < n and tokens[k].lower in lex.fronted and tokens[k + 1].participle:
        k += 1
    if k >= n or not tokens[k].lower.isalpha():
        return -1
    word = tokens[k].lower
    if word in lex.determiners or word in lex.subject_pronouns or word == "er":
        return -1
    if k + 1 < n and (tokens[k + 1].lower == "," or _is_finite_aux(tokens[k + 1])):
        return -1
    return k


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
    # the union of the word classes of its tokens: a reading whose class no token has is skipped
    classes = 0
    for tok in body:
        classes |= tok.classes
    body_lemmas = {t.lemma for t in body}
    own = body_lemmas | set(body_words)
    lemmas = set(own)
    if lex.reflexive.intersection(body_words):
        lemmas.add("zich")
    # a finite verb stands next to its pronoun subject ("bericht ik", "ik deel"): read it as a verb there
    if not lex.subject_pronouns.isdisjoint(body_words):
        n = len(body)
        pronouns = [k for k, word in enumerate(body_words) if word in lex.subject_pronouns]
        for k in {j for p in pronouns for j in (p - 1, p + 1) if 0 <= j < n}:
            if not body[k].lemma.endswith("n"):
                lemmas.update(verb_readings(body[k].lower))
    if not lex.particles.isdisjoint(body_words):
        _join_separable(body, lex, lemmas)
    frozen = frozenset(lemmas)
    # a passive auxiliary ("worden", "wordt") anywhere in the clause: read by the tense, modality and voice
    passive_aux = not lex.passive.isdisjoint(body_lemmas)
    participle_lemmas = [t.lemma for t in body if t.participle]
    tense = _tense(body, body_lemmas, passive_aux, lex, bool(participle_lemmas), classes)
    passive = passive_aux and bool(participle_lemmas)
    negated = not lex.negation.isdisjoint(body_words) and _negated(body_words, lex)
    # the phrase must open the clause (commas aside): only its first word is looked up unless it can
    head = next((w for w in body_words if w != ","), "")
    conditional = role is ClauseRole.CONDITION or (
        lex.condition_phrases.may_occur((head,))
        and lex.condition_phrases.starts([w for w in body_words if w != ","])
    )
    subject, subject_span = _subject_class(body, lex)
    modality = _modality(body, body_words, body_lemmas, frozen, tense, subject, passive_aux, lex)
    performative = (
        role is ClauseRole.MAIN
        and lex.performative.found_in(body_words)
        and tense is Tense.PRESENT
        and not modality & {Modality.FUTURE, Modality.INTENTION}
        and (subject in (ActorClass.SIGNATORY, ActorClass.CHAMBER) or passive)
    )
    agent = _agent_class(body_words, lex) if passive else ActorClass.NONE
    chamber = _chamber_recipient(body_words, subject, lex)
    # the subject's own words name no act ("De herziene beleidsregels gaan ... in"), nor a present participle
    # used as an adjective ("volgend jaar", "de lopende onderhandelingen": the infinitive with -d or -de)
    lo, hi = subject_span
    if lo == hi and not classes & _FORM_ADJECTIVAL:
        # no subject words: every word of the clause counts, as the update below would give
        usable = frozen | own
    else:
        outside = lemmas - body_lemmas
        outside.update(
            [
                x
                for t in body
                if not lo <= t.start < hi and not t.classes & _FORM_ADJECTIVAL
                for x in (t.lemma, t.lower)
            ]
        )
        usable = frozenset(outside)
    matched = lex.acts.matches(usable)
    # the values gathered into a set first, in the order PhraseIndex.find adds them: the same sets
    acts = frozenset([_ACTS[v] for v in {p.value for p in matched}])
    participles = frozenset(participle_lemmas)
    # the verbs decide which of the matched acts are the verbs' own: read only when an act matched
    verbs = _verb_lemmas(body, own, lemmas, lex) if matched else set()
    verb_acts = frozenset([_ACTS[v] for v in {p.value for p in matched if not p.lemmas.isdisjoint(verbs)}])
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
        this_letter=(
            lex.this_letter.found_in(body_words)
            or lex.this_document.named_in(body_words)
            # "Deze brief bevat ...": this document as the subject, describing itself now
            or (lex.this_document.opens(body_words) and not modality & _LOOKING_AHEAD)
        )
        and not lex.other_letter.found_in(body_words),
        conditional=conditional,
        subject=subject,
        subject_span=subject_span,
        agent=agent,
        chamber_recipient=chamber,
        other_recipient=lex.other_recipients.found_in(body_words),
        acts=acts,
        verb_acts=verb_acts,
        participles=participles,
        future_adverb=(
            lex.future_adverbs.may_occur(body_words)
            and lex.future_adverbs.found_in(_uncancelled(body_words, lex))
        )
        or (role is ClauseRole.MAIN and body_words[:1] == ["na"]),
        forward_verb=any(
            len(p.lemmas) < 3 or lex.forward_heads.found_in(body_words) for p in lex.forward.matches(frozen)
        ),
    )


def _verb_lemmas(body: Sequence[Token], own: set[str], lemmas: set[str], lex: ClauseLexicon) -> set[str]:
    """The lemmas of the clause's verb forms: inflected forms, participles, infinitives after "te" or at the
    clause end, separable verbs joined, and the verb readings next to a pronoun subject. ``own``: the
    lemmas and lower-case words of the clause's tokens."""
    out = lemmas - own
    n = len(body)
    for k, tok in enumerate(body):
        kind = tok.classes & _VERB_KINDS
        if not kind:
            continue
        if kind == _FORM_INFLECTED:
            out.add(tok.lemma)
        elif kind == _FORM_PARTICIPLE:
            out.add(tok.lemma)
            out.update(verb_readings(tok.lower))
        elif (
            any(0 <= j < n and body[j].lower in lex.subject_pronouns for j in (k - 1, k + 1))
            or (k and body[k - 1].lower == "te")
            or k + 1 == n
            or not body[k + 1].lower[:1].isalnum()
            or body[k + 1].lower in lex.coordinators
            # "zal ... betrekken bij de herziening": the infinitive before an extraposed phrase
            or (
                body[k + 1].lower in lex.prepositions
                and not _after_determiner(body, k, lex)
                and any(t.classes & _FORM_FINITE_AUX for t in body[:k])
            )
            # "Tijdens dit overleg spreken de ministers ...": a plural finite verb before its subject
            or (
                k
                and body[k + 1].lower in lex.determiners
                and not _after_determiner(body, k, lex)
                and not any(t.classes & _FORM_FINITE_AUX for t in body)
            )
        ):
            out.add(tok.lower)
    return out


#: how a word form can be a verb of its clause, read from the form alone: at most one of these bits is set
_VERB_KINDS = _FORM_INFLECTED | _FORM_PARTICIPLE | _FORM_INFINITIVE


def _uncancelled(words: Sequence[str], lex: ClauseLexicon) -> list[str]:
    """The words without a forward word that looks at this letter ("het volgende", "de volgende maatregelen")."""
    return [w for i, w in enumerate(words) if not (i and (words[i - 1], w) in lex.cancel_forward)]


def _join_separable(body: Sequence[Token], lex: ClauseLexicon, lemmas: set[str]) -> None:
    """Add the separable verbs of the clause: "stuur ... toe" → toesturen, "aan te bieden" → aanbieden."""
    n = len(body)
    for i, tok in enumerate(body):
        if tok.lower not in lex.particles:
            continue
        after = body[i + 1] if i + 1 < n else None
        if after is not None and after.lower == "te" and i + 2 < n:
            verb = body[i + 2]
            joined = lex.separable.get((tok.lower, verb.lower)) or lex.separable.get((tok.lower, verb.lemma))
            lemmas.add(joined or tok.lower + verb.lower)
            if not any(t.lemma == verb.lemma for t in body if t is not verb):
                lemmas.discard(verb.lemma)
                lemmas.discard(verb.lower)
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
                    continue
                # a finite form the lemmatiser reads as a noun ("licht ... toe" → toelichten)
                for reading in verb_readings(earlier.lower) if earlier.lemma == earlier.lower else ():
                    if joined := lex.separable.get((tok.lower, reading)):
                        lemmas.add(joined)


@lru_cache(maxsize=65536)
def _participle_form(word: str, lemma: str) -> bool:
    """Whether a word with this lemma reads as a past participle ("gestuurd", "aangeboden", "besloten")."""
    if not word.endswith(("d", "t", "n")):
        return False
    if lemma == word:
        # "bericht", "verzocht" read as nouns: a participle when a verb of that form exists
        return (
            word.startswith(("be", "ver", "ont", "her"))
            and word.endswith(("d", "t"))
            and bool(verb_readings(word))
        )
    if not lemma.endswith("n"):
        # the lemmatiser reads a noun ("gemeenten" → gemeente, "gesprekken" → gesprek): a participle's lemma is
        # an infinitive, which ends in -n ("sturen", "doen", "zien")
        return False
    if word.startswith("ge") or word.startswith(load_clause_lexicon().participle_prefixes):
        return True
    # "besloten", "verzonden", "ontvangen": strong participles without ge-
    return len(word) > 5 and word.startswith(("be", "ver", "ont", "her", "er"))


def _tense(
    body: Sequence[Token],
    body_lemmas: set[str],
    passive: bool,
    lex: ClauseLexicon,
    participles: bool = True,
    classes: int = -1,
) -> Tense:
    """Present, past or perfect. The perfect is "hebben" with a participle ("heb u bericht", "heeft ... verzocht
    ... zal worden"), also as an infinitive ("hoop u ... te hebben geïnformeerd"), or "zijn" with a participle
    when no "worden" makes it a passive; a finite "zal"/"zullen" keeps the clause in the future."""
    # a participle form after a determiner is a noun or an adjective ("de gevolgen", "het geplande onderzoek");
    # ``participles`` False: the caller knows the clause has none; ``classes``: the union of the word classes
    # of the tokens (-1: not known)
    has_participle = participles and any(
        t.participle and t.lemma not in lex.stative and not _after_determiner(body, k, lex)
        for k, t in enumerate(body)
    )
    past_forms = lex.past_forms
    past = next((t.lower for t in body if t.classes & _FORM_PAST), None) if classes & _FORM_PAST else None
    future = False
    if past is None and ("hebben" in body_lemmas or not lex.future.isdisjoint(body_lemmas)):
        # the first finite auxiliary is the clause's own: "heb ik u bericht over hoe ... zal worden" is a perfect
        first_aux = next(
            (
                t.lemma
                for i, t in enumerate(body)
                if (t.lemma in lex.future or t.lemma == "hebben") and (i == 0 or body[i - 1].lower != "te")
            ),
            None,
        )
        future = first_aux is not None and first_aux in lex.future
    if past is not None:
        base = past_forms[past]
        if base in lex.perfect and has_participle and base != "zijn":
            return Tense.PERFECT
        return Tense.PAST
    if has_participle and not future:
        for tok in body:
            if tok.lemma == "hebben" or (tok.lemma in lex.perfect and tok.lower != tok.lemma and not passive):
                return Tense.PERFECT
    if future:
        return Tense.PRESENT
    if classes & _FORM_WEAK_PAST:
        for k, tok in enumerate(body):
            if (
                tok.classes & _FORM_WEAK_PAST
                and not _after_determiner(body, k, lex)
                and not (k and body[k - 1].lower == "te")
            ):
                return Tense.PAST
    return Tense.PRESENT if body else Tense.NONE


def _phrase_modalities(
    lemmas: frozenset[str], subject: ActorClass, passive: bool, lex: ClauseLexicon
) -> set[Modality]:
    """The modalities of the clause's intention phrases; a noun of intention that is the signatory's own ("mijn
    inzet is erop gericht om ...") is an intention like "Ik ben voornemens ...", anybody else's a plan. A verbal
    phrase is an intention in the active voice only: "Ik zet in op ..." intends, "De middelen worden ingezet
    op ..." describes their use."""
    out = {_MODALITIES[v] for v in lex.intention_phrases.find(lemmas)}
    if passive:
        out.discard(Modality.INTENTION)
    if subject is ActorClass.SIGNATORY and Modality.PLANNED in out:
        out = (out - {Modality.PLANNED}) | {Modality.INTENTION}
    return out


def _modality(
    body: Sequence[Token],
    body_words: Sequence[str],
    body_lemmas: set[str],
    lemmas: frozenset[str],
    tense: Tense,
    subject: ActorClass,
    passive: bool,
    lex: ClauseLexicon,
) -> frozenset[Modality]:
    out: set[Modality] = set()
    if lex.modal.isdisjoint(body_lemmas):
        # no word of the clause gives a modality by itself: only the phrases below can
        out.update(_phrase_modalities(lemmas, subject, passive, lex))
        if lex.forecast.found_in(body_words):
            out.add(Modality.HEDGE)
        if not lex.estimate.isdisjoint(body_lemmas):
            out.add(Modality.FORECAST)
        return frozenset(out)
    joined = {j for j in lemmas if len(j) > 5}
    # "gaan" is the future with a bare infinitive ("ga ik ... onderzoeken"), not with "te" ("gaat door ... te maken")
    going = (
        []
        if lex.going_to.isdisjoint(body_lemmas)
        else [k for k, t in enumerate(body) if t.lemma in lex.going_to]
    )
    infinitive = bool(going) and any(
        t.lower == t.lemma
        and t.lower.endswith("en")
        and t.lemma not in lex.auxiliaries
        and not _after_determiner(body, k, lex)
        and not (k and body[k - 1].lower == "te")
        and (k + 1 == len(body) or not body[k + 1].lower[:1].isalnum() or any(abs(k - g) == 1 for g in going))
        for k, t in enumerate(body)
    )
    for k, tok in enumerate(body):
        lemma = tok.lemma
        if lemma not in lex.modal:
            # none of the branches below can apply
            continue
        if lemma in lex.auxiliaries and any(j != lemma and j.endswith(lemma) for j in joined):
            continue
        if _after_determiner(body, k, lex):
            # "de beoogde aanpak", "het geplande onderzoek": an adjective, not the clause's verb
            continue
        if lemma in lex.future:
            out.add(Modality.HYPOTHETICAL if tok.lower in lex.past_forms else Modality.FUTURE)
        elif lemma in lex.going_to and tok.lower != lemma and tense is Tense.PRESENT and infinitive:
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
            # "Ik verwacht u ... te kunnen informeren" is a hedged promise; "verwacht dat", "wordt verwacht"
            # and anybody else's expectation are forecasts
            own = subject in _GOVERNMENT and "te" in body_words and "dat" not in body_words
            if passive or (subject in _GOVERNMENT and "te" not in body_words and "dat" not in body_words):
                # "De resultaten worden in het voorjaar verwacht", "De resultaten verwacht ik in het voorjaar":
                # a result on the schedule (needs a date)
                out.add(Modality.PLANNED)
            else:
                out.add(Modality.INTENTION if own else Modality.FORECAST)
        elif lemma in lex.planned:
            out.add(Modality.PLANNED)
    out.update(_phrase_modalities(lemmas, subject, passive, lex))
    if lex.forecast.found_in(body_words):
        out.add(Modality.HEDGE)
    if not lex.estimate.isdisjoint(body_lemmas):
        out.add(Modality.FORECAST)
    return frozenset(out)


def _after_determiner(body: Sequence[Token], k: int, lex: ClauseLexicon) -> bool:
    return k > 0 and body[k - 1].lower in lex.determiners


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
    """The class of the first actor named in the head of ``words`` (before a preposition; earliest, then
    longest phrase): "De handreiking voor gemeenten" is no municipality, "De Raad van State" is a council."""
    head = next((i for i, w in enumerate(words) if i > 0 and w in lex.prepositions), len(words))
    for i, word in enumerate(words[:head]):
        # rows are sorted longest first: the first that matches at the earliest word wins
        for phrase, klass in lex.actors.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return klass
    return ActorClass.OTHER if words else ActorClass.NONE


def _subject_class(body: Sequence[Token], lex: ClauseLexicon) -> tuple[ActorClass, tuple[int, int]]:
    """The class of the clause's subject and its character range: the words before the finite verb, or
    after it when an adverbial leads."""
    toks = [t for t in body if t.lower != ","]
    if toks and (
        toks[0].lower in lex.relative or toks[0].lower in lex.adverbial or toks[0].lower in lex.condition
    ):
        toks = toks[1:]
    if not toks:
        return ActorClass.NONE, (0, 0)
    words = [t.lower for t in toks]

    def span(first: int, last: int) -> tuple[int, int]:
        return toks[first].start, toks[min(last, len(toks)) - 1].end

    if not lex.signatory_subject.isdisjoint(words):
        pronoun = next(i for i, w in enumerate(words) if w in lex.signatory_subject)
        return ActorClass.SIGNATORY, span(pronoun, pronoun + 1)
    if words[0] == "u":
        return ActorClass.CHAMBER, span(0, 1)
    you = -1
    if "u" in words or "kamer" in words:
        you = next(
            (
                i
                for i, w in enumerate(words)
                if i > 0 and (w == "u" or (w in ("uw", "de") and words[i + 1 : i + 2] == ["kamer"]))
            ),
            -1,
        )
    finite = -1
    for i in range(1, len(toks)):
        if toks[i].classes & _FORM_LOOKS_FINITE:
            finite = i
            break
    if (
        you > 0
        and words[you - 1] not in lex.prepositions
        and toks[you - 1].classes & _FORM_VERB
        and not (0 < finite < you and _classify_subject(words[:finite], lex) in _GOVERNMENT)
    ):
        # "De eerste rapportage ontvangt u", "kunt u ... tegemoet zien": u right after the finite verb;
        # not when the government stands before it ("De regering is voornemens de Kamer ... te informeren")
        return ActorClass.CHAMBER, span(you, you + 1)
    inverted = (
        finite > 0
        and (words[0] in lex.fronted or any(w[:1].isdigit() for w in words[:finite]))
        and finite + 1 < len(words)
        and words[finite + 1] in lex.determiners | {"er", "u"}
    )
    if (
        finite > 0
        and words[0] not in lex.prepositions
        and not inverted
        and not _adverb_first(words[:finite], lex)
    ):
        return _classify_subject(words[:finite], lex), span(0, finite)
    after = finite + 1 if finite >= 0 else 0
    rest = words[after : after + 6]
    if rest and rest[0] == "u":
        return ActorClass.CHAMBER, span(after, after + 1)
    if rest and rest[0] in lex.determiners | {"er"}:
        end = next(
            (
                i
                for i, w in enumerate(rest)
                if i > 0
                and (
                    w in lex.prepositions
                    or toks[after + i].classes & (_FORM_LOOKS_FINITE | _FORM_VERB)
                    or (toks[after + i].lemma in lex.acts and rest[i - 1] not in lex.determiners)
                )
            ),
            len(rest),
        )
        return _classify_subject(rest, lex), span(after, after + end)
    # no verb found by form: the first actor named outside a prepositional phrase ("Tijdens dit overleg spreken
    # de Ministers")
    for i in range(1, len(words)):
        if (
            words[i] in lex.determiners
            and words[i - 1] not in lex.prepositions
            and words[i - 1] not in lex.determiners
        ):
            klass = _classify(words[i : i + 4], lex)
            if klass not in (ActorClass.OTHER, ActorClass.NONE):
                return klass, span(i, min(i + 4, len(words)))
    return ActorClass.NONE, (0, 0)


def _adverb_first(before: Sequence[str], lex: ClauseLexicon) -> bool:
    """An adverbial before the verb ("Daarnaast", "Vervolgens", "Eind 2022"): the subject follows it."""
    return bool(before) and before[0] in lex.fronted


def _classify_subject(words: Sequence[str], lex: ClauseLexicon) -> ActorClass:
    if words and words[0] in lex.signatory_subject:
        return ActorClass.SIGNATORY
    if words and words[0] == "er":
        return ActorClass.NONE
    return _classify(words, lex)


def _agent_class(body_words: Sequence[str], lex: ClauseLexicon) -> ActorClass:
    for i, word in enumerate(body_words):
        if word == "door" and i + 1 < len(body_words) and body_words[i + 1] != "middel":
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
    "word_sequences",
]
