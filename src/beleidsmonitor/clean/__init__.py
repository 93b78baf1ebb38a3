"""Cleaning stage: SourceDocument → CleanText.

Joins lines into paragraphs and list items, joins words broken at line ends (dehyphenate.py), removes
page furniture and splits off footnotes (furniture.py), normalises characters (unicode.py) and white
space, and keeps the offset of every clean character in the source (offsets.py).

Layout of the clean text: blocks (paragraphs, headings) are separated by a blank line; the list items
inside one block stand on lines of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from beleidsmonitor.clean.dehyphenate import Join, decide_join
from beleidsmonitor.clean.furniture import find_marker, is_furniture, is_lone_number, looks_like_footnote
from beleidsmonitor.clean.header import (
    HEADER_LINES,
    SHORT_SHARE,
    closes_sentence,
    ends_paragraph,
    header_length,
    header_pieces,
    opens_header_line,
    wrap_width,
    wraps,
)
from beleidsmonitor.clean.offsets import OffsetMapBuilder
from beleidsmonitor.clean.unicode import normalise_chars
from beleidsmonitor.lang.nl import load_lines, load_toml
from beleidsmonitor.model import CleanText, Footnote, SourceDocument, Span

__all__ = ["clean"]


@dataclass(slots=True)
class _Line:
    text: str
    offsets: list[int]
    page_start: bool = False


@dataclass(slots=True)
class _Block:
    lines: list[_Line] = field(default_factory=list)
    page_start: bool = False
    heading: bool = False  # a heading line that stood directly above its text (_split_heading_lines)


_TERMINAL = (".", "!", "?", ":", ";")
_NUMBERED_ITEM = re.compile(r"^(\d{1,2})[.)]?\s+\S")


@cache
def _bullets() -> tuple[str, ...]:
    return tuple(load_toml("layout.toml")["lists"]["bullets"])


@cache
def _bullet_starts() -> tuple[str, ...]:
    return tuple(b + " " for b in _bullets())


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in load_lines("abbreviations.txt"))


def _squash(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Collapse runs of spaces to one and strip both ends, keeping offsets aligned."""
    lead = len(text) - len(text.lstrip(" "))
    core = text.strip(" ")
    if "  " not in core:  # the common case: at most a space at either end
        return core, offsets[lead : lead + len(core)]
    out: list[str] = []
    offs: list[int] = []
    for ch, pos in zip(text, offsets, strict=True):
        if ch == " " and (not out or out[-1] == " "):
            continue
        out.append(ch)
        offs.append(pos)
    if out and out[-1] == " ":
        out.pop()
        offs.pop()
    return "".join(out), offs


def _split_header_lines(lines: list[tuple[str, int, bool]]) -> list[tuple[str, int, bool]]:
    """Cut a first line that runs the header block together into one line per header line."""
    out: list[tuple[str, int, bool]] = []
    content = 0
    for line, start, page_start in lines:
        if line.strip() and content < HEADER_LINES:
            content += 1
            for a, b in header_pieces(line):
                out.append((line[a:b], start + a, page_start))
            continue
        out.append((line, start, page_start))
    return out


def _source_lines(text: str) -> list[tuple[str, int, bool]]:
    """(line, start offset, starts a page) for every line; form feeds start a page."""
    lines: list[tuple[str, int, bool]] = []
    pos = 0
    page_start = True
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        pieces = raw.split("\f")
        off = start
        for k, piece in enumerate(pieces):
            if k > 0:
                page_start = True
                if not piece.strip():
                    off += len(piece) + 1
                    continue
            lines.append((piece.rstrip("\r"), off, page_start))
            page_start = False
            off += len(piece) + 1
    return lines


def _is_bullet_line(text: str) -> bool:
    return text.startswith(_bullet_starts())


@cache
def _empty_item() -> re.Pattern[str]:
    bullets = "".join(re.escape(b) for b in _bullets())
    return re.compile(rf"^[{bullets}]\s*(?:\d{{1,2}}[.)]?)?\s*$")


def _is_empty_item(text: str) -> bool:
    """Whether a line holds only a bullet and perhaps its number ("• 2."): its text is on the next line."""
    return _empty_item().match(text) is not None


def _in_list_item(lines: list[_Line]) -> bool:
    """Whether the last of ``lines`` is a list item's line: it opens with a bullet, or its bullet and
    number stand alone on the line above it."""
    return bool(lines) and (
        _is_bullet_line(lines[-1].text) or (len(lines) > 1 and _is_empty_item(lines[-2].text))
    )


def _ends_open(text: str) -> bool:
    return not text.rstrip().endswith(_TERMINAL)


def _starts_item(prev: str, line: str, prev_numbered: bool) -> bool:
    """Whether ``line`` opens a new list item after the line ``prev`` of the same block."""
    if _is_bullet_line(line):
        return True
    m = _NUMBERED_ITEM.match(line)
    if not m or int(m.group(1)) > 30:
        return False
    rest = line[m.end() - 1 :]
    if not rest[:1].isupper():
        return False
    prev = prev.rstrip()
    if prev_numbered:
        return True
    if prev.endswith((":", ";")):
        return True
    if prev.endswith("."):
        last = prev.rsplit(" ", 1)[-1].lower()
        return last not in _abbreviations()
    return False


def _blocks(source: SourceDocument) -> tuple[list[_Block], list[tuple[str, str]]]:
    """Group content lines into blocks; drop furniture; split off footnotes."""
    raw = _split_header_lines(_source_lines(source.text))
    content_lines = [ln for ln, _, _ in raw if ln.strip()]
    leading = sum(1 for ln in content_lines if ln.startswith(" "))
    use_leading_space = bool(content_lines) and leading / len(content_lines) < 0.2
    header = header_length(content_lines)
    width = wrap_width(
        [len(raw[i][0].strip()) for i in range(len(raw) - 1) if raw[i][0].strip() and raw[i + 1][0].strip()]
    )
    content_index = -1
    previous = ""

    blocks: list[_Block] = []
    footnotes: list[tuple[str, str]] = []
    current = _Block()
    pending_page = True
    seen_text: list[str] = []
    marker_from = 0

    def close() -> None:
        nonlocal current
        if current.lines:
            blocks.append(current)
        current = _Block()

    for i, (line, start, page_start) in enumerate(raw):
        if page_start:
            pending_page = True
        if not line.strip():
            close()
            continue
        prev_blank = i == 0 or not raw[i - 1][0].strip() or raw[i][2]
        next_blank = i + 1 >= len(raw) or not raw[i + 1][0].strip() or raw[i + 1][2]
        if is_furniture(line, prev_blank or next_blank):
            close()
            if is_lone_number(line):
                # a page number, or a footnote's number on a line of its own above its text: the
                # footnote pass below decides, the number is kept as a block of its own until then
                number, number_offsets = _squash(*normalise_chars(line, start))
                blocks.append(_Block(lines=[_Line(number, number_offsets, page_start)]))
            pending_page = True
            continue
        text, offsets = normalise_chars(line, start)
        text, offsets = _squash(text, offsets)
        if not text:
            close()
            continue
        content_index += 1
        if current.lines and _is_empty_item(previous):
            pass  # the text of a list item whose bullet and number stand on the line above ("• 2.")
        elif use_leading_space and line.startswith(" ") and current.lines:
            close()
            pending_page = True
        elif (
            current.lines
            and (
                (content_index < header and opens_header_line(text, previous))
                or content_index == header
                or ends_paragraph(previous, width)
                # a label ending in a colon, broken off where the next word would still have fit
                or (previous.endswith(":") and text[:1].isupper() and not wraps(previous, text, width))
                or (
                    _signature_start().match(text) and (closes_sentence(previous) or _whole_role(text, width))
                )
            )
        ):
            close()
        if not current.lines:
            current.page_start = pending_page
            pending_page = False
        current.lines.append(_Line(text, offsets, page_start))
        previous = text

    close()
    # the signature block ends after its name first: an annex title right under it opens a block
    blocks = _split_heading_lines(_split_signature_blocks(blocks), width)

    # footnotes: short blocks opening with a number whose glued marker appears in the text before
    kept: list[_Block] = []
    # structured formats deliver their footnotes apart from the running text
    detect = not source.footnotes
    skip_next = False
    for k, block in enumerate(blocks):
        if skip_next:
            skip_next = False
            continue
        lines = [ln.text for ln in block.lines]
        lone = len(lines) == 1 and is_lone_number(lines[0])
        if lone and k + 1 < len(blocks):
            lines += [ln.text for ln in blocks[k + 1].lines]  # "1" above "Ter inzage gelegd …"
        number, note = looks_like_footnote(lines) if detect else ("", "")
        if number:
            joined = "\n".join(seen_text)
            found = find_marker(joined, number, marker_from)
            if found >= 0:
                marker_from = found + len(number)
                footnotes.append((number, note))
                skip_next = lone
                continue
        if lone:
            continue  # a page number
        kept.append(block)
        seen_text.extend(ln.text for ln in block.lines)
    return kept, footnotes


@cache
def _closing_formulas() -> frozenset[str]:
    return frozenset(load_toml("layout.toml")["parts"]["closing_formulas"])


@cache
def _signature_start() -> re.Pattern[str]:
    roles = "|".join(re.escape(r) for r in load_toml("layout.toml")["parts"]["signature_roles"])
    return re.compile(rf"^(?:de|De|namens de)\s+(?:{roles})\s+(?:van|voor)\s")


#: a lettered sub-item or sub-heading: "a. Bestuurlijke afspraken", "b) De regeling"
_LETTERED = re.compile(r"^[a-z][.)]\s+[A-Z]")
#: a heading line: a section number ("2.1", "IV.", "§ 3") or none, a capital, no closing punctuation
#: inside (a comma may stand inside, a question mark at the end: "Wat is gepast gebruik?")
_HEADING_LINE = re.compile(
    r"^(?:(?:§\s*)?\d{1,2}(?:\.\d{1,2})*\.?\s+|[IVX]{1,5}\.?\s+)?[A-ZÀ-Ý][^.!?:;]*(?<!,)\??$"
)
#: the most words of a heading line (as structure/headings.py reads a heading block)
_HEADING_WORDS = 14


#: a signatory's initials after the role's comma ("De Minister van Defensie, J.A. Hennis-Plasschaert")
_ROLE_THEN_INITIALS = re.compile(r",\s+(?:[A-Z][a-z]?\.\s*)+[A-Z]")


def _whole_role(line: str, width: int) -> bool:
    """Whether a line is a signature's whole role ("De Minister van Defensie,"), perhaps with the name
    after it: it ends in a comma or has initials after one, well short of the wrap width, so the text
    above it cannot run on into it."""
    return (line.endswith(",") or _ROLE_THEN_INITIALS.search(line) is not None) and len(
        line
    ) < SHORT_SHARE * width


def _split_heading_lines(blocks: list[_Block], width: int) -> list[_Block]:
    """Give a heading that stands directly above its text (no blank line between) a block of its own.

    A heading line is much shorter than the text lines (or the next line's first word would have fit
    on it within the wrap ``width``), has at most ``_HEADING_WORDS`` words and no closing
    punctuation, starts with a capital (or a section number), follows a closed sentence or a list
    item that stops short of the wrap width, or opens the block, is no signature's role, and is followed
    by a line that starts with a capital.
    """
    lengths = sorted(len(ln.text) for b in blocks for ln in b.lines)
    if not lengths:
        return blocks
    median = lengths[len(lengths) // 2]
    out: list[_Block] = []
    for b, block in enumerate(blocks):
        current = _Block(page_start=block.page_start)
        for k, line in enumerate(block.lines):
            if k + 1 < len(block.lines):
                nxt = block.lines[k + 1].text
            else:  # the last line of a block of several: the heading of the next block's text
                nxt = blocks[b + 1].lines[0].text if k and b + 1 < len(blocks) else ""
            prev = current.lines[-1].text if current.lines else ""
            heading = (
                nxt
                and (nxt[:1].isupper() or _is_bullet_line(nxt) or _LETTERED.match(nxt) is not None)
                and (len(line.text) <= 0.6 * median or not wraps(line.text, nxt, width))
                and len(line.text.split()) <= _HEADING_WORDS
                and _HEADING_LINE.match(line.text) is not None
                and not _is_bullet_line(line.text)
                and (
                    not prev
                    or closes_sentence(prev)
                    # a list item that ends where the heading's first word would still have fit
                    or (_in_list_item(current.lines) and not wraps(prev, line.text, width))
                )
                and not _is_empty_item(prev)
                and not _signature_start().match(line.text)
            )
            if heading:
                if current.lines:
                    out.append(current)
                out.append(_Block(lines=[line], page_start=False, heading=True))
                current = _Block()
                continue
            current.lines.append(line)
        if current.lines:
            out.append(current)
    return out


#: the most lines a signature's role takes ("De Minister van Onderwijs, Cultuur en" / "Wetenschap,")
_ROLE_LINES = 3
#: the most words of a signature's name line
_NAME_WORDS = 8


def _split_signature_blocks(blocks: list[_Block]) -> list[_Block]:
    """End a signature block after its name line: what follows without a blank line (an annex title,
    a second signature) opens a block of its own.

    The signature opens its block with a role ("De Minister van …,", possibly over a few lines, the
    last ending in a comma); the next short line is the name.
    """
    out: list[_Block] = []
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        lines = block.lines
        cut = 0
        if _signature_start().match(lines[0].text):
            role_end = next(
                (j for j in range(min(_ROLE_LINES, len(lines))) if lines[j].text.rstrip().endswith(",")), -1
            )
            name = role_end + 1
            if role_end >= 0 and name + 1 < len(lines) and len(lines[name].text.split()) <= _NAME_WORDS:
                cut = name + 1
        if cut:
            out.append(_Block(lines=lines[:cut], page_start=block.page_start))
            queue.insert(0, _Block(lines=lines[cut:], page_start=False))
        else:
            out.append(block)
    return out


def _continues(prev: _Block, nxt: _Block) -> bool:
    """Whether block ``nxt`` continues the paragraph of block ``prev`` (a page or layout break)."""
    last = prev.lines[-1].text
    first = nxt.lines[0].text
    if not _ends_open(last) or last in _closing_formulas() or _signature_start().match(first):
        return False
    if _is_bullet_line(first) or (_NUMBERED_ITEM.match(first) and first.split(" ", 1)[-1][:1].isupper()):
        return False
    if first[:1].islower():
        return _LETTERED.match(first) is None
    if last.endswith("-") and len(last) > 1 and last[-2].isalpha():
        return True
    if decide_join(last, first) is Join.TOUCH:
        return True
    # a sentence cut by a page break runs on over the furniture, also before a capital ("uw" | "Kamer");
    # a heading or a signature name on either side is a block of one short line without a full stop
    if (
        nxt.page_start
        and (len(prev.lines) > 1 or len(last.split()) > 10)
        and (len(nxt.lines) > 1 or not _ends_open(first))
    ):
        return True
    # a list item whose first line pdftotext set apart (hanging indent), not a heading after the list
    return _is_bullet_line(last) and not nxt.heading


def _write_item(out: OffsetMapBuilder, lines: list[_Line]) -> None:
    prev_text = ""
    for k, line in enumerate(lines):
        if k == 0:
            out.mapped(line.text, line.offsets)
            prev_text = line.text
            continue
        join = decide_join(prev_text, line.text)
        if join is Join.DROP_HYPHEN:
            out.drop_last()
            out.mapped(line.text, line.offsets)
        elif join is Join.KEEP_HYPHEN or join is Join.TOUCH:
            out.mapped(line.text, line.offsets)
        else:
            out.insert(" ", line.offsets[0] - 1 if line.offsets else 0)
            out.mapped(line.text, line.offsets)
        prev_text = line.text


def clean(source: SourceDocument) -> CleanText:
    """Clean a source document: one function, the whole cleaning stage.

    Args:
        source: the document as a reader produced it.

    Returns:
        The clean text, its offset map to ``source.text`` and the footnotes split off it.
    """
    blocks, raw_notes = _blocks(source)
    merged: list[_Block] = []
    for block in blocks:
        if merged and _continues(merged[-1], block):
            merged[-1].lines.extend(block.lines)
        else:
            merged.append(block)

    out = OffsetMapBuilder()
    for b, block in enumerate(merged):
        if b:
            out.insert("\n\n", block.lines[0].offsets[0] if block.lines[0].offsets else 0)
        items: list[list[_Line]] = [[block.lines[0]]]
        numbered = bool(_NUMBERED_ITEM.match(block.lines[0].text))
        for line in block.lines[1:]:
            if _starts_item(items[-1][-1].text, line.text, numbered):
                items.append([line])
                numbered = bool(_NUMBERED_ITEM.match(line.text))
            else:
                items[-1].append(line)
        for k, item in enumerate(items):
            if k:
                out.insert("\n", item[0].offsets[0] if item[0].offsets else 0)
            _write_item(out, item)
    text, offsets = out.build(len(source.text))

    footnotes: list[Footnote] = []
    search_from = 0
    for marker, note in [*raw_notes, *source.footnotes]:
        pos = find_marker(text, marker, search_from)
        anchor = Span(pos, pos + len(marker)) if pos >= 0 else None
        if pos >= 0:
            search_from = pos + len(marker)
        footnotes.append(Footnote(marker=marker, text=note, anchor=anchor))
    return CleanText(text=text, offsets=offsets, footnotes=tuple(footnotes), source=source)
