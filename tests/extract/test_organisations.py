"""Golden cases for find_organisations (tests/cases/organisations.toml) and people in signature lines."""

from __future__ import annotations

import re
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


def test_a_long_line_of_roles_is_searched_near_each_role(monkeypatch: pytest.MonkeyPatch) -> None:
    # one line of thousands of role words (a fuzzed letter's repeated signature): a name before its
    # role is looked for near each role, not in the rest of the line
    import beleidsmonitor.extract.people as people

    repeats = 2000
    text = (
        "De minister van Financiën, J.R.V.A. Dijsselbloem en "
        + "minister Asscher en de ambassadeur " * repeats
    )
    searched = 0

    class Searching:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern.pattern
            self._compiled = pattern

        def search(self, string: str, pos: int, endpos: int) -> re.Match[str] | None:
            nonlocal searched
            searched += endpos - pos
            return self._compiled.search(string, pos, endpos)

        def match(self, string: str, pos: int) -> re.Match[str] | None:
            return self._compiled.match(string, pos)

    monkeypatch.setattr(people, "_PATTERNS", tuple(Searching(p) for p in people._PATTERNS))  # type: ignore[misc]
    found = find_people(text, ())
    assert [(p.name, p.role) for p in found[:3]] == [
        ("J.R.V.A. Dijsselbloem", "minister"),
        ("Asscher", "minister"),
        ("Asscher", "minister"),
    ]
    assert len(found) == repeats + 1
    assert searched < 200 * (2 * repeats)  # some hundred characters per role word: 140 million before
