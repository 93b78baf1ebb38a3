"""The time-expression extractor on the example letter, run through the whole pipeline and scored
against the gold annotation by the rules of GUIDELINES.md (text match after normalisation)."""

from __future__ import annotations

import json
from pathlib import Path

from beleidsmonitor.pipeline import analyse_file

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
GOLD = ROOT / "tests" / "data" / "kst-32824-47.gold.json"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_example_time_expressions_match_the_gold() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["time_expressions"]
    found = analyse_file(EXAMPLE).time_expressions
    unmatched = [(_key(g["text"]), g["start"], g["end"]) for g in gold]
    matched = right = 0
    for t in found:
        text = _key(t.text)
        hit = next((g for g in unmatched if g[0] == text), None)
        if hit is None:
            continue
        unmatched.remove(hit)
        matched += 1
        end = t.interval.end.isoformat() if t.interval.end else None
        right += (t.interval.start.isoformat(), end) == (hit[1], hit[2])
    precision, recall = matched / len(found), matched / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.97, unmatched
    assert right / matched >= 0.97


def test_example_time_expressions_point_into_their_sentence() -> None:
    analysis = analyse_file(EXAMPLE)
    sentences = analysis.structure.sentences
    text = analysis.clean.text
    for t in analysis.time_expressions:
        assert text[t.span.start : t.span.end] == t.text
        assert sentences[t.sentence].span.contains(t.span)
