"""Frozen, slotted dataclasses exchanged between the pipeline stages.

sources → SourceDocument; clean → CleanText; structure → Structure; extract → the extraction types;
pipeline → Analysis. All offsets in spans are offsets in the clean text; offsets in the source are
obtained only through :class:`beleidsmonitor.clean.offsets.OffsetMap`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from beleidsmonitor.vocab import (
    AmountKind,
    CommitmentKind,
    DocumentType,
    FulfilmentKind,
    MeasureState,
    Part,
    ReferenceKind,
    SourceFormat,
)

#: the days a status, a deadline filter or a document date may name; outside is an input error
#: (9999-12-31 would overflow the status arithmetic, 0001-01-01 is no date of a Kamerbrief)
FIRST_DAY = dt.date(1800, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of clean-text offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Interval:
    """An inclusive range of days; ``end`` is None for an open end ("vanaf januari 2014")."""

    start: dt.date
    end: dt.date | None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class SourceHints:
    """Metadata a structured format carries explicitly (XML/HTML meta tags); empty strings when absent."""

    identifier: str = ""
    title: str = ""
    date: str = ""
    dossier: str = ""
    ondernummer: str = ""
    vergaderjaar: str = ""


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A document as read from its file: text laid out in lines, as pdftotext would write it."""

    path: str
    format: SourceFormat
    text: str
    sha256: str
    hints: SourceHints = field(default_factory=SourceHints)
    #: footnotes a structured format delivers apart from the running text: (marker, text)
    footnotes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote split off the running text; ``anchor`` is the marker's span in the clean text if found."""

    marker: str
    text: str
    anchor: Span | None


@dataclass(frozen=True, slots=True)
class CleanText:
    """Normalised text with its map back to the source (see clean/offsets.py)."""

    text: str
    #: source offset of each clean-text character, plus one final entry for the end
    offsets: tuple[int, ...]
    footnotes: tuple[Footnote, ...]
    source: SourceDocument

    def source_span(self, span: Span) -> Span:
        """The source-text span that produced the clean-text ``span``."""
        if span.end == span.start:
            pos = self.offsets[span.start]
            return Span(pos, pos)
        return Span(self.offsets[span.start], self.offsets[span.end - 1] + 1)


@dataclass(frozen=True, slots=True)
class Signatory:
    """Who signed the letter, with role ("Minister") and ministry abbreviation ("SZW")."""

    name: str
    role: str
    ministry: str


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """What identifies a Kamerstuk (GUIDELINES.md, "The document")."""

    id: str
    dossier: str
    suffix: str
    nr: str
    vergaderjaar: str
    date: dt.date | None
    date_inferred: bool
    title: str
    dossier_title: str
    doc_type: DocumentType
    signatories: tuple[Signatory, ...]
    ministry: str
    addressee: str


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading with its level (1 title, 2 theme or top section, 3 topic)."""

    text: str
    level: int
    span: Span
    part: Part


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of running text or one list item."""

    span: Span
    part: Part
    list_item: bool
    #: index into Structure.headings of the nearest heading above, -1 when none
    section: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, with the paragraph it belongs to."""

    span: Span
    text: str
    part: Part
    paragraph: int
    #: index into Structure.headings of the nearest heading above, -1 when none
    section: int


@dataclass(frozen=True, slots=True)
class Structure:
    """The layout of a clean document."""

    metadata: DocumentMetadata
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    #: clean-text offset where the annex starts; len(text) when there is none
    annex_start: int

    def heading_path(self, section: int) -> tuple[str, ...]:
        """The texts of the headings from the top level down to ``section``."""
        if section < 0:
            return ()
        path: list[Heading] = [self.headings[section]]
        for i in range(section - 1, -1, -1):
            h = self.headings[i]
            if h.level < path[0].level and h.part == path[0].part:
                path.insert(0, h)
        return tuple(h.text for h in path)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression with its normalised interval (GUIDELINES.md, "Time expressions")."""

    span: Span
    text: str
    interval: Interval
    sentence: int


@dataclass(frozen=True, slots=True)
class Reference:
    """A citation of another document; ``id`` is None for a motion cited only by name."""

    span: Span
    text: str
    kind: ReferenceKind
    id: str | None
    url: str
    submitters: tuple[str, ...]
    sentence: int


@dataclass(frozen=True, slots=True)
class Amount:
    """Money (in its currency; ``currency`` is the ISO code), a percentage or a count of a unit, with
    its qualifier ("ruim", "circa")."""

    span: Span
    text: str
    kind: AmountKind
    value: Decimal
    currency: str
    unit: str
    qualifier: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation mention resolved to a canonical name where the gazetteer knows it."""

    span: Span
    text: str
    name: str
    abbreviation: str
    category: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Person:
    """A named person with the role the text gives them."""

    span: Span
    text: str
    name: str
    role: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Commitment:
    """A written promise of the government (GUIDELINES.md, "Commitments")."""

    span: Span
    quote: str
    kind: CommitmentKind
    actor: str
    object: str
    recipient: str
    time_text: str | None
    due: Interval | None
    also: tuple[TimeExpression, ...]
    section: str
    topic_path: tuple[str, ...]
    part: Part
    confidence: float
    evidence: tuple[str, ...]
    sentence: int


@dataclass(frozen=True, slots=True)
class FulfilmentEvidence:
    """A sentence in which the letter says it delivers now what was asked or promised before.

    Not a commitment (GUIDELINES.md, "Decided cases (real letters)"): "Hierbij informeer ik u over ...",
    "Zoals toegezegd in mijn brief van 12 mei 2015 (Kamerstuk 33 400, nr. 5) ...", "Met deze brief geef ik
    invulling aan de motie ...". The track stage resolves the cited references and dates to the promise.
    """

    span: Span
    quote: str
    kind: FulfilmentKind
    #: the words that show it ("hierbij", "zoals toegezegd", "uitvoering motie")
    cue: str
    #: the references cited in the sentence (Kamerstukken, motions, Handelingen)
    references: tuple[Reference, ...]
    #: the time expressions in the sentence ("mijn brief van 12 mei 2015", "het AO van 4 november")
    dates: tuple[TimeExpression, ...]
    sentence: int


@dataclass(frozen=True, slots=True)
class Measure:
    """The sentences under one topic heading, with the measure's state as of the document."""

    heading: str
    topic_path: tuple[str, ...]
    part: Part
    state: MeasureState
    evidence: tuple[str, ...]
    sentences: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything beleidsmonitor knows of one document."""

    clean: CleanText
    structure: Structure
    time_expressions: tuple[TimeExpression, ...]
    references: tuple[Reference, ...]
    amounts: tuple[Amount, ...]
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...]
    commitments: tuple[Commitment, ...]
    measures: tuple[Measure, ...]
    fulfilments: tuple[FulfilmentEvidence, ...] = ()

    @property
    def metadata(self) -> DocumentMetadata:
        """The document's metadata."""
        return self.structure.metadata


@dataclass(frozen=True, slots=True)
class ChunkAnalysis:
    """The analysis of one chunk of a large document (sources/chunks.py), placed in the whole document.

    The whole document's clean text is the chunks' clean texts joined by a blank line ("\\n\\n"); a
    span of ``analysis`` is at ``clean_start`` plus its offsets there, its source span at
    ``source_start`` plus the offsets ``analysis.clean`` gives.
    """

    analysis: Analysis
    index: int
    clean_start: int
    source_start: int
