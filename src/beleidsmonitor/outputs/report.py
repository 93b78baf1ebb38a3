"""A progress report per dossier in the shape of a voortgangsbrief annex, as Markdown or HTML.

Layout: the title and as-of date; a summary table with the commitments per status, per theme and in
total; the overdue commitments; then per theme → topic the measures with their state and the
commitments with their deadline and status. Input is a :class:`DossierOverview` from
register/overview.py, whose statuses the store computed; this module only writes them out. Every
text from a document is escaped: Markdown table cells get their pipes and line breaks neutralised,
HTML goes through :func:`markupsafe.escape`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum

from markupsafe import Markup

from beleidsmonitor.outputs.labels import (
    due_label,
    kind_label,
    measure_label,
    nl_date,
    part_label,
    status_label,
)
from beleidsmonitor.register.overview import DossierOverview, StatusCounts
from beleidsmonitor.register.store import CommitmentRecord
from beleidsmonitor.vocab import Status


class ReportFormat(StrEnum):
    """The formats a report can be written in."""

    MARKDOWN = "md"
    HTML = "html"


def _title(overview: DossierOverview) -> str:
    name = overview.title or "dossier"
    if not name.lower().startswith("voortgang"):
        name = f"Voortgang {name}"
    return f"{name} (dossier {overview.dossier})"


def _inferred_note(overview: DossierOverview) -> list[str]:
    """A line naming the documents whose date was inferred: the deadlines they anchor may be off."""
    if not overview.inferred_dates:
        return []
    named = ", ".join(f"{doc_id} ({nl_date(day)})" for doc_id, day in overview.inferred_dates)
    return [
        "",
        f"Datum afgeleid uit de tekst, niet gedrukt: {named}; "
        "termijnen als “eind dit jaar” in die brieven hangen ervan af.",
    ]


def _deadline(c: CommitmentRecord) -> str:
    text = due_label(c.due)
    return f"{text} (“{c.time_text}”)" if c.time_text else text


def _cell(value: str) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(value.split()).replace("\\", "\\\\").replace("|", "\\|")


def _md_counts_row(label: str, counts: StatusCounts) -> str:
    values = " | ".join(str(counts.get(s)) for s in Status)
    return f"| {_cell(label)} | {values} | {counts.total} |"


def _md_commitments(items: Sequence[CommitmentRecord]) -> Iterator[str]:
    yield "| Nr. | Toezegging | Soort | Termijn | Status |"
    yield "|---:|---|---|---|---|"
    for c in items:
        yield (
            f"| {c.id} | {_cell(c.quote)} | {kind_label(c.kind)} | {_cell(_deadline(c))} "
            f"| {status_label(c.status)} |"
        )


def report_markdown(overview: DossierOverview) -> str:
    """The report as Markdown (GitHub-flavoured tables)."""
    status_heads = " | ".join(status_label(s) for s in Status)
    lines = [
        f"# {_title(overview)}",
        "",
        f"Stand per {nl_date(overview.as_of)}. Documenten: {', '.join(overview.document_ids)}.",
        *_inferred_note(overview),
        "",
        "## Samenvatting",
        "",
        f"| Thema | {status_heads} | totaal |",
        "|---|" + "---:|" * (len(Status) + 1),
    ]
    lines += [_md_counts_row(t.theme, t.counts) for t in overview.themes]
    lines += [_md_counts_row("**Totaal**", overview.counts), "", "## Verlopen toezeggingen", ""]
    if overview.overdue:
        lines += list(_md_commitments(overview.overdue))
    else:
        lines.append("Geen verlopen toezeggingen.")
    lines += ["", "## Voortgang per thema"]
    for theme in overview.themes:
        lines += ["", f"### {theme.theme}"]
        for topic in theme.topics:
            if topic.topic:
                lines += ["", f"#### {topic.topic}"]
            if topic.measures:
                lines += ["", "Maatregelen:", ""]
                lines += [
                    f"- {m.heading} ({part_label(m.part)}): {measure_label(m.state)}" for m in topic.measures
                ]
            if topic.commitments:
                lines += ["", *_md_commitments(topic.commitments)]
    return "\n".join(lines) + "\n"


_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #1d232b; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d8dee6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.st-open { color: #2f6fb3; } .st-due { color: #b7791f; } .st-overdue { color: #c0392b; font-weight: 600; }
.st-fulfilled { color: #2e8540; }
"""


def _html_commitments(items: Sequence[CommitmentRecord]) -> Markup:
    rows = Markup("").join(
        Markup(
            '<tr><td class="n">{}</td><td>{}</td><td>{}</td><td>{}</td><td class="st-{}">{}</td></tr>'
        ).format(c.id, c.quote, kind_label(c.kind), _deadline(c), c.status.value, status_label(c.status))
        for c in items
    )
    return Markup(
        "<table><thead><tr><th>Nr.</th><th>Toezegging</th><th>Soort</th><th>Termijn</th><th>Status</th>"
        "</tr></thead><tbody>{}</tbody></table>"
    ).format(rows)


def _html_counts_row(label: str, counts: StatusCounts) -> Markup:
    cells = Markup("").join(Markup('<td class="n">{}</td>').format(counts.get(s)) for s in Status)
    return Markup('<tr><th scope="row">{}</th>{}<td class="n">{}</td></tr>').format(
        label, cells, counts.total
    )


def report_html(overview: DossierOverview) -> str:
    """The report as one self-contained HTML page (styles inline, no scripts)."""
    heads = Markup("").join(Markup("<th>{}</th>").format(status_label(s)) for s in Status)
    summary = Markup("").join(_html_counts_row(t.theme, t.counts) for t in overview.themes)
    summary += _html_counts_row("Totaal", overview.counts)
    body: list[Markup] = [
        Markup("<h1>{}</h1>").format(_title(overview)),
        Markup("<p>Stand per {}. Documenten: {}.</p>").format(
            nl_date(overview.as_of), ", ".join(overview.document_ids)
        ),
        *(Markup("<p><em>{}</em></p>").format(line) for line in _inferred_note(overview) if line),
        Markup(
            "<h2>Samenvatting</h2><table><thead><tr><th>Thema</th>{}<th>totaal</th></tr></thead>"
            "<tbody>{}</tbody></table>"
        ).format(heads, summary),
        Markup("<h2>Verlopen toezeggingen</h2>"),
        _html_commitments(overview.overdue)
        if overview.overdue
        else Markup("<p>Geen verlopen toezeggingen.</p>"),
        Markup("<h2>Voortgang per thema</h2>"),
    ]
    for theme in overview.themes:
        body.append(Markup("<h3>{}</h3>").format(theme.theme))
        for topic in theme.topics:
            if topic.topic:
                body.append(Markup("<h4>{}</h4>").format(topic.topic))
            if topic.measures:
                items = Markup("").join(
                    Markup("<li>{} ({}): {}</li>").format(
                        m.heading, part_label(m.part), measure_label(m.state)
                    )
                    for m in topic.measures
                )
                body.append(Markup("<p>Maatregelen:</p><ul>{}</ul>").format(items))
            if topic.commitments:
                body.append(_html_commitments(topic.commitments))
    page = Markup(
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>{}</title><style>{}</style>'
        "</head><body>{}</body></html>\n"
    ).format(_title(overview), Markup(_STYLE), Markup("\n").join(body))
    return str(page)


def render_report(overview: DossierOverview, format: ReportFormat) -> str:
    """The report in ``format``."""
    return report_markdown(overview) if format is ReportFormat.MARKDOWN else report_html(overview)


__all__ = ["ReportFormat", "render_report", "report_html", "report_markdown"]
