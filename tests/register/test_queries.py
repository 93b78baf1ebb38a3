"""Lists computed by the database: the SQL status agrees with register/status.py on a table of
histories (links, corrections, moved deadlines, as of any day), keyset pages join up to the whole list,
and list queries never read document text or structure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import pairwise

import pytest
from sqlalchemy import event, insert, select

from beleidsmonitor.errors import RegisterError
from beleidsmonitor.model import Analysis, Interval, Signatory
from beleidsmonitor.register.filters import register_choices
from beleidsmonitor.register.overview import list_dossiers, page_dossiers
from beleidsmonitor.register.schema import CommitmentRow, StatusSpanRow
from beleidsmonitor.register.status import Dated, History, status_as_of, status_spans
from beleidsmonitor.register.store import (
    CommitmentFilter,
    CommitmentRecord,
    Register,
    open_register,
    span_on,
    status_column,
    status_condition,
)
from beleidsmonitor.register.tracking import correct, span_values
from beleidsmonitor.settings import Settings
from beleidsmonitor.track.follow import follow_register
from beleidsmonitor.vocab import CommitmentKind, CorrectionField, Status
from conftest import Said, build_analysis

D = dt.date
SPRING = Interval(D(2014, 3, 1), D(2014, 5, 31))
JUNE = Interval(D(2014, 6, 1), D(2014, 6, 30))
AUTUMN = Interval(D(2014, 9, 1), D(2014, 11, 30))
OPEN_END = Interval(D(2014, 1, 1), None)
#: name → (history, due soon days); each is checked on every day around its facts and deadlines
HISTORIES: dict[str, tuple[History, int]] = {
    "undated": (History(None), 30),
    "dated": (History(JUNE), 30),
    "dated, nothing soon": (History(JUNE), 0),
    "dated, soon for ten years": (History(JUNE), 3650),
    "open end": (History(OPEN_END), 30),
    "moved later by a letter": (History(JUNE, (Dated(D(2014, 5, 15), AUTUMN),)), 30),
    "moved earlier by a letter": (History(AUTUMN, (Dated(D(2014, 5, 15), JUNE),)), 30),
    "moved to an open end": (History(JUNE, (Dated(D(2014, 7, 15), OPEN_END),)), 30),
    "moved and moved back": (
        History(JUNE, (Dated(D(2014, 5, 1), AUTUMN), Dated(D(2014, 8, 1), JUNE))),
        30,
    ),
    "a deadline corrected from the start": (History(JUNE, (Dated(None, AUTUMN),)), 30),
    "dated later, then undated mentions": (
        History(SPRING, (Dated(D(2014, 4, 1), JUNE), Dated(None, JUNE))),
        10,
    ),
    "fulfilled late": (History(JUNE, (), (Dated(D(2014, 8, 20)),)), 30),
    "fulfilled twice": (History(JUNE, (), (Dated(D(2014, 9, 1)), Dated(D(2014, 6, 10)))), 30),
    "fulfilled from the start": (History(JUNE, (), (Dated(None),)), 30),
    "partly, then fully": (History(AUTUMN, (), (Dated(D(2014, 12, 5)),), (Dated(D(2014, 10, 1)),)), 30),
    "postponed, then partly": (
        History(SPRING, (Dated(D(2014, 5, 1), AUTUMN),), (), (Dated(D(2014, 10, 1)),)),
        30,
    ),
    "lapsed after it was overdue": (History(SPRING, (), (), (), (Dated(D(2014, 8, 1)),)), 30),
    "not a commitment": (History(JUNE, (), (Dated(D(2014, 6, 5)),), (), (Dated(None),)), 30),
    "undated and fulfilled": (History(None, (), (Dated(D(2014, 2, 2)),)), 30),
    "far future deadline": (History(Interval(D(9999, 1, 1), D(9999, 12, 31))), 3650),
}


def _days(history: History, soon: int) -> list[dt.date]:
    """Every day on which the answer may change, with its neighbours, and days far before and after."""
    facts = (*history.deadlines, *history.fulfilled, *history.partly, *history.lapsed)
    intervals = [history.due, *(f.due for f in history.deadlines)]
    ends = [i.end for i in intervals if i is not None and i.end is not None]
    edges = {f.on for f in facts if f.on is not None} | set(ends)
    for end in ends:
        if end.year < 9999:
            edges |= {end - dt.timedelta(days=soon), end - dt.timedelta(days=soon + 1)}
    days = {D(1900, 1, 1), D(2014, 1, 1), D(2030, 1, 1), D(9999, 12, 30)}
    for day in edges:
        days |= {day + dt.timedelta(days=n) for n in (-1, 0, 1) if D(1, 1, 2) < day < D(9999, 12, 30)}
    return sorted(days)


@pytest.mark.parametrize("name", list(HISTORIES))
def test_sql_status_agrees_with_the_python_rule(register: Register, name: str) -> None:
    history, soon = HISTORIES[name]
    register.ingest(build_analysis("kst-1-1", D(2014, 1, 1), [Said("Geachte voorzitter.")]))
    with register._sessions.begin() as session:
        row = {"key": "case", "dossier": "1", "kind": "action", "quote": "q", "first_document_id": "kst-1-1"}
        commitment_id = session.scalar(insert(CommitmentRow).returning(CommitmentRow.id), [row])
        assert commitment_id is not None
        session.execute(insert(StatusSpanRow), span_values(commitment_id, CommitmentKind.ACTION, history))
    python, computed, filtered = {}, {}, {}
    with register._sessions() as session:
        for day in _days(history, soon):
            python[day] = status_as_of(history, day, soon).status
            on_day = select(status_column(day, soon)).where(
                StatusSpanRow.commitment_id == commitment_id, span_on(day)
            )
            computed[day] = [Status(value) for value in session.scalars(on_day)]
            filtered[day] = [
                status
                for status in Status
                if session.scalar(
                    select(StatusSpanRow.id).where(
                        StatusSpanRow.commitment_id == commitment_id,
                        span_on(day),
                        status_condition(status, day, soon),
                    )
                )
            ]
    assert computed == {day: [status] for day, status in python.items()}
    assert filtered == computed


@pytest.mark.parametrize("name", list(HISTORIES))
def test_each_span_gives_the_whole_status_of_its_days(name: str) -> None:
    history, soon = HISTORIES[name]
    spans = status_spans(history)
    assert spans[0].start is None and spans[-1].end is None
    assert all(a.end == b.start for a, b in pairwise(spans))
    on_span = {
        day: next(
            s for s in spans if (s.start is None or s.start <= day) and (s.end is None or day < s.end)
        ).on(day, soon)
        for day in _days(history, soon)
    }
    assert on_span == {day: status_as_of(history, day, soon) for day in on_span}


def test_the_case_table_reaches_every_status() -> None:
    reached = {
        status_as_of(history, day, soon).status
        for history, soon in HISTORIES.values()
        for day in _days(history, soon)
    }
    assert reached == set(Status)


def _later_letters(register: Register) -> None:
    for nr in range(2, 7):
        register.ingest(
            build_analysis(
                f"kst-4{nr}-{nr}",
                D(2014, nr, 1),
                [
                    Said(f"Brief {nr} over onderwerp {nr}."),
                    Said(f"Ik onderzoek de regeling nummer {nr} grondig.", CommitmentKind.ACTION),
                    Said(
                        f"U ontvangt het verslag nummer {nr} voor de zomer.",
                        CommitmentKind.INFORM_PARLIAMENT,
                        Interval(D(2014, 1, 1), D(2014, 6, 30)),
                        "voor de zomer",
                    ),
                ],
            )
        )


@pytest.mark.parametrize("status", [None, Status.OVERDUE, Status.OPEN])
def test_keyset_pages_join_up_to_the_whole_list(
    register: Register, gold_analysis: Analysis, status: Status | None
) -> None:
    register.ingest(gold_analysis)
    _later_letters(register)
    as_of = D(2014, 7, 1)
    whole = register.list_commitments(as_of=as_of, status=status)
    assert len(whole) > 7
    assert any(c.due is None for c in whole) == (status is not Status.OVERDUE)
    pages, after = [], ""
    while True:
        page = register.page_commitments(as_of=as_of, status=status, after=after, limit=7)
        assert len(page.items) <= 7
        pages.extend(page.items)
        if not page.next_after:
            break
        after = page.next_after
    assert tuple(pages) == whole
    assert all(c.status is status for c in whole if status is not None)
    python_order = sorted(
        whole, key=lambda r: (r.due is None or r.due.end is None, r.due.end if r.due else None, r.id)
    )
    assert list(whole) == python_order


def _deadline_day(record: CommitmentRecord) -> dt.date | None:
    return (record.due.end or record.due.start) if record.due else None


#: name → (filter, the records of the whole list it keeps, as each record's own fields say)
FILTERS: dict[str, tuple[CommitmentFilter, Callable[[CommitmentRecord], bool]]] = {
    "none": (CommitmentFilter(), lambda r: True),
    "bewindspersoon, any case": (
        CommitmentFilter(bewindspersoon="l.f. ASSCHER"),
        lambda r: r.bewindspersoon == "L.F. Asscher",
    ),
    "nobody of that name": (CommitmentFilter(bewindspersoon="Rutte"), lambda r: False),
    "deadline end in a range": (
        CommitmentFilter(due_from=D(2014, 6, 1), due_to=D(2014, 12, 31)),
        lambda r: bool(r.due and r.due.end and D(2014, 6, 1) <= r.due.end <= D(2014, 12, 31)),
    ),
    "deadline year": (
        CommitmentFilter(deadline_year=2014),
        lambda r: (day := _deadline_day(r)) is not None and day.year == 2014,
    ),
    "deadline day from": (
        CommitmentFilter(deadline_from=D(2014, 7, 1)),
        lambda r: (day := _deadline_day(r)) is not None and day >= D(2014, 7, 1),
    ),
    "dated, overdue, ministry": (
        CommitmentFilter(status=Status.OVERDUE, ministry="szw", dated=True),
        lambda r: r.status is Status.OVERDUE and r.ministry == "SZW" and r.due is not None,
    ),
}


@pytest.mark.parametrize("name", FILTERS)
def test_filters_counts_years_and_numbered_pages_are_the_databases(
    register: Register, gold_analysis: Analysis, name: str
) -> None:
    signed = replace(gold_analysis.metadata, signatories=(Signatory("L.F. Asscher", "Minister", "SZW"),))
    register.ingest(replace(gold_analysis, structure=replace(gold_analysis.structure, metadata=signed)))
    _later_letters(register)
    day = D(2014, 7, 1)
    where, keeps = FILTERS[name]
    whole = register.list_commitments(as_of=day)
    expected = [r for r in whole if keeps(r)]
    assert [r.id for r in register.list_commitments(day, where=where)] == [r.id for r in expected]
    assert register.count_commitments(day, where) == len(expected)
    years = Counter(deadline.year for r in expected if (deadline := _deadline_day(r)) is not None)
    assert register.deadline_years(day, where) == dict(years)
    assert register.page_commitments(day, where=where, limit=4, offset=4).items == tuple(expected[4:8])
    assert register.count_per(day, "dossier", where) == dict(Counter(r.dossier for r in expected))
    assert register.count_per(day, "ministry", where) == dict(Counter(r.ministry for r in expected))
    months = register.count_per_month(day, D(2014, 1, 1), D(2015, 1, 1), where)
    in_2014 = [r for r in expected if r.due and r.due.end and r.due.end.year == 2014]
    assert months == {
        (2014, m): (
            sum(1 for r in in_2014 if r.due and r.due.end and r.due.end.month == m),
            sum(
                1
                for r in in_2014
                if r.due and r.due.end and r.due.end.month == m and r.status is Status.FULFILLED
            ),
        )
        for m in {r.due.end.month for r in in_2014 if r.due and r.due.end}
    }
    groups = Counter((r.ministry, r.bewindspersoon, r.functie) for r in expected)
    records, counts = register.first_per_signer(day, where, 2)
    assert counts == dict(groups)
    taken: Counter[tuple[str, str, str]] = Counter()
    firsts = []
    for r in expected:  # the first two of each group, in list order
        taken[(r.ministry, r.bewindspersoon, r.functie)] += 1
        if taken[(r.ministry, r.bewindspersoon, r.functie)] <= 2:
            firsts.append(r)
    assert records == tuple(firsts)
    if name == "none":
        assert len(expected) > 8 and len(years) > 1 and len(months) > 1 and len(groups) == 2
    if name == "bewindspersoon, any case":
        assert 0 < len(expected) < len(whole)


def test_document_and_dossier_pages(register: Register, gold_analysis: Analysis) -> None:
    register.ingest(gold_analysis)
    _later_letters(register)
    whole = register.list_documents()
    assert [d.id for d in whole] == ["kst-32824-47", *(f"kst-4{n}-{n}" for n in range(2, 7))]  # by date
    first = register.page_documents(limit=4)
    second = register.page_documents(after=first.next_after, limit=4)
    assert first.items + second.items == whole and second.next_after == ""
    assert register.get_document("kst-32824-47") == whole[0]
    as_of = D(2014, 7, 1)
    dossiers = list_dossiers(register, as_of)
    assert [d.dossier for d in dossiers] == sorted(d.dossier for d in dossiers)
    one = page_dossiers(register, as_of, limit=2)
    rest = page_dossiers(register, as_of, after=one.next_after, limit=10)
    assert one.items + rest.items == dossiers
    [integration] = [d for d in dossiers if d.dossier == "32824"]
    counted = register.count_statuses(as_of, dossier="32824")
    assert integration.counts.total == 48 == sum(counted.values())
    assert (
        integration.counts.overdue
        == counted[Status.OVERDUE]
        == len(register.list_commitments(as_of=as_of, dossier="32824", status=Status.OVERDUE))
    )


@pytest.mark.parametrize("marker", ["x", "2014-13-01_5", "_abc", "_0", "_99999999999999999999"])
def test_a_bad_page_marker_is_a_clear_error(register: Register, marker: str) -> None:
    with pytest.raises(RegisterError, match="R022"):
        register.page_commitments(after=marker)


@contextmanager
def _statements(register: Register) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(conn: object, cursor: object, statement: str, *args: object) -> None:
        seen.append(statement)

    event.listen(register.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(register.engine, "before_cursor_execute", note)


def test_list_queries_never_read_document_text_or_structure(
    register: Register, gold_analysis: Analysis
) -> None:
    register.ingest(gold_analysis)
    with _statements(register) as seen:
        register.page_commitments(status=Status.OVERDUE)
        register.page_documents()
        register.get_document("kst-32824-47")
        page_dossiers(register, D(2014, 7, 1))
        register.count_statuses()
    assert seen
    assert not [s for s in seen if "clean_text" in s or "structure" in s]


PROMISE = "De volgende monitor over geheel 2013 zal in het voorjaar van 2014 aan de Kamer worden verzonden."
REPORT = "De monitor over geheel 2013 is op 2 juni aan uw Kamer verzonden."
AUTUMN_PROMISE = (
    "De volgende monitor over geheel 2013 zal in het najaar van 2014 aan de Kamer worden verzonden."
)


def _tracked_register(register: Register) -> None:
    """Letters whose commitments are moved, fulfilled, corrected and judged by people."""
    register.ingest(
        build_analysis(
            "kst-32824-47",
            D(2013, 12, 19),
            [
                Said("Inleiding."),
                Said(PROMISE, CommitmentKind.INFORM_PARLIAMENT, SPRING, "voorjaar van 2014"),
            ],
        )
    )
    register.ingest(build_analysis("kst-32824-60", D(2014, 6, 10), [Said("Voortgang."), Said(REPORT)]))
    _later_letters(register)
    register.ingest(
        build_analysis(
            "kst-32824-70",
            D(2014, 5, 1),
            [
                Said("Planning."),
                Said(AUTUMN_PROMISE, CommitmentKind.INFORM_PARLIAMENT, AUTUMN, "najaar van 2014"),
            ],
        )
    )
    follow_register(register)
    ids = [r.id for r in register.list_commitments(as_of=D(2014, 7, 1))]
    correct(register, ids[-1], CorrectionField.VERDICT, "lapsed", "an", effective=D(2014, 9, 1))
    correct(register, ids[-2], CorrectionField.VERDICT, "partly_fulfilled", "an", effective=D(2014, 3, 10))
    correct(register, ids[-3], CorrectionField.DUE, "2014-12-01..2014-12-31", "an")
    correct(register, ids[-4], CorrectionField.KIND, "inform_parliament", "an")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2014, 1, 15), {"open": 11}),
        (D(2014, 4, 1), {"open": 10, "partly_fulfilled": 1}),
        (D(2014, 6, 5), {"postponed": 1, "open": 4, "due": 5, "partly_fulfilled": 1}),
        (D(2014, 7, 1), {"fulfilled": 1, "open": 4, "overdue": 5, "partly_fulfilled": 1}),
        (D(2015, 1, 1), {"fulfilled": 1, "lapsed": 1, "open": 2, "overdue": 6, "partly_fulfilled": 1}),
    ],
)
def test_lists_filters_and_counts_agree_with_each_commitments_own_status(
    register: Register, day: dt.date, expected: dict[str, int]
) -> None:
    _tracked_register(register)
    listed = register.list_commitments(as_of=day)
    own = {r.id: register.get_commitment(r.id, as_of=day).commitment for r in listed}
    assert {r.id: r.status for r in listed} == {i: c.status for i, c in own.items()}
    assert list(listed) == [own[r.id] for r in listed]
    counted = register.count_statuses(day)
    assert counted == {s: sum(1 for r in listed if r.status is s) for s in Status}
    made = [r for r in listed if r.first_document_date is None or r.first_document_date <= day]
    assert register.count_statuses(day, made_by=True) == {
        s: sum(1 for r in made if r.status is s) for s in Status
    }
    if day == D(2014, 4, 1):
        assert 0 < len(made) < len(listed)
    assert {s: [r.id for r in register.list_commitments(as_of=day, status=s)] for s in Status} == {
        s: [r.id for r in listed if r.status is s] for s in Status
    }
    kind = CommitmentKind.INFORM_PARLIAMENT
    assert [r.id for r in register.list_commitments(as_of=day, kind=kind)] == [
        r.id for r in listed if r.kind is kind
    ]
    assert counted == {s: expected.get(s.value, 0) for s in Status}


def test_the_filters_read_the_signatories_from_an_index(settings: Settings, gold_analysis: Analysis) -> None:
    """SQLite answers the list of bewindspersonen from ix_documents_signatories (revision 0009), not
    from the wide document rows that hold each letter's text."""
    with open_register(settings) as register:
        signed = replace(gold_analysis.metadata, signatories=(Signatory("L.F. Asscher", "Minister", "SZW"),))
        register.ingest(replace(gold_analysis, structure=replace(gold_analysis.structure, metadata=signed)))
        with _statements(register) as seen:
            choices = register_choices(register)
        grouped = next(s for s in seen if "GROUP BY" in s)
        with register.engine.connect() as connection:
            plan = " ".join(str(r[-1]) for r in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + grouped))
    assert choices.people == {"L.F. Asscher": "Minister"}
    assert "USING INDEX ix_documents_signatories" in plan
