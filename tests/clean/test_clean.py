"""The cleaning stage on the example letter and on small constructed texts."""

import re
from importlib import resources

import pytest

from beleidsmonitor.clean import clean
from beleidsmonitor.model import CleanText, SourceDocument, Span
from beleidsmonitor.vocab import SourceFormat

EXAMPLE = resources.files("beleidsmonitor").joinpath("examples/kst-32824-47.txt").read_text(encoding="utf-8")


def _clean(text: str) -> CleanText:
    return clean(SourceDocument(path="t.txt", format=SourceFormat.TEXT, text=text, sha256=""))


@pytest.fixture(scope="module")
def example() -> CleanText:
    return _clean(EXAMPLE)


def test_no_page_footer_or_footnote_line_remains(example: CleanText) -> None:
    assert "vergaderjaar 2013–2014, 32 824, nr. 47" not in example.text
    assert "Ter inzage gelegd" not in example.text


def test_footnote_is_split_off_and_linked_to_its_marker(example: CleanText) -> None:
    assert [(f.marker, f.text) for f in example.footnotes] == [
        ("1", "Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer")
    ]
    anchor = example.footnotes[0].anchor
    assert anchor is not None
    assert example.text[anchor.start - len("bijgevoegd") : anchor.end + 1] == "bijgevoegd1)"


def _broken_words(source: str) -> list[tuple[str, str]]:
    """(left part, right part) of every word broken at a line end in the source."""
    lines = [ln for ln in source.split("\n")]
    pairs = []
    for i, line in enumerate(lines):
        m = re.search(r"(\S+)-\s*$", line)
        if not m or not m.group(1)[-1].isalpha():
            continue
        rest = next((ln.strip() for ln in lines[i + 1 :] if ln.strip() and not ln.strip()[0].isdigit()), "")
        first = re.match(r"[\w’]+", rest)
        if first and first.group(0)[0].islower() and first.group(0) not in {"en", "of"}:
            pairs.append((m.group(1), first.group(0)))
    return pairs


def test_every_line_end_break_of_the_example_is_joined(example: CleanText) -> None:
    pairs = _broken_words(EXAMPLE)
    assert len(pairs) > 60
    for left, right in pairs:
        assert f"{left}- {right}" not in example.text
        assert f"{left}-\n{right}" not in example.text
        assert f"{left}{right}" in example.text or f"{left}-{right}" in example.text, (left, right)


@pytest.mark.parametrize(
    "word",
    [
        "laagconjunctuur",
        "taalontwikkeling",
        "ontmoetingsdag",
        "kabinetsreactie",
        "homoseksualiteit",
        "EU-arbeidsmigratie",
        "en -gemeenschappen",
        "decentralisatie-uitkering",
        "tijdelijke aanwezigheid",
        "www.expertisecentrumtop.nl",
    ],
)
def test_joined_words(example: CleanText, word: str) -> None:
    assert word in example.text


@pytest.mark.parametrize(
    "word",
    ["EU-arbeidsmigranten", "coach-de-coach", "EU-landen", "Niet-Ingezetenen", "e-learning", "VNO-NCW"],
)
def test_real_hyphens_are_kept(example: CleanText, word: str) -> None:
    assert word in example.text


def test_white_space_is_single(example: CleanText) -> None:
    assert "  " not in example.text
    assert not re.search(r" \n|\n ", example.text)


def test_offsets_point_back_to_the_source(example: CleanText) -> None:
    assert len(example.offsets) == len(example.text) + 1
    for word in ("Agenda Integratie", "€ 20", "Kamerstuk 29 754", "Oefenen.nl"):
        start = example.text.index(word)
        src = example.source_span(Span(start, start + len(word)))
        assert EXAMPLE[src.start : src.end].replace("\n", " ").replace("  ", " ").startswith(word.split()[0])
        assert EXAMPLE[src.start] == word[0]
    # a joined word maps onto its two halves in the source
    start = example.text.index("laagconjunctuur")
    src = example.source_span(Span(start, start + len("laagconjunctuur")))
    assert EXAMPLE[src.start : src.end].replace("-\n ", "") == "laagconjunctuur"


def test_list_items_get_their_own_lines() -> None:
    text = "De maatregelen zijn:\n– eerste maatregel;\n– tweede maatregel.\n"
    assert _clean(text).text == "De maatregelen zijn:\n– eerste maatregel;\n– tweede maatregel."


def test_hanging_list_item_across_a_blank_line_is_rebuilt() -> None:
    text = "Inleiding.\n– Ondersteuning van activiteiten gericht op \n\nkennismaking van jongeren.\n"
    assert (
        _clean(text).text
        == "Inleiding.\n– Ondersteuning van activiteiten gericht op kennismaking van jongeren."
    )


def test_paragraph_continues_over_a_page_break_and_footer() -> None:
    text = (
        "Het tweede spoor betreft het \n\n"
        "Tweede Kamer, vergaderjaar 2016–2017, 34 550 XV, nr. 12 3\n\f"
        "bereiken van ouders. Nieuwe zin.\n"
    )
    assert _clean(text).text == "Het tweede spoor betreft het bereiken van ouders. Nieuwe zin."


def test_numbered_list_after_a_colon() -> None:
    text = "drie thema’s: \n1 Meedoen; \n2 Grenzen stellen en \n3 Omgaan met anderen. \n"
    assert _clean(text).text == "drie thema’s:\n1 Meedoen;\n2 Grenzen stellen en\n3 Omgaan met anderen."


def test_nbsp_and_soft_hyphen_are_normalised() -> None:
    assert _clean("€\u00a020\u00a0miljoen voor ge\u00admeenten").text == "€ 20 miljoen voor gemeenten"


def test_sentence_cut_by_a_page_footer_before_a_capital_runs_on() -> None:
    text = (
        "Vorige maand is besloten de medaille opnieuw in te stellen. Ik informeer uw \n\n"
        "Tweede Kamer, vergaderjaar 2018–2019, 34 919, nr. 17 2\n\n\n\n"
        " Kamer in de tweede helft van 2019 over de opbrengst van de pilot. \n"
        "Daarna volgt meer. \n"
    )
    assert _clean(text).text == (
        "Vorige maand is besloten de medaille opnieuw in te stellen. Ik informeer uw Kamer in de tweede helft "
        "van 2019 over de opbrengst van de pilot. Daarna volgt meer."
    )


def test_a_heading_after_a_page_break_stays_apart() -> None:
    text = "De Minister van Financiën, \nW.B. Hoekstra \n\n\f Bijlage Voortgang \n\nTekst van de bijlage. \n"
    assert (
        _clean(text).text
        == "De Minister van Financiën, W.B. Hoekstra\n\nBijlage Voortgang\n\nTekst van de bijlage."
    )


def test_an_annex_title_directly_under_the_signature_name_stays_apart() -> None:
    text = (
        "Ik bied u het programma op Prinsjesdag aan. \n\n"
        "De Minister van Infrastructuur en Waterstaat, \nC. van Nieuwenhuizen Wijbenga \n"
        "Planning maatregelen Delta-aanpak \n\n– Het pakket gaat rond de zomer naar uw Kamer. \n"
    )
    assert _clean(text).text == (
        "Ik bied u het programma op Prinsjesdag aan.\n\n"
        "De Minister van Infrastructuur en Waterstaat, C. van Nieuwenhuizen Wijbenga\n\n"
        "Planning maatregelen Delta-aanpak\n\n– Het pakket gaat rond de zomer naar uw Kamer."
    )


def test_a_second_signature_directly_under_the_first_name_stays_apart() -> None:
    text = (
        "De Minister van Onderwijs, Cultuur en \nWetenschap, \nJ. Bussemaker \n"
        "De Staatssecretaris van Onderwijs, Cultuur en Wetenschap, \nS. Dekker \n"
    )
    assert _clean(text).text == (
        "De Minister van Onderwijs, Cultuur en Wetenschap, J. Bussemaker\n\n"
        "De Staatssecretaris van Onderwijs, Cultuur en Wetenschap, S. Dekker"
    )


def test_notes_printed_after_the_letter_as_noot_n_are_footnotes() -> None:
    text = (
        "Op 18 oktober heeft uw Kamer de motie van het lid Özütok1 aangenomen.\n\n"
        "Ik zal uw Kamer zo spoedig mogelijk informeren.\n\n"
        "Noot 1: Kamerstuk 35 000 VII, nr. 18.\n"
    )
    cleaned = clean(SourceDocument(path="t.txt", format=SourceFormat.TEXT, text=text, sha256=""))
    assert "Noot" not in cleaned.text
    assert [(f.marker, f.text) for f in cleaned.footnotes] == [("1", "Kamerstuk 35 000 VII, nr. 18.")]
    assert cleaned.footnotes[0].anchor is not None
    assert cleaned.text[cleaned.footnotes[0].anchor.start - 6 : cleaned.footnotes[0].anchor.end] == "Özütok1"
