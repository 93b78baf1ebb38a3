"""Metadata of a Kamerstuk: official id, dossier, ondernummer, vergaderjaar, date, signatories, type.

Sources, in order of trust: explicit overrides (command line), the format's own metadata
(SourceHints from HTML/XML), the header block ("32 824 Integratiebeleid", "Nr. 47 BRIEF VAN …",
"Den Haag, 19 december 2013"), and the page footers ("Tweede Kamer, vergaderjaar 2013–2014,
32 824, nr. 47 7"). The date comes from the user, else the "Den Haag, <date>" line, else the format's
metadata; when none of them gives one, the latest day the sentences name as past inside the letter's
vergaderjaar bounds the date from below: that day is used and marked as inferred (see
:func:`infer_date` for what counts as past and its known misses).

What becomes the document's id is bounded when it is read: the id, dossier and ondernummer of the
format's metadata are kept only in the form of an id part (normalise/identifiers.py:
``is_document_id``, ``is_metadata_part``; at most ``MAX_ID_LENGTH`` characters), the header's and
footers' numbers have at most six digits, so that no file can give a document an id that a browser
cannot request.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence

from beleidsmonitor.model import DocumentMetadata, Signatory, SourceHints
from beleidsmonitor.normalise.identifiers import (
    DOSSIER_NUMBER,
    DOSSIER_SUFFIX,
    MAX_ID_LENGTH,
    ONDERNUMMER,
    is_document_id,
    is_metadata_part,
    kamerstuk_id,
    ministry_abbreviation,
    ministry_names,
)
from beleidsmonitor.structure.blocks import Block
from beleidsmonitor.structure.parts import NAME, Parts, split_signature
from beleidsmonitor.vocab import DocumentType

log = logging.getLogger(__name__)

_FOOTER = re.compile(
    r"(?:Tweede|Eerste)\s+Kamer,\s*vergaderjaar\s+(?P<y1>\d{4})\s*[–-]\s*(?P<y2>\d{4}),\s*"
    rf"(?P<dossier>{DOSSIER_NUMBER})(?P<suffix>{DOSSIER_SUFFIX})?,\s*nr\.\s*(?P<nr>{ONDERNUMMER})"
)
_KST = re.compile(r"\bkst-(?P<dossier>\d{2,6})(?:-(?P<suffix>[A-Z]{1,9}|\d{1,3}))?-(?P<nr>\d{1,6})\b")
_HEAD_DOSSIER = re.compile(
    rf"^(?P<dossier>{DOSSIER_NUMBER})(?P<suffix>{DOSSIER_SUFFIX})?(?:\s+(?P<title>\S.*))?$"
)
_HEAD_NR = re.compile(rf"^Nr\.\s*(?P<nr>{ONDERNUMMER})(?:\s+(?P<kind>[A-Z][A-Z ]+?)(?:\s+VAN\b.*)?)?$")
_HEAD_KIND = re.compile(r"^(?P<kind>BRIEF|MOTIE|AMENDEMENT|VERSLAG|NOTA|VOORSTEL|MEMORIE)\b")
_VERGADERJAAR = re.compile(r"[Vv]ergaderjaar\s+(?P<y1>\d{4})\s*[–-]\s*(?P<y2>\d{4})")
_PLACE_DATE = re.compile(r"^(?:Den Haag|\S?s-Gravenhage),?\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})")
_ADDRESSEE = re.compile(r"^Aan de [Vv]oorzitter van de (?:Tweede|Eerste) Kamer(?: der Staten-Generaal)?")

_DOC_TYPES = {
    "BRIEF": DocumentType.BRIEF,
    "MOTIE": DocumentType.MOTIE,
    "AMENDEMENT": DocumentType.AMENDEMENT,
    "VERSLAG": DocumentType.VERSLAG,
    "NOTA": DocumentType.NOTA,
    "VOORSTEL": DocumentType.WETSVOORSTEL,
    "MEMORIE": DocumentType.MEMORIE_VAN_TOELICHTING,
}


def document_type_of(kind: str) -> DocumentType:
    """The document type a kind word starts with ("Brief regering", "MOTIE", "Nota naar aanleiding …")."""
    words = kind.split()
    return _DOC_TYPES.get(words[0].upper(), DocumentType.ONBEKEND) if words else DocumentType.ONBEKEND


#: turns a text into the single days it names with an explicit year (supplied by the pipeline)
DateFinder = Callable[[str], list[dt.date]]
#: turns one sentence and the latest date the document may have into the days it names as past
#: (supplied by the pipeline: days with their year in a past-tense clause, days marked jl.)
PastDayFinder = Callable[[str, dt.date], list[dt.date]]

#: how far past the bound found so far a day marked jl. may lie: "8 november jl." next to a past
#: "1 oktober 2018" is the coming 8 November. Over the 235 dated letters of ../shared/corpus, the
#: constructed set and the example (date lines left out), three months moves 26 bounds closer to
#: the real date and none past it; half a year reads the example's "12 juni jl." (2013) as June 2014
_RECENT = dt.timedelta(days=91)
#: the Staten-Generaal in two chambers: no Kamerstuk is older
_NO_EARLIER = dt.date(1815, 1, 1)


def _compact(dossier: str) -> str:
    return re.sub(r"\s+", "", dossier)


def _suffix(printed: str | None) -> str:
    """A dossier suffix as it goes into ids: "XV" from " XV" or "-XV", "02" from "-02"."""
    return re.sub(r"[\s-]+", "", printed or "").upper()


def _subject(official_title: str) -> str:
    """The subject of an official title "Integratiebeleid; Brief regering; Voortgang Agenda Integratie"."""
    return official_title.rsplit(";", 1)[-1].strip()


def _prinsjesdag(year: int) -> dt.date:
    """The third Tuesday of September, on which the parliamentary year turns."""
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)


def committee_of(ministry: str) -> str:
    """The Tweede Kamer's standing committee that follows a ministry ("SZW" → "vaste commissie voor
    Sociale Zaken en Werkgelegenheid"): committees are named after the ministry they follow. Empty
    when the ministry is unknown."""
    name = ministry_names().get(ministry, "")
    return f"vaste commissie voor {name}" if name else ""


def vergaderjaar_of(date: dt.date) -> str:
    """The parliamentary year of a date; it turns on the third Tuesday of September (Prinsjesdag)."""
    start = date.year if date >= _prinsjesdag(date.year) else date.year - 1
    return f"{start}-{start + 1}"


def vergaderjaar_bounds(vergaderjaar: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a parliamentary year "2022-2023" (Prinsjesdag to the day before the next)."""
    first = int(vergaderjaar[:4])
    return _prinsjesdag(first), _prinsjesdag(first + 1) - dt.timedelta(days=1)


def infer_date(sentences: Sequence[str], vergaderjaar: str, find_past_days: PastDayFinder) -> dt.date | None:
    """The earliest date a letter without a date line can plausibly have.

    That is the latest day its sentences name as passed (a day with its year whose nearest verb does
    not look ahead) inside its vergaderjaar, else the vergaderjaar's first day: a "per 1 januari
    2024" in a 2022–2023 letter, or "Op 1 januari 2019 zal ..." in a 2018 one, is not its date. Then
    a day marked jl. ("8 november jl.") is placed within three months after that bound (the letter
    is after it); the result stays inside the vergaderjaar. Without a vergaderjaar: the same without
    the bounds, None when the sentences name no passed day.

    Measured over 235 dated letters (../shared/corpus, the constructed set and the example, their
    date lines left out): the year is right for 116 (all days of the vergaderjaar counted: 115), 9
    get a date after their real one (all days counted: 23). Known misses: a day ahead in a
    present-tense clause ("Op 1 maart 2017 treedt de wet in werking") or in a past one ("heb ik het
    besluit met de datum van 1 januari 2024 gepubliceerd") is read as passed; most letters name
    no passed day of their vergaderjaar, and the real date lies a median of about three months
    after the bound, which no text states.
    """
    first, last = vergaderjaar_bounds(vergaderjaar) if vergaderjaar else (_NO_EARLIER, dt.date.max)

    def latest_past(anchor: dt.date) -> dt.date | None:
        inside = [d for text in sentences for d in find_past_days(text, anchor) if first <= d <= last]
        return max(inside, default=None)

    # days marked jl. resolve before ``first`` here and so bound nothing yet
    bound = latest_past(first) or (first if vergaderjaar else None)
    if bound is None:
        return None
    recent = latest_past(min(bound + _RECENT, last))
    return max(bound, recent) if recent else bound


def _bounded(hints: SourceHints) -> SourceHints:
    """``hints`` without the id, dossier and ondernummer that cannot be part of a document id (any
    characters, of any length, in a damaged or hostile file's metadata): those are dropped with a
    warning, and the document gets its id from its header or footer, or from its content."""
    dropped = {}
    if hints.identifier and not is_document_id(hints.identifier):
        dropped["identifier"] = ""
    for name in ("dossier", "ondernummer"):
        value = _compact(getattr(hints, name))
        if value and not is_metadata_part(value):
            dropped[name] = ""
    for name in dropped:
        log.warning(
            "the %s in the document's metadata (%s…) is not part of a document id: letters, digits "
            "and hyphens, at most %d characters; ignored",
            name,
            getattr(hints, name)[:MAX_ID_LENGTH],
            MAX_ID_LENGTH,
        )
    return dataclasses.replace(hints, **dropped) if dropped else hints


def find_metadata(
    text: str,
    source_text: str,
    blocks: Sequence[Block],
    parts: Parts,
    hints: SourceHints,
    find_dates: DateFinder,
    sentences: Sequence[str],
    find_past_days: PastDayFinder,
    date: dt.date | None = None,
    identifier: str = "",
    title: str = "",
) -> DocumentMetadata:
    """Collect the metadata of one document.

    Args:
        text: the clean text.
        source_text: the source text (page footers carry the dossier and number).
        blocks: the clean text's blocks.
        parts: where the body, signature and annex are.
        hints: metadata the format carried.
        find_dates: single days with an explicit year named in a text.
        sentences: the document's sentences, which bound a date the text does not print.
        find_past_days: the days one sentence names as past.
        date: the date given by the user, overriding what the text says.
        identifier: the official id given by the user ("kst-32824-47").
        title: the annex title, used when nothing better names the document.
    """
    dossier = suffix = nr = vergaderjaar = dossier_title = ""
    doc_type = DocumentType.ONBEKEND
    head_lines = [text[b.span.start : b.span.end] for b in blocks[: parts.body_start]]

    hints = _bounded(hints)
    if identifier and not is_document_id(identifier):
        log.warning("the id %s… given is not a document id; ignored", identifier[:MAX_ID_LENGTH])
        identifier = ""
    m = _KST.search(identifier or hints.identifier)
    if m:
        dossier, suffix, nr = m.group("dossier"), m.group("suffix") or "", m.group("nr")
    title_next = False
    for line in head_lines:
        hd = _HEAD_DOSSIER.match(line)
        hn = _HEAD_NR.match(line)
        hk = _HEAD_KIND.match(line)
        if hd:
            if not dossier:
                dossier, suffix = _compact(hd.group("dossier")), _suffix(hd.group("suffix"))
            dossier_title = dossier_title or (hd.group("title") or "")
            # the printed layout may set the dossier title on the lines after the number
            title_next = not hd.group("title")
        elif title_next and not hn and not hk:
            dossier_title = dossier_title or line.replace("\n", " ")
            title_next = False
        if hn:
            nr = nr or hn.group("nr")
            if hn.group("kind"):
                doc_type = _DOC_TYPES.get(hn.group("kind").split()[0], DocumentType.ONBEKEND)
        if hk:
            doc_type = _DOC_TYPES.get(hk.group("kind"), doc_type)
    footer = _FOOTER.search(source_text)
    if footer:
        dossier = dossier or _compact(footer.group("dossier"))
        suffix = suffix or _suffix(footer.group("suffix"))
        nr = nr or footer.group("nr")
        vergaderjaar = f"{footer.group('y1')}-{footer.group('y2')}"
    if not vergaderjaar:
        vj = _VERGADERJAAR.search(hints.vergaderjaar) or _VERGADERJAAR.search(" ".join(head_lines))
        if vj:
            vergaderjaar = f"{vj.group('y1')}-{vj.group('y2')}"
        elif re.fullmatch(r"\d{4}-\d{4}", hints.vergaderjaar):
            vergaderjaar = hints.vergaderjaar
    dossier = dossier or _compact(hints.dossier)
    nr = nr or hints.ondernummer

    date_inferred = False
    if date is None:
        # the printed "Den Haag, <date>" line first, then the format's own metadata
        candidates = [ln for ln in head_lines if _PLACE_DATE.match(ln)] + [hints.date]
        for cand in candidates:
            if not cand:
                continue
            try:
                date = dt.date.fromisoformat(cand[:10])
                break
            except ValueError:
                found = find_dates(cand)
                if found:
                    date = found[0]
                    break
    if date is None:
        date = infer_date(sentences, vergaderjaar, find_past_days)
        date_inferred = date is not None
    if not vergaderjaar and date is not None:
        vergaderjaar = vergaderjaar_of(date)

    signatories: list[Signatory] = []
    for i in parts.signature:
        block_text = text[blocks[i].span.start : blocks[i].span.end]
        role, of, name = split_signature(block_text)
        if not role:
            continue
        if not name and i + 1 < len(blocks) and i + 1 in parts.signature:
            nxt = text[blocks[i + 1].span.start : blocks[i + 1].span.end].strip()
            name = nxt if NAME.match(nxt) else ""
        ministry = ministry_abbreviation(of.split(" ", 1)[1])
        signatories.append(Signatory(name=name, role=role.capitalize(), ministry=ministry))
    if signatories and doc_type is DocumentType.ONBEKEND:
        doc_type = DocumentType.BRIEF

    addressee = ""
    for line in head_lines:
        am = _ADDRESSEE.match(line)
        if am:
            addressee = am.group(0)
    if not addressee and doc_type is DocumentType.BRIEF and re.search(r"\b[Uu]w Kamer\b", text):
        addressee = "Voorzitter van de Tweede Kamer der Staten-Generaal"

    official = identifier or hints.identifier
    if not official and dossier and nr:
        official = kamerstuk_id(dossier, suffix, nr)
        official = official if is_document_id(official) else ""
    return DocumentMetadata(
        id=official,
        dossier=dossier,
        suffix=suffix,
        nr=nr,
        vergaderjaar=vergaderjaar,
        date=date,
        date_inferred=date_inferred,
        title=_subject(hints.title) or title or dossier_title,
        dossier_title=dossier_title,
        doc_type=doc_type,
        signatories=tuple(signatories),
        ministry=signatories[0].ministry if signatories else "",
        addressee=addressee,
    )
