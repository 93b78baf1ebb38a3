"""Repeated mentions → one commitment: decides whether a new mention promises what an entry promises.

A letter often repeats a promise in its annex, and later letters repeat it again, sometimes with a
moved deadline. The guideline (GUIDELINES.md, "Commitments", ``same_as``) asks the register to keep
one entry per promise with every mention. This module is pure: it compares a new
:class:`MentionFeatures` with the entries of the same dossier and returns the best :class:`Match`,
or None for a new promise.

Features, all general (no rule names a letter or a sentence):

* gates: same dossier; same kind family (an action vs. a product: a report or information for the
  Chamber); within one document the deadlines must overlap, while a later document may move one;
  across documents the things must agree: no other ordinal ("de tweede rapportage" is not "de
  eerste"), and the head noun of each object is named in the other mention ("informeren over de
  tweede rapportage" is not "informeren over de uitkomsten van dat rapport": "uitkomsten" is not
  named in the first);
* content: soft Jaccard over stems of content words of quote and object (stop words and time words
  dropped; compounds match on a shared prefix or suffix of at least five letters, so
  ``onderzoek``/``onderzoeksrapport`` and ``start``/``opgestart`` meet);
* topic: how much of one mention's section heading recurs in the other's heading or quote
  (the annex repeats a letter's theme under a narrower heading);
* time: equal due intervals, or shared words of the time expressions;
* object: across documents, objects whose head nouns meet ("de tweede rapportage", "de tweede
  voortgangsrapportage van het programma") add :data:`OBJECT_WEIGHT`;
* within one part of one document a promise is repeated only close by and by anaphora: the later
  sentence names the thing with a definite article or demonstrative ("een netwerk … Lize start met
  *het netwerk*"), and an entry takes at most one mention from each other part of a document.

Known misses: repetitions that share neither words nor the topic heading, and a definite
reference whose noun is a synonym ("het rapport" for "de verkenning"). Thresholds were tuned on the
same_as pairs of kst-32824-47 (12 pairs, 0 false merges); see tests/register/test_merge.py.

The function words, time words and stemming endings are data: ``lang/nl/comparison.toml``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Commitment, Interval
from beleidsmonitor.normalise import words
from beleidsmonitor.normalise.words import content_stems, head_stem, ordinals
from beleidsmonitor.normalise.words import fold_word as _fold
from beleidsmonitor.normalise.words import stem_word as _stem
from beleidsmonitor.normalise.words import stems_meet as _stems_meet
from beleidsmonitor.vocab import CommitmentKind, Part

#: score at or above which a mention joins an entry
THRESHOLD = 0.42
#: weights of the topic and time features next to the content similarity (weight 1)
TOPIC_WEIGHT = 0.3
TIME_WEIGHT = 0.2
#: added across documents when the objects' head nouns meet
OBJECT_WEIGHT = 0.1
#: topic value when a heading has no content words ("Tot slot")
NEUTRAL_TOPIC = 0.5
#: the furthest sentence distance for a repetition within one part of one document
NEAR_SENTENCES = 3
#: the earlier mentions of its own document a new mention is compared with (the nearest ones): a
#: letter holds at most a few dozen commitments, a generated or damaged text thousands, and comparing
#: each with every earlier one took quadratic time (2 MB of text: 6.8 million comparisons, 50 s)
SAME_DOCUMENT_LIMIT = 100
#: the fewest mentions and entries for which place_mentions skips the pairs that share no key: below it
#: finding the keys costs more than scoring the few pairs (both ways place the same)
PRUNE_FROM = 20
#: shortest stem for which a prefix or suffix match counts (compounds)
MIN_AFFIX = words.MIN_AFFIX

_WORDS = load_toml("comparison.toml")
_DETERMINERS = frozenset(_WORDS["determiners"]["words"])
_WORD = re.compile(r"[^\W\d_]+")
_TIME_TOKEN = re.compile(r"\w+")


def _family(kind: CommitmentKind) -> str:
    """Products (information for the Chamber, deliverables) vs. activities."""
    return "activity" if kind is CommitmentKind.ACTION else "product"


@dataclass(frozen=True, slots=True)
class MentionFeatures:
    """What merging needs to know of one mention of a commitment."""

    document_id: str
    document_date: dt.date | None
    dossier: str
    part: Part
    section: str
    sentence: int
    kind: CommitmentKind
    quote: str
    object: str
    time_text: str | None
    due: Interval | None


def mention_features(
    commitment: Commitment, document_id: str, date: dt.date | None, dossier: str
) -> MentionFeatures:
    """The merge features of one extracted commitment of the document ``document_id``."""
    return MentionFeatures(
        document_id=document_id,
        document_date=date,
        dossier=dossier,
        part=commitment.part,
        section=commitment.section,
        sentence=commitment.sentence,
        kind=commitment.kind,
        quote=commitment.quote,
        object=commitment.object,
        time_text=commitment.time_text,
        due=commitment.due,
    )


def same_as_links(
    commitments: Sequence[Commitment], document_id: str, dossier: str
) -> tuple[int | None, ...]:
    """For each commitment of one document, the index of the earlier one it repeats (the schema's same_as).

    A repeat points at the first statement of its promise, as the register merges them.
    """
    return mention_links([mention_features(c, document_id, None, dossier) for c in commitments])


def mention_links(mentions: Sequence[MentionFeatures]) -> tuple[int | None, ...]:
    """For each mention of one document, the index of the earlier one it repeats (see same_as_links)."""
    links: list[int | None] = [None] * len(mentions)
    for group in group_mentions(mentions):
        for index in group[1:]:
            links[index] = group[0]
    return tuple(links)


@dataclass(frozen=True, slots=True)
class Entry:
    """A register entry as merging sees it: a key and its mentions in the order they were added."""

    key: Hashable
    mentions: tuple[MentionFeatures, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """The entry a new mention belongs to, with the score and the deciding feature."""

    key: Hashable
    score: float
    reason: str


@lru_cache(maxsize=4096)
def _definite_stems(text: str) -> frozenset[str]:
    """Stems of words right after a definite article or demonstrative ("het netwerk")."""
    words = [_fold(w) for w in _WORD.findall(text)]
    return frozenset(_stem(b) for a, b in itertools.pairwise(words) if a in _DETERMINERS)


@lru_cache(maxsize=4096)
def _introduced_stems(text: str) -> frozenset[str]:
    """Stems of words introduced by an indefinite article, up to two words on ("een landelijk netwerk")."""
    words = [_fold(w) for w in _WORD.findall(text)]
    return frozenset(
        _stem(w) for i, w in enumerate(words) if any(words[j] == "een" for j in range(max(0, i - 2), i))
    )


def _stems(m: MentionFeatures) -> frozenset[str]:
    return content_stems(m.quote) | content_stems(m.object)


def weighted_stems(m: MentionFeatures) -> frozenset[str]:
    """The stems of a mention that :class:`Weights` counts (those of its quote and object)."""
    return _stems(m)


def stem_keys(stem: str) -> tuple[str, ...]:
    """Keys that two stems share whenever they meet: the stem itself when shorter than
    :data:`MIN_AFFIX`, else its first and its last :data:`MIN_AFFIX` letters."""
    if len(stem) < MIN_AFFIX:
        return ("=" + stem,)
    return ("<" + stem[:MIN_AFFIX], ">" + stem[-MIN_AFFIX:])


def candidate_keys(m: MentionFeatures) -> frozenset[str]:
    """The keys under which a mention is found by, and finds, the mentions it may repeat.

    A pair of mentions that shares no key scores at most TOPIC_WEIGHT * NEUTRAL_TOPIC + TIME_WEIGHT
    (0.35), below :data:`THRESHOLD`: content and topic similarity both need stems that meet, and
    meeting stems share a key (:func:`stem_keys`). So an index on these keys finds every entry that
    :func:`place_mentions` could join.
    """
    stems = _stems(m) | content_stems(m.section)
    return frozenset(key for stem in stems for key in stem_keys(stem))


@dataclass(frozen=True, slots=True)
class Weights:
    """Inverse document frequency of stems over a pool of mentions: rare words weigh more."""

    counts: dict[str, int]
    total: int

    @classmethod
    def of(cls, mentions: Iterable[MentionFeatures]) -> Weights:
        """Count in how many of ``mentions`` each stem occurs."""
        counts: dict[str, int] = {}
        total = 0
        for m in mentions:
            total += 1
            for stem in _stems(m):
                counts[stem] = counts.get(stem, 0) + 1
        return cls(counts, total)

    def weight(self, stem: str) -> float:
        """log(1 + N / df); a stem never seen weighs as one seen once."""
        return math.log(1 + self.total / max(self.counts.get(stem, 0), 1))


UNIFORM = Weights({}, 1)


def content_similarity(a: MentionFeatures, b: MentionFeatures, weights: Weights = UNIFORM) -> float:
    """Weighted soft Jaccard of the content stems of the two mentions' quote and object."""
    sa, sb = _stems(a), _stems(b)
    if not sa or not sb:
        return 0.0
    used: set[str] = set()
    shared = 0.0
    # Two stems meet only when they share a key of stem_keys, so each stem of ``a`` is compared only with
    # the stems of ``b`` that share one, taken in sorted order: the same greedy pairing as comparing it
    # with every stem of ``b``, without the comparisons that cannot succeed.
    order, by_key = _indexed(sb)
    for x in sorted(sa):
        keys = stem_keys(x)
        if len(keys) == 1:
            candidates = by_key.get(keys[0], [])
        else:
            candidates = sorted({*by_key.get(keys[0], ()), *by_key.get(keys[1], ())})
        for i in candidates:
            y = order[i]
            if y not in used and _stems_meet(x, y):
                used.add(y)
                shared += (weights.weight(x) + weights.weight(y)) / 2
                break
    union = math.fsum(weights.weight(x) for x in sa) + math.fsum(weights.weight(y) for y in sb) - shared
    return shared / union if union else 0.0


def _positions_by_key(stems: Sequence[str]) -> dict[str, list[int]]:
    """The positions in ``stems`` of the stems that have each key of :func:`stem_keys`, ascending."""
    out: dict[str, list[int]] = {}
    for i, stem in enumerate(stems):
        for key in stem_keys(stem):
            out.setdefault(key, []).append(i)
    return out


@lru_cache(maxsize=4096)
def _key_index(stems: frozenset[str]) -> tuple[tuple[str, ...], dict[str, list[int]]]:
    order = tuple(sorted(stems))
    return order, _positions_by_key(order)


def _indexed(stems: frozenset[str]) -> tuple[tuple[str, ...], dict[str, list[int]]]:
    """The stems in sorted order with :func:`_positions_by_key` of them (cached per set). Sorted, not in the
    set's iteration order, which changes with the process's hash seed: the greedy pairing of
    content_similarity is then the same in every process."""
    return _key_index(stems)


def _coverage(words: frozenset[str], other: frozenset[str]) -> float:
    order, by_key = _indexed(other)
    met = sum(
        1 for w in words if any(_stems_meet(w, order[i]) for key in stem_keys(w) for i in by_key.get(key, ()))
    )
    return met / len(words)


def topic_similarity(a: MentionFeatures, b: MentionFeatures) -> float:
    """Share of one section heading's words found in the other's heading or quote (the larger share)."""
    ha, hb = content_stems(a.section), content_stems(b.section)
    if not ha and not hb:
        return NEUTRAL_TOPIC
    shares = []
    if ha:
        shares.append(_coverage(ha, hb | content_stems(b.quote)))
    if hb:
        shares.append(_coverage(hb, ha | content_stems(a.quote)))
    best = max(shares)
    return max(best, NEUTRAL_TOPIC) if not (ha and hb) else best


def _overlap(a: Interval | None, b: Interval | None) -> bool | None:
    """Whether two deadlines overlap; None when either is unknown."""
    if a is None or b is None:
        return None
    a_end = a.end or dt.date.max
    b_end = b.end or dt.date.max
    return a.start <= b_end and b.start <= a_end


def time_similarity(a: MentionFeatures, b: MentionFeatures) -> float:
    """1 for equal due intervals; otherwise the Jaccard of the time expressions' words."""
    if a.due is not None and a.due == b.due:
        return 1.0
    if not a.time_text or not b.time_text:
        return 0.0
    ta = {t.casefold() for t in _TIME_TOKEN.findall(a.time_text)}
    tb = {t.casefold() for t in _TIME_TOKEN.findall(b.time_text)}
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def _anaphoric(new: MentionFeatures, old: MentionFeatures) -> bool:
    """Whether ``new`` names definitely ("het netwerk") a thing ``old`` introduced ("een netwerk")."""
    introduced = _introduced_stems(old.quote) & content_stems(old.quote)
    return bool(_definite_stems(new.quote) & introduced)


def same_thing(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Whether two mentions can be about the same thing: no other ordinal in their quotes, and each
    object's head noun named in the other mention's quote or object (an empty object says nothing)."""
    oa, ob = ordinals(a.quote), ordinals(b.quote)
    if oa and ob and not oa & ob:
        return False
    for one, other in ((a, b), (b, a)):
        head = head_stem(one.object)
        if head and head_stem(other.object) and not any(_stems_meet(head, s) for s in _stems(other)):
            return False
    return True


def same_head(a: MentionFeatures, b: MentionFeatures) -> bool:
    """Whether both objects have a head noun and the two heads meet ("de tweede rapportage", "de tweede
    voortgangsrapportage van het programma")."""
    ha, hb = head_stem(a.object), head_stem(b.object)
    return bool(ha and hb and _stems_meet(ha, hb))


def score_pair(new: MentionFeatures, old: MentionFeatures, weights: Weights = UNIFORM) -> float:
    """Weighted similarity of two mentions, ignoring the gates."""
    return (
        content_similarity(new, old, weights)
        + TOPIC_WEIGHT * topic_similarity(new, old)
        + TIME_WEIGHT * time_similarity(new, old)
    )


def _stated_between(stated: Sequence[int], low: int, high: int) -> bool:
    """Whether a sentence number of ``stated`` (ascending) lies strictly between ``low`` and ``high``."""
    k = bisect.bisect_right(stated, low)
    return k < len(stated) and stated[k] < high


def _score_entry(
    new: MentionFeatures, entry: Entry, weights: Weights, stated: Sequence[int] = ()
) -> tuple[float, str] | None:
    """The score of ``new`` against ``entry``, or None when a gate shuts it out.

    ``stated`` holds the sentence numbers of every commitment of ``new``'s document, ascending: a
    repetition within one part refers back to the nearest promise before it, not across another one
    (looked up by bisection: a document of thousands of promises checked them all for each pair).
    """
    first = entry.mentions[0]
    if first.dossier != new.dossier or _family(first.kind) != _family(new.kind):
        return None
    same_doc = [m for m in entry.mentions if m.document_id == new.document_id]
    if any(_overlap(m.due, new.due) is False for m in same_doc):
        return None
    if any(m.part == new.part for m in same_doc):
        # within one part a promise is repeated only close by, naming the thing definitely
        near = [
            m
            for m in same_doc
            if m.part == new.part
            and m.section == new.section
            and 0 < new.sentence - m.sentence <= NEAR_SENTENCES
            and m.kind == new.kind
            and not _stated_between(stated, m.sentence, new.sentence)
        ]
        if not near or not any(_anaphoric(new, m) for m in near):
            return None
        best = max(score_pair(new, m, weights) for m in near)
        return best + TOPIC_WEIGHT * (1 - NEUTRAL_TOPIC), "anaphora"
    agreeing = [m for m in entry.mentions if m.document_id == new.document_id or same_thing(new, m)]
    if not agreeing:
        return None
    best = max(score_pair(new, m, weights) + OBJECT_WEIGHT * same_head(new, m) for m in agreeing)
    return best, "similar"


def find_same(new: MentionFeatures, entries: Sequence[Entry]) -> Match | None:
    """The entry that promises the same as ``new``: the best-scoring one at or above :data:`THRESHOLD`.

    Args:
        new: the mention to place.
        entries: the entries of the register that may hold it (usually those of its dossier).

    Returns:
        The match, or None when ``new`` is a promise of its own.
    """
    weights = Weights.of([new, *(m for e in entries for m in e.mentions)])
    best: Match | None = None
    for entry in entries:
        scored = _score_entry(new, entry, weights)
        if scored is None:
            continue
        score, reason = scored
        if score >= THRESHOLD and (best is None or score > best.score):
            best = Match(entry.key, score, reason)
    return best


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one new mention goes: an existing entry (``key``) or a new entry led by a new mention."""

    key: Hashable | None
    #: index of the first new mention of its new entry (-1 when it joins an existing entry)
    leader: int
    score: float
    reason: str


@dataclass(slots=True)
class _Group:
    key: Hashable | None
    members: list[int]
    mentions: list[MentionFeatures]


def place_mentions(
    new: Sequence[MentionFeatures], entries: Sequence[Entry], weights: Weights | None = None
) -> tuple[Placement, ...]:
    """Place the mentions of one document: into existing entries, into each other, or as new entries.

    All candidate links (a mention with an existing entry, or with one of the
    :data:`SAME_DOCUMENT_LIMIT` nearest earlier mentions of the same document) are scored first and accepted best-first, re-checking the gates against the grown
    entry; so a strong repetition is not pre-empted by a weaker one that comes earlier in the text.

    Args:
        new: the mentions of one document, in document order.
        entries: the existing entries that may hold them (usually those of the same dossier).
        weights: stem weights over the dossier's mentions and ``new``; counted over ``new`` and
            ``entries`` when None (the register passes counts it keeps per dossier).

    Returns:
        One placement per mention of ``new``, in the same order.
    """
    if weights is None:
        weights = Weights.of([*new, *(m for e in entries for m in e.mentions)])
    stated = sorted({m.sentence for m in new})
    groups: list[_Group] = [_Group(e.key, [], list(e.mentions)) for e in entries]
    groups += [_Group(None, [i], [m]) for i, m in enumerate(new)]
    owner = list(range(len(entries), len(entries) + len(new)))  # new mention → its group index
    # a mention and a group that share no key cannot reach THRESHOLD (see _reach_keys): not scored.
    # With few mentions the keys cost more than the comparisons they save: every group is scored
    prune = len(new) + len(entries) >= PRUNE_FROM
    reach = [_reach_keys(m) for m in new] if prune else []
    group_reach = [frozenset().union(*map(_reach_keys, e.mentions)) for e in entries] + reach if prune else []
    links: list[tuple[float, int, int, str]] = []
    for i, mention in enumerate(new):
        nearest = range(max(0, i - SAME_DOCUMENT_LIMIT), i)
        targets = list(range(len(entries))) + [owner[j] for j in nearest]
        for g in targets:
            if prune and reach[i].isdisjoint(group_reach[g]):
                continue
            scored = _score_entry(mention, Entry(g, tuple(groups[g].mentions)), weights, stated)
            if scored is not None and scored[0] >= THRESHOLD:
                links.append((scored[0], i, g, scored[1]))
    links.sort(key=lambda link: (-link[0], link[1], link[2]))
    placed: dict[int, tuple[float, str]] = {}
    for score, i, target, reason in links:
        if i in placed:
            continue
        source, into = owner[i], _root(target, groups, owner, entries_count=len(entries))
        if source == into or not _compatible(groups[source], groups[into], weights, stated):
            continue
        merged = groups[into]
        merged.members += groups[source].members
        merged.mentions += groups[source].mentions
        for member in groups[source].members:
            owner[member] = into
        groups[source] = _Group(None, [], [])
        placed[i] = (score, reason)
    out = []
    for i in range(len(new)):
        group = groups[owner[i]]
        score, reason = placed.get(i, (0.0, "new"))
        if group.key is not None:
            out.append(Placement(group.key, -1, score, reason))
        else:
            out.append(Placement(None, min(group.members), score, reason))
    return tuple(out)


def _reach_keys(m: MentionFeatures) -> frozenset[str]:
    """:func:`candidate_keys` and the keys of the stems the quote names definitely ("het netwerk").

    Two mentions that share none of these keys score at most TOPIC_WEIGHT * NEUTRAL_TOPIC +
    TIME_WEIGHT (0.35), below THRESHOLD: content and topic similarity and the object heads need stems
    that meet (see candidate_keys), and a repetition by anaphora needs a stem of the one's definite
    words among the other's content stems.
    """
    definite = frozenset(key for stem in _definite_stems(m.quote) for key in stem_keys(stem))
    return candidate_keys(m) | definite


def _root(target: int, groups: list[_Group], owner: list[int], entries_count: int) -> int:
    """The group that now holds what ``target`` pointed to (a new mention's group may have moved)."""
    if target < entries_count:
        return target
    leader = groups[target].members[0] if groups[target].members else target - entries_count
    return owner[leader]


def _compatible(source: _Group, into: _Group, weights: Weights, stated: Sequence[int]) -> bool:
    """Whether every mention of ``source`` passes the gates against the mentions of ``into``."""
    pool = list(into.mentions)
    for mention in source.mentions:
        entry = Entry(None, tuple(pool))
        if not any(m.document_id == mention.document_id for m in pool):
            # another document: only the dossier and kind gates apply
            first = pool[0]
            if first.dossier != mention.dossier or _family(first.kind) != _family(mention.kind):
                return False
        elif _score_entry(mention, entry, weights, stated) is None:
            return False
        pool.append(mention)
    return True


def group_mentions(mentions: Sequence[MentionFeatures]) -> tuple[tuple[int, ...], ...]:
    """Merge the mentions of one document as the register does; groups of indices, by first mention.

    Args:
        mentions: the mentions of one document in document order.

    Returns:
        One tuple of indices per entry, ordered by its first mention.
    """
    groups: dict[int, list[int]] = {}
    for index, placement in enumerate(place_mentions(mentions, ())):
        groups.setdefault(placement.leader, []).append(index)
    return tuple(tuple(g) for _, g in sorted(groups.items()))
