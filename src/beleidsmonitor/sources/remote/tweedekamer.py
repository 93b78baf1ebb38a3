"""The Tweede Kamer's open data (gegevensmagazijn, OData v4): documents of a dossier and the toezeggingen.

Entities used: ``Document`` (``Soort``, ``Volgnummer``, ``Datum``, ``Titel``, ``Onderwerp``, with its
``Kamerstukdossier`` expanded: ``Nummer``, ``Toevoeging``) to list a dossier as a second source
beside SRU, and ``Toezegging`` for the Chamber's register of commitments. A collection comes in
pages of JSON ``{"value": [...], "@odata.nextLink": "…"}``; the next link is followed until a page
has none. Deleted entities (``Verwijderd: true``) are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from typing import Any

from beleidsmonitor.errors import Code, RemoteError
from beleidsmonitor.normalise.identifiers import kamerstuk_id, officielebekendmakingen_url
from beleidsmonitor.sources.remote.client import PoliteClient
from beleidsmonitor.sources.remote.officielebekendmakingen import ListedDocument

logger = logging.getLogger(__name__)

#: a guard against a service whose next links go round in circles
MAX_PAGES = 10000


def iter_entities(
    client: PoliteClient, url: str, params: dict[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """The entities of an OData collection, page after page (each page revalidated).

    Raises:
        RemoteError: a page cannot be fetched, is not JSON or has no ``value`` list.
    """
    seen: set[str] = set()
    next_url: str | None = url
    next_params = params
    while next_url is not None and len(seen) < MAX_PAGES:
        response = client.get(next_url, revalidate=True, params=next_params)
        if response.url in seen:
            raise RemoteError(response.url, Code.N003, "the next link points back to a page already read")
        seen.add(response.url)
        try:
            page = json.loads(response.body)
        except ValueError as exc:
            raise RemoteError(response.url, Code.N003, f"not JSON ({exc})") from None
        values = page.get("value") if isinstance(page, dict) else None
        if not isinstance(values, list):
            raise RemoteError(response.url, Code.N003, "an OData page without a 'value' list")
        for entity in values:
            if isinstance(entity, dict) and not entity.get("Verwijderd", False):
                yield entity
        link = page.get("@odata.nextLink")
        next_url = link if isinstance(link, str) and link else None
        next_params = None


def list_dossier_documents(
    client: PoliteClient, odata_url: str, dossier: str, since: dt.date | None = None
) -> tuple[ListedDocument, ...]:
    """The Kamerstukken of a dossier as the Tweede Kamer lists them, oldest first.

    Raises:
        RemoteError: a page cannot be fetched or read.
    """
    number, _, suffix = dossier.replace(" ", "").partition("-")
    condition = f"k/Nummer eq {int(number)}" if number.isdigit() else f"k/Nummer eq '{number}'"
    if suffix:
        condition += f" and k/Toevoeging eq '{suffix}'"
    params = {
        "$filter": f"Verwijderd eq false and Kamerstukdossier/any(k: {condition})",
        "$expand": "Kamerstukdossier",
        "$orderby": "Datum",
    }
    found: dict[str, ListedDocument] = {}
    for entity in iter_entities(client, f"{odata_url}/Document", params):
        listed = _listed(entity)
        if listed is not None and (since is None or (listed.date is not None and listed.date >= since)):
            found.setdefault(listed.id, listed)
    return tuple(sorted(found.values(), key=lambda d: (d.date or dt.date.min, d.id)))


def _listed(entity: dict[str, Any]) -> ListedDocument | None:
    dossiers = entity.get("Kamerstukdossier") or []
    volgnummer = entity.get("Volgnummer")
    if not isinstance(dossiers, list) or not dossiers or volgnummer in (None, "", 0):
        return None
    first = dossiers[0]
    number, suffix = str(first.get("Nummer", "")), str(first.get("Toevoeging") or "")
    identifier = kamerstuk_id(number, suffix, str(volgnummer))
    raw_date = str(entity.get("Datum") or "")[:10]
    try:
        date = dt.date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        date = None
    return ListedDocument(
        id=identifier,
        dossier=f"{number}-{suffix}" if suffix else number,
        nr=str(volgnummer),
        date=date,
        title=str(entity.get("Onderwerp") or entity.get("Titel") or ""),
        url=officielebekendmakingen_url(identifier),
    )


def fetch_toezeggingen(client: PoliteClient, odata_url: str) -> Iterator[dict[str, Any]]:
    """The Tweede Kamer's toezeggingen as OData entities, with their debate's dossiers expanded.

    Raises:
        RemoteError: a page cannot be fetched or read.
    """
    params = {
        "$filter": "Verwijderd eq false",
        "$expand": "Activiteit($expand=Zaak($expand=Kamerstukdossier))",
        "$orderby": "Nummer",
    }
    yield from iter_entities(client, f"{odata_url}/Toezegging", params)
