"""The register store: idempotent, atomic per document, merging, queries (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from beleidsmonitor.errors import RegisterError
from beleidsmonitor.model import Analysis, Interval
from beleidsmonitor.register import store
from beleidsmonitor.register.store import Register
from beleidsmonitor.track.follow import follow_register
from beleidsmonitor.vocab import CommitmentKind, Part, Status
from conftest import Said, build_analysis, gold_sentences

AS_OF = dt.date(2014, 7, 1)


def _snapshot(register: Register) -> tuple[object, ...]:
    return (
        register.counts(),
        register.list_documents(),
        tuple((c.key, c.quote, c.due, c.mentions) for c in register.list_commitments(as_of=AS_OF)),
    )


def test_ingesting_twice_leaves_one_document_and_the_same_register(
    register: Register, gold_analysis: Analysis
) -> None:
    first = register.ingest(gold_analysis)
    before = _snapshot(register)
    second = register.ingest(gold_analysis)
    assert first.added and not second.added
    assert second.duplicate_of == "kst-32824-47"
    assert _snapshot(register) == before
    assert len(register.list_documents()) == 1


def test_failure_midway_leaves_the_store_as_it_was(
    register: Register, gold_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = build_analysis(
        "kst-32824-40",
        dt.date(2013, 6, 1),
        [Said("Wij sturen u een brief.", CommitmentKind.INFORM_PARLIAMENT)],
    )
    register.ingest(earlier)
    before = _snapshot(register)
    real = store._mention_row
    calls = itertools.count()

    def failing(*args: object, **kwargs: object) -> object:
        if next(calls) == 20:  # after the document, its extractions and 20 mentions were flushed
            raise RuntimeError("injected failure")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_mention_row", failing)
    with pytest.raises(RuntimeError, match="injected"):
        register.ingest(gold_analysis)
    assert _snapshot(register) == before
    monkeypatch.setattr(store, "_mention_row", real)
    assert register.ingest(gold_analysis).added


def test_gold_same_as_pairs_end_in_one_entry(
    register: Register, gold: dict[str, object], gold_analysis: Analysis
) -> None:
    result = register.ingest(gold_analysis)
    items = gold["commitments"]
    assert isinstance(items, list)
    _, positions = gold_sentences(gold)
    by_sentence = {}
    for record in register.list_commitments(as_of=AS_OF):
        for mention in register.get_commitment(record.id).mentions:
            by_sentence[mention.sentence] = record.id
    entry = {item["id"]: by_sentence[pos] for item, pos in zip(items, positions, strict=True)}
    same = {frozenset((c["id"], c["same_as"])) for c in items if c["same_as"]}
    merged = {frozenset((a, b)) for a, b in itertools.combinations(entry, 2) if entry[a] == entry[b]}
    assert merged == same
    assert (result.mentions, result.commitments_new, result.merged) == (60, 48, 12)


def test_overdue_as_of_lists_the_commitments_whose_deadline_ended(
    register: Register, gold: dict[str, object], gold_analysis: Analysis
) -> None:
    register.ingest(gold_analysis)
    overdue = register.list_commitments(as_of=AS_OF, status=Status.OVERDUE)
    entries_due = {}
    for c in register.list_commitments(as_of=AS_OF):
        entries_due[c.id] = c.due
    expected = {
        i for i, due in entries_due.items() if due is not None and due.end is not None and due.end < AS_OF
    }
    assert {c.id for c in overdue} == expected
    ends = {c.due.end for c in overdue if c.due}
    gold_ends = {dt.date.fromisoformat(c["due"]["end"]) for c in gold["commitments"] if c["due"]}  # type: ignore[attr-defined]
    assert ends == {e for e in gold_ends if e < AS_OF}


def test_get_commitment_returns_mentions_with_positions(register: Register, gold_analysis: Analysis) -> None:
    register.ingest(gold_analysis)
    [taalketen] = [c for c in register.list_commitments(as_of=AS_OF) if "taalketen" in c.quote]
    detail = register.get_commitment(taalketen.id)
    assert [m.part for m in detail.mentions] == [Part.LETTER, Part.ANNEX]
    first, repeat = detail.mentions
    assert repeat.same_as == first.id
    text = gold_analysis.clean.text
    assert text[first.span.start : first.span.end] == first.quote
    assert first.source_span == first.span  # the synthetic letter's source is its clean text
    assert [h.event for h in detail.history] == ["registered"]


def test_get_commitment_unknown_id(register: Register) -> None:
    with pytest.raises(RegisterError, match="R001"):
        register.get_commitment(999)


def test_filters(register: Register, gold_analysis: Analysis) -> None:
    register.ingest(gold_analysis)
    everything = register.list_commitments(as_of=AS_OF)
    actions = register.list_commitments(as_of=AS_OF, kind=CommitmentKind.ACTION)
    assert 0 < len(actions) < len(everything)
    assert all(c.kind is CommitmentKind.ACTION for c in actions)
    assert register.list_commitments(as_of=AS_OF, dossier="32 824") == everything
    assert register.list_commitments(as_of=AS_OF, dossier="99999") == ()
    assert register.list_commitments(as_of=AS_OF, ministry="szw") == everything
    assert register.list_commitments(as_of=AS_OF, ministry="VWS") == ()


def test_a_later_letter_repeats_and_moves_a_deadline(register: Register, gold_analysis: Analysis) -> None:
    register.ingest(gold_analysis)
    later = build_analysis(
        "kst-32824-79",
        dt.date(2014, 11, 21),
        [
            Said("Inleiding."),
            Said(
                "Het voorstel om de afstemming in de «taalketen» beter te stroomlijnen ontvangt u in het voorjaar van 2015.",
                CommitmentKind.INFORM_PARLIAMENT, Interval(dt.date(2015, 3, 1), dt.date(2015, 5, 31)),
                "voorjaar van 2015", "Taal",
            ),
        ],
    )  # fmt: skip
    result = register.ingest(later)
    assert (result.commitments_new, result.merged) == (0, 1)
    after = dt.date(2014, 12, 1)
    [taalketen] = [c for c in register.list_commitments(as_of=after) if "taalketen" in c.quote]
    assert taalketen.due == Interval(dt.date(2015, 3, 1), dt.date(2015, 5, 31))
    assert taalketen.previous_due == Interval(dt.date(2014, 3, 1), dt.date(2014, 5, 31))
    assert taalketen.status is Status.POSTPONED
    # before the later letter the first deadline was in force
    [before] = [c for c in register.list_commitments(as_of=AS_OF) if "taalketen" in c.quote]
    assert before.due == taalketen.previous_due
    follow_register(register)  # the track stage writes the change into the history
    assert [h.event for h in register.get_commitment(taalketen.id).history] == [
        "registered",
        "deadline moved",
    ]


def test_documents_and_measures(register: Register, gold_analysis: Analysis) -> None:
    register.ingest(gold_analysis)
    [doc] = register.list_documents()
    assert (doc.id, doc.dossier, doc.date, doc.commitments) == (
        "kst-32824-47",
        "32824",
        dt.date(2013, 12, 19),
        48,
    )
    assert register.list_measures(dossier="32824") == ()


def test_seed_letter_is_stored_whole(register: Register, seed_letter: Analysis) -> None:
    counts = register.counts()
    assert counts["documents"] == 1
    assert counts["mentions"] == len(seed_letter.commitments)
    assert counts["measures"] == len(seed_letter.measures)
    assert register.ingest(seed_letter).added is False
