"""Amounts of money and percentages as written in Dutch → ``Decimal``.

Coverage (GUIDELINES.md, "Amounts"): Dutch numbers with a thousands dot and a decimal comma
("800.000", "12,5", "1.250.000,50"), currency signs and words before or after the number ("€ 20 miljoen",
"20 mln euro", "EUR 250.000", "800.000 euro", "€ 2.500,-"), scale words with or without a full stop
("mln", "miljoen", "mld.", "miljard", "duizend"), and percentages ("12,5 procent", "12,5%", "80 pct.").
Money is returned in the unit of its currency (``currency_of`` gives the ISO code: "€ 20 miljoen" → EUR,
"$ 65" → USD); a word for the hundredth part ("28,1 eurocent") gives the value in the whole unit (0.281).
The currencies and their signs and words are the tables of ``lang/nl/money.toml``.

Ranges ("€ 10 à 15 miljoen", "5 à 10%", "tussen € 10 en 15 miljoen") give two values; the scale word,
currency and percent sign written once apply to both.

Known misses: numbers grouped with spaces ("€ 250 000"), English decimal points ("€ 1.5 mln" reads as
1 and is not matched whole), spelled-out numbers ("twintig miljoen euro"), currencies that ``money.toml`` does not list.

The named regex fragments below are built once from ``lang/nl/money.toml`` and shared with
``beleidsmonitor.extract.amounts``, so that what is found is exactly what can be parsed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from beleidsmonitor.lang.nl import load_toml

_DATA = load_toml("money.toml")


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_CURRENCIES: dict[str, dict[str, list[str]]] = _DATA["currencies"]
#: the ISO code of every currency sign and word (money.toml names each word under one currency)
_CODE: dict[str, str] = {
    w: code for code, c in _CURRENCIES.items() for w in (*c["signs"], *c["words"], *c["cents"])
}
#: the words for the hundredth part of a currency ("eurocent")
_CENT_WORDS = frozenset(w for c in _CURRENCIES.values() for w in c["cents"])
#: a Dutch number: "800.000", "12,5", "1.250.000,50", "20"
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)|\d+(?:,\d+)?(?![.,]?\d)"
#: the signs and words written before the number, of every currency ("€", "EUR", "$")
CURRENCY_SIGNS = tuple(w for c in _CURRENCIES.values() for w in c["signs"])
#: a currency sign or word written before the number
CURRENCY_BEFORE = _alternation(CURRENCY_SIGNS)
#: a currency word (or a word for its hundredth part) written after the number or scale word
CURRENCY_AFTER = _alternation([w for c in _CURRENCIES.values() for w in (*c["words"], *c["cents"])])
#: ",-" after whole euros
WHOLE_MARK = _alternation(_DATA["currency"]["whole_marks"])
#: a scale word, with an optional full stop after an abbreviation ("mln.", "mld."), not after a
#: whole word, whose full stop ends the sentence ("€ 15 miljoen.")
SCALE = (
    rf"(?:(?:{_alternation([w for w in _DATA['scale'] if len(w) > 3])})(?![^\W_])"
    rf"|(?:{_alternation([w for w in _DATA['scale'] if len(w) <= 3])})(?![^\W_])\.?)"
)
#: a percentage word or sign
PERCENT = _alternation(_DATA["percent"]["words"])
#: words of percentage points, which are not percentages
PERCENT_POINT = _alternation(_DATA["percent"]["point_words"])
#: the word between the two numbers of a range ("€ 10 à 15 miljoen", "5 à 10%")
RANGE_JOINER = _alternation(
    [*_DATA["range"]["joiners"], *_DATA["range"]["pair_joiners"], *_DATA["range"]["change_joiners"]]
)
#: joiners that make a range only after an opener ("tussen € 10 en 15 miljoen")
PAIR_JOINERS: frozenset[str] = frozenset(_DATA["range"]["pair_joiners"])
#: the openers those joiners need
PAIR_OPENERS = _alternation(_DATA["range"]["pair_openers"])
#: joiners of a change from one amount to another ("van 19 naar 21 procent"), only after an opener
CHANGE_JOINERS: frozenset[str] = frozenset(_DATA["range"]["change_joiners"])
#: the openers those joiners need
CHANGE_OPENERS = _alternation(_DATA["range"]["change_openers"])

_SCALES: dict[str, int] = {k.casefold(): int(v) for k, v in _DATA["scale"].items()}

_NUMBER_RE = re.compile(NUMBER)
_MONEY_RE = re.compile(
    rf"^(?:(?P<before>{CURRENCY_BEFORE})\s*)?(?P<number>{NUMBER})\s*(?:{WHOLE_MARK})?"
    rf"(?:\s*(?P<scale>{SCALE}))?(?:\s*(?P<after>{CURRENCY_AFTER}))?$"
)
_PERCENT_RE = re.compile(rf"^(?P<number>{NUMBER})\s*(?:{PERCENT})$")
_MONEY_RANGE_RE = re.compile(
    rf"^(?:(?P<before>{CURRENCY_BEFORE})\s*)?(?P<low>{NUMBER})\s*(?:{RANGE_JOINER})\s*"
    rf"(?:(?P<before2>{CURRENCY_BEFORE})\s*)?(?P<high>{NUMBER})"
    rf"(?:\s*(?P<scale>{SCALE}))?(?:\s*(?P<after>{CURRENCY_AFTER}))?$"
)
_PERCENT_RANGE_RE = re.compile(
    rf"^(?P<low>{NUMBER})\s*(?:(?:{PERCENT})\s*)?(?:{RANGE_JOINER})\s*(?P<high>{NUMBER})\s*(?:{PERCENT})$"
)


def parse_number(text: str) -> Decimal:
    """The value of a Dutch number: "800.000" → 800000, "12,5" → 12.5.

    Raises:
        ValueError: ``text`` is not a number.
    """
    s = text.strip()
    if not _NUMBER_RE.fullmatch(s):
        raise ValueError(f"not a Dutch number: {text!r}")
    return Decimal(s.replace(".", "").replace(",", "."))


def scale_factor(word: str) -> int:
    """The factor of a scale word ("mln", "miljoen", "mld." …); 1 for an empty word.

    Raises:
        ValueError: an unknown scale word.
    """
    key = word.strip().rstrip(".").casefold()
    if not key:
        return 1
    if key not in _SCALES:
        raise ValueError(f"not a scale word: {word!r}")
    return _SCALES[key]


def _normal(value: Decimal) -> Decimal:
    # 20000000 rather than 2.0E+7, 12.5 rather than 12.50
    out = value.normalize()
    return out.quantize(Decimal(1)) if out == out.to_integral_value() else out


def parse_money(text: str) -> Decimal:
    """The value of a written amount in its currency: "€ 20 miljoen" → 20000000, "28,1 eurocent" → 0.281.

    Raises:
        ValueError: ``text`` is not an amount of money (no currency, or other words in it).
    """
    m = _MONEY_RE.match(" ".join(text.split()))
    if not m or not (m["before"] or m["after"]):
        raise ValueError(f"not an amount of money: {text!r}")
    value = parse_number(m["number"]) * scale_factor(m["scale"] or "")
    return _normal(value / 100 if m["after"] in _CENT_WORDS else value)


def currency_of(text: str) -> str:
    """The ISO code of the currency of a written amount or range: "€ 20 miljoen" → "EUR", "$ 65" → "USD".

    Raises:
        ValueError: ``text`` names no currency of ``money.toml``.
    """
    flat = " ".join(text.split())
    m = _MONEY_RE.match(flat) or _MONEY_RANGE_RE.match(flat)
    word = next((w for w in m.groupdict().values() if w in _CODE), None) if m else None
    if not word:
        raise ValueError(f"not an amount of money: {text!r}")
    return _CODE[word]


def parse_money_range(text: str) -> tuple[Decimal, Decimal]:
    """The two values in its currency of a written range: "€ 10 à 15 miljoen" → (10000000, 15000000).

    The scale word and currency written once apply to both numbers.

    Raises:
        ValueError: ``text`` is not a range of money.
    """
    m = _MONEY_RANGE_RE.match(" ".join(text.split()))
    if not m or not (m["before"] or m["before2"] or m["after"]):
        raise ValueError(f"not a range of money: {text!r}")
    factor = Decimal(scale_factor(m["scale"] or "")) / (100 if m["after"] in _CENT_WORDS else 1)
    return _normal(parse_number(m["low"]) * factor), _normal(parse_number(m["high"]) * factor)


def parse_percentage_range(text: str) -> tuple[Decimal, Decimal]:
    """The two values of a range of percentages: "5 à 10%" → (5, 10).

    Raises:
        ValueError: ``text`` is not a range of percentages.
    """
    m = _PERCENT_RANGE_RE.match(" ".join(text.split()))
    if not m:
        raise ValueError(f"not a range of percentages: {text!r}")
    return _normal(parse_number(m["low"])), _normal(parse_number(m["high"]))


def parse_percentage(text: str) -> Decimal:
    """The value of a percentage: "12,5 procent" → 12.5, "80%" → 80.

    Raises:
        ValueError: ``text`` is not a percentage.
    """
    m = _PERCENT_RE.match(" ".join(text.split()))
    if not m:
        raise ValueError(f"not a percentage: {text!r}")
    return _normal(parse_number(m["number"]))
