"""The ``beleidsmonitor`` command: parses options, calls the API, renders with Rich.

Commands hold no business logic; they call functions of the package and print what comes back.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from beleidsmonitor.errors import BeleidsmonitorError, Code, DocumentError

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

err_console = Console(stderr=True)


class DocFormat(StrEnum):
    """Output formats of ``parse``."""

    JSON = "json"
    TEXT = "text"


def _date_option(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Document date (YYYY-MM-DD) when the text lacks it; anchors relative dates."),
]
IdOpt = Annotated[str, typer.Option("--id", help="Official id (kst-32824-47) when the text lacks it.")]


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [path]


def _fail(error: BeleidsmonitorError) -> None:
    err_console.print(str(error), markup=False, highlight=False)


def _analyse_each(path: Path, date: str | None, identifier: str) -> tuple[list[Any], int]:
    """Analyse every file under ``path``; report bad ones on stderr and go on."""
    from beleidsmonitor.pipeline import analyse_file

    day = _date_option(date)
    results = []
    failures = 0
    if not path.exists():
        _fail(DocumentError(str(path), Code.D010))
        return [], 1
    for file in _files(path):
        try:
            results.append(analyse_file(file, date=day, identifier=identifier))
        except DocumentError as error:
            _fail(error)
            failures += 1
    return results, failures


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


@app.command()
def parse(
    file: Annotated[
        Path, typer.Argument(help="A letter (text, PDF, HTML, XML or DOCX) or a folder of them.")
    ],
    format: Annotated[
        DocFormat, typer.Option("--format", help="json: the structure; text: the clean text.")
    ] = DocFormat.JSON,
    date: DateOpt = None,
    identifier: IdOpt = "",
) -> None:
    """Clean and structure a document: metadata, headings, letter and annex, paragraphs, sentences."""
    from beleidsmonitor.outputs.structure import structure_to_dict

    analyses, failures = _analyse_each(file, date, identifier)
    if format is DocFormat.TEXT:
        for analysis in analyses:
            sys.stdout.write(analysis.clean.text + "\n")
    else:
        docs = [structure_to_dict(a.clean, a.structure) for a in analyses]
        _emit_json(docs[0] if file.is_file() and docs else docs)
    raise typer.Exit(1 if failures else 0)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A letter or a folder of letters.")],
    format: Annotated[str, typer.Option("--format", help="json (the annotation schema).")] = "json",
    date: DateOpt = None,
    identifier: IdOpt = "",
) -> None:
    """Extract commitments, time expressions, references and amounts in the annotation schema."""
    from beleidsmonitor.outputs.extraction import analysis_to_dict

    if format != "json":
        raise typer.BadParameter("only json is supported", param_hint="--format")
    analyses, failures = _analyse_each(file, date, identifier)
    docs = [analysis_to_dict(a) for a in analyses]
    _emit_json(docs[0] if file.is_file() and docs else docs)
    raise typer.Exit(1 if failures else 0)


@app.command()
def evaluate(
    file: Annotated[Path, typer.Argument(help="The letter the gold file annotates.")],
    gold: Annotated[Path, typer.Option("--gold", help="Annotation file in the gold schema.")],
    date: DateOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the extraction of FILE against a gold file: P, R and F1 per category."""
    from beleidsmonitor.evaluate import score
    from beleidsmonitor.outputs.extraction import analysis_to_dict

    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        err_console.print(f"{gold}: cannot read the gold file: {error}", markup=False)
        raise typer.Exit(2) from None
    if date is None and gold_data.get("document", {}).get("date"):
        date = gold_data["document"]["date"]
    analyses, failures = _analyse_each(file, date, "")
    if failures or not analyses:
        raise typer.Exit(1)
    scores = score(gold_data, analysis_to_dict(analyses[0]))
    if as_json:
        _emit_json(
            {
                name: {
                    "gold": s.gold,
                    "pred": s.pred,
                    "matched": s.matched,
                    "P": s.precision,
                    "R": s.recall,
                    "F1": s.f1,
                    **s.accuracies,
                    "missed": list(s.missed),
                    "spurious": list(s.spurious),
                }
                for name, s in scores.items()
            }
        )
        return
    table = Table(title=f"{file.name} against {gold.name}")
    for col in ("category", "gold", "pred", "P", "R", "F1", "accuracy"):
        table.add_column(col, justify="left" if col in ("category", "accuracy") else "right")
    for name, s in scores.items():
        acc = " ".join(f"{k}={v:.3f}" for k, v in s.accuracies.items())
        table.add_row(
            name, str(s.gold), str(s.pred), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", acc
        )
    Console().print(table)


# --- register commands (ingest, commitments, show, documents, measures) ---------------------------


# --- output commands (serve, report, export) -----------------------------------------------------
