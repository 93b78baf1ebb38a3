"""officielebekendmakingen.nl and the KOOP SRU 2.0 interface: where Kamerstukken and their metadata are.

A Kamerstuk ``kst-<dossier>[-<suffix>]-<nr>`` is published at ``<base>/<id>.xml`` (also ``.html`` and
``.pdf``) with its metadata at ``<base>/<id>/metadata.xml``: ``<metadata name=… content=…>`` elements
named ``DC.identifier``, ``DC.title``, ``DCTERMS.issued``, ``OVERHEIDop.dossiernummer``,
``OVERHEIDop.ondernummer``, ``OVERHEIDop.vergaderjaar``, ``OVERHEIDop.dossiertitel``,
``OVERHEIDop.documenttitel``, ``OVERHEIDop.indiener`` and the chamber (``OVERHEID.StatenGeneraal``,
as a name or as the scheme of ``DC.creator``). The documents of a dossier are listed by the SRU
interface (``<sru>?operation=searchRetrieve&version=2.0&query=<CQL>``): each record's ``originalData``
carries ``dcterms:identifier``, ``overheidwetgeving:dossiernummer``, ``overheidwetgeving:ondernummer``
and a date, its ``enrichedData`` the ``gzd:preferredUrl``; ``sru:nextRecordPosition`` pages on.

Parsing goes by local element names (the namespaces have changed over the years), with defusedxml
so that no entity or DTD is ever expanded.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]

from beleidsmonitor.errors import Code, RemoteError
from beleidsmonitor.model import SourceHints
from beleidsmonitor.normalise.identifiers import kamerstuk_id, officielebekendmakingen_url, parse_kamerstuk_id
from beleidsmonitor.sources.layout import hints_from_meta
from beleidsmonitor.sources.remote.client import PoliteClient
from beleidsmonitor.structure.metadata import document_type_of
from beleidsmonitor.vocab import DocumentType

logger = logging.getLogger(__name__)

#: records asked per SRU page (the interface allows up to 1000)
SRU_PAGE_SIZE = 100
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class KamerstukMetadata:
    """What the publisher says about a Kamerstuk; it wins over what the text suggests."""

    id: str
    dossier: str
    suffix: str
    nr: str
    vergaderjaar: str
    date: dt.date | None
    title: str
    document_title: str
    dossier_title: str
    indiener: str
    chamber: str
    doc_type: DocumentType
    #: the public page of the document
    url: str

    @property
    def hints(self) -> SourceHints:
        """The same metadata in the form the readers deliver it."""
        return SourceHints(
            identifier=self.id,
            title=self.title,
            date=self.date.isoformat() if self.date else "",
            dossier=self.dossier,
            ondernummer=self.nr,
            vergaderjaar=self.vergaderjaar,
        )


@dataclass(frozen=True, slots=True)
class ListedDocument:
    """One Kamerstuk as a listing (SRU or the Tweede Kamer's open data) names it."""

    id: str
    dossier: str
    nr: str
    date: dt.date | None
    title: str
    url: str


def document_url(base: str, identifier: str, extension: str) -> str:
    """Where the document is fetched from: ``<base>/<id>.<extension>``."""
    return f"{base}/{identifier}.{extension}"


def metadata_url(base: str, identifier: str) -> str:
    """Where the document's metadata is fetched from: ``<base>/<id>/metadata.xml``."""
    return f"{base}/{identifier}/metadata.xml"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(data: bytes, url: str) -> ET.Element:
    try:
        root: ET.Element = SafeET.fromstring(data, forbid_dtd=True)
    except (ET.ParseError, defusedxml.DefusedXmlException, ValueError) as exc:
        raise RemoteError(url, Code.N003, f"not well-formed XML ({exc})") from None
    return root


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def parse_metadata(data: bytes, url: str) -> KamerstukMetadata:
    """The metadata of one Kamerstuk from its ``metadata.xml``.

    Raises:
        RemoteError: N003 when the XML is malformed or names no Kamerstuk.
    """
    root = _parse(data, url)
    pairs: list[tuple[str, str]] = []
    chamber = ""
    for element in root.iter():
        if _local(element.tag) not in ("metadata", "meta"):
            continue
        name, content = element.get("name", ""), _SPACE.sub(" ", element.get("content", "")).strip()
        if not name:
            continue
        pairs.append((name, content))
        if "StatenGeneraal" in name or "StatenGeneraal" in element.get("scheme", ""):
            chamber = chamber or content
    values: dict[str, str] = {}
    for name, content in pairs:
        values.setdefault(name, content)
    hints = hints_from_meta(pairs)
    identifier = hints.get("identifier", "")
    try:
        parts = parse_kamerstuk_id(identifier)
    except ValueError:
        raise RemoteError(url, Code.N003, f"no Kamerstuk id in DC.identifier ({identifier!r})") from None
    dossier = _SPACE.sub("", hints.get("dossier", "")) or parts.dossier
    nr = hints.get("ondernummer", "") or parts.nr
    title = hints.get("title", "")
    return KamerstukMetadata(
        id=identifier,
        dossier=dossier,
        suffix=parts.suffix,
        nr=nr,
        vergaderjaar=hints.get("vergaderjaar", "").replace("–", "-"),
        date=_date(hints.get("date", "")),
        title=title,
        document_title=values.get("OVERHEIDop.documenttitel", ""),
        dossier_title=values.get("OVERHEIDop.dossiertitel", "") or title.split(";", 1)[0].strip(),
        indiener=values.get("OVERHEIDop.indiener", ""),
        chamber=chamber,
        doc_type=_doc_type(values, title),
        url=officielebekendmakingen_url(identifier),
    )


def _doc_type(values: dict[str, str], title: str) -> DocumentType:
    """The kind of document: the publisher's documentsoort, else the middle part of the official title.

    Official titles read "<dossier>; <kind>; <subject>" ("Integratiebeleid; Brief regering; …",
    "…; Motie; Motie van het lid …").
    """
    for name in ("OVERHEIDop.documentsoort", "DC.type"):
        kind = document_type_of(values.get(name, ""))
        if kind is not DocumentType.ONBEKEND:
            return kind
    pieces = [p.strip() for p in title.split(";")]
    for piece in pieces[1:2] or pieces[-1:]:
        kind = document_type_of(piece)
        if kind is not DocumentType.ONBEKEND:
            return kind
    return DocumentType.ONBEKEND


def fetch_metadata(client: PoliteClient, base: str, identifier: str) -> KamerstukMetadata:
    """Fetch and parse the metadata of one Kamerstuk.

    Raises:
        RemoteError: the metadata cannot be fetched or parsed.
    """
    url = metadata_url(base, identifier)
    response = client.get(url)
    meta = parse_metadata(response.body, url)
    if meta.id != identifier:
        raise RemoteError(url, Code.N003, f"metadata of {meta.id!r}, not of {identifier!r}")
    return meta


def dossier_query(dossier: str) -> str:
    """The CQL query that lists the Kamerstukken of a dossier ("32824" or "21501-07")."""
    number, _, suffix = dossier.replace(" ", "").partition("-")
    query = (
        f"c.product-area==officielepublicaties AND w.publicatienaam==Kamerstuk AND w.dossiernummer=={number}"
    )
    if suffix:
        query += f" AND w.dossiertoevoeging=={suffix}"
    return query


def list_dossier(
    client: PoliteClient, sru_url: str, dossier: str, since: dt.date | None = None
) -> tuple[ListedDocument, ...]:
    """Every Kamerstuk of a dossier that the SRU interface lists, oldest first.

    Args:
        client: the client (pages are revalidated, so a changed listing is noticed).
        sru_url: the SRU endpoint.
        dossier: the dossier number, with its suffix after a hyphen ("21501-07").
        since: keep only documents published on or after this day.

    Raises:
        RemoteError: a page cannot be fetched or is not an SRU response.
    """
    found: dict[str, ListedDocument] = {}
    start = 1
    query = dossier_query(dossier)
    while True:
        params = {
            "operation": "searchRetrieve",
            "version": "2.0",
            "query": query,
            "startRecord": str(start),
            "maximumRecords": str(SRU_PAGE_SIZE),
        }
        response = client.get(sru_url, revalidate=True, params=params)
        records, next_position = parse_sru_page(response.body, response.url)
        for record in records:
            found.setdefault(record.id, record)
        if next_position is None or next_position <= start:
            break
        start = next_position
    listed = [d for d in found.values() if since is None or (d.date is not None and d.date >= since)]
    logger.info("dossier %s: %d documents listed, %d kept", dossier, len(found), len(listed))
    return tuple(sorted(listed, key=lambda d: (d.date or dt.date.min, _nr_key(d.nr), d.id)))


def _nr_key(nr: str) -> tuple[int, str]:
    return (int(nr), "") if nr.isdigit() else (0, nr)


def parse_sru_page(data: bytes, url: str) -> tuple[list[ListedDocument], int | None]:
    """The Kamerstukken on one SRU response page and the position of the next page (None: last page).

    Raises:
        RemoteError: N003 when it is not an SRU searchRetrieveResponse, or the service reports an error.
    """
    root = _parse(data, url)
    if _local(root.tag) != "searchRetrieveResponse":
        raise RemoteError(url, Code.N003, f"expected an SRU searchRetrieveResponse, got <{_local(root.tag)}>")
    for element in root.iter():
        if _local(element.tag) == "diagnostic":
            message = " ".join(t.strip() for t in element.itertext() if t.strip())
            raise RemoteError(url, Code.N003, f"SRU diagnostic: {message}")
    records: list[ListedDocument] = []
    next_position: int | None = None
    for element in root:
        if _local(element.tag) == "nextRecordPosition" and (element.text or "").strip().isdigit():
            next_position = int((element.text or "").strip())
        if _local(element.tag) == "records":
            for record in element:
                listed = _listed(record)
                if listed is not None:
                    records.append(listed)
    return records, next_position


def _listed(record: ET.Element) -> ListedDocument | None:
    fields: dict[str, str] = {}
    for element in record.iter():
        name = _local(element.tag)
        if name not in fields and element.text and element.text.strip():
            fields[name] = _SPACE.sub(" ", element.text).strip()
    identifier = fields.get("identifier", "")
    try:
        parts = parse_kamerstuk_id(identifier)
    except ValueError:
        logger.info("SRU record without a Kamerstuk id (%r) skipped", identifier)
        return None
    if not parts.nr:
        return None
    dossier = fields.get("dossiernummer", parts.dossier).replace(" ", "")
    nr = fields.get("ondernummer", parts.nr)
    date = _date(fields.get("issued", "") or fields.get("available", "") or fields.get("date", ""))
    return ListedDocument(
        id=kamerstuk_id(parts.dossier, parts.suffix, parts.nr),
        dossier=f"{dossier}-{parts.suffix}" if parts.suffix else dossier,
        nr=nr,
        date=date,
        title=fields.get("title", ""),
        url=fields.get("preferredUrl", "") or officielebekendmakingen_url(identifier),
    )


def iter_formats(preferred: str) -> Iterator[str]:
    """The formats to try for a document body, the preferred one first (xml, html, pdf)."""
    yield preferred
    for other in ("xml", "html", "pdf"):
        if other != preferred:
            yield other
