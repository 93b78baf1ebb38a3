"""The merge candidate index: storing a letter reads only entries that share word keys with it,
merging through the index equals merging against the whole dossier, and migration 0002 rebuilds
the index of an older register exactly as ingesting fills it."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select

from beleidsmonitor.model import Analysis, Interval
from beleidsmonitor.register import db, store
from beleidsmonitor.register.merge import Entry, candidate_keys, place_mentions
from beleidsmonitor.register.schema import MergeTermRow, TermCountRow
from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.settings import Settings
from beleidsmonitor.vocab import CommitmentKind
from conftest import Said, build_analysis

TOPICS = [
    ("fietspaden", "verkeersveiligheid"), ("schoolgebouwen", "ventilatie"), ("windmolens", "geluidsnormen"),
    ("zorgverzekering", "premiestelling"), ("grensbewaking", "douanepersoneel"),
    ("kinderopvang", "toeslagregeling"), ("veenweiden", "bodemdaling"), ("asielopvang", "gemeenten"),
    ("huurtoeslag", "inkomensgrenzen"), ("spoorwegen", "dienstregeling"), ("ziekenhuizen", "wachtlijsten"),
    ("belastingdienst", "invorderingswet"),
]  # fmt: skip


def _letter(nr: int, topic: tuple[str, str], year: int = 2014) -> Analysis:
    thing, aspect = topic
    return build_analysis(
        f"kst-30000-{nr}",
        dt.date(year, 1, 1) + dt.timedelta(days=nr),
        [
            Said(f"Geachte voorzitter, dit is brief {nr}."),
            Said(
                f"Ik stuur u voor de zomer de {aspect}monitor over {thing}.",
                CommitmentKind.INFORM_PARLIAMENT,
                Interval(dt.date(year, 1, 1), dt.date(year, 6, 30)),
                "voor de zomer",
                thing.capitalize(),
            ),
        ],
    )


def _loaded(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    seen: list[list[int]] = []
    real = store._load_entries

    def spy(session: object, ids: list[int], dossier: str) -> object:
        seen.append(list(ids))
        return real(session, ids, dossier)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_load_entries", spy)
    return seen


def test_a_letter_is_compared_only_with_entries_sharing_its_words(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    for nr, topic in enumerate(TOPICS, start=1):
        register.ingest(_letter(nr, topic))
    seen = _loaded(monkeypatch)
    result = register.ingest(_letter(100, TOPICS[2], 2015))
    [windmolens] = [c for c in register.list_commitments() if "windmolens" in c.quote]
    # the shared words ('stuur', '…monitor') are in every entry; only 'windmolens' tells them apart
    assert windmolens.id in seen[-1]
    assert len(seen[-1]) == len(TOPICS)  # 12 entries share the common words: all below KEY_LIMIT
    assert (result.commitments_new, result.merged) == (0, 1)
    assert windmolens.mentions == 2


def test_a_word_of_every_entry_proposes_no_candidates(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "KEY_LIMIT", 3)
    for nr, topic in enumerate(TOPICS, start=1):
        register.ingest(_letter(nr, topic))
    seen = _loaded(monkeypatch)
    register.ingest(_letter(100, TOPICS[2], 2015))
    [windmolens] = [c for c in register.list_commitments() if "windmolens" in c.quote]
    assert seen[-1] == [windmolens.id]


def test_merging_through_the_index_equals_merging_against_the_whole_dossier(register: Register) -> None:
    letters = [_letter(nr, topic) for nr, topic in enumerate(TOPICS[:6], start=1)]
    for letter in letters:
        register.ingest(letter)
    later = _letter(50, TOPICS[5], 2015)
    entries = []
    for record in register.list_commitments():
        detail = register.get_commitment(record.id)
        features = tuple(
            store.mention_features(letters[int(m.document_id.split("-")[2]) - 1].commitments[0],
                                   m.document_id, m.document_date, "30000")
            for m in detail.mentions
        )  # fmt: skip
        entries.append(Entry(record.id, features))
    features = [
        store.mention_features(c, "kst-30000-50", later.metadata.date, "30000") for c in later.commitments
    ]
    [expected] = place_mentions(features, sorted(entries, key=lambda e: int(str(e.key))))
    register.ingest(later)
    [kinderopvang] = [c for c in register.list_commitments() if "kinderopvang" in c.quote]
    assert expected.key == kinderopvang.id
    [_, repeat] = register.get_commitment(kinderopvang.id).mentions
    assert repeat.merge_score == round(expected.score, 4)


def _index(register: Register) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    with register._sessions() as session:
        terms = {(t, c) for t, c in session.execute(select(MergeTermRow.term, MergeTermRow.commitment_id))}
        counts = {(t, n) for t, n in session.execute(select(TermCountRow.term, TermCountRow.count))}
    return terms, counts


def test_migration_0002_rebuilds_the_index_of_an_older_register(
    settings: Settings, gold_analysis: Analysis
) -> None:
    with open_register(settings) as register:
        register.ingest(gold_analysis)
        register.ingest(_letter(7, ("taalketen", "samenwerkings")))
        ingested = _index(register)
    assert len(ingested[0]) > 100
    engine = db.create_register_engine(settings.database_url)
    config = db.migrations_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, str(ScriptDirectory.from_config(config).get_revision("0002").down_revision))
    engine.dispose()
    with open_register(settings) as register:  # upgrades to head again
        assert _index(register) == ingested
        result = register.ingest(_letter(8, ("taalketen", "samenwerkings"), 2015))
        assert result.merged == 1


def test_candidate_keys_meet_where_stems_meet() -> None:
    letter = _letter(1, ("onderzoeksrapport", "x"))
    other = _letter(2, ("onderzoek", "y"))
    a = store.mention_features(letter.commitments[0], "a", None, "1")
    b = store.mention_features(other.commitments[0], "b", None, "1")
    assert "<onder" in candidate_keys(a) & candidate_keys(b)
