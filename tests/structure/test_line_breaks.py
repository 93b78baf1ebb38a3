"""A letter gets the same sentences and headings whether its blocks are separated by blank lines, by
single line breaks (header lines and paragraphs as a web page gives them), or hard-wrapped inside
paragraphs as PDF-to-text gives them (issue 8, item 7); the header block never merges into the first
sentence and is not a heading. Checked on a letter written for the test and on every real letter of
../shared/corpus/real that separates its paragraphs by blank lines, converted both ways."""

import datetime as dt
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from beleidsmonitor.clean import clean
from beleidsmonitor.clean.header import ends_paragraph, header_length, header_pieces, opens_header_line, wraps
from beleidsmonitor.extract.timex import find_past_days
from beleidsmonitor.model import SourceDocument, Structure
from beleidsmonitor.pipeline import find_dated_days
from beleidsmonitor.structure import build_structure
from beleidsmonitor.structure.headings import is_heading_text
from beleidsmonitor.vocab import SourceFormat

#: a letter written for this test in the layout of a Kamerstuk, one paragraph per block
BLOCKS = [
    "31 497 Passend onderwijs",
    "Nr. 512",
    "BRIEF VAN DE MINISTER VOOR PRIMAIR EN VOORTGEZET ONDERWIJS",
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Den Haag, 14 maart 2024",
    "1. Inleiding",
    "Met deze brief informeer ik uw Kamer over de voortgang van de verbeteraanpak passend onderwijs. "
    "Ik ga daarbij in op de motie van het lid Westerveld over de thuiszitters en op de toezeggingen "
    "die ik tijdens het commissiedebat van 8 februari jl. heb gedaan.1",
    "2. Stand van zaken",
    "Samenwerkingsverbanden",
    "De samenwerkingsverbanden hebben in 2023 hun ondersteuningsplannen herzien. Het aantal leerlingen "
    "dat langer dan drie maanden thuis zit, is in het afgelopen schooljaar gedaald. Tegelijk blijven "
    "er regio's waar de wachtlijsten voor het speciaal onderwijs groeien; daar zet ik extra middelen in.",
    "De middelen worden als volgt verdeeld:",
    "• € 12 mln. voor de regio's met de langste wachtlijsten;\n"
    "• € 3 mln. voor de ondersteuning van ouders en leerlingen.",
    "Tot slot",
    "Voor de zomer van 2024 ontvangt u de tweede voortgangsrapportage, met daarin de eerste resultaten "
    "van de pilots met onderwijs-zorgarrangementen.",
    "De Minister voor Primair en Voortgezet Onderwijs,",
    "M. L. J. Paul",
]
BLANK_LINES = "\n\n".join(BLOCKS) + "\n"
SINGLE_BREAKS = "\n".join(BLOCKS) + "\n"
HARD_WRAPPED = (
    "\n".join(
        "\n".join("\n".join(textwrap.wrap(line, 78, break_on_hyphens=False)) for line in block.split("\n"))
        for block in BLOCKS
    )
    + "\n"
)


def _structure(text: str) -> Structure:
    source = SourceDocument(path="t.txt", format=SourceFormat.TEXT, text=text, sha256="")
    return build_structure(clean(source), find_dated_days, find_past_days, date=dt.date(2024, 3, 14))


def _sentences(structure: Structure) -> list[str]:
    return [re.sub(r"\s+", " ", s.text) for s in structure.sentences]


@pytest.fixture(scope="module")
def reference() -> Structure:
    return _structure(BLANK_LINES)


def test_the_letter_with_blank_lines_reads_as_annotated(reference: Structure) -> None:
    assert [(h.text, h.level) for h in reference.headings] == [
        ("1. Inleiding", 2),
        ("2. Stand van zaken", 2),
        ("Samenwerkingsverbanden", 3),
        ("Tot slot", 2),
    ]
    sentences = _sentences(reference)
    assert sentences[0] == (
        "Met deze brief informeer ik uw Kamer over de voortgang van de verbeteraanpak passend onderwijs."
    )
    assert sentences[-1].startswith("Voor de zomer van 2024 ontvangt u de tweede voortgangsrapportage")
    assert not any("Paul" in s or "Minister voor" in s for s in sentences)
    assert reference.metadata.date == dt.date(2024, 3, 14)


@pytest.mark.parametrize("text", [SINGLE_BREAKS, HARD_WRAPPED], ids=["single-breaks", "hard-wrapped"])
def test_single_line_breaks_give_the_same_sentences_and_headings(reference: Structure, text: str) -> None:
    got = _structure(text)
    assert [(h.text, h.level) for h in got.headings] == [(h.text, h.level) for h in reference.headings]
    assert _sentences(got) == _sentences(reference)


def test_the_header_block_stays_out_of_the_first_sentence_on_real_letter_layout() -> None:
    # the header lines of kst-27858-675 as the page gives them: single breaks, a wrapped first paragraph
    text = (
        "27 858 Gewasbeschermingsbeleid\nNr. 675\nBRIEF VAN DE MINISTER VAN LANDBOUW, VISSERIJ, "
        "VOEDSELZEKERHEID EN NATUUR\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n"
        "Den Haag, 21 oktober 2024\nOp 6 september jl. heb ik het verzoek gekregen van de vaste commissie "
        "voor Landbouw,\nVisserij, Voedselzekerheid en Natuur om een reactie op de brief van de Stichting\n"
        "Urgenda over lelieteelt als rustgewas.\nIk stuur u hierbij een afschrift van mijn antwoord.\n"
    )
    got = _structure(text)
    assert got.headings == ()
    assert _sentences(got) == [
        "Op 6 september jl. heb ik het verzoek gekregen van de vaste commissie voor Landbouw, Visserij, "
        "Voedselzekerheid en Natuur om een reactie op de brief van de Stichting Urgenda over lelieteelt "
        "als rustgewas.",
        "Ik stuur u hierbij een afschrift van mijn antwoord.",
    ]


@pytest.mark.parametrize(
    ("lines", "length"),
    [
        (
            [
                "24 515 Armoede",
                "Nr. 455",
                "BRIEF VAN DE STAATSSECRETARIS",
                "Aan de Voorzitter van de Tweede Kamer",
                "Den Haag, 21 november 2018",
                "1. Inleiding",
            ],
            5,
        ),
        (
            ["35000 B 10 BRIEF VAN DE MINISTER", "Nr. 10", "Aan de Voorzitter van de Tweede Kamer", "Tekst."],
            3,
        ),
        (["Het kabinet zet zich in.", "Den Haag is een stad."], 0),
    ],
)
def test_header_length(lines: list[str], length: int) -> None:
    assert header_length(lines) == length


@pytest.mark.parametrize(
    ("line", "previous", "opens"),
    [
        ("Nr. 455", "24 515 Preventie en bestrijding van stille armoede", True),
        ("BRIEF VAN DE MINISTER VAN FINANCIËN", "nr. 42", True),
        ("en sociale uitsluiting", "24 515 Preventie en bestrijding van stille armoede", False),
        ("Voorjaarsnota 2024", "Vergaderjaar 2023-2024", True),
    ],
)
def test_opens_header_line(line: str, previous: str, opens: bool) -> None:
    assert opens_header_line(line, previous) is opens


@pytest.mark.parametrize(
    ("line", "following", "width", "expected"),
    [
        ("Het kabinet zet zich in voor kinderen.", "Met ingang van 2017", 90, True),
        ("Uw Kamer werd geïnformeerd over de aanpak van Motie#21.2", "Gedurende de uitvoering", 90, True),
        (
            "ter beschikking gesteld ten behoeve van de kinderen die opgroeien in armoede en hun gezinnen.",
            "Zoals",
            95,
            False,
        ),
        ("ter beschikking gesteld", "ten behoeve", 95, False),
        ("Een alinea zonder afbreking.", "Nog een alinea.", 400, True),
    ],
)
def test_ends_paragraph(line: str, following: str, width: int, expected: bool) -> None:
    assert ends_paragraph(line, width) is expected


def test_wraps_when_the_next_word_would_not_have_fit() -> None:
    line = "De samenwerkingsverbanden hebben in 2023 hun ondersteuningsplannen herzien en"
    assert wraps(line, "aangescherpt.", 80)
    assert not wraps("Samenwerkingsverbanden", "De samenwerkingsverbanden", 80)


RUN_TOGETHER = (
    "27 830 Materieelprojecten Nr. 147 BRIEF VAN DE MINISTER VAN DEFENSIE Aan de Voorzitter van de "
    "Tweede Kamer der Staten-Generaal Den Haag, 16 februari 2015 In reactie op het verzoek van de vaste "
    "commissie van 20 januari jl. ga ik in deze brief in op de evaluatie. Ik stuur u voor de zomer de "
    "resultaten.\n"
)


def test_a_header_block_run_together_on_one_line_is_cut_into_its_lines() -> None:
    pieces = [RUN_TOGETHER[a:b] for a, b in header_pieces(RUN_TOGETHER.rstrip("\n"))]
    assert pieces[:5] == [
        "27 830 Materieelprojecten",
        "Nr. 147",
        "BRIEF VAN DE MINISTER VAN DEFENSIE",
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Den Haag, 16 februari 2015",
    ]
    assert pieces[5].startswith("In reactie op")
    assert header_pieces("Den Haag, 16 februari 2015") == [(0, 26)]
    assert header_pieces("Het kabinet zet zich in.") == [(0, 24)]


def test_a_run_together_header_block_gives_the_date_and_stays_out_of_the_sentences() -> None:
    source = SourceDocument(path="t.txt", format=SourceFormat.TEXT, text=RUN_TOGETHER, sha256="")
    got = build_structure(clean(source), find_dated_days, find_past_days)
    assert got.metadata.date == dt.date(2015, 2, 16)
    assert got.headings == ()
    assert _sentences(got)[0].startswith("In reactie op het verzoek")
    # the clean text keeps the source offsets of each cut piece
    cleaned = clean(source)
    start = cleaned.text.index("Den Haag")
    assert cleaned.offsets[start] == RUN_TOGETHER.index("Den Haag")


# --- the real letters of ../shared/corpus/real, converted both ways ---------------------------------

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
#: the letters whose paragraphs are separated by blank lines (the others are single-spaced already)
REAL_LETTERS = sorted(p for p in (REAL / "docs").glob("*.txt") if "\n\n" in p.read_text(encoding="utf-8"))
#: the column at which PDF-to-text output of Kamerstukken wraps (86–104 characters at the 90th
#: percentile of line lengths in the single-spaced letters of the pool)
PDF_WIDTH = 90
_PLACE_DATE = re.compile(r"(?:Den Haag|'s-Gravenhage),?\s+\d")


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def _single_breaks(text: str) -> str:
    """Every blank line between paragraphs (and header lines) made a single line break."""
    return "\n".join(_paragraphs(text)) + "\n"


def _hard_wrapped(text: str) -> str:
    """Single line breaks, and each paragraph after the header block wrapped at ``PDF_WIDTH``."""
    paragraphs = _paragraphs(text)
    header_end = next((i for i, p in enumerate(paragraphs) if _PLACE_DATE.search(p)), -1)
    return (
        "\n".join(
            p
            if i <= header_end
            else "\n".join(
                "\n".join(textwrap.wrap(line, PDF_WIDTH, break_on_hyphens=False)) for line in p.split("\n")
            )
            for i, p in enumerate(paragraphs)
        )
        + "\n"
    )


def _letter_date(letter: Path) -> dt.date:
    gold = json.loads((REAL / "gold" / f"{letter.stem}.gold.json").read_text(encoding="utf-8"))
    return dt.date.fromisoformat(gold["document"]["date"])


def _reading(text: str, date: dt.date) -> tuple[list[tuple[str, int]], list[str]]:
    source = SourceDocument(path="t.txt", format=SourceFormat.TEXT, text=text, sha256="")
    got = build_structure(clean(source), find_dated_days, find_past_days, date=date)
    return [(re.sub(r"\s+", " ", h.text), h.level) for h in got.headings], _sentences(got)


def test_the_real_letters_with_blank_lines_are_most_of_the_set() -> None:
    assert len(REAL_LETTERS) >= 35


@pytest.mark.parametrize("convert", [_single_breaks, _hard_wrapped], ids=["single-breaks", "hard-wrapped"])
@pytest.mark.parametrize("letter", REAL_LETTERS, ids=[p.stem for p in REAL_LETTERS])
def test_a_real_letter_reads_the_same_with_single_line_breaks(letter: Path, convert: Any) -> None:
    text = letter.read_text(encoding="utf-8")
    date = _letter_date(letter)
    headings, sentences = _reading(text, date)
    assert sentences  # the letter has a body
    assert _reading(convert(text), date) == (headings, sentences)


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Wat is het doel van de regeling?", True),  # a question heading
        ("Doel meerjarige, departementale informatieplannen", True),  # a comma inside
        ("§ 2 Contouren van de invoeringswet", True),
        ("IV. Financiële gevolgen", True),
        ("Bron: CBS", False),  # a caption under a table
        ("Hierbij ontvangt u het rapport van de commissie.1", False),  # a sentence with its footnote marker
        ("De Minister van Financiën,", False),
        ("het vervolg van een zin", False),
    ],
)
def test_is_heading_text(line: str, heading: bool) -> None:
    assert is_heading_text(line) is heading


#: a letter written for this test in PDF-to-text layout: single line breaks, a bullet and its number
#: on a line above the item's text, headings right under a list and as questions, a signature on one
#: line right under an address, and footnotes whose numbers stand on lines of their own
PDF_LAYOUT = """32 847 Integrale visie op de woningmarkt
Nr. 1400 BRIEF VAN DE MINISTER VAN VOLKSHUISVESTING EN RUIMTELIJKE ORDENING
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 12 maart 2025
Met deze brief informeer ik uw Kamer over de voortgang van de woningbouwopgave in de regio's
en over de afspraken die ik daarover met gemeenten en corporaties heb gemaakt. In deze brief
komen de volgende onderwerpen aan bod:
  • 1.
    Bouwen voor starters
  • 2.
    Huren in het middensegment
Wat vragen we van gemeenten?
Gemeenten maken afspraken met corporaties over de bouw van betaalbare woningen in 2026 en
2027. Zij leggen die afspraken vast in regionale woondeals, die de provincies toetsen aan de
doelen van het programma. De eerste woondeals zijn in het najaar getekend.1
Hoe verloopt de uitvoering?
De uitvoering ligt op schema: in het eerste kwartaal zijn meer woningen opgeleverd dan in
dezelfde periode van vorig jaar. Meer informatie over de voortgang per regio staat op:
www.volkshuisvestingnederland.nl
De Minister van Volkshuisvesting en Ruimtelijke Ordening, M.C.G. Keijzer

1

Kamerstuk 32 847, nr. 1322
"""


def test_a_letter_in_pdf_layout_reads_its_list_headings_signature_and_footnotes() -> None:
    cleaned = clean(SourceDocument(path="t.txt", format=SourceFormat.TEXT, text=PDF_LAYOUT, sha256=""))
    got = build_structure(cleaned, find_dated_days, find_past_days, date=dt.date(2025, 3, 12))
    assert [h.text for h in got.headings] == ["Wat vragen we van gemeenten?", "Hoe verloopt de uitvoering?"]
    sentences = _sentences(got)
    assert "• 1. Bouwen voor starters" in cleaned.text
    assert sentences[-3:] == [
        "De eerste woondeals zijn in het najaar getekend.1",
        "De uitvoering ligt op schema: in het eerste kwartaal zijn meer woningen opgeleverd dan in "
        "dezelfde periode van vorig jaar.",
        "Meer informatie over de voortgang per regio staat op: www.volkshuisvestingnederland.nl",
    ]
    assert [(f.marker, f.text) for f in cleaned.footnotes] == [("1", "Kamerstuk 32 847, nr. 1322")]
    assert "Keijzer" not in cleaned.text.split("www.volkshuisvestingnederland.nl")[0]
    assert not any("Keijzer" in s for s in sentences)
