"""Integrity of the Dutch data files that the clean, structure and register stages read."""

from collections import Counter
from typing import Any

import pytest

from beleidsmonitor.lang.nl import load_csv, load_lines, load_toml


def _lists(table: dict[str, Any], prefix: str = "") -> list[tuple[str, list[Any]]]:
    out: list[tuple[str, list[Any]]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            out.extend(_lists(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            out.append((f"{prefix}{key}", value))
    return out


@pytest.mark.parametrize("name", ["layout.toml", "comparison.toml"])
def test_toml_lists_have_no_duplicates(name: str) -> None:
    lists = _lists(load_toml(name))
    assert lists
    for key, values in lists:
        dupes = [v for v, n in Counter(values).items() if n > 1]
        assert dupes == [], f"{name} {key}: {dupes}"


def test_abbreviations_are_unique_and_end_in_a_full_stop() -> None:
    words = load_lines("abbreviations.txt")
    assert len(words) == len({w.lower() for w in words})
    assert all(w.endswith(".") for w in words)


def test_portfolios_map_to_known_ministries() -> None:
    ministries = {
        row["abbreviations"].split("|")[0]
        for row in load_csv("organisations.csv")
        if row["category"] == "ministry"
    }
    rows = load_csv("portfolios.csv")
    assert len(rows) == len({r["portfolio"].casefold() for r in rows})
    assert {r["ministry"] for r in rows} <= ministries


def test_stop_words_do_not_shadow_time_words() -> None:
    data = load_toml("comparison.toml")
    assert not set(data["stop_words"]["words"]) & set(data["time_words"]["words"])
