"""The budget of one document's analysis: a forked child, watched and stopped by its parent."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from beleidsmonitor.budget import Budget, call_each_within_budget, call_within_budget
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


def test_each_item_in_one_child_until_one_breaks_its_budget(caplog: pytest.LogCaptureFixture) -> None:
    def work(item: str) -> int:
        logging.getLogger("beleidsmonitor.test").warning("item %s", item)
        if item == "slow":
            time.sleep(60)
        if item == "unreadable":
            raise DocumentError(item, Code.D011)
        if item == "dies":
            os._exit(3)
        return os.getpid()

    items = ["a", "b", "slow", "c", "unreadable", "d", "dies", "e"]
    with caplog.at_level(logging.WARNING):
        results = call_each_within_budget(work, items, [f"{i}.txt" for i in items], Budget(2, 512))
    a, b, slow, c, unreadable, d, dies, e = results
    assert isinstance(a, int) and a == b != os.getpid()  # one fork for the items that keep to the budget
    assert isinstance(slow, DocumentError) and (slow.path, slow.code) == ("slow.txt", Code.D020)
    assert isinstance(c, int) and c not in (a, os.getpid()) and d == c  # a fresh child went on
    assert isinstance(unreadable, DocumentError) and unreadable.code is Code.D011
    assert isinstance(dies, DocumentError) and dies.code is Code.D013 and "exit code 3" in dies.reason
    assert isinstance(e, int) and e not in (a, c)
    logged = [r.getMessage() for r in caplog.records if r.name == "beleidsmonitor.test"]
    assert logged == [f"item {i}" for i in ["a", "b", "c", "unreadable", "d", "e"]]
