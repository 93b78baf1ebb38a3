"""Scores an extraction against an annotation file by the rules of the annotation guidelines.

Matching (shared/annotation/GUIDELINES.md and its scorer): texts are compared after NFC, removal of
soft hyphens, white-space folding and case-folding. Commitments are paired greedily by quote
similarity (token Jaccard, at least 0.6 when one quote contains the other; threshold 0.5); time
expressions by text overlap (threshold 0.5); references by (kind, id or text); amounts by
(kind, value); headings by text (threshold 0.9). Each pairing is one-to-one, best score first.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beleidsmonitor.errors import BeleidsmonitorError

Item = dict[str, Any]


def normalise_text(value: str | None) -> str:
    """Text as the guidelines compare it: NFC, no soft hyphens, single spaces, case-folded."""
    text = unicodedata.normalize("NFC", value or "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _tokens(value: str | None) -> set[str]:
    return set(re.findall(r"\w+", normalise_text(value)))


def quote_similarity(gold: Item, pred: Item) -> float:
    """Similarity of two commitment quotes (token Jaccard, raised to 0.6 on containment)."""
    a, b = _tokens(gold.get("quote")), _tokens(pred.get("quote"))
    if not a or not b:
        return 0.0
    jaccard = len(a & b) / len(a | b)
    ga, pb = normalise_text(gold.get("quote")), normalise_text(pred.get("quote"))
    if ga in pb or pb in ga:
        return max(jaccard, 0.6)
    return jaccard


#: the quote similarity at which a predicted commitment matches a gold one
QUOTE_THRESHOLD = 0.5


def matches_gold_quote(quote: str, gold: Sequence[Item]) -> bool:
    """Whether ``quote`` matches one of the ``gold`` commitments by the scorer's rule (the training label of
    a candidate sentence: bench/train_commitments.py)."""
    item = {"quote": quote}
    return any(quote_similarity(g, item) >= QUOTE_THRESHOLD for g in gold)


def text_similarity(gold: Item, pred: Item) -> float:
    """Similarity of two span texts: 1 when equal, the length ratio when one contains the other."""
    a, b = normalise_text(gold.get("text")), normalise_text(pred.get("text"))
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        return min(len(a), len(b)) / max(len(a), len(b))
    return 0.0


def pair_items(
    gold: Sequence[Item], pred: Sequence[Item], similarity: Callable[[Item, Item], float], threshold: float
) -> list[tuple[Item, Item]]:
    """One-to-one pairs of gold and predicted items, best similarity first."""
    scored = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = similarity(g, p)
            if s >= threshold:
                scored.append((s, gi, pi))
    scored.sort(key=lambda t: (-t[0], -t[1], -t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in scored:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], pred[pi]))
    return pairs


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """Precision, recall and F1 of one category, with value accuracies of the matched pairs."""

    name: str
    gold: int
    pred: int
    matched: int
    accuracies: dict[str, float] = field(default_factory=dict)
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        """Share of predicted items that were matched."""
        if not self.pred:
            return 1.0 if not self.gold else 0.0
        return self.matched / self.pred

    @property
    def recall(self) -> float:
        """Share of gold items that were matched."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _due(item: Item) -> tuple[Any, Any]:
    due = item.get("due")
    return (due.get("start"), due.get("end")) if due else (None, None)


def _share(pairs: list[tuple[Item, Item]], same: Callable[[Item, Item], bool]) -> float:
    return sum(same(a, b) for a, b in pairs) / len(pairs) if pairs else 0.0


def _category(
    name: str,
    gold: Sequence[Item],
    pred: Sequence[Item],
    pairs: list[tuple[Item, Item]],
    accuracies: dict[str, float],
    label: str,
) -> CategoryScore:
    matched_g = {id(a) for a, _ in pairs}
    matched_p = {id(b) for _, b in pairs}
    return CategoryScore(
        name=name,
        gold=len(gold),
        pred=len(pred),
        matched=len(pairs),
        accuracies=accuracies,
        missed=tuple(str(g.get(label)) for g in gold if id(g) not in matched_g),
        spurious=tuple(str(p.get(label)) for p in pred if id(p) not in matched_p),
    )


def score(gold: Item, pred: Item) -> dict[str, CategoryScore]:
    """Score an extraction ``pred`` against the annotation ``gold`` (both in the gold schema)."""
    out: dict[str, CategoryScore] = {}
    g, p = gold.get("commitments", []), pred.get("commitments", [])
    pairs = pair_items(g, p, quote_similarity, QUOTE_THRESHOLD)
    out["commitments"] = _category(
        "commitments",
        g,
        p,
        pairs,
        {
            "kind_acc": _share(pairs, lambda a, b: a.get("kind") == b.get("kind")),
            "due_end_acc": _share(pairs, lambda a, b: _due(a)[1] == _due(b)[1]),
            "due_acc": _share(pairs, lambda a, b: _due(a) == _due(b)),
        },
        "quote",
    )
    g, p = gold.get("time_expressions", []), pred.get("time_expressions", [])
    pairs = pair_items(g, p, text_similarity, 0.5)
    out["time_expressions"] = _category(
        "time_expressions",
        g,
        p,
        pairs,
        {
            "interval_acc": _share(
                pairs, lambda a, b: (a.get("start"), a.get("end")) == (b.get("start"), b.get("end"))
            )
        },
        "text",
    )

    def ref_key(r: Item) -> tuple[Any, str]:
        return (r.get("kind"), normalise_text(r.get("id") or r.get("text")))

    g, p = gold.get("references", []), pred.get("references", [])
    pairs = pair_items(g, p, lambda a, b: 1.0 if ref_key(a) == ref_key(b) else 0.0, 1.0)
    out["references"] = _category("references", g, p, pairs, {}, "text")

    def amount_key(r: Item) -> tuple[Any, float]:
        return (r.get("kind"), float(r.get("value") or 0))

    g, p = gold.get("amounts", []), pred.get("amounts", [])
    pairs = pair_items(g, p, lambda a, b: 1.0 if amount_key(a) == amount_key(b) else 0.0, 1.0)
    out["amounts"] = _category("amounts", g, p, pairs, {}, "text")
    g, p = gold.get("headings", []), pred.get("headings", [])
    pairs = pair_items(g, p, text_similarity, 0.9)
    out["headings"] = _category(
        "headings",
        g,
        p,
        pairs,
        {"level_acc": _share(pairs, lambda a, b: a.get("level") == b.get("level"))},
        "text",
    )
    return out


@dataclass(frozen=True, slots=True)
class LetterScore:
    """The scores of one letter of a folder, or the reason it could not be scored."""

    name: str
    scores: dict[str, CategoryScore]
    error: str = ""


@dataclass(frozen=True, slots=True)
class FolderScore:
    """The scores of a folder of letters: pooled over all letters and per letter."""

    pooled: dict[str, CategoryScore]
    letters: tuple[LetterScore, ...]


#: the categories of :func:`score`, in the order it gives them
CATEGORIES = ("commitments", "time_expressions", "references", "amounts", "headings")


def pool_scores(per_letter: Sequence[dict[str, CategoryScore]]) -> dict[str, CategoryScore]:
    """Sum counts over letters; accuracies weighted by each letter's matched pairs (as score_corpus.py)."""
    pooled: dict[str, CategoryScore] = {}
    seen = {name for scores in per_letter for name in scores}
    names = [n for n in CATEGORIES if n in seen] + sorted(seen - set(CATEGORIES))
    for name in names:
        parts = [scores[name] for scores in per_letter if name in scores]
        matched = sum(s.matched for s in parts)
        keys = list(dict.fromkeys(k for s in parts for k in s.accuracies))
        accuracies = (
            {k: sum(s.accuracies.get(k, 0.0) * s.matched for s in parts) / matched for k in keys}
            if matched
            else {}
        )
        pooled[name] = CategoryScore(
            name=name,
            gold=sum(s.gold for s in parts),
            pred=sum(s.pred for s in parts),
            matched=matched,
            accuracies=accuracies,
            missed=tuple(m for s in parts for m in s.missed),
            spurious=tuple(m for s in parts for m in s.spurious),
        )
    return pooled


class FolderError(ValueError):
    """The folder lacks the docs/ and gold/ layout of an annotated corpus."""


def score_folder(folder: Path, extract: Callable[[Path, dt.date | None], Item]) -> FolderScore:
    """Score every letter of ``folder`` (``docs/<id>.txt`` and ``gold/<id>.gold.json``).

    Each letter is extracted by ``extract(path, date)`` with the date of its gold ``document.date``
    and scored by :func:`score` in the categories its gold file annotates (a missing key is a category
    left out; an empty list is one with no items); a letter whose file or gold cannot be read is kept
    with its error.

    Raises:
        FolderError: ``folder`` has no ``gold/`` with gold files.
    """
    golds = sorted((folder / "gold").glob("*.gold.json"))
    if not golds:
        raise FolderError(f"{folder}: no gold/<id>.gold.json files (expected docs/ and gold/)")
    letters = []
    for gold_path in golds:
        name = gold_path.name.removesuffix(".gold.json")
        docs = sorted((folder / "docs").glob(f"{name}.*"))
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if not docs:
                raise FileNotFoundError(f"no docs/{name}.* beside {gold_path.name}")
            day = (gold.get("document") or {}).get("date")
            pred = extract(docs[0], dt.date.fromisoformat(day) if day else None)
        except (OSError, ValueError, BeleidsmonitorError) as error:
            letters.append(LetterScore(name, {}, str(error)))
            continue
        scores = score(gold, pred)
        # a category the gold file leaves out (no key, unlike an empty list) is not annotated there
        letters.append(LetterScore(name, {k: v for k, v in scores.items() if k in gold}))
    return FolderScore(pool_scores([s.scores for s in letters if not s.error]), tuple(letters))


def summary_line(s: CategoryScore) -> str:
    """One pooled category in the format of shared/annotation/score_corpus.py's summary."""
    p = s.matched / s.pred if s.pred else 0.0
    f = 2 * p * s.recall / (p + s.recall) if p + s.recall else 0.0
    accs = " ".join(f"{k} {v:.3f}" for k, v in s.accuracies.items())
    return f"{s.name:17s} gold {s.gold:4d} pred {s.pred:4d}  P {p:.3f} R {s.recall:.3f} F1 {f:.3f}  {accs}"
