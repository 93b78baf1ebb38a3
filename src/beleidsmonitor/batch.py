"""Many files into the register: analyse each, keep errors per file, yield progress events.

Files are analysed in-process, one after the other; only this parent loop writes to the register,
one transaction per document. A file that cannot be read (DocumentError) or stored (RegisterError)
is recorded in its event and the batch goes on: a document is stored whole or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from beleidsmonitor.errors import Code, DocumentError, RegisterError
from beleidsmonitor.model import Analysis
from beleidsmonitor.register.store import IngestResult, Register

logger = logging.getLogger(__name__)

Analyser = Callable[[Path], Analysis]


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """One file done: its place in the batch and either what was stored or what went wrong."""

    done: int
    total: int
    path: str
    result: IngestResult | None
    #: one line saying what is wrong with the file; empty when it was stored (or already there)
    problem: str = ""

    @property
    def failed(self) -> bool:
        """Whether the file could not be analysed or stored."""
        return bool(self.problem)


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Totals of a batch."""

    documents: int
    duplicates: int
    commitments: int
    mentions: int
    errors: tuple[ProgressEvent, ...]


def collect_files(paths: Iterable[str | Path]) -> tuple[Path, ...]:
    """The files named by ``paths``: files as given, folders searched recursively (hidden entries skipped).

    Raises:
        DocumentError: D010 when a path does not exist.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            out.append(path)
        else:
            raise DocumentError(str(path), Code.D010)
    return tuple(out)


def _default_analyser(path: Path) -> Analysis:
    from beleidsmonitor.pipeline import analyse_file  # the pipeline imports every stage: load on use

    return analyse_file(path)


def ingest_files(
    register: Register, files: Iterable[Path], analyse: Analyser | None = None
) -> Iterator[ProgressEvent]:
    """Analyse each file and store it; yield one event per file.

    Args:
        register: where the documents go (only this loop writes to it).
        files: the files, e.g. from :func:`collect_files`.
        analyse: the analysing function; the pipeline's ``analyse_file`` when None.

    Yields:
        One :class:`ProgressEvent` per file, in order.
    """
    run = analyse or _default_analyser
    todo = tuple(files)
    for done, path in enumerate(todo, start=1):
        try:
            analysis = run(path)
            result = register.ingest(analysis)
        except DocumentError as exc:
            logger.warning("%s: %s %s", path, exc.code.name, exc.reason)
            yield ProgressEvent(done, len(todo), str(path), None, f"{exc.code.name} {exc.reason}")
            continue
        except RegisterError as exc:
            logger.warning("%s: %s", path, exc)
            yield ProgressEvent(done, len(todo), str(path), None, str(exc))
            continue
        except Exception as exc:  # a fault of this package must not end the batch: kept for this file
            logger.exception("%s: not stored", path)
            error = DocumentError(str(path), Code.D013, f"{type(exc).__name__}: {exc}"[:200])
            yield ProgressEvent(done, len(todo), str(path), None, f"{error.code.name} {error.reason}")
            continue
        yield ProgressEvent(done, len(todo), str(path), result)


def summarise(events: Iterable[ProgressEvent]) -> BatchSummary:
    """Totals over the events of a batch."""
    documents = duplicates = commitments = mentions = 0
    errors = []
    for event in events:
        if event.result is None:
            errors.append(event)
        elif event.result.added:
            documents += 1
            commitments += event.result.commitments_new
            mentions += event.result.mentions
        else:
            duplicates += 1
    return BatchSummary(documents, duplicates, commitments, mentions, tuple(errors))
