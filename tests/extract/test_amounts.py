"""Golden cases for find_amounts (tests/cases/amounts.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from beleidsmonitor.extract.amounts import find_amounts
from beleidsmonitor.model import Amount
from beleidsmonitor.vocab import AmountKind

CASES = Path(__file__).parents[1] / "cases" / "amounts.toml"


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    input: str
    found: list[str]
    text: str | None = None
    currency: str | None = None
    xfail: str | None = None


def _cases() -> list[object]:
    rows = [Case(**row) for row in tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]]
    return [
        pytest.param(c, id=c.input, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
        for c in rows
    ]


def _describe(a: Amount) -> str:
    out = f"{a.kind} {a.value}"
    if a.kind is AmountKind.COUNT:
        out += f" {a.unit}" if a.unit else ""
        out += f" ({a.qualifier})" if a.qualifier else ""
    return out


@pytest.mark.parametrize("case", _cases())
def test_amount_case(case: Case) -> None:
    amounts = find_amounts(case.input, ())
    assert [_describe(a) for a in amounts] == case.found
    if case.text is not None:
        assert amounts[0].text == case.text
    if case.currency is not None:
        assert amounts[0].currency == case.currency


def test_money_carries_currency_and_qualifier() -> None:
    (amount,) = find_amounts("ruim € 3 miljoen", ())
    assert (amount.currency, amount.qualifier, amount.text) == ("EUR", "ruim", "€ 3 miljoen")
