"""People correct the register: reviews, verdicts and field corrections, each an event of the audit trail,
kept across re-tracking, re-ingest into a new register (export/import) and migrations."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from beleidsmonitor.errors import RegisterError
from beleidsmonitor.model import Analysis, Interval
from beleidsmonitor.register import db
from beleidsmonitor.register.store import Register, open_register
from beleidsmonitor.register.tracking import correct, corrections_of, import_corrections
from beleidsmonitor.settings import Settings
from beleidsmonitor.track.follow import follow_register
from beleidsmonitor.vocab import CommitmentKind, CorrectionField, EvidenceKind, Review, Status, Verdict
from conftest import Said, build_analysis

SPRING = Interval(dt.date(2014, 3, 1), dt.date(2014, 5, 31))
PROMISE = "De volgende monitor over geheel 2013 zal in het voorjaar van 2014 aan de Kamer worden verzonden."
REPORT = "De monitor over geheel 2013 is op 2 juni aan uw Kamer verzonden."
AFTER = dt.date(2014, 7, 1)


def _letters() -> tuple[Analysis, Analysis]:
    earlier = build_analysis(
        "kst-32824-47",
        dt.date(2013, 12, 19),
        [Said("Inleiding."), Said(PROMISE, CommitmentKind.INFORM_PARLIAMENT, SPRING, "voorjaar van 2014")],
    )
    later = build_analysis("kst-32824-60", dt.date(2014, 6, 10), [Said("Voortgang."), Said(REPORT)])
    return earlier, later


def _fill(register: Register) -> int:
    for analysis in _letters():
        register.ingest(analysis)
    follow_register(register)
    [record] = register.list_commitments(as_of=AFTER)
    return record.id


def test_a_rejected_match_stays_rejected_after_tracking_again(register: Register) -> None:
    cid = _fill(register)
    assert register.get_commitment(cid, as_of=AFTER).commitment.status is Status.FULFILLED
    made = correct(
        register, cid, CorrectionField.REVIEW, "rejected", "an", "gaat over iets anders", "kst-32824-60"
    )
    assert (made.old, made.new, made.who, made.document_id) == ("proposed", "rejected", "an", "kst-32824-60")
    rejected = register.get_commitment(cid, as_of=AFTER)
    assert rejected.commitment.status is Status.OVERDUE
    assert rejected.commitment.fulfilled_by is None
    follow_register(register)
    again = register.get_commitment(cid, as_of=AFTER)
    assert again.commitment.status is Status.OVERDUE
    assert [link.review for link in again.links] == [Review.REJECTED]
    assert [(c.field, c.old, c.new, c.note) for c in again.corrections] == [
        (CorrectionField.REVIEW, "proposed", "rejected", "gaat over iets anders")
    ]


def test_an_accepted_match_is_fulfilled_with_its_evidence(register: Register) -> None:
    cid = _fill(register)
    correct(register, cid, CorrectionField.REVIEW, "accepted", "an", document_id="kst-32824-60")
    record = register.get_commitment(cid, as_of=AFTER).commitment
    assert record.status is Status.FULFILLED
    assert (record.fulfilled_by, record.fulfilled_quote) == ("kst-32824-60", REPORT)
    assert (record.fulfilled_evidence, record.fulfilled_review) == (EvidenceKind.REPORT, Review.ACCEPTED)


def test_verdicts_follow_their_day(register: Register) -> None:
    cid = _fill(register)
    correct(register, cid, CorrectionField.REVIEW, "rejected", "an", document_id="kst-32824-60")
    correct(register, cid, CorrectionField.VERDICT, "fulfilled", "bo", effective=dt.date(2014, 8, 1))
    assert register.get_commitment(cid, as_of=AFTER).commitment.status is Status.OVERDUE
    record = register.get_commitment(cid, as_of=dt.date(2014, 8, 2)).commitment
    assert (record.status, record.late_days, record.verdict) == (Status.FULFILLED, 62, Verdict.FULFILLED)
    correct(register, cid, CorrectionField.VERDICT, "not_a_commitment", "bo")
    # not a commitment: so at every day
    assert register.get_commitment(cid, as_of=dt.date(2014, 1, 1)).commitment.status is Status.LAPSED
    trail = corrections_of(register, cid)
    assert [(c.field.value, c.old, c.new) for c in trail] == [
        ("review", "proposed", "rejected"),
        ("verdict", "automatic", "fulfilled"),
        ("verdict", "fulfilled", "not_a_commitment"),
    ]


def test_field_corrections_keep_old_and_new(register: Register) -> None:
    cid = _fill(register)
    correct(register, cid, CorrectionField.KIND, "deliverable", "an")
    correct(register, cid, CorrectionField.DUE, "2014-09-30", "an")
    correct(register, cid, CorrectionField.ACTOR, "de minister van SZW", "an")
    correct(register, cid, CorrectionField.OWNER, "directie Integratie", "an")
    correct(register, cid, CorrectionField.NOTE, "navragen bij het RIVM", "an")
    correct(register, cid, CorrectionField.REVIEW, "rejected", "an", document_id="kst-32824-60")
    record = register.get_commitment(cid, as_of=dt.date(2014, 9, 15)).commitment
    assert record.kind is CommitmentKind.DELIVERABLE
    assert record.due == Interval(dt.date(2014, 9, 30), dt.date(2014, 9, 30))
    assert (record.actor, record.owner, record.note) == (
        "de minister van SZW",
        "directie Integratie",
        "navragen bij het RIVM",
    )
    assert record.status is Status.DUE
    trail = corrections_of(register, cid)
    assert [(c.field.value, c.old, c.new) for c in trail[:3]] == [
        ("kind", "inform_parliament", "deliverable"),
        ("due", "2014-03-01..2014-05-31", "2014-09-30..2014-09-30"),
        ("actor", "", "de minister van SZW"),
    ]
    assert [
        r.kind for r in register.list_commitments(as_of=AFTER, kind=CommitmentKind.INFORM_PARLIAMENT)
    ] == []


@pytest.mark.parametrize(
    ("field", "value", "document_id", "message"),
    [
        (CorrectionField.KIND, "belofte", "", "kind: 'belofte'"),
        (CorrectionField.VERDICT, "klaar", "", "verdict: 'klaar'"),
        (CorrectionField.DUE, "volgende week", "", "deadline 'volgende week'"),
        (CorrectionField.REVIEW, "accepted", "kst-1-1", "no proposed fulfilment by 'kst-1-1'"),
    ],
)
def test_invalid_corrections_are_refused_and_leave_nothing(
    register: Register, field: CorrectionField, value: str, document_id: str, message: str
) -> None:
    cid = _fill(register)
    with pytest.raises(RegisterError, match="R020") as caught:
        correct(register, cid, field, value, "an", document_id=document_id)
    assert message in str(caught.value)
    assert corrections_of(register, cid) == ()


def test_a_correction_needs_a_person_and_a_commitment(register: Register) -> None:
    cid = _fill(register)
    with pytest.raises(RegisterError, match="R020"):
        correct(register, cid, CorrectionField.NOTE, "x", "  ")
    with pytest.raises(RegisterError, match="R001"):
        correct(register, cid + 1000, CorrectionField.NOTE, "x", "an")


def test_corrections_survive_a_new_ingest_through_export_and_import(
    register: Register, settings: Settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    cid = _fill(register)
    correct(register, cid, CorrectionField.REVIEW, "rejected", "an", document_id="kst-32824-60")
    correct(register, cid, CorrectionField.OWNER, "directie Integratie", "an")
    exported = corrections_of(register)
    fresh = open_register(settings.replace(database_url=f"sqlite:///{tmp_path / 'fresh.sqlite'}"))
    try:
        fresh_id = _fill(fresh)
        assert fresh.get_commitment(fresh_id, as_of=AFTER).commitment.status is Status.FULFILLED
        assert import_corrections(fresh, exported) == 2
        assert import_corrections(fresh, exported) == 0
        record = fresh.get_commitment(fresh_id, as_of=AFTER).commitment
        assert (record.status, record.owner) == (Status.OVERDUE, "directie Integratie")
        assert [(c.who, c.field, c.new, c.at) for c in corrections_of(fresh)] == [
            (c.who, c.field, c.new, c.at) for c in exported
        ]
    finally:
        fresh.close()


def test_corrections_survive_migrations_and_an_old_register_is_upgraded(settings: Settings) -> None:
    engine = db.create_register_engine(settings.database_url)
    config = db.migrations_config()
    # the register as it was just before the tracking tables (revision 0003) came
    before = ScriptDirectory.from_config(config).get_revision("0003").down_revision
    assert isinstance(before, str)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, before)
    old = Register(engine, settings)
    for analysis in _letters():
        old.ingest(analysis)
    old.close()
    with open_register(settings) as register:
        follow_register(register)
        [record] = register.list_commitments(as_of=AFTER)
        assert record.status is Status.FULFILLED
        correct(register, record.id, CorrectionField.NOTE, "na de migratie", "an")
        with register.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
            command.upgrade(config, "head")
    with open_register(settings) as register:
        [note] = corrections_of(register)
        assert (note.new, note.who) == ("na de migratie", "an")
        assert register.list_commitments(as_of=AFTER)[0].note == "na de migratie"
