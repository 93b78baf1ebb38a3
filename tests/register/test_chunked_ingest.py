"""A document longer than a chunk is stored from its chunks' analyses (register/rows.py): every offset
stored points into the whole document's source and clean text, as for the document analysed whole."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from beleidsmonitor.pipeline import analyse, analyse_chunks
from beleidsmonitor.register.rows import rows_of_analysis, rows_of_chunks
from beleidsmonitor.register.schema import DocumentRow, ExtractionRow, MentionRow
from beleidsmonitor.register.store import Register
from beleidsmonitor.sources.text import read_text
from conftest import EXAMPLE

MONTHS = ["januari", "maart", "mei", "juli", "september", "november"]


def long_letter(paragraphs: int) -> str:
    """A letter of ``paragraphs`` paragraphs, every fifth a promise with its own subject and deadline."""
    out = ["Den Haag, 2 februari 2015", "Geachte voorzitter,"]
    for k in range(paragraphs):
        if k % 5 == 4:
            month = MONTHS[k % len(MONTHS)]
            out.append(
                f"Ik zal uw Kamer voor 1 {month} {2016 + k % 7} informeren over de evaluatie van "
                f"regeling {k}. Daarvoor is € {k},5 miljoen beschikbaar (Kamerstuk 32 824, nr. {k})."
            )
        else:
            out.append(f"De uitvoering van onderdeel {k} verloopt volgens plan. Gemeenten melden weinig.")
    return "\n\n".join(out) + "\n"


def test_a_document_in_chunks_is_stored_with_offsets_into_its_source(register: Register) -> None:
    text = long_letter(300)
    source = read_text(text.encode("utf-8"), "lang.txt")
    rows = rows_of_chunks(analyse_chunks(source, chunk_characters=2000))
    whole = rows_of_analysis(analyse(source))
    assert len(text) > 10 * 2000  # a dozen chunks and more
    assert rows.clean_text == whole.clean_text
    result = register.ingest_rows(rows)
    assert result.added and result.mentions == 60

    with register.engine.connect() as connection:
        [stored] = connection.execute(select(DocumentRow.clean_text, DocumentRow.structure)).all()
        mentions = connection.execute(
            select(MentionRow.quote, MentionRow.start, MentionRow.end, MentionRow.source_start,
                   MentionRow.source_end, MentionRow.sentence).order_by(MentionRow.start)
        ).all()  # fmt: skip
        extractions = connection.execute(
            select(ExtractionRow.kind, ExtractionRow.text, ExtractionRow.start, ExtractionRow.end,
                   ExtractionRow.source_start, ExtractionRow.source_end, ExtractionRow.sentence,
                   ExtractionRow.value_start).order_by(ExtractionRow.start, ExtractionRow.kind)
        ).all()  # fmt: skip
    clean_text, structure = stored
    assert clean_text == whole.clean_text
    # every stored span, in the clean and in the source text, is the text it quotes
    assert len(mentions) == 60
    for quote, start, end, source_start, source_end, _ in mentions:
        assert quote.startswith("Ik zal uw Kamer voor 1 ")
        assert clean_text[start:end] == quote
        assert text[source_start:source_end] == quote
    assert [m.quote for m in mentions] == [c.quote for c in whole.commitments]
    assert [(m.start, m.source_start, m.sentence) for m in mentions] == [
        (c.span.start, s.start, c.sentence) for c, s in whole.mentions
    ]
    # the last promise: its sentence is numbered in the whole document (two per paragraph), not in
    # its chunk (some forty sentences each)
    assert mentions[-1].sentence >= 2 * 299
    kinds = {kind for kind, *_ in extractions}
    assert {"time", "amount", "reference"} <= kinds
    for _, found, start, end, source_start, source_end, _, _ in extractions:
        assert clean_text[start:end] == found == text[source_start:source_end]
    times = [(found, day) for kind, found, *_, day in extractions if kind == "time"]
    # "voor <datum>" runs from the letter's date: the last chunk is anchored on the first chunk's date
    assert ("voor 1 november 2021", dt.date(2015, 2, 2)) in times
    assert len(extractions) == len(list(whole.extraction_rows()))
    assert structure["sentence_spans"] == whole.structure["sentence_spans"]
    assert structure["sentences"] == len(whole.structure["sentence_spans"]) > 2 * 300


def _entries(register: Register) -> list[tuple[tuple[int, ...], ...]]:
    """The commitments as the groups of mention positions (clean start) they hold, in order."""
    from beleidsmonitor.register.schema import MentionRow

    with register.engine.connect() as connection:
        rows = connection.execute(
            select(MentionRow.commitment_id, MentionRow.start).order_by(MentionRow.start)
        ).all()
    groups: dict[int, list[int]] = {}
    for commitment_id, start in rows:
        groups.setdefault(commitment_id, []).append(start)
    return [tuple(sorted(tuple(g) for g in groups.values()))]


def test_mentions_placed_in_slices_are_stored_once_each_as_when_placed_whole(
    register: Register, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    from beleidsmonitor.register import store
    from beleidsmonitor.register.store import open_register

    text = long_letter(300) + "\n\n" + EXAMPLE.read_text(encoding="utf-8")
    rows = rows_of_analysis(analyse(read_text(text.encode("utf-8"), "lang.txt"), date=dt.date(2015, 2, 2)))
    assert len(rows.mentions) > 80
    whole_result = register.ingest_rows(rows)
    assert whole_result.merged > 0  # the example letter repeats promises
    whole = _entries(register)

    monkeypatch.setattr(store, "MENTION_SLICE", 7)  # a dozen slices and more
    url = register.settings.database_url
    if url.startswith("sqlite"):
        url = url.replace(".sqlite", "-sliced.sqlite")
    else:
        url = request.getfixturevalue("pg").new_database_url()
    sliced_settings = register.settings.replace(database_url=url)
    with open_register(sliced_settings) as sliced:
        result = sliced.ingest_rows(rows)
        assert (result.mentions, result.commitments_new, result.merged) == (
            whole_result.mentions,
            whole_result.commitments_new,
            whole_result.merged,
        )
        assert _entries(sliced) == whole
        with sliced.engine.connect() as connection:
            starts = connection.execute(select(MentionRow.start)).scalars().all()
    assert len(starts) == len(set(starts)) == len(rows.mentions)  # each mention stored once
