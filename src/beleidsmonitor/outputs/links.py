"""Links that leave beleidsmonitor: a document's official publication, the dashboard's own pages.

The official link of a Kamerstuk or Handelingen id comes from normalise/identifiers.py (the one
place that formats ids); this module only turns "no such page" into an empty link, and joins a
dashboard address to a path without ever inventing one (no default 127.0.0.1).
"""

from __future__ import annotations

from beleidsmonitor.normalise.identifiers import officielebekendmakingen_url


def official_url(identifier: str) -> str:
    """The officielebekendmakingen.nl page of a document id; "" for an id that has none."""
    try:
        return officielebekendmakingen_url(identifier)
    except ValueError:
        return ""


def dashboard_url(base_url: str, path: str) -> str:
    """``path`` on the dashboard at ``base_url``; "" when no dashboard address is known."""
    return f"{base_url.rstrip('/')}{path}" if base_url else ""
