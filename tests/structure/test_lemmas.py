"""The trie-backed lemmas give simplemma's own lemmas, and the trie is cached on disk or kept in memory."""

from __future__ import annotations

from pathlib import Path

import pytest
import simplemma

from beleidsmonitor.structure import lemmas

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


@pytest.mark.parametrize("word", WORDS)
def test_lemma_is_simplemmas(word: str) -> None:
    assert lemmas.lemmatize(word) == simplemma.lemmatize(word, lang="nl")
    assert lemmas.is_known(word) == simplemma.is_known(word, lang="nl")


def test_known_and_unknown() -> None:
    assert lemmas.lemmatize("stuurt") == "sturen"
    assert lemmas.is_known("sturen")
    assert not lemmas.is_known("xqzv")


def test_trie_written_once_then_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = lemmas._open_trie()
    files = list((tmp_path / "beleidsmonitor").iterdir())
    assert [f.suffix for f in files] == [".marisa"]
    mapped = lemmas._open_trie()
    assert mapped.get("stuurt") == built.get("stuurt") == [b"sturen"]


def test_unwritable_cache_kept_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    trie = lemmas._open_trie()
    assert trie.get("stuurt") == [b"sturen"]
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_damaged_cache_built_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lemmas._open_trie()
    (path,) = (tmp_path / "beleidsmonitor").iterdir()
    path.write_bytes(b"half a file")
    trie = lemmas._open_trie()
    assert trie.get("stuurt") == [b"sturen"]
    assert path.stat().st_size > 1_000_000
