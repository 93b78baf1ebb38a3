"""Time expressions of the printed header: only the "Den Haag, <date>" line counts."""

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
