"""Follow every commitment across later letters: reads the register, writes its links.

:func:`follow_register` is the track stage. It reads the stored documents and commitments through
register/tracking.py, and links each commitment to what later documents say of it:

* fulfilment (whole or partial), with evidence by strength (track/fulfilment.py);
* a repeat: a later letter states the same promise again (register/merge.py merged the mention);
* a change: such a later mention states another deadline; the status then follows the newest
  deadline (``postponed`` with the old and the new date when it moved later);
* a repeat or change by a later promise of its own that promises part of this one again
  (track/fulfilment.py ``later_promise_links``).

Then it replaces the stored links in one transaction: after an ingest only the links the new
letters can change (their own, later letters of their dossiers, letters citing them), or all of
them (``beleidsmonitor track``). Either way the order in which letters were ingested does not
matter, and it may run again at any time: people's corrections name commitments and documents,
not links, and apply to the new links as to the old.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from beleidsmonitor.register.store import Register
from beleidsmonitor.register.tracking import (
    ProposedLink,
    TrackedCommitment,
    documents_after,
    later_mentions,
    letters_by_day,
    mark_tracked,
    read_commitments,
    read_documents,
    replace_links,
    untracked_documents,
)
from beleidsmonitor.track.fulfilment import dossier_of_citation as _dossier_of
from beleidsmonitor.track.fulfilment import find_links, later_promise_links, mention_link
from beleidsmonitor.vocab import EvidenceKind, LinkRelation

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TrackSummary:
    """What one run of the track stage linked."""

    documents: int
    commitments: int
    fulfilled: int
    partly: int
    repeats: int
    changes: int


def mention_links(commitment: TrackedCommitment) -> Iterator[ProposedLink]:
    """Repeats and changes: the first mention in each later document (register/tracking.py decides
    whether it moves the deadline then in force)."""
    for mention, moved in later_mentions(commitment.first_document_id, commitment.mentions):
        yield mention_link(commitment.id, mention, moved, EvidenceKind.MENTION, 1.0)


def follow_register(register: Register, documents: Iterable[str] | None = None) -> TrackSummary:
    """Link commitments to the later documents that fulfil, repeat or change them; store the links.

    Args:
        register: the register.
        documents: the documents just ingested: then only the links that they can change are
            computed again (their own, those of later letters of their dossiers and of letters that
            cite them), so that tracking after an ingest costs what the dossiers hold, not the
            register; every link when None. Stored documents that were never followed (an ingest
            stopped between storing and tracking) are followed with them.

    Returns:
        What this run linked (for ``documents``: the links it computed again).

    Raises:
        RegisterError: R002 when the database fails (the links stored before stay).
    """
    if documents is None:
        later = read_documents(register, sentences=False)
        commitments = read_commitments(register)
        mentioned = None
    else:
        new = frozenset(documents) | frozenset(untracked_documents(register))
        later = read_documents(register, documents_after(register, new), sentences=False)
        dossiers = {d.dossier for d in later} | {
            c for d in later for c in (_dossier_of(i) for i in d.cited_ids()) if c
        }
        # "": the Chambers' toezeggingen without a dossier, matched by subject and ministry
        commitments = read_commitments(register, dossiers | {""})
        mentioned = [c for c in commitments if any(m.document_id in new for m in c.mentions)]
    days = letters_by_day(register, {d.dossier for d in later} | {c.dossier for c in commitments})
    links: list[ProposedLink] = []
    for document in later:
        day = document.date
        if day is None:
            continue
        candidates = [
            c
            for c in commitments
            if c.first_document_id != document.id
            and ((c.first_document_date is not None and c.first_document_date < day) or c.registered_ministry)
        ]
        if candidates:  # a document's sentences are read when there is something to find in them
            [whole] = read_documents(register, [document.id])
            links.extend(find_links(whole, candidates, days))
    for commitment in commitments if mentioned is None else mentioned:
        links.extend(mention_links(commitment))
    if mentioned is None:
        links.extend(later_promise_links(commitments))
    else:
        # the pairs whose links are replaced: those of the commitments a new letter mentions, and
        # those made by a later promise in one of the later documents
        ids = frozenset(c.id for c in mentioned)
        links.extend(later_promise_links(commitments, ids, frozenset(d.id for d in later)))
    if documents is None:
        replace_links(register, links)
    else:
        replace_links(register, links, [d.id for d in later], [c.id for c in mentioned or ()])
    mark_tracked(register, None if documents is None else new)
    count = {relation: sum(1 for link in links if link.relation is relation) for relation in LinkRelation}
    summary = TrackSummary(
        len(later),
        len(commitments),
        count[LinkRelation.FULFILS],
        count[LinkRelation.PARTLY_FULFILS],
        count[LinkRelation.REPEATS],
        count[LinkRelation.CHANGES],
    )
    logger.info("tracked %s", summary)
    return summary
