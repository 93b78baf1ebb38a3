"""Large texts in chunks: cuts at paragraph boundaries, offsets into the whole document, the same JSON.

A letter is one chunk at the default size (500,000 characters), so its output is byte for byte what
the whole analysis gives. The example letter cut into chunks of 4,000 characters gives the same
extraction, offsets included, except what depends on the document's layout as a whole (listed in
sources/chunks.py): heading levels and letter/annex parts, and what follows from them.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from beleidsmonitor.model import SourceDocument
from beleidsmonitor.outputs.extraction import analysis_to_dict, write_extraction
from beleidsmonitor.outputs.structure import structure_to_dict, write_structure
from beleidsmonitor.pipeline import analyse, analyse_chunks
from beleidsmonitor.sources import read_source
from beleidsmonitor.sources.chunks import chunk_bounds
from conftest import EXAMPLE

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
DAY = dt.date(2013, 12, 19)
SMALL = 4000


def _letters() -> list[Path]:
    return [EXAMPLE, *sorted((REAL / "docs").glob("*.txt"))[:6]]


def _extraction(source: SourceDocument, size: int, date: dt.date | None = DAY) -> str:
    out = io.StringIO()
    write_extraction(analyse_chunks(source, date=date, chunk_characters=size), out)
    return out.getvalue()


def _structure(source: SourceDocument, size: int) -> str:
    out = io.StringIO()
    write_structure(analyse_chunks(source, date=DAY, chunk_characters=size), out)
    return out.getvalue()


@pytest.mark.parametrize("path", _letters(), ids=lambda p: p.stem)
def test_a_letter_in_one_chunk_is_written_byte_for_byte_as_the_whole(path: Path) -> None:
    source = read_source(path)
    whole = analyse(source, date=DAY)
    assert _extraction(source, 500_000) == json.dumps(analysis_to_dict(whole), ensure_ascii=False, indent=1)
    assert _structure(source, 500_000) == json.dumps(
        structure_to_dict(whole.clean, whole.structure), ensure_ascii=False, indent=1
    )


def test_cuts_fall_between_paragraphs_and_no_sentence_spans_two_chunks() -> None:
    source = read_source(EXAMPLE)
    bounds = chunk_bounds(source.text, SMALL)
    assert len(bounds) == 13
    assert bounds[0][0] == 0 and bounds[-1][1] == len(source.text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    cuts = [start for start, _ in bounds[1:]]
    for cut in cuts:
        before = source.text[:cut].rstrip(" ")
        assert before.endswith("\n\n") or before.rstrip().endswith((".", ":", ";", "!", "?"))
    sentences = json.loads(_structure(source, 10**6))["sentences"]
    assert not [
        (s["text"], cut) for s in sentences for cut in cuts if s["source_start"] < cut < s["source_end"]
    ]


def _without(items: list[dict[str, Any]], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{k: v for k, v in item.items() if k not in fields} for item in items]


def test_the_example_in_small_chunks_gives_the_same_extraction_but_for_the_layout_of_the_whole() -> None:
    source = read_source(EXAMPLE)
    whole = analysis_to_dict(analyse(source, date=DAY))
    chunked = json.loads(_extraction(source, SMALL))
    for key in ("time_expressions", "references", "amounts", "letters", "counts", "organisations", "people"):
        assert chunked[key] == whole[key], key
    assert chunked["footnotes"] == whole["footnotes"]
    # the metadata: each field from the first chunk that has it; the addressee the analysis derives
    # from "uw Kamer" in the chunk that shows it is a letter is not derived again
    assert {k: v for k, v in chunked["document"].items() if k != "addressee"} == {
        k: v for k, v in whole["document"].items() if k != "addressee"
    }
    # headings: the same text at the same offsets; levels and parts are decided per chunk
    assert _without(chunked["headings"], ("level", "part")) == _without(whole["headings"], ("level", "part"))
    assert [h["level"] for h in chunked["headings"]] != [h["level"] for h in whole["headings"]]
    # commitments: the same sentences, kinds, deadlines and offsets; their place under the headings
    # (and so merging by section) is decided per chunk, and with it the learned decision's confidence and the
    # evidence it shows (its strongest features), which read the sentence's place (annex, list item:
    # extract/commitment_model.py)
    layout = ("section", "topic_path", "part", "same_as", "confidence", "evidence")
    assert _without(chunked["commitments"], layout) == _without(whole["commitments"], layout)
    assert len(chunked["commitments"]) == 58


def test_offsets_of_a_chunked_document_point_into_its_text_and_source() -> None:
    source = read_source(EXAMPLE)
    parsed = json.loads(_structure(source, SMALL))
    text = parsed["text"]
    whole = analyse(source, date=DAY)
    assert text == whole.clean.text
    for sentence in parsed["sentences"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    extracted = json.loads(_extraction(source, SMALL))
    for commitment in extracted["commitments"]:
        start, end = commitment["span"]
        assert text[start:end] == commitment["quote"]
        src_start, src_end = commitment["source_span"]
        assert (
            " ".join(source.text[src_start:src_end].split()).replace("- ", "-")[:20]
            == commitment["quote"][:20]
        )
    spans = [(s["start"], s["end"], s["source_start"], s["source_end"]) for s in parsed["sentences"]]
    assert spans == [
        (s["start"], s["end"], s["source_start"], s["source_end"])
        for s in structure_to_dict(whole.clean, whole.structure)["sentences"]
    ]


def test_a_text_without_blank_lines_is_cut_at_a_sentence_end_or_a_space() -> None:
    text = "Het kabinet zal de Kamer informeren. " * 40 + "woord " * 200
    bounds = chunk_bounds(text, 300)
    for start, end in bounds:
        assert end - start <= 300
    sentences = len("Het kabinet zal de Kamer informeren. ") * 40
    assert all(text[:cut].endswith(". ") for cut, _ in bounds[1:] if cut <= sentences)
    assert len([cut for cut, _ in bounds[1:] if cut <= sentences]) == 5
    assert all(text[:cut].endswith(" ") for cut, _ in bounds[1:])
    assert "".join(text[a:b] for a, b in bounds) == text
    assert chunk_bounds("x" * 10, 4) == ((0, 4), (4, 8), (8, 10))
    lines = "het beleid van de minister\n" * 30
    assert all(lines[:cut].endswith("\n") for cut, _ in chunk_bounds(lines, 100)[1:])


@pytest.mark.parametrize("command", ["extract", "parse"])
def test_the_commands_cut_a_text_longer_than_the_chunk_setting(command: str) -> None:
    from typer.testing import CliRunner

    from beleidsmonitor.cli import app

    env = {"BELEIDSMONITOR_ANALYSIS_CHUNK_CHARACTERS": str(SMALL)}
    result = CliRunner().invoke(app, [command, str(EXAMPLE), "--date", DAY.isoformat()], env=env)
    assert result.exit_code == 0, result.stderr
    source = read_source(EXAMPLE)
    chunked = _extraction(source, SMALL) if command == "extract" else _structure(source, SMALL)
    whole = _extraction(source, 10**6) if command == "extract" else _structure(source, 10**6)
    assert result.stdout == chunked + "\n"
    assert chunked != whole
