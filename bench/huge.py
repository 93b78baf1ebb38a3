"""Time and peak memory of ``extract`` on large and pathologically shaped texts, each in a fresh process.

Shapes (generated, seeded, Dutch words of a letter): a text of N MB in normal sentences and
paragraphs, one line of N MB without a sentence end, and a file of N lines of a few words. Each is
written to a temporary file and run through the real command (``beleidsmonitor extract FILE``, the
whole path: read, chunks of 500,000 characters, clean, structure, every extractor, the JSON written
to a file) with the budget raised to ``--limit`` seconds (``BELEIDSMONITOR_ANALYSIS_SECONDS``: the
default 60 s is for one letter). Prints per shape: wall time, CPU time, peak RSS of the command's
processes (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``: the largest of them, the analysing
child included), exit status and the size of the JSON. With ``--command ingest`` each file is stored
instead (``beleidsmonitor ingest FILE --jobs 1`` into a new SQLite register, chunk by chunk as well):
the same figures, the size of the register and the commitments stored.

    nice -n 10 .venv/bin/python bench/huge.py [--text-mb 50] [--line-mb 5] [--lines 1000000] [--limit 3600]
        [--command extract|ingest]

Several sizes and both commands in one run (a shape of size 0 is left out), the table of issue 13:

    nice -n 10 .venv/bin/python bench/huge.py --text-mb 10 25 50 --line-mb 0 --lines 0 --command extract ingest
"""

from __future__ import annotations

import argparse
import os
import random
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


def measure(path: Path, limit: float, output: Path, command: str = "extract") -> str:
    """Run ``command`` on ``path``; wall and CPU time, the peak RSS of its processes, exit status."""
    env = {**os.environ, "BELEIDSMONITOR_ANALYSIS_SECONDS": str(int(limit))}
    register = output.with_suffix(".sqlite")
    args = [str(BIN), "extract", str(path)]
    if command == "ingest":
        register.unlink(missing_ok=True)
        args = [str(BIN), "ingest", str(path), "--jobs", "1", "--date", "2014-01-01", "--db", str(register)]
    began = time.perf_counter()
    with output.open("wb") as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        # wait4 gives this command's own figures; its ru_maxrss is the largest of its processes (the
        # analysing child it forks included), its times include the child's
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode(errors="replace")[:200].strip()
    elapsed = time.perf_counter() - began
    code = f"exit {process.returncode}" + (f" ({message})" if process.returncode else "")
    figures = (
        f"{elapsed:7.1f} s wall, {usage.ru_utime + usage.ru_stime:7.1f} s CPU, "
        f"peak RSS {usage.ru_maxrss / 1024:.0f} MB, {code}"
    )
    if command == "ingest":
        summary = output.read_text(encoding="utf-8").strip().splitlines()[:1]
        size = register.stat().st_size / 1_000_000 if register.exists() else 0.0
        return f"{figures}, register {size:.1f} MB, {' '.join(summary)}"
    return f"{figures}, JSON {output.stat().st_size / 1_000_000:.1f} MB"


def main() -> None:
    """Write each shape, measure it, print one line per shape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-mb", type=float, nargs="+", default=[50.0])
    parser.add_argument("--line-mb", type=float, default=5.0)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--limit", type=float, default=3600.0, help="analysis budget in seconds per run")
    parser.add_argument("--command", choices=("extract", "ingest"), nargs="+", default=["extract"])
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        shapes = [
            *(
                (f"{mb:g} MB of sentences", "text.txt", lambda p, mb=mb: write_text(p, mb, rng))
                for mb in args.text_mb
            ),
            (f"{args.line_mb:g} MB on one line", "line.txt", lambda p: write_line(p, args.line_mb, rng)),
            (f"{args.lines} short lines", "lines.txt", lambda p: write_lines(p, args.lines, rng)),
        ]
        for label, name, write in shapes:
            if label.startswith("0 "):
                continue
            path = Path(folder) / name
            write(path)
            size = path.stat().st_size / 1_000_000
            for command in args.command:
                result = measure(path, args.limit, Path(folder) / "out.json", command)
                print(f"{command:7} {label:28} ({size:6.1f} MB): {result}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
