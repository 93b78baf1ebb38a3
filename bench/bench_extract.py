"""Prints the extraction throughput (MB/s, one core) of every ``find_*`` function in
``beleidsmonitor.extract`` on the example letter's clean text repeated to about 1 MB, and, on the same
text, how long ``dateparser.search.search_dates(text, languages=["nl"])`` takes, as a ratio.

Extractors whose parameters are not (text, sentences[, anchor date]) are listed as skipped. No timing is
asserted: this script only reports.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import time
from collections.abc import Callable
from importlib import resources
from typing import Any

import beleidsmonitor.extract
from beleidsmonitor.clean import clean
from beleidsmonitor.model import SourceDocument
from beleidsmonitor.vocab import SourceFormat

TARGET_BYTES = 1_000_000
#: dateparser is slow; it runs on this share of the text and its time is scaled up
DATEPARSER_SHARE = 0.05
ANCHOR = dt.date(2013, 12, 19)


def _clean_example() -> str:
    raw = resources.files("beleidsmonitor").joinpath("examples/kst-32824-47.txt").read_text(encoding="utf-8")
    return clean(SourceDocument(path="example", format=SourceFormat.TEXT, text=raw, sha256="")).text


def _arguments(func: Callable[..., Any], text: str) -> list[Any] | None:
    """Positional arguments for ``func`` by parameter name, or None when it takes others."""
    args: list[Any] = []
    for name, param in inspect.signature(func).parameters.items():
        if name == "text":
            args.append(text)
        elif name == "sentences":
            args.append(())
        elif "anchor" in name or name in {"date", "document_date"}:
            args.append(ANCHOR)
        elif param.default is inspect.Parameter.empty:
            return None
    return args


def _extractors() -> list[tuple[str, Callable[..., Any]]]:
    out = []
    for info in pkgutil.iter_modules(beleidsmonitor.extract.__path__):
        module = importlib.import_module(f"beleidsmonitor.extract.{info.name}")
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("find_") and func.__module__ == module.__name__:
                out.append((f"{info.name}.{name}", func))
    return out


def main() -> None:
    """Time each extractor and dateparser on the same text and print the figures."""
    unit = _clean_example()
    text = " ".join([unit] * max(1, TARGET_BYTES // len(unit.encode("utf-8"))))
    size_mb = len(text.encode("utf-8")) / 1e6
    print(f"text: example clean text x{TARGET_BYTES // len(unit.encode('utf-8'))} = {size_mb:.2f} MB")
    total = 0.0
    timings: list[tuple[str, float]] = []
    for label, func in _extractors():
        args = _arguments(func, text)
        if args is None:
            print(f"{label:45s} skipped (parameters {list(inspect.signature(func).parameters)})")
            continue
        func(*_arguments(func, unit) or [])  # warm caches and compiled patterns
        t0 = time.perf_counter()
        found = func(*args)
        elapsed = time.perf_counter() - t0
        total += elapsed
        timings.append((label, elapsed))
        print(f"{label:45s} {size_mb / elapsed:8.2f} MB/s  {len(found):7d} items  {elapsed:7.3f} s")
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser: not installed")
        return
    piece = text[: int(len(text) * DATEPARSER_SHARE)]
    search_dates(unit[:2000], languages=["nl"])  # load its language data first
    t0 = time.perf_counter()
    search_dates(piece, languages=["nl"])
    slice_time = time.perf_counter() - t0
    scaled = slice_time * len(text) / len(piece)
    print(
        f"dateparser.search.search_dates on {DATEPARSER_SHARE:.0%} of the text ({len(piece) / 1e6:.2f} MB): "
        f"{slice_time:.2f} s, scaled to the whole text {scaled:.1f} s = {size_mb / scaled:.3f} MB/s"
    )
    for label, elapsed in timings:
        print(f"dateparser / {label}: {scaled / elapsed:.1f}x as long")
    if total:
        print(f"dateparser / all extractors together ({total:.2f} s): {scaled / total:.1f}x as long")


if __name__ == "__main__":
    main()
