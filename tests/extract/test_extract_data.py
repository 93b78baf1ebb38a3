"""Integrity of the Dutch data files the reference, amount, organisation and people extractors read:
each parses, and no list repeats or shadows an entry."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from beleidsmonitor.lang.nl import load_csv, load_toml


def _lists(table: dict[str, Any], path: str = "") -> list[tuple[str, list[Any]]]:
    out: list[tuple[str, list[Any]]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            out.extend(_lists(value, f"{path}{key}."))
        elif isinstance(value, list):
            out.append((f"{path}{key}", value))
    return out


def _repeated(values: list[Any]) -> list[Any]:
    return [v for v, n in Counter(values).items() if n > 1]


LISTS = [
    pytest.param(values, id=f"{name}:{key}")
    for name in ("references.toml", "money.toml", "names.toml")
    for key, values in _lists(load_toml(name))
]


@pytest.mark.parametrize("values", LISTS)
def test_toml_list_has_no_duplicates(values: list[Any]) -> None:
    assert _repeated(values) == []


def test_money_scale_words_are_positive_integers() -> None:
    scale = load_toml("money.toml")["scale"]
    assert all(isinstance(v, int) and v > 1 for v in scale.values())


def test_count_words_do_not_overlap() -> None:
    count = load_toml("money.toml")["count"]
    assert set(count["not_units"]) & set(count["date_words"]) == set()


def test_bare_tlds_are_tlds() -> None:
    url = load_toml("references.toml")["url"]
    assert set(url["bare_tlds"]) <= set(url["tlds"])


ROWS = load_csv("organisations.csv")
CATEGORIES = {
    "ministry",
    "agency",
    "advisory",
    "planning_bureau",
    "association",
    "civil_society",
    "parliament",
}


def test_organisations_have_columns_and_known_categories() -> None:
    assert ROWS
    assert all(set(row) == {"name", "short", "abbreviations", "aliases", "category"} for row in ROWS)
    assert {row["category"] for row in ROWS} <= CATEGORIES


def test_organisation_names_and_forms_are_unique() -> None:
    """No surface form (name, abbreviation, alias, short name) names two organisations."""
    forms: list[str] = []
    for row in ROWS:
        own = {row["name"], row["short"], *row["abbreviations"].split("|"), *row["aliases"].split("|")}
        forms.extend(f for f in own if f)
    assert _repeated(forms) == []


def test_only_ministries_have_short_names() -> None:
    assert all(row["category"] == "ministry" for row in ROWS if row["short"])
