"""Trains the learned commitment decision and prints its leave-one-letter-out figures beside the rules'.

Each letter of a gold folder is analysed once by the whole pipeline (dated by its gold ``document.date``);
every sentence with a clause becomes a candidate (``extract.commitments.commitment_candidates``) with its
named features (``extract/commitment_model.py``) and the commitment it becomes when accepted. Label rule:
a candidate is positive when a gold commitment's quote matches its sentence by the scorer's rule
(``evaluate.matches_gold_quote``: quote similarity >= 0.5, shared/annotation/score.py).

Leave-one-letter-out (LOO): for each letter L, a logistic regression is trained on the candidates of every
other training letter and decides L's candidates; the accepted ones are scored against L's gold by
``evaluate.score`` and pooled over letters as ``beleidsmonitor evaluate DIR`` does. With ``--dossier`` also
leave-one-dossier-out: the model that decides L never saw any letter of L's dossier (a series of one dossier
shares its phrasing; the dossier is the id without its number: kst-21501-20-512 -> 21501-20). Letters outside
the training sets are scored by one model trained on all training letters — no letter of theirs was trained
on. The threshold is either fixed (log-odds 0, p = 0.5) or chosen inside each fold (nested: a 5-fold
cross-validation over the fold's own letters, the threshold with the best pooled F1 there), never on the
letter scored. Besides each set, "all real" pools every real letter (real and all pool batches, not the
example). ``--errors FILE`` writes the held-out false commitments and misses with their features.

Sets: real (../shared/corpus/real), pool batches 1-6 and 7-11 (tests/data/pool/gold over
../shared/corpus/pool/docs; batch membership from the docstring of tests/extract/test_pool_letters.py;
gold letters of later batches (12 on, never read) form "pool12+"), the example (tests/data/kst-32824-47.gold.json over
../shared/corpus/kst-32824-47.txt), and "cases": each row of tests/cases/commitments.toml (the guidelines'
decided forms, one sentence each) as a one-sentence letter, trained on by default (without them the weights
accept conditions, forecasts and other bodies' acts, which the letters hold too rarely) and not reported.

Usage:
    python bench/train_commitments.py            # LOO figures, rules beside learned
    python bench/train_commitments.py --write    # also write the shipped model (trained on --train sets)
    python bench/train_commitments.py --train real,pool1-6,example --nested
    python bench/train_commitments.py --nested --dossier --cache /tmp/letters.pkl --errors /tmp/errors.txt
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import re
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beleidsmonitor.evaluate import CategoryScore, matches_gold_quote, pool_scores, score
from beleidsmonitor.extract.commitment_model import MODEL_FILE, CommitmentModel
from beleidsmonitor.extract.commitments import assess_sentence, commitment_candidates
from beleidsmonitor.model import Interval, Span, TimeExpression
from beleidsmonitor.pipeline import analyse_file

# one BLAS thread: the fits are small, and threads make each about ten times slower on a shared machine
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POOL_GOLD = ROOT / "tests" / "data" / "pool" / "gold"
POOL_DOCS = SHARED / "corpus" / "pool" / "docs"
BATCHES = ROOT / "tests" / "extract" / "test_pool_letters.py"
CASES = ROOT / "tests" / "cases" / "commitments.toml"
MODEL_PATH = ROOT / "src" / "beleidsmonitor" / "extract" / MODEL_FILE
#: L2 strength of the logistic regression (scikit-learn's C); fixed, not tuned on the held-out letters
C = 1.0
THRESHOLDS = tuple(x / 4 for x in range(-8, 9))


@dataclass(frozen=True, slots=True)
class Letter:
    """One gold letter: its candidates (features, label, the commitment as scored) and its gold."""

    name: str
    group: str
    features: tuple[frozenset[str], ...]
    labels: tuple[bool, ...]
    by_rules: tuple[bool, ...]
    predicted: tuple[dict[str, Any], ...]
    gold: dict[str, Any]


def _batches() -> dict[str, int]:
    """Pool letter id -> batch number, read from the docstring of tests/extract/test_pool_letters.py."""
    text = BATCHES.read_text(encoding="utf-8")
    out: dict[str, int] = {}
    for m in re.finditer(r"^batch (\d+), (.*?)(?=^batch \d+,|^After|^Issue|\Z)", text, re.M | re.S):
        for kst in re.findall(r"kst-[0-9A-Za-z-]+\d", m.group(2)):
            out.setdefault(kst, int(m.group(1)))
    return out


def _load(doc: Path, gold_path: Path, group: str) -> Letter | None:
    gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))
    if "commitments" not in gold:
        return None
    day = dt.date.fromisoformat(gold["document"]["date"])
    analysis = analyse_file(doc, date=day)
    candidates = commitment_candidates(
        analysis.clean.text, analysis.structure, analysis.time_expressions, analysis.metadata.date or day
    )
    return Letter(
        name=gold_path.name.removesuffix(".gold.json"),
        group=group,
        features=tuple(c.features for c in candidates),
        labels=tuple(matches_gold_quote(c.commitment.quote, gold.get("commitments", [])) for c in candidates),
        by_rules=tuple(c.by_rules for c in candidates),
        predicted=tuple(_as_scored(c.commitment) for c in candidates),
        gold=gold,
    )


def _as_scored(commitment: Any) -> dict[str, Any]:
    due = commitment.due
    return {
        "quote": commitment.quote,
        "kind": commitment.kind.value,
        "due": {"start": due.start.isoformat(), "end": due.end.isoformat()} if due and due.end else None,
    }


def load_cases() -> list[Letter]:
    """The rows of tests/cases/commitments.toml (the guidelines' decided forms, one sentence each) as
    one-candidate letters: positive when the row is a commitment."""
    rows = tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]
    out = []
    for n, row in enumerate(rows):
        text = row["text"]
        times = []
        for t in row["times"]:
            at = text.index(t["text"])
            end = dt.date.fromisoformat(str(t["end"])) if t.get("end") else None
            interval = Interval(dt.date.fromisoformat(str(t["start"])), end)
            times.append(TimeExpression(Span(at, at + len(t["text"])), t["text"], interval, 0))
        assessment = assess_sentence(text, tuple(times), dt.date.fromisoformat(str(row["anchor"])))
        gold = [{"quote": text, "kind": row.get("kind")}] if row["commitment"] else []
        out.append(
            Letter(
                name=f"case-{n + 1}",
                group="cases",
                features=(assessment.features,),
                labels=(bool(row["commitment"]),),
                by_rules=(assessment.is_commitment,),
                predicted=({"quote": text, "kind": assessment.kind.value, "due": None},),
                gold={"commitments": gold},
            )
        )
    return out


def load_letters() -> list[Letter]:
    """Every gold letter of every set, analysed."""
    letters: list[Letter] = []
    real = SHARED / "corpus" / "real"
    for gold_path in sorted((real / "gold").glob("*.gold.json")):
        doc = real / "docs" / gold_path.name.replace(".gold.json", ".txt")
        if (letter := _load(doc, gold_path, "real")) is not None:
            letters.append(letter)
    batches = _batches()
    for gold_path in sorted(POOL_GOLD.glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        batch = batches.get(name, 99)
        group = "pool1-6" if batch <= 6 else "pool7-11" if batch <= 11 else "pool12+"
        if (letter := _load(POOL_DOCS / f"{name}.txt", gold_path, group)) is not None:
            letters.append(letter)
    example = _load(
        SHARED / "corpus" / "kst-32824-47.txt", ROOT / "tests" / "data" / "kst-32824-47.gold.json", "example"
    )
    if example is not None:
        letters.append(example)
    return letters


def _design(letters: Sequence[Letter], names: Sequence[str] = ()) -> tuple[list[str], Any, Any, Any]:
    """The candidates of ``letters`` as one 0/1 matrix: (feature names, rows, labels, letter index per row)."""
    import numpy as np

    vocabulary = sorted(set(names) or {f for letter in letters for fs in letter.features for f in fs})
    index = {f: i for i, f in enumerate(vocabulary)}
    count = sum(len(letter.features) for letter in letters)
    rows = np.zeros((count, len(vocabulary)))
    ys = np.zeros(count, dtype=int)
    owner = np.zeros(count, dtype=int)
    r = 0
    for n, letter in enumerate(letters):
        for fs, y in zip(letter.features, letter.labels, strict=True):
            rows[r, [index[f] for f in fs if f in index]] = 1.0
            ys[r] = int(y)
            owner[r] = n
            r += 1
    return vocabulary, rows, ys, owner


def _fit(rows: Any, ys: Any) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(rows, ys)
    return [float(w) for w in model.coef_[0]], float(model.intercept_[0])


def train(letters: Sequence[Letter], names: Sequence[str] = ()) -> tuple[list[str], list[float], float]:
    """A logistic regression on the candidates of ``letters``: (feature names, weights, intercept).

    Deterministic: the lbfgs solver on a fixed (sorted) feature order gives the same weights for the same
    letters."""
    vocabulary, rows, ys, _ = _design(letters, names)
    weights, intercept = _fit(rows, ys)
    return vocabulary, weights, intercept


def as_model(
    trained: tuple[list[str], list[float], float], threshold: float, sets: Sequence[str]
) -> CommitmentModel:
    names, weights, intercept = trained
    return CommitmentModel(
        weights={n: round(w, 6) for n, w in zip(names, weights, strict=True) if round(w, 6) != 0.0},
        intercept=round(intercept, 6),
        threshold=threshold,
        trained_on=tuple(sets),
        trained=dt.date.today().isoformat(),
    )


def decide(letter: Letter, model: CommitmentModel | None) -> dict[str, Any]:
    """The letter's extraction as scored: the candidates the model (or, when None, the rules) accepts."""
    keep = [
        p
        for p, fs, rule in zip(letter.predicted, letter.features, letter.by_rules, strict=True)
        if (model.accepts(fs) if model is not None else rule)
    ]
    return {"commitments": keep}


_SCORED: dict[tuple[str, tuple[int, ...]], CategoryScore] = {}


def _letter_score(letter: Letter, accepted: tuple[int, ...]) -> CategoryScore:
    """The commitment score of ``letter`` when the candidates at ``accepted`` are kept (cached: the nested
    threshold search scores the same selections many times)."""
    key = (letter.name, accepted)
    if key not in _SCORED:
        pred = {"commitments": [letter.predicted[i] for i in accepted]}
        _SCORED[key] = score({"commitments": letter.gold.get("commitments", [])}, pred)["commitments"]
    return _SCORED[key]


def pooled(letters: Sequence[Letter], decisions: Sequence[dict[str, Any]]) -> CategoryScore:
    return pool_scores(
        [{"commitments": score(x.gold, d)["commitments"]} for x, d in zip(letters, decisions, strict=True)]
    )["commitments"]


def _best_threshold(letters: Sequence[Letter], scores: Sequence[Sequence[float]]) -> float:
    """The threshold of :data:`THRESHOLDS` with the best pooled F1 when each letter's candidates have ``scores``."""
    best, best_f1 = 0.0, -1.0
    for t in THRESHOLDS:
        gold = pred = matched = 0
        for x, ss in zip(letters, scores, strict=True):
            part = _letter_score(x, tuple(i for i, s in enumerate(ss) if s >= t))
            gold, pred, matched = gold + part.gold, pred + part.pred, matched + part.matched
        # the pooled F1 (CategoryScore.f1 of the summed counts)
        f1 = 2 * matched / (gold + pred) if gold + pred else 1.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = t, f1
    return best


def _nested_threshold(train_letters: Sequence[Letter], folds: int = 5) -> float:
    """The threshold with the best pooled F1 in a ``folds``-fold cross-validation over ``train_letters``
    alone (letters dealt to folds in order), so the scored letter never chooses its own threshold."""
    scores_by_letter: list[list[float]] = [[] for _ in train_letters]
    for k in range(folds):
        model = as_model(train([x for j, x in enumerate(train_letters) if j % folds != k]), 0.0, ())
        for j, letter in enumerate(train_letters):
            if j % folds == k:
                scores_by_letter[j] = [model.score(fs) for fs in letter.features]
    return _best_threshold(train_letters, scores_by_letter)


def dossier(letter: Letter) -> str:
    """The dossier of a letter by its id (``kst-21501-20-512`` -> ``21501-20``); a case row is its own."""
    if letter.group == "cases" or not letter.name.startswith("kst-"):
        return letter.name
    return letter.name.removeprefix("kst-").rsplit("-", 1)[0]


def held_out_scores(
    training: Sequence[Letter], scored: Sequence[Letter], key: Callable[[Letter], str], nested: bool
) -> list[tuple[list[float], float]]:
    """Each letter of ``scored`` decided by a model that never saw it: trained on the letters of
    ``training`` whose ``key`` differs from the scored letter's (``key`` = name: leave-one-letter-out;
    = dossier: leave-one-dossier-out). Returns per scored letter its candidates' log-odds and the threshold
    (0, or with ``nested`` chosen by 5-fold cross-validation over the fold's own letters, dealt in order).

    One matrix is built once and sliced per fold; a feature absent from a fold's letters gets weight 0 under
    the L2 penalty, as a fold trained on its own vocabulary would."""
    import numpy as np

    every = list(training) + [x for x in scored if all(x is not t for t in training)]
    _, rows, ys, owner = _design(every)
    keys = [key(x) for x in every]
    position = {id(x): n for n, x in enumerate(every)}
    cache: dict[str, tuple[Any, float, float]] = {}
    out = []
    for letter in scored:
        k = key(letter)
        if k not in cache:
            inside = [n for n in range(len(training)) if keys[n] != k]
            mask = np.isin(owner, inside)
            weights, intercept = _fit(rows[mask], ys[mask])
            threshold = 0.0
            if nested:
                per_letter: dict[int, Any] = {}
                for fold in range(5):
                    fit_on = [n for j, n in enumerate(inside) if j % 5 != fold]
                    w, b = _fit(rows[np.isin(owner, fit_on)], ys[np.isin(owner, fit_on)])
                    for j, n in enumerate(inside):
                        if j % 5 == fold:
                            per_letter[n] = rows[owner == n] @ np.asarray(w) + b
                threshold = _best_threshold([every[n] for n in inside], [list(per_letter[n]) for n in inside])
            cache[k] = (np.asarray(weights), intercept, threshold)
        w_vec, b, threshold = cache[k]
        n = position[id(letter)]
        out.append((list(rows[owner == n] @ w_vec + b), threshold))
    return out


def held_out_decisions(
    letters: Sequence[Letter], results: Sequence[tuple[list[float], float]]
) -> list[dict[str, Any]]:
    return [
        {"commitments": [p for p, s in zip(x.predicted, ss, strict=True) if s >= t]}
        for x, (ss, t) in zip(letters, results, strict=True)
    ]


def line(name: str, s: CategoryScore) -> str:
    kind = s.accuracies.get("kind_acc", 0.0)
    due = s.accuracies.get("due_end_acc", 0.0)
    return (
        f"  {name:8s} gold {s.gold:3d} pred {s.pred:3d} matched {s.matched:3d}  P {s.precision:.3f} "
        f"R {s.recall:.3f} F1 {s.f1:.3f}  kind {kind:.3f} due end {due:.3f}"
    )


def write_errors(
    path: Path,
    letters: Sequence[Letter],
    results: Sequence[tuple[list[float], float]],
    weights: dict[str, float],
) -> None:
    """The false commitments and the misses of held-out decisions, with each candidate's features and
    log-odds, for reading the errors by form."""
    out = []
    for letter, (ss, t) in zip(letters, results, strict=True):
        gold = letter.gold.get("commitments", [])
        accepted = [i for i, s in enumerate(ss) if s >= t]
        for i in accepted:
            if not letter.labels[i]:
                out.append(
                    f"FP {letter.group} {letter.name} s={ss[i]:.2f} t={t}\n  {letter.predicted[i]['quote']}"
                )
                out.append(
                    "  " + " ".join(sorted(letter.features[i], key=lambda f: -abs(weights.get(f, 0)))[:14])
                )
        for g in gold:
            hit = [i for i in accepted if matches_gold_quote(letter.predicted[i]["quote"], [g])]
            if hit:
                continue
            cands = [i for i, p in enumerate(letter.predicted) if matches_gold_quote(p["quote"], [g])]
            out.append(f"MISS {letter.group} {letter.name} t={t} kind={g.get('kind')}\n  {g['quote']}")
            for i in cands:
                out.append(f"  cand s={ss[i]:.2f}: " + " ".join(sorted(letter.features[i])))
            if not cands:
                out.append("  no candidate")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--train", default="real,pool1-6,pool7-11,pool12+,example,cases", help="sets to train on"
    )
    parser.add_argument("--report", default="real,pool1-6,pool7-11,pool12+,example", help="sets to score")
    parser.add_argument("--nested", action="store_true", help="also choose the threshold inside each fold")
    parser.add_argument(
        "--cache", type=Path, help="keep the analysed letters in this pickle file between runs"
    )
    parser.add_argument("--dossier", action="store_true", help="also leave one dossier out (all its letters)")
    parser.add_argument(
        "--errors", type=Path, help="write the held-out errors with their features to this file"
    )
    parser.add_argument("--write", action="store_true", help=f"write src/beleidsmonitor/extract/{MODEL_FILE}")
    args = parser.parse_args(argv)
    train_sets = args.train.split(",")
    if args.cache is not None and args.cache.is_file():
        letters = pickle.loads(args.cache.read_bytes())
    else:
        letters = load_letters()
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(letters))
    letters += load_cases()
    training = [x for x in letters if x.group in train_sets]
    counts = {g: sum(1 for x in letters if x.group == g) for g in dict.fromkeys(x.group for x in letters)}
    print("letters per set:", counts, "| training sets:", ",".join(train_sets))
    print(
        f"candidates: {sum(len(x.features) for x in training)} in training, "
        f"{sum(sum(x.labels) for x in training)} positive"
    )
    outside = [x for x in letters if x.group not in train_sets]
    full = train(training) if outside or args.write else None
    report = [g for g in args.report.split(",") if any(x.group == g for x in letters)]
    scored = [x for x in letters if x.group in report]
    splits = [("letter", lambda x: x.name)] + ([("dossier", dossier)] if args.dossier else [])
    modes = [("p>=0.5", False)] + ([("nested", True)] if args.nested else [])
    results = {
        (split, mode): held_out_scores(training, scored, key, nested)
        for split, key in splits
        for mode, nested in modes
    }
    groups = [(g, [g]) for g in report] + [("all real", [g for g in report if g != "example"])]
    for name, sets in groups:
        members = [n for n, x in enumerate(scored) if x.group in sets]
        if not members:
            continue
        chosen = [scored[n] for n in members]
        print(f"{name} ({len(chosen)} letters)")
        print(line("rules", pooled(chosen, [decide(x, None) for x in chosen])))
        for (split, mode), result in results.items():
            decisions = held_out_decisions(chosen, [result[n] for n in members])
            how = f"leave one {split} out" if all(x.group in train_sets for x in chosen) else "held out"
            print(line("learned", pooled(chosen, decisions)) + f"  ({mode}, {how})")
    if args.errors is not None:
        split, mode = splits[-1][0], modes[-1][0]
        weights = dict(zip(*train(training)[:2], strict=True))
        write_errors(args.errors, scored, results[(split, mode)], weights)
        print(f"wrote the errors of leave one {split} out ({mode}) to {args.errors}")
    if args.write:
        assert full is not None
        threshold = _nested_threshold(training) if args.nested else 0.0
        model = as_model(full, threshold, train_sets)
        MODEL_PATH.write_text(
            json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}: {len(model.weights)} features")


if __name__ == "__main__":
    sys.exit(main())
