"""officielebekendmakingen XML ("officiele-publicaties" format) → paragraphs, footnotes and hints.

Library: defusedxml (PSF licence) wraps the standard library's parser and refuses entity
declarations and external references, so an XXE or billion-laughs file fails fast with a named
reason (D007) instead of reading local files or exhausting memory; no DTD is ever loaded and
nothing is fetched. The stdlib ElementTree it returns is typed and enough for this walk.

Layout written, one block per paragraph, blocks separated by a blank line:

- ``<al>`` (alinea) → a paragraph on one line; ``<tussenkop>`` and ``<kop>`` (its ``<nr>`` and
  ``<titel>`` joined by a space) → a heading paragraph;
- ``<lijst><li><li.nr>–</li.nr><al>…`` → a line "– …" (the item's number or dash, a space, its first
  alinea); the items of a list, nested lists included, are consecutive lines of one block; a further
  alinea of an item is a block of its own;
- ``<noot>`` inside a paragraph → its marker (``<noot.nr>``) stays in the running text as the
  superscript does in print ("bijgevoegd1"), its text goes to SourceDocument.footnotes;
- ``<kamerstukkop>``, ``<dossier>`` (number and title), ``<stuknr>`` with the stuk's ``<titel>``, the salutation and
  ``<ondertekening>`` (one line per alinea) are written as they would be printed;
- ``<metadata><meta name=… content=…>`` is not text: it fills SourceHints.

An XML file that is not an officiele-publicatie is read by the same rules: the text of elements that
hold text directly becomes a paragraph.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]

from beleidsmonitor.errors import Code, DocumentError
from beleidsmonitor.model import SourceDocument, SourceHints
from beleidsmonitor.sources.layout import MAX_DEPTH, Layout, hints_from_meta
from beleidsmonitor.vocab import SourceFormat

#: elements whose text is never part of the running text
_SKIPPED = frozenset({"metadata", "meta", "li.nr"})
#: elements whose content is one paragraph
_PARAGRAPHS = frozenset({"al", "tussenkop", "titel", "vergaderjaar", "kamer", "richting", "slotformule"})
_SPACE = re.compile(r"\s+")
#: how the house style prints a Kamer number in the kamerstukkop
_KAMERS = {"1": "Eerste Kamer der Staten-Generaal", "2": "Tweede Kamer der Staten-Generaal"}


def read_xml(data: bytes, path: str) -> SourceDocument:
    """Read an officielebekendmakingen XML document.

    Raises:
        DocumentError: D007 when the XML declares entities, references external resources or is not
            well-formed; D012 when its elements nest deeper than MAX_DEPTH; D011 when it holds no text.
    """
    root = parse_xml(data, path)
    check_depth(root, path)
    reading = Layout()
    _walk(_local(root.tag), root, reading)
    text = reading.text()
    if not text:
        raise DocumentError(path, Code.D011)
    return SourceDocument(
        path=path,
        format=SourceFormat.XML,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        hints=_hints(root),
        footnotes=tuple(reading.footnotes),
    )


def parse_xml(data: bytes, path: str) -> ET.Element:
    """Parse ``data`` refusing entity declarations and external references.

    Raises:
        DocumentError: D007 naming the entity, the external reference or the syntax error.
    """
    try:
        root: ET.Element = SafeET.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            detail = (
                f"external entity {exc.name!r} → {exc.sysid or exc.pubid} (an XXE attack: it would read "
                "a file or URL); external entities are not allowed"
            )
        else:
            detail = (
                f"entity declaration {exc.name!r} (entity expansion, as in a billion-laughs attack); "
                "entity declarations are not allowed"
            )
        raise DocumentError(path, Code.D007, detail) from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        detail = f"external reference to {exc.sysid or exc.pubid} (XXE); external references are not allowed"
        raise DocumentError(path, Code.D007, detail) from exc
    except defusedxml.DTDForbidden as exc:
        raise DocumentError(path, Code.D007, "a document type declaration is not allowed") from exc
    except ET.ParseError as exc:
        raise DocumentError(path, Code.D007, f"not well-formed ({exc})") from exc
    except (LookupError, UnicodeError) as exc:  # the declaration names an encoding Python lacks
        raise DocumentError(path, Code.D007, f"the declared encoding cannot be read ({exc})") from exc
    return root


def check_depth(root: ET.Element, path: str, limit: int = MAX_DEPTH) -> None:
    """Refuse a tree nested deeper than ``limit``, measured without recursion.

    The parser itself (expat) builds any depth iteratively; the walk below recurses per level.

    Raises:
        DocumentError: D012 naming the limit and the element where it is passed.
    """
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            raise DocumentError(
                path, Code.D012, f"more than {limit} levels of elements (at <{_local(element.tag)}>)"
            )
        stack.extend((child, depth + 1) for child in element)


def _local(tag: object) -> str:
    """The tag without a namespace; '' for comments and processing instructions."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _hints(root: ET.Element) -> SourceHints:
    """SourceHints from <meta> elements, falling back on the kamerstuk's own numbers."""
    metas = (
        (meta.get("name", ""), meta.get("content", "")) for meta in root.iter() if _local(meta.tag) == "meta"
    )
    found = hints_from_meta(metas)
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "dossiernr" and "dossier" not in found:
            found["dossier"] = _inline(element)
        elif tag == "ondernummer" and "ondernummer" not in found:
            found["ondernummer"] = _inline(element)
    return SourceHints(**found)


def _walk(tag: str, element: ET.Element, reading: Layout) -> None:
    """Append the blocks ``element`` contributes."""
    if tag in ("metadata", "meta") or not tag:
        return
    if tag == "kamer":
        number = element.get("nummer", "")
        reading.add_block(_KAMERS.get(number, _inline(element, reading)))
    elif tag == "dossier":
        _dossier(element, reading)
    elif tag == "stuk":
        _stuk(element, reading)
    elif tag == "kop":
        parts = [
            _inline(child, reading) for child in element if _local(child.tag) in ("nr", "titel", "label")
        ]
        reading.add_block(" ".join(p for p in parts if p))
    elif tag == "lijst":
        for item in element:
            if _local(item.tag) == "li":
                _item(item, reading)
    elif tag == "ondertekening":
        lines = [_inline(child, reading) for child in element.iter() if _local(child.tag) == "al"]
        reading.add_block("\n".join(line for line in lines if line))
    elif tag in _PARAGRAPHS:
        reading.add_block(_inline(element, reading))
    elif (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        # mixed content ("<plaats>Den Haag</plaats>, <datum>…</datum>") is one paragraph
        reading.add_block(_inline(element, reading))
    else:
        for child in element:
            _walk(_local(child.tag), child, reading)


def _dossier(element: ET.Element, reading: Layout) -> None:
    """The dossier line as printed: "32 824 Integratiebeleid"."""
    number = ""
    title = ""
    for child in element.iter():
        tag = _local(child.tag)
        if tag == "dossiernr" and not number:
            number = _inline(child, reading)
        elif tag == "titel" and not title:
            title = _inline(child, reading)
    if number.isdigit() and len(number) > 3:
        number = f"{number[:-3]} {number[-3:]}"
    reading.add_block(" ".join(p for p in (number, title) if p))


def _stuk(element: ET.Element, reading: Layout) -> None:
    """The stuk's number and title on one line as printed ("Nr. 47 BRIEF VAN …"), then its content."""
    head = []
    for child in element:
        tag = _local(child.tag)
        if tag == "stuknr":
            number = _inline(child, reading)
            head.append(f"Nr. {number}" if number.isdigit() else number)
        elif tag == "titel" and len(head) < 2:
            head.append(_inline(child, reading))
    reading.add_block(" ".join(p for p in head if p))
    for child in element:
        if _local(child.tag) not in ("stuknr", "titel"):
            _walk(_local(child.tag), child, reading)


def _item(item: ET.Element, reading: Layout) -> None:
    """A list item: its number or dash and first alinea as a line; nested lists continue the block."""
    marker = ""
    first = True
    for child in item:
        tag = _local(child.tag)
        if tag == "li.nr":
            marker = _inline(child, reading)
        elif first and tag == "al":
            reading.add_item(marker, _inline(child, reading))
            first = False
        else:
            _walk(tag, child, reading)
    if first:
        reading.add_item(marker, "")


def _inline(element: ET.Element, reading: Layout | None = None) -> str:
    """The element's text on one line; footnotes become their marker and are collected in ``reading``."""
    return _SPACE.sub(" ", "".join(_inline_parts(element, reading))).strip()


def _inline_parts(element: ET.Element, reading: Layout | None) -> Iterator[str]:
    """Text pieces of ``element`` in document order, footnote bodies left out."""
    yield element.text or ""
    for child in element:
        tag = _local(child.tag)
        if tag == "noot":
            marker = _footnote(child, reading)
            yield marker
        elif tag and tag not in _SKIPPED:
            yield from _inline_parts(child, reading)
        yield child.tail or ""


def _footnote(noot: ET.Element, reading: Layout | None) -> str:
    """Record a <noot> and return its marker."""
    marker = ""
    paragraphs = []
    for child in noot:
        tag = _local(child.tag)
        if tag == "noot.nr":
            marker = _inline(child)
        elif tag in ("noot.al", "al"):
            paragraphs.append(_inline(child, reading))
    if reading is None:
        return marker
    return reading.add_footnote(marker, " ".join(paragraphs))
