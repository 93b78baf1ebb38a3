"""The ``beleidsmonitor`` command: parses options, calls the API, renders with Rich.

Commands hold no business logic; they call functions of the package and print what comes back.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="beleidsmonitor",
    help="Register of policy commitments in Dutch parliamentary letters.",
    no_args_is_help=True,
    add_completion=False,
)


def main() -> None:
    """Entry point of the console script."""
    app()


# --- document commands (parse, extract, evaluate, demo) -------------------------------------------


# --- register commands (ingest, commitments, show, documents, measures) ---------------------------


# --- output commands (serve, report, export) -----------------------------------------------------
