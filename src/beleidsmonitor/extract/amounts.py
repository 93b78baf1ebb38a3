"""Amounts in a clean text: money, percentages, and counts of a unit.

What it finds, best-effort (GUIDELINES.md, "Amounts"):

- ``money``, valued in its currency (``money.toml``: euro, dollar, pound, with their cents): a
  currency sign or word before the number ("€ 20 miljoen", "EUR 250.000",
  "€ 1,5 mld.", "€ 2.500,-") or a currency word after it ("800.000 euro", "20 mln euro").
- ``percent``: "80 procent", "12,5%", "80 pct."; percentage points ("2 procentpunt") are left out.
- ``count``: a number and the noun after it, with a qualifier before it when there is one ("41
  gemeenten", "ruim 51.000 personen", "ca. 150 deelnemers"); after a qualifier a number without a noun
  is still a count ("ruim 51.000 per 1 oktober"). Not counted: years (a plain number between the
  bounds of ``money.toml``), days of a month and clock times ("12 juni", "14.00 uur"), numbers after a
  label ("nr. 7", "artikel 3", "item 6"), numbers joined by "/" or "-" ("2013/14"), capitalised words
  after a number (list items and headings: "1 Meedoen").

A range gives two amounts with the range as their text, the scale, currency and percent sign written
once applying to both ("€ 10 à 15 miljoen" → 10000000 and 15000000, "5 à 10%", "tussen € 10 en 15
miljoen"); two numbers are no range when the second is smaller or a plain year ("€ 500 tot 2020"). A
currency sign followed by a number belongs to that number, not to the number before it ("2026 € 7,5
miljard").

Money and percentages carry the qualifier written before them ("ruim € 20 miljoen") in ``qualifier``;
their ``text`` is the amount itself. The gold schema lists only money and percentages: writers filter
counts out by kind.

Known misses: see ``beleidsmonitor.normalise.money`` (space-grouped and spelled-out numbers, other
currencies); counts of spelled-out numbers ("drie gemeenten", "een drietal pilots").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from beleidsmonitor.extract.phrases import find_near
from beleidsmonitor.lang.nl import alternation, load_toml
from beleidsmonitor.model import Amount, Sentence, Span
from beleidsmonitor.normalise.money import (
    CHANGE_JOINERS,
    CHANGE_OPENERS,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    CURRENCY_SIGNS,
    NUMBER,
    PAIR_JOINERS,
    PAIR_OPENERS,
    PERCENT,
    PERCENT_POINT,
    RANGE_JOINER,
    SCALE,
    WHOLE_MARK,
    currency_of,
    parse_money,
    parse_money_range,
    parse_number,
    parse_percentage,
    parse_percentage_range,
)
from beleidsmonitor.structure.locate import SentenceIndex
from beleidsmonitor.vocab import AmountKind

_COUNT = load_toml("money.toml")["count"]


def _either_case(words: Sequence[str]) -> list[str]:
    return [*words, *(w[:1].upper() + w[1:] for w in words)]


# --- named fragments -------------------------------------------------------------------------------
NOT_IN_NUMBER = r"(?<![\d.,/–-])"
WORD_END = r"(?![^\W_])"
MONEY_BEFORE = (
    rf"(?<![^\W_])(?:{CURRENCY_BEFORE})\s*{NOT_IN_NUMBER}(?:{NUMBER})(?:\s*(?:{WHOLE_MARK}))?"
    rf"(?:\s+{SCALE})?(?:\s+(?:{CURRENCY_AFTER}){WORD_END})?"
)
# a currency word followed by a number is the sign of that number ("2026 € 7,5 miljard")
MONEY_AFTER = rf"{NOT_IN_NUMBER}(?:{NUMBER})(?:\s+{SCALE})?\s*(?:{CURRENCY_AFTER}){WORD_END}(?!\s*\d)"
JOINER = rf"\s*(?P<joiner>{RANGE_JOINER})\s*"
MONEY_RANGE = (
    rf"(?<![^\W_])(?:{CURRENCY_BEFORE})\s*{NOT_IN_NUMBER}(?:{NUMBER}){JOINER}(?:(?:{CURRENCY_BEFORE})\s*)?"
    rf"(?P<high>{NUMBER})(?P<scale>\s+{SCALE})?(?:\s+(?:{CURRENCY_AFTER}){WORD_END})?"
    rf"|{NOT_IN_NUMBER}(?:{NUMBER})(?P<joiner2>\s*(?:{RANGE_JOINER})\s*)(?:{NUMBER})(?:\s+{SCALE})?\s*"
    rf"(?:{CURRENCY_AFTER}){WORD_END}(?!\s*\d)"
)
PERCENT_RANGE = (
    rf"{NOT_IN_NUMBER}(?:{NUMBER})\s*(?:(?:{PERCENT})\s*)?(?P<pjoiner>{RANGE_JOINER})\s*(?:{NUMBER})\s*(?:{PERCENT})"
    rf"(?![^\W_]|-)"
)
PERCENTAGE = rf"{NOT_IN_NUMBER}(?:{NUMBER})\s*(?:{PERCENT})(?![^\W_]|-)"
QUALIFIER = rf"(?<![^\W_])(?:{alternation(_either_case(_COUNT['qualifiers']))})"
UNIT = r"[a-zß-öø-ÿ][^\W\d_]*(?:-[^\W\d_]+)*"
COUNT = (
    rf"(?:(?P<qualifier>{QUALIFIER})\s+)?{NOT_IN_NUMBER}(?P<number>{NUMBER})(?![/–-]\d)"
    # a scale word and a currency word after the number make it money ("ruim 2,5 miljard euro")
    rf"(?!\s*(?:{PERCENT}|{PERCENT_POINT}|(?:{SCALE}\s*)?(?:{CURRENCY_AFTER})))"
    rf"(?:\s+(?P<unit>{UNIT}))?"
)
SINGLE = rf"(?P<money>{MONEY_BEFORE}|{MONEY_AFTER})|(?P<percent>{PERCENTAGE})|(?P<count>{COUNT})"
# the ranges are tried only where a number or a currency sign begins (most positions are neither)
RANGE_OR_SINGLE = rf"(?=\d|(?:{CURRENCY_BEFORE}))(?:(?P<money_range>{MONEY_RANGE})|(?P<percent_range>{PERCENT_RANGE}))|{SINGLE}"
# every amount begins with a digit, or at a word start with a currency sign or a qualifier: one test of a
# character rejects the other positions, where the alternatives above were each tried (three times the time)
_FIRST = "".join(sorted({w[0] for w in (*CURRENCY_SIGNS, *_either_case(_COUNT["qualifiers"]))}))
AMOUNT_START = rf"(?=\d|(?<![^\W_])[{re.escape(_FIRST)}])"
AMOUNT = rf"{AMOUNT_START}(?:{RANGE_OR_SINGLE})"

_AMOUNT_RE = re.compile(AMOUNT)
_SINGLE_RE = re.compile(SINGLE)
_PAIR_OPENER_RE = re.compile(rf"(?<![^\W_])(?:{PAIR_OPENERS})\s+(?:de\s+)?$")
_CHANGE_OPENER_RE = re.compile(rf"(?<![^\W_])(?:{CHANGE_OPENERS})\s+$")
_QUALIFIER_BEFORE_RE = re.compile(rf"(?P<qualifier>{QUALIFIER})\s+$")
_WORD_BEFORE_RE = re.compile(r"(?P<word>[^\s(]+)\s*$")
_LABELS = frozenset(w.casefold() for w in _COUNT["labels"])
_NOT_UNITS = frozenset(_COUNT["not_units"])
_MONTHS = load_toml("time.toml")["months"]
_DATE_WORDS = frozenset(
    [*_COUNT["date_words"], *_MONTHS["names"], *(a.rstrip(".") for a in _MONTHS["abbreviations"])]
)
_YEAR_MIN = int(_COUNT["year_min"])
_YEAR_MAX = int(_COUNT["year_max"])
_LOOKBACK = 30


def _qualifier_before(text: str, start: int) -> str:
    m = _QUALIFIER_BEFORE_RE.search(text, max(0, start - _LOOKBACK), start)
    return m["qualifier"] if m else ""


def _after_label(text: str, start: int) -> bool:
    m = _WORD_BEFORE_RE.search(text, max(0, start - _LOOKBACK), start)
    return bool(m) and m is not None and m["word"].casefold() in _LABELS


def _count(text: str, m: re.Match[str]) -> tuple[Span, str, Decimal, str, str] | None:
    """The span, text, value, unit and qualifier of a count match, or None when it is no count."""
    number, unit, qualifier = m["number"], m["unit"] or "", m["qualifier"] or ""
    if unit in _DATE_WORDS or _after_label(text, m.start("number")):
        return None
    value = parse_number(number)
    if "." not in number and "," not in number and _YEAR_MIN <= value <= _YEAR_MAX:
        return None
    if unit in _NOT_UNITS or not unit:
        if not qualifier:
            return None
        end = m.end("number")
        unit = ""
    else:
        end = m.end("unit")
    start = m.start()
    return Span(start, end), text[start:end], value, unit, qualifier


def _is_range(m: re.Match[str]) -> bool:
    return m.re is _AMOUNT_RE and (m["money_range"] is not None or m["percent_range"] is not None)


_DIGITS = re.compile(r"\d+")


def _matches(text: str) -> list[re.Match[str]]:
    """Matches of the amount pattern in order; a range that is no range is read as single amounts.

    Every amount holds a digit and begins at most ``_LOOKBACK`` characters before it (a qualifier and a
    currency word) on the same line: the pattern is tried only there.
    """
    out: list[re.Match[str]] = []
    for m in find_near(_AMOUNT_RE, text, _DIGITS, _LOOKBACK):
        if _is_range(m) and _range(text, m) is None:
            out.extend(_SINGLE_RE.finditer(text, m.start(), m.end()))
        else:
            out.append(m)
    return out


def _range(text: str, m: re.Match[str]) -> tuple[Decimal, Decimal] | None:
    """The two values of a range match, or None when the two numbers are no range.

    Not a range: "en" without "tussen" before it, "naar" without "van" before it, a second number
    below the first (except in a change "van 21 naar 19 procent"), and a plain year after "tot" or a
    dash with no scale word ("€ 500 tot 2020").
    """
    joiner = " ".join((m["joiner"] or m["joiner2"] or m["pjoiner"] or "").split())
    if joiner in PAIR_JOINERS and not _PAIR_OPENER_RE.search(text, max(0, m.start() - _LOOKBACK), m.start()):
        return None
    change = joiner in CHANGE_JOINERS
    if change and not _CHANGE_OPENER_RE.search(text, max(0, m.start() - _LOOKBACK), m.start()):
        return None
    if m["money_range"] is not None:
        low, high = parse_money_range(m[0])
        year = m["high"] is not None and not m["scale"] and "." not in m["high"] and "," not in m["high"]
        if year and _YEAR_MIN <= high <= _YEAR_MAX:
            return None
    else:
        low, high = parse_percentage_range(m[0])
    return (low, high) if low < high or (change and low != high) else None


def find_amounts(text: str, sentences: Sequence[Sentence]) -> tuple[Amount, ...]:
    """All money amounts, percentages and counts in ``text``, in reading order.

    Args:
        text: the clean text of a document.
        sentences: its sentences, to record which sentence each amount stands in.
    """
    index = SentenceIndex(sentences)
    out: list[Amount] = []
    for m in _matches(text):
        if _is_range(m):
            kind = AmountKind.MONEY if m["money_range"] is not None else AmountKind.PERCENT
            span, qualifier = Span(m.start(), m.end()), _qualifier_before(text, m.start())
            for value in _range(text, m) or ():
                out.append(
                    Amount(
                        span=span,
                        text=m[0],
                        kind=kind,
                        value=value,
                        currency=currency_of(m[0]) if kind is AmountKind.MONEY else "",
                        unit="",
                        qualifier=qualifier,
                        sentence=index.at(span.start),
                    )
                )
            continue
        if m["count"] is not None:
            found = _count(text, m)
            if found is None:
                continue
            span, quote, value, unit, qualifier = found
            kind, currency = AmountKind.COUNT, ""
        else:
            span, quote = Span(m.start(), m.end()), m[0]
            qualifier, unit = _qualifier_before(text, m.start()), ""
            if m["money"] is not None:
                kind, value, currency = AmountKind.MONEY, parse_money(quote), currency_of(quote)
            else:
                kind, value, currency = AmountKind.PERCENT, parse_percentage(quote), ""
        out.append(
            Amount(
                span=span,
                text=quote,
                kind=kind,
                value=value,
                currency=currency,
                unit=unit,
                qualifier=qualifier,
                sentence=index.at(span.start),
            )
        )
    return tuple(out)
