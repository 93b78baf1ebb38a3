"""Amounts in a clean text: money, percentages, and counts of a unit.

What it finds, best-effort (GUIDELINES.md, "Amounts"):

- ``money``, valued in euros: a currency sign or word before the number ("€ 20 miljoen", "EUR 250.000",
  "€ 1,5 mld.", "€ 2.500,-") or a currency word after it ("800.000 euro", "20 mln euro").
- ``percent``: "80 procent", "12,5%", "80 pct."; percentage points ("2 procentpunt") are left out.
- ``count``: a number and the noun after it, with a qualifier before it when there is one ("41
  gemeenten", "ruim 51.000 personen", "ca. 150 deelnemers"); after a qualifier a number without a noun
  is still a count ("ruim 51.000 per 1 oktober"). Not counted: years (a plain number between the
  bounds of ``money.toml``), days of a month and clock times ("12 juni", "14.00 uur"), numbers after a
  label ("nr. 7", "artikel 3", "item 6"), numbers joined by "/" or "-" ("2013/14"), capitalised words
  after a number (list items and headings: "1 Meedoen").

Money and percentages carry the qualifier written before them ("ruim € 20 miljoen") in ``qualifier``;
their ``text`` is the amount itself. The gold schema lists only money and percentages: writers filter
counts out by kind.

Known misses: see ``beleidsmonitor.normalise.money`` (space-grouped and spelled-out numbers, other
currencies); a range "€ 10 à 15 miljoen" gives only its second amount with the scale; counts of
spelled-out numbers ("drie gemeenten", "een drietal pilots").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Amount, Sentence, Span
from beleidsmonitor.normalise.money import (
    CURRENCY,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    NUMBER,
    PERCENT,
    PERCENT_POINT,
    SCALE,
    WHOLE_MARK,
    parse_money,
    parse_number,
    parse_percentage,
)
from beleidsmonitor.structure.locate import SentenceIndex
from beleidsmonitor.vocab import AmountKind

_COUNT = load_toml("money.toml")["count"]


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _either_case(words: Sequence[str]) -> list[str]:
    return [*words, *(w[:1].upper() + w[1:] for w in words)]


# --- named fragments -------------------------------------------------------------------------------
NOT_IN_NUMBER = r"(?<![\d.,/–-])"
WORD_END = r"(?![^\W_])"
MONEY_BEFORE = (
    rf"(?<![^\W_])(?:{CURRENCY_BEFORE})\s*{NOT_IN_NUMBER}(?:{NUMBER})(?:\s*(?:{WHOLE_MARK}))?"
    rf"(?:\s+{SCALE})?(?:\s+(?:{CURRENCY_AFTER}){WORD_END})?"
)
MONEY_AFTER = rf"{NOT_IN_NUMBER}(?:{NUMBER})(?:\s+{SCALE})?\s*(?:{CURRENCY_AFTER}){WORD_END}"
PERCENTAGE = rf"{NOT_IN_NUMBER}(?:{NUMBER})\s*(?:{PERCENT})(?![^\W_]|-)"
QUALIFIER = rf"(?<![^\W_])(?:{_alt(_either_case(_COUNT['qualifiers']))})"
UNIT = r"[a-zß-öø-ÿ][^\W\d_]*(?:-[^\W\d_]+)*"
COUNT = (
    rf"(?:(?P<qualifier>{QUALIFIER})\s+)?{NOT_IN_NUMBER}(?P<number>{NUMBER})(?![/–-]\d)"
    rf"(?!\s*(?:{PERCENT}|{PERCENT_POINT}|{CURRENCY_AFTER}))"
    rf"(?:\s+(?P<unit>{UNIT}))?"
)
AMOUNT = rf"(?P<money>{MONEY_BEFORE}|{MONEY_AFTER})|(?P<percent>{PERCENTAGE})|(?P<count>{COUNT})"

_AMOUNT_RE = re.compile(AMOUNT)
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


def find_amounts(text: str, sentences: Sequence[Sentence]) -> tuple[Amount, ...]:
    """All money amounts, percentages and counts in ``text``, in reading order.

    Args:
        text: the clean text of a document.
        sentences: its sentences, to record which sentence each amount stands in.
    """
    index = SentenceIndex(sentences)
    out: list[Amount] = []
    for m in _AMOUNT_RE.finditer(text):
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
                kind, value, currency = AmountKind.MONEY, parse_money(quote), CURRENCY
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
