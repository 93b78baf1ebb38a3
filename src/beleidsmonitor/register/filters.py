"""Filter values as people write them → the values the register keeps.

A ministry may be given by its abbreviation ("szw"), its name ("Sociale Zaken en Werkgelegenheid")
or the start of it ("Sociale Zaken"), in any case; a bewindspersoon by name in any case, with or
without initials ("Asscher", "L.F. Asscher"). A value that names nothing in the register, or more
than one thing, is an error that lists the valid values: a filter never silently returns nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from beleidsmonitor.normalise.identifiers import ministry_abbreviation, ministry_names
from beleidsmonitor.register.schema import DocumentRow
from beleidsmonitor.register.store import Register


class FilterError(ValueError):
    """A filter value names nothing (or several things) in the register; the message lists the valid ones."""


@dataclass(frozen=True, slots=True)
class Choices:
    """The ministries and bewindspersonen the register's documents name."""

    #: ministry abbreviation → its short name ("" when the gazetteer does not know it)
    ministries: dict[str, str]
    #: bewindspersoon → function, as the signatures print them
    people: dict[str, str]


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def register_choices(register: Register) -> Choices:
    """The ministries and signing bewindspersonen of the register's documents.

    The database gives each different list of signatories once (in the order first stored), so a
    register of many letters by few people decodes a few lists, not one per letter.
    """
    names = ministry_names()
    signed = cast(DocumentRow.signatories, Text)
    distinct = select(signed).group_by(signed).order_by(func.min(DocumentRow.ingested_at), signed)
    with Session(register.engine) as session:
        ministries = sorted({m for m in session.scalars(select(DocumentRow.ministry).distinct()) if m})
        signatures = [json.loads(text) for text in session.scalars(distinct) if text]
    people: dict[str, str] = {}
    for signed in signatures:
        for person in signed or []:
            if person.get("name"):
                people.setdefault(person["name"], person.get("role", ""))
    return Choices({m: names.get(m, "") for m in ministries}, dict(sorted(people.items())))


def _listing(values: dict[str, str]) -> str:
    return ", ".join(f"{k} ({v})" if v else k for k, v in values.items()) or "(geen)"


def resolve_ministry(text: str, choices: Choices) -> str:
    """The abbreviation of the ministry ``text`` names, as the register keeps it.

    Raises:
        FilterError: no ministry of the register, or more than one, matches ``text``.
    """
    key = _key(text)
    for abbreviation in choices.ministries:
        if _key(abbreviation) == key:
            return abbreviation
    known = ministry_abbreviation(text)
    if known in choices.ministries:
        return known
    starts = [a for a, name in choices.ministries.items() if name and _key(name).startswith(key)]
    if len(starts) == 1:
        return starts[0]
    if not key or len(starts) > 1:
        raise FilterError(f"ministerie {text!r} is niet eenduidig; kies uit: {_listing(choices.ministries)}")
    raise FilterError(f"geen ministerie {text!r} in het register; kies uit: {_listing(choices.ministries)}")


def resolve_bewindspersoon(text: str, choices: Choices) -> str:
    """The name of the bewindspersoon ``text`` names, as the signatures print it.

    Raises:
        FilterError: no signing bewindspersoon of the register, or more than one, matches ``text``.
    """
    key = _key(text)
    exact = [name for name in choices.people if _key(name) == key]
    if exact:
        return exact[0]
    surname = [
        name for name in choices.people if _key(name).endswith(" " + key) or _key(name).endswith("." + key)
    ]
    if len(surname) == 1:
        return surname[0]
    problem = "is niet eenduidig" if surname else "staat niet in het register"
    raise FilterError(f"bewindspersoon {text!r} {problem}; kies uit: {_listing(choices.people)}")
