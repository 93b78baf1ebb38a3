"""Interval rules of normalise/dates.py, one row per rule of the guideline's table
(``[[interval]]`` rows of tests/cases/timex.toml)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict

from beleidsmonitor.model import Interval
from beleidsmonitor.normalise.dates import (
    Occurrence,
    Position,
    Recess,
    Relation,
    Season,
    Tense,
    TimePoint,
    TimeRef,
    Unit,
    to_interval,
)

CASES = Path(__file__).parents[1] / "cases" / "timex.toml"
TABLE = tomllib.loads(CASES.read_text(encoding="utf-8"))


class RecessRow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    before: tuple[int, int]
    after: tuple[int, int] | None = None


class PointRow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: Unit
    month: int = 0
    day: int = 0
    season: Season | None = None
    ordinal: int = 0
    year: int = 0
    year_shift: int | None = None
    unit_shift: int | None = None
    occurrence: Occurrence | None = None
    position: Position | None = None
    recess: RecessRow | None = None

    def build(self) -> TimePoint:
        fields: dict[str, Any] = self.model_dump(exclude={"recess"})
        recess = Recess(**self.recess.model_dump()) if self.recess else None
        return TimePoint(**fields, recess=recess)


class IntervalCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    point: PointRow
    until: PointRow | None = None
    relation: Relation = Relation.AT
    open_end: bool = False
    anchor: dt.date = TABLE["anchor"]
    tense: Literal["past", "future"] | None = None
    expect: list[str]

    def expected(self) -> Interval | None:
        if not self.expect:
            return None
        start, end = self.expect
        return Interval(dt.date.fromisoformat(start), None if end == "open" else dt.date.fromisoformat(end))


ROWS = [IntervalCase(**row) for row in TABLE["interval"]]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in ROWS])
def test_interval_rule(case: IntervalCase) -> None:
    ref = TimeRef(
        case.point.build(),
        case.relation,
        case.until.build() if case.until else None,
        case.open_end,
    )
    tense = Tense(case.tense) if case.tense else None
    assert to_interval(ref, case.anchor, tense) == case.expected()


@pytest.mark.parametrize("anchor", [dt.date(2013, 12, 19), dt.date(2014, 1, 1), dt.date(2016, 2, 29)])
@pytest.mark.parametrize("tense", [None, Tense.PAST, Tense.FUTURE])
def test_yearless_month_lies_in_the_tense_direction(anchor: dt.date, tense: Tense | None) -> None:
    for month in range(1, 13):
        interval = to_interval(TimeRef(TimePoint(Unit.MONTH, month=month)), anchor, tense)
        assert interval is not None and interval.end is not None
        assert interval.start.month == month and interval.end.month == month
        if tense is Tense.PAST:
            assert interval.start <= anchor and (anchor - interval.start).days < 366
        if tense is Tense.FUTURE:
            assert interval.end >= anchor and (interval.end - anchor).days < 366


def test_winter_ends_on_the_last_day_of_february() -> None:
    winters = {
        year: to_interval(
            TimeRef(TimePoint(Unit.SEASON, season=Season.WINTER, year=year)), dt.date(2013, 1, 1)
        )
        for year in (2014, 2015)
    }
    assert winters[2014] == Interval(dt.date(2014, 12, 1), dt.date(2015, 2, 28))
    assert winters[2015] == Interval(dt.date(2015, 12, 1), dt.date(2016, 2, 29))
