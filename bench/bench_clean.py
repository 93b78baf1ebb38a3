"""Prints the clean + structure throughput (MB/s, one core) on the bundled example letter."""

from __future__ import annotations

import time
from importlib import resources

from beleidsmonitor.clean import clean
from beleidsmonitor.extract.timex import find_past_days
from beleidsmonitor.model import SourceDocument
from beleidsmonitor.pipeline import find_dated_days
from beleidsmonitor.structure import build_structure
from beleidsmonitor.vocab import SourceFormat


def main(rounds: int = 30) -> None:
    """Clean and structure the example ``rounds`` times and print the throughput."""
    text = resources.files("beleidsmonitor").joinpath("examples/kst-32824-47.txt").read_text(encoding="utf-8")
    source = SourceDocument(path="example", format=SourceFormat.TEXT, text=text, sha256="")
    size_mb = len(text.encode("utf-8")) / 1e6
    clean(source)  # warm the data caches
    timings = {"clean": 0.0, "structure": 0.0}
    for _ in range(rounds):
        t0 = time.perf_counter()
        cleaned = clean(source)
        t1 = time.perf_counter()
        build_structure(cleaned, find_dated_days, find_past_days)
        t2 = time.perf_counter()
        timings["clean"] += t1 - t0
        timings["structure"] += t2 - t1
    total = timings["clean"] + timings["structure"]
    print(f"document: {size_mb * 1000:.1f} kB, {rounds} rounds")
    print(f"clean:             {size_mb * rounds / timings['clean']:.2f} MB/s")
    print(f"structure:         {size_mb * rounds / timings['structure']:.2f} MB/s")
    print(
        f"clean + structure: {size_mb * rounds / total:.2f} MB/s ({total / rounds * 1000:.1f} ms per letter)"
    )


if __name__ == "__main__":
    main()
