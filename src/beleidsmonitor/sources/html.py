"""officielebekendmakingen HTML (``kst-….html``) → paragraphs, footnotes and hints.

Library: the standard library's ``html.parser``. It never fetches anything, tolerates the tag soup
real pages contain, and is fully typed; lxml.html would be faster but pulls in libxml2's HTML
parser and has no type information, and these pages are small. The parser feeds a minimal element
tree built here, so the reader can look for the document body before it writes anything.

What is read:

- the body of the Kamerstuk: the element with ``id="broodtekst"`` or class ``stuk`` when present,
  else ``<body>`` without ``header``, ``nav``, ``footer``, ``script``, ``style`` and ``form``;
- ``p``, ``h1``–``h6``, ``li``, ``dt``/``dd``, ``td``, ``blockquote`` and text held directly by a ``div``
  each become one paragraph on one line (``<br>`` keeps its line break); blocks are separated by a blank
  line; a list item is a line starting with its explicit number or dash (``<span class="nr">``),
  else with "– " in ``ul`` and its position in ``ol``; consecutive items (nested lists included)
  form one block;
- footnotes: elements with class ``noot`` or ``voetnoot`` outside the running text (inside a block
  with class ``noten``/``voetnoten``, or the notes themselves) are delivered in
  SourceDocument.footnotes as (marker, text); the marker in the text (``<sup>1</sup>``) stays inline;
- the signature (class ``ondertekening``) is one block with a line per child;
- ``<meta name="DC.identifier" …>`` and its siblings (see layout.META_HINTS) fill SourceHints.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.model import SourceDocument, SourceHints
from beleidsmonitor.sources.layout import MAX_DEPTH, Layout, hints_from_meta
from beleidsmonitor.sources.text import decode_text
from beleidsmonitor.vocab import SourceFormat

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_SKIPPED = frozenset({"head", "header", "nav", "footer", "script", "style", "form", "noscript", "template"})
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "blockquote", "pre"})
_CONTAINERS = frozenset(
    {"div", "section", "article", "main", "body", "html", "aside", "table", "tbody", "tr"}
)
_NOTE_CLASSES = frozenset({"noot", "voetnoot"})
_NOTES_CLASSES = frozenset({"noten", "voetnoten"})
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


@dataclass(slots=True)
class _Element:
    """A node of the minimal tree: tag, attributes and children (elements or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[_Element | str] = field(default_factory=list)

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[_Element]:
        yield self
        for child in self.children:
            if isinstance(child, _Element):
                yield from child.iter()


class _TreeBuilder(HTMLParser):
    """Builds an _Element tree, closing unclosed elements the way browsers do, roughly."""

    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#document", {})
        self._stack = [self.root]
        self._path = path

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs})
        if tag in ("p", "li", "dt", "dd") and self._stack[-1].tag == tag:
            self._stack.pop()  # an unclosed <p> or <li> ends at the next one
        self._stack[-1].children.append(element)
        if tag not in _VOID:
            if len(self._stack) > MAX_DEPTH:
                # elements left open (tag soup) count too: the walk recurses per level of this tree
                raise DocumentError(
                    self._path, Code.D012, f"more than {MAX_DEPTH} levels of open elements (at <{tag}>)"
                )
            self._stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].children.append(_Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


def read_html(data: bytes, path: str) -> SourceDocument:
    """Read an officielebekendmakingen HTML page.

    Raises:
        DocumentError: D002 when the bytes are not text, D003 on a malformed declaration, D012 when
            elements nest deeper than MAX_DEPTH, D011 when the page holds no text.
    """
    builder = _TreeBuilder(path)
    markup = decode_text(data, path)
    try:
        builder.feed(markup)
        builder.close()
    except AssertionError as exc:
        # html.parser reports a malformed declaration ("<![CDAT") by raising AssertionError
        raise DocumentError(path, Code.D003, f"malformed markup ({exc})") from exc
    root = builder.root
    reading = Layout()
    _walk(_body(root), reading)
    text = reading.text()
    if not text:
        raise DocumentError(path, Code.D011)
    return SourceDocument(
        path=path,
        format=SourceFormat.HTML,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        hints=_hints(root),
        footnotes=tuple(reading.footnotes),
    )


def _body(root: _Element) -> _Element:
    """The Kamerstuk's own content when marked, else the whole page."""
    for element in root.iter():
        if element.attrs.get("id") == "broodtekst" or "stuk" in element.classes:
            return element
    return root


def _hints(root: _Element) -> SourceHints:
    """SourceHints from the <meta name=… content=…> elements."""
    metas = (
        (element.attrs.get("name", ""), element.attrs.get("content", ""))
        for element in root.iter()
        if element.tag == "meta"
    )
    return SourceHints(**hints_from_meta(metas))


def _walk(element: _Element, reading: Layout) -> None:
    """Append the blocks ``element`` contributes."""
    if element.tag in _SKIPPED:
        return
    if element.classes & _NOTE_CLASSES and element.tag in ("div", "li", "p", "dd"):
        _footnote(element, reading)
        return
    if "ondertekening" in element.classes:
        lines = [_inline(child) for child in element.children if isinstance(child, _Element)]
        reading.add_block("\n".join(line for line in lines if line) or _inline(element))
    elif element.tag in ("ul", "ol"):
        _list(element, reading)
    elif element.tag in _BLOCKS:
        reading.add_block(_inline(element))
    elif element.tag in _CONTAINERS or element.tag.startswith("#") or element.classes & _NOTES_CLASSES:
        _mixed(element, reading)
    else:
        reading.add_block(_inline(element))


def _mixed(element: _Element, reading: Layout) -> None:
    """A container: text directly inside it forms paragraphs between its block children."""
    run: list[_Element | str] = []
    for child in element.children:
        if isinstance(child, _Element) and (child.tag not in _INLINE or child.tag in _SKIPPED):
            reading.add_block(_inline(_Element("#run", {}, run)))
            run = []
            _walk(child, reading)
        else:
            run.append(child)
    reading.add_block(_inline(_Element("#run", {}, run)))


_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s"}
    | {"samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "font", "#run"}
)


def _list(element: _Element, reading: Layout) -> None:
    """Each item on its own line, starting with its number or dash."""
    position = 0
    for item in element.children:
        if not isinstance(item, _Element) or item.tag != "li":
            continue
        position += 1
        if item.classes & _NOTE_CLASSES:
            _footnote(item, reading)
            continue
        marker, rest = _item_marker(item)
        if not marker:
            marker = str(position) if element.tag == "ol" else "–"
        first: list[_Element | str] = []
        blocks: list[_Element] = []
        for child in rest:
            if isinstance(child, _Element) and child.tag not in _INLINE:
                if not first and child.tag == "p" and not blocks:
                    first = list(child.children)
                else:
                    blocks.append(child)
            elif not blocks:
                first.append(child)
            else:
                blocks.append(_Element("#run", {}, [child]))
        reading.add_item(marker, _inline(_Element("#run", {}, first)))
        for block in blocks:
            _walk(block, reading)


def _item_marker(item: _Element) -> tuple[str, list[_Element | str]]:
    """An explicit number or dash (<span class="nr">, as officielebekendmakingen writes it) and the rest."""
    for index, child in enumerate(item.children):
        if isinstance(child, str) and not child.strip():
            continue
        if isinstance(child, _Element) and child.classes & {"nr", "li-nr", "lijstnummer"}:
            return _inline(child), item.children[index + 1 :]
        break
    return "", item.children


def _footnote(element: _Element, reading: Layout) -> None:
    """Record a footnote: its marker (a leading <sup> or number) and its text."""
    text = _inline(element)
    marker = ""
    for child in element.iter():
        if child is not element and (child.tag == "sup" or child.classes & {"nr", "noot-nr", "nootnummer"}):
            marker = _inline(child)
            break
    if marker and text.startswith(marker):
        text = text[len(marker) :].strip()
    elif not marker:
        match = re.match(r"(\d+)\s+(.*)", text, re.DOTALL)
        if match:
            marker, text = match[1], match[2]
    reading.add_footnote(marker, text)


def _inline(element: _Element) -> str:
    """The text of ``element`` on one line, keeping <br> as a line break."""
    pieces = "".join(_inline_parts(element))
    lines = (_SPACE.sub(" ", line).strip() for line in pieces.split("\x00"))
    return "\n".join(line for line in lines if line)


def _inline_parts(element: _Element) -> Iterator[str]:
    """Text pieces in document order; "\\x00" stands for a <br> until the lines are split."""
    for child in element.children:
        if isinstance(child, str):
            yield child
        elif child.tag == "br":
            yield "\x00"
        elif child.tag in _SKIPPED:
            continue
        elif child.tag in _INLINE:
            yield from _inline_parts(child)
        else:
            yield "\x00"
            yield from _inline_parts(child)
            yield "\x00"
