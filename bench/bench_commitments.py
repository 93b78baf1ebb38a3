"""Prints the commitment scores per set and the commitment stage's share of the whole ``extract`` time.

Sets (each letter dated by its gold ``document.date`` and scored by ``beleidsmonitor.evaluate.score``, pooled):

- real: ``../shared/corpus/real`` (42 real letters). The decision table and the word lists were written
  while reading the misses of these letters, so this is a development figure. The rules have no parameter
  fitted per letter, so a leave-one-letter-out run scores every letter with the same rules and gives the
  same pooled figure; it is printed as such, not as held-out evidence.
- pool: ``tests/data/pool/gold`` over ``../shared/corpus/pool/docs``. Its first score with the clause
  analysis, taken before its misses were read, is the held-out figure (recorded in the README).
- example: ``../shared/corpus/kst-32824-47.txt`` with its gold (``--date 2013-12-19``).
- constructed: ``tests/data/constructed`` over ``tests/documents/constructed`` (unit cases, not evidence).

Timing: the whole pipeline (``analyse``) on the example, warm, median of five runs, against the time of
the commitment and fulfilment extractors alone on the same analysis. Nothing is asserted.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from pathlib import Path
from typing import Any

from beleidsmonitor.evaluate import CategoryScore, pool_scores, score, summary_line
from beleidsmonitor.extract.commitments import find_commitments
from beleidsmonitor.extract.fulfilments import find_fulfilment_evidence
from beleidsmonitor.outputs.extraction import analysis_to_dict
from beleidsmonitor.pipeline import analyse, analyse_file
from beleidsmonitor.sources import read_source
from beleidsmonitor.structure import clauses

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "corpus" / "kst-32824-47.txt"
EXAMPLE_GOLD = SHARED / "annotation" / "kst-32824-47.gold.json"
RUNS = 5


def _score(pairs: list[tuple[Path, Path]]) -> tuple[CategoryScore, int]:
    results = []
    for doc, gold_path in pairs:
        gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))
        if "commitments" not in gold:
            continue
        day = dt.date.fromisoformat(gold["document"]["date"])
        results.append(score(gold, analysis_to_dict(analyse_file(doc, date=day))))
    return pool_scores(results)["commitments"], len(results)


def _pairs(gold_dir: Path, doc_dir: Path) -> list[tuple[Path, Path]]:
    out = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        doc = doc_dir / gold_path.name.replace(".gold.json", ".txt")
        if doc.is_file():
            out.append((doc, gold_path))
    return out


def _timing() -> None:
    source = read_source(EXAMPLE)
    day = dt.date(2013, 12, 19)
    whole, stage = [], []
    analyse(source, date=day)
    for _ in range(RUNS):
        clauses.analyse_sentence.cache_clear()
        start = time.perf_counter()
        analysis = analyse(source, date=day)
        whole.append(time.perf_counter() - start)
        clauses.analyse_sentence.cache_clear()
        start = time.perf_counter()
        find_commitments(analysis.clean.text, analysis.structure, analysis.time_expressions, day)
        find_fulfilment_evidence(analysis.structure.sentences, analysis.time_expressions, analysis.references)
        stage.append(time.perf_counter() - start)
    w, s = statistics.median(whole), statistics.median(stage)
    size = len(source.text.encode("utf-8")) / 1e6
    print(f"example ({size * 1000:.0f} kB): whole extract {w * 1000:.1f} ms ({size / w:.2f} MB/s)")
    print(
        f"  commitments + fulfilments (clause analysis included) {s * 1000:.1f} ms = {100 * s / w:.0f}% of it"
    )


def main() -> None:
    """Print the scores per set, then the timing."""
    sets = {
        "real (development set; rules not fitted per letter, so leave-one-letter-out = pooled)": _pairs(
            SHARED / "corpus" / "real" / "gold", SHARED / "corpus" / "real" / "docs"
        ),
        "pool (annotated by `annotate`; first score before reading its misses is in the README)": _pairs(
            ROOT / "tests" / "data" / "pool" / "gold", SHARED / "corpus" / "pool" / "docs"
        ),
        "example kst-32824-47": [(EXAMPLE, EXAMPLE_GOLD)],
        "constructed (unit cases)": _pairs(
            ROOT / "tests" / "data" / "constructed", ROOT / "tests" / "documents" / "constructed"
        ),
    }
    for name, pairs in sets.items():
        result, letters = _score(pairs)
        print(f"{name}: {letters} letters")
        print("  " + summary_line(result))
    _timing()


if __name__ == "__main__":
    main()
