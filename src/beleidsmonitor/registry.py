"""Name → reader, extractor and exporter; the project's own features register exactly like add-ons.

Every extension point is one ``register_*`` method of :class:`Registry`. The built-ins are registered
by :func:`register_builtins`; an add-on package declares an entry point in the group
``beleidsmonitor.plugins`` that names a function taking the registry, and registers its readers,
extractors or exporters with the same methods (replacing a built-in by registering its name again).
:func:`default_registry` builds the registry once: built-ins first, then the add-ons.

Extractors declare what they need and what they add; :meth:`Registry.ordered_extractors` checks that
every need is added by an earlier extractor, so the pipeline's order is verified, not assumed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from beleidsmonitor.model import Footnote, SourceDocument, Structure
from beleidsmonitor.vocab import SourceFormat

if TYPE_CHECKING:
    from beleidsmonitor.register.store import CommitmentRecord

log = logging.getLogger(__name__)

#: the extraction fields of model.Analysis an extractor can fill
EXTRACTION_FIELDS = (
    "time_expressions",
    "references",
    "amounts",
    "organisations",
    "people",
    "commitments",
    "measures",
    "fulfilments",
)

Reader = Callable[[bytes, str], SourceDocument]


@dataclass(frozen=True, slots=True)
class ExtractionInput:
    """What an extractor sees: the clean text, its structure, the anchor date and earlier results."""

    text: str
    structure: Structure
    anchor: dt.date
    found: dict[str, tuple[Any, ...]]
    #: the notes split off the text, whose citations count as the anchor's
    footnotes: tuple[Footnote, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """An extractor: the Analysis field it fills (``adds``), what it needs and the pure function."""

    adds: str
    needs: tuple[str, ...]
    run: Callable[[ExtractionInput], tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Options an exporter may use."""

    as_of: dt.date
    interval: bool = False
    #: the dashboard's public address for links back to it; "" links only to the official sources
    base_url: str = ""


@dataclass(frozen=True, slots=True)
class ExporterSpec:
    """An exporter of register entries: its name, media type and function."""

    name: str
    media_type: str
    export: Callable[[Sequence[CommitmentRecord], ExportOptions], str | bytes]


class RegistryError(ValueError):
    """A registration is inconsistent (an unknown field, a need nothing adds)."""


class Registry:
    """The readers, extractors and exporters in use."""

    def __init__(self) -> None:
        self._readers: dict[SourceFormat, Reader] = {}
        self._extractors: dict[str, ExtractorSpec] = {}
        self._exporters: dict[str, ExporterSpec] = {}

    def register_reader(self, source_format: SourceFormat, reader: Reader) -> None:
        """Read ``source_format`` with ``reader`` (bytes, path → SourceDocument)."""
        self._readers[source_format] = reader

    def register_extractor(self, spec: ExtractorSpec) -> None:
        """Fill ``spec.adds`` with ``spec.run``; replaces an extractor of the same field."""
        if spec.adds not in EXTRACTION_FIELDS:
            raise RegistryError(f"extractor adds {spec.adds!r}; allowed: {', '.join(EXTRACTION_FIELDS)}")
        self._extractors[spec.adds] = spec

    def register_exporter(self, spec: ExporterSpec) -> None:
        """Offer ``spec`` under its name; replaces an exporter of the same name."""
        self._exporters[spec.name] = spec

    def reader(self, source_format: SourceFormat) -> Reader:
        """The reader of a format."""
        return self._readers[source_format]

    def exporter(self, name: str) -> ExporterSpec:
        """The exporter called ``name``."""
        try:
            return self._exporters[name]
        except KeyError:
            raise RegistryError(
                f"no exporter {name!r}; available: {', '.join(sorted(self._exporters))}"
            ) from None

    @property
    def exporter_names(self) -> tuple[str, ...]:
        """The names of the registered exporters."""
        return tuple(sorted(self._exporters))

    def ordered_extractors(self) -> tuple[ExtractorSpec, ...]:
        """The extractors in registration order, checked: each need is added by an earlier one."""
        added: set[str] = set()
        for spec in self._extractors.values():
            missing = [n for n in spec.needs if n not in added]
            if missing:
                raise RegistryError(f"extractor of {spec.adds!r} needs {', '.join(missing)} before it")
            added.add(spec.adds)
        return tuple(self._extractors.values())


def register_builtins(registry: Registry) -> None:
    """Register the project's own readers, extractors and exporters."""
    from beleidsmonitor.extract.amounts import find_amounts
    from beleidsmonitor.extract.commitment_model import load_commitment_model
    from beleidsmonitor.extract.commitments import find_commitments
    from beleidsmonitor.extract.fulfilments import find_fulfilment_evidence
    from beleidsmonitor.extract.measures import find_measures
    from beleidsmonitor.extract.organisations import find_organisations
    from beleidsmonitor.extract.people import find_people
    from beleidsmonitor.extract.references import find_references
    from beleidsmonitor.extract.timex import find_time_expressions, in_body
    from beleidsmonitor.sources import READERS

    for source_format, reader in READERS.items():
        registry.register_reader(source_format, reader)

    def sentences(x: ExtractionInput) -> Any:
        return x.structure.sentences

    registry.register_extractor(
        ExtractorSpec(
            "time_expressions",
            (),
            lambda x: in_body(find_time_expressions(x.text, sentences(x), x.anchor), x.text, x.structure),
        )
    )
    registry.register_extractor(
        ExtractorSpec("references", (), lambda x: find_references(x.text, sentences(x), x.footnotes))
    )
    registry.register_extractor(ExtractorSpec("amounts", (), lambda x: find_amounts(x.text, sentences(x))))
    registry.register_extractor(
        ExtractorSpec("organisations", (), lambda x: find_organisations(x.text, sentences(x)))
    )
    registry.register_extractor(ExtractorSpec("people", (), lambda x: find_people(x.text, sentences(x))))
    registry.register_extractor(
        ExtractorSpec(
            "commitments",
            ("time_expressions",),
            lambda x: find_commitments(
                x.text, x.structure, x.found["time_expressions"], x.anchor, load_commitment_model()
            ),
        )
    )
    registry.register_extractor(
        ExtractorSpec(
            "measures", ("commitments",), lambda x: find_measures(x.text, x.structure, x.found["commitments"])
        )
    )
    registry.register_extractor(
        ExtractorSpec(
            "fulfilments",
            ("time_expressions", "references"),
            lambda x: find_fulfilment_evidence(
                sentences(x), x.found["time_expressions"], x.found["references"]
            ),
        )
    )
    registry.register_exporter(ExporterSpec("csv", "text/csv", _export_csv))
    registry.register_exporter(ExporterSpec("csv-nl", "text/csv", _export_csv_nl))
    registry.register_exporter(
        ExporterSpec(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _export_xlsx
        )
    )
    registry.register_exporter(ExporterSpec("json", "application/json", _export_json))
    registry.register_exporter(ExporterSpec("ics", "text/calendar", _export_ics))


# The exporters load the register's modules (and SQLAlchemy) only when an export runs.


def _export_csv(records: Sequence[CommitmentRecord], options: ExportOptions) -> str:
    from beleidsmonitor.outputs.tables import commitments_to_csv

    return commitments_to_csv(records, options.as_of)


def _export_csv_nl(records: Sequence[CommitmentRecord], options: ExportOptions) -> str:
    from beleidsmonitor.outputs.tables import CsvDialect, commitments_to_csv

    return commitments_to_csv(records, options.as_of, CsvDialect.EXCEL_NL)


def _export_xlsx(records: Sequence[CommitmentRecord], options: ExportOptions) -> bytes:
    from beleidsmonitor.outputs.xlsx import commitments_to_xlsx

    return commitments_to_xlsx(records, options.as_of)


def _export_json(records: Sequence[CommitmentRecord], options: ExportOptions) -> str:
    from beleidsmonitor.outputs.tables import commitments_to_json

    return commitments_to_json(records, options.as_of)


def _export_ics(records: Sequence[CommitmentRecord], options: ExportOptions) -> str:
    from beleidsmonitor.outputs.calendar import EventSpan, commitments_to_ics

    span = EventSpan.INTERVAL if options.interval else EventSpan.DEADLINE
    return commitments_to_ics(records, span=span, base_url=options.base_url, as_of=options.as_of)


def load_plugins(registry: Registry) -> None:
    """Let every installed add-on (entry point group ``beleidsmonitor.plugins``) register its features."""
    for entry in entry_points(group="beleidsmonitor.plugins"):
        log.info("loading add-on %s", entry.name)
        entry.load()(registry)


@cache
def default_registry() -> Registry:
    """The registry with the built-ins and every installed add-on (built once)."""
    registry = Registry()
    register_builtins(registry)
    load_plugins(registry)
    registry.ordered_extractors()
    return registry
