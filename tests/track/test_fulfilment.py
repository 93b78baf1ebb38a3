"""Later documents fulfil earlier commitments, through the register."""

from __future__ import annotations

import datetime as dt

from beleidsmonitor.model import Interval
from beleidsmonitor.register.store import Register
from beleidsmonitor.track.fulfilment import OpenCommitment, find_fulfilments, reports_done
from beleidsmonitor.vocab import CommitmentKind, Status
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


def _earlier() -> list[Said]:
    return [Said("Inleiding."), PROMISE, OTHER]


def _later(text: str, cites: str | None = None) -> list[Said]:
    return [Said("Hierbij informeer ik u over de voortgang."), Said(text, cites=cites)]


def test_past_tense_report_fulfils_the_promise(register: Register) -> None:
    register.ingest(build_analysis("kst-32824-47", dt.date(2013, 12, 19), _earlier()))
    result = register.ingest(
        build_analysis(
            "kst-32824-60",
            dt.date(2014, 6, 10),
            _later("De monitor over geheel 2013 is op 2 juni aan uw Kamer verzonden.", cites="kst-32824-58"),
        )
    )
    assert result.fulfilled == 1
    [done] = register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.FULFILLED)
    assert done.quote == PROMISE.text
    assert done.fulfilled_by == "kst-32824-60"
    assert done.fulfilled_confidence >= 0.8
    [late] = register.list_commitments(as_of=dt.date(2014, 7, 1), status=Status.OVERDUE)
    assert late.quote == OTHER.text
    history = register.get_commitment(done.id).history
    assert [h.event for h in history] == ["registered", "fulfilled"]


def test_future_tense_does_not_fulfil(register: Register) -> None:
    register.ingest(build_analysis("kst-32824-47", dt.date(2013, 12, 19), _earlier()))
    result = register.ingest(
        build_analysis(
            "kst-32824-60", dt.date(2014, 6, 10), _later("De monitor over 2013 zal u na de zomer bereiken.")
        )
    )
    assert result.fulfilled == 0


def test_report_of_something_else_does_not_fulfil(register: Register) -> None:
    register.ingest(build_analysis("kst-32824-47", dt.date(2013, 12, 19), _earlier()))
    result = register.ingest(
        build_analysis(
            "kst-32824-60",
            dt.date(2014, 6, 10),
            _later("Het wetsvoorstel is aan de Raad van State gezonden."),
        )
    )
    assert result.fulfilled == 0


def test_find_fulfilments_is_pure_and_ignores_the_same_document() -> None:
    analysis = build_analysis(
        "kst-32824-47", dt.date(2013, 12, 19), [Said("De expertmeeting heeft plaatsgevonden.")]
    )
    own = OpenCommitment(
        1,
        "kst-32824-47",
        dt.date(2013, 12, 19),
        "32824",
        CommitmentKind.ACTION,
        "Wij organiseren een expertmeeting.",
        "",
    )
    other = OpenCommitment(
        2,
        "kst-32824-40",
        dt.date(2013, 6, 1),
        "32824",
        CommitmentKind.ACTION,
        "Wij organiseren een expertmeeting.",
        "",
    )
    assert [f.key for f in find_fulfilments(analysis, [own, other])] == [2]


def test_reports_done() -> None:
    assert reports_done("Het rapport is in maart verschenen.")
    assert reports_done("De bijeenkomst heeft op 3 maart plaatsgevonden.")
    assert not reports_done("Het rapport zal in maart verschijnen.")
    assert not reports_done("Het rapport verschijnt in maart.")
