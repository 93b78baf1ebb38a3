"""beleidsmonitor: a register of the commitments in Dutch parliamentary letters.

Public API:
    read_document(path)            the file as a SourceDocument (format sniffed from the content)
    analyse(path_or_source, ...)   everything extracted from one letter, as an Analysis
    open_register(settings)        the register (SQLite by default, PostgreSQL by URL)
The model types of the stages are re-exported from :mod:`beleidsmonitor.model`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beleidsmonitor.errors import BeleidsmonitorError, DocumentError, RegisterError, SettingsError
from beleidsmonitor.model import (
    Amount,
    Analysis,
    CleanText,
    Commitment,
    DocumentMetadata,
    Heading,
    Interval,
    Measure,
    Organisation,
    Person,
    Reference,
    Sentence,
    SourceDocument,
    Span,
    Structure,
    TimeExpression,
)
from beleidsmonitor.settings import Settings, load_settings
from beleidsmonitor.sources import read_source

if TYPE_CHECKING:
    from beleidsmonitor.register.store import Register

__all__ = [
    "Amount",
    "Analysis",
    "BeleidsmonitorError",
    "CleanText",
    "Commitment",
    "DocumentError",
    "DocumentMetadata",
    "Heading",
    "Interval",
    "Measure",
    "Organisation",
    "Person",
    "Reference",
    "Register",
    "RegisterError",
    "Sentence",
    "Settings",
    "SettingsError",
    "SourceDocument",
    "Span",
    "Structure",
    "TimeExpression",
    "analyse",
    "load_settings",
    "open_register",
    "read_document",
]

__version__ = "0.1.0"


def read_document(path: str | Path) -> SourceDocument:
    """Read a letter from ``path`` (plain text, PDF, HTML, XML or DOCX).

    Raises:
        DocumentError: the file is missing, empty, damaged, unsafe or of an unsupported format.
    """
    return read_source(path)


def analyse(
    document: str | Path | SourceDocument, date: dt.date | None = None, identifier: str = ""
) -> Analysis:
    """Analyse one letter: clean, structure and extract.

    Args:
        document: a path or a document already read.
        date: the letter's date when the text lacks it; anchors relative time expressions.
        identifier: the official id ("kst-32824-47") when the text lacks it.

    Returns:
        The Analysis with metadata, structure and every extraction.

    Raises:
        DocumentError: the file cannot be read.
    """
    from beleidsmonitor.pipeline import analyse as analyse_source

    source = document if isinstance(document, SourceDocument) else read_source(document)
    return analyse_source(source, date=date, identifier=identifier)


def open_register(settings: Settings) -> Register:
    """Open the register that ``settings`` names (migrated to the current schema).

    Raises:
        RegisterError: the database cannot be opened.
    """
    from beleidsmonitor.register.store import open_register as open_store

    return open_store(settings)


def __getattr__(name: str) -> Any:
    # the register pulls in SQLAlchemy: load it only when asked for
    if name == "Register":
        from beleidsmonitor.register.store import Register

        return Register
    raise AttributeError(f"module 'beleidsmonitor' has no attribute {name!r}")
