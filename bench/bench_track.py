"""Time the track stage over real letters and count what it links.

Usage: python bench/bench_track.py [FOLDER ...]   (default: ../shared/corpus/real/docs and pool/docs,
tests/documents, tests/documents/constructed and tests/documents/tracking: every letter of the issue's
"zero false fulfilments across all letters in tests/ and ../shared/corpus/")

Ingests every letter into a fresh SQLite register (the real pipeline, ids from the file names, dates
from the corpus manifest next to a folder when there is one, else read from the letter), runs
the track stage once, and prints the ingest and tracking time, the links per relation and evidence,
and the fulfilments that cross to a commitment of another dossier the later letter does not cite
(the issue asks for 0). Every fulfilment is listed, for reading by hand. Last it scores the tracking
gold of tests/data/chains/chains.json (as tests/track/test_chains.py does): gold links found with their
relation and evidence sentence, and gold negative pairs that got a link.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from beleidsmonitor.pipeline import analyse_file
from beleidsmonitor.register.schema import CommitmentRow, DocumentRow, ExtractionRow, LinkRow
from beleidsmonitor.register.store import open_register
from beleidsmonitor.settings import load_settings
from beleidsmonitor.track.follow import follow_register

ROOT = Path(__file__).resolve().parents[1]
CHAINS = ROOT / "tests" / "data" / "chains" / "chains.json"
#: gold relation -> the relations of vocab.LinkRelation that count as found
RELATIONS = {
    "fulfils": {"fulfils"},
    "partly_fulfils": {"partly_fulfils"},
    "reschedules": {"changes"},
    "repeats": {"repeats"},
}
DEFAULT = [
    ROOT.parent / "shared" / "corpus" / "real" / "docs",
    ROOT.parent / "shared" / "corpus" / "pool" / "docs",
    ROOT / "tests" / "documents",
    ROOT / "tests" / "documents" / "constructed",
    ROOT / "tests" / "documents" / "tracking",
]


def manifest_dates(folder: Path) -> dict[str, dt.date]:
    """The letters' dates from the corpus manifest beside ``folder`` (none when it has no manifest)."""
    manifest = folder.parent / "manifest.json"
    if folder.name != "docs" or not manifest.exists():
        return {}
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    return {str(e["id"]): dt.date.fromisoformat(e["date"]) for e in entries if e.get("date")}


def _squash(text: str) -> str:
    return re.sub(r"[^\w]+", "", unicodedata.normalize("NFKC", text).casefold())


def _same(a: str, b: str) -> bool:
    """Whether two quotes are one sentence (the first 60 letters of either within the other)."""
    a, b = _squash(a), _squash(b)
    return a[:60] in b or b[:60] in a


def score_chains(links: list[tuple[str, str, str, str, str]]) -> tuple[list[str], list[str]]:
    """The gold links found and the gold negatives linked, by id.

    Args:
        links: (promise document, promise quote, later document, relation, evidence quote) per link.
    """
    gold = json.loads(CHAINS.read_text(encoding="utf-8"))
    found = [
        g["id"]
        for g in gold["links"]
        if any(
            (doc, later) == (g["promise"]["document"], g["evidence"]["document"])
            and _same(quote, g["promise"]["quote"])
            and _same(said, g["evidence"]["quote"])
            and relation in RELATIONS[g["relation"]]
            for doc, quote, later, relation, said in links
        )
    ]
    linked = [
        n["id"]
        for n in gold["negatives"]
        if any(
            (doc, later) == (n["promise"]["document"], n["later"]["document"])
            and _same(quote, n["promise"]["quote"])
            for doc, quote, later, _, _ in links
        )
    ]
    return found, linked


def main(folders: list[Path]) -> None:
    files = sorted(p for folder in folders for p in folder.glob("*.txt"))
    dates = {k: v for folder in folders for k, v in manifest_dates(folder).items()}
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(env={}, database_url=f"sqlite:///{Path(tmp) / 'register.sqlite'}")
        with open_register(settings) as register:
            start = time.perf_counter()
            for path in files:
                identifier = path.stem if path.stem in dates else ""
                register.ingest(analyse_file(path, date=dates.get(path.stem), identifier=identifier))
            ingested = time.perf_counter() - start
            start = time.perf_counter()
            summary = follow_register(register)
            tracked = time.perf_counter() - start
            with Session(register.engine) as session:
                links = session.execute(
                    select(
                        LinkRow.relation, LinkRow.evidence, LinkRow.document_id, LinkRow.quote, CommitmentRow
                    )
                    .join(CommitmentRow, CommitmentRow.id == LinkRow.commitment_id)
                    .order_by(LinkRow.document_id)
                ).all()
                dossiers = {
                    doc_id: dossier
                    for doc_id, dossier in session.execute(select(DocumentRow.id, DocumentRow.dossier))
                }
                cited: dict[str, set[str]] = {}
                for doc_id, norm in session.execute(
                    select(ExtractionRow.document_id, ExtractionRow.norm).where(
                        ExtractionRow.kind == "reference", ExtractionRow.norm != ""
                    )
                ):
                    cited.setdefault(doc_id, set()).add(norm)
    print(f"letters: {len(files)}; commitments: {summary.commitments}")
    print(
        f"ingest: {ingested:.1f} s; track: {tracked:.2f} s ({tracked / max(1, len(files)) * 1000:.1f} ms per letter)"
    )
    print("links:", dict(Counter((r, e) for r, e, *_ in links)))
    crossing = 0
    for relation, evidence, doc_id, quote, commitment in links:
        if relation not in ("fulfils", "partly_fulfils"):
            continue
        refs = cited.get(doc_id, set())
        cross = commitment.dossier != dossiers.get(doc_id) and not (
            commitment.first_document_id in refs
            or any(c.startswith(f"kst-{commitment.dossier}-") for c in refs)
        )
        crossing += cross
        print(
            f"\n{relation} ({evidence}){' CROSSING' if cross else ''}: {commitment.first_document_id} → {doc_id}"
        )
        print(f"  promise: {commitment.quote[:160]}")
        print(f"  later:   {quote[:160]}")
    fulfilments = sum(1 for relation, *_ in links if relation in ("fulfils", "partly_fulfils"))
    print(f"\nfulfilments: {fulfilments}; crossing to an uncited dossier: {crossing}")
    if folders == DEFAULT:
        gold = json.loads(CHAINS.read_text(encoding="utf-8"))
        found, linked = score_chains(
            [(c.first_document_id, c.quote, doc_id, r, quote) for r, _, doc_id, quote, c in links]
        )
        print(
            f"gold links found: {len(found)} / {len(gold['links'])} ({', '.join(found)}); "
            f"gold negatives linked: {len(linked)} / {len(gold['negatives'])} ({', '.join(linked)})"
        )


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or DEFAULT)
