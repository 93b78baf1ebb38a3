"""Prints how fast the whole ``extract`` runs, and where its time goes.

1. The whole path of ``beleidsmonitor extract`` in one process, warm (read the bytes, clean, structure,
   every registered extractor including commitments and measures, the JSON of the annotation schema):
   per letter on the bundled example and over the letters of ``../shared/corpus/real`` (when present),
   in CPU seconds of this process (one core), as ms per letter and MB/s of source text.
2. The same time split by stage: read, clean, structure, each extractor by the name it registers, and
   the JSON output; each with its share of the whole.
3. ``beleidsmonitor extract`` of a 2 kB letter as a new process: wall time and the CPU time of the
   child (imports included), median of a few runs.
4. With ``--dateparser``: ``dateparser.search.search_dates`` on the example's clean text against the
   time-expression extractor.

Nothing is asserted: this script only reports. Times are CPU times (``time.process_time``) so that a
machine shared with other work still gives one core's figures; the medians of ``--rounds`` runs.
"Warm" means a process that has loaded its data files and compiled its patterns and has read other
letters, not these: the caches keyed by a sentence or a text (the clause analysis of a sentence, the
stems of a text) are emptied before every timed round, so that a letter is never timed with its own
sentences already analysed. Caches keyed by a single word (lemmas) stay, as in a process that has
read other letters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from beleidsmonitor.clean import clean
from beleidsmonitor.extract.timex import find_past_days
from beleidsmonitor.model import Analysis
from beleidsmonitor.normalise import words
from beleidsmonitor.outputs.extraction import analysis_to_dict
from beleidsmonitor.pipeline import analyse, find_dated_days
from beleidsmonitor.register import merge
from beleidsmonitor.registry import ExtractionInput, default_registry
from beleidsmonitor.sources import read_bytes
from beleidsmonitor.structure import build_structure, clauses
from beleidsmonitor.track import fulfilment

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real" / "docs"
EXAMPLE_DATE = dt.date(2013, 12, 19)


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter's bytes, its name and the date the extraction is anchored on."""

    name: str
    data: bytes
    date: dt.date | None


def _example() -> Letter:
    data = resources.files("beleidsmonitor").joinpath("examples/kst-32824-47.txt").read_bytes()
    return Letter("kst-32824-47.txt", data, EXAMPLE_DATE)


def _real() -> list[Letter]:
    if not REAL.is_dir():
        return []
    return [Letter(p.name, p.read_bytes(), None) for p in sorted(REAL.glob("*.txt"))]


def _extract(letter: Letter) -> dict[str, Any]:
    """The whole path of ``extract`` for one letter, as the command runs it (less the printing)."""
    source = read_bytes(letter.data, letter.name)
    return analysis_to_dict(analyse(source, date=letter.date))


#: caches keyed by a sentence or a text: emptied before each timed round
_TEXT_CACHES: tuple[Any, ...] = (
    clauses.analyse_sentence,
    words.content_stems,
    merge._definite_stems,
    merge._introduced_stems,
    merge._key_index,
    fulfilment.ordinals,
    fulfilment.years,
    fulfilment._stems,
    fulfilment._promise_text,
    fulfilment._promised,
)


def _forget_texts() -> None:
    for cached in _TEXT_CACHES:
        cached.cache_clear()


def _cpu(func: Callable[[], object]) -> float:
    _forget_texts()
    t0 = time.process_time()
    func()
    return time.process_time() - t0


def _whole(letters: Sequence[Letter], rounds: int) -> float:
    """Median CPU seconds to extract all ``letters`` once."""
    for letter in letters:
        _extract(letter)  # warm: data files loaded, patterns compiled
    return statistics.median(_cpu(lambda: [_extract(letter) for letter in letters]) for _ in range(rounds))


def _adder(times: dict[str, float]) -> Callable[[str, float], None]:
    def add(stage: str, seconds: float) -> None:
        times[stage] = times.get(stage, 0.0) + seconds

    return add


def _stages(letters: Sequence[Letter], rounds: int) -> dict[str, float]:
    """Median CPU seconds per stage to extract all ``letters`` once."""
    runs: dict[str, list[float]] = {}
    extractors = default_registry().ordered_extractors()
    for _ in range(rounds):
        times: dict[str, float] = {}
        add = _adder(times)
        _forget_texts()

        for letter in letters:
            t = time.process_time()
            source = read_bytes(letter.data, letter.name)
            add("read", time.process_time() - t)
            t = time.process_time()
            cleaned = clean(source)
            add("clean", time.process_time() - t)
            t = time.process_time()
            structure = build_structure(cleaned, find_dated_days, find_past_days, date=letter.date)
            add("structure", time.process_time() - t)
            anchor = structure.metadata.date or dt.date.today()
            found: dict[str, tuple[Any, ...]] = {}
            for spec in extractors:
                t = time.process_time()
                found[spec.adds] = spec.run(ExtractionInput(cleaned.text, structure, anchor, found))
                add(f"extract {spec.adds}", time.process_time() - t)
            analysis = Analysis(clean=cleaned, structure=structure, **found)
            t = time.process_time()
            analysis_to_dict(analysis)
            add("json output", time.process_time() - t)
        for stage, seconds in times.items():
            runs.setdefault(stage, []).append(seconds)
    return {stage: statistics.median(values) for stage, values in runs.items()}


def _report(label: str, letters: Sequence[Letter], rounds: int) -> None:
    size = sum(len(letter.data) for letter in letters)
    whole = _whole(letters, rounds)
    per_letter = whole / len(letters) * 1000
    print(
        f"{label}: {len(letters)} letter(s), {size / 1000:.1f} kB: whole extract {whole * 1000:.1f} ms CPU "
        f"= {per_letter:.1f} ms per letter = {size / whole / 1e6:.2f} MB/s"
    )
    stages = _stages(letters, rounds)
    total = sum(stages.values())
    for stage, seconds in stages.items():
        rate = f"{size / seconds / 1e6:8.2f} MB/s" if seconds > 0 else " " * 13
        print(f"  {stage:26s} {seconds * 1000:8.1f} ms {seconds / total:6.1%} {rate}")
    print(f"  {'sum of the stages':26s} {total * 1000:8.1f} ms")


def _process(runs: int) -> None:
    """``beleidsmonitor extract`` of a 2 kB letter as a new process: wall and child CPU seconds."""
    cli = Path(sys.executable).with_name("beleidsmonitor")
    letter = _example().data.decode("utf-8")[:2000]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "letter.txt")
        path.write_text(letter, encoding="utf-8")
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run(
                [str(cli), "extract", str(path), "--date", EXAMPLE_DATE.isoformat()],
                capture_output=True,
                check=False,
                env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            )
            walls.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if done.returncode:
                print(f"extract as a process failed: {done.stderr.decode()[-300:]}")
                return
    print(
        f"extract of a 2 kB letter as a process: {statistics.median(walls):.2f} s wall, "
        f"{statistics.median(cpus):.2f} s CPU (median of {runs})"
    )


def _dateparser() -> None:
    from beleidsmonitor.extract.timex import find_time_expressions

    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser: not installed")
        return
    example = _example()
    source = read_bytes(example.data, example.name)
    cleaned = clean(source)
    structure = build_structure(cleaned, find_dated_days, find_past_days, date=EXAMPLE_DATE)
    find_time_expressions(cleaned.text, structure.sentences, EXAMPLE_DATE)
    ours = _cpu(lambda: find_time_expressions(cleaned.text, structure.sentences, EXAMPLE_DATE))
    search_dates(cleaned.text[:2000], languages=["nl"])  # load its language data first
    theirs = _cpu(lambda: search_dates(cleaned.text, languages=["nl"]))
    print(
        f"time expressions of the example: find_time_expressions {ours * 1000:.1f} ms, "
        f"dateparser.search.search_dates {theirs * 1000:.0f} ms ({theirs / ours:.0f}x as long)"
    )


def main() -> None:
    """Time the whole extract and its stages and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="runs per figure; the median is printed")
    parser.add_argument("--dateparser", action="store_true", help="also compare with dateparser")
    args = parser.parse_args()
    _report("example", [_example()], args.rounds)
    real = _real()
    if real:
        _report("../shared/corpus/real", real, args.rounds)
    else:
        print(f"{REAL}: not found; the real letters are skipped")
    _process(3)
    if args.dateparser:
        _dateparser()


if __name__ == "__main__":
    main()
