"""The registry: built-ins registered like add-ons, checked extractor order, replacement by name."""

import datetime as dt
from pathlib import Path

import pytest

from beleidsmonitor.model import Amount, Span
from beleidsmonitor.pipeline import analyse
from beleidsmonitor.registry import (
    ExporterSpec,
    ExportOptions,
    ExtractorSpec,
    Registry,
    RegistryError,
    default_registry,
    register_builtins,
)
from beleidsmonitor.sources import read_source
from beleidsmonitor.vocab import AmountKind, ReferenceKind, SourceFormat

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"


def test_builtins_cover_every_format_and_field() -> None:
    registry = default_registry()
    for source_format in SourceFormat:
        assert callable(registry.reader(source_format))
    assert [s.adds for s in registry.ordered_extractors()] == [
        "time_expressions",
        "references",
        "amounts",
        "organisations",
        "people",
        "commitments",
        "measures",
        "fulfilments",
    ]
    assert registry.exporter_names == ("csv", "csv-nl", "ics", "json", "xlsx")


def test_an_extractor_whose_need_comes_later_is_refused() -> None:
    registry = Registry()
    registry.register_extractor(ExtractorSpec("measures", ("commitments",), lambda x: ()))
    with pytest.raises(RegistryError, match="needs commitments before it"):
        registry.ordered_extractors()


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(RegistryError, match="allowed: time_expressions"):
        Registry().register_extractor(ExtractorSpec("tweets", (), lambda x: ()))


def test_an_add_on_replaces_a_builtin_extractor_through_the_same_method() -> None:
    registry = Registry()
    register_builtins(registry)

    def every_number(x):  # type: ignore[no-untyped-def]
        return (Amount(Span(0, 2), x.text[:2], AmountKind.COUNT, 1, "", "", "", 0),)

    registry.register_extractor(ExtractorSpec("amounts", (), every_number))
    analysis = analyse(read_source(EXAMPLE), date=dt.date(2013, 12, 19), registry=registry)
    assert [a.text for a in analysis.amounts] == ["In"]
    # the other built-ins still run: the 31 citations of the gold file (letters cited by date apart)
    assert sum(r.kind is not ReferenceKind.BRIEF for r in analysis.references) == 31


def test_exporters_are_found_by_name() -> None:
    registry = Registry()
    registry.register_exporter(
        ExporterSpec("lines", "text/plain", lambda records, o: f"{len(records)} {o.as_of}")
    )
    assert registry.exporter("lines").export([], ExportOptions(as_of=dt.date(2014, 7, 1))) == "0 2014-07-01"
    with pytest.raises(RegistryError, match="available: lines"):
        registry.exporter("pdf")
