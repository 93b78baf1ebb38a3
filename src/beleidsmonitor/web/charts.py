"""Charts as inline SVG, drawn on the server from counts the register computed (no script, no CDN).

* :func:`status_chart` — stacked columns: commitments per status on each day of an as-of series;
* :func:`bar_chart` — horizontal bars: a count per group (overdue per ministry, per dossier), each
  bar a link;
* :func:`month_chart` — columns: deadlines per month with the met part drawn over them.

Every bar carries ``data-count`` (and ``data-status`` or ``data-key``) and a Dutch ``<title>``
tooltip; every text is escaped by markupsafe. Colours come from the stylesheet's status classes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from beleidsmonitor.outputs.labels import MONTHS, nl_date, status_label
from beleidsmonitor.register.series import GroupCount, StatusPoint

WIDTH = 720
#: the bar charts stand two side by side: a narrower drawing keeps their text as large as the others'
BAR_WIDTH = 440
_LABEL = 110
_ROW = 22


def _month_label(key: str) -> str:
    """ "2014-06" → "jun 2014"."""
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1][:3]} {year}"


def _empty(text: str) -> Markup:
    return Markup('<p class="muted chart-empty">{}</p>').format(text)


def status_chart(points: Sequence[StatusPoint], caption: str) -> Markup:
    """Stacked columns of the counts per status on each day of ``points`` (oldest left)."""
    if not points or not any(p.total for p in points):
        return _empty("Nog geen toezeggingen in deze periode.")
    top, bottom, left = 16, 34, 34
    height = 220
    plot_h = height - top - bottom
    highest = max(p.total for p in points)
    step = (WIDTH - left - 10) / len(points)
    width = max(step * 0.7, 4.0)
    parts = [
        Markup(
            '<svg class="chart status-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
            'width="100%" role="img" aria-label="{caption}">'
        ).format(w=WIDTH, h=height, caption=caption),
        Markup('<text class="axis-label" x="2" y="{y}">{n}</text>').format(y=top + 4, n=highest),
        Markup('<text class="axis-label" x="2" y="{y}">0</text>').format(y=top + plot_h),
    ]
    for i, point in enumerate(points):
        x = left + i * step + (step - width) / 2
        y = float(top + plot_h)
        for status, count in point.counts:
            if not count:
                continue
            h = plot_h * count / highest
            y -= h
            parts.append(
                Markup(
                    '<rect class="seg st-{s}" data-day="{day}" data-status="{s}" data-count="{n}" '
                    'x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}">'
                    "<title>{label}: {n} op {date}</title></rect>"
                ).format(
                    s=status.value,
                    day=point.day.isoformat(),
                    n=count,
                    x=x,
                    y=y,
                    w=width,
                    h=h,
                    label=status_label(status),
                    date=nl_date(point.day),
                )
            )
        if (len(points) - 1 - i) % max(len(points) // 6, 1) == 0:  # counted from the as-of end
            parts.append(
                Markup('<text class="tick-label" x="{x:.1f}" y="{y}">{label}</text>').format(
                    x=x, y=height - 14, label=_month_label(point.day.strftime("%Y-%m"))
                )
            )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def bar_chart(groups: Sequence[GroupCount], caption: str, href: Callable[[GroupCount], str]) -> Markup:
    """Horizontal bars, one per group, each linking to ``href(group)``."""
    if not groups:
        return _empty("Geen verlopen toezeggingen.")
    highest = max(g.count for g in groups)
    height = 8 + _ROW * len(groups)
    plot = BAR_WIDTH - _LABEL - 40
    parts = [
        Markup(
            '<svg class="chart bar-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
            'width="100%" role="img" aria-label="{caption}">'
        ).format(w=BAR_WIDTH, h=height, caption=caption)
    ]
    for i, g in enumerate(groups):
        y = 4 + i * _ROW
        w = max(plot * g.count / highest, 2.0)
        label = g.label if len(g.label) <= 16 else g.label[:15] + "…"
        parts.append(
            Markup(
                '<a href="{href}"><title>{full}: {n} verlopen</title>'
                '<text class="row-label" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
                '<rect class="bar st-overdue" data-key="{key}" data-count="{n}" x="{x}" y="{y}" '
                'width="{w:.1f}" height="{h}"/>'
                '<text class="count-label" x="{cx:.1f}" y="{ty}">{n}</text></a>'
            ).format(
                href=href(g),
                full=g.label,
                n=g.count,
                lx=_LABEL - 6,
                ty=y + _ROW - 8,
                label=label,
                key=g.key,
                x=_LABEL,
                y=y + 3,
                w=w,
                h=_ROW - 6,
                cx=_LABEL + w + 4,
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def month_chart(months: Sequence[GroupCount], caption: str) -> Markup:
    """Columns of the deadlines per month, the met part drawn over each in the fulfilled colour."""
    if not any(m.count for m in months):
        return _empty("Geen termijnen in deze maanden.")
    top, bottom, left = 16, 34, 34
    height = 200
    plot_h = height - top - bottom
    highest = max(m.count for m in months)
    step = (WIDTH - left - 10) / len(months)
    width = step * 0.7
    parts = [
        Markup(
            '<svg class="chart month-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
            'width="100%" role="img" aria-label="{caption}">'
        ).format(w=WIDTH, h=height, caption=caption),
        Markup('<text class="axis-label" x="2" y="{y}">{n}</text>').format(y=top + 4, n=highest),
    ]
    for i, m in enumerate(months):
        x = left + i * step + (step - width) / 2
        h = plot_h * m.count / highest
        done = plot_h * m.met / highest
        parts.append(
            Markup(
                "<g><title>{label}: {n} termijnen, {met} voldaan</title>"
                '<rect class="col due-col" data-key="{key}" data-count="{n}" x="{x:.1f}" y="{y:.1f}" '
                'width="{w:.1f}" height="{h:.1f}"/>'
                '<rect class="col st-fulfilled" data-met="{met}" x="{x:.1f}" y="{my:.1f}" width="{w:.1f}" '
                'height="{mh:.1f}"/></g>'
                '<text class="tick-label" x="{x:.1f}" y="{ly}">{short}</text>'
            ).format(
                label=_month_label(m.key),
                n=m.count,
                met=m.met,
                key=m.key,
                x=x,
                y=top + plot_h - h,
                w=width,
                h=h,
                my=top + plot_h - done,
                mh=done,
                ly=height - 14,
                short=_month_label(m.key)[:3],
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
