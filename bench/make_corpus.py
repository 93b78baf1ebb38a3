"""Build a corpus of N letters with unique Kamerstuk ids for the scale benchmarks.

The texts come from the bundled example (kst-32824-47), the constructed letters in
tests/documents/constructed and, where present, the real letters of ../shared/corpus/real and
../shared/corpus/pool. Each copy gets a header of its own (dossier number, "Nr." line, addressee), so
its id and content hash are unique; the body is the source letter's. Dossier sizes are skewed as in
the Kamer's archive: a few dossiers of hundreds of letters (voortgangsbrieven that repeat their
promises) and many of one to eight. Files are named in ingest order (dossiers interleaved), seeded,
so the same N gives the same corpus.

    .venv/bin/python bench/make_corpus.py N OUT_FOLDER [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt",
    *sorted((ROOT / "tests" / "documents" / "constructed").glob("*.txt")),
]
SHARED = [
    ROOT.parent / "shared" / "corpus" / "real" / "docs",
    ROOT.parent / "shared" / "corpus" / "pool" / "docs",
]
#: synthetic dossier numbers start here, above the numbers real letters cite
FIRST_DOSSIER = 90000
#: dossier numbers have five digits: past 99999 the synthetic ones go on from here (a six-digit number
#: in the header is no dossier number, and the letter would take the id of a Kamerstuk its body cites)
SECOND_DOSSIER = 50000
_HEAD = re.compile(r"^\s*\d{2}\s?\d{3}\b")
_NR = re.compile(r"^\s*Nr\.\s*\d+", re.MULTILINE)


def source_texts() -> list[str]:
    """The body texts the corpus is made of, with any printed dossier header removed."""
    paths = [*SOURCES, *(p for folder in SHARED if folder.is_dir() for p in sorted(folder.glob("*.txt")))]
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if _HEAD.match(text):
            nr = _NR.search(text)
            if nr:
                text = text[text.index("\n", nr.end()) + 1 :] if "\n" in text[nr.end() :] else ""
        if text.strip():
            texts.append(text.lstrip("\n"))
    return texts


def dossier_sizes(n: int, rng: random.Random) -> list[int]:
    """Letters per dossier: a few of hundreds, the rest one to eight, summing to ``n``."""
    big_size = min(400, max(20, n // 6))
    big_count = max(1, min(n // 2000 + 3, (n * 6 // 10) // big_size))
    sizes = [big_size] * big_count
    left = n - sum(sizes)
    while left > 0:
        size = min(left, rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 8]))
        sizes.append(size)
        left -= size
    return sizes


def dossier_number(index: int) -> int:
    """The five-digit dossier number of the ``index``-th synthetic dossier: 90000 … 99999, then
    50000 … 89999 (a corpus of up to a few hundred thousand letters).

    Raises:
        ValueError: more dossiers than five-digit numbers above the real ones.
    """
    if index < 100000 - FIRST_DOSSIER:
        return FIRST_DOSSIER + index
    number = SECOND_DOSSIER + index - (100000 - FIRST_DOSSIER)
    if number >= FIRST_DOSSIER:
        raise ValueError(f"dossier {index}: no five-digit dossier number left")
    return number


def header(dossier: int, nr: int, title: str) -> str:
    """A printed Kamerstuk header naming the dossier and the number."""
    spaced = f"{dossier // 1000} {dossier % 1000:03d}"
    return (
        f"{spaced} {title}\n\nNr. {nr} BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES\n\n"
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
    )


def build(n: int, out: Path, seed: int = 1) -> list[Path]:
    """Write ``n`` letters into ``out`` and return their paths in ingest order."""
    rng = random.Random(seed)
    texts = source_texts()
    sizes = dossier_sizes(n, rng)
    slots = [d for d, size in enumerate(sizes) for _ in range(size)]
    rng.shuffle(slots)
    out.mkdir(parents=True, exist_ok=True)
    counters = [0] * len(sizes)
    paths = []
    for index, d in enumerate(slots):
        counters[d] += 1
        dossier = dossier_number(d)
        text = texts[rng.randrange(len(texts))]
        path = out / f"{index:06d}-kst-{dossier}-{counters[d]}.txt"
        path.write_text(header(dossier, counters[d], f"Beleidsagenda {d}") + text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Parse the arguments and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of letters")
    parser.add_argument("out", type=Path, help="folder to write them to (created)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = build(args.n, args.out, args.seed)
    sizes = sorted(dossier_sizes(args.n, random.Random(args.seed)), reverse=True)
    print(
        f"{len(paths)} letters in {len(sizes)} dossiers (largest {sizes[:5]}) from {len(source_texts())} texts"
    )


if __name__ == "__main__":
    main()
