"""The Chambers' registers of commitments (toezeggingen), imported beside the written commitments.

Two registers:

- **Tweede Kamer**: the ``Toezegging`` entity of its open data (OData v4 JSON), from a file (one
  page ``{"value": [...]}``, a list of such pages, or a list of entities) or fetched
  (``--source tk``, see sources/remote/tweedekamer.py). Fields read: ``Nummer``, ``Tekst``,
  ``Status``, ``DatumNakoming``, ``Ministerie``, ``Naam``/``Functie``, ``ToegezegdAan``,
  ``KamerbriefNakoming``, ``IsHerhalingVan``, ``IsWijzigingVan``, ``IsAanvullingOp``; the dossier
  comes from the debate's cases when expanded (``Activiteit.Zaak[].Kamerstukdossier[].Nummer``/``Toevoeging``),
  the committee from the debate's lead committee (``Activiteit.Voortouwnaam``), else from
  ``ToegezegdAan`` when that names a committee rather than a member.
- **Eerste Kamer**: a CSV file (UTF-8, comma-separated, a header row) with the columns of its
  register pages: ``nummer`` (T01970), ``titel``, ``tekst``, ``status`` (openstaand, deels voldaan,
  voldaan), ``deadline`` (YYYY-MM-DD or empty), ``bewindspersoon``, ``ministerie``, ``commissie``
  (the committee, also kept as the recipient), ``kamerstukken`` (dossier numbers, separated by ";").

What importing does, in one transaction: every toezegging is kept in ``toezeggingen`` with its
official number and status (a re-import updates them; extraction never writes there). It is shown
in the register once:

- when a written commitment of the same dossier says the same thing, that entry is linked: it gets
  the official number and status (``official_number``, ``official_status``) and stays one entry.
  *Same thing* is scored as the weighted Dice overlap of the two texts' content-word stems
  (register/merge.py's ``content_stems``: no stop words, time words or numbers), each stem weighed
  by its rarity (inverse document frequency) over the imported toezeggingen and the written
  commitments of their dossiers, so that the register's own phrasing ("De minister zegt toe …
  de Kamer") weighs little; times 1.0 when the official date lies within the written deadline
  (or up to three months after it), 0.7 when either is unknown and 0.4 when they disagree. The
  best written commitment scoring at least :data:`MATCH_THRESHOLD` wins; each written commitment
  takes at most one toezegging;
- otherwise it gets an entry of its own (``source`` tk or ek, kind inform_parliament, deadline =
  the official date) under a document that stands for the register (``toezeggingen-tk``,
  ``toezeggingen-ek``), so that listings, dashboard and exports show it beside the written ones.
  When a letter that states the promise is stored later (``ingest``, ``fetch``, ``watch``),
  :func:`link_registered` scores the toezegging again and, on a match, moves the official number
  and status to the written entry and removes the entry of its own: the order of importing and
  fetching does not change what is listed.

A toezegging that repeats or changes an earlier one (``IsHerhalingVan``, ``IsWijzigingVan``) is shown
in the entry of the earlier one, whichever import brings it; the entry shows the newest number,
status, text and date. An addition (``IsAanvullingOp``) is a promise of its own.

An entry the register calls fulfilled (status "voldaan") gets a fulfilment link (table ``links``):
to the Kamerstuk its ``KamerbriefNakoming`` cites when the register holds that letter (evidence
cited), else to the register's document (evidence manual: people recorded it).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from beleidsmonitor.errors import Code, RegisterError
from beleidsmonitor.model import Sentence, Span
from beleidsmonitor.normalise.identifiers import dossier_key, parse_kamerstuk_id
from beleidsmonitor.normalise.words import content_stems
from beleidsmonitor.register import db
from beleidsmonitor.register.schema import (
    CommitmentRow,
    CorrectionRow,
    DocumentRow,
    LinkRow,
    StatusChangeRow,
    ToezeggingRow,
)
from beleidsmonitor.register.store import Register, dossier_query_key
from beleidsmonitor.register.tracking import denormalise
from beleidsmonitor.vocab import (
    Chamber,
    CommitmentKind,
    EvidenceKind,
    LinkRelation,
    Part,
    ReferenceKind,
    Status,
)

logger = logging.getLogger(__name__)

#: the score a written commitment needs to be taken for the same promise as a toezegging
MATCH_THRESHOLD = 0.3
#: how long after the written deadline an official date still agrees with it
_LATE_AGREEMENT = dt.timedelta(days=92)
#: the register status that means fulfilled (compared case-insensitively)
FULFILLED_STATUS = "voldaan"
EK_COLUMNS = (
    "nummer",
    "titel",
    "tekst",
    "status",
    "deadline",
    "bewindspersoon",
    "ministerie",
    "commissie",
    "kamerstukken",
)
_REGISTER_TITLES = {
    Chamber.TK: "Toezeggingenregister Tweede Kamer",
    Chamber.EK: "Toezeggingenregister Eerste Kamer",
}


@dataclass(frozen=True, slots=True)
class Toezegging:
    """One commitment as a Chamber's register records it."""

    chamber: Chamber
    nummer: str
    tekst: str
    status: str
    due: dt.date | None
    ministerie: str
    bewindspersoon: str
    functie: str
    toegezegd_aan: str
    #: register keys of the dossiers it belongs to ("32824"); empty when the register names none
    dossiers: tuple[str, ...]
    kamerbrief_nakoming: str = ""
    herhaling_van: str = ""
    wijziging_van: str = ""
    aanvulling_op: str = ""
    #: the committee the register names ("vaste commissie voor Sociale Zaken en Werkgelegenheid");
    #: empty when it names none
    commissie: str = ""

    @property
    def key(self) -> str:
        """The key of the toezegging in the register: "tk:TZ201312-101"."""
        return f"{self.chamber.value}:{self.nummer}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing a register did."""

    read: int
    new: int
    updated: int
    #: toezeggingen linked to a written commitment that says the same
    linked: int
    #: toezeggingen that got an entry of their own
    own: int
    #: one line per record that could not be read; the others were imported
    problems: tuple[str, ...]
    #: toezeggingen shown in the entry of the toezegging they repeat or change (IsHerhalingVan,
    #: IsWijzigingVan)
    repeats: int = 0


def register_document_id(chamber: Chamber) -> str:
    """The id of the document that stands for a Chamber's register: "toezeggingen-tk"."""
    return f"toezeggingen-{chamber.value}"


# --- reading ---------------------------------------------------------------------------------------


def _date(value: object) -> dt.date | None:
    text = str(value or "").strip()[:10]
    if not text:
        return None
    return dt.date.fromisoformat(text)


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _dossier_keys(values: Iterable[str]) -> tuple[str, ...]:
    keys: list[str] = []
    for value in values:
        if value.strip():
            key = dossier_query_key(value.strip())
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def toezegging_from_odata(entity: dict[str, Any]) -> Toezegging:
    """A Tweede Kamer ``Toezegging`` entity as a :class:`Toezegging`.

    Raises:
        ValueError: the entity has no number or text, or a malformed date.
    """
    nummer, tekst = _text(entity.get("Nummer")), _text(entity.get("Tekst"))
    if not nummer or not tekst:
        raise ValueError("a Toezegging without Nummer or Tekst")
    dossiers: list[str] = []
    activiteit = entity.get("Activiteit")
    zaken = activiteit.get("Zaak") if isinstance(activiteit, dict) else None
    for zaak in zaken if isinstance(zaken, list) else []:
        for dossier in zaak.get("Kamerstukdossier") or [] if isinstance(zaak, dict) else []:
            if isinstance(dossier, dict) and dossier.get("Nummer"):
                suffix = _text(dossier.get("Toevoeging"))
                dossiers.append(f"{dossier['Nummer']}-{suffix}" if suffix else str(dossier["Nummer"]))
    kamerbrief = _text(entity.get("KamerbriefNakoming"))
    if not dossiers:
        dossiers.extend(_cited_dossiers(kamerbrief))
    name = _text(entity.get("Naam"))
    initials = _text(entity.get("Initialen"))
    recipient = _text(entity.get("ToegezegdAan"))
    lead = _text(activiteit.get("Voortouwnaam")) if isinstance(activiteit, dict) else ""
    # "ToegezegdAan" names the committee ("Commissie voor Sociale Zaken ...") or a member ("Lid Jasper")
    named = recipient if recipient.lower().startswith(("commissie", "vaste commissie")) else ""
    return Toezegging(
        chamber=Chamber.TK,
        nummer=nummer,
        tekst=tekst,
        status=_text(entity.get("Status")),
        due=_date(entity.get("DatumNakoming")),
        ministerie=_text(entity.get("Ministerie")),
        bewindspersoon=f"{initials} {name}".strip(),
        functie=_text(entity.get("Functie")),
        toegezegd_aan=recipient,
        dossiers=_dossier_keys(dossiers),
        kamerbrief_nakoming=kamerbrief,
        herhaling_van=_text(entity.get("IsHerhalingVan")),
        wijziging_van=_text(entity.get("IsWijzigingVan")),
        aanvulling_op=_text(entity.get("IsAanvullingOp")),
        commissie=lead or named,
    )


def _cited_dossiers(citation: str) -> list[str]:
    """The dossiers of the Kamerstukken a text cites ("Kamerstuk 32 824, nr. 49" → "32824").

    A toezegging whose debate names no dossier is placed in the dossier of the letter that fulfils
    it, so that it can be matched to the written commitments there.
    """
    if not citation:
        return []
    found: list[str] = []
    for reference in _kamerstuk_references(citation):
        parts = parse_kamerstuk_id(reference)
        key = dossier_key(parts.dossier, parts.suffix)
        if key not in found:
            found.append(key)
    return found


def _kamerstuk_references(text: str) -> list[str]:
    """The Kamerstuk ids a short text cites, in order."""
    from beleidsmonitor.extract.references import find_references

    sentence = Sentence(span=Span(0, len(text)), text=text, part=Part.LETTER, paragraph=0, section=-1)
    return [r.id for r in find_references(text, (sentence,)) if r.kind is ReferenceKind.KAMERSTUK and r.id]


def read_tk_entities(entities: Iterable[dict[str, Any]], source: str) -> tuple[list[Toezegging], list[str]]:
    """Toezeggingen from OData entities (deleted ones skipped); one problem line per bad entity."""
    items: list[Toezegging] = []
    problems: list[str] = []
    for number, entity in enumerate(entities, start=1):
        if entity.get("Verwijderd", False):
            continue
        try:
            items.append(toezegging_from_odata(entity))
        except (ValueError, TypeError, AttributeError) as exc:
            problems.append(f"{source}: Toezegging {entity.get('Nummer') or number}: {exc}")
    return items, problems


def _entities_of(data: object) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        if isinstance(data.get("value"), list):
            yield from (e for e in data["value"] if isinstance(e, dict))
        else:
            yield data
    elif isinstance(data, list):
        for item in data:
            yield from _entities_of(item)


def read_ek_csv(text: str, source: str) -> tuple[list[Toezegging], list[str]]:
    """Toezeggingen from the Eerste Kamer CSV (columns :data:`EK_COLUMNS`); one problem line per bad row.

    Raises:
        RegisterError: R010 when the header lacks a column.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in EK_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RegisterError(Code.R010, f"{source}: the CSV header lacks {', '.join(missing)}")
    items: list[Toezegging] = []
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        try:
            nummer, tekst = _text(row["nummer"]), _text(row["tekst"]) or _text(row["titel"])
            if not nummer or not tekst:
                raise ValueError("no nummer or tekst")
            items.append(
                Toezegging(
                    chamber=Chamber.EK,
                    nummer=nummer,
                    tekst=tekst,
                    status=_text(row["status"]),
                    due=_date(row["deadline"]),
                    ministerie=_text(row["ministerie"]),
                    bewindspersoon=_text(row["bewindspersoon"]),
                    functie="",
                    toegezegd_aan=_text(row["commissie"]),
                    dossiers=_dossier_keys((row["kamerstukken"] or "").split(";")),
                    commissie=_text(row["commissie"]),
                )
            )
        except ValueError as exc:
            problems.append(f"{source}: line {line}: {exc}")
    return items, problems


def read_register_file(path: Path) -> tuple[list[Toezegging], list[str]]:
    """Toezeggingen from a file: Tweede Kamer OData JSON, or the Eerste Kamer CSV.

    Raises:
        RegisterError: R010 when the file cannot be read or is neither form.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegisterError(Code.R010, f"{path}: {exc}") from None
    if text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise RegisterError(Code.R010, f"{path}: not valid JSON ({exc})") from None
        return read_tk_entities(_entities_of(data), str(path))
    return read_ek_csv(text, str(path))


# --- matching and storing -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    id: int
    stems: frozenset[str]
    due_start: dt.date | None
    due_end: dt.date | None


class Matcher:
    """Scores toezeggingen against written commitments (see the module docstring)."""

    def __init__(self, stem_sets: Iterable[frozenset[str]]) -> None:
        frequency: dict[str, int] = {}
        count = 0
        for stems in stem_sets:
            count += 1
            for stem in stems:
                frequency[stem] = frequency.get(stem, 0) + 1
        self._frequency = frequency
        self._count = count

    def weight(self, stem: str) -> float:
        """The inverse document frequency of a stem."""
        return math.log((self._count + 1) / (self._frequency.get(stem, 0) + 1))

    def text_score(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Dice overlap of two stem sets."""
        total = sum(self.weight(s) for s in a) + sum(self.weight(s) for s in b)
        return 2 * sum(self.weight(s) for s in a & b) / total if total else 0.0

    @staticmethod
    def time_factor(due: dt.date | None, start: dt.date | None, end: dt.date | None) -> float:
        """1.0 when the official date lies in the written deadline (or shortly after), 0.7 unknown, 0.4 not."""
        if due is None or start is None:
            return 0.7
        return 1.0 if start <= due <= (end or dt.date.max - _LATE_AGREEMENT) + _LATE_AGREEMENT else 0.4


def _fulfilling_document(session: Session, citation: str) -> str | None:
    """The stored Kamerstuk a ``KamerbriefNakoming`` text cites, if the register holds it."""
    if not citation:
        return None
    for reference in _kamerstuk_references(citation):
        if session.get(DocumentRow, reference) is not None:
            return reference
    return None


def _register_document(session: Session, chamber: Chamber, source: str) -> str:
    doc_id = register_document_id(chamber)
    if session.get(DocumentRow, doc_id) is None:
        session.add(
            DocumentRow(
                id=doc_id,
                dossier="",
                title=_REGISTER_TITLES[chamber],
                doc_type="toezeggingenregister",
                sha256=hashlib.sha256(doc_id.encode("utf-8")).hexdigest(),
                source_path=source,
                format="json" if chamber is Chamber.TK else "csv",
                clean_text="",
                structure={},
                ingested_at=dt.datetime.now(dt.UTC),
            )
        )
        session.flush()
    return doc_id


def import_toezeggingen(
    register: Register, items: Iterable[Toezegging], source: str, problems: Iterable[str] = ()
) -> ImportResult:
    """Store a register's toezeggingen beside the written commitments, in one transaction.

    Args:
        register: the register.
        items: the toezeggingen read from a file or a service.
        source: the file or address they came from (kept on the register's document).
        problems: lines about records that could not be read, passed through to the result.

    Returns:
        Counts of what was added, updated, linked to written commitments or given an entry.

    Raises:
        RegisterError: R002 when the database fails; nothing is then stored.
    """
    # oldest number first, so that a repeat or change finds the toezegging it refers to
    todo = sorted({t.key: t for t in items}.values(), key=lambda t: (t.chamber.value, t.nummer))
    sessions = db.session_factory(register.engine)
    new = updated = linked = own = repeats = 0
    touched: set[int] = set()
    try:
        with sessions.begin() as session:
            taken = {cid for cid in session.scalars(select(ToezeggingRow.commitment_id)) if cid is not None}
            candidates = _candidates(session, todo)
            matcher = Matcher(
                [content_stems(t.tekst) for t in todo]
                + [c.stems for group in candidates.values() for c in group]
            )
            for item in todo:
                row = session.scalar(select(ToezeggingRow).where(ToezeggingRow.key == item.key))
                if row is None:
                    row = ToezeggingRow(
                        key=item.key, chamber=item.chamber.value, nummer=item.nummer, match_score=0.0
                    )
                    session.add(row)
                    new += 1
                else:
                    updated += 1
                _fill(row, item)
                entry = (
                    session.get(CommitmentRow, row.commitment_id) if row.commitment_id is not None else None
                )
                earlier = _earlier_entry(session, row, item)
                written = _link_written(session, row, item, entry, candidates, matcher, taken)
                if written is not None:
                    linked += 1
                    entry = written
                if earlier is not None and earlier is not entry:
                    entry = _join_repeat(session, row, entry, earlier)
                    repeats += 1
                    taken.add(entry.id)
                elif entry is None:
                    entry = _own_entry(session, item, _register_document(session, item.chamber, source))
                    own += 1
                    session.flush()
                    row.commitment_id = entry.id
                    taken.add(entry.id)
                session.flush()
                # an entry shows its newest toezegging: a repeat or change, once imported, over what it repeats
                latest = _latest_toezegging(session, entry.id)
                shown = item if latest is None else _item_of(latest)
                entry.official_number = shown.nummer
                entry.official_status = shown.status
                if entry.source != "written":
                    _update_own_entry(entry, shown)
                if shown.status.casefold() == FULFILLED_STATUS and not _has_fulfilment(session, entry.id):
                    _mark_fulfilled(session, entry, shown, source)
                touched.add(entry.id)
            session.flush()
            denormalise(session, touched)
    except SQLAlchemyError as exc:
        raise RegisterError(Code.R002, f"{source}: {exc}") from exc
    logger.info(
        "%s: %d toezeggingen, %d new, %d linked, %d own entries, %d repeats joined",
        source, len(todo), new, linked, own, repeats,
    )  # fmt: skip
    return ImportResult(len(todo), new, updated, linked, own, tuple(problems), repeats)


def link_registered(register: Register, documents: Iterable[str] | None = None) -> int:
    """Join toezeggingen that have an entry of their own to the written commitments stored since.

    A register imported before the letter that states the same promise gave that toezegging an entry
    of its own; once the letter is stored, the promise would be listed twice. Each such toezegging
    is scored against the written commitments of its dossier as on import (module docstring); when
    one matches, the written entry takes the official number and status (and, for "voldaan", the
    fulfilment link) and the register's own entry is removed, so the promise is listed once.

    Args:
        register: the register.
        documents: the documents just stored: only toezeggingen of their dossiers are looked at;
            all when None.

    Returns:
        How many toezeggingen were joined to a written commitment.

    Raises:
        RegisterError: R003 when the register stays locked, R002 when the database fails; nothing
            is then changed.
    """
    wanted = None if documents is None else sorted(set(documents))

    def link(session: Session) -> int:
        query = (
            select(ToezeggingRow)
            .join(CommitmentRow, CommitmentRow.id == ToezeggingRow.commitment_id)
            .where(CommitmentRow.source != "written", ToezeggingRow.dossier != "")
            .order_by(ToezeggingRow.id)
        )
        dossiers: set[str] = set()
        if wanted is not None:
            dossiers = {
                d for d in session.scalars(select(DocumentRow.dossier).where(DocumentRow.id.in_(wanted)))
            }
            query = query.where(ToezeggingRow.dossier.in_(sorted(dossiers - {""})))
        rows = list(session.scalars(query))
        restore_fulfilments(session, None if wanted is None else dossiers)
        if not rows:
            return 0
        items = [_item_of(row) for row in rows]
        taken = {cid for cid in session.scalars(select(ToezeggingRow.commitment_id)) if cid is not None}
        candidates = _candidates(session, items)
        matcher = Matcher(
            [content_stems(t.tekst) for t in items]
            + [c.stems for group in candidates.values() for c in group]
        )
        joined = 0
        for row, item in zip(rows, items, strict=True):
            entry = session.get(CommitmentRow, row.commitment_id)
            written = _link_written(session, row, item, entry, candidates, matcher, taken)
            if written is None:
                continue
            joined += 1
            latest = _item_of(_latest_toezegging(session, written.id) or row)
            written.official_number = latest.nummer
            written.official_status = latest.status
            if latest.status.casefold() == FULFILLED_STATUS and not _has_fulfilment(session, written.id):
                _mark_fulfilled(session, written, latest, "")
            session.flush()
            denormalise(session, [written.id])
        if joined:
            logger.info("%d toezeggingen joined to written commitments stored since their import", joined)
        return joined

    try:
        return register.write(link, "toezeggingen")
    except SQLAlchemyError as exc:
        raise RegisterError(Code.R002, f"toezeggingen: {exc}") from exc


def restore_fulfilments(session: Session, dossiers: set[str] | None) -> int:
    """Give back their fulfilment to entries whose register says "voldaan" but that have none.

    The track stage replaces the fulfilment links of the letters it tracks (and all of them when it
    tracks the whole register), the register's among them; the register still says fulfilled, so
    the link is set again as on import (:func:`_mark_fulfilled`).

    Args:
        session: the write session.
        dossiers: only toezeggingen of these dossiers (those of the letters just tracked); all when None.

    Returns:
        How many fulfilments were set again.
    """
    query = select(ToezeggingRow).where(ToezeggingRow.commitment_id.is_not(None)).order_by(ToezeggingRow.id)
    if dossiers is not None:
        query = query.where(ToezeggingRow.dossier.in_(sorted(dossiers)))
    restored: list[int] = []
    for row in session.scalars(query):
        if row.status.casefold() != FULFILLED_STATUS or row.commitment_id is None:
            continue
        entry = session.get(CommitmentRow, row.commitment_id)
        if entry is None or _has_fulfilment(session, entry.id):
            continue
        _mark_fulfilled(session, entry, _item_of(row), "")
        restored.append(entry.id)
    if restored:
        session.flush()
        denormalise(session, restored)
        logger.info("%d register fulfilments set again after tracking", len(restored))
    return len(restored)


def _latest_toezegging(session: Session, commitment_id: int) -> ToezeggingRow | None:
    """The newest toezegging shown in an entry (a repeat or change is numbered after what it repeats)."""
    return session.scalar(
        select(ToezeggingRow)
        .where(ToezeggingRow.commitment_id == commitment_id)
        .order_by(ToezeggingRow.nummer.desc())
        .limit(1)
    )


def _drop_entry(session: Session, entry: CommitmentRow, keep: CommitmentRow) -> None:
    """Remove a register's own entry in favour of ``keep``: its toezeggingen and corrections go to
    ``keep``, its links go (a fulfilment is set again on ``keep`` by the caller)."""
    session.execute(
        update(ToezeggingRow).where(ToezeggingRow.commitment_id == entry.id).values(commitment_id=keep.id)
    )
    for link in session.scalars(select(LinkRow).where(LinkRow.commitment_id == entry.id)):
        session.delete(link)
    session.execute(
        update(CorrectionRow).where(CorrectionRow.commitment_key == entry.key).values(commitment_key=keep.key)
    )
    session.delete(entry)
    session.flush()


def _earlier_entry(session: Session, row: ToezeggingRow, item: Toezegging) -> CommitmentRow | None:
    """The entry of the toezegging this one repeats or changes (IsHerhalingVan, IsWijzigingVan), if stored.

    An addition (IsAanvullingOp) is a promise of its own and keeps its own entry.
    """
    for number in (item.herhaling_van, item.wijziging_van):
        if not number:
            continue
        other = session.scalar(
            select(ToezeggingRow).where(ToezeggingRow.key == f"{item.chamber.value}:{number}")
        )
        if other is not None and other.id != row.id and other.commitment_id is not None:
            return session.get(CommitmentRow, other.commitment_id)
    return None


def _join_repeat(
    session: Session, row: ToezeggingRow, entry: CommitmentRow | None, earlier: CommitmentRow
) -> CommitmentRow:
    """Show a repeat or change in one entry with the toezegging it refers to; returns that entry.

    A written entry is kept over a register's own one; of two written entries both stay (they are
    the extraction's, merged or not by register/merge.py) and the toezegging keeps its own.
    """
    if entry is None:
        row.commitment_id = earlier.id
        session.flush()
        return earlier
    if entry.source != "written":
        _drop_entry(session, entry, earlier)
        row.commitment_id = earlier.id
        session.flush()
        return earlier
    if earlier.source != "written":
        _drop_entry(session, earlier, entry)
        return entry
    return entry


def _item_of(row: ToezeggingRow) -> Toezegging:
    """A stored toezegging as read from its register (the first dossier only is kept)."""
    return Toezegging(
        chamber=Chamber(row.chamber),
        nummer=row.nummer,
        tekst=row.tekst,
        status=row.status,
        due=row.due,
        ministerie=row.ministerie,
        bewindspersoon=row.bewindspersoon,
        functie=row.functie,
        toegezegd_aan=row.toegezegd_aan,
        dossiers=(row.dossier,) if row.dossier else (),
        kamerbrief_nakoming=row.kamerbrief_nakoming,
        herhaling_van=row.herhaling_van,
        wijziging_van=row.wijziging_van,
        aanvulling_op=row.aanvulling_op,
        commissie=row.commissie,
    )


def _link_written(
    session: Session,
    row: ToezeggingRow,
    item: Toezegging,
    entry: CommitmentRow | None,
    candidates: dict[str, list[_Candidate]],
    matcher: Matcher,
    taken: set[int],
) -> CommitmentRow | None:
    """Link the toezegging to the written commitment that says the same, if any; None otherwise.

    Only a toezegging without an entry or with an entry of its own is matched (a link to a written
    commitment stays). The entry of its own, if any, is then removed: its links go (a fulfilment is
    set again on the written entry by the caller) and corrections made to it follow the promise.
    """
    if entry is not None and entry.source == "written":
        return None
    match, score = _written_match(item, candidates, matcher, taken)
    written = session.get(CommitmentRow, match) if match is not None else None
    if written is None:
        return None
    if entry is not None:
        _drop_entry(session, entry, written)
    row.commitment_id = written.id
    row.match_score = round(score, 4)
    taken.add(written.id)
    session.flush()
    return written


def _fill(row: ToezeggingRow, item: Toezegging) -> None:
    row.tekst = item.tekst
    row.status = item.status
    row.due = item.due
    row.ministerie = item.ministerie
    row.bewindspersoon = item.bewindspersoon
    row.functie = item.functie
    row.toegezegd_aan = item.toegezegd_aan
    row.dossier = item.dossiers[0] if item.dossiers else ""
    row.kamerbrief_nakoming = item.kamerbrief_nakoming
    row.herhaling_van = item.herhaling_van
    row.wijziging_van = item.wijziging_van
    row.aanvulling_op = item.aanvulling_op
    row.commissie = item.commissie
    row.imported_at = dt.datetime.now(dt.UTC)


def _candidates(session: Session, items: list[Toezegging]) -> dict[str, list[_Candidate]]:
    dossiers = sorted({d for item in items for d in item.dossiers})
    out: dict[str, list[_Candidate]] = {}
    if not dossiers:
        return out
    query = (
        select(
            CommitmentRow.id,
            CommitmentRow.dossier,
            CommitmentRow.quote,
            CommitmentRow.due_start,
            CommitmentRow.due_end,
        )
        .where(CommitmentRow.dossier.in_(dossiers), CommitmentRow.source == "written")
        .order_by(CommitmentRow.id)
    )
    for cid, dossier, quote, start, end in session.execute(query).all():
        out.setdefault(dossier, []).append(_Candidate(cid, content_stems(quote), start, end))
    return out


def _written_match(
    item: Toezegging, candidates: dict[str, list[_Candidate]], matcher: Matcher, taken: set[int]
) -> tuple[int | None, float]:
    stems = content_stems(item.tekst)
    best: tuple[int | None, float] = (None, 0.0)
    for dossier in item.dossiers:
        for candidate in candidates.get(dossier, []):
            if candidate.id in taken:
                continue
            score = matcher.text_score(stems, candidate.stems) * matcher.time_factor(
                item.due, candidate.due_start, candidate.due_end
            )
            if score >= MATCH_THRESHOLD and score > best[1]:
                best = (candidate.id, score)
    return best


def _own_entry(session: Session, item: Toezegging, document_id: str) -> CommitmentRow:
    entry = CommitmentRow(
        key=item.key,
        dossier=item.dossiers[0] if item.dossiers else "",
        kind=CommitmentKind.INFORM_PARLIAMENT.value,
        quote=item.tekst,
        actor=item.bewindspersoon or item.functie,
        object="",
        recipient=item.toegezegd_aan,
        due_start=item.due,
        due_end=item.due,
        time_text=None,
        section="",
        topic_path=[],
        part=Part.LETTER.value,
        confidence=1.0,
        evidence=["official_register"],
        first_document_id=document_id,
        fulfilled_quote="",
        fulfilled_confidence=0.0,
        source=item.chamber.value,
        official_number=item.nummer,
        official_status=item.status,
    )
    session.add(entry)
    session.flush()
    session.add(
        StatusChangeRow(
            commitment_id=entry.id,
            document_id=document_id,
            on=None,
            event="registered",
            status=Status.OPEN.value,
            note=f"{_REGISTER_TITLES[item.chamber]}: {item.nummer}",
        )
    )
    return entry


def _update_own_entry(entry: CommitmentRow, item: Toezegging) -> None:
    """A re-import brings the register's current text and date to the entry made for it."""
    entry.quote = item.tekst
    entry.due_start = entry.due_end = item.due
    entry.recipient = item.toegezegd_aan


def _has_fulfilment(session: Session, commitment_id: int) -> bool:
    query = select(LinkRow.id).where(
        LinkRow.commitment_id == commitment_id, LinkRow.relation == LinkRelation.FULFILS.value
    )
    return session.scalar(query.limit(1)) is not None


def _mark_fulfilled(session: Session, entry: CommitmentRow, item: Toezegging, source: str) -> None:
    """A fulfilment link: to the letter the register cites when it is stored, else to the register."""
    letter = _fulfilling_document(session, item.kamerbrief_nakoming)
    by = letter or _register_document(session, item.chamber, source)
    quote = item.kamerbrief_nakoming or f"{_REGISTER_TITLES[item.chamber]} {item.nummer}: {item.status}"
    on = session.scalar(select(DocumentRow.date).where(DocumentRow.id == by)) if letter else None
    session.add(
        LinkRow(
            commitment_id=entry.id,
            document_id=by,
            relation=LinkRelation.FULFILS.value,
            evidence=(EvidenceKind.CITED if letter else EvidenceKind.MANUAL).value,
            quote=quote,
            sentence=-1,
            start=0,
            end=0,
            source_start=0,
            source_end=0,
            on=on,
            confidence=1.0,
            cites=item.kamerbrief_nakoming or f"{item.chamber.value}:{item.nummer}",
            due_start=None,
            due_end=None,
            time_text=None,
        )
    )
