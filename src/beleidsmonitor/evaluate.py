"""Scores an extraction against an annotation file by the rules of the annotation guidelines.

Matching (shared/annotation/GUIDELINES.md and its scorer): texts are compared after NFC, removal of
soft hyphens, white-space folding and case-folding. Commitments are paired greedily by quote
similarity (token Jaccard, at least 0.6 when one quote contains the other; threshold 0.5); time
expressions by text overlap (threshold 0.5); references by (kind, id or text); amounts by
(kind, value); headings by text (threshold 0.9). Each pairing is one-to-one, best score first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    pairs = pair_items(g, p, quote_similarity, 0.5)
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
