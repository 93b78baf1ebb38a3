"""Seeded fuzzing of every reader, the analysis (``extract``), ``ingest`` and the web routes.

Each case takes a small valid letter in one of the five formats (text, PDF, HTML, XML, DOCX; built
here, in memory) or one of the repository's test documents, mutates it with a seeded mutator (bit
flips, byte runs, markup nested thousands deep, splices of two formats, huge numbers, odd Unicode,
truncation; DOCX also inside its ``word/document.xml``), and feeds it to ``read_bytes``. What reads
is analysed and turned into the ``extract`` JSON; every ``--store-every``-th analysed case is
ingested into a SQLite register, and at the end every stored document, dossier and commitment is
requested on every page and API route, also with hostile query values.

What reads is analysed along the path of ``extract``: in chunks (pipeline.analyse_chunks, chunks of
``--chunk`` characters) with the JSON written as it comes (write_extraction); a case that is stored
goes into the register from the same chunks, as ``ingest`` stores them (register/rows.py). Every
``--sweep-every`` cases (and at the end) the web routes of the documents and commitments stored
since the last sweep are requested, so that a long run that is stopped has swept what it stored.

Allowed outcomes: the document is read, or refused with a DocumentError (a D0xx code). Anything else
is counted as a traceback (printed with its case number: ``--case N`` replays it), a case that
uses more than ``--limit`` seconds of CPU time (or ten times as long on the clock: a case that
waits) as a hang, a web response ≥ 500 as a server error. CPU time rather than the clock, so that
a run on a shared machine does not count the other processes' load as hangs. Prints the counts,
the rate per second of the clock and of CPU time, and the peak RSS; exits 1 when any traceback,
hang or server error occurred.

    nice -n 10 .venv/bin/python bench/fuzz.py 100000 [--seed 1] [--limit 60] [--store-every 25] [--chunk 500000]
"""

from __future__ import annotations

import argparse
import collections
import io
import logging
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from beleidsmonitor.errors import DocumentError
from beleidsmonitor.model import ChunkAnalysis
from beleidsmonitor.outputs.extraction import write_extraction
from beleidsmonitor.pipeline import analyse_chunks
from beleidsmonitor.register.rows import DocumentRows, rows_of_chunks
from beleidsmonitor.register.store import CommitmentRecord, Register, open_register
from beleidsmonitor.settings import load_settings
from beleidsmonitor.sources import read_bytes
from beleidsmonitor.sources.chunks import CHUNK_CHARACTERS

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "tests" / "documents"

#: a short letter written for this harness: a header, a promise with a deadline, a reference, an amount
LETTER = """99 998 Fuzzdossier

Nr. 3 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 14 maart 2019

In mijn brief van 2 februari jl. (Kamerstuk 99 998, nr. 2) heb ik u een evaluatie toegezegd.
Voor de zomer van 2019 stuur ik u de resultaten; daarvoor is € 2,5 miljoen beschikbaar.
Ik zal uw Kamer voor 1 oktober 2019 informeren over de verdere aanpak.

De Minister van Binnenlandse Zaken en Koninkrijksrelaties,
A.B. Voorbeeld
"""
#: pieces a mutation inserts: markup, PDF and ZIP signatures, numbers and characters that break naive code
TOKENS = (
    b"<",
    b">",
    b"</",
    b"<!DOCTYPE html>",
    b"<?xml version='1.0'?>",
    b"<!--",
    b"<![CDATA[",
    b"&#0;",
    b"&#x110000;",
    b"&amp",
    b"%PDF-1.7\n",
    b"%%EOF",
    b"PK\x03\x04",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r",
    b"\f",
    b"99999999999999999999999",
    b"-1",
    b"31 februari 2019",
    b"voor de zomer van 99999",
    b"Kamerstuk 99 998, nr. 99999999999999999999",
    b"\xe2\x80\xae",
    b"\xcc\x81" * 50,
    b"\xed\xa0\x80",
    b"\xf0\x9f\x98\x80",
    b"obj << /Length 99999999 >> stream",
    b"/Encrypt",
    b"trailer",
    b" R ",
)
MAX_SIZE = 1_000_000
#: a DOCX seed is mutated inside its parts only when they inflate to at most this (the zip bomb among
#: the test documents would take the harness itself to hundreds of MB)
INNER_LIMIT = 16 * 2**20


def pdf_of(text: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica, one line per text line."""
    lines = []
    for line in text.splitlines():
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        lines.append(f"({escaped}) Tj T*")
    stream = ("BT /F1 10 Tf 50 800 Td 13 TL\n" + "\n".join(lines) + "\nET").encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def html_of(text: str) -> bytes:
    """An officielebekendmakingen-like page with one <p> per paragraph."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        '<!DOCTYPE html><html><head><meta name="DC.identifier" content="kst-99998-3">'
        f'<title>Brief</title></head><body><div id="broodtekst">{paragraphs}</div></body></html>'
    ).encode()


def xml_of(text: str) -> bytes:
    """An officiele-publicatie with one <al> per paragraph."""
    paragraphs = "".join(f"<al>{p}</al>" for p in text.split("\n\n"))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><officiele-publicatie><metadata>'
        '<meta name="DC.identifier" content="kst-99998-3"/></metadata>'
        f"<kamerstuk><stuk>{paragraphs}</stuk></kamerstuk></officiele-publicatie>"
    ).encode()


def docx_of(text: str) -> bytes:
    """A Word document with one paragraph per paragraph."""
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    saved = io.BytesIO()
    document.save(saved)
    # python-docx stamps each ZIP entry with the current time: one fixed time keeps the seed, and so
    # every case of a run, the same bytes whenever it is built
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


def seeds() -> list[tuple[str, bytes]]:
    """The documents mutations start from: the harness letter in five formats, then the test documents."""
    small = [
        ("letter.txt", LETTER.encode()),
        ("letter.pdf", pdf_of(LETTER)),
        ("letter.html", html_of(LETTER)),
        ("letter.xml", xml_of(LETTER)),
        ("letter.docx", docx_of(LETTER)),
    ]
    files = sorted(p for p in DOCUMENTS.glob("*") if p.is_file() and p.suffix != ".py")
    files += sorted((DOCUMENTS / "hostile").glob("*"))
    return small + [(p.name, p.read_bytes()) for p in files]


# --- mutations ------------------------------------------------------------------------------------


def _flip(rng: random.Random, data: bytearray) -> None:
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _overwrite(rng: random.Random, data: bytearray) -> None:
    for _ in range(rng.randint(1, 16)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)


def _insert_token(rng: random.Random, data: bytearray) -> None:
    position = rng.randint(0, len(data))
    data[position:position] = rng.choice(TOKENS) * rng.choice((1, 1, 1, 2, 10, 1000))


def _delete(rng: random.Random, data: bytearray) -> None:
    if data:
        start = rng.randrange(len(data))
        del data[start : start + rng.randint(1, 4096)]


def _repeat(rng: random.Random, data: bytearray) -> None:
    if data:
        start = rng.randrange(len(data))
        piece = data[start : start + rng.randint(1, 256)]
        position = rng.randint(0, len(data))
        data[position:position] = piece * rng.choice((2, 10, 1000, 5000))


def _nest(rng: random.Random, data: bytearray) -> None:
    tag = rng.choice((b"div", b"al", b"span", b"p", b"li", b"w:p", b"a"))
    depth = rng.choice((50, 99, 100, 101, 500, 3000, 20000))
    position = rng.randint(0, len(data))
    closing = b"</" + tag + b">" if rng.random() < 0.5 else b""
    data[position:position] = (
        b"<" + tag + b">" * 1 + (b"<" + tag + b">") * (depth - 1) + b"x" + closing * depth
    )


def _truncate(rng: random.Random, data: bytearray) -> None:
    if data:
        del data[rng.randrange(len(data)) :]


def _unicode(rng: random.Random, data: bytearray) -> None:
    position = rng.randint(0, len(data))
    chars = "".join(
        chr(rng.choice((rng.randrange(0x20, 0x3000), rng.randrange(0x10000, 0x10FFFF)))) for _ in range(8)
    )
    data[position:position] = chars.encode("utf-8", errors="surrogatepass")


def _blank_lines(rng: random.Random, data: bytearray) -> None:
    """Many lines or one endless line: the shapes that strain the cleaning stage."""
    position = rng.randint(0, len(data))
    piece = rng.choice((b"\n", b" ", b"-\n", b"1\n", b".\n", b"a ", b"\f"))
    data[position:position] = piece * rng.choice((1000, 20000))


def _splice(rng: random.Random, data: bytearray, other: bytes) -> None:
    cut = rng.randint(0, len(data))
    start = rng.randint(0, len(other))
    data[cut:] = other[start : start + rng.randint(1, 65536)]


MUTATIONS: tuple[Callable[[random.Random, bytearray], None], ...] = (
    _flip,
    _overwrite,
    _insert_token,
    _delete,
    _repeat,
    _nest,
    _truncate,
    _unicode,
    _blank_lines,
)


def mutate(rng: random.Random, data: bytes, pool: list[tuple[str, bytes]], max_size: int = MAX_SIZE) -> bytes:
    """One to four mutations of ``data``, at most ``max_size`` bytes; a DOCX is mutated inside its
    document part half the time."""
    if data.startswith(b"PK\x03\x04") and rng.random() < 0.5 and _inflated_size(data) <= INNER_LIMIT:
        return _mutate_docx(rng, data, max_size)
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.05:
            _splice(rng, out, rng.choice(pool)[1])
        else:
            rng.choice(MUTATIONS)(rng, out)
        if len(out) > max_size:
            del out[max_size:]
    return bytes(out)


def _inflated_size(data: bytes) -> int:
    """The uncompressed size the archive's directory declares (read without inflating anything)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return INNER_LIMIT + 1


def _mutate_docx(rng: random.Random, data: bytes, max_size: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "word/document.xml" if rng.random() < 0.8 else rng.choice(sorted(parts))
    inner = bytearray(parts[name])
    for _ in range(rng.randint(1, 3)):
        rng.choice(MUTATIONS)(rng, inner)
    parts[name] = bytes(inner[:max_size])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            # a fixed time, as in docx_of: a replayed case (--case N) is the same bytes
            archive.writestr(zipfile.ZipInfo(part, (1980, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- running --------------------------------------------------------------------------------------


class Hang(BaseException):
    """A case ran past the time limit (a BaseException: readers that catch Exception must not swallow it)."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Hang


#: a case that waits (uses no CPU) is a hang after this many times the CPU limit on the clock
WALL_FACTOR = 10


def _set_limit(seconds: float) -> None:
    """Raise Hang in this process after ``seconds`` of CPU time or ``WALL_FACTOR`` times that on the clock."""
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR)


class _Discard(io.TextIOBase):
    """A text stream that keeps nothing: the JSON is written in full and dropped."""

    def write(self, text: str) -> int:
        return len(text)


@dataclass
class Report:
    """What a run found."""

    cases: int = 0
    by_seed: collections.Counter[str] = field(default_factory=collections.Counter)
    read: int = 0
    refused: collections.Counter[str] = field(default_factory=collections.Counter)
    analysed: int = 0
    stored: int = 0
    requests: int = 0
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")

    @property
    def clean(self) -> bool:
        """No traceback, no hang, no server error."""
        return not (self.tracebacks or self.hangs or self.server_errors)


def cases(
    count: int, seed: int, start: int = 0, max_size: int = MAX_SIZE, small_only: bool = False
) -> Iterator[tuple[int, str, bytes]]:
    """The cases ``start`` … ``start + count - 1`` of run ``seed``: (number, seed file name, bytes).

    ``small_only`` keeps to the harness's own five small letters (no test documents as seeds).
    """
    pool = seeds()[:5] if small_only else seeds()
    for number in range(start, start + count):
        rng = random.Random(f"{seed}:{number}")
        # the five small letters most of the time: they are quick to analyse
        name, data = pool[rng.randrange(5)] if rng.random() < 0.85 else rng.choice(pool)
        yield number, name, mutate(rng, data, pool, max_size)


def run_case(
    number: int,
    name: str,
    data: bytes,
    report: Report,
    limit: float,
    analysing: bool = True,
    storing: bool = False,
    chunk: int = CHUNK_CHARACTERS,
) -> DocumentRows | None:
    """Read (and, when ``analysing``, analyse as ``extract`` does) one case; record the outcome.

    Returns:
        When ``storing`` and the case was analysed: what ``ingest`` stores of it, taken from the same
        chunks as the JSON.
    """
    report.cases += 1
    report.by_seed[Path(name).suffix or name] += 1
    label = f"case {number} ({name}, {len(data)} bytes)"
    _set_limit(limit)
    began = time.perf_counter()
    try:
        source = read_bytes(data, f"fuzz-{number}-{name}")
        report.read += 1
        if not analysing:
            return None
        chunks = analyse_chunks(source, chunk_characters=chunk)
        if not storing:
            write_extraction(chunks, _Discard())
            report.analysed += 1
            return None
        kept: list[ChunkAnalysis] = []

        def keeping() -> Iterator[ChunkAnalysis]:
            for piece in chunks:
                kept.append(piece)
                yield piece

        # the rows are taken chunk by chunk after the JSON, as ingest would take them
        write_extraction(keeping(), _Discard())
        report.analysed += 1
        return rows_of_chunks(kept)
    except DocumentError as error:
        report.refused[error.code.name] += 1
        return None
    except Hang:
        report.hangs.append(label)
        return None
    except Exception:  # what the harness looks for
        report.tracebacks.append(f"{label}\n{traceback.format_exc()}")
        return None
    finally:
        _set_limit(0)
        spent = time.perf_counter() - began
        if spent > report.slowest[0]:
            report.slowest = (spent, label)


def store(register: Register, rows: DocumentRows, number: int, report: Report) -> None:
    """Ingest one analysed case; any exception is a traceback (a read document must be storable)."""
    try:
        register.ingest_rows(rows)
        report.stored += 1
    except Exception:
        report.tracebacks.append(f"case {number} (ingest)\n{traceback.format_exc()}")


HOSTILE_QUERIES = ("", "9999-12-31", "0001-01-01", "%", "_", "-1", "9223372036854775808", "x" * 5000, "<b>")


@dataclass
class Swept:
    """What earlier sweeps requested: each page is swept once, when it first exists."""

    documents: set[str] = field(default_factory=set)
    dossiers: set[str] = field(default_factory=set)
    commitments: set[int] = field(default_factory=set)


#: the new commitments of one sweep whose pages are requested with every hostile query value as well;
#: the others' pages are requested plain (a fuzzed letter repeats a promise thousands of times: with
#: every value, the sweep of 25 stored cases made 90,000 requests for their 5,018 commitments)
HOSTILE_COMMITMENTS = 50


def _every_commitment(register: Register) -> Iterator[CommitmentRecord]:
    """The register's commitment records, a page at a time: a long run stores hundreds of thousands
    of fuzzed promises, and listing them all at once at each sweep raised the harness's peak memory
    with every sweep (318 MB after 5,000 cases, 416 MB after 10,000)."""
    after = ""
    while True:
        page = register.page_commitments(after=after, limit=1000)
        yield from page.items
        if not page.next_after:
            return
        after = page.next_after


def sweep_web(register: Register, report: Report, swept: Swept | None = None) -> None:
    """The list pages and routes, and every page and API route of each document, dossier and
    commitment stored since the sweep ``swept`` records (all when None), plain and with every
    hostile query value (commitments: the first :data:`HOSTILE_COMMITMENTS` of the sweep; the
    others plain)."""
    import httpx
    from fastapi.testclient import TestClient

    from beleidsmonitor.web.app import create_app

    swept = swept or Swept()
    with TestClient(create_app(register.settings, register)) as client:
        paths = ["/", "/documents", "/commitments", "/search", "/api/dossiers", "/api/commitments"]
        paths += ["/api/documents", "/api/measures", "/api/search"]
        for document in register.list_documents():
            if document.id not in swept.documents:
                swept.documents.add(document.id)
                paths += [f"/documents/{document.id}", f"/api/documents/{document.id}"]
            # a dossier's page changes with each document stored in it
            if document.dossier and document.dossier not in swept.dossiers:
                swept.dossiers.add(document.dossier)
                paths += [f"/dossiers/{document.dossier}", f"/api/dossiers/{document.dossier}"]
        swept.dossiers.clear()
        first_commitment = len(paths)
        plain: list[str] = []
        for record in _every_commitment(register):
            if record.id not in swept.commitments:
                swept.commitments.add(record.id)
                pages = [f"/commitments/{record.id}", f"/api/commitments/{record.id}"]
                if len(paths) + len(pages) <= first_commitment + 2 * HOSTILE_COMMITMENTS:
                    paths += pages
                else:
                    plain += pages
        requests = [(path, value) for path in paths for value in HOSTILE_QUERIES]
        for path, value in requests + [(path, "") for path in plain]:
            params = {"as_of": value, "q": value, "ministry": value} if value else {}
            try:
                response = client.get(path, params=params)
            except httpx.InvalidURL as error:  # a fuzzed document's id too long for a URL
                report.server_errors.append(f"{path[:80]}… (client: {error})")
                continue
            report.requests += 1
            if response.status_code >= 500:
                report.server_errors.append(f"{path} {str(params)[:80]} → {response.status_code}")


def fuzz(
    count: int,
    seed: int = 1,
    *,
    limit: float = 60.0,
    store_every: int = 25,
    analyse_every: int = 1,
    max_size: int = MAX_SIZE,
    small_only: bool = False,
    start: int = 0,
    progress: int = 0,
    chunk: int = CHUNK_CHARACTERS,
    sweep_every: int = 5000,
) -> Report:
    """Run ``count`` cases of run ``seed`` (see the module docstring); returns the report.

    Every case is read; every ``analyse_every``-th case is also analysed; every ``store_every``-th
    analysed case is ingested; every ``sweep_every`` cases and at the end the web routes of what was
    stored since are requested; every ``progress`` cases a line of counts goes to stderr.
    """
    report = Report()
    logging.disable(logging.CRITICAL)  # the harness counts outcomes; log lines would drown them
    previous = signal.signal(signal.SIGALRM, _alarm), signal.signal(signal.SIGPROF, _alarm)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = load_settings(env={}, database_url=f"sqlite:///{Path(folder) / 'fuzz.sqlite'}")
            with open_register(settings) as register:
                swept = Swept()
                for number, name, data in cases(count, seed, start, max_size, small_only):
                    analysing = number % analyse_every == 0
                    # the case would be the n-th analysed: every store_every-th from the first is stored
                    storing = store_every == 1 or (report.analysed + 1) % store_every == 1
                    tracebacks, hangs = len(report.tracebacks), len(report.hangs)
                    rows = run_case(number, name, data, report, limit, analysing, storing, chunk)
                    if progress and report.cases % progress == 0:
                        print(
                            f"… {report.cases} cases: tracebacks {len(report.tracebacks)}, "
                            f"hangs {len(report.hangs)}, web requests {report.requests} "
                            f"(>= 500: {len(report.server_errors)}), peak RSS {peak_rss_mb():.0f} MB, "
                            f"CPU {time.process_time():.0f} s",
                            file=sys.stderr,
                            flush=True,
                        )
                    if rows is not None:
                        store(register, rows, number, report)
                    if sweep_every and report.cases % sweep_every == 0:
                        errors = len(report.server_errors)
                        sweep_web(register, report, swept)
                        if progress:
                            for found in report.server_errors[errors:]:
                                print(found[:400], file=sys.stderr, flush=True)
                    if progress:  # at once: a long run that is stopped still names what it found
                        for found in report.tracebacks[tracebacks:] + report.hangs[hangs:]:
                            print(found[:4000], file=sys.stderr, flush=True)
                sweep_web(register, report, swept)
    finally:
        signal.signal(signal.SIGALRM, previous[0])
        signal.signal(signal.SIGPROF, previous[1])
        logging.disable(logging.NOTSET)
    return report


def peak_rss_mb() -> float:
    """The peak resident memory of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    """Parse the options, run, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=1000, help="number of cases")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="first case number (to continue a run)")
    parser.add_argument("--case", type=int, help="replay this one case")
    parser.add_argument("--limit", type=float, default=60.0, help="CPU seconds after which a case is a hang")
    parser.add_argument("--chunk", type=int, default=CHUNK_CHARACTERS, help="characters per analysed chunk")
    parser.add_argument("--store-every", type=int, default=25, help="ingest every n-th analysed case")
    parser.add_argument("--analyse-every", type=int, default=1, help="analyse every n-th case (all are read)")
    parser.add_argument("--max-size", type=int, default=MAX_SIZE, help="largest mutated input in bytes")
    parser.add_argument("--progress", type=int, default=500, help="print running counts every n cases")
    parser.add_argument(
        "--sweep-every",
        type=int,
        default=5000,
        help="request the web routes of what was stored every n cases",
    )
    args = parser.parse_args()
    if args.case is not None:
        args.start, args.count = args.case, 1
    began = time.perf_counter()
    cpu_began = time.process_time()
    report = fuzz(
        args.count,
        args.seed,
        limit=args.limit,
        store_every=args.store_every,
        analyse_every=args.analyse_every,
        max_size=args.max_size,
        start=args.start,
        progress=args.progress,
        chunk=args.chunk,
        sweep_every=args.sweep_every,
    )
    elapsed = time.perf_counter() - began
    cpu = time.process_time() - cpu_began
    for text in report.tracebacks[:10]:
        print(text[:4000], file=sys.stderr)
    for text in report.hangs[:10] + report.server_errors[:10]:
        print(text[:400], file=sys.stderr)
    seeds_line = ", ".join(f"{k} {v}" for k, v in sorted(report.by_seed.items()))
    refused = ", ".join(f"{k} {v}" for k, v in sorted(report.refused.items()))
    print(
        f"cases: {report.cases} from seed {args.seed}, numbers {args.start}..{args.start + args.count - 1} ({seeds_line})"
    )
    print(
        f"read: {report.read}, analysed: {report.analysed}, refused: {sum(report.refused.values())} ({refused})"
    )
    print(f"stored: {report.stored}, web requests: {report.requests}")
    print(
        f"tracebacks: {len(report.tracebacks)}, hangs (> {args.limit:g} CPU-s): {len(report.hangs)}, "
        f"web responses >= 500: {len(report.server_errors)}"
    )
    print(f"slowest case: {report.slowest[0]:.2f} s ({report.slowest[1]})")
    print(
        f"peak RSS: {peak_rss_mb():.0f} MB, time: {elapsed:.0f} s ({report.cases / elapsed:.1f} cases/s), "
        f"CPU time: {cpu:.0f} s ({report.cases / cpu:.1f} cases per CPU-second)"
    )
    return 0 if report.clean else 1


if __name__ == "__main__":
    sys.exit(main())
