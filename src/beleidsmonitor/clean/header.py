"""The header block of a Kamerstuk letter and the paragraph breaks that single line breaks stand for.

The header block (GUIDELINES.md, "Decided cases (real letters)": it is neither heading nor sentence)
holds the dossier line ("24 515 Preventie en bestrijding …"), "Nr. 455", "BRIEF VAN DE MINISTER …",
"Vergaderjaar 2018-2019", the addressee and "Den Haag, <date>". Plain text copied from a page or
from a PDF puts these on lines of their own with or without blank lines between them: each opens a
block of its own, and the block closes after the place-and-date line (after the addressee when the
date line is missing). Only the first lines of the text are searched.
A page that runs the whole header block together on one line has that line cut before each header
form and after the date (``header_pieces``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

PLACE_DATE = re.compile(r"^(?:Den Haag|'s-Gravenhage|’s-Gravenhage),?\s+\d{1,2}\s+\w+\s+\d{4}\s*$")
ADDRESSEE = re.compile(r"^Aan de [Vv]oorzitter van de (?:Tweede|Eerste) Kamer")
DOC_HEAD = re.compile(r"^(?:[Nn]r\.\s*\d+\s+[A-Z]{3,}|(?:BRIEF|MOTIE|VERSLAG|NOTA) VAN\b)")
_DOSSIER = re.compile(r"^\d{2}\s?\d{3}(?:\s|-|$)")
#: lines that stand alone: "Nr. 455", "nr. 6", "Vergaderjaar 2018-2019"
_ALONE = re.compile(r"^(?:[Nn]r\.\s*\d+|Vergaderjaar\s+\d{4}\s*[–-]\s*\d{4})\s*$")
#: the header ends within this many non-blank lines
HEADER_LINES = 12


_PLACE = r"(?:Den Haag|'s-Gravenhage|’s-Gravenhage),?\s+\d{1,2}\s+\w+\s+\d{4}"
_INLINE_PLACE_DATE = re.compile(_PLACE)
#: where a header line starts inside a line that runs the header block together
_INLINE_START = re.compile(
    rf"\s(?=[Nn]r\.\s*\d+\s|(?:BRIEF|MOTIE|VERSLAG|NOTA) VAN\b|Aan de [Vv]oorzitter\b|{_PLACE})"
)


def header_pieces(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each header line in ``line`` when a page ran the header block together on
    one line ("27 830 Materieelprojecten Nr. 147 BRIEF VAN … Den Haag, 16 februari 2015 In reactie op
    …"), the text after the date last; the whole line when it holds no place-and-date."""
    date = _INLINE_PLACE_DATE.search(line)
    if date is None or (date.start() == 0 and not line[date.end() :].strip()):
        return [(0, len(line))]
    starts = [m.end() for m in _INLINE_START.finditer(line) if m.end() <= date.start()]
    cuts = [0, *starts, date.end(), len(line)]
    pieces = []
    for start, end in itertools.pairwise(cuts):
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if start < end:
            pieces.append((start, end))
    return pieces


def header_length(lines: Sequence[str]) -> int:
    """How many of the first non-blank ``lines`` form the header block; 0 when there is none."""
    head = [line.strip() for line in lines[:HEADER_LINES]]
    for pattern in (PLACE_DATE, ADDRESSEE):
        last = max((i for i, line in enumerate(head) if pattern.match(line)), default=-1)
        if last >= 0:
            return last + 1
    return 0


def opens_header_line(line: str, previous: str) -> bool:
    """Whether ``line`` of the header block starts a block of its own after the line ``previous``."""
    line, previous = line.strip(), previous.strip()
    return any(p.match(line) for p in (_DOSSIER, _ALONE, DOC_HEAD, ADDRESSEE, PLACE_DATE)) or any(
        p.match(previous) for p in (_ALONE, ADDRESSEE, PLACE_DATE)
    )


#: a closed sentence, perhaps with a closing quote or bracket and a glued footnote marker ("Motie#21.2")
_CLOSED = re.compile(r"[.!?][»”’\")]?\d{0,2}$")
#: a line this much shorter than the text's wrap width ends its paragraph when it ends a sentence
SHORT_SHARE = 0.8
#: lines longer than this are not wrapped: each line of such a text is a paragraph of its own
UNWRAPPED = 200


def wrap_width(lengths: Sequence[int]) -> int:
    """The width at which the text's paragraphs are wrapped: the 90th percentile of the lengths of
    lines followed by another line of the same block."""
    if not lengths:
        return 0
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


#: proportional fonts: a wrapped line may stop this share of the wrap width short of the next word
_WRAP_SLACK = 0.9


def wraps(line: str, following: str, width: int) -> bool:
    """Whether the break after ``line`` can be a wrap: the first word of ``following`` would not have
    fit on it within the wrap ``width`` (with some slack for proportional fonts)."""
    word = following.split(" ", 1)[0]
    return width <= 0 or len(line) + 1 + len(word) > _WRAP_SLACK * width


def closes_sentence(line: str) -> bool:
    """Whether ``line`` ends with a closed sentence."""
    return _CLOSED.search(line) is not None


def ends_paragraph(line: str, width: int) -> bool:
    """Whether a line followed by another without a blank line ends its paragraph: in a text that is
    not wrapped, always; otherwise when it ends a sentence and stops well short of the wrap width (a
    hard-wrapped line runs up to it)."""
    if width > UNWRAPPED:
        return True
    return width > 0 and len(line) < SHORT_SHARE * width and closes_sentence(line)
