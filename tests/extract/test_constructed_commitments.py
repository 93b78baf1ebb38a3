"""Commitments on the constructed letters of other ministries and years (tests/data/constructed/c-*).

Each gold file with a "commitments" key is run through the whole pipeline with the gold's date and
scored by the annotation guidelines' rules. The thresholds are what the extractor reached when the
letters were annotated (rounded down to 0.05); they guard the general rules, not one sentence.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from beleidsmonitor.evaluate import score
from beleidsmonitor.outputs.extraction import analysis_to_dict
from beleidsmonitor.pipeline import analyse_file

TESTS = Path(__file__).resolve().parents[1]
GOLD_DIR = TESTS / "data" / "constructed"
DOCUMENT_DIR = TESTS / "documents" / "constructed"
MIN_F1 = 1.0
# r2c-jenv-2019 measured 0.909: a staffing level that "beschikbaar is" reads as a product (the cue
# holds for tools and systems, the usual case); rounded down to 0.05
MIN_KIND = 0.9
# measured 1.0 as well; one step of slack because the intervals come from the time-expression rules
MIN_DUE_END = 0.95


def _golds() -> list[Path]:
    paths = sorted(GOLD_DIR.glob("*.gold.json"))
    return [p for p in paths if "commitments" in json.loads(p.read_text(encoding="utf-8"))]


def _document(gold_path: Path) -> Path:
    return DOCUMENT_DIR / gold_path.name.replace(".gold.json", ".txt")


@pytest.mark.parametrize("gold_path", _golds(), ids=lambda p: p.name)
def test_constructed_letter_commitments(gold_path: Path) -> None:
    gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))
    date = dt.date.fromisoformat(gold["document"]["date"])
    analysis = analyse_file(_document(gold_path), date=date)
    result = score(gold, analysis_to_dict(analysis))["commitments"]
    assert result.f1 >= MIN_F1, (result.missed, result.spurious)
    assert result.accuracies["kind_acc"] >= MIN_KIND
    assert result.accuracies["due_end_acc"] >= MIN_DUE_END


def test_constructed_letters_present() -> None:
    assert len(_golds()) >= 4
    for path in _golds():
        assert _document(path).is_file(), path
