"""Official identifiers of cited documents: the one place that formats and parses them.

Coverage (GUIDELINES.md, "References"): Kamerstuk ids ``kst-<dossier>[-<suffix>]-<nr>`` and dossier ids
``kst-<dossier>[-<suffix>]``, Handelingen ids ``h-tk-<vergaderjaar>-<nr>[-<item>]`` (``h-ek-`` for the
Eerste Kamer, ``ah-tk-`` for the Aanhangsel), URL ids (lower case, no scheme, no trailing punctuation),
the officielebekendmakingen.nl link of an id, and the ministry abbreviation of a ministry's name
("Sociale Zaken en Werkgelegenheid" → "SZW", from ``lang/nl/organisations.csv``).

Known limits: Eerste Kamer letter ondernummers ("33 750, C") are formatted like numbers but are not
recognised by the extractor; Handelingen cited by page get the page (range) as their number, the form
officielebekendmakingen used before 2011, which is not checked against the live site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from beleidsmonitor.lang.nl import load_csv, load_toml

_OB_BASE = "https://zoek.officielebekendmakingen.nl/"

#: a dossier number as printed ("33 400", "21501"), for the citation and header patterns
DOSSIER_NUMBER = r"(?<![\d.,])\d{2}\s?\d{3}(?!\d)"
#: a dossier's suffix as printed: Roman or letter ("33 400 XV", "33 400XV", "33 400-XII", "31 700 IXB")
#: or numeric ("21 501-02"); a Roman numeral of at most eight letters (XXXVIII)
DOSSIER_SUFFIX = r"(?:(?:\s?|-)(?:[IVXL]{1,8}[A-Z]?|[A-Z])(?![^\W_])|-\d{1,3}(?!\d))"
#: an ondernummer as printed ("nr. 105"): at most six digits (the highest in use have four)
ONDERNUMMER = r"\d{1,6}(?!\d)"
#: the longest document id taken from a document's text or metadata: official ids are far shorter
#: ("kst-33400-XV-105" has 16 characters), and an id becomes part of a URL that a browser requests
MAX_ID_LENGTH = 64

_SPACE = re.compile(r"\s+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_TRAILING = re.compile(r"[.,;:!?)\]»”’'\"]+$")
_YEARS = re.compile(r"^\s*(\d{4})\s*[/–-]\s*(\d{2}|\d{4})\s*$")
#: a document id: a prefix of letters, then digits ("kst", "stcrt", "sha256"), then parts of letters or digits joined
#: by hyphens ("kst-21501-02-1531", "stcrt-2015-1234", "h-tk-20142015-12-3")
_DOCUMENT_ID = re.compile(r"[a-z][a-z0-9]{0,11}(?:-[0-9A-Za-z]{1,20}){1,6}")
#: a dossier number or ondernummer that a format's metadata gives apart ("33400-XV", "105")
_METADATA_PART = re.compile(r"[0-9A-Za-z]{1,12}(?:-[0-9A-Za-z]{1,12})?")
_KST_ID = re.compile(r"^kst-(?P<dossier>\d+)(?:-(?P<suffix>[A-Z]+|\d+))??(?:-(?P<nr>\d+))?$")
_H_ID = re.compile(r"^(?P<prefix>a?h)-(?P<chamber>tk|ek)-(?P<year>\d{8})-(?P<nr>\d+)(?:-(?P<item>\d+))?$")


@dataclass(frozen=True, slots=True)
class KamerstukParts:
    """The parts of a Kamerstuk id; ``nr`` is empty for a dossier id."""

    dossier: str
    suffix: str
    nr: str


@dataclass(frozen=True, slots=True)
class HandelingenParts:
    """The parts of a Handelingen id; ``vergaderjaar`` in the official form "2016-2017"."""

    chamber: str
    vergaderjaar: str
    nr: str
    item: str
    aanhangsel: bool


@cache
def _prefixes() -> dict[str, str]:
    table: dict[str, str] = load_toml("references.toml")["id_prefixes"]
    return table


@cache
def _chamber_ids() -> dict[str, str]:
    table: dict[str, str] = load_toml("references.toml")["chamber_ids"]
    return table


def _compact(part: str) -> str:
    return _SPACE.sub("", part)


def is_document_id(text: str) -> bool:
    """Whether ``text`` may be a document's id: a prefix of letters (then digits) and up to six parts of letters or
    digits, joined by hyphens, at most :data:`MAX_ID_LENGTH` characters ("kst-32824-47")."""
    return len(text) <= MAX_ID_LENGTH and _DOCUMENT_ID.fullmatch(text) is not None


def is_metadata_part(text: str) -> bool:
    """Whether ``text`` may be the dossier number or ondernummer a format's metadata gives: letters or
    digits, one hyphen at most ("33400", "33400-XV", "105"); nothing else becomes part of an id."""
    return _METADATA_PART.fullmatch(text) is not None


def dossier_id(dossier: str, suffix: str = "") -> str:
    """The id of a dossier: ``dossier_id("35 732")`` → "kst-35732", with suffix "kst-33400-XV"."""
    parts = [_prefixes()["kamerstuk"], _compact(dossier)]
    if _compact(suffix):
        parts.append(_compact(suffix).lstrip("-").upper())
    return "-".join(parts)


def dossier_key(dossier: str, suffix: str = "") -> str:
    """A dossier as the register keys it: its id without "kst-" ("32824", "33400-XV", "21501-02")."""
    return dossier_id(dossier, suffix).split("-", 1)[1]


_DOSSIER_TEXT = re.compile(
    rf"(?:kst-)?(?P<number>{DOSSIER_NUMBER})(?P<suffix>{DOSSIER_SUFFIX})?", re.IGNORECASE
)


def parse_dossier(text: str) -> str:
    """The register key of a dossier as a person writes it: "33 400 XV", "33400-xv", "kst-21501-02".

    Raises:
        ValueError: ``text`` is not a dossier number with an optional suffix.
    """
    m = _DOSSIER_TEXT.fullmatch(text.strip().upper().replace("KST-", "kst-"))
    if not m:
        raise ValueError(f"not a dossier: {text!r}")
    return dossier_key(m["number"], (m["suffix"] or "").strip())


def kamerstuk_id(dossier: str, suffix: str = "", nr: str = "") -> str:
    """The id of a Kamerstuk: ``kamerstuk_id("33 400", "XV", "105")`` → "kst-33400-XV-105".

    Without ``nr`` it is the dossier's id ("kst-35732").
    """
    base = dossier_id(dossier, suffix)
    return f"{base}-{_compact(nr)}" if _compact(nr) else base


def parse_kamerstuk_id(identifier: str) -> KamerstukParts:
    """The dossier, suffix and number of a Kamerstuk or dossier id.

    Raises:
        ValueError: ``identifier`` is not a kst- id.
    """
    m = _KST_ID.match(identifier.strip())
    if not m:
        raise ValueError(f"not a Kamerstuk id: {identifier!r}")
    return KamerstukParts(m["dossier"], m["suffix"] or "", m["nr"] or "")


def vergaderjaar_digits(vergaderjaar: str) -> str:
    """The eight digits of a parliamentary year: "2016/17", "2016-2017", "2016–2017" → "20162017".

    Raises:
        ValueError: not a parliamentary year.
    """
    m = _YEARS.match(vergaderjaar)
    if not m:
        raise ValueError(f"not a vergaderjaar: {vergaderjaar!r}")
    first = int(m[1])
    second = int(m[2]) if len(m[2]) == 4 else (first // 100) * 100 + int(m[2])
    if second < first:  # "1999/00"
        second += 100
    if second != first + 1:
        raise ValueError(f"not a vergaderjaar: {vergaderjaar!r}")
    return f"{first}{second}"


def handelingen_id(
    vergaderjaar: str, nr: str, item: str = "", chamber: str = "II", aanhangsel: bool = False
) -> str:
    """The id of Handelingen: ``handelingen_id("2016/17", "66", "6")`` → "h-tk-20162017-66-6".

    ``chamber`` is written as cited ("I", "II"); ``aanhangsel`` gives the "ah-" id of written answers.

    Raises:
        ValueError: an unknown chamber or a malformed vergaderjaar.
    """
    chambers = _chamber_ids()
    if chamber not in chambers:
        raise ValueError(f"unknown chamber {chamber!r}; expected one of {sorted(chambers)}")
    prefix = _prefixes()["aanhangsel" if aanhangsel else "handelingen"]
    parts = [prefix, chambers[chamber], vergaderjaar_digits(vergaderjaar), _compact(nr)]
    if _compact(item):
        parts.append(_compact(item))
    return "-".join(parts)


def parse_handelingen_id(identifier: str) -> HandelingenParts:
    """The chamber, vergaderjaar, number and item of a Handelingen id.

    Raises:
        ValueError: ``identifier`` is not an h- or ah- id.
    """
    m = _H_ID.match(identifier.strip())
    if not m:
        raise ValueError(f"not a Handelingen id: {identifier!r}")
    chamber = {v: k for k, v in _chamber_ids().items()}[m["chamber"]]
    year = m["year"]
    return HandelingenParts(
        chamber=chamber,
        vergaderjaar=f"{year[:4]}-{year[4:]}",
        nr=m["nr"],
        item=m["item"] or "",
        aanhangsel=m["prefix"] == _prefixes()["aanhangsel"],
    )


def url_id(address: str) -> str:
    """The id of a web address: lower case, no white space, no scheme, no trailing punctuation or slash.

    ``url_id("http:// www.Expertisecentrumtop.nl.")`` → "www.expertisecentrumtop.nl".
    """
    out = _SPACE.sub("", address).lower()
    out = _SCHEME.sub("", out)
    out = _TRAILING.sub("", out)
    return out.rstrip("/")


def officielebekendmakingen_url(identifier: str) -> str:
    """The officielebekendmakingen.nl page of a kst-, h- or ah- id.

    Raises:
        ValueError: ``identifier`` is neither a Kamerstuk nor a Handelingen id.
    """
    if not (_KST_ID.match(identifier) or _H_ID.match(identifier)):
        raise ValueError(f"no officielebekendmakingen page for {identifier!r}")
    return f"{_OB_BASE}{identifier}.html"


def _key(name: str) -> str:
    return _SPACE.sub(" ", name).strip().casefold()


@cache
def _ministries() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in load_csv("organisations.csv"):
        if row["category"] != "ministry":
            continue
        abbreviation = row["abbreviations"].split("|")[0]
        names = [row["name"], row["short"], *row["aliases"].split("|")]
        for name in names:
            if name:
                table.setdefault(_key(name), abbreviation)
    return table


@cache
def ministry_names() -> dict[str, str]:
    """Each ministry's preferred abbreviation → its short name ("SZW" → "Sociale Zaken en Werkgelegenheid")."""
    return {
        row["abbreviations"].split("|")[0]: row["short"]
        for row in load_csv("organisations.csv")
        if row["category"] == "ministry"
    }


@cache
def _portfolios() -> dict[str, str]:
    """Portfolios without a ministry of their own → the ministry they belong to (portfolios.csv)."""
    return {_key(row["portfolio"]): row["ministry"] for row in load_csv("portfolios.csv")}


@cache
def _role_prefix() -> re.Pattern[str]:
    people = load_toml("names.toml")
    roles = sorted((*people["roles"], "ministerie"), key=len, reverse=True)
    joiners = people["ministry_joiners"]["words"]
    return re.compile(
        rf"^(?:{'|'.join(map(re.escape, roles))})\s+(?:{'|'.join(map(re.escape, joiners))})\s+",
        re.IGNORECASE,
    )


def ministry_abbreviation(name: str) -> str:
    """The abbreviation of a ministry by its name ("Sociale Zaken en Werkgelegenheid" → "SZW").

    Accepts the full name ("Ministerie van …"), the short name, or a role with it ("De Minister van
    Sociale Zaken en Werkgelegenheid"); an empty string when the name is unknown.
    """
    key = _key(name)
    portfolio = _portfolios().get(_key(_role_prefix().sub("", key.removeprefix("de ").removeprefix("het "))))
    if portfolio:
        return portfolio
    table = _ministries()
    if key in table:
        return table[key]
    if key.startswith(("de ", "het ")):
        key = key.split(" ", 1)[1]
    return table.get(_key(_role_prefix().sub("", key)), "")
