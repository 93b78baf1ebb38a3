"""The trie-backed lemmas give simplemma's own lemmas, and the trie is cached on disk or kept in memory.

Each check runs in a child process: simplemma's own lemmatiser and a trie build decode its whole Dutch
dictionary, memory the test process would otherwise keep (and pass on to the workers it forks).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

WORDS = [
    "stuurt",
    "geïnformeerd",
    "toegezegd",
    "onderzoeken",
    "brieven",
    "kamerbrief",
    "voortgangsrapportage",
    "zal",
    "aan_bieden",
    "Kamer",
    "xqzv",
    "beleidsmonitor",
]

_COMPARE = """
import json, sys, simplemma
from beleidsmonitor.structure import lemmas
words = json.loads(sys.argv[1])
print(json.dumps({
    w: [lemmas.lemmatize(w), simplemma.lemmatize(w, lang="nl"), lemmas.is_known(w), simplemma.is_known(w, lang="nl")]
    for w in words
}))
"""

_OPEN = """
import json
from beleidsmonitor.structure import lemmas
trie = lemmas._open_trie()
print(json.dumps([v.decode() for v in trie.get("stuurt", [])]))
"""


def _child(code: str, cache: Path, *args: str) -> Any:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Any]]:
    result: dict[str, list[Any]] = _child(_COMPARE, tmp_path_factory.mktemp("cache"), json.dumps(WORDS))
    return result


@pytest.mark.parametrize("word", WORDS)
def test_lemma_is_simplemmas(compared: dict[str, list[Any]], word: str) -> None:
    ours, theirs, ours_known, theirs_known = compared[word]
    assert ours == theirs
    assert ours_known == theirs_known


def test_known_and_unknown(compared: dict[str, list[Any]]) -> None:
    assert compared["stuurt"][0] == "sturen"
    assert compared["onderzoeken"][2] is True
    assert compared["xqzv"][2] is False


def test_trie_written_once_then_mapped(tmp_path: Path) -> None:
    assert _child(_OPEN, tmp_path) == ["sturen"]
    files = list((tmp_path / "beleidsmonitor").iterdir())
    assert [f.suffix for f in files] == [".marisa"]
    written = files[0].stat().st_mtime_ns
    assert _child(_OPEN, tmp_path) == ["sturen"]
    assert files[0].stat().st_mtime_ns == written  # mapped, not built again


def test_unwritable_cache_kept_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert _child(_OPEN, blocker) == ["sturen"]
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_damaged_cache_built_again(tmp_path: Path) -> None:
    _child(_OPEN, tmp_path)
    (path,) = (tmp_path / "beleidsmonitor").iterdir()
    path.write_bytes(b"half a file")
    assert _child(_OPEN, tmp_path) == ["sturen"]
    assert path.stat().st_size > 1_000_000
