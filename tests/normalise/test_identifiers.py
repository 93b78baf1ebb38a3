"""Formatting and parsing of official ids, and ministry abbreviations by name."""

from __future__ import annotations

import pytest

from beleidsmonitor.normalise.identifiers import (
    HandelingenParts,
    KamerstukParts,
    dossier_key,
    handelingen_id,
    kamerstuk_id,
    ministry_abbreviation,
    officielebekendmakingen_url,
    parse_dossier,
    parse_handelingen_id,
    parse_kamerstuk_id,
    url_id,
    vergaderjaar_digits,
)


@pytest.mark.parametrize(
    ("dossier", "suffix", "nr", "expected"),
    [
        ("33 400", "XV", "105", "kst-33400-XV-105"),
        ("32824", "", "47", "kst-32824-47"),
        ("35 732", "", "", "kst-35732"),
        ("21 501", "-20", "800", "kst-21501-20-800"),
        ("33 400", " xv", "", "kst-33400-XV"),
    ],
    ids=lambda v: str(v),
)
def test_kamerstuk_id(dossier: str, suffix: str, nr: str, expected: str) -> None:
    assert kamerstuk_id(dossier, suffix, nr) == expected


@pytest.mark.parametrize(
    ("identifier", "parts"),
    [
        ("kst-33400-XV-105", KamerstukParts("33400", "XV", "105")),
        ("kst-32824-47", KamerstukParts("32824", "", "47")),
        ("kst-35732", KamerstukParts("35732", "", "")),
        ("kst-33400-XV", KamerstukParts("33400", "XV", "")),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_parse_kamerstuk_id_round_trip(identifier: str, parts: KamerstukParts) -> None:
    assert parse_kamerstuk_id(identifier) == parts
    assert kamerstuk_id(parts.dossier, parts.suffix, parts.nr) == identifier


@pytest.mark.parametrize("bad", ["kst-", "h-tk-20162017-66-6", "32824-47", ""])
def test_parse_kamerstuk_id_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="not a Kamerstuk id"):
        parse_kamerstuk_id(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2016/17", "20162017"), ("2013-2014", "20132014"), ("2013–2014", "20132014"), ("1999/00", "19992000")],
)
def test_vergaderjaar_digits(text: str, expected: str) -> None:
    assert vergaderjaar_digits(text) == expected


@pytest.mark.parametrize("bad", ["2013/15", "2013", "13/14"])
def test_vergaderjaar_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="not a vergaderjaar"):
        vergaderjaar_digits(bad)


def test_handelingen_id_round_trip() -> None:
    identifier = handelingen_id("2016/17", "66", "6")
    assert identifier == "h-tk-20162017-66-6"
    assert parse_handelingen_id(identifier) == HandelingenParts("II", "2016-2017", "66", "6", False)
    assert handelingen_id("2013/14", "1234", chamber="II", aanhangsel=True) == "ah-tk-20132014-1234"
    assert handelingen_id("2013/14", "12", chamber="I") == "h-ek-20132014-12"


def test_handelingen_id_rejects_unknown_chamber() -> None:
    with pytest.raises(ValueError, match="unknown chamber"):
        handelingen_id("2016/17", "66", chamber="III")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("http:// www.expertisecentrumtop.nl.", "www.expertisecentrumtop.nl"),
        ("Oefenen.nl", "oefenen.nl"),
        ("https://www.Rijksoverheid.nl/onderwerpen/", "www.rijksoverheid.nl/onderwerpen"),
        ("www.alsniemandietsweet.nl),", "www.alsniemandietsweet.nl"),
    ],
)
def test_url_id(address: str, expected: str) -> None:
    assert url_id(address) == expected


def test_officielebekendmakingen_url() -> None:
    assert (
        officielebekendmakingen_url("kst-33400-XV-105")
        == "https://zoek.officielebekendmakingen.nl/kst-33400-XV-105.html"
    )
    with pytest.raises(ValueError, match="no officielebekendmakingen page"):
        officielebekendmakingen_url("www.example.nl")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sociale Zaken en Werkgelegenheid", "SZW"),
        ("Ministerie van Sociale Zaken en Werkgelegenheid", "SZW"),
        ("De Minister van Sociale Zaken en Werkgelegenheid", "SZW"),
        ("Veiligheid en Justitie", "VenJ"),
        ("Justitie en Veiligheid", "JenV"),
        ("Onderwijs, Cultuur en Wetenschap", "OCW"),
        ("Infrastructuur en Milieu", "IenM"),
        ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", "BZ"),
        ("de minister voor Langdurige Zorg, Jeugd en Sport", "VWS"),
        ("Minister voor Medische Zorg", "VWS"),
        ("Staatssecretaris van Financiën", "Fin"),
        ("Defensie", "Def"),
        ("Volksgezondheid,  Welzijn en Sport", "VWS"),
        ("Ministerie van Vrolijke Zaken", ""),
    ],
)
def test_ministry_abbreviation(name: str, expected: str) -> None:
    assert ministry_abbreviation(name) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("33 400 XV", "33400-XV"),
        ("33400-xv", "33400-XV"),
        ("33 400XV", "33400-XV"),
        ("21 501-02", "21501-02"),
        ("kst-21501-02", "21501-02"),
        ("32824", "32824"),
        (" 32 824 ", "32824"),
    ],
)
def test_parse_dossier(text: str, key: str) -> None:
    assert parse_dossier(text) == key


@pytest.mark.parametrize("text", ["", "Integratie", "3282", "32824 nr. 47"])
def test_parse_dossier_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a dossier"):
        parse_dossier(text)


def test_dossier_key() -> None:
    assert [dossier_key("21 501", "02"), dossier_key("33400", "XV"), dossier_key("32824")] == [
        "21501-02",
        "33400-XV",
        "32824",
    ]
