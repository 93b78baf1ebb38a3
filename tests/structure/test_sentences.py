"""Dutch sentence splitting with the abbreviations of government texts."""

import pytest

from beleidsmonitor.structure.sentences import MAX_SENTENCE, split_sentences


def _split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, 0, len(text))]


CASES = [
    (
        "Zie Kamerstuk 32 824, nr. 7. Daarna volgt meer.",
        ["Zie Kamerstuk 32 824, nr. 7.", "Daarna volgt meer."],
    ),
    ("De start was op 9 december jl. in aanwezigheid van de minister.", None),
    (
        "Het gaat o.a. om gemeenten. Ook scholen doen mee.",
        ["Het gaat o.a. om gemeenten.", "Ook scholen doen mee."],
    ),
    ("Er waren ca. 150 deelnemers.", None),
    ("Er waren ca. 15 stakeholders aanwezig, bijv. CIDI.", None),
    ("De motie Segers c.s. (Kamerstuk 29 754, nr. 221) is aangenomen.", None),
    (
        "per 1 januari a.s. Inmiddels zijn er maatregelen.",
        ["per 1 januari a.s.", "Inmiddels zijn er maatregelen."],
    ),
    ("De Minister van Sociale Zaken, L.F. Asscher tekent.", None),
    ("Het bedrag is € 1,5 mld. per jaar.", None),
    ("Zie art. 3 van de wet.", None),
    ("Dit is klaar; Het ministerie zorgt voor cofinanciering.", None),
    ("Komt u ook? Ja. Dan zien we elkaar!", ["Komt u ook?", "Ja.", "Dan zien we elkaar!"]),
    (
        "Het rapport «Verder met burgerschap». De reactie volgt.",
        ["Het rapport «Verder met burgerschap».", "De reactie volgt."],
    ),
    ("Het betreft nrs. 12 en 13 van dit dossier.", None),
    ("Dit is besproken met mr. De Vries en dr. Jansen.", None),
    ("Het einde zonder punt", None),
    (
        "Het wordt ingevoerd m.i.v. 1 januari 2015. Dat is vroeg.",
        ["Het wordt ingevoerd m.i.v. 1 januari 2015.", "Dat is vroeg."],
    ),
    # a footnote marker glued to the full stop stays with its sentence; a decimal point is no end
    (
        "Het advies is mij op 3 mei aangeboden.2 Ik reageer voor de zomer.",
        ["Het advies is mij op 3 mei aangeboden.2", "Ik reageer voor de zomer."],
    ),
    ("Zie paragraaf 3.5 Wet op de jeugdzorg voor de regels.", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split(text: str, expected: list[str] | None) -> None:
    assert _split(text) == (expected if expected is not None else [text])


@pytest.mark.parametrize(
    "abbreviation",
    [
        "nr.",
        "jl.",
        "j.l.",
        "a.s.",
        "c.s.",
        "cs.",
        "o.a.",
        "bijv.",
        "ca.",
        "e.d.",
        "mld.",
        "mln.",
        "art.",
        "blz.",
    ],
)
def test_listed_abbreviations_do_not_end_a_sentence_before_lower_case(abbreviation: str) -> None:
    text = f"Het gaat om {abbreviation} de gemeenten in het land. Daarna volgt meer."
    assert _split(text) == [f"Het gaat om {abbreviation} de gemeenten in het land.", "Daarna volgt meer."]


# "mld." and "mln." often close a sentence ("€ 1,5 mld. Daarnaast …"): before a capital they may end one
@pytest.mark.parametrize("abbreviation", ["nr.", "o.a.", "bijv.", "ca.", "art.", "blz."])
def test_abbreviations_before_a_number_or_capital_keep_the_sentence(abbreviation: str) -> None:
    text = f"Zie {abbreviation} 12 en {abbreviation} Rotterdam voor de cijfers."
    assert _split(text) == [text]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("one line without punctuation", " ".join(["de", "minister", "informeert", "uw", "Kamer"] * 2000)),
        ("a column of short lines", "\n".join(["de minister informeert", "uw Kamer"] * 2000)),
        ("one unbroken word", "x" * 5000),
    ],
)
def test_a_run_without_sentence_ends_is_cut_into_bounded_pieces(name: str, text: str) -> None:
    spans = split_sentences(text, 0, len(text))
    assert max(s.end - s.start for s in spans) <= MAX_SENTENCE
    assert len(spans) >= len(text) // MAX_SENTENCE
    assert "".join(text[s.start : s.end] for s in spans).replace(" ", "").replace("\n", "") == text.replace(
        " ", ""
    ).replace("\n", "")
    assert all(
        s.start < s.end and not text[s.start].isspace() and not text[s.end - 1].isspace() for s in spans
    )
