"""Headings, parts, sentences and metadata of the example letter and of a letter with a header block."""

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import pytest

from beleidsmonitor.clean import clean
from beleidsmonitor.evaluate import score
from beleidsmonitor.extract.timex import find_past_days
from beleidsmonitor.model import SourceDocument, Structure
from beleidsmonitor.pipeline import find_dated_days
from beleidsmonitor.structure import build_structure
from beleidsmonitor.vocab import DocumentType, Part, SourceFormat

EXAMPLE = resources.files("beleidsmonitor").joinpath("examples/kst-32824-47.txt").read_text(encoding="utf-8")
GOLD = Path(__file__).resolve().parents[1] / "data" / "kst-32824-47.gold.json"


def _structure(text: str, date: dt.date | None = None) -> Structure:
    source = SourceDocument(path="t.txt", format=SourceFormat.TEXT, text=text, sha256="")
    return build_structure(clean(source), find_dated_days, find_past_days, date=date)


@pytest.fixture(scope="module")
def example() -> Structure:
    return _structure(EXAMPLE)


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_headings_match_the_gold(example: Structure, gold: dict) -> None:
    pred = {"headings": [{"text": h.text, "level": h.level} for h in example.headings]}
    result = score({"headings": gold["headings"]}, pred)["headings"]
    assert result.f1 >= 0.95
    assert result.accuracies["level_acc"] >= 0.95


def test_letter_and_annex(example: Structure) -> None:
    annex = [h for h in example.headings if h.part is Part.ANNEX]
    assert annex[0].text == "Voortgang Agenda Integratie"
    assert annex[0].level == 1
    assert all(h.part is Part.LETTER for h in example.headings if h.span.start < example.annex_start)
    first_annex_sentence = next(s for s in example.sentences if s.part is Part.ANNEX)
    assert first_annex_sentence.text.startswith("De Agenda Integratie (Kamerstuk 32 824, nr. 7)")


def test_every_gold_quote_is_one_sentence(example: Structure, gold: dict) -> None:
    sentences = {s.text for s in example.sentences}
    missing = [c["quote"] for c in gold["commitments"] if c["quote"] not in sentences]
    assert missing == []


def test_sentences_know_their_section(example: Structure, gold: dict) -> None:
    # the letter and the annex repeat some sentences word for word: key on the part too
    by_text = {(s.text, s.part.value): s for s in example.sentences}
    for item in gold["commitments"]:
        sentence = by_text[item["quote"], item["part"]]
        assert example.headings[sentence.section].text == item["section"]


def test_list_items_are_not_headings(example: Structure) -> None:
    texts = {h.text for h in example.headings}
    assert "1 Bewustwording komt vanuit de gemeenschappen zelf tot stand" not in texts
    assert not any(t.startswith("1 Meedoen en zelfredzaamheid") for t in texts)


def test_example_metadata(example: Structure) -> None:
    meta = example.metadata
    assert (meta.id, meta.dossier, meta.nr, meta.vergaderjaar) == ("kst-32824-47", "32824", "47", "2013-2014")
    assert [(s.name, s.role, s.ministry) for s in meta.signatories] == [("L.F. Asscher", "Minister", "SZW")]
    assert meta.ministry == "SZW"
    assert meta.doc_type is DocumentType.BRIEF
    assert meta.title == "Voortgang Agenda Integratie"
    # the text has no date line: the latest past date it names is the earliest possible date
    assert meta.date_inferred
    assert meta.date is not None and meta.date >= dt.date(2013, 12, 19)


def test_given_date_wins(gold: dict) -> None:
    meta = _structure(EXAMPLE, date=dt.date(2013, 12, 19)).metadata
    assert meta.date == dt.date(2013, 12, 19)
    assert not meta.date_inferred


# a letter with the header block of the printed Kamerstuk, written for this test
HEADED = (Path(__file__).resolve().parents[1] / "documents" / "constructed-letter-with-header.txt").read_text(
    encoding="utf-8"
)


def test_header_block_metadata() -> None:
    s = _structure(HEADED)
    meta = s.metadata
    assert meta.id == "kst-34550-XV-66"
    assert (meta.dossier, meta.suffix, meta.nr, meta.vergaderjaar) == ("34550", "XV", "66", "2016-2017")
    assert meta.date == dt.date(2017, 4, 19)
    assert not meta.date_inferred
    assert meta.doc_type is DocumentType.BRIEF
    assert meta.addressee.startswith("Aan de Voorzitter van de Tweede Kamer")
    assert meta.dossier_title.startswith("Vaststelling van de begrotingsstaten")
    assert [(x.name, x.role, x.ministry) for x in meta.signatories] == [
        ("T. Klijnsma", "Staatssecretaris", "SZW")
    ]
    assert [h.text for h in s.headings] == ["Arbeidsmarkt"]
    assert s.sentences[0].text == "Hierbij informeer ik u over de voortgang."


DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"


def test_headings_directly_above_their_text_and_a_signature_after_a_closing_formula() -> None:
    s = _structure((DOCUMENTS / "constructed-modern-letter.txt").read_text(encoding="utf-8"))
    assert [(h.text, h.level) for h in s.headings] == [("Aanleiding", 2), ("Maatregelen", 2), ("Vervolg", 2)]
    assert "Ik zal uw Kamer uiterlijk in de zomer van 2023 informeren over de voortgang." in {
        x.text for x in s.sentences
    }
    meta = s.metadata
    assert [(x.name, x.role, x.ministry) for x in meta.signatories] == [("Conny Helder", "Minister", "VWS")]
    # no date line: the latest dated day the text mentions
    assert meta.date == dt.date(2022, 10, 3)
    assert meta.date_inferred


def test_numbered_headings_and_bullets() -> None:
    s = _structure((DOCUMENTS / "constructed-numbered-letter.txt").read_text(encoding="utf-8"))
    assert [(h.text, h.level) for h in s.headings] == [
        ("1. Stand van zaken", 2),
        ("1.1 Regionale aanpak", 3),
        ("1.2 Onderwijs en arbeidsmarkt", 3),
        ("2. Vervolg", 2),
    ]
    bullets = [x.text for x in s.sentences if x.text.startswith(("In het tweede kwartaal", "Het UWV start"))]
    assert bullets == [
        "In het tweede kwartaal van 2017 organiseert het ministerie een landelijke bijeenkomst voor de regionale ambassadeurs.",
        "Het UWV start per 1 juli a.s. met een pilot voor jongeren met een arbeidsbeperking.",
    ]
    assert s.metadata.id == "kst-29544-780"
    assert s.metadata.date == dt.date(2017, 4, 12)


def test_printed_header_with_the_number_and_title_on_lines_of_their_own() -> None:
    s = _structure((DOCUMENTS / "constructed-letter-printed-header.txt").read_text(encoding="utf-8"))
    meta = s.metadata
    assert (meta.id, meta.dossier_title, meta.date, meta.ministry) == (
        "kst-31839-650",
        "Jeugdzorg",
        dt.date(2019, 2, 4),
        "VWS",
    )
    assert s.headings == ()
    assert [x.text for x in s.sentences][-1] == (
        "Ik zal uw Kamer in het najaar van 2019 informeren over de tweede rapportage."
    )


def test_annex_title_directly_under_the_signature_name() -> None:
    s = _structure(
        "Inleiding \n\nIk bied u het programma op Prinsjesdag aan. \n\n"
        "De Minister van Infrastructuur en Waterstaat, \nC. van Nieuwenhuizen Wijbenga \n"
        "Planning maatregelen Delta-aanpak \n\nWaterkwaliteit \n\n"
        "– Het pakket gaat rond de zomer naar uw Kamer. \n",
        date=dt.date(2019, 6, 14),
    )
    assert [(h.text, h.level, h.part) for h in s.headings] == [
        ("Inleiding", 2, Part.LETTER),
        ("Planning maatregelen Delta-aanpak", 1, Part.ANNEX),
        ("Waterkwaliteit", 2, Part.ANNEX),
    ]
    assert [x.name for x in s.metadata.signatories] == ["C. van Nieuwenhuizen Wijbenga"]


CONSTRUCTED = DOCUMENTS / "constructed"


def _constructed(name: str, date: dt.date | None = None) -> Structure:
    return _structure((CONSTRUCTED / f"{name}.txt").read_text(encoding="utf-8"), date=date)


@pytest.mark.parametrize(
    ("name", "vergaderjaar", "inferred"),
    [
        # gold 2023-03-20, not printed: "per 1 januari 2024" is a start and outside the vergaderjaar,
        # "Op 1 januari 2023 wachtten" is passed, "8 februari jl." is the February after it
        ("r3-vws-2023", "2022-2023", dt.date(2023, 2, 8)),
        # gold 2018-11-26, not printed: "Op 1 oktober 2018 stonden" is passed; "15 oktober jl." and
        # "8 november jl." are the ones after it (before: 2018-10-01, days marked jl. bounded nothing)
        ("r2-def-2018", "2018-2019", dt.date(2018, 11, 8)),
    ],
)
def test_an_inferred_date_is_the_latest_passed_day_inside_the_vergaderjaar(
    name: str, vergaderjaar: str, inferred: dt.date
) -> None:
    meta = _constructed(name).metadata
    assert (meta.vergaderjaar, meta.date, meta.date_inferred) == (vergaderjaar, inferred, True)


def test_a_day_ahead_does_not_bound_the_date() -> None:
    text = (
        "Op 3 oktober 2018 heb ik de regeling vastgesteld. Op 1 januari 2019 zal zij ingaan. "
        "Per 1 februari 2019 geldt een nieuwe werkwijze. Ik stuur u uiterlijk 1 maart 2019 een evaluatie. \n\n"
        "De Minister van Sociale Zaken en Werkgelegenheid, \nW. Koolmees \n\n"
        "Tweede Kamer, vergaderjaar 2018–2019, 29 544, nr. 900 2 \n"
    )
    meta = _structure(text).metadata
    assert (meta.date, meta.date_inferred) == (dt.date(2018, 10, 3), True)


def test_a_day_marked_jl_more_than_three_months_after_the_bound_is_last_years() -> None:
    # "1 juni jl." next to a passed 3 oktober 2018: June 2019 is eight months on, June 2018 is meant
    text = (
        "Op 3 oktober 2018 heb ik de regeling vastgesteld. Het advies van 1 juni jl. is verwerkt. \n\n"
        "De Minister van Sociale Zaken en Werkgelegenheid, \nW. Koolmees \n\n"
        "Tweede Kamer, vergaderjaar 2018–2019, 29 544, nr. 900 2 \n"
    )
    assert _structure(text).metadata.date == dt.date(2018, 10, 3)


def test_without_any_day_inside_the_vergaderjaar_its_first_day_is_the_bound() -> None:
    text = (
        "Hierbij informeer ik uw Kamer over de voortgang. Ik stuur u voor de zomer een plan. \n\n"
        "De Minister van Sociale Zaken en Werkgelegenheid, \nW. Koolmees \n\n"
        "Tweede Kamer, vergaderjaar 2018–2019, 29 544, nr. 900 2 \n"
    )
    meta = _structure(text).metadata
    assert (meta.vergaderjaar, meta.date, meta.date_inferred) == ("2018-2019", dt.date(2018, 9, 18), True)


def test_the_date_line_goes_before_the_formats_metadata() -> None:
    from beleidsmonitor.model import SourceHints

    source = SourceDocument(
        path="t.html",
        format=SourceFormat.HTML,
        text="Den Haag, 19 december 2013 \n\nIk informeer u hierbij over de voortgang. \n",
        sha256="",
        hints=SourceHints(date="2014-01-08"),
    )
    meta = build_structure(clean(source), find_dated_days, find_past_days).metadata
    assert (meta.date, meta.date_inferred) == (dt.date(2013, 12, 19), False)


@pytest.mark.parametrize(
    ("name", "identifier", "dossier", "suffix"),
    [
        ("r3c-bz-2015", "kst-21501-02-1531", "21501", "02"),
        ("r4-fin-2013", "kst-33750-IX-12", "33750", "IX"),
    ],
)
def test_dossier_suffixes_in_the_id(name: str, identifier: str, dossier: str, suffix: str) -> None:
    meta = _constructed(name).metadata
    assert (meta.id, meta.dossier, meta.suffix) == (identifier, dossier, suffix)


@pytest.mark.parametrize(
    ("footer", "identifier"),
    [
        ("Tweede Kamer, vergaderjaar 2012–2013, 33 400 XV, nr. 105 3", "kst-33400-XV-105"),
        ("Tweede Kamer, vergaderjaar 2012–2013, 21 501-02, nr. 1293 3", "kst-21501-02-1293"),
        ("Tweede Kamer, vergaderjaar 2012–2013, 33 400-XII, nr. 12 3", "kst-33400-XII-12"),
        ("Tweede Kamer, vergaderjaar 2012–2013, 32 824, nr. 47 3", "kst-32824-47"),
    ],
)
def test_a_footer_with_a_dossier_suffix_gives_the_id(footer: str, identifier: str) -> None:
    text = f"Hierbij informeer ik uw Kamer over de voortgang. \n\n{footer} \n"
    assert _structure(text, date=dt.date(2013, 1, 7)).metadata.id == identifier
