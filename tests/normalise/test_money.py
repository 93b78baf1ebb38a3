"""Values of money and percentages as written in Dutch."""

from __future__ import annotations

from decimal import Decimal

import pytest

from beleidsmonitor.normalise.money import (
    currency_of,
    parse_money,
    parse_money_range,
    parse_number,
    parse_percentage,
    parse_percentage_range,
    scale_factor,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€ 20 miljoen", "20000000"),
        ("20 mln euro", "20000000"),
        ("€ 1,5 mld.", "1500000000"),
        ("800.000 euro", "800000"),
        ("EUR 250.000", "250000"),
        ("€ 2.500,-", "2500"),
        ("€20 mln", "20000000"),
        ("1,2 miljard euro", "1200000000"),
        ("€ 300 duizend", "300000"),
        ("€ 1.250.000,50", "1250000.5"),
        ("$ 65", "65"),
        ("28,1 eurocent", "0.281"),
    ],
)
def test_parse_money(text: str, expected: str) -> None:
    assert parse_money(text) == Decimal(expected)


@pytest.mark.parametrize("bad", ["20 miljoen", "€ twintig", "12,5 procent", ""])
def test_parse_money_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="not an amount of money"):
        parse_money(bad)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("€ 20 miljoen", "EUR"),
        ("20 mln euro", "EUR"),
        ("$ 65", "USD"),
        ("40 dollar", "USD"),
        ("28,1 eurocent", "EUR"),
        ("£ 3 miljard", "GBP"),
        ("$ 10 à 15 miljoen", "USD"),
    ],
)
def test_currency_of(text: str, code: str) -> None:
    assert currency_of(text) == code


def test_currency_of_rejects_an_amount_without_currency() -> None:
    with pytest.raises(ValueError, match="not an amount of money"):
        currency_of("20 miljoen")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12,5 procent", "12.5"), ("12,5%", "12.5"), ("80 procent", "80"), ("80 pct.", "80"), ("3 %", "3")],
)
def test_parse_percentage(text: str, expected: str) -> None:
    assert parse_percentage(text) == Decimal(expected)


@pytest.mark.parametrize(("text", "expected"), [("800.000", "800000"), ("12,5", "12.5"), ("7", "7")])
def test_parse_number(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(("word", "factor"), [("mln", 10**6), ("mld.", 10**9), ("Miljoen", 10**6), ("", 1)])
def test_scale_factor(word: str, factor: int) -> None:
    assert scale_factor(word) == factor


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("€ 10 à 15 miljoen", "10000000", "15000000"),
        ("10 à 15 miljoen euro", "10000000", "15000000"),
        ("€ 10 tot € 15 miljoen", "10000000", "15000000"),
        ("€ 1,5-2 mld.", "1500000000", "2000000000"),
        ("20 à 30 eurocent", "0.2", "0.3"),
    ],
)
def test_parse_money_range(text: str, low: str, high: str) -> None:
    assert parse_money_range(text) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize(
    ("text", "low", "high"), [("5 à 10%", "5", "10"), ("5% tot 12,5 procent", "5", "12.5")]
)
def test_parse_percentage_range(text: str, low: str, high: str) -> None:
    assert parse_percentage_range(text) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize("bad", ["10 à 15 miljoen", "€ 20 miljoen", "5 à 10"])
def test_parse_ranges_reject(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_money_range(bad)
    with pytest.raises(ValueError):
        parse_percentage_range(bad)
