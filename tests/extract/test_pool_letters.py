"""The whole pipeline on the annotated pool letters, scored pooled against their gold.

Every ``tests/data/pool/gold/<id>.gold.json`` annotates the real letter ``../shared/corpus/pool/docs/<id>.txt``
(the text stays in the shared corpus). The gold files were written by ../shared/annotation/GUIDELINES.md
before the tool was run on the letters; each batch was scored once right after it was committed, and that
first score is recorded below and never tuned to. Each letter is analysed with its gold ``document.date``
and scored by :func:`beleidsmonitor.evaluate.score`; counts are pooled over all letters (as
``beleidsmonitor evaluate DIR`` and ../shared/annotation/score_corpus.py do).

The floors are the latest measured pooled score minus 0.05, rounded down to 0.05: they catch a regression
without blocking improvements elsewhere. A category is asserted only while the pooled gold has items of it.

First scores (pooled F1 and accuracies of matched items; `beleidsmonitor evaluate DIR` of main):
batch 1, 8 letters (kst-19637-2115, kst-27830-113, kst-29628-23, kst-29984-381, kst-30800-XIV-143,
kst-31322-144, kst-33529-498, kst-34293-49), 2026-12-03, main 3ada0be:
  commitments F1 0.870 (P 0.833 R 0.909; gold 11 pred 12), kind 0.400, due end 0.900;
  time expressions F1 0.954 (gold 31 pred 34), interval 0.839; references F1 1.000 (gold 6);
  amounts: no gold items; headings: no gold items, 2 predicted (a sentence and a signatory name).
batch 2, 8 letters (kst-21501-20-512, kst-21501-20-865, kst-27925-383, kst-28973-80, kst-29385-18,
kst-30800-C-8, kst-32670-166, kst-32749-6), 2026-12-03, main 54e8cb9:
  commitments F1 0.769 (P 0.667 R 0.909; gold 11 pred 15), kind 0.300, due end 0.700;
  time expressions F1 0.929 (gold 28 pred 28), interval 0.923; references F1 0.727 (gold 5 pred 6);
  amounts and headings: no gold items, none predicted.
After batch 2, all 16 letters with main 54e8cb9: commitments F1 0.816, kind 0.350, due end 0.800;
time expressions F1 0.942, interval 0.877; references F1 0.870.
batch 3, 8 letters (kst-21501-02-2072, kst-24724-103, kst-29477-575, kst-30080-80, kst-31710-22,
kst-31936-724, kst-32043-410, kst-33529-467), 2026-12-03, main 57dfafa (main's own .venv lacked the new
simplemma dependency, so this worktree's .venv with main's identical src/ was used):
  commitments F1 0.667 (P 0.727 R 0.615; gold 13 pred 11), kind 0.625, due end 0.875;
  time expressions F1 0.984 (gold 31 pred 30), interval 0.967; references F1 1.000 (gold 10);
  headings F1 0.800 (gold 3 pred 2), level 1.000; amounts: no gold items, none predicted.
After batch 3, all 24 letters with main 57dfafa: commitments F1 0.767, kind 0.429, due end 0.821;
time expressions F1 0.956, interval 0.908; references F1 0.930; headings F1 0.667, level 1.000.
batch 4, 8 letters (kst-22026-237, kst-24587-725, kst-26643-280, kst-29689-222, kst-30080-1,
kst-31066-1428, kst-31200-III-13, kst-31568-67), 2026-12-03, main 5998338 (this worktree's .venv, same src/):
  commitments F1 0.857 (P 0.900 R 0.818; gold 11 pred 10), kind 0.444, due end 1.000;
  time expressions F1 0.938 (gold 34 pred 30), interval 1.000; references F1 1.000 (gold 5);
  amounts F1 1.000 (gold 5); headings F1 1.000 (gold 4), level 1.000.
After batch 4, all 32 letters with main 5998338: commitments F1 0.787, kind 0.432, due end 0.865;
time expressions F1 0.951, interval 0.932; references F1 0.943; amounts F1 1.000; headings F1 0.857,
level 1.000.
batch 5, 8 letters (kst-21501-07-885, kst-22026-358, kst-25883-388, kst-27400-VII-6, kst-29628-241,
kst-31066-899, kst-33118-111, kst-34880-16), 2026-12-03, main 62c1840 (this worktree's .venv, same src/):
  commitments F1 0.421 (P 0.400 R 0.444; gold 9 pred 10), kind 0.500, due end 1.000;
  time expressions F1 0.932 (gold 36 pred 37), interval 0.941; references F1 0.875 (gold 8 pred 8);
  amounts F1 1.000 (gold 3); headings F1 1.000 (gold 4), level 1.000.
After batch 5, all 40 letters with main 62c1840: commitments F1 0.726 (gold 55 pred 58), kind 0.439,
due end 0.878; time expressions F1 0.947 (gold 160), interval 0.934; references F1 0.928 (gold 34);
amounts F1 1.000 (gold 8); headings F1 0.909 (gold 11), level 1.000.
batch 6, 6 letters chosen for their false-promise forms (performatives, this-letter statements, work under
way, a letter sent alongside) (kst-21501-20-362, kst-29665-496, kst-29754-390, kst-31936-44,
kst-32847-1187, kst-34352-195), 2026-12-03, main de76da1 (this worktree's .venv, same src/):
  commitments F1 0.250 (P 0.200 R 0.333; gold 3 pred 5), kind 1.000, due end 1.000;
  time expressions F1 0.933 (gold 22 pred 23), interval 1.000; references F1 1.000 (gold 1);
  amounts: no gold items, none predicted; headings F1 1.000 (gold 4), level 1.000.
After batch 6, all 46 letters with main de76da1: commitments F1 0.700 (gold 58 pred 62), kind 0.452,
due end 0.881; time expressions F1 0.945 (gold 182), interval 0.948; references F1 0.930 (gold 35);
amounts F1 1.000 (gold 8); headings F1 0.933 (gold 15), level 1.000.
batch 7, 14 letters from 12 dossier series already in the pool (kst-19637-1602, kst-21501-02-2602,
kst-21501-07-2031, kst-22026-510, kst-24587-1024, kst-27625-498, kst-27830-338, kst-29754-60, kst-30080-23,
kst-31839-297, kst-31936-82, kst-32043-520, kst-33529-1164, kst-34293-85), 2026-12-03, main 8c413bd (this
worktree's .venv, same src/):
  commitments F1 0.000 (P 0.000 R 0.000; gold 3 pred 3), kind and due end: no matched items;
  time expressions F1 0.903 (gold 45 pred 48), interval 0.976; references F1 1.000 (gold 7);
  amounts F1 1.000 (gold 5); headings F1 1.000 (gold 8), level 1.000.
After batch 7, all 60 letters with main 8c413bd: commitments F1 0.649 (gold 61 pred 53), kind 0.703,
due end 0.892; time expressions F1 0.941 (gold 227), interval 0.958; references F1 0.965 (gold 42);
amounts F1 1.000 (gold 13); headings F1 0.957 (gold 23), level 1.000.
batch 8, 28 letters, most from dossier series already in the pool, some chosen because their excerpt holds
promise-like sentences (kst-21501-02-2790, kst-24587-1008, kst-26387-11, kst-26643-1197, kst-27625-557,
kst-27625-661, kst-27923-443, kst-28606-19, kst-29447-74, kst-29628-985, kst-31066-116, kst-31305-1,
kst-31371-337, kst-31839-1031, kst-31839-1087, kst-32123-XVIII-75, kst-32175-18, kst-32802-73, kst-32847-1159,
kst-33118-16, kst-33118-272, kst-33962-185, kst-34293-103, kst-34293-133, kst-34550-IV-6, kst-35300-VIII-212,
kst-35704-18, kst-36708-58),
2026-12-03, main 6e68758 (this worktree's .venv, same src/):
  commitments F1 0.276 (P 0.267 R 0.286; gold 14 pred 15), kind 1.000, due end 1.000 (4 matched);
  time expressions F1 0.977 (gold 85 pred 87), interval 0.976; references F1 0.923 (gold 20 pred 19);
  amounts F1 1.000 (gold 1); headings F1 0.800 (gold 22 pred 23), level 0.944.
After batch 8, all 88 letters with main 6e68758: commitments F1 0.573 (gold 75 pred 68), kind 0.732,
due end 0.902; time expressions F1 0.951 (gold 312), interval 0.963; references F1 0.952 (gold 62);
amounts F1 1.000 (gold 14); headings F1 0.879 (gold 45), level 0.975.
batch 9, 22 letters chosen to widen ministries (AZ, BHOS, LVVN, EZ) and years, half from dossier series
already in the pool; most hold no commitment in the excerpt (deliveries, this-letter statements, reported
promises) (kst-19637-3053, kst-21501-32-1691, kst-21501-32-922, kst-26448-718, kst-27830-147, kst-28719-79,
kst-29248-326, kst-29477-196, kst-29754-195, kst-30012-19, kst-30300-62, kst-31568-166, kst-31839-350,
kst-31936-875, kst-31951-1, kst-32598-11, kst-32813-534, kst-32847-1375, kst-33529-355, kst-34104-227,
kst-35394-48, kst-36410-XVII-53), 2026-12-03, main 2398f7d (this worktree's .venv, same src/):
  commitments F1 0.000 (P 0.000 R 0.000; gold 2 pred 5), kind and due end: no matched items;
  time expressions F1 0.968 (gold 80 pred 77), interval 0.961; references F1 0.759 (gold 15 pred 14);
  amounts F1 0.000 (gold 4 pred 0); headings F1 0.880 (gold 14 pred 11), level 1.000.
After batch 9, all 110 letters with main 2398f7d: commitments F1 0.547 (gold 77 pred 73), kind 0.732,
due end 0.902; time expressions F1 0.954 (gold 392), interval 0.963; references F1 0.915 (gold 77);
amounts F1 0.875 (gold 18); headings F1 0.879 (gold 59), level 0.980.
batch 10, 14 letters, mostly from dossier series already in the pool (kst-19637-2027, kst-21501-07-1680,
kst-22112-3432, kst-26643-1149, kst-26643-932, kst-27625-635, kst-29984-985, kst-31305-139, kst-31568-57,
kst-31936-491, kst-33000-VII-53, kst-33400-XVI-155, kst-33891-173, kst-34293-50), 2026-12-03, main dd56037
(this worktree's .venv, same src/):
  commitments F1 0.632 (P 0.600 R 0.667; gold 9 pred 10), kind 0.833, due end 1.000 (6 matched);
  time expressions F1 0.943 (gold 71 pred 69), interval 1.000; references F1 1.000 (gold 9);
  amounts: no gold items, none predicted; headings F1 0.842 (gold 10 pred 9), level 1.000.
After batch 10, all 124 letters with main dd56037: commitments F1 0.556 (gold 86 pred 83), kind 0.745,
due end 0.915; time expressions F1 0.952 (gold 463), interval 0.968; references F1 0.924 (gold 86);
amounts F1 0.875 (gold 18); headings F1 0.874 (gold 69), level 0.983.
batch 11, 10 letters, most from dossier series already in the pool (kst-27625-268, kst-29754-131,
kst-29800-VIII-209, kst-29984-578, kst-31839-351, kst-31980-74, kst-33118-8, kst-33127-60, kst-33820-2,
kst-34300-VII-60), 2026-12-03, main b8bed61 (this worktree's .venv, same src/):
  commitments F1 0.333 (P 0.200 R 1.000; gold 1 pred 5), kind 1.000, due end 1.000 (1 matched);
  time expressions F1 0.918 (gold 30 pred 31), interval 1.000; references F1 1.000 (gold 6);
  amounts F1 1.000 (gold 2); headings F1 1.000 (gold 9), level 1.000.
After batch 11, all 134 letters with main b8bed61: commitments F1 0.549 (gold 87 pred 88), kind 0.750,
due end 0.917; time expressions F1 0.950 (gold 493), interval 0.970; references F1 0.929 (gold 92);
amounts F1 0.889 (gold 20); headings F1 0.889 (gold 78), level 0.985.
Issue 8, after general rules suggested by reading the commitment misses of batches 1-6 (46 letters, no
longer held out for commitments; batches 7-11 were not read, only their pooled score): batches 1-6
commitments F1 0.867 (P 0.891 R 0.845; gold 58 pred 55), kind 0.898, due end 0.918; batches 7-11 together
(88 letters, held out) F1 0.375 (P 0.343 R 0.414; gold 29 pred 35, 12 matched), kind 0.917, against 0.328
before (gold 29 pred 38, 11 matched, from their first scores above); all 134 letters F1 0.689 (gold 87
pred 90), kind 0.902, due end 0.934; the other categories unchanged.
batch 12, 12 letters, most from dossier series already in the pool (kst-21501-02-2377, kst-21501-07-1602,
kst-21501-07-1655, kst-21501-20-1411, kst-22026-498, kst-22026-506, kst-24587-937, kst-27625-693, kst-27830-90,
kst-27923-245, kst-29538-331, kst-29628-1048), 2026-12-03, main 041f41e (this worktree's .venv, same src/):
  commitments F1 0.400 (P 0.333 R 0.500; gold 2 pred 3), kind 0.000, due end 1.000 (1 matched);
  time expressions F1 0.970 (gold 50 pred 49), interval 0.979; references F1 0.875 (gold 8 pred 8);
  amounts F1 1.000 (gold 5); headings F1 0.973 (gold 18 pred 19), level 1.000.
After batch 12, all 146 letters with main 041f41e: commitments F1 0.681 (gold 89 pred 93), kind 0.887,
due end 0.935; time expressions F1 0.952 (gold 543), interval 0.971; references F1 0.925 (gold 100);
amounts F1 0.913 (gold 25); headings F1 0.905 (gold 96), level 0.988.
Issue 8, second annotation, 2026-12-03: a second annotator annotated the commitments of the 88 letters of
batches 7-11 blind (without their gold and without the tool), 24 items. Against the first gold (29 items),
by the scorer's rule (quote token-Jaccard >= 0.5): P 1.000 R 0.828 F1 0.906, kind 0.958 (23 of 24), due end
1.000. The six disagreements were decided by the guidelines: 2 gold commitments removed (kst-22026-510 c01,
a promise reported from another document; kst-31839-1031 c01, continuing work under way with no milestone
and aims), 4 kept; no kind or due changed. Against the corrected gold the blind set scores F1 0.941. The
tool (main 041f41e, same src/) on batches 7-11 with the corrected gold: commitments F1 0.387 (P 0.343
R 0.444; gold 27 pred 35, 12 matched), kind 0.917, due end 1.000 (0.375 with gold 29 before); all 134
letters of batches 1-11 F1 0.697 (gold 85 pred 90, 61 matched); all 146 letters with batch 12 F1 0.689 (gold
87 pred 93, 62 matched), kind 0.887, due end 0.935, the other categories as after batch 12; floors unchanged.
batch 13, 13 letters, most from dossier series already in the pool (kst-29628-643, kst-29628-799,
kst-29754-500, kst-30080-85, kst-31066-613, kst-31271-14, kst-31288-1093, kst-31839-921, kst-32043-347,
kst-32847-883, kst-35925-IV-69, kst-36200-IV-58, kst-36410-IV-70), 2026-12-03, main 02e8b83 (this worktree's
.venv, same src/):
  commitments F1 0.250 (P 0.167 R 0.500; gold 2 pred 6), kind 1.000, due end 1.000 (1 matched);
  time expressions F1 0.957 (gold 47 pred 47), interval 0.933; references F1 1.000 (gold 2);
  amounts: no gold items, none predicted; headings F1 0.947 (gold 10 pred 9), level 1.000.
After batch 13, all 159 letters with the corrected gold of batches 7-11, main e058218 (this worktree's .venv,
same src/): commitments F1 0.670 (gold 89 pred 99), kind 0.889, due end 0.984; time expressions F1 0.992
(gold 590), interval 0.979; references F1 0.926 (gold 102); amounts F1 1.000 (gold 25); headings F1 0.909
(gold 106), level 0.989.
Issue 8, third round, 2026-12-03: general fixes found by reading the commitment errors of batches 7-13 and of a
leave-one-letter-out run over all 201 real letters (so batches 7-13 are no longer held out for commitments):
past forms of strong verbs ("nam deel"), this document named after a preposition ("In deze vijfde
voortgangsrapportage"), the Chamber receiving in the present with a forward word, ministries by abbreviation,
verbs by lemma the act classes lacked, studying without a product is an action; the learned weights retrained on
all gold. All 159 letters (shipped model, in-sample): commitments F1 0.795 (gold 89 pred 87), kind 0.914, due end
0.971; batches 7-11 F1 0.717 (gold 27 pred 26), batches 12-13 F1 0.364 (gold 4 pred 7). Leave-one-letter-out
figures are in the README.
Issue 8, fourth round, same day (present participles name no act, "nader"/"vervolgens" with the present tense of
telling describe this letter, the Chamber's own meetings, "parallel aan deze brief", "ondernemen" as an announced
act; weights retrained): all 159 letters in-sample F1 0.800 (gold 89 pred 91), kind 0.903, due end 0.972;
batches 7-11 F1 0.702 (gold 27 pred 30), kind 0.850; batches 12-13 F1 0.600 (gold 4 pred 6).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from beleidsmonitor.evaluate import CategoryScore, pool_scores, score
from beleidsmonitor.outputs.extraction import analysis_to_dict
from beleidsmonitor.pipeline import analyse_file

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "data" / "pool" / "gold"
DOCS = ROOT.parent / "shared" / "corpus" / "pool" / "docs"
MANIFEST = ROOT.parent / "shared" / "corpus" / "pool" / "manifest.json"
REAL_DOCS = ROOT.parent / "shared" / "corpus" / "real" / "docs"

#: the latest pooled scores measured on all pool gold files (see the docstring for the first scores)
MEASURED: dict[str, dict[str, float]] = {
    "commitments": {"f1": 0.800, "kind_acc": 0.903, "due_end_acc": 0.972},
    "time_expressions": {"f1": 0.992, "interval_acc": 0.979},
    "references": {"f1": 0.926},
    "amounts": {"f1": 1.000},
    "headings": {"f1": 0.909, "level_acc": 0.989},
}


def _floor(value: float) -> float:
    return math.floor(round((value - 0.05) * 20, 6)) / 20


FLOORS = {cat: {key: _floor(v) for key, v in values.items()} for cat, values in MEASURED.items()}
GOLD_FILES = sorted(GOLD_DIR.glob("*.gold.json"))


def _gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _pooled() -> dict[str, CategoryScore]:
    per_letter = []
    for path in GOLD_FILES:
        gold = _gold(path)
        text = DOCS / f"{gold['document']['id']}.txt"
        analysis = analyse_file(text, date=dt.date.fromisoformat(gold["document"]["date"]))
        per_letter.append(score(gold, analysis_to_dict(analysis)))
    return pool_scores(per_letter)


def test_gold_files_name_pool_letters_not_in_the_real_set() -> None:
    assert len(GOLD_FILES) >= 8
    manifest = {row["id"]: row for row in json.loads(MANIFEST.read_text(encoding="utf-8"))}
    for path in GOLD_FILES:
        doc = _gold(path)["document"]
        assert path.name == f"{doc['id']}.gold.json"
        assert (DOCS / f"{doc['id']}.txt").is_file(), doc["id"]
        assert not (REAL_DOCS / f"{doc['id']}.txt").exists(), f"{doc['id']} is already in corpus/real"
        assert doc["date"] == manifest[doc["id"]]["date"], doc["id"]


def test_gold_files_are_consistent() -> None:
    for path in GOLD_FILES:
        gold = _gold(path)
        ids = [c["id"] for c in gold["commitments"]]
        assert len(ids) == len(set(ids)), path.name
        for c in gold["commitments"]:
            assert c["kind"] in {"inform_parliament", "deliverable", "action"}, (path.name, c["id"])
            assert c["same_as"] is None or c["same_as"] in ids[: ids.index(c["id"])], (path.name, c["id"])
            if c["due"] is not None:
                assert c["due"]["start"] <= c["due"]["end"], (path.name, c["id"])
        for t in gold["time_expressions"]:
            assert t["end"] is None or t["start"] <= t["end"], (path.name, t["text"])


CASES = [(cat, key) for cat, values in FLOORS.items() for key in values]


@pytest.mark.parametrize(("category", "measure"), CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_pooled_score_stays_above_its_floor(category: str, measure: str) -> None:
    pooled = _pooled()[category]
    assert pooled.gold > 0, f"no gold {category} in the pool gold set"
    value = pooled.f1 if measure == "f1" else pooled.accuracies[measure]
    assert round(value, 6) >= FLOORS[category][measure], (value, pooled.missed, pooled.spurious)
