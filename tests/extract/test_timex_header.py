"""Time expressions of the printed header: only the "Den Haag, <date>" line and header lines that are
sentences count."""

import datetime as dt

from beleidsmonitor.model import SourceDocument
from beleidsmonitor.pipeline import analyse
from beleidsmonitor.vocab import SourceFormat

LETTER = """Tweede Kamer der Staten-Generaal
Vergaderjaar 2013–2014

33 750 IX Vaststelling van de begrotingsstaten van het Ministerie van
Financiën (IXB) voor het jaar 2014

Nr. 12 BRIEF VAN DE MINISTER VAN FINANCIËN

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 4 december 2013

Ik stuur uw Kamer in het voorjaar van 2014 de eerste suppletoire begroting.

De Minister van Financiën,
J.R.V.A. Dijsselbloem
"""


def test_years_in_the_dossier_title_are_not_time_expressions() -> None:
    source = SourceDocument(path="brief.txt", format=SourceFormat.TEXT, text=LETTER, sha256="")
    analysis = analyse(source)
    assert analysis.metadata.date == dt.date(2013, 12, 4)
    assert [(t.text, t.interval.start.isoformat()) for t in analysis.time_expressions] == [
        ("4 december 2013", "2013-12-04"),
        ("het voorjaar van 2014", "2014-03-01"),
    ]


NOTICE = """34 104 Langdurige zorg

Nr. 88 BRIEF VAN DE STAATSSECRETARIS VAN VOLKSGEZONDHEID, WELZIJN EN SPORT

Ontvangen ter Griffie op 12 mei 2016.

Het besluit kan niet eerder worden genomen dan op 9 juni 2016.

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 12 mei 2016

Hierbij zend ik u het ontwerpbesluit voor de regeling van 2017.
"""


def test_a_sentence_in_the_header_block_keeps_its_time_expressions() -> None:
    # a voorhang notice: its lines are sentences, unlike the dossier title
    source = SourceDocument(path="brief.txt", format=SourceFormat.TEXT, text=NOTICE, sha256="")
    analysis = analyse(source)
    assert [t.text for t in analysis.time_expressions] == [
        "12 mei 2016",
        "9 juni 2016",
        "12 mei 2016",
        "2017",
    ]


class _CountingText(str):
    """A text that counts the characters its searches and slices go over."""

    read = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:  # type: ignore[override]
        low, high = start or 0, len(self) if end is None else end
        found = str.find(self, sub, low, high)
        self.read += (found if found >= 0 else high) - low
        return found

    def rfind(self, sub: str, start: int | None = None, end: int | None = None, /) -> int:  # type: ignore[override]
        low, high = start or 0, len(self) if end is None else end
        found = str.rfind(self, sub, low, high)
        self.read += high - (found if found >= 0 else low)
        return found

    def __getitem__(self, key: int | slice) -> str:  # type: ignore[override]
        piece = str.__getitem__(self, key)
        self.read += len(piece)
        return piece


def test_a_header_line_full_of_dates_is_read_once() -> None:
    # a header paragraph of one line with thousands of dates (the shape of a fuzzed letter whose
    # lines were repeated): each line of the header is read once, not once for every date in it
    from beleidsmonitor.extract.timex import find_time_expressions, in_body

    dates = 3000
    text = (
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal "
        + "brief van 2 februari 2019 en " * dates
        + "\n\nDen Haag,   4 december 2013\n\nIk stuur uw Kamer in het voorjaar van 2014 de begroting.\n"
    )
    source = SourceDocument(path="brief.txt", format=SourceFormat.TEXT, text=text, sha256="")
    analysis = analyse(source)
    assert [t.text for t in analysis.time_expressions] == ["4 december 2013", "het voorjaar van 2014"]
    found = find_time_expressions(text, analysis.structure.sentences, dt.date(2013, 12, 4))
    assert len(found) == dates + 2
    counting = _CountingText(text)
    kept = in_body(found, counting, analysis.structure)
    assert [t.text for t in kept] == ["4 december 2013", "het voorjaar van 2014"]
    # the long line is about 90,000 characters: read once per date it would be some 270 million
    assert counting.read < 3 * len(text)
