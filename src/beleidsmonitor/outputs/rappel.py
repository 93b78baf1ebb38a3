"""The rappel written out: Markdown, a self-contained HTML page, and rows for CSV and Excel.

Input is a :class:`Rappel` from register/rappel.py; this module only writes it, in Dutch. Every text
from a document is escaped (Markdown cells neutralise pipes and line breaks; HTML goes through
markupsafe).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from beleidsmonitor.outputs.labels import commitment_subject, field_label, nl_date
from beleidsmonitor.outputs.links import official_url
from beleidsmonitor.outputs.xlsx import Sheet, sheets_to_xlsx
from beleidsmonitor.register.rappel import Rappel, days_overdue

#: the columns of the rappel as a table, in order (headings from labels.toml [field])
COLUMNS = (
    "ministry",
    "committee",
    "bewindspersoon",
    "functie",
    "id",
    "dossier",
    "quote",
    "due_end",
    "days_overdue",
    "first_document_id",
    "first_document_date",
    "url",
)


def _title(rappel: Rappel) -> str:
    return f"Rappel toezeggingen per {nl_date(rappel.as_of)}"


def _intro(rappel: Rappel) -> str:
    if not rappel.count:
        return "Geen toezeggingen over hun termijn."
    noun = "toezegging" if rappel.count == 1 else "toezeggingen"
    return (
        f"{rappel.count} {noun} over hun termijn, per ministerie en bewindspersoon; "
        "de langst verlopen termijn eerst."
    )


def rappel_rows(rappel: Rappel) -> Iterator[list[Any]]:
    """One row of :data:`COLUMNS` per overdue commitment (dates as dates)."""
    for ministry in rappel.ministries:
        for person in ministry.people:
            for c in person.commitments:
                yield [
                    ministry.name,
                    ministry.committee,
                    person.bewindspersoon,
                    person.functie,
                    c.id,
                    c.dossier,
                    c.quote,
                    c.due.end if c.due else None,
                    days_overdue(c, rappel.as_of),
                    c.first_document_id,
                    c.first_document_date,
                    official_url(c.first_document_id),
                ]


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("\\", "\\\\").replace("|", "\\|")


def rappel_markdown(rappel: Rappel) -> str:
    """The rappel as Markdown: a section per ministry, a table per bewindspersoon."""
    lines = [f"# {_title(rappel)}", "", _intro(rappel)]
    for ministry in rappel.ministries:
        lines += ["", f"## {ministry.name} ({ministry.count})"]
        if ministry.committee:
            lines += ["", f"Commissie (afgeleid van het ministerie): {ministry.committee}."]
        for person in ministry.people:
            who = f"{person.bewindspersoon}, {person.functie}" if person.functie else person.bewindspersoon
            lines += ["", f"### {who} ({len(person.commitments)})", ""]
            lines += ["| Nr. | Toezegging | Uiterlijk | Dagen over termijn | Dossier | Brief |"]
            lines += ["|---:|---|---|---:|---|---|"]
            for c in person.commitments:
                lines.append(
                    f"| {c.id} | {_cell(commitment_subject(c))} | {nl_date(c.due.end if c.due else None)} "
                    f"| {days_overdue(c, rappel.as_of)} | {c.dossier} | {c.first_document_id} |"
                )
    return "\n".join(lines) + "\n"


_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #1d232b; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d8dee6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
"""


def rappel_html(rappel: Rappel) -> str:
    """The rappel as one self-contained HTML page (styles inline, no scripts)."""
    body: list[Markup] = [Markup("<h1>{}</h1><p>{}</p>").format(_title(rappel), _intro(rappel))]
    for ministry in rappel.ministries:
        body.append(Markup("<h2>{} ({})</h2>").format(ministry.name, ministry.count))
        if ministry.committee:
            body.append(
                Markup("<p>Commissie (afgeleid van het ministerie): {}.</p>").format(ministry.committee)
            )
        for person in ministry.people:
            rows = Markup("").join(
                Markup(
                    '<tr><td class="n">{}</td><td>{}</td><td>{}</td><td class="n">{}</td><td>{}</td>'
                    '<td><a href="{}">{}</a></td></tr>'
                ).format(
                    c.id,
                    c.quote,
                    nl_date(c.due.end if c.due else None),
                    days_overdue(c, rappel.as_of),
                    c.dossier,
                    official_url(c.first_document_id),
                    c.first_document_id,
                )
                for c in person.commitments
            )
            body.append(
                Markup(
                    "<h3>{} {}</h3><table><thead><tr><th>Nr.</th><th>Toezegging</th><th>Uiterlijk</th>"
                    "<th>Dagen over termijn</th><th>Dossier</th><th>Brief</th></tr></thead><tbody>{}</tbody></table>"
                ).format(person.bewindspersoon, person.functie, rows)
            )
    page = Markup(
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>{}</title><style>{}</style>'
        "</head><body>{}</body></html>\n"
    ).format(_title(rappel), Markup(_STYLE), Markup("\n").join(body))
    return str(page)


def rappel_csv(rappel: Rappel, dutch_excel: bool = False) -> str:
    """The rappel as CSV with Dutch headings; for Dutch Excel ";"-separated, dates DD-MM-JJJJ, with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if dutch_excel else ",")
    writer.writerow([field_label(c) for c in COLUMNS])
    for row in rappel_rows(rappel):
        writer.writerow(
            [
                ("" if v is None else v.strftime("%d-%m-%Y") if dutch_excel else v.isoformat())
                if isinstance(v, dt.date) or v is None
                else v
                for v in row
            ]
        )
    return ("\ufeff" if dutch_excel else "") + buffer.getvalue()


def rappel_xlsx(rappel: Rappel) -> bytes:
    """The rappel as an Excel workbook with one sheet "Rappel"."""
    rows = tuple(tuple("" if v is None else v for v in row) for row in rappel_rows(rappel))
    return sheets_to_xlsx([Sheet("Rappel", tuple(field_label(c) for c in COLUMNS), rows)])
