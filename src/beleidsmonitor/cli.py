"""The ``beleidsmonitor`` command: parses options, calls the API, renders with Rich.

Commands hold no business logic; they call functions of the package and print what comes back.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer

from beleidsmonitor.errors import BeleidsmonitorError, Code, DocumentError
from beleidsmonitor.outputs.labels import field_label, kind_label, part_label, status_label

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="beleidsmonitor",
    help="Register of policy commitments in Dutch parliamentary letters.",
    no_args_is_help=True,
    add_completion=False,
)


def main() -> None:
    """Entry point of the console script."""
    app()


@app.callback()
def _options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show the log (libraries' warnings included) on stderr.")
    ] = False,
) -> None:
    """Register of policy commitments in Dutch parliamentary letters."""
    _configure_logging(verbose)


def _configure_logging(verbose: bool) -> None:
    """Log lines on stderr only when asked: every failure is already reported once by the command.

    Without a handler Python would print warnings of this package and of libraries (pdfminer's
    "CropBox missing") on stderr through its last-resort handler, doubling each error line.
    """
    import logging

    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "beleidsmonitor-cli"]:
        root.removeHandler(old)
    handler: logging.Handler
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.setLevel(logging.INFO)
    else:
        handler = logging.NullHandler()
    handler.set_name("beleidsmonitor-cli")
    root.addHandler(handler)


# --- document commands (parse, extract, evaluate, demo) -------------------------------------------


@functools.cache
def _stderr() -> Console:
    """The console of error lines and progress bars. Rich is imported on first use: a command that
    prints nothing through it (``extract`` of a letter that reads) starts without it."""
    from rich.console import Console

    return Console(stderr=True)


def _stdout() -> Console:
    """A console on standard output (rich imported on first use, as for :func:`_stderr`)."""
    from rich.console import Console

    return Console()


#: rows a register table shows unless --limit says otherwise (a terminal is read by a person)
TABLE_ROWS = 100
E = TypeVar("E", bound=StrEnum)


class DocFormat(StrEnum):
    """Output formats of ``parse``."""

    JSON = "json"
    TEXT = "text"


def _date_option(value: str | None, hint: str = "--date") -> dt.date | None:
    if value is None:
        return None
    from beleidsmonitor.model import FIRST_DAY, LAST_DAY

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint=hint) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise typer.BadParameter(
            f"{value} lies outside {FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()}", param_hint=hint
        )
    return day


def _choice(enum: type[E], value: str | None, hint: str) -> E | None:
    """``value`` as a member of ``enum``; a usage error listing the allowed values otherwise."""
    if not value:
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise typer.BadParameter(f"{value!r}; allowed: {allowed}", param_hint=hint) from None


DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Document date (YYYY-MM-DD) when the text lacks it; anchors relative dates."),
]


def _id_value(value: str) -> str:
    """``--id`` when it may be a document id (normalise/identifiers.py, ``is_document_id``)."""
    from beleidsmonitor.normalise.identifiers import MAX_ID_LENGTH, is_document_id

    if value and not is_document_id(value):
        raise typer.BadParameter(
            f"{value[:MAX_ID_LENGTH]!r} is not a document id such as kst-32824-47 (letters, digits and "
            f"hyphens, at most {MAX_ID_LENGTH} characters)",
            param_hint="--id",
        )
    return value


IdOpt = Annotated[
    str,
    typer.Option("--id", help="Official id (kst-32824-47) when the text lacks it.", callback=_id_value),
]


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [path]


def _fail(error: BeleidsmonitorError) -> None:
    _stderr().print(str(error), markup=False, highlight=False, soft_wrap=True)


def _analysis_settings() -> Any:
    """The settings of the document commands; exit 2 with one line if they are invalid."""
    from beleidsmonitor.errors import SettingsError
    from beleidsmonitor.settings import load_settings

    try:
        return load_settings()
    except SettingsError as error:
        _fail(error)
        raise typer.Exit(2) from None


def _budget() -> Any:
    """The analysis budget of one document from the settings; exit 2 with one line if they are invalid."""
    from beleidsmonitor.budget import Budget

    return Budget.from_settings(_analysis_settings())


def _analyse_each(path: Path, date: str | None, identifier: str) -> tuple[list[Any], int]:
    """Analyse every file under ``path``, each within the budget; report bad ones on stderr and go on."""
    from beleidsmonitor.budget import call_within_budget
    from beleidsmonitor.pipeline import analyse_file

    day = _date_option(date)
    budget = _budget()
    results = []
    failures = 0
    if not path.exists():
        _fail(DocumentError(str(path), Code.D010))
        return [], 1
    for file in _files(path):
        try:
            work = functools.partial(analyse_file, file, date=day, identifier=identifier)
            results.append(call_within_budget(work, str(file), budget))
        except DocumentError as error:
            _fail(error)
            failures += 1
    return results, failures


#: writes one file's output (JSON at an indentation level) to a text stream
Renderer = Callable[[Path, TextIO, int], None]


def _render_into(render: Renderer, file: Path, descriptor: int, level: int) -> None:
    with os.fdopen(os.dup(descriptor), "w", encoding="utf-8") as out:
        render(file, out, level)


def _render_each(path: Path, render: Renderer, json_list: bool) -> int:
    """Render every file under ``path`` within the budget; copy what succeeded to stdout.

    Each file is analysed and written into a temporary file by a child process the budget watches,
    so a file that fails leaves nothing half-written on stdout. A folder's JSON documents form one
    list (as ``json.dumps(list, indent=1)`` writes it), anything else follows one after the other.

    Returns:
        The number of files that failed (each reported on stderr).
    """
    from beleidsmonitor.budget import call_within_budget

    budget = _budget()
    if not path.exists():
        _fail(DocumentError(str(path), Code.D010))
        return 1
    as_list = json_list and path.is_dir()
    failures = written = 0
    out = sys.stdout
    for file in _files(path):
        with tempfile.TemporaryFile("w+", encoding="utf-8") as rendered:
            work = functools.partial(_render_into, render, file, rendered.fileno(), 1 if as_list else 0)
            try:
                call_within_budget(work, str(file), budget)
            except DocumentError as error:
                _fail(error)
                failures += 1
                continue
            rendered.seek(0)
            if as_list:
                out.write(("," if written else "[") + "\n ")
            shutil.copyfileobj(rendered, out)
            if not as_list:
                out.write("\n")
            written += 1
    if as_list:
        out.write("\n]\n" if written else "[]\n")
    return failures


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
    """Clean and structure a document: metadata, headings, letter and annex, paragraphs, sentences.

    A text longer than a chunk (setting analysis_chunk_characters) is analysed chunk by chunk.
    """
    day = _date_option(date)
    as_text = format is DocFormat.TEXT
    size = _analysis_settings().analysis_chunk_characters

    def render(path: Path, out: TextIO, level: int) -> None:
        from beleidsmonitor.outputs.structure import write_structure
        from beleidsmonitor.pipeline import analyse_chunks
        from beleidsmonitor.sources import read_source

        source = read_source(path, max_characters=None)
        chunks = analyse_chunks(source, date=day, identifier=identifier, chunk_characters=size)
        if not as_text:
            write_structure(chunks, out, level)
            return
        for chunk in chunks:
            if chunk.analysis.clean.text:
                out.write(("\n\n" if chunk.clean_start else "") + chunk.analysis.clean.text)

    raise typer.Exit(1 if _render_each(file, render, json_list=not as_text) else 0)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A letter or a folder of letters.")],
    format: Annotated[str, typer.Option("--format", help="json (the annotation schema).")] = "json",
    date: DateOpt = None,
    identifier: IdOpt = "",
) -> None:
    """Extract commitments, time expressions, references and amounts in the annotation schema.

    A text longer than a chunk (setting analysis_chunk_characters) is analysed chunk by chunk, one
    chunk held at a time, so that memory stays bounded.
    """
    if format != "json":
        raise typer.BadParameter("only json is supported", param_hint="--format")
    day = _date_option(date)
    size = _analysis_settings().analysis_chunk_characters

    def render(path: Path, out: TextIO, level: int) -> None:
        from beleidsmonitor.outputs.extraction import write_extraction
        from beleidsmonitor.pipeline import analyse_chunks
        from beleidsmonitor.sources import read_source

        source = read_source(path, max_characters=None)
        chunks = analyse_chunks(source, date=day, identifier=identifier, chunk_characters=size)
        write_extraction(chunks, out, level)

    raise typer.Exit(1 if _render_each(file, render, json_list=True) else 0)


def _scores_json(scores: dict[str, Any]) -> dict[str, Any]:
    return {
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


def _evaluate_folder(folder: Path, as_json: bool) -> None:
    """Score every letter of an annotated folder in this process: pooled lines first, then per letter."""
    from beleidsmonitor.budget import call_within_budget
    from beleidsmonitor.evaluate import FolderError, score_folder, summary_line
    from beleidsmonitor.outputs.extraction import analysis_to_dict
    from beleidsmonitor.pipeline import analyse_file

    budget = _budget()

    def extract(path: Path, day: dt.date | None) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            return analysis_to_dict(analyse_file(path, date=day))

        result: dict[str, Any] = call_within_budget(work, str(path), budget)
        return result

    try:
        result = score_folder(folder, extract)
    except FolderError as error:
        _stderr().print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    failed = [letter for letter in result.letters if letter.error]
    for letter in failed:
        _stderr().print(f"{letter.name}: {letter.error}", markup=False, highlight=False, soft_wrap=True)
    if as_json:
        _emit_json(
            {
                "letters": len(result.letters) - len(failed),
                "pooled": _scores_json(result.pooled),
                "per_letter": {
                    letter.name: _scores_json(letter.scores) for letter in result.letters if not letter.error
                },
            }
        )
    else:
        out = sys.stdout
        out.write(f"{len(result.letters) - len(failed)} letters\n")
        for s in result.pooled.values():
            out.write(summary_line(s) + "\n")
        names = list(result.pooled)
        out.write("\nF1 per letter (- where the gold file does not annotate it): " + " ".join(names) + "\n")
        for letter in result.letters:
            if not letter.error:
                cells = " ".join(f"{letter.scores[n].f1:.3f}" if n in letter.scores else "-" for n in names)
                out.write(f"{letter.name:24s} {cells}\n")
    raise typer.Exit(1 if failed else 0)


@app.command()
def evaluate(
    path: Annotated[
        Path,
        typer.Argument(
            help="The letter the gold file annotates, or a folder with docs/ and gold/ (each letter dated "
            "by its gold document.date)."
        ),
    ],
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Annotation file in the gold schema (for one letter).")
    ] = None,
    date: DateOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against gold: P, R and F1 per category, for one letter or a whole folder."""
    from beleidsmonitor.evaluate import score
    from beleidsmonitor.outputs.extraction import analysis_to_dict

    if gold is None:
        if not path.is_dir():
            raise typer.BadParameter("give --gold GOLD for one letter, or a folder with docs/ and gold/")
        _evaluate_folder(path, as_json)
        return
    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        _stderr().print(f"{gold}: cannot read the gold file: {error}", markup=False)
        raise typer.Exit(2) from None
    if date is None and gold_data.get("document", {}).get("date"):
        date = gold_data["document"]["date"]
    analyses, failures = _analyse_each(path, date, "")
    if failures or not analyses:
        raise typer.Exit(1)
    scores = score(gold_data, analysis_to_dict(analyses[0]))
    if as_json:
        _emit_json(_scores_json(scores))
        return
    from rich.table import Table

    table = Table(title=f"{path.name} against {gold.name}")
    for col in ("category", "gold", "pred", "P", "R", "F1", "accuracy"):
        table.add_column(col, justify="left" if col in ("category", "accuracy") else "right")
    for name, s in scores.items():
        acc = " ".join(f"{k}={v:.3f}" for k, v in s.accuracies.items())
        table.add_row(
            name, str(s.gold), str(s.pred), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", acc
        )
    _stdout().print(table)


# --- register commands (ingest, commitments, show, documents, measures) ---------------------------


class ListFormat(StrEnum):
    """Output formats of the register listings."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    CSV_NL = "csv-nl"


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Register database: a SQLite file path or a SQLAlchemy URL "
        "(default: BELEIDSMONITOR_DATABASE_URL or beleidsmonitor.sqlite here).",
    ),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="TOML file with settings (see the settings table).")
]
RegFormatOpt = Annotated[
    ListFormat,
    typer.Option("--format", help="table, json, csv, or csv-nl (Dutch Excel: semicolons, Dutch labels)."),
]


def _reg_open(db: str | None, config: Path | None) -> Any:
    """The register named by --db / --config / the environment; exit 2 with one line if it fails."""
    from beleidsmonitor.errors import RegisterError, SettingsError
    from beleidsmonitor.register.store import open_register
    from beleidsmonitor.settings import load_settings

    url = db if db is None or "://" in db else f"sqlite:///{Path(db).resolve()}"
    try:
        return open_register(load_settings(config, database_url=url))
    except (SettingsError, RegisterError) as error:
        _stderr().print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _reg_plain(value: Any) -> Any:
    """Records → JSON-ready values (dates as ISO strings, intervals as {start, end})."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _reg_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_reg_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


def _reg_emit(rows: list[dict[str, Any]], columns: list[str], format: ListFormat, title: str) -> None:
    if format is ListFormat.JSON:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if format in (ListFormat.CSV, ListFormat.CSV_NL):
        import csv

        dutch = format is ListFormat.CSV_NL
        if dutch:
            sys.stdout.write("\ufeff")
        writer = csv.writer(
            sys.stdout, delimiter=";" if dutch else ",", lineterminator="\r\n" if dutch else "\n"
        )
        writer.writerow([field_label(c) for c in columns] if dutch else columns)
        for row in rows:
            values = [row.get(c) for c in columns]
            writer.writerow(
                [json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else "" if v is None else v
                 for v in values]
            )  # fmt: skip
        return
    _print_table(title, [field_label(c) for c in columns], [[row.get(c) for c in columns] for row in rows])


def _print_table(title: str, headings: list[str], rows: list[list[Any]]) -> None:
    """A Rich table that wraps long cells between words, never inside one ("toezegging en", not
    "toezeggin gen"): columns of single words (ids, dates, codes) keep their width and are never
    wrapped; columns of running text share the rest of the terminal and wrap at spaces."""
    from rich.table import Table

    cells = [["" if v is None else str(v) for v in values] for values in rows]
    table = Table(title=title)
    for index, heading in enumerate(headings):
        values = [r[index] for r in cells]
        words = [w for text in [heading, *values] for w in text.split()]
        longest = max((len(w) for w in words), default=1)
        if all(len(v.split()) <= 1 for v in values) and longest <= _LONGEST_WORD:
            table.add_column(heading, no_wrap=True, min_width=longest)
        else:
            table.add_column(heading, ratio=1, min_width=min(longest, _TEXT_MIN), overflow="fold")
    for values in cells:
        table.add_row(*values)
    _stdout().print(table)


def _due_short(record: Any) -> str:
    """A deadline for a narrow table: the end day in ISO form ("2014-12-31"), "vanaf …" or "–"."""
    if record.due is None:
        return "–"
    return record.due.end.isoformat() if record.due.end else f"vanaf {record.due.start.isoformat()}"


def _reg_filters(register: Any, ministry: str | None, person: str | None) -> tuple[str | None, str | None]:
    """--ministry and --bewindspersoon as the register keeps them; a usage error listing the valid ones."""
    from beleidsmonitor.register.filters import (
        FilterError,
        register_choices,
        resolve_bewindspersoon,
        resolve_ministry,
    )

    if not ministry and not person:
        return None, None
    choices = register_choices(register)
    try:
        return (
            resolve_ministry(ministry, choices) if ministry else None,
            resolve_bewindspersoon(person, choices) if person else None,
        )
    except FilterError as error:
        raise typer.BadParameter(
            str(error), param_hint="--ministry" if ministry else "--bewindspersoon"
        ) from None


AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Day statuses are computed for (YYYY-MM-DD); default today.")
]


def _as_of_day(value: str | None) -> dt.date:
    """The day of an --as-of option; today when it is absent."""
    return _date_option(value, "--as-of") or dt.date.today()


MinistryOpt = Annotated[
    str | None,
    typer.Option("--ministry", help='Ministry by abbreviation or name, any case: "SZW", "Sociale Zaken".'),
]
PersonOpt = Annotated[
    str | None,
    typer.Option("--bewindspersoon", help='Only letters signed by this person: "Asscher", "L.F. Asscher".'),
]

#: a column of single words up to this long keeps its width; longer ones wrap like text
_LONGEST_WORD = 20
#: the narrowest a column of running text becomes
_TEXT_MIN = 10


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Letters and folders of letters.")],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date (YYYY-MM-DD) of the letters, over what their text says; anchors relative dates.",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            min=1,
            help="Worker processes that analyse letters (default: setting jobs, else one per CPU).",
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Analyse on a Dask distributed cluster at this scheduler address."),
    ] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Analyse letters and store them in the register; one line per file that failed.

    Letters already stored (same content, or the Kamerstuk id their format names) are not analysed
    again, so a rerun after an interruption only does what is left.
    """
    from rich.progress import Progress

    from beleidsmonitor.batch import ProgressEvent, collect_files, ingest_files, summarise
    from beleidsmonitor.outputs.labels import inferred_date_note

    day = _date_option(date)

    files: list[Path] = []
    missing = 0
    for path in paths:
        try:
            files.extend(collect_files([path]))
        except DocumentError as error:
            _stderr().print(
                f"{error.path}: {error.code.name} {error.reason}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            missing += 1
    events: list[ProgressEvent] = []
    # a progress bar only on a terminal: elsewhere it would leave a blank line on stderr
    bar = Progress(console=_stderr(), transient=True, disable=not _stderr().is_terminal)
    with _reg_open(db, config) as register, bar as progress:
        task = progress.add_task("inlezen", total=len(files))
        for event in ingest_files(register, files, date=day, jobs=jobs, scheduler=dask):
            events.append(event)
            if event.failed:
                progress.console.print(
                    f"{event.path}: {event.problem}", markup=False, highlight=False, soft_wrap=True
                )
            elif event.result is not None and event.result.date_inferred:
                progress.console.print(
                    f"{event.path}: {inferred_date_note(event.result.date)}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            progress.update(task, completed=event.done, description=Path(event.path).name)
        progress.stop()
        summary = summarise(events)
        added = [e.result.document_id for e in events if e.result is not None and e.result.added]
        tracked = _track(register, added) if added or _untracked(register) else None
    _stdout().print(
        f"documenten: {summary.documents} (al opgeslagen: {summary.duplicates}), "
        f"toezeggingen: {summary.commitments}, vermeldingen: {summary.mentions}, "
        f"fouten: {len(summary.errors) + missing}",
        highlight=False,
        soft_wrap=True,
    )
    if tracked is not None:
        _print_tracked(tracked)
    raise typer.Exit(1 if summary.errors or missing else 0)


def _print_tracked(summary: Any) -> None:
    _stdout().print(
        f"gevolgd: voldaan {summary.fulfilled}, deels voldaan {summary.partly}, "
        f"herhaald {summary.repeats}, gewijzigd {summary.changes}",
        highlight=False,
    )


def _untracked(register: Any) -> bool:
    """Whether stored documents wait for the track stage (an earlier ingest stopped before it)."""
    from beleidsmonitor.register.tracking import untracked_documents

    return bool(untracked_documents(register))


def _track(register: Any, documents: list[str] | None = None) -> Any:
    """Run the track stage (for the documents just added, or all), then join imported toezeggingen
    to the written commitments that state them; exit 2 with one line if it fails."""
    from beleidsmonitor.errors import RegisterError
    from beleidsmonitor.register.toezeggingen import link_registered
    from beleidsmonitor.track.follow import follow_register

    try:
        summary = follow_register(register, documents)
        link_registered(register, documents)
        return summary
    except RegisterError as error:
        _stderr().print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@app.command()
def track(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Follow every commitment across later letters again (fulfilled, repeated, changed); keeps corrections."""
    with _reg_open(db, config) as register:
        summary = _track(register)
    _print_tracked(summary)


@app.command()
def commitments(
    as_of: AsOfOpt = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="open, due, overdue, partly_fulfilled, fulfilled, postponed or lapsed."
        ),
    ] = None,
    dossier: Annotated[str | None, typer.Option("--dossier", help="Dossier number, e.g. 32824.")] = None,
    ministry: MinistryOpt = None,
    bewindspersoon: PersonOpt = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="inform_parliament, deliverable or action.")
    ] = None,
    format: RegFormatOpt = ListFormat.TABLE,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            min=0,
            help="Table rows at most, the earliest deadlines first (0: all); json and csv hold all.",
        ),
    ] = TABLE_ROWS,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List the register's commitments with their status as of a date."""
    from beleidsmonitor.register.store import CommitmentFilter
    from beleidsmonitor.vocab import CommitmentKind, Status

    day = _as_of_day(as_of)
    wanted = _choice(Status, status, "--status")
    kind_value = _choice(CommitmentKind, kind, "--kind")
    table = format not in (ListFormat.JSON, ListFormat.CSV, ListFormat.CSV_NL)
    with _reg_open(db, config) as register:
        ministry, bewindspersoon = _reg_filters(register, ministry, bewindspersoon)
        where = CommitmentFilter(
            status=wanted, dossier=dossier, ministry=ministry, kind=kind_value, bewindspersoon=bewindspersoon
        )
        # a table is read by a person: the database counts the list and hands over its first rows only
        page = register.page_commitments(day, where=where, limit=(limit or None) if table else None)
        total = register.count_commitments(day, where) if page.next_after else len(page.items)
    records = page.items
    if format is ListFormat.JSON:
        from beleidsmonitor.outputs.tables import commitments_to_json

        sys.stdout.write(commitments_to_json(records, day))
    elif format in (ListFormat.CSV, ListFormat.CSV_NL):
        from beleidsmonitor.outputs.tables import CsvDialect, commitments_to_csv

        dialect = CsvDialect.EXCEL_NL if format is ListFormat.CSV_NL else CsvDialect.PLAIN
        sys.stdout.write(commitments_to_csv(records, day, dialect))
    else:
        _print_table(
            f"toezeggingen per {day.isoformat()}",
            ["nr", "status", "soort", "uiterlijk", "dossier", "toezegging"],
            [
                [
                    r.id,
                    status_label(r.status),
                    kind_label(r.kind),
                    _due_short(r),
                    r.dossier,
                    _with_register(r),
                ]
                for r in records
            ],
        )
        if total > len(records):
            typer.echo(
                f"{len(records)} van {total} getoond, de vroegste termijnen eerst; "
                "--limit 0 toont ze alle, --format csv of json geeft ze alle."
            )


@app.command()
def show(
    commitment_id: Annotated[int, typer.Argument(metavar="ID", help="Commitment id (see `commitments`).")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Status date (YYYY-MM-DD).")] = None,
    format: Annotated[ListFormat, typer.Option("--format", help="table or json.")] = ListFormat.TABLE,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show one commitment with every mention (document, quote, positions) and its history."""
    from beleidsmonitor.errors import RegisterError

    day = _date_option(as_of, "--as-of")
    with _reg_open(db, config) as register:
        try:
            detail = register.get_commitment(commitment_id, day)
        except RegisterError as error:
            _stderr().print(str(error), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
    if format is not ListFormat.TABLE:
        from beleidsmonitor.outputs.tables import CommitmentOut

        plain = _reg_plain(detail)
        plain["commitment"] = CommitmentOut.from_record(detail.commitment, day or dt.date.today()).model_dump(
            mode="json"
        )
        sys.stdout.write(json.dumps(plain, ensure_ascii=False, indent=1) + "\n")
        return
    from beleidsmonitor.outputs.labels import (
        correction_field_label,
        correction_value_label,
        due_label,
        event_label,
        late_label,
        link_evidence_label,
        nl_date,
        relation_label,
        review_label,
    )

    c = detail.commitment
    console = _stdout()
    console.print(f"[bold]#{c.id}[/bold] {kind_label(c.kind)}, {status_label(c.status)}", highlight=False)
    console.print(c.quote, markup=False, highlight=False, soft_wrap=True)
    console.print(
        f"termijn: {due_label(c.due)} ({c.time_text or '–'}); dossier {c.dossier}; paragraaf {c.section}",
        markup=False,
    )
    if c.previous_due is not None:
        console.print(f"termijn verschoven; eerder: {due_label(c.previous_due)}", markup=False)
    if c.fulfilled_by:
        late = f", {late_label(c.late_days)}" if c.late_days else ""
        evidence = link_evidence_label(c.fulfilled_evidence) if c.fulfilled_evidence else ""
        review = review_label(c.fulfilled_review) if c.fulfilled_review else ""
        console.print(
            f"voldaan met {c.fulfilled_by} op {nl_date(c.fulfilled_on)} ({evidence}, {review}{late}): "
            f"{c.fulfilled_quote}",
            markup=False,
            soft_wrap=True,
        )
    if c.owner or c.note:
        console.print(f"eigenaar: {c.owner or '–'}; notitie: {c.note or '–'}", markup=False, soft_wrap=True)
    mentions = [_reg_plain(m) for m in detail.mentions]
    for m in mentions:
        m["span"] = f"{m['span']['start']}-{m['span']['end']}"
        m["source_span"] = f"{m['source_span']['start']}-{m['source_span']['end']}"
        m["part"] = part_label(m["part"])
    _reg_emit(
        mentions,
        ["document_id", "part", "section", "span", "source_span", "quote"],
        ListFormat.TABLE,
        "vermeldingen",
    )
    history = [
        {**_reg_plain(h), "event": event_label(h.event), "status": status_label(h.status)}
        for h in detail.history
    ]
    _reg_emit(history, ["on", "event", "status", "document_id", "note"], ListFormat.TABLE, "geschiedenis")
    links = [
        {
            **_reg_plain(link),
            "relation": relation_label(link.relation),
            "evidence": link_evidence_label(link.evidence),
            "review": review_label(link.review),
        }
        for link in detail.links
    ]
    _reg_emit(
        links,
        ["document_id", "on", "relation", "evidence", "review", "cites", "quote"],
        ListFormat.TABLE,
        "latere brieven",
    )
    trail = [
        {
            **_reg_plain(c),
            "field": correction_field_label(c.field),
            "old": correction_value_label(c.field, c.old),
            "new": correction_value_label(c.field, c.new),
        }
        for c in detail.corrections
    ]
    _reg_emit(
        trail, ["at", "who", "field", "document_id", "old", "new", "note"], ListFormat.TABLE, "correcties"
    )


@app.command()
def documents(format: RegFormatOpt = ListFormat.TABLE, db: DbOpt = None, config: ConfigOpt = None) -> None:
    """List the documents in the register; an inferred date is marked "(afgeleid)"."""
    from beleidsmonitor.outputs.tables import DocumentOut

    with _reg_open(db, config) as register:
        records = register.list_documents()
    rows = [DocumentOut.from_record(d).model_dump(mode="json") for d in records]
    if format is ListFormat.TABLE:
        for row in rows:
            row["date"] = f"{row['date'] or '–'}{' (afgeleid)' if row['date_inferred'] else ''}"
        columns = ["id", "date", "ministry", "commitments", "title"]
        _print_table(
            "documenten",
            ["document", "datum", "ministerie", "aantal", "titel"],
            [[row[c] for c in columns] for row in rows],
        )
        return
    _reg_emit(rows, list(DocumentOut.model_fields), format, "documenten")


_TABLE_STATUSES = ("open", "due", "overdue", "fulfilled")


@app.command()
def dossiers(
    as_of: AsOfOpt = None,
    format: RegFormatOpt = ListFormat.TABLE,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List the dossiers with their documents and commitments per status."""
    from beleidsmonitor.outputs.tables import DossierOut
    from beleidsmonitor.register.overview import list_dossiers
    from beleidsmonitor.vocab import Status

    day = _as_of_day(as_of)
    with _reg_open(db, config) as register:
        found = [DossierOut.of(d) for d in list_dossiers(register, day)]
    if format is ListFormat.JSON:
        _emit_json([d.model_dump(mode="json") for d in found])
        return
    statuses = [s.value for s in Status]
    rows = [
        {
            **d.model_dump(mode="json", exclude={"counts"}),
            **{s: getattr(d.counts, s) for s in [*statuses, "total"]},
        }
        for d in found
    ]
    if format is ListFormat.TABLE:
        _print_table(
            f"dossiers per {day.isoformat()}",
            # the four most asked for fit 80 columns; json and csv carry every status
            ["dossier", *(status_label(s) for s in _TABLE_STATUSES), "titel"],
            [[r["dossier"] or "–", *(r[s] for s in _TABLE_STATUSES), r["title"]] for r in rows],
        )
        return
    _reg_emit(
        rows,
        ["dossier", "title", "documents", "first_date", "last_date", "url", *statuses, "total"],
        format,
        "dossiers",
    )


@app.command()
def measures(
    dossier: Annotated[str | None, typer.Option("--dossier", help="Dossier number, e.g. 32824.")] = None,
    format: RegFormatOpt = ListFormat.TABLE,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List policy measures per topic heading with their state."""
    from beleidsmonitor.outputs.tables import MeasureOut

    with _reg_open(db, config) as register:
        rows = [MeasureOut.of(m).model_dump(mode="json") for m in register.list_measures(dossier)]
    if format in (ListFormat.TABLE, ListFormat.CSV_NL):
        rows = [{**r, "state": r["state_label"], "part": part_label(r["part"])} for r in rows]
        _reg_emit(rows, ["id", "document_id", "heading", "state", "part"], format, "maatregelen")
        return
    _reg_emit(rows, list(MeasureOut.model_fields), format, "maatregelen")


# --- corrections (review, mark, correct, import) ---------------------------------------------------

WhoOpt = Annotated[
    str | None, typer.Option("--who", help="Who makes the correction (default: the login name).")
]
WhyOpt = Annotated[str, typer.Option("--note", help="Why, in your words (kept in the audit trail).")]


def _who(who: str | None) -> str:
    import getpass

    return who if who is not None else getpass.getuser()


def _apply_corrections(
    db: str | None, config: Path | None, commitment_id: int, changes: list[tuple[Any, str, str]], **extra: Any
) -> None:
    """Record each (field, value, document) correction of one commitment; one line per correction."""
    from beleidsmonitor.errors import RegisterError
    from beleidsmonitor.outputs.labels import correction_field_label, correction_value_label
    from beleidsmonitor.register.tracking import correct

    with _reg_open(db, config) as register:
        for field, value, document_id in changes:
            try:
                made = correct(register, commitment_id, field, value, document_id=document_id, **extra)
            except RegisterError as error:
                _stderr().print(str(error), markup=False, highlight=False, soft_wrap=True)
                raise typer.Exit(1) from None
            _stdout().print(
                f"#{commitment_id} {correction_field_label(made.field)}: "
                f"{correction_value_label(made.field, made.old)} → {correction_value_label(made.field, made.new)}"
                f" ({made.who})",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        status = register.get_commitment(commitment_id).commitment.status
    _stdout().print(f"#{commitment_id} status vandaag: {status_label(status)}", highlight=False)


class ReviewChoice(StrEnum):
    """What ``review`` says of a proposed fulfilment."""

    ACCEPT = "accept"
    REJECT = "reject"
    UNDO = "undo"


@app.command()
def review(
    commitment_id: Annotated[int, typer.Argument(metavar="ID", help="Commitment id.")],
    document: Annotated[str, typer.Argument(help="The later document proposed as fulfilment (kst-…).")],
    choice: Annotated[ReviewChoice, typer.Argument(help="accept, reject, or undo (back to proposed).")],
    who: WhoOpt = None,
    note: WhyOpt = "",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Accept or reject a proposed fulfilment; kept across re-ingest and re-tracking."""
    from beleidsmonitor.vocab import CorrectionField, Review

    value = {ReviewChoice.ACCEPT: Review.ACCEPTED, ReviewChoice.REJECT: Review.REJECTED}.get(
        choice, Review.PROPOSED
    )
    _apply_corrections(
        db, config, commitment_id, [(CorrectionField.REVIEW, value.value, document)], who=_who(who), note=note
    )


@app.command()
def mark(
    commitment_id: Annotated[int, typer.Argument(metavar="ID", help="Commitment id.")],
    verdict: Annotated[
        str,
        typer.Argument(help="fulfilled, partly_fulfilled, lapsed, not_a_commitment, or automatic (undo)."),
    ],
    on: Annotated[
        str | None, typer.Option("--on", help="The day it took effect (YYYY-MM-DD); default today.")
    ] = None,
    who: WhoOpt = None,
    note: WhyOpt = "",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Mark a commitment fulfilled, partly fulfilled, lapsed or not a commitment."""
    from beleidsmonitor.vocab import CorrectionField, Verdict

    chosen = _choice(Verdict, verdict, "VERDICT")
    assert chosen is not None  # an argument is never empty
    day = _date_option(on, "--on")
    _apply_corrections(
        db, config, commitment_id, [(CorrectionField.VERDICT, chosen.value, "")],
        who=_who(who), note=note, effective=day,
    )  # fmt: skip


@app.command()
def correct(
    commitment_id: Annotated[int, typer.Argument(metavar="ID", help="Commitment id.")],
    kind: Annotated[
        str | None, typer.Option("--kind", help="inform_parliament, deliverable or action.")
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", help="Deadline: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD; empty for none."),
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Who promised it.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who follows it up.")] = None,
    add_note: Annotated[str | None, typer.Option("--add-note", help="A note on the commitment.")] = None,
    who: WhoOpt = None,
    note: WhyOpt = "",
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Correct a commitment's kind, deadline or actor, or set its owner or a note."""
    from beleidsmonitor.vocab import CommitmentKind, CorrectionField

    if kind is not None:
        _choice(CommitmentKind, kind, "--kind")
    changes = [
        (field, value, "")
        for field, value in (
            (CorrectionField.KIND, kind),
            (CorrectionField.DUE, due),
            (CorrectionField.ACTOR, actor),
            (CorrectionField.OWNER, owner),
            (CorrectionField.NOTE, add_note),
        )
        if value is not None
    ]
    if not changes:
        raise typer.BadParameter("give at least one of --kind, --due, --actor, --owner, --add-note")
    _apply_corrections(db, config, commitment_id, changes, who=_who(who), note=note)


@app.command(name="import")
def import_(
    corrections: Annotated[
        Path, typer.Option("--corrections", help="A corrections file written by `export --corrections`.")
    ],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Import corrections exported from a register (those already present are skipped)."""
    from beleidsmonitor.errors import RegisterError
    from beleidsmonitor.outputs.corrections import corrections_from_json
    from beleidsmonitor.register.tracking import import_corrections

    try:
        text = corrections.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        _stderr().print(f"{corrections}: cannot read the file: {error}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    with _reg_open(db, config) as register:
        try:
            added = import_corrections(register, corrections_from_json(text, str(corrections)))
        except RegisterError as error:
            _stderr().print(str(error), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
    _stdout().print(f"correcties ingelezen: {added}", highlight=False)


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the copy of the register (a SQLite file).")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE when it exists.")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Copy the SQLite register while it is in use (corrections and notes cannot be recomputed).

    For a PostgreSQL register use pg_dump (see README).
    """
    from beleidsmonitor.errors import RegisterError
    from beleidsmonitor.register.db import backup as backup_register

    with _reg_open(db, config) as register:
        try:
            backup_register(register.engine, file, replace=force)
        except RegisterError as error:
            _fail(error)
            raise typer.Exit(1) from None
        documents = len(register.list_documents())
    _stderr().print(f"written: {file} ({documents} documents)", markup=False, highlight=False, soft_wrap=True)


# --- output commands (serve, report, export) -----------------------------------------------------


class ExportFormat(StrEnum):
    """Formats of ``export``."""

    CSV = "csv"
    CSV_NL = "csv-nl"
    XLSX = "xlsx"
    JSON = "json"
    ICS = "ics"


class ReportFormatOpt(StrEnum):
    """Formats of ``report``."""

    MD = "md"
    HTML = "html"
    CSV = "csv"
    CSV_NL = "csv-nl"
    XLSX = "xlsx"


OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="File to write; standard output when absent.")
]


def _out_write(content: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(content, bytes):
            _stderr().print("an .xlsx file is binary: name it with --output/-o", markup=False)
            raise typer.Exit(2)
        sys.stdout.write(content)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        output.write_bytes(content)
    else:
        output.write_text(content, encoding="utf-8", newline="")
    _stderr().print(f"written: {output}", markup=False, highlight=False)


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option("--host", help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port to listen on (default 8000).")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the dashboard and the JSON API (read-only), by default on http://127.0.0.1:8000."""
    import uvicorn

    from beleidsmonitor.web.app import create_app

    register = _reg_open(db, config)
    settings = register.settings.replace(
        **{k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    )
    listening = _bind(settings.host, settings.port)
    _stderr().print(f"beleidsmonitor on http://{settings.host}:{settings.port}", markup=False)
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, register), log_level="warning", server_header=False)
    )
    server.run(sockets=[listening])


def _bind(host: str, port: int) -> Any:
    """A listening socket on host:port, bound before the address is announced; exit 1 with one
    line naming the address when it is taken or not ours."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        _stderr().print(
            f"cannot listen on {host}:{port}: {error.strerror or error}; "
            "is another server running there? choose another with --port",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(1) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@app.command()
def report(
    dossier: Annotated[
        str | None, typer.Option("--dossier", help="Dossier number, e.g. 32824 (the progress report).")
    ] = None,
    rappel: Annotated[
        bool,
        typer.Option(
            "--rappel", help="The rappel: overdue commitments per ministry and bewindspersoon, oldest first."
        ),
    ] = False,
    ministry: MinistryOpt = None,
    bewindspersoon: PersonOpt = None,
    as_of: AsOfOpt = None,
    format: Annotated[
        ReportFormatOpt, typer.Option("--format", help="md or html; for --rappel also csv, csv-nl or xlsx.")
    ] = ReportFormatOpt.MD,
    output: OutputOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Progress report of one dossier (voortgangsbrief annex), or with --rappel the list of overdue
    commitments per ministry and bewindspersoon (as the Eerste Kamer's half-yearly rappel)."""
    from beleidsmonitor.errors import RegisterError
    from beleidsmonitor.outputs.report import ReportFormat, render_report
    from beleidsmonitor.register.overview import dossier_overview

    day = _as_of_day(as_of)
    if rappel:
        _rappel(day, ministry, bewindspersoon, format, output, db, config)
        return
    if not dossier:
        raise typer.BadParameter("give --dossier for a progress report, or --rappel", param_hint="--dossier")
    if format not in (ReportFormatOpt.MD, ReportFormatOpt.HTML):
        raise typer.BadParameter(
            f"{format.value} only with --rappel; a progress report is md or html", param_hint="--format"
        )
    with _reg_open(db, config) as register:
        try:
            overview = dossier_overview(register, dossier, day)
        except RegisterError as error:
            _fail(error)
            raise typer.Exit(1) from None
    _out_write(render_report(overview, ReportFormat(format.value)), output)


def _rappel(
    day: dt.date,
    ministry: str | None,
    bewindspersoon: str | None,
    format: ReportFormatOpt,
    output: Path | None,
    db: str | None,
    config: Path | None,
) -> None:
    from beleidsmonitor.outputs.rappel import rappel_csv, rappel_html, rappel_markdown, rappel_xlsx
    from beleidsmonitor.register.rappel import build_rappel

    with _reg_open(db, config) as register:
        ministry, bewindspersoon = _reg_filters(register, ministry, bewindspersoon)
        found = build_rappel(register, day, ministry, bewindspersoon)
    writers: dict[ReportFormatOpt, Callable[[Any], str | bytes]] = {
        ReportFormatOpt.MD: rappel_markdown,
        ReportFormatOpt.HTML: rappel_html,
        ReportFormatOpt.CSV: rappel_csv,
        ReportFormatOpt.CSV_NL: lambda r: rappel_csv(r, dutch_excel=True),
        ReportFormatOpt.XLSX: rappel_xlsx,
    }
    _out_write(writers[format](found), output)


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", help="csv, csv-nl (Dutch Excel: semicolons, Dutch labels), xlsx, json or ics."
        ),
    ] = ExportFormat.CSV,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    dossier: Annotated[str | None, typer.Option("--dossier", help="Only this dossier.")] = None,
    ministry: MinistryOpt = None,
    bewindspersoon: PersonOpt = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="open, due, overdue, partly_fulfilled, fulfilled, postponed or lapsed."
        ),
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="inform_parliament, deliverable or action.")
    ] = None,
    interval: Annotated[
        bool, typer.Option("--interval", help="ics: events span the whole due interval, not the deadline.")
    ] = False,
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url",
            help="ics: the dashboard's public address for links to it (default: none, only official links).",
        ),
    ] = "",
    corrections: Annotated[
        bool,
        typer.Option(
            "--corrections", help="Export the audit trail of corrections (JSON) instead of the commitments."
        ),
    ] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export the commitments (filtered) as CSV, Excel, JSON or an iCalendar file of their deadlines."""
    from beleidsmonitor.registry import ExportOptions, default_registry
    from beleidsmonitor.vocab import CommitmentKind, Status

    if corrections:
        from beleidsmonitor.outputs.corrections import corrections_to_json
        from beleidsmonitor.register.tracking import corrections_of

        with _reg_open(db, config) as register:
            _out_write(corrections_to_json(corrections_of(register)), output)
        return

    chosen_status = _choice(Status, status, "--status")
    chosen_kind = _choice(CommitmentKind, kind, "--kind")
    day = _as_of_day(as_of)
    with _reg_open(db, config) as register:
        ministry, bewindspersoon = _reg_filters(register, ministry, bewindspersoon)
        records = register.list_commitments(
            as_of=day,
            status=chosen_status,
            dossier=dossier,
            ministry=ministry,
            kind=chosen_kind,
            bewindspersoon=bewindspersoon,
        )
    exporter = default_registry().exporter(format.value)
    _out_write(
        exporter.export(records, ExportOptions(as_of=day, interval=interval, base_url=base_url)), output
    )


# --- the main job on the bundled example (demo) ---------------------------------------------------


@app.command()
def demo(
    as_of: AsOfOpt = None,
    report_path: Annotated[
        Path, typer.Option("--report", help="Where to write the progress report (Markdown).")
    ] = Path("beleidsmonitor-report.md"),
    serve_dashboard: Annotated[
        bool, typer.Option("--serve", help="Serve the dashboard afterwards (Ctrl+C stops it).")
    ] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Ingest the bundled example letter, print its register, write its report, show the dashboard address."""
    from importlib import resources

    from beleidsmonitor.batch import ingest_files, summarise
    from beleidsmonitor.outputs.report import ReportFormat, render_report
    from beleidsmonitor.register.overview import dossier_overview

    day = _as_of_day(as_of)
    example = resources.files("beleidsmonitor").joinpath("examples/kst-32824-47.txt")
    with resources.as_file(example) as path, _reg_open(db, config) as register:
        summary = summarise(ingest_files(register, [path], jobs=1))
        if summary.errors:
            for error in summary.errors:
                _stderr().print(f"{error.path}: {error.problem}", markup=False, highlight=False)
            raise typer.Exit(1)
        _track(register)
        records = register.list_commitments(as_of=day)
        _print_table(
            f"Register: {len(records)} toezeggingen per {day.isoformat()}",
            ["nr", "soort", "uiterlijk", "status", "toezegging"],
            [
                [
                    r.id,
                    kind_label(r.kind),
                    r.due.end.isoformat() if r.due is not None and r.due.end is not None else "",
                    status_label(r.status),
                    r.quote if len(r.quote) <= 90 else r.quote[:87] + "…",
                ]
                for r in records
            ],
        )
        dossiers = sorted({r.dossier for r in records if r.dossier})
        for dossier in dossiers:
            report = render_report(dossier_overview(register, dossier, day), ReportFormat.MARKDOWN)
            report_path.parent.mkdir(parents=True, exist_ok=True)
            report_path.write_text(report, encoding="utf-8")
        settings = register.settings
    console = _stdout()
    console.print(f"register: {settings.database_url}", markup=False, highlight=False)
    console.print(f"report:   {report_path.resolve()}", markup=False, highlight=False)
    console.print(
        f"dashboard: http://{settings.host}:{settings.port}/ "
        f"(run `beleidsmonitor serve`{'' if db is None else ' --db ' + db}, or `beleidsmonitor demo --serve`)",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if serve_dashboard:
        import uvicorn

        from beleidsmonitor.web.app import create_app

        with _reg_open(db, config) as register:
            uvicorn.run(
                create_app(register.settings, register),
                host=settings.host,
                port=settings.port,
                log_level="warning",
                server_header=False,
            )


# --- official sources (fetch, watch, import-toezeggingen) -----------------------------------------


class BodyFormat(StrEnum):
    """The body format ``fetch`` asks for first."""

    XML = "xml"
    HTML = "html"
    PDF = "pdf"


ListingOpt = Annotated[
    str,
    typer.Option("--listing", help="Which service lists a dossier: sru (KOOP SRU 2.0) or tk (Tweede Kamer)."),
]
DossierListOpt = Annotated[
    list[str] | None, typer.Option("--dossier", help="Dossier number (32824, 21501-07); repeatable.")
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Only documents published on or after this day (YYYY-MM-DD).")
]


def _with_register(record: Any) -> str:
    """The quote, preceded by the Chamber's register number and status when the register holds it."""
    if not record.official_number:
        return str(record.quote)
    return f"[{record.official_number}, {record.official_status}] {record.quote}"


def _fetch_client(register: Any) -> Any:
    from beleidsmonitor.sources.remote.client import PoliteClient

    return PoliteClient(register.settings)


def _fetch_run(register: Any, client: Any, ids: list[str], body: BodyFormat) -> tuple[list[Any], int]:
    """Fetch ``ids`` into the register with a progress bar; one line per failure. Returns events, failures."""
    from rich.progress import Progress

    from beleidsmonitor.fetch import fetch_documents

    events = []
    with Progress(console=_stderr(), transient=True) as progress:
        task = progress.add_task("fetching", total=len(ids))
        for event in fetch_documents(register, client, ids, body.value):
            events.append(event)
            if event.failed:
                progress.console.print(
                    f"{event.document_id}: {event.problem}", markup=False, highlight=False, soft_wrap=True
                )
            progress.update(task, completed=event.done, description=event.document_id)
    return events, sum(1 for e in events if e.failed)


def _fetch_listed(
    client: Any, dossiers: list[str], since: dt.date | None, listing: str
) -> tuple[list[str], int]:
    """The ids the listing service names for each dossier; one line per dossier that cannot be listed."""
    from beleidsmonitor.errors import RemoteError
    from beleidsmonitor.fetch import Listing, list_documents

    chosen = _choice(Listing, listing, "--listing") or Listing.SRU
    ids: list[str] = []
    failures = 0
    for dossier in dossiers:
        try:
            ids.extend(d.id for d in list_documents(client, dossier, since, chosen))
        except RemoteError as error:
            _fail(error)
            failures += 1
    return ids, failures


def _fetch_summary(events: list[Any], listed: int) -> str:
    added = [e for e in events if e.result is not None and e.result.added]
    return (
        f"listed: {listed}, fetched and stored: {len(added)}, "
        f"already stored: {sum(1 for e in events if e.skipped or (e.result is not None and not e.result.added))}, "
        f"commitments: {sum(e.result.commitments_new for e in added)}, "
        f"errors: {sum(1 for e in events if e.failed)}"
    )


@app.command()
def fetch(
    ids: Annotated[
        list[str] | None, typer.Argument(metavar="[KAMERSTUK]...", help="Kamerstuk ids, e.g. kst-32824-47.")
    ] = None,
    dossier: DossierListOpt = None,
    since: SinceOpt = None,
    listing: ListingOpt = "sru",
    body: Annotated[
        BodyFormat,
        typer.Option("--body", help="Body format asked first (xml, html, pdf); the others follow."),
    ] = BodyFormat.XML,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Fetch Kamerstukken from officielebekendmakingen.nl (by id or a whole dossier) into the register."""
    from beleidsmonitor.normalise.identifiers import parse_kamerstuk_id

    day = _date_option(since, "--since")
    for identifier in ids or []:
        try:
            if not parse_kamerstuk_id(identifier).nr:
                raise ValueError(identifier)
        except ValueError:
            raise typer.BadParameter(
                f"{identifier!r} is not a Kamerstuk id such as kst-32824-47", param_hint="KAMERSTUK"
            ) from None
    if not ids and not dossier:
        raise typer.BadParameter("name Kamerstuk ids or --dossier", param_hint="KAMERSTUK")
    with _reg_open(db, config) as register, _fetch_client(register) as client:
        listed, list_failures = _fetch_listed(client, dossier or [], day, listing)
        todo = [*(ids or []), *listed]
        events, failures = _fetch_run(register, client, todo, body)
        added = [e.document_id for e in events if e.result is not None and e.result.added]
        tracked = _track(register, added) if added or _untracked(register) else None
    _stdout().print(_fetch_summary(events, len(listed)), highlight=False, soft_wrap=True)
    if tracked is not None:
        _print_tracked(tracked)
    raise typer.Exit(1 if failures or list_failures else 0)


class WatchFormat(StrEnum):
    """Output formats of ``watch``."""

    TEXT = "text"
    JSON = "json"


def _watch_round(
    register: Any,
    client: Any,
    dossiers: list[str],
    day: dt.date,
    since: dt.date | None,
    listing: str,
    body: BodyFormat,
) -> tuple[list[Any], int]:
    """One round of ``watch``: list, fetch and track what is new, then each dossier's report (recorded).

    Returns the outgoing reports and how many documents or listings failed.
    """
    from beleidsmonitor.errors import RemoteError
    from beleidsmonitor.fetch import Listing, list_documents
    from beleidsmonitor.outputs.watch import WatchOut
    from beleidsmonitor.watch import record_run, watch_report

    chosen = _choice(Listing, listing, "--listing") or Listing.SRU
    listed: dict[str, list[str]] = {}
    problems: dict[str, list[str]] = {}
    for dossier in dossiers:
        try:
            listed[dossier] = [d.id for d in list_documents(client, dossier, since, chosen)]
        except RemoteError as error:
            _fail(error)
            listed[dossier] = []
            problems[dossier] = [f"{error.code.name} {error.reason} ({error.url})"]
    events, failures = _fetch_run(register, client, [i for ids in listed.values() for i in ids], body)
    added = [e.document_id for e in events if e.result is not None and e.result.added]
    if added:
        _track(register, added)
    outs = []
    for dossier in dossiers:
        wanted = set(listed[dossier])
        report, ran_at = watch_report(register, dossier, day)
        record_run(register, report, ran_at)
        lines = problems.get(dossier, []) + [
            f"{e.document_id}: {e.problem}" for e in events if e.failed and e.document_id in wanted
        ]
        fetched = sum(1 for i in added if i in wanted)
        outs.append(WatchOut.from_report(report, len(wanted), fetched, lines))
    return outs, failures + len(problems)


@app.command()
def watch(
    dossier: DossierListOpt = None,
    since: SinceOpt = None,
    listing: ListingOpt = "sru",
    body: Annotated[
        BodyFormat,
        typer.Option("--body", help="Body format asked first (xml, html, pdf); the others follow."),
    ] = BodyFormat.XML,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Status date (YYYY-MM-DD); default today, each round.")
    ] = None,
    interval: Annotated[
        int | None,
        typer.Option(
            "--interval",
            min=1,
            help="Keep watching: a round every this many seconds, until interrupted (Ctrl-C).",
        ),
    ] = None,
    format: Annotated[
        WatchFormat, typer.Option("--format", help="text (Dutch) or json (one line per round).")
    ] = WatchFormat.TEXT,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Fetch what is new in dossiers; report new, delivered and newly overdue commitments since the last run."""
    import time

    from beleidsmonitor.outputs.labels import watch_label
    from beleidsmonitor.outputs.watch import watch_to_json, watch_to_text

    fixed_day = _date_option(as_of, "--as-of")
    day_since = _date_option(since, "--since")
    if not dossier:
        raise typer.BadParameter("name at least one --dossier", param_hint="--dossier")
    failures = 0
    try:
        with _reg_open(db, config) as register, _fetch_client(register) as client:
            while True:
                day = fixed_day or dt.date.today()
                outs, failures = _watch_round(register, client, dossier, day, day_since, listing, body)
                if format is WatchFormat.JSON:
                    sys.stdout.write(watch_to_json(outs))
                else:
                    sys.stdout.write("\n".join(watch_to_text(o) for o in outs))
                sys.stdout.flush()
                if interval is None:
                    break
                time.sleep(interval)
    except KeyboardInterrupt:
        _stderr().print(watch_label("stopped"), markup=False, highlight=False)
        raise typer.Exit(0) from None
    raise typer.Exit(1 if failures else 0)


class RegisterSource(StrEnum):
    """Where ``import-toezeggingen`` reads a register from when no file is given."""

    TK = "tk"


@app.command("import-toezeggingen")
def import_toezeggingen_command(
    file: Annotated[
        Path | None,
        typer.Argument(help="Tweede Kamer OData JSON (Toezegging) or Eerste Kamer CSV (see README)."),
    ] = None,
    source: Annotated[
        RegisterSource | None,
        typer.Option("--source", help="tk: fetch the Tweede Kamer register from its open data."),
    ] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Import a Chamber's register of commitments (toezeggingen) beside the written commitments."""
    from beleidsmonitor.errors import RegisterError, RemoteError
    from beleidsmonitor.register.toezeggingen import (
        import_toezeggingen,
        read_register_file,
        read_tk_entities,
    )

    if (file is None) == (source is None):
        raise typer.BadParameter("name a FILE or --source tk, not both", param_hint="FILE")
    with _reg_open(db, config) as register:
        try:
            if file is not None:
                items, problems = read_register_file(file)
                origin = str(file)
            else:
                from beleidsmonitor.sources.remote.tweedekamer import fetch_toezeggingen

                origin = f"{register.settings.tk_odata_url}/Toezegging"
                with _fetch_client(register) as client:
                    items, problems = read_tk_entities(
                        fetch_toezeggingen(client, register.settings.tk_odata_url), origin
                    )
            result = import_toezeggingen(register, items, origin, problems)
        except (RegisterError, RemoteError) as error:
            _fail(error)
            raise typer.Exit(1) from None
    for problem in result.problems:
        _stderr().print(problem, markup=False, highlight=False, soft_wrap=True)
    _stdout().print(
        f"toezeggingen: {result.read} (new: {result.new}, updated: {result.updated}), "
        f"linked to written commitments: {result.linked}, own entries: {result.own}, "
        f"in the entry of the one they repeat or change: {result.repeats}, "
        f"errors: {len(result.problems)}",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(1 if result.problems else 0)
