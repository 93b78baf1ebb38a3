"""Line joining and line-end hyphens (GUIDELINES.md, "Text normalisation")."""

import pytest

from beleidsmonitor.clean.dehyphenate import Join, decide_join

CASES = [
    ("economische laagcon-", "junctuur, de opgelopen", Join.DROP_HYPHEN),
    ("de rol van ouders bij taalont-", "wikkeling van hun kinderen", Join.DROP_HYPHEN),
    ("Inburgering, participatie, EU-ar-", "beidsmigratie, ouderbetrokkenheid", Join.DROP_HYPHEN),
    ("via een decentralisatie-", "uitkering van het gemeentefonds", Join.KEEP_HYPHEN),
    ("kabinetsre-", "actie naar de Kamer", Join.DROP_HYPHEN),
    ("acceptatie van homoseksu-", "aliteit in de", Join.DROP_HYPHEN),
    ("zee-", "egels", Join.KEEP_HYPHEN),
    ("Migranten uit EU-", "landen leveren", Join.KEEP_HYPHEN),
    ("zoals jeugd-", "en gezondheidszorg", Join.KEEP_HYPHEN_SPACE),
    ("de provincie Noord-", "Holland", Join.KEEP_HYPHEN),
    ("met 12,5 procent of meer niet-", "westerse allochtonen", Join.KEEP_HYPHEN),
    ("en -gemeen-", "schappen op lokaal niveau", Join.DROP_HYPHEN),
    ("de website http://", "www.voorbeeld.nl", Join.TOUCH),
    ("zie https://www.rijksoverheid.nl/", "documenten/rapporten", Join.TOUCH),
    ("de periode 2013 -", "2016 is", Join.SPACE),
    ("een gewone regel", "die doorloopt", Join.SPACE),
    ("eindigt op een cijfer 12-", "15 uur", Join.SPACE),
]


@pytest.mark.parametrize(("left", "right", "expected"), CASES, ids=[f"{a}|{b}" for a, b, _ in CASES])
def test_decide_join(left: str, right: str, expected: Join) -> None:
    assert decide_join(left, right) is expected
