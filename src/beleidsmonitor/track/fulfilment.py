"""Later documents → earlier commitments: evidence that a promise was delivered, by strength.

Three kinds of evidence (vocab.EvidenceKind), strongest first, each kept with the later document's
sentence and its offsets:

* **cited**: the sentence says it delivers what was promised ("Zoals toegezegd in mijn brief van
  12 mei 2015 (Kamerstuk 31 839, nr. 460) informeer ik u ...", "Hierbij ontvangt u ...", "Met
  deze brief geef ik invulling aan de toezegging ...", "ter uitvoering van de motie ..."; the
  analysis finds these sentences, extract/fulfilments.py, and the register keeps them) and cites
  the promise: a Kamerstuk that holds the commitment, a letter by its date ("mijn brief van 12 mei
  2015", a letter of the same dossier dated that day) or a motion the commitment's sentence cites;
* **subject**: a delivery sentence among the first of the letter, without a citation, whose words
  are those of an open promise to inform the Chamber or deliver a product in the same dossier
  (the promised letter is itself the delivery);
* **report**: a sentence reporting the promised thing done ("De monitor is aan uw Kamer
  verzonden"), sharing the promise's content words, only within the same dossier or a dossier
  the later letter cites.

A delivery says "een eerste deel", "gedeeltelijk" ...: then it fulfils partly. A recurring promise
(a frequency with a report or event that comes again: "twee keer per jaar ontvangt u een
rapportage", "voorafgaand aan elke Raad"; :func:`recurring`, ``tracking.toml`` [recurrence]) is
fulfilled partly by each instance and stays open: the letter's opening delivery or a report that
names little but what the promise names (:func:`instance_share`), in its dossier or citing it,
however long after the promise; or a letter that delivers one of the reports the promise names
("Hierbij bied ik u de geannoteerde agenda aan ...") and states what the promise said each holds
(:func:`_report_instance`). A promise to keep the Chamber informed ("Ik houd uw Kamer op de hoogte
van ...") recurs too: each update is an instance. A promise that names its subject by "hierover",
"daarvan" ... is read with the sentence before it, one that names it by a demonstrative ("dit
overleg") with the nearest sentence before that names the noun (register/tracking.py ``context``). A sentence that states the promise
again is a repeat, never its delivery. Words of a group in ``tracking.toml`` [synonyms] are read as
one ("voornemens", "voorgenomen").

Never across ordinals or years: a promise of the *second* report is not delivered by the *first*,
"rapportage 2019" not by "rapportage 2018" (:func:`conflicts`). Without a citation, more than a year
after the deadline (undated: after the promise) a letter's own delivery is another letter on the
subject, and a report is a later member of a series when it or the promise names a report or event
that comes again or it numbers what it reports (:func:`_series`); a report of a single thing done is
its delivery, late. A commitment without a dossier is
matched only through a citation of its own document, except a Chamber's toezegging that no letter
states: a letter of its ministry near its deadline whose opening delivery names it, when no other
such toezegging fits that sentence (:func:`_registered`). Pure: the records come from
register/tracking.py; the wording is data in ``lang/nl/tracking.toml`` and ``comparison.toml``.
Documents stored before the analysis found delivery sentences give report evidence only.

Known misses: progress counted in milestones; a recurring publication named by an acronym only
("De halfjaarlijkse RVK ... publiceren") is read as a single promise; a delivery spread over two sentences whose second names the thing without the delivery phrase;
synonyms outside [synonyms] ("het rapport" for "de verkenning", "het pensioenakkoord" for "een
vernieuwd pensioenstelsel"); the thing of a light verb ("de stap zetten naar ...", "de mijlpaal ..."); a citation by date of a letter that is not in the
register; a citation in a footnote whose number stands on a line of its own (the clean stage keeps
such notes in the text, so the citation belongs to the note's sentence, not to the anchor's).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Interval
from beleidsmonitor.normalise.identifiers import dossier_key, parse_kamerstuk_id
from beleidsmonitor.normalise.words import (
    MIN_AFFIX,
    content_stems,
    fold_word,
    folded_words,
    ordinals,
    stem_word,
    stems_meet,
)
from beleidsmonitor.register.tracking import (
    CHANGE_WINDOW_DAYS,
    ProposedLink,
    TrackedCommitment,
    TrackedDocument,
    TrackedMention,
    TrackedSentence,
    TrackedTime,
    later_mentions,
    promising_document,
)
from beleidsmonitor.vocab import CommitmentKind, EvidenceKind, LinkRelation, Part

#: share of the promised thing a report sentence must name to fulfil it
THRESHOLD = 0.6
#: share of the whole promise (quote and object) a report sentence must also name: an extracted
#: object can be a side word of the promise ("de sociale partners" of "met de sociale partners ga ik
#: om tafel over het nieuwe contract")
QUOTE_SHARE = 0.3
#: share of a later sentence's content stems that a recurring promise must name for the sentence to
#: deliver one of its instances
INSTANCE_THRESHOLD = 0.6
#: share of the promised thing a letter's opening delivery must name to be its delivery
SUBJECT_THRESHOLD = 0.5
#: share a cited promise needs when the cited document holds several commitments
CITED_THRESHOLD = 0.15
#: content words a sentence must share with a promise it fulfils without citing it
MIN_SHARED = 2
#: without a citation, a delivery this many days after the deadline (or, undated, after the
#: promise) is taken for a later member of a series, not for the promised one: the letter's own
#: delivery, or a report sentence that names a report or event that comes again or numbers what it
#: reports (:func:`_series`); a report of a single thing done is its delivery however late
LATE_WINDOW_DAYS = 366
#: how many sentences at the start of a letter state its subject
SUBJECT_SENTENCES = 4
#: share of a later promise's thing that an earlier promise must name for the later one to promise
#: part of it again (a new deadline or a repeat), and how many stems at least
PART_THRESHOLD = 0.75
PART_MIN_SHARED = 3
#: confidence added when a report sentence cites the commitment's document or dossier
CITATION_BONUS = 0.2
#: a Chamber's toezegging without a dossier is matched only by a letter of its ministry dated at
#: most this many days before or after its deadline
REGISTERED_WINDOW_DAYS = 183

_FORMS = load_toml("comparison.toml")["fulfilment"]
_TRACKING = load_toml("tracking.toml")
_STRENGTH = {EvidenceKind.CITED: 3, EvidenceKind.SUBJECT: 2, EvidenceKind.REPORT: 1}


def _alternatives(words: Sequence[str]) -> re.Pattern[str]:
    """Any of ``words`` as whole words; a footnote marker glued to the last word ("verzonden1") does
    not make it another word."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?![^\W\d_])(?!\d+[^\W\d_])", re.IGNORECASE)


_AUXILIARY = _alternatives(_FORMS["auxiliaries"])
_COMPLETION = _alternatives(_FORMS["completion"])
_PRESENTED = _alternatives(_FORMS["presented"])
_GENERIC = _alternatives(_FORMS["generic"])
_FUTURE = _alternatives(_FORMS["future"])
_PARTIAL = _alternatives(_TRACKING["partial"]["phrases"])
_FREQUENCY = _alternatives(_TRACKING["recurrence"]["phrases"])
_DISTRIBUTIVE = frozenset(_TRACKING["recurrence"]["distributive"])
#: a promise to keep the Chamber informed: (phrase, one of the verb forms) in one sentence
_CONTINUING = tuple(
    (_alternatives([pair["phrase"]]), _alternatives(pair["verbs"]))
    for pair in _TRACKING["recurrence"]["continuing"]
)
_PERIODS = frozenset(_TRACKING["recurrence"]["periods"])
#: the stems of reports and events that come again
_RECURRING_THINGS = frozenset(
    stem_word(fold_word(w)) for w in [*_TRACKING["recurrence"]["reports"], *_TRACKING["recurrence"]["events"]]
)
#: every word of frequency, removed from the promised thing (no part of what is delivered)
_RECURRENCE = _alternatives([*_TRACKING["recurrence"]["phrases"], *_DISTRIBUTIVE])
_ORDINAL_STEMS = frozenset(stem_word(fold_word(w)) for w in _TRACKING["ordinals"]["words"])
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_REPORTS = frozenset(stem_word(fold_word(w)) for w in _TRACKING["recurrence"]["reports"])
#: each form of a group of synonyms, with the group's first word that stands for it
_SYNONYMS = {form: group[0] for group in _TRACKING["synonyms"]["groups"] for form in group[1:]}
_SYNONYM = _alternatives(list(_SYNONYMS))
_FORMULA = _alternatives(_TRACKING["registered"]["formula"])


def reports_done(sentence: str) -> bool:
    """Whether ``sentence`` reports something as done (completion verb with an auxiliary, no future).

    A letter handing something over itself ("Hierbij ontvangt u ...") is a delivery (:func:`delivers`).
    """
    if _FUTURE.search(sentence):
        return False
    return bool(_COMPLETION.search(sentence) and _AUXILIARY.search(sentence))


def _names(stem: str, things: frozenset[str]) -> bool:
    """Whether a stem names one of ``things`` (stems), itself or as the head of a compound."""
    return any(stem == t or (len(t) >= MIN_AFFIX and stem.endswith(t)) for t in things)


def _recurring_thing(word: str) -> bool:
    """Whether a folded word names a report or event that comes again (or a compound ending in one:
    "voortgangsrapportage", "Raadsvergadering")."""
    return _names(stem_word(word), _RECURRING_THINGS)


@lru_cache(maxsize=8192)
def recurring(text: str, kind: CommitmentKind) -> bool:
    """Whether a promise recurs: a frequency with a recurring report or event in the promise.

    "voorafgaand aan elke Raad", "in elke volgende voortgangsrapportage" (a distributive word before a
    recurring thing); "twee keer per jaar ontvangt u een rapportage", "Voortaan zal ik in de
    geannoteerde agenda ...", "elk halfjaar informeer ik uw Kamer" (a frequency, with a recurring thing
    named anywhere in the promise or a promise to inform the Chamber); "Ik houd uw Kamer op de hoogte
    van ..." (a promise to keep the Chamber informed: each update is an instance). Not "elke gemeente krijgt een
    aanspreekpunt", "in ieder geval voor de zomer", "jaarlijks € 50 miljoen".

    Args:
        text: the promise's sentence.
        kind: the promise's kind (informing the Chamber is itself a report).
    """
    words = folded_words(text)
    names_thing = any(_recurring_thing(w) for w in words)
    reported = names_thing or kind is CommitmentKind.INFORM_PARLIAMENT
    for i, word in enumerate(words):
        if word not in _DISTRIBUTIVE:
            continue
        after = words[i + 1 : i + 3]
        if any(_recurring_thing(w) for w in after) or (reported and any(w in _PERIODS for w in after)):
            return True
    if reported and any(phrase.search(text) and verb.search(text) for phrase, verb in _CONTINUING):
        return True
    return reported and bool(_FREQUENCY.search(text))


def partial(sentence: str) -> bool:
    """Whether a delivery sentence says it delivers only part ("een eerste deel", "gedeeltelijk")."""
    return bool(_PARTIAL.search(sentence))


@lru_cache(maxsize=8192)
def years(text: str) -> frozenset[str]:
    """The years named in ``text`` ("rapportage 2019" → {"2019"})."""
    return frozenset(_YEAR.findall(text))


def conflicts(promise: str, later: str) -> bool:
    """Whether two texts name different members of a series: other ordinals, or other years.

    Args:
        promise: what was promised, without its deadline's words.
        later: the later sentence, without its dates of sending.
    """
    a, b = ordinals(promise), ordinals(later)
    if a and b and not a & b:
        return True
    ya, yb = years(promise), years(later)
    return bool(ya and yb and not ya & yb)


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    """Content stems of ``text`` without completion verbs and addressing words, which every report
    shares; synonyms read as one word ("voornemens" and "voorgenomen" as "voornemen")."""
    text = _SYNONYM.sub(lambda m: f" {_SYNONYMS.get(m.group(0).lower(), m.group(0))} ", text)
    return content_stems(_GENERIC.sub(" ", _COMPLETION.sub(" ", _PRESENTED.sub(" ", text))))


@lru_cache(maxsize=8192)
def _promise_text(commitment: TrackedCommitment) -> str:
    """The commitment's quote, object and what it refers back to ("hierover": the sentence before),
    without its deadline's and recurrence's words (those are no part of the thing)."""
    return _remove_times(f"{commitment.quote} {commitment.object} {commitment.context}", commitment)


def _remove_times(text: str, commitment: TrackedCommitment) -> str:
    text = _RECURRENCE.sub(" ", text)
    if commitment.registered_ministry:
        text = _FORMULA.sub(" ", text)
    for mention in commitment.mentions:
        if mention.time_text:
            text = text.replace(mention.time_text, " ")
    if commitment.time_text:
        text = text.replace(commitment.time_text, " ")
    return text


@lru_cache(maxsize=8192)
def _promised(commitment: TrackedCommitment) -> frozenset[str]:
    """The stems of the promised thing: the extracted object with what the promise refers back to
    ("Ik zal u hierover berichten": the topic of the sentence before) when it has any, else the quote."""
    thing = _stems(_remove_times(f"{commitment.object} {commitment.context}", commitment))
    return thing or _stems(_promise_text(commitment))


def similarity(sentence: frozenset[str], commitment: TrackedCommitment) -> tuple[float, int]:
    """The share of the promised thing's content stems that the sentence names, and how many.

    Stems meet as in the merge: equal, or a compound and its head ("voortgangsrapportage" and
    "rapportage").
    """
    promised = _promised(commitment)
    if not promised or not sentence:
        return 0.0, 0
    shared = sum(1 for stem in promised if any(stems_meet(stem, other) for other in sentence))
    return shared / len(promised), shared


def instance_share(sentence: frozenset[str], commitment: TrackedCommitment) -> tuple[float, int]:
    """The share of a later sentence's content stems (ordinals left out: each instance has its own)
    that the promise names, and how many: a delivery of one instance of a recurring promise names
    the promised thing and little else ("Hierbij ontvangt u de tiende voortgangsrapportage van de
    renovatie van het Binnenhof")."""
    words = sentence - _ORDINAL_STEMS
    promised = _stems(_promise_text(commitment))
    if not words or not promised:
        return 0.0, 0
    shared = sum(1 for stem in words if any(stems_meet(stem, other) for other in promised))
    return shared / len(words), shared


def promise_share(sentence: frozenset[str], commitment: TrackedCommitment) -> float:
    """The share of the whole promise's content stems (quote and object) that the sentence names, by
    equal stems only (a compound's head alone, "vernieuwd" for "nieuwe", is too weak here)."""
    promised = _stems(_promise_text(commitment))
    if not promised:
        return 0.0
    return len(promised & sentence) / len(promised)


def _enough(shared: int, commitment: TrackedCommitment) -> bool:
    """Whether a sentence shares enough stems: :data:`MIN_SHARED`, or all of a shorter promised thing."""
    return shared >= min(MIN_SHARED, len(_promised(commitment)))


def _too_late(commitment: TrackedCommitment, document: TrackedDocument) -> bool:
    """Whether ``document`` comes so long after the deadline (or the promise) that, uncited, it may
    deliver a later member of a series (:func:`_series` decides for a report sentence)."""
    if document.date is None:
        return True
    due = commitment.due.end if commitment.due is not None else None
    since = due or commitment.first_document_date
    return since is not None and (document.date - since).days > LATE_WINDOW_DAYS


def _series(promise: str, later: str) -> bool:
    """Whether an uncited report sentence long after a promise (:func:`_too_late`) may speak of a later
    member of a series rather than of the promised thing: the promise or the sentence names a report or
    event that comes again ("de rapportage", "het overleg"), or the sentence numbers what it reports
    (an ordinal, a year). A report of a single thing done names none of these: "Het wetsvoorstel over
    de registratie van mantelzorgers is bij uw Kamer ingediend" is its delivery however late.

    Args:
        promise: what was promised, without its deadline's words.
        later: the later sentence, without its dates of sending.
    """
    if ordinals(later) or years(later):
        return True
    return any(_recurring_thing(w) for w in (*folded_words(promise), *folded_words(later)))


def dossier_of_citation(identifier: str) -> str:
    """The register's dossier key of a cited Kamerstuk ("kst-21501-02-2072" → "21501-02")."""
    try:
        parts = parse_kamerstuk_id(identifier)
    except ValueError:
        return ""
    return dossier_key(parts.dossier, parts.suffix)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence of the later document with what it cites and the text that dates it."""

    sentence: TrackedSentence
    cited: frozenset[str]
    #: the sentence without its short time expressions (days, months: dates of sending or letters)
    content: str
    #: single days the sentence names (a cited letter's date)
    days: frozenset[dt.date]


def _prepare(document: TrackedDocument) -> list[_Sentence]:
    # the citations and time expressions grouped by sentence once: looking them up per sentence in
    # the whole document's lists took quadratic time (a text of 10 MB: minutes in this loop alone)
    cited_in: dict[int, set[str]] = {}
    for reference in document.references:
        if reference.id:
            cited_in.setdefault(reference.sentence, set()).add(reference.id)
    times_in: dict[int, list[TrackedTime]] = {}
    for time in document.times:
        if time.interval is not None:
            times_in.setdefault(time.sentence, []).append(time)
    out = []
    for sentence in document.sentences:
        cited = frozenset(cited_in.get(sentence.index, ()))
        text = sentence.text
        days = set()
        for time in times_in.get(sentence.index, ()):
            if time.interval is None:
                continue
            end = time.interval.end
            if end is not None and (end - time.interval.start).days < 300:
                text = text.replace(time.text, " ")
            if end == time.interval.start:
                days.add(time.interval.start)
        out.append(_Sentence(sentence, cited, text, frozenset(days)))
    return out


def _holds(commitment: TrackedCommitment, ids: frozenset[str]) -> str:
    """The id among ``ids`` through which ``commitment`` is cited: its document, a mention's, a motion."""
    documents = {commitment.first_document_id, *(m.document_id for m in commitment.mentions)}
    for identifier in sorted(ids):
        if identifier in documents or identifier in commitment.cites:
            return identifier
    return ""


def find_links(
    document: TrackedDocument,
    candidates: Sequence[TrackedCommitment],
    letters_by_day: dict[tuple[str, dt.date], frozenset[str]],
) -> tuple[ProposedLink, ...]:
    """The commitments of earlier documents that ``document`` fulfils (wholly or partly), with evidence.

    Args:
        document: the later document.
        candidates: commitments first made in documents dated before it.
        letters_by_day: ids of the stored documents per (dossier, date), to resolve "mijn brief van
            12 mei 2015".

    Returns:
        At most one link per commitment: the strongest evidence, then the highest confidence.
    """
    if document.date is None:
        return ()
    sentences = _prepare(document)
    cited_dossiers = {dossier_of_citation(i) for i in document.cited_ids()} - {""}
    deliveries = {d.sentence for d in document.deliveries}
    best: dict[int, ProposedLink] = {}
    registered: dict[int, list[ProposedLink]] = {}
    made = Counter(c.first_document_id for c in candidates)
    alone = frozenset(doc_id for doc_id, count in made.items() if count == 1)
    letter_index = 0
    for prepared in sentences:
        sentence = prepared.sentence
        opening = sentence.part is Part.LETTER and letter_index < SUBJECT_SENTENCES
        if sentence.part is Part.LETTER:
            letter_index += 1
        stems = _stems(prepared.content)
        is_delivery = sentence.index in deliveries
        is_report = reports_done(sentence.text)
        if not (is_delivery or is_report):
            continue
        part = partial(sentence.text)
        cited_letters = frozenset(
            doc_id for day in prepared.days for doc_id in letters_by_day.get((document.dossier, day), ())
        )
        for commitment in candidates:
            found = _evidence(
                document, prepared, stems, commitment, is_delivery, is_report, opening, cited_letters,
                cited_dossiers, alone,
            )  # fmt: skip
            if found is None:
                continue
            evidence, confidence, cites = found
            instance = part or recurring(commitment.quote, commitment.kind)
            link = ProposedLink(
                commitment_id=commitment.id,
                document_id=document.id,
                relation=LinkRelation.PARTLY_FULFILS if instance else LinkRelation.FULFILS,
                evidence=evidence,
                quote=sentence.text,
                sentence=sentence.index,
                span=sentence.span,
                source_span=sentence.source_span,
                on=document.date,
                confidence=round(confidence, 3),
                cites=cites,
            )
            if commitment.registered_ministry:
                registered.setdefault(sentence.index, []).append(link)
                continue
            old = best.get(commitment.id)
            if old is None or (_STRENGTH[evidence], confidence) > (_STRENGTH[old.evidence], old.confidence):
                best[commitment.id] = link
    # a sentence whose words fit several toezeggingen of the registers is the delivery of none of them
    for found_links in registered.values():
        if len(found_links) == 1 and found_links[0].commitment_id not in best:
            best[found_links[0].commitment_id] = found_links[0]
    delivered = _delivered_report(sentences, deliveries)
    if delivered is not None:
        for commitment in candidates:
            if commitment.id not in best:
                report = _report_instance(document, sentences, delivered, commitment)
                if report is not None:
                    best[commitment.id] = report
    return tuple(best.values())


@dataclass(frozen=True, slots=True)
class _Delivered:
    """The letter's opening delivery of a report ("Hierbij bied ik u de geannoteerde agenda aan ...")."""

    sentence: _Sentence
    #: the stem of the report it delivers ("agenda", "voortgangsrapportag")
    report: str


def _delivered_report(sentences: Sequence[_Sentence], deliveries: set[int]) -> _Delivered | None:
    """The first delivery among the letter's opening sentences that names a report that comes again."""
    letter_index = 0
    for prepared in sentences:
        if prepared.sentence.part is not Part.LETTER:
            continue
        if letter_index >= SUBJECT_SENTENCES:
            break
        letter_index += 1
        if prepared.sentence.index not in deliveries:
            continue
        for word in folded_words(prepared.content):
            if _names(stem := stem_word(word), _REPORTS):
                return _Delivered(prepared, stem)
    return None


def _report_instance(
    document: TrackedDocument,
    sentences: Sequence[_Sentence],
    delivered: _Delivered,
    commitment: TrackedCommitment,
) -> ProposedLink | None:
    """The partial fulfilment of a recurring promise by a letter that delivers one of its reports,
    with the sentence that says what the promise said each report holds; or None.

    "Voortaan zal ik vooraf in de Geannoteerde Agenda van de Raad ingaan op mijn voorgenomen
    aanwezigheid" is kept by an annotated agenda ("Hierbij bied ik u de geannoteerde agenda aan ...")
    that states it ("De Minister ... is voornemens aan deze Raad deel te nemen"): the evidence is
    that sentence, sharing :data:`MIN_SHARED` stems with the promise beyond the report's own words
    and the reports and events that come again. A report of another kind (a verslag after the
    Council for a promise about the agenda before it) is no instance; neither is an agenda that
    does not say it.
    """
    if not recurring(commitment.quote, commitment.kind):
        return None
    through = _holds(commitment, document.cited_ids())
    if not (through or (commitment.dossier and commitment.dossier == document.dossier)):
        return None
    promised_reports = {
        stem for word in folded_words(commitment.quote) if _names(stem := stem_word(word), _REPORTS)
    }
    if not any(stems_meet(delivered.report, stem) for stem in promised_reports):
        return None
    opening = _stems(delivered.sentence.content)
    wanted = frozenset(
        stem
        for stem in _stems(_promise_text(commitment))
        if not _names(stem, _RECURRING_THINGS) and not any(stems_meet(stem, o) for o in opening)
    )
    own = {m.sentence for m in commitment.mentions if m.document_id == document.id}
    found: tuple[int, _Sentence] | None = None
    for prepared in sentences:
        if prepared is delivered.sentence or prepared.sentence.index in own:
            continue
        stems = _stems(prepared.content)
        shared = sum(1 for stem in wanted if any(stems_meet(stem, other) for other in stems))
        if shared >= MIN_SHARED and (found is None or shared > found[0]):
            found = (shared, prepared)
    if found is None:
        return None
    shared, prepared = found
    sentence = prepared.sentence
    return ProposedLink(
        commitment_id=commitment.id,
        document_id=document.id,
        relation=LinkRelation.PARTLY_FULFILS,
        evidence=EvidenceKind.SUBJECT,
        quote=sentence.text,
        sentence=sentence.index,
        span=sentence.span,
        source_span=sentence.source_span,
        on=document.date,
        confidence=round(min(1.0, 0.6 + 0.3 * shared / len(wanted)), 3),
        cites=through,
    )


def _evidence(
    document: TrackedDocument,
    prepared: _Sentence,
    stems: frozenset[str],
    commitment: TrackedCommitment,
    is_delivery: bool,
    is_report: bool,
    opening: bool,
    cited_letters: frozenset[str],
    cited_dossiers: set[str],
    alone: frozenset[str],
) -> tuple[EvidenceKind, float, str] | None:
    """The evidence one sentence gives of one commitment: kind, confidence, what it cites; or None.

    ``alone`` holds the documents that made exactly one of the candidate commitments: citing such a
    document in a delivery sentence names that commitment whatever words the sentence uses.
    """
    if commitment.registered_ministry:
        return _registered(document, prepared, stems, commitment, is_delivery and opening)
    same_dossier = bool(commitment.dossier) and commitment.dossier == document.dossier
    cited_dossier = bool(commitment.dossier) and commitment.dossier in cited_dossiers
    through = _holds(commitment, prepared.cited) if prepared.cited else ""
    if is_delivery and not through and commitment.first_document_id in cited_letters:
        through = f"brief van {min(prepared.days).isoformat()}"
    if not (through or same_dossier or cited_dossier):
        return None
    if any(
        m.document_id == document.id and m.sentence == prepared.sentence.index for m in commitment.mentions
    ):
        return None  # the sentence states the promise again: a repeat (follow.mention_links), no delivery
    promise = _promise_text(commitment)
    if recurring(commitment.quote, commitment.kind):
        return _instance(prepared, stems, commitment, is_delivery, is_report, opening, through, same_dossier)
    if conflicts(promise, prepared.content):
        return None
    score, shared = similarity(stems, commitment)
    late = not through and _too_late(commitment, document)
    if late and (not is_report or _series(promise, prepared.content)):
        return None
    if is_delivery and not late:
        single = commitment.first_document_id in alone or through in commitment.cites
        if through and (score >= CITED_THRESHOLD or single):
            return EvidenceKind.CITED, min(1.0, 0.85 + 0.15 * score), through
        promised = commitment.kind in (CommitmentKind.INFORM_PARLIAMENT, CommitmentKind.DELIVERABLE)
        if (
            opening
            and same_dossier
            and promised
            and score >= SUBJECT_THRESHOLD
            and _enough(shared, commitment)
        ):
            return EvidenceKind.SUBJECT, min(1.0, 0.6 + 0.3 * score), ""
    if (
        is_report
        and (same_dossier or cited_dossier)
        and score >= THRESHOLD
        and _enough(shared, commitment)
        and promise_share(stems, commitment) >= QUOTE_SHARE
    ):
        confidence = min(1.0, 0.4 + 0.5 * score)
        if through or any(dossier_of_citation(i) == commitment.dossier for i in prepared.cited):
            confidence = min(1.0, confidence + CITATION_BONUS)
        return EvidenceKind.REPORT, confidence, through
    return None


def _registered(
    document: TrackedDocument,
    prepared: _Sentence,
    stems: frozenset[str],
    commitment: TrackedCommitment,
    opening_delivery: bool,
) -> tuple[EvidenceKind, float, str] | None:
    """The evidence that a letter delivers a Chamber's toezegging that has no dossier and that no
    letter states: its opening delivery, from the toezegging's ministry, dated within
    :data:`REGISTERED_WINDOW_DAYS` of its deadline, naming little but what the toezegging names
    (:data:`INSTANCE_THRESHOLD` of the sentence's words, at least :data:`MIN_SHARED`) and at least
    :data:`SUBJECT_THRESHOLD` of what it promises; never another ordinal or year. Nothing without a
    deadline: the register gives no date of the promise itself.
    """
    due = commitment.due
    if not opening_delivery or document.date is None or due is None:
        return None
    if document.ministry != commitment.registered_ministry:
        return None
    window = dt.timedelta(days=REGISTERED_WINDOW_DAYS)
    if not due.start - window <= document.date <= (due.end or due.start) + window:
        return None
    if conflicts(_promise_text(commitment), prepared.content):
        return None
    share, shared = instance_share(stems, commitment)
    score, _ = similarity(stems, commitment)
    if share < INSTANCE_THRESHOLD or shared < MIN_SHARED or score < SUBJECT_THRESHOLD:
        return None
    return EvidenceKind.SUBJECT, min(1.0, 0.5 + 0.3 * score), ""


def _instance(
    prepared: _Sentence,
    stems: frozenset[str],
    commitment: TrackedCommitment,
    is_delivery: bool,
    is_report: bool,
    opening: bool,
    through: str,
    same_dossier: bool,
) -> tuple[EvidenceKind, float, str] | None:
    """The evidence that one sentence delivers one instance of a recurring promise; or None.

    Each later delivery of the promised thing in the promise's dossier is an instance, however long
    after the promise (the promise stays open): the letter's opening delivery ("Hierbij ontvangt u
    de vijfde voortgangsrapportage ...") or a report that it was sent ("Op 7 oktober heb ik u de
    derde rapportage toegezonden"), naming little but what the promise names. Other years or
    ordinals are other instances, not other promises. The sentence must name :data:`MIN_SHARED` stems
    of the promise beyond its reports and meetings that come again.
    """
    if not (same_dossier or through):
        return None
    share, _ = instance_share(stems, commitment)
    # what the sentence shares beyond the report or meeting itself: a delivery naming only the
    # report ("Hierbij bied ik u de geannoteerde agenda aan voor de Raad ...") is left to
    # _report_instance, which looks for what the promise said each report holds
    _, shared = instance_share(frozenset(s for s in stems if not _names(s, _RECURRING_THINGS)), commitment)
    if share < INSTANCE_THRESHOLD or shared < MIN_SHARED:
        return None
    if is_delivery and (opening or through):
        kind = EvidenceKind.CITED if through else EvidenceKind.SUBJECT
        return kind, min(1.0, 0.6 + 0.3 * share), through
    if is_report:
        return EvidenceKind.REPORT, min(1.0, 0.4 + 0.5 * share), through
    return None


def mention_link(
    commitment_id: int, mention: TrackedMention, moved: bool, evidence: EvidenceKind, confidence: float
) -> ProposedLink:
    """A later ``mention`` of a commitment as a link: a change when it ``moved`` the deadline (with its
    new one), otherwise a repeat."""
    return ProposedLink(
        commitment_id=commitment_id,
        document_id=mention.document_id,
        relation=LinkRelation.CHANGES if moved else LinkRelation.REPEATS,
        evidence=evidence,
        quote=mention.quote,
        sentence=mention.sentence,
        span=mention.span,
        source_span=mention.source_span,
        on=mention.document_date,
        confidence=confidence,
        due=mention.due if moved else None,
        time_text=mention.time_text if moved else None,
    )


def later_promise_links(
    commitments: Sequence[TrackedCommitment],
    earlier: frozenset[int] | None = None,
    later_documents: frozenset[str] | None = None,
) -> tuple[ProposedLink, ...]:
    """Changes and repeats by a later promise of its own that promises part of an earlier one again.

    "Ik houd uw Kamer op de hoogte van het verdere verloop van dit overleg" (the overleg with the
    Groningen administrators on a toekomstperspectief, the damage claims and the versterking) and,
    three months later, "Ik verwacht uw Kamer hierover dit najaar te kunnen informeren" ("hierover":
    the talks with the same administrators on the toekomstperspectief): the register keeps two
    commitments (the merge joins only mentions of one thing), and the earlier one gets the later
    sentence as a change (it states another deadline than the one in force, or the first) or a
    repeat. The later promise's thing (:func:`_promised`) must be named for :data:`PART_THRESHOLD`
    of its stems, at least :data:`PART_MIN_SHARED`, by the earlier promise (quote, object and what it
    refers back to); same dossier and kind, no other ordinal or year, within
    :data:`~beleidsmonitor.register.tracking.CHANGE_WINDOW_DAYS` of the deadline in force (undated:
    of the letter that last stated it) as for a mention. Each later promise links to the earlier one
    it fits best.

    Args:
        commitments: the commitments to read as later promises, and as earlier ones.
        earlier: with ``later_documents``, the track stage after an ingest: only the pairs whose
            earlier promise is one of these ids or whose later promise was made in one of those
            documents (the links it replaces); every pair when both are None.
        later_documents: see ``earlier``.
    """
    everything = earlier is None and later_documents is None
    by_dossier: dict[str, list[_Promise]] = {}
    for commitment in commitments:
        promise = _Promise.of(commitment)
        if promise is not None:
            by_dossier.setdefault(commitment.dossier, []).append(promise)
    links = []
    for group in by_dossier.values():
        group.sort(key=lambda p: p.day)
        for later in group:
            if len(later.thing) < PART_MIN_SHARED:
                continue
            new_later = everything or (
                later_documents is not None and later.first.document_id in later_documents
            )
            best: tuple[float, _Promise, Interval | None] | None = None
            for promise in group:
                if promise.day >= later.day:
                    break
                if not (new_later or (earlier is not None and promise.commitment.id in earlier)):
                    continue
                if promise.commitment.kind is not later.commitment.kind or later.day > promise.horizon:
                    continue
                if later.first.document_id in promise.documents:
                    continue  # stated again in that letter: a mention (follow.mention_links)
                shared = sum(
                    1
                    for stem in later.thing
                    if stem in promise.named or any(stems_meet(stem, other) for other in promise.named)
                )
                share = shared / len(later.thing)
                if (
                    shared < PART_MIN_SHARED
                    or share < PART_THRESHOLD
                    or (best is not None and share <= best[0])
                ):
                    continue
                if conflicts(_promise_text(promise.commitment), _promise_text(later.commitment)):
                    continue
                in_force = _in_force(promise.commitment, later.day)
                if in_force is not None:
                    best = (share, promise, in_force[0])
            if best is None:
                continue
            share, promise, due = best
            first = later.first
            moved = first.due is not None and first.due != due
            links.append(
                mention_link(promise.commitment.id, first, moved, EvidenceKind.SUBJECT, round(share, 3))
            )
    return tuple(links)


@dataclass(frozen=True, slots=True)
class _Promise:
    """A commitment read once for :func:`later_promise_links`."""

    commitment: TrackedCommitment
    #: the mention in the document that made the promise, and that document's date
    first: TrackedMention
    day: dt.date
    #: the documents that state it
    documents: frozenset[str]
    #: the stems of its thing (as a later promise) and of all it says (as an earlier one)
    thing: frozenset[str]
    named: frozenset[str]
    #: the last day a later promise can give it a deadline or repeat it (an upper bound: the
    #: latest deadline or statement plus the change window)
    horizon: dt.date

    @staticmethod
    def of(commitment: TrackedCommitment) -> _Promise | None:
        if not commitment.dossier or not commitment.mentions:
            return None
        document = promising_document(commitment.first_document_id, commitment.mentions)
        first = next((m for m in commitment.mentions if m.document_id == document), None)
        if first is None or first.document_date is None:
            return None
        days = [m.document_date for m in commitment.mentions if m.document_date is not None]
        days += [
            due.end for due in (commitment.due, *(m.due for m in commitment.mentions)) if due and due.end
        ]
        return _Promise(
            commitment,
            first,
            first.document_date,
            frozenset(m.document_id for m in commitment.mentions),
            _promised(commitment),
            _stems(_promise_text(commitment)),
            max(days) + dt.timedelta(days=CHANGE_WINDOW_DAYS),
        )


def _in_force(commitment: TrackedCommitment, day: dt.date) -> tuple[Interval | None] | None:
    """The deadline in force on ``day`` (moved by the mentions before it); None when ``day`` lies
    more than :data:`CHANGE_WINDOW_DAYS` after it (undated: after the letter that last stated the
    promise): then a later promise is another member of a series, not this one again."""
    due = commitment.due
    last = commitment.first_document_date
    for mention, moved in later_mentions(commitment.first_document_id, commitment.mentions):
        if mention.document_date is None or mention.document_date >= day:
            continue
        last = mention.document_date
        if moved:
            due = mention.due
    since = due.end if due is not None and due.end is not None else last
    if since is not None and (day - since).days > CHANGE_WINDOW_DAYS:
        return None
    return (due,)
