"""The seeded fuzzer of bench/fuzz.py, a short run: every reader, the analysis, ingest and the web routes.

2,000 mutated documents (of the harness's five small letters, at most 8 KB) are read; every 100th is
also analysed and its ``extract`` JSON written, half of those are ingested, and every page and API
route is then requested for what was stored, with hostile query values. Nothing may raise anything
but a DocumentError, no case may hang, no response may be a server error. ``bench/fuzz.py N`` runs
the long version.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

FUZZ = Path(__file__).resolve().parents[1] / "bench" / "fuzz.py"


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("beleidsmonitor_bench_fuzz", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_two_thousand_mutated_documents_raise_nothing_but_document_errors(fuzz: ModuleType) -> None:
    report = fuzz.fuzz(
        2000, seed=13, analyse_every=100, store_every=2, max_size=8192, small_only=True, limit=60
    )
    assert report.cases == 2000
    assert set(report.by_seed) == {".txt", ".pdf", ".html", ".xml", ".docx"}
    assert report.tracebacks == []
    assert report.hangs == []
    assert report.server_errors == []
    # the run exercised both outcomes and every later stage
    assert report.read > 500 and sum(report.refused.values()) > 500
    assert report.analysed >= 5 and report.stored >= 3 and report.requests > 50
    assert {"D003", "D007", "D012"} <= set(report.refused)


def test_the_mutator_is_reproducible(fuzz: ModuleType) -> None:
    first = [data for _, _, data in fuzz.cases(50, seed=5, small_only=True)]
    again = [data for _, _, data in fuzz.cases(50, seed=5, small_only=True)]
    other = [data for _, _, data in fuzz.cases(50, seed=6, small_only=True)]
    assert first == again
    assert first != other


def test_the_seed_documents_do_not_depend_on_the_clock(
    fuzz: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The DOCX seed carried the time it was built in its ZIP entries: cases built a second apart differed."""
    import time

    first = fuzz.seeds()[:5]
    # a DOCX mutated inside its parts is written anew: the same bytes an hour later too
    pool = first[:5]
    inner = [fuzz._mutate_docx(random.Random(n), pool[4][1], 8192) for n in range(5)]
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 3600)
    monkeypatch.setattr(time, "localtime", lambda *_: time.gmtime(now + 3600))
    assert fuzz.seeds()[:5] == first
    assert [fuzz._mutate_docx(random.Random(n), pool[4][1], 8192) for n in range(5)] == inner


def test_sentence_readings_do_not_outlive_their_document() -> None:
    """The fuzz run's memory grew to 835 MB: the readings cache kept 8,192 long fuzzed sentences."""
    from beleidsmonitor.pipeline import analyse_file
    from beleidsmonitor.structure.clauses import analyse_sentence
    from conftest import EXAMPLE

    analysis = analyse_file(EXAMPLE)
    assert len(analysis.commitments) > 40
    assert analyse_sentence.cache_info().currsize == 0


def test_a_case_is_a_hang_by_its_cpu_time_or_when_it_waits_ten_times_as_long(fuzz: ModuleType) -> None:
    import signal
    import time

    previous = signal.signal(signal.SIGPROF, fuzz._alarm), signal.signal(signal.SIGALRM, fuzz._alarm)
    try:
        with pytest.raises(fuzz.Hang):
            fuzz._set_limit(0.2)
            while True:  # a busy case: stopped by its CPU time, however loaded the machine
                pass
        with pytest.raises(fuzz.Hang):
            fuzz._set_limit(0.05)
            time.sleep(60)  # a case that waits uses no CPU: stopped after ten times the limit on the clock
    finally:
        fuzz._set_limit(0)
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])
