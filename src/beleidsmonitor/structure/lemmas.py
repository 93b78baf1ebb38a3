"""Dutch lemmas for the clause analysis: simplemma's Dutch dictionary, read through a MARISA trie.

simplemma decodes its whole Dutch dictionary (about 370,000 word forms) the first time a process asks
for a lemma, which takes half a second: more than the extraction of a short letter. The same entries in
a MARISA trie are mapped from disk in under a millisecond and looked up in microseconds, so a process
pays only for the words it reads. The trie is built once per simplemma version from simplemma's own
data (the same keys and values, so the same lemmas) and written, atomically, to
``$XDG_CACHE_HOME/beleidsmonitor`` (``~/.cache/beleidsmonitor`` when unset). Where that folder cannot be
written the trie is kept in memory for the life of the process.

Nothing is loaded at import: simplemma and the trie are opened on the first look-up.
"""

from __future__ import annotations

import logging
import os
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

_LANG = "nl"


class _TrieMapping(Mapping[str, str]):
    """simplemma's dictionary interface over a ``marisa_trie.BytesTrie`` (values are UTF-8 bytes)."""

    __slots__ = ("_trie",)

    def __init__(self, trie: Any) -> None:
        self._trie = trie

    def get(self, key: str, default: Any = None) -> Any:
        found = self._trie.get(key)
        return found[0].decode() if found else default

    def __getitem__(self, key: str) -> str:
        found = self._trie.get(key)
        if not found:
            raise KeyError(key)
        return str(found[0].decode())

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.iterkeys())

    def __len__(self) -> int:
        return len(self._trie)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "beleidsmonitor"


def _build_trie() -> Any:
    import marisa_trie
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    raw = _load_dictionary_from_disk(_LANG)
    return marisa_trie.BytesTrie((key.decode(), value) for key, value in raw.items())


def _open_trie() -> Any:
    """The trie from the cache folder, built and stored there first when missing."""
    import marisa_trie
    from simplemma.__metadata__ import __version__

    path = _cache_dir() / f"simplemma-{__version__}-{_LANG}.marisa"
    if path.is_file():
        try:
            return marisa_trie.BytesTrie().mmap(str(path))
        except Exception:  # a damaged file: built again below
            logger.warning("%s: unreadable lemma cache, building it again", path)
    trie = _build_trie()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # written under another name and renamed: a process opening it never sees half a file
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        os.close(fd)
        try:
            trie.save(tmp)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as error:
        logger.info("%s: lemma cache not written (%s); kept in memory", path, error)
    return trie


class _TrieFactory:
    """A simplemma ``DictionaryFactory`` serving the Dutch dictionary from the trie."""

    def __init__(self) -> None:
        self._mapping: _TrieMapping | None = None

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != _LANG:
            raise ValueError(f"only {_LANG} is served: {lang}")
        if self._mapping is None:
            self._mapping = _TrieMapping(_open_trie())
        return self._mapping


@cache
def _simplemma() -> tuple[Any, Any]:
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionary_lookup import DictionaryLookupStrategy

    factory = _TrieFactory()
    return (
        Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)),
        DictionaryLookupStrategy(factory),
    )


def lemmatize(word: str) -> str:
    """simplemma's Dutch lemma of ``word`` (the word itself when it knows none)."""
    lemma: str = _simplemma()[0].lemmatize(word, _LANG)
    return lemma


def is_known(word: str) -> bool:
    """Whether ``word`` is a form in simplemma's Dutch dictionary."""
    return _simplemma()[1].get_lemma(unicodedata.normalize("NFC", word), _LANG) is not None


__all__ = ["is_known", "lemmatize"]
