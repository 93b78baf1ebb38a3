"""Later documents fulfil, repeat or change earlier commitments: the track stage over a real register."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from beleidsmonitor.extract.fulfilments import find_fulfilment_evidence
from beleidsmonitor.model import Analysis, Interval, Span, TimeExpression
from beleidsmonitor.register.store import Register
from beleidsmonitor.register.toezeggingen import Toezegging, import_toezeggingen
from beleidsmonitor.register.tracking import state_of
from beleidsmonitor.track.follow import follow_register
from beleidsmonitor.track.fulfilment import conflicts, ordinals, recurring, reports_done, years
from beleidsmonitor.vocab import Chamber, CommitmentKind, EvidenceKind, LinkRelation, Part, Status
from conftest import Said, build_analysis

SPRING = Interval(dt.date(2014, 3, 1), dt.date(2014, 5, 31))
PROMISE = Said(
    "De volgende monitor over geheel 2013 zal in het voorjaar van 2014 aan de Kamer worden verzonden.",
    CommitmentKind.INFORM_PARLIAMENT, SPRING, "voorjaar van 2014", "Taal en inburgering",
)  # fmt: skip
OTHER = Said(
    "In het eerste kwartaal van 2014 organiseren wij een expertmeeting over zelfbeschikking.",
    CommitmentKind.ACTION, Interval(dt.date(2014, 1, 1), dt.date(2014, 3, 31)), "eerste kwartaal van 2014",
    "Omgaan met anderen",
)  # fmt: skip
EARLIER = "kst-32824-47"
EARLIER_DATE = dt.date(2013, 12, 19)


def _earlier() -> list[Said]:
    return [Said("Inleiding."), PROMISE, OTHER]


def _later(text: str, cites: str | None = None) -> list[Said]:
    return [Said("Ik schrijf u over de voortgang van het beleid."), Said(text, cites=cites)]


def _ingest(register: Register, *analyses: Analysis) -> None:
    """Ingest with the fulfilment evidence the real extractor finds, then run the track stage."""
    for analysis in analyses:
        evidence = find_fulfilment_evidence(
            analysis.structure.sentences, analysis.time_expressions, analysis.references
        )
        register.ingest(dataclasses.replace(analysis, fulfilments=evidence))
    follow_register(register)


def _promise_id(register: Register, quote: str = PROMISE.text) -> int:
    [record] = [r for r in register.list_commitments(as_of=dt.date(2014, 1, 1)) if r.quote == quote]
    return record.id


def test_past_tense_report_fulfils_the_promise_late(register: Register) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis(
            "kst-32824-60",
            dt.date(2014, 6, 10),
            _later("De monitor over geheel 2013 is op 2 juni aan uw Kamer verzonden.", cites="kst-32824-58"),
        ),
    )
    [done] = register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.FULFILLED)
    assert done.quote == PROMISE.text
    assert done.fulfilled_by == "kst-32824-60"
    assert done.fulfilled_quote == "De monitor over geheel 2013 is op 2 juni aan uw Kamer verzonden."
    assert done.fulfilled_evidence is EvidenceKind.REPORT
    assert done.fulfilled_on == dt.date(2014, 6, 10)
    # the deadline ended on 31 May 2014: delivered ten days late, and still delivered
    assert done.late_days == 10
    [late] = register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.OVERDUE)
    assert late.quote == OTHER.text
    detail = register.get_commitment(done.id)
    assert [h.event for h in detail.history] == ["registered", "fulfilled"]
    [link] = detail.links
    start = len(_later("")[0].text) + 1
    assert (link.document_id, link.sentence) == ("kst-32824-60", 1)
    assert link.span == Span(start, start + len(done.fulfilled_quote))


def test_as_of_before_the_fulfilment_shows_the_older_status(register: Register) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis(
            "kst-32824-60",
            dt.date(2014, 6, 10),
            _later("De monitor over geheel 2013 is aan uw Kamer verzonden."),
        ),
    )
    promise = _promise_id(register)
    before = register.get_commitment(promise, as_of=dt.date(2014, 6, 5)).commitment
    assert before.status is Status.OVERDUE
    assert before.fulfilled_by is None
    assert register.get_commitment(promise, as_of=dt.date(2014, 5, 15)).commitment.status is Status.DUE
    assert register.get_commitment(promise, as_of=dt.date(2014, 6, 10)).commitment.status is Status.FULFILLED


@pytest.mark.parametrize(
    ("later_id", "sentence"),
    [
        pytest.param("kst-32824-60", "De monitor over 2013 zal u na de zomer bereiken.", id="future-tense"),
        pytest.param(
            "kst-32824-60",
            "Het wetsvoorstel is aan de Raad van State gezonden.",
            id="report-of-something-else",
        ),
        pytest.param(
            "kst-30950-60",
            "De monitor over geheel 2013 is aan uw Kamer verzonden.",
            id="same-words-in-another-dossier-without-a-citation",
        ),
    ],
)
def test_a_later_letter_that_does_not_report_the_promise_done_does_not_fulfil(
    register: Register, later_id: str, sentence: str
) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis(later_id, dt.date(2014, 6, 10), _later(sentence)),
    )
    assert register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.FULFILLED) == ()


def test_a_delivery_citing_the_promise_fulfils_it_across_dossiers(register: Register) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis(
            "kst-30950-60",
            dt.date(2014, 4, 2),
            _later(
                "Zoals toegezegd in mijn brief (Kamerstuk 32 824, nr. 47) informeer ik u hierbij over de "
                "uitkomsten van de monitor integratie.",
                cites=EARLIER,
            ),
        ),
    )
    [done] = register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.FULFILLED)
    assert done.quote == PROMISE.text
    assert done.fulfilled_evidence is EvidenceKind.CITED
    assert done.late_days == 0
    [link] = [
        link for link in register.get_commitment(done.id).links if link.relation is LinkRelation.FULFILS
    ]
    assert link.cites == EARLIER


def _with_times(analysis: Analysis, *times: tuple[int, str, dt.date]) -> Analysis:
    found = []
    for sentence, text, day in times:
        s = analysis.structure.sentences[sentence]
        start = s.text.index(text) + s.span.start
        found.append(TimeExpression(Span(start, start + len(text)), text, Interval(day, day), sentence))
    return dataclasses.replace(analysis, time_expressions=tuple(found))


def test_a_delivery_citing_my_letter_by_date_fulfils_its_promise(register: Register) -> None:
    later = _with_times(
        build_analysis(
            "kst-32824-61",
            dt.date(2014, 4, 2),
            [
                Said(
                    "In mijn brief van 19 december 2013 heb ik toegezegd u te informeren; met deze brief "
                    "informeer ik u over de monitor integratie."
                )
            ],
        ),
        (0, "19 december 2013", EARLIER_DATE),
    )
    _ingest(register, build_analysis(EARLIER, EARLIER_DATE, _earlier()), later)
    [done] = register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.FULFILLED)
    assert done.quote == PROMISE.text
    assert done.fulfilled_evidence is EvidenceKind.CITED
    [link] = [
        link for link in register.get_commitment(done.id).links if link.relation is LinkRelation.FULFILS
    ]
    assert link.cites == "brief van 2013-12-19"


def test_the_promised_letter_is_its_own_delivery(register: Register) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis(
            "kst-32824-62",
            dt.date(2014, 5, 20),
            [Said("Hierbij ontvangt u de monitor over geheel 2013."), Said("De cijfers laten groei zien.")],
        ),
    )
    [done] = register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.FULFILLED)
    assert done.quote == PROMISE.text
    assert done.fulfilled_evidence is EvidenceKind.SUBJECT
    assert done.fulfilled_by == "kst-32824-62"


SECOND = Said(
    "Voor het kerstreces ontvangt u de tweede voortgangsrapportage van het programma.",
    CommitmentKind.INFORM_PARLIAMENT, Interval(dt.date(2019, 12, 1), dt.date(2019, 12, 20)), "Voor het kerstreces",
)  # fmt: skip


@pytest.mark.parametrize(
    "later",
    [
        "Hierbij ontvangt u de eerste voortgangsrapportage van het programma.",
        "Het RIVM heeft de eerste voortgangsrapportage van het programma gepubliceerd.",
        "Hierbij ontvangt u de derde voortgangsrapportage van het programma.",
    ],
    ids=["first-not-second-delivered", "first-not-second-reported", "third-not-second"],
)
def test_another_member_of_a_series_does_not_fulfil(register: Register, later: str) -> None:
    _ingest(
        register,
        build_analysis("kst-31839-660", dt.date(2019, 4, 10), [Said("Inleiding."), SECOND]),
        build_analysis("kst-31839-700", dt.date(2019, 12, 12), [Said(later)]),
    )
    assert register.list_commitments(as_of=dt.date(2020, 1, 1), status=Status.FULFILLED) == ()


def test_the_report_of_another_year_does_not_fulfil(register: Register) -> None:
    promise = Said(
        "Voor de zomer ontvangt u de rapportage 2019 over de jeugdhulp.",
        CommitmentKind.INFORM_PARLIAMENT, Interval(dt.date(2019, 6, 1), dt.date(2019, 6, 30)), "Voor de zomer",
    )  # fmt: skip
    _ingest(
        register,
        build_analysis("kst-31839-660", dt.date(2019, 4, 10), [Said("Inleiding."), promise]),
        build_analysis(
            "kst-31839-700",
            dt.date(2019, 6, 12),
            [Said("Hierbij ontvangt u de rapportage 2018 over de jeugdhulp.")],
        ),
    )
    assert register.list_commitments(as_of=dt.date(2020, 1, 1), status=Status.FULFILLED) == ()


BILL = Said(
    "Het wetsvoorstel over de registratie van mantelzorgers zal ik in 2015 bij uw Kamer indienen.",
    CommitmentKind.INFORM_PARLIAMENT, Interval(dt.date(2015, 1, 1), dt.date(2015, 12, 31)), "in 2015",
)  # fmt: skip


@pytest.mark.parametrize(
    ("promise", "later", "late_days"),
    [
        # a report of a single thing done, uncited, long after the deadline: delivered, late
        (BILL, "Het wetsvoorstel over de registratie van mantelzorgers is bij uw Kamer ingediend.", 436),
        # must-not: the report of a report that comes again is another member of its series
        (
            Said(
                "De rapportage over de registratie van mantelzorgers stuur ik u in 2015.",
                CommitmentKind.INFORM_PARLIAMENT,
                Interval(dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
                "in 2015",
            ),
            "De rapportage over de registratie van mantelzorgers is aan uw Kamer verzonden.",
            None,
        ),
        # must-not: a report that numbers what it reports (a year of its own)
        (
            BILL,
            "Het wetsvoorstel 2017 over de registratie van mantelzorgers is bij uw Kamer ingediend.",
            None,
        ),
        # must-not: a letter that itself delivers the thing long after: another letter on its subject
        (BILL, "Hierbij ontvangt u het wetsvoorstel over de registratie van mantelzorgers.", None),
    ],
    ids=["single thing reported late", "recurring report", "numbered", "letter's own delivery"],
)
def test_an_uncited_report_long_after_the_deadline_fulfils_only_a_single_thing(
    register: Register, promise: Said, later: str, late_days: int | None
) -> None:
    _ingest(
        register,
        build_analysis("kst-30169-40", dt.date(2014, 11, 3), [Said("Inleiding."), promise]),
        build_analysis("kst-30169-60", dt.date(2017, 3, 11), [Said(later)]),
    )
    fulfilled = register.list_commitments(as_of=dt.date(2017, 6, 1), status=Status.FULFILLED)
    if late_days is None:
        assert fulfilled == ()
        return
    [done] = fulfilled
    assert (done.quote, done.fulfilled_by, done.fulfilled_evidence) == (
        promise.text,
        "kst-30169-60",
        EvidenceKind.REPORT,
    )
    assert done.late_days == late_days


def test_the_right_member_of_a_series_fulfils(register: Register) -> None:
    _ingest(
        register,
        build_analysis("kst-31839-660", dt.date(2019, 4, 10), [Said("Inleiding."), SECOND]),
        build_analysis(
            "kst-31839-700",
            dt.date(2019, 12, 12),
            [Said("Hierbij ontvangt u de tweede voortgangsrapportage van het programma.")],
        ),
    )
    [done] = register.list_commitments(as_of=dt.date(2020, 1, 1), status=Status.FULFILLED)
    assert done.quote == SECOND.text


def test_a_partial_delivery_makes_it_partly_fulfilled(register: Register) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis(
            "kst-32824-63",
            dt.date(2014, 5, 20),
            [Said("Hierbij ontvangt u een eerste deel van de monitor over geheel 2013.")],
        ),
    )
    [part] = register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.PARTLY_FULFILLED)
    assert part.quote == PROMISE.text
    assert part.fulfilled_by == "kst-32824-63"


AUTUMN = Interval(dt.date(2014, 9, 1), dt.date(2014, 11, 30))


def test_a_later_letter_moving_the_deadline_postpones(register: Register) -> None:
    again = Said(
        "De volgende monitor over geheel 2013 zal in het najaar van 2014 aan de Kamer worden verzonden.",
        CommitmentKind.INFORM_PARLIAMENT, AUTUMN, "najaar van 2014", "Taal en inburgering",
    )  # fmt: skip
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis("kst-32824-64", dt.date(2014, 5, 1), [Said("Inleiding."), again]),
    )
    promise = _promise_id(register)
    moved = register.get_commitment(promise, as_of=dt.date(2014, 6, 15))
    assert moved.commitment.status is Status.POSTPONED
    assert moved.commitment.due == AUTUMN
    assert moved.commitment.previous_due == SPRING
    [change] = [link for link in moved.links if link.relation is LinkRelation.CHANGES]
    assert (change.document_id, change.due, change.on) == ("kst-32824-64", AUTUMN, dt.date(2014, 5, 1))
    assert [h.event for h in moved.history] == ["registered", "deadline moved"]
    # before the later letter, the first deadline was in force
    before = register.get_commitment(promise, as_of=dt.date(2014, 4, 30)).commitment
    assert (before.status, before.due, before.previous_due) == (Status.OPEN, SPRING, None)
    # after the new deadline it is overdue again
    assert register.get_commitment(promise, as_of=dt.date(2014, 12, 15)).commitment.status is Status.OVERDUE


def test_the_change_is_found_whatever_letter_is_ingested_first(register: Register) -> None:
    again = Said(
        "De volgende monitor over geheel 2013 zal in het najaar van 2014 aan de Kamer worden verzonden.",
        CommitmentKind.INFORM_PARLIAMENT, AUTUMN, "najaar van 2014", "Taal en inburgering",
    )  # fmt: skip
    _ingest(
        register,
        build_analysis("kst-32824-64", dt.date(2014, 5, 1), [Said("Inleiding."), again]),
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
    )
    promise = _promise_id(register, again.text)
    moved = register.get_commitment(promise, as_of=dt.date(2014, 6, 15))
    assert (moved.commitment.status, moved.commitment.due) == (Status.POSTPONED, AUTUMN)
    assert moved.commitment.previous_due == SPRING
    [change] = [link for link in moved.links if link.relation is LinkRelation.CHANGES]
    assert (change.document_id, change.due) == ("kst-32824-64", AUTUMN)
    before = register.get_commitment(promise, as_of=dt.date(2014, 4, 30)).commitment
    assert (before.status, before.due) == (Status.OPEN, SPRING)


def test_the_same_words_years_after_the_deadline_do_not_move_it(register: Register) -> None:
    later = Said(
        "De volgende monitor over geheel 2013 zal in het najaar van 2016 aan de Kamer worden verzonden.",
        CommitmentKind.INFORM_PARLIAMENT, Interval(dt.date(2016, 9, 1), dt.date(2016, 11, 30)), "najaar van 2016",
        "Taal en inburgering",
    )  # fmt: skip
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis("kst-32824-90", dt.date(2016, 5, 1), [Said("Inleiding."), later]),
    )
    promise = _promise_id(register)
    record = register.get_commitment(promise, as_of=dt.date(2016, 6, 1))
    assert [m.document_id for m in record.mentions] == [EARLIER, "kst-32824-90"]  # the merge joined them
    assert [link.relation for link in record.links] == []
    assert (record.commitment.status, record.commitment.due, record.commitment.previous_due) == (
        Status.OVERDUE,
        SPRING,
        None,
    )


def test_a_later_letter_repeating_the_promise_links_as_a_repeat(register: Register) -> None:
    again = Said(
        PROMISE.text, CommitmentKind.INFORM_PARLIAMENT, SPRING, "voorjaar van 2014", "Taal en inburgering"
    )
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _earlier()),
        build_analysis("kst-32824-65", dt.date(2014, 2, 1), [Said("Inleiding."), again]),
    )
    state = state_of(register, _promise_id(register))
    assert [(link.relation, link.document_id) for link in state.links] == [
        (LinkRelation.REPEATS, "kst-32824-65")
    ]
    assert (
        register.get_commitment(_promise_id(register), as_of=dt.date(2014, 2, 2)).commitment.status
        is Status.OPEN
    )


KEPT_INFORMED = Said(
    "Ik houd uw Kamer op de hoogte van het verdere verloop van dit overleg.", CommitmentKind.INFORM_PARLIAMENT
)


@pytest.mark.parametrize(
    ("talks", "linked"),
    [
        # part of the overleg (the same gemeenten, one of its subjects), now with a deadline
        ("Daarnaast ben ik in gesprek met de gemeenten over de huisvesting van arbeidsmigranten.", True),
        # must-not: talks with others on another subject
        ("Daarnaast ben ik in gesprek met de werkgevers over de scholing van jongeren.", False),
    ],
    ids=["part-of-it", "another-subject"],
)
def test_a_later_promise_of_part_of_the_promised_thing_gives_it_a_deadline(
    register: Register, talks: str, linked: bool
) -> None:
    overleg = Said(
        "Op dit moment overleg ik met de gemeenten over de huisvesting van arbeidsmigranten en de "
        "handhaving in de regio."
    )
    later = Said(
        "Ik verwacht uw Kamer hierover in het najaar van 2014 te kunnen informeren.",
        CommitmentKind.INFORM_PARLIAMENT, AUTUMN, "najaar van 2014",
    )  # fmt: skip
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, [Said("Inleiding."), overleg, KEPT_INFORMED]),
        build_analysis("kst-32824-64", dt.date(2014, 5, 1), [Said("Inleiding."), Said(talks), later]),
    )
    promise = _promise_id(register, KEPT_INFORMED.text)
    record = register.get_commitment(promise, as_of=dt.date(2014, 6, 15))
    assert [m.document_id for m in record.mentions] == [EARLIER]  # two commitments: no merge
    changes = [(link.relation, link.document_id, link.quote, link.due) for link in record.links]
    if not linked:
        assert changes == []
        assert record.commitment.due is None
        return
    assert changes == [(LinkRelation.CHANGES, "kst-32824-64", later.text, AUTUMN)]
    assert (record.commitment.due, record.commitment.previous_due) == (AUTUMN, None)
    assert [h.event for h in record.history] == ["registered", "deadline moved"]
    # undated before the later letter; overdue after the new deadline
    before = register.get_commitment(promise, as_of=dt.date(2014, 4, 30)).commitment
    assert (before.status, before.due) == (Status.OPEN, None)
    assert register.get_commitment(promise, as_of=dt.date(2014, 12, 15)).commitment.status is Status.OVERDUE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de tweede voortgangsrapportage", {2}),
        ("de Tweede Kamer ontvangt de derde rapportage", {3}),
        ("ten eerste de rapportage", set()),
        ("in de eerste plaats", set()),
        ("in de eerste helft van 2019", set()),
    ],
)
def test_ordinals(text: str, expected: set[int]) -> None:
    assert ordinals(text) == expected


def test_conflicts_and_forms() -> None:
    assert conflicts("de tweede voortgangsrapportage", "de eerste voortgangsrapportage is verschenen")
    assert conflicts("de rapportage 2019", "de rapportage 2018 is verschenen")
    assert not conflicts("de rapportage 2019", "de rapportage 2019 is verschenen")
    assert not conflicts("de rapportage", "de tweede rapportage is verschenen")
    assert years("rapportage 2019 en 2020") == {"2019", "2020"}
    assert reports_done("Het rapport is in maart verschenen.")
    # a footnote marker glued to the participle
    assert reports_done("Het rapport is op 3 maart verzonden1.")
    assert reports_done("De bijeenkomst heeft op 3 maart plaatsgevonden.")
    assert not reports_done("Het rapport zal in maart verschijnen.")
    assert not reports_done("Het rapport verschijnt in maart.")


@pytest.mark.parametrize(
    ("report", "fulfilled"),
    [
        (
            "Het overleg met de werknemers- en werkgeversorganisaties over de arbeidsmarktagenda heeft"
            " plaatsgevonden.",
            True,
        ),
        (
            "Het overleg met de werkgevers en werknemers over de arbeidsmarktagenda heeft plaatsgevonden.",
            True,
        ),
        # must-not: the employers alone are not the social partners
        ("Het overleg met de werkgevers over de arbeidsmarktagenda heeft plaatsgevonden.", False),
    ],
    ids=["hyphenated", "written-out", "employers-alone"],
)
def test_a_report_naming_the_social_partners_otherwise_is_about_them(
    register: Register, report: str, fulfilled: bool
) -> None:
    promise = Said(
        "In het najaar voer ik overleg met de sociale partners over de arbeidsmarktagenda.",
        CommitmentKind.ACTION, Interval(dt.date(2014, 9, 1), dt.date(2014, 11, 30)), "In het najaar",
    )  # fmt: skip
    _ingest(
        register,
        build_analysis("kst-30169-40", dt.date(2014, 6, 3), [Said("Inleiding."), promise]),
        build_analysis("kst-30169-60", dt.date(2014, 12, 1), [Said(report)]),
    )
    found = register.list_commitments(as_of=dt.date(2015, 1, 1), status=Status.FULFILLED)
    assert [(c.quote, c.fulfilled_quote) for c in found] == ([(promise.text, report)] if fulfilled else [])


SUMMER = Interval(dt.date(2014, 5, 1), dt.date(2014, 6, 30))
ANAPHORIC = Said("Ik zal uw Kamer hierover voor de zomer berichten.", CommitmentKind.INFORM_PARLIAMENT, SUMMER,
                 "voor de zomer")  # fmt: skip


def _anaphoric_earlier(before: str) -> list[Said]:
    return [Said("Inleiding."), Said(before), ANAPHORIC]


@pytest.mark.parametrize(
    ("before", "report", "fulfilled"),
    [
        # "hierover" refers to the pilot of the sentence before: a report on that pilot fulfils
        (
            "Vandaag bespreek ik met de gemeenten de uitkomsten van de pilot met taalcoaches.",
            "Op 3 juni heb ik uw Kamer geïnformeerd over de uitkomsten van de pilot met taalcoaches.",
            True,
        ),
        # must-not: a report on something else, although it reports informing the Chamber
        (
            "Vandaag bespreek ik met de gemeenten de uitkomsten van de pilot met taalcoaches.",
            "Op 3 juni heb ik uw Kamer geïnformeerd over het nieuwe inburgeringsexamen.",
            False,
        ),
        # must-not: the same report when "hierover" refers to another topic
        (
            "Vandaag bespreek ik met de werkgevers de huisvesting van arbeidsmigranten.",
            "Op 3 juni heb ik uw Kamer geïnformeerd over de uitkomsten van de pilot met taalcoaches.",
            False,
        ),
    ],
    ids=["the-topic-reported", "another-report", "another-topic"],
)
def test_a_promise_naming_its_subject_by_hierover_is_read_with_the_sentence_before(
    register: Register, before: str, report: str, fulfilled: bool
) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, _anaphoric_earlier(before)),
        build_analysis("kst-32824-60", dt.date(2014, 6, 10), _later(report)),
    )
    promise = _promise_id(register, ANAPHORIC.text)
    detail = register.get_commitment(promise, as_of=dt.date(2014, 7, 1)).commitment
    assert (detail.fulfilled_by, detail.fulfilled_quote) == (
        ("kst-32824-60", report) if fulfilled else (None, "")
    )


DEMONSTRATIVE = Said("Ik zal uw Kamer voor de zomer berichten over de uitkomst van dit overleg.",
                     CommitmentKind.INFORM_PARLIAMENT, SUMMER, "voor de zomer")  # fmt: skip


@pytest.mark.parametrize(
    ("before", "report", "fulfilled"),
    [
        # "dit overleg" is the overleg two sentences before: a report on it fulfils
        (
            "Op dit moment voer ik overleg met de gemeenten over de pilot met taalcoaches.",
            "Op 3 juni heb ik uw Kamer geïnformeerd over de uitkomst van het overleg met de gemeenten over de "
            "pilot met taalcoaches.",
            True,
        ),
        # must-not: the same report when the overleg named before is about another topic
        (
            "Op dit moment voer ik overleg met de werkgevers over de huisvesting van arbeidsmigranten.",
            "Op 3 juni heb ik uw Kamer geïnformeerd over de uitkomst van het overleg met de gemeenten over de "
            "pilot met taalcoaches.",
            False,
        ),
    ],
    ids=["the-overleg-reported", "another-overleg"],
)
def test_a_promise_naming_its_subject_by_a_demonstrative_is_read_with_the_sentence_that_names_it(
    register: Register, before: str, report: str, fulfilled: bool
) -> None:
    # a sentence that does not name the overleg stands between
    between = Said("Met mijn brief van 24 april heb ik uw Kamer geïnformeerd over de voortgang.")
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, [Said("Inleiding."), Said(before), between, DEMONSTRATIVE]),
        build_analysis("kst-32824-60", dt.date(2014, 6, 10), _later(report)),
    )
    promise = _promise_id(register, DEMONSTRATIVE.text)
    detail = register.get_commitment(promise, as_of=dt.date(2014, 7, 1)).commitment
    assert (detail.fulfilled_by, detail.fulfilled_quote) == (
        ("kst-32824-60", report) if fulfilled else (None, "")
    )


RECURRING = Said(
    "Twee keer per jaar ontvangt u een voortgangsrapportage over de renovatie van het Binnenhof.",
    CommitmentKind.INFORM_PARLIAMENT,
)
ONCE = Said(
    "Voor de zomer ontvangt u de tweede voortgangsrapportage over de renovatie van het Binnenhof.",
    CommitmentKind.INFORM_PARLIAMENT, SUMMER, "Voor de zomer",
)  # fmt: skip


INFORM, ACTION = CommitmentKind.INFORM_PARLIAMENT, CommitmentKind.ACTION


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Twee keer per jaar ontvangt u een voortgangsrapportage.", INFORM, True),
        ("Voorafgaand aan elke Raad informeer ik u over de agenda.", INFORM, True),
        ("Voortaan zal ik in de geannoteerde agenda ingaan op mijn aanwezigheid.", INFORM, True),
        ("Ik stuur u jaarlijks de monitor.", INFORM, True),
        # a distributive word before a recurring report or event, whatever the kind
        (
            "Ik zeg toe dat ik in elke volgende voortgangsrapportage over de doorlooptijd rapporteer.",
            INFORM,
            True,
        ),
        ("Voorafgaand aan iedere Raadsvergadering overleg ik met de regio.", ACTION, True),
        # a period after it: a frequency, recurring for a promise to inform the Chamber
        ("De Kamer wordt hierover elke drie maanden geïnformeerd.", INFORM, True),
        ("Ik informeer uw Kamer elk halfjaar over de voortgang van de gebiedsprocessen.", INFORM, True),
        ("Tweemaal per jaar zullen wij voortaan overleg hebben over de doorlopende agenda.", ACTION, True),
        # must-not: a single promise, a year as part of a name
        ("Voor de zomer ontvangt u de tweede voortgangsrapportage.", INFORM, False),
        ("Ik stuur u het Jaarverslag 2022.", INFORM, False),
        # must-not: "elke", "ieder" before something that does not come again; a frequency of money
        (
            "Samen met de VNG richt ik per 1 januari 2021 in elke gemeente een aanspreekpunt in.",
            ACTION,
            False,
        ),
        (
            "Eind 2020 is in elke eenheid weer ten minste één wijkagent per 5.000 inwoners beschikbaar.",
            ACTION,
            False,
        ),
        (
            "Ik zal u de gevraagde informatie doen toekomen, in ieder geval voor het Wetgevingsoverleg.",
            INFORM,
            False,
        ),
        ("In de periode 2015–2019 worden vijf tenders van elk 700 megawatt gehouden.", ACTION, False),
        ("Het kabinet stelt in 2021 en 2022 jaarlijks € 50 miljoen beschikbaar.", ACTION, False),
        ("Defensie investeert elk jaar € 30 miljoen in werving.", ACTION, False),
        ("Voortaan worden subsidies binnen acht weken uitbetaald.", ACTION, False),
        # a promise to keep the Chamber informed: each update is an instance
        ("Ik houd uw Kamer op de hoogte van het verdere verloop van dit overleg.", INFORM, True),
        ("Ik zal uw Kamer zo goed mogelijk op de hoogte te houden van alle ontwikkelingen.", INFORM, True),
        ("Wij blijven de Kamer informeren over de onderhandelingen.", INFORM, True),
        # must-not: informing once
        ("Ik zal u voor het einde van het jaar op de hoogte stellen van de resultaten.", INFORM, False),
    ],
)
def test_recurring(text: str, kind: CommitmentKind, expected: bool) -> None:
    assert recurring(text, kind) is expected


def test_each_delivery_is_an_instance_of_a_recurring_promise_that_stays_open(register: Register) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, [Said("Inleiding."), RECURRING]),
        build_analysis(
            "kst-32824-80",
            dt.date(2015, 11, 2),
            _later("Hierbij ontvangt u de vijfde voortgangsrapportage over de renovatie van het Binnenhof."),
        ),
        build_analysis(
            "kst-32824-95",
            dt.date(2016, 5, 3),
            _later(
                "Op 2 mei heb ik u de zesde voortgangsrapportage over de renovatie van het Binnenhof gestuurd."
            ),
        ),
        build_analysis(
            "kst-32824-96",
            dt.date(2016, 6, 3),
            _later("Hierbij ontvangt u de jaarrapportage over de huisvesting van de Tweede Kamer."),
        ),
    )
    promise = _promise_id(register, RECURRING.text)
    detail = register.get_commitment(promise, as_of=dt.date(2016, 7, 1))
    assert [(link.document_id, link.relation, link.evidence) for link in detail.links] == [
        ("kst-32824-80", LinkRelation.PARTLY_FULFILS, EvidenceKind.SUBJECT),
        ("kst-32824-95", LinkRelation.PARTLY_FULFILS, EvidenceKind.REPORT),
    ]
    assert detail.commitment.status is Status.PARTLY_FULFILLED


def test_a_later_member_of_a_series_is_no_instance_of_a_single_promise(register: Register) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, [Said("Inleiding."), ONCE]),
        build_analysis(
            "kst-32824-80",
            dt.date(2015, 11, 2),
            _later("Hierbij ontvangt u de vijfde voortgangsrapportage over de renovatie van het Binnenhof."),
        ),
    )
    detail = register.get_commitment(_promise_id(register, ONCE.text), as_of=dt.date(2016, 7, 1))
    assert detail.links == ()


AGENDA_PROMISE = Said(
    "Voortaan zal ik vooraf in de Geannoteerde Agenda van de Raad ingaan op mijn voorgenomen aanwezigheid"
    " bij de betreffende Raad.",
    CommitmentKind.INFORM_PARLIAMENT,
)
ATTENDANCE = "De Minister van Buitenlandse Zaken is voornemens aan deze Raad deel te nemen."


@pytest.mark.parametrize(
    ("later", "evidence"),
    [
        # an annotated agenda (one instance of the report the promise names) that states the attendance
        (
            [
                Said(
                    "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken van 11 december."
                ),
                Said("Op de agenda staan de situatie in het Midden-Oosten en de Sahel.", part=Part.ANNEX),
                Said(ATTENDANCE, part=Part.ANNEX),
            ],
            ATTENDANCE,
        ),
        # must-not: a verslag after the Council (another report) that says the minister took part
        (
            [
                Said("Hierbij bied ik u het verslag aan van de Raad Buitenlandse Zaken van 23 januari."),
                Said("De Minister van Buitenlandse Zaken nam deel aan de vergadering.", part=Part.ANNEX),
            ],
            None,
        ),
        # must-not: an annotated agenda that does not say who takes part
        (
            [
                Said(
                    "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken van 11 december."
                ),
                Said("Op de agenda staan de situatie in het Midden-Oosten en de Sahel.", part=Part.ANNEX),
            ],
            None,
        ),
    ],
    ids=["agenda stating attendance", "verslag", "agenda without attendance"],
)
def test_a_delivered_report_of_a_recurring_promise_is_an_instance_by_what_it_states(
    register: Register, later: list[Said], evidence: str | None
) -> None:
    _ingest(
        register,
        build_analysis(EARLIER, EARLIER_DATE, [Said("Inleiding."), AGENDA_PROMISE]),
        build_analysis("kst-32824-80", dt.date(2016, 12, 1), later),
    )
    detail = register.get_commitment(_promise_id(register, AGENDA_PROMISE.text), as_of=dt.date(2017, 1, 1))
    assert [(link.document_id, link.relation, link.evidence, link.quote) for link in detail.links] == (
        [("kst-32824-80", LinkRelation.PARTLY_FULFILS, EvidenceKind.SUBJECT, evidence)] if evidence else []
    )


REGISTERED = "De minister zegt toe de Kamer voor de zomer de evaluatie van de Wet inburgering te sturen."
REGISTERED_DUE = dt.date(2014, 6, 30)


def _toezegging(nummer: str, tekst: str, ministerie: str = "Sociale Zaken en Werkgelegenheid") -> Toezegging:
    """A Tweede Kamer toezegging made in a debate of no dossier, cited by no letter."""
    return Toezegging(
        Chamber.TK,
        nummer,
        tekst,
        "Openstaand",
        REGISTERED_DUE,
        ministerie,
        "L.F. Asscher",
        "minister",
        "",
        (),
    )


@pytest.mark.parametrize(
    ("ministry", "day", "opening", "fulfilled"),
    [
        ("SZW", dt.date(2014, 6, 10), "Hierbij ontvangt u de evaluatie van de Wet inburgering.", True),
        # must-not: another ministry's letter with the same words
        ("OCW", dt.date(2014, 6, 10), "Hierbij ontvangt u de evaluatie van de Wet inburgering.", False),
        # must-not: long after the deadline (a later evaluation)
        ("SZW", dt.date(2016, 6, 10), "Hierbij ontvangt u de evaluatie van de Wet inburgering.", False),
        # must-not: the evaluation of another law
        ("SZW", dt.date(2014, 6, 10), "Hierbij ontvangt u de evaluatie van de Participatiewet.", False),
    ],
    ids=["same ministry in time", "other ministry", "two years late", "other subject"],
)
def test_a_toezegging_without_dossier_or_citation_is_matched_by_subject_ministry_and_time(
    register: Register, ministry: str, day: dt.date, opening: str, fulfilled: bool
) -> None:
    import_toezeggingen(register, [_toezegging("TZ201402-001", REGISTERED)], "toezeggingen.json")
    _ingest(register, build_analysis("kst-32824-60", day, [Said(opening)], ministry=ministry))
    detail = register.get_commitment(_promise_id(register, REGISTERED), as_of=dt.date(2017, 1, 1))
    assert [(link.document_id, link.relation, link.evidence, link.quote) for link in detail.links] == (
        [("kst-32824-60", LinkRelation.FULFILS, EvidenceKind.SUBJECT, opening)] if fulfilled else []
    )


def test_a_delivery_that_fits_two_toezeggingen_without_dossier_fulfils_neither(register: Register) -> None:
    other = "De minister zegt toe de Kamer na de zomer de evaluatie van de Wet inburgering te sturen."
    import_toezeggingen(
        register,
        [_toezegging("TZ201402-001", REGISTERED), _toezegging("TZ201402-002", other)],
        "toezeggingen.json",
    )
    opening = "Hierbij ontvangt u de evaluatie van de Wet inburgering."
    _ingest(register, build_analysis("kst-32824-60", dt.date(2014, 6, 10), [Said(opening)]))
    for quote in (REGISTERED, other):
        assert register.get_commitment(_promise_id(register, quote), as_of=dt.date(2017, 1, 1)).links == ()


def test_a_delivery_on_schedule_of_another_thing_does_not_fulfil(register: Register) -> None:
    # "conform planning" is how a scheduled delivery opens, not the promised plans
    plans = Said(
        "De onderhoudsplannen zullen in het najaar van 2014 concreter zijn.",
        CommitmentKind.DELIVERABLE, Interval(dt.date(2014, 9, 1), dt.date(2014, 11, 30)), "in het najaar van 2014",
    )  # fmt: skip
    earlier = build_analysis("kst-31839-660", dt.date(2014, 4, 10), [Said("Inleiding."), plans])
    # the promised thing as the extractor names it: one word, whose head "plannen" a schedule shares
    promise = dataclasses.replace(earlier.commitments[0], object="de onderhoudsplannen")
    _ingest(
        register,
        dataclasses.replace(earlier, commitments=(promise,)),
        build_analysis(
            "kst-31839-700",
            dt.date(2014, 10, 12),
            [Said("Conform planning ontvangt u hierbij de voortgangsbrief over de jeugdzorg.")],
        ),
    )
    assert register.list_commitments(as_of=dt.date(2015, 1, 1), status=Status.FULFILLED) == ()
