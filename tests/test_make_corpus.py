"""bench/make_corpus.py: N letters with unique Kamerstuk ids and skewed dossier sizes."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

from beleidsmonitor.pipeline import analyse_file

BENCH = Path(__file__).resolve().parents[1] / "bench" / "make_corpus.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_letters_have_unique_ids_and_a_large_dossier(tmp_path: Path) -> None:
    make_corpus = _module()
    paths = make_corpus.build(60, tmp_path / "corpus")
    assert len(paths) == 60 and len({p.read_bytes() for p in paths}) == 60
    ids = [p.stem.split("-", 1)[1] for p in paths]
    assert len(set(ids)) == 60
    sizes = Counter(i.rsplit("-", 1)[0] for i in ids)
    assert max(sizes.values()) >= 20 and min(sizes.values()) <= 8
    for path, expected in list(zip(paths, ids, strict=True))[:2]:
        assert analyse_file(path).metadata.id == expected


def test_dossier_numbers_past_ten_thousand_dossiers_keep_five_digits_and_name_the_letter(
    tmp_path: Path,
) -> None:
    make_corpus = _module()
    assert [make_corpus.dossier_number(i) for i in (0, 9999, 10000, 49999)] == [90000, 99999, 50000, 89999]
    # a 100,000-letter corpus has about 26,000 dossiers: a six-digit number ("116 222") named no
    # dossier and the letter took the id of a Kamerstuk its body cites
    text = make_corpus.source_texts()[0]
    path = tmp_path / "letter.txt"
    number = make_corpus.dossier_number(16222)
    path.write_text(make_corpus.header(number, 3, "Beleidsagenda 16222") + text, encoding="utf-8")
    assert analyse_file(path).metadata.id == f"kst-{number}-3" == "kst-56222-3"
