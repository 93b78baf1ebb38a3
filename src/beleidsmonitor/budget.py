"""The time and memory budget of one document's analysis, kept by a parent that can stop the work.

Settings ``analysis_seconds`` and ``analysis_memory_mb`` give the budget. The work runs in a process
forked for it (or in a pool worker, batch.py) and its parent watches the wall time and the resident
memory the process gained since it started (a forked process starts with its parent's pages, which
are no part of what the analysis uses); past either limit the process is killed and the file gets a
D020 error naming the limit and its setting. Every command that analyses a document goes through
here: ``ingest`` (its workers, or a Dask task's child), ``extract``, ``parse``, ``evaluate``,
``fetch`` and ``watch``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from beleidsmonitor.errors import Code, DocumentError

if TYPE_CHECKING:
    from beleidsmonitor.settings import Settings

logger = logging.getLogger(__name__)

R = TypeVar("R")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Budget:
    """The time and memory one document's analysis may take."""

    seconds: float = 60.0
    memory_mb: int = 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> Budget:
        """The budget the settings give (``analysis_seconds``, ``analysis_memory_mb``)."""
        return cls(settings.analysis_seconds, settings.analysis_memory_mb)


def time_detail(budget: Budget) -> str:
    """What a D020 error says when the time ran out."""
    return f"analysis took longer than {budget.seconds:g} s (setting analysis_seconds)"


def memory_detail(budget: Budget) -> str:
    """What a D020 error says when the memory ran out."""
    return f"analysis used more than {budget.memory_mb} MB (setting analysis_memory_mb)"


def lost_detail(code: int | None) -> str:
    """The D013 detail of a file whose analysing process died."""
    return f"the worker analysing it stopped (exit code {code})"


def resident_mb(pid: int) -> float:
    """Resident memory of a process in MiB (Linux /proc); 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def call_within_budget(function: Callable[[], R], name: str, budget: Budget) -> R:
    """``function()`` in a forked child process watched against ``budget``; its result comes back pickled.

    Where processes cannot be forked the function runs in this process without a budget.

    Args:
        function: the work; what it returns must pickle.
        name: the file, named in errors.
        budget: the time and memory the child may take.

    Returns:
        What ``function`` returned.

    Raises:
        DocumentError: D020 when the child went past the budget (it is stopped), D013 when it died or
            raised something other than a DocumentError; a DocumentError ``function`` raised.
    """
    if not hasattr(os, "fork"):
        return function()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, send the pickled outcome, leave without the parent's cleanup
        code = 0
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            records = _collect_log()
            data = pickle.dumps((_run(function, name), records))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        data = _watch_child(pid, read_end, name, budget)
    except KeyboardInterrupt:  # Ctrl-C while the child works: it must not outlive the command
        _stop(pid)
        raise
    finally:
        os.close(read_end)
    result: R = _decode(data, name)
    return result


def call_each_within_budget(
    function: Callable[[T], R], items: Sequence[T], names: Sequence[str], budget: Budget
) -> list[R | DocumentError]:
    """``function(item)`` for each item in turn, each watched against ``budget``, in one forked child
    that goes on from item to item: the fork is paid once for all of them (in a large process such
    as a Dask worker it costs more than a short letter's analysis). A child stopped for an item's
    budget, or lost, gives that item its error and a fresh child takes the next item.

    Args:
        function: the work on one item; what it returns must pickle.
        items: the items, in order.
        names: the file each item is, named in errors.
        budget: the time and memory each item may take.

    Returns:
        Per item what ``function`` returned, or the DocumentError it raised or that stopped it (D020
        past the budget, D013 when the child died or raised something else).
    """
    out: list[R | DocumentError] = []
    if not hasattr(os, "fork"):
        for item in items:
            try:
                out.append(function(item))
            except DocumentError as exc:
                out.append(exc)
        return out
    while len(out) < len(items):
        out.extend(_serve(function, items[len(out) :], names[len(out) :], budget))
    return out


def _serve(
    function: Callable[[T], R], items: Sequence[T], names: Sequence[str], budget: Budget
) -> list[R | DocumentError]:
    """The results of a forked child working through ``items`` until the end or the first item it
    does not finish within the budget (whose error is the last result)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one length-prefixed pickled outcome per item, as each is done
        code = 0
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            records = _collect_log()
            with os.fdopen(write_end, "wb") as pipe:
                for item, name in zip(items, names, strict=True):
                    data = pickle.dumps((_run(partial(function, item), name), records))
                    pipe.write(len(data).to_bytes(8, "big") + data)
                    pipe.flush()
                    records.clear()
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write_end)
    out: list[R | DocumentError] = []
    buffer = bytearray()
    try:
        for name in names:
            try:
                data = _next_frame(pid, read_end, name, budget, buffer)
            except DocumentError as exc:  # past the budget: the child is stopped
                out.append(exc)
                return out
            try:
                out.append(_decode(data, name))
            except DocumentError as exc:
                out.append(exc)
        os.waitpid(pid, 0)
        return out
    except KeyboardInterrupt:  # Ctrl-C while the child works: it must not outlive the command
        _stop(pid)
        raise
    finally:
        os.close(read_end)


def _next_frame(pid: int, pipe: int, name: str, budget: Budget, buffer: bytearray) -> bytes:
    """The next outcome the child sends, while it keeps to ``budget`` on this item.

    Raises:
        DocumentError: D020 past the budget (the child is stopped), D013 when it died first.
    """
    started = time.monotonic()
    baseline = resident_mb(pid)  # what the child held before this item
    while True:
        if len(buffer) >= 8:
            size = int.from_bytes(buffer[:8], "big")
            if len(buffer) >= 8 + size:
                data = bytes(buffer[8 : 8 + size])
                del buffer[: 8 + size]
                return data
        chunk = _read_within(pid, pipe, name, budget, started, baseline)
        if not chunk:
            _, status = os.waitpid(pid, 0)  # the child closed its end before the outcome: it died
            raise DocumentError(name, Code.D013, lost_detail(os.waitstatus_to_exitcode(status)))
        buffer += chunk


def _read_within(pid: int, pipe: int, name: str, budget: Budget, started: float, baseline: float) -> bytes:
    """The next bytes of ``pipe`` (empty when the child closed it), while the child keeps to ``budget``
    counted from ``started`` and ``baseline`` resident megabytes; the child is stopped when it does not.

    Raises:
        DocumentError: D020 past the budget.
    """
    while True:
        left = budget.seconds - (time.monotonic() - started)
        if left <= 0:
            detail = time_detail(budget)
        elif resident_mb(pid) - baseline > budget.memory_mb:
            detail = memory_detail(budget)
        else:
            ready, _, _ = select.select([pipe], [], [], min(0.2, left))
            if ready:
                return os.read(pipe, 1 << 20)
            continue
        logger.warning("%s: %s; analysis stopped", name, detail)
        _stop(pid)
        raise DocumentError(name, Code.D020, detail)


def _run(function: Callable[[], object], name: str) -> tuple[str, object]:
    """In a child: what ``function()`` gave, as the parent decodes it (:func:`_decode`)."""
    try:
        return ("done", function())
    except DocumentError as exc:
        return ("document", (exc.path, exc.code.name, exc.detail))
    except Exception as exc:  # a fault of this package: the parent reports it for this file
        logger.exception("%s: analysis failed", name)
        return ("fault", f"{type(exc).__name__}: {exc}"[:200])


def _decode(data: bytes, name: str) -> Any:
    """The result a child sent, its log lines emitted here.

    Raises:
        DocumentError: the one the work raised, or D013 for a fault.
    """
    (kind, value), records = pickle.loads(data)
    for record in records:  # the child's log lines, to this process's handlers
        logging.getLogger(record.name).handle(record)
    if kind == "document":
        path, code_name, detail = value
        raise DocumentError(path, Code[code_name], detail)
    if kind == "fault":
        raise DocumentError(name, Code.D013, value)
    return value


def _stop(pid: int) -> None:
    """Kill a child and reap it."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


class _Collector(logging.Handler):
    """Keeps the log records of a child process, made picklable, to send them to its parent."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__()
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def _collect_log() -> list[logging.LogRecord]:
    """In a child: its log records go to the returned list instead of the handlers it inherited (the
    parent emits them, once, where its own handlers write: a test's captured stderr, a log file)."""
    records: list[logging.LogRecord] = []
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(_Collector(records))
    return records


def _watch_child(pid: int, pipe: int, name: str, budget: Budget) -> bytes:
    """The bytes the child writes to ``pipe`` while it keeps to ``budget``; stop it when it does not.

    Raises:
        DocumentError: D020 past the budget, D013 when the child died without an answer.
    """
    started = time.monotonic()
    baseline = resident_mb(pid)  # the parent's pages the child starts with
    chunks: list[bytes] = []
    while chunk := _read_within(pid, pipe, name, budget, started, baseline):
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not chunks:
        raise DocumentError(name, Code.D013, lost_detail(code))
    return b"".join(chunks)
