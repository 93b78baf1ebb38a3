"""Golden cases for find_organisations (tests/cases/organisations.toml) and people in signature lines."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from beleidsmonitor.extract.organisations import find_organisations
from beleidsmonitor.extract.people import find_people

CASES = Path(__file__).parents[1] / "cases" / "organisations.toml"


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    input: str
    found: list[str]
    xfail: str | None = None


def _cases() -> list[object]:
    rows = [Case(**row) for row in tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]]
    return [
        pytest.param(c, id=c.input, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
        for c in rows
    ]


@pytest.mark.parametrize("case", _cases())
def test_organisation_case(case: Case) -> None:
    found = find_organisations(case.input, ())
    assert [f"{o.name}|{o.abbreviation}|{o.category}" for o in found] == case.found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "De Minister van Sociale Zaken en Werkgelegenheid, L.F. Asscher Voortgang",
            [("L.F. Asscher", "minister")],
        ),
        ("van de ambassadeur voor dit onderwerp, Mirjam Sterk (conform", [("Mirjam Sterk", "ambassadeur")]),
        ("Namens Nederland is Cor de Vos voorzitter van deze werkgroep.", [("Cor de Vos", "voorzitter")]),
        ("de Ambassadeur bestrijding Jeugdwerkeloosheid Mirjam Sterk met", [("Mirjam Sterk", "ambassadeur")]),
        ("volgens minister Asscher is dat", [("Asscher", "minister")]),
        ("De Minister van Sociale Zaken en Werkgelegenheid heeft", []),
        ("Arbeidsmarkt De ambassadeur voor de aanpak van jeugdwerkloosheid zet zich in", []),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_people(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.role) for p in find_people(text, ())] == expected
