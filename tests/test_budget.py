"""The budget of one document's analysis: a forked child, watched and stopped by its parent."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from beleidsmonitor.budget import Budget, call_within_budget
from beleidsmonitor.errors import Code, DocumentError


def test_the_result_and_the_log_of_the_child_come_back(caplog: pytest.LogCaptureFixture) -> None:
    def work() -> list[int]:
        logging.getLogger("beleidsmonitor.test").warning("in the child %d", 7)
        return [os.getpid(), 42]

    with caplog.at_level(logging.WARNING):
        child, answer = call_within_budget(work, "brief.txt", Budget(seconds=30, memory_mb=512))
    assert answer == 42 and child != os.getpid()
    assert [r.getMessage() for r in caplog.records if r.name == "beleidsmonitor.test"] == ["in the child 7"]


def test_a_document_error_in_the_child_is_raised_in_the_parent() -> None:
    def work() -> None:
        raise DocumentError("brief.txt", Code.D011)

    with pytest.raises(DocumentError) as caught:
        call_within_budget(work, "brief.txt", Budget(seconds=30, memory_mb=512))
    assert (caught.value.path, caught.value.code) == ("brief.txt", Code.D011)


def test_ctrl_c_while_the_child_works_stops_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "child.pid"

    def work() -> None:
        marker.write_text(str(os.getpid()), encoding="ascii")
        time.sleep(120)

    def interrupt() -> None:
        while not marker.exists() or not marker.read_text(encoding="ascii"):
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    thread = threading.Thread(target=interrupt)
    thread.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            call_within_budget(work, "brief.txt", Budget(seconds=300, memory_mb=512))
    finally:
        thread.join()
    child = int(marker.read_text(encoding="ascii"))
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left running
        os.kill(child, 0)
