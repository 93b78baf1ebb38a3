"""Time the track stage over real letters and count what it links.

Usage: python bench/bench_track.py [FOLDER ...]   (default: ../shared/corpus/real/docs and pool/docs,
tests/documents, tests/documents/constructed and tests/documents/tracking: every letter of the issue's
"zero false fulfilments across all letters in tests/ and ../shared/corpus/")

Ingests every letter into a fresh SQLite register (the real pipeline, ids from the file names, dates
from the corpus manifest next to a folder when there is one, else read from the letter), runs
the track stage once, and prints the ingest and tracking time, the links per relation and evidence,
and the fulfilments that cross to a commitment of another dossier the later letter does not cite
(the issue asks for 0). Every fulfilment is listed, for reading by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
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


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or DEFAULT)
