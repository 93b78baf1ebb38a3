"""Time and peak memory of ``extract`` on pathologically shaped large texts, each in a fresh process.

Shapes (generated, seeded, Dutch words of a letter): a text of N MB in normal sentences, one line of
N MB without a sentence end, and a file of N lines of a few words. Each is written to a temporary
file and run through the real command (``beleidsmonitor extract FILE``) under ``/usr/bin/time``-like
accounting (wall time and the child's peak RSS), with a time limit per run. Prints figures only.

Texts above ``sources.MAX_CHARACTERS`` are refused up front (D009); the same three shapes are then
run at ``--below-mb`` (default 2.9 MB, under that limit) to time what is analysed.

    .venv/bin/python bench/huge.py [--text-mb 50] [--line-mb 5] [--lines 1000000] [--below-mb 2.9]
        [--limit 600]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "de",
    "het",
    "een",
    "kabinet",
    "zal",
    "in",
    "2014",
    "de",
    "Kamer",
    "informeren",
    "over",
    "het",
    "beleid",
    "voor",
    "de",
    "zomer",
    "minister",
    "wet",
    "regeling",
    "evaluatie",
    "gemeenten",
    "ontvangen",
    "middelen",
    "uitvoering",
    "rapport",
    "brief",
    "voorstel",
]
BIN = Path(sys.executable).parent / "beleidsmonitor"


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def write_text(path: Path, megabytes: float, rng: random.Random) -> None:
    """Paragraphs of ordinary sentences."""
    with path.open("w", encoding="utf-8") as out:
        size = 0
        while size < megabytes * 1_000_000:
            paragraph = (
                " ".join(_words(rng, rng.randint(8, 25)).capitalize() + "." for _ in range(4)) + "\n\n"
            )
            out.write(paragraph)
            size += len(paragraph)


def write_line(path: Path, megabytes: float, rng: random.Random) -> None:
    """One line without any sentence end."""
    with path.open("w", encoding="utf-8") as out:
        size = 0
        while size < megabytes * 1_000_000:
            piece = _words(rng, 1000) + " "
            out.write(piece)
            size += len(piece)


def write_lines(path: Path, lines: int, rng: random.Random) -> None:
    """Many short lines, no blank line between them."""
    with path.open("w", encoding="utf-8") as out:
        for _ in range(lines):
            out.write(_words(rng, rng.randint(1, 6)) + "\n")


def measure(path: Path, limit: float) -> str:
    """Run ``extract`` on ``path``; wall time, exit status and the child's peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    began = time.perf_counter()
    try:
        done = subprocess.run(
            [str(BIN), "extract", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=limit
        )
        status = f"exit {done.returncode}"
    except subprocess.TimeoutExpired:
        status = f"stopped after {limit:g} s"
    elapsed = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rss = f"{peak / 1024:.0f} MB" if peak > before else "≤ previous run's peak"
    return f"{elapsed:7.1f} s, peak RSS {rss}, {status}"


def main() -> None:
    """Write each shape, measure it, print one line per shape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-mb", type=float, default=50.0)
    parser.add_argument("--line-mb", type=float, default=5.0)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--below-mb", type=float, default=2.9, help="size of the shapes under the limit")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds per run")
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        shapes = [
            (f"{args.line_mb:g} MB on one line", "line.txt", lambda p: write_line(p, args.line_mb, rng)),
            (f"{args.lines} short lines", "lines.txt", lambda p: write_lines(p, args.lines, rng)),
            (f"{args.text_mb:g} MB of sentences", "text.txt", lambda p: write_text(p, args.text_mb, rng)),
        ]
        below = args.below_mb
        if below:
            # a short line holds about 23 characters: as many lines as fill ``below`` MB
            shapes += [
                (f"{below:g} MB on one line", "line.txt", lambda p: write_line(p, below, rng)),
                (
                    f"{int(below * 43_000)} short lines",
                    "lines.txt",
                    lambda p: write_lines(p, int(below * 43_000), rng),
                ),
                (f"{below:g} MB of sentences", "text.txt", lambda p: write_text(p, below, rng)),
            ]
        for label, name, write in shapes:
            path = Path(folder) / name
            write(path)
            size = path.stat().st_size / 1_000_000
            print(f"{label:28} ({size:6.1f} MB): {measure(path, args.limit)}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
