"""Letter versus annex, and the header block before the body.

The annex starts at its own title after the signature ("De Minister van …," and a name). The
header block (dossier title, "Nr. … BRIEF VAN …", addressee, "Den Haag, <date>") precedes the body
and holds no headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from beleidsmonitor.clean.header import ADDRESSEE, DOC_HEAD, PLACE_DATE
from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.structure.blocks import Block


@cache
def signature_pattern() -> re.Pattern[str]:
    """A block that opens a signature: "De Minister van Sociale Zaken en Werkgelegenheid,"."""
    roles = "|".join(re.escape(r) for r in load_toml("layout.toml")["parts"]["signature_roles"])
    return re.compile(
        rf"^(?:De|de|Namens de|namens de)\s+(?P<role>{roles})\s+(?P<of>(?:van|voor)\s+[^\n\d().;:]{{3,160}}?),(?=\s|$)"
    )


NAME = re.compile(
    r"^(?:(?:[A-Z][a-z]?\.\s?)+)?(?:(?:van|de|der|den|ter|te|in 't|van der|van den)\s)*[A-Z][\w’'-]+"
    r"(?:[ -](?:(?:van|de|der|den|ter|te)\s)*[A-Z][\w’'-]+)*$"
)


def split_signature(block_text: str) -> tuple[str, str, str]:
    """(role, "van|voor <ministry>", name) of a signature block; the name is empty when on its own block.

    The ministry may contain commas ("voor Langdurige Zorg, Jeugd en Sport,"): the name is what follows
    the last comma that leaves a name behind it.
    """
    m = signature_pattern().match(block_text)
    if m is None:
        return "", "", ""
    line = block_text.split("\n")[0].strip()
    head = line[m.start("of") :]
    if head.endswith(","):
        return m.group("role"), head[:-1].strip(), ""
    for pos in [i for i, ch in enumerate(head) if ch == ","][::-1]:
        rest = head[pos + 1 :].strip()
        if NAME.match(rest):
            return m.group("role"), head[:pos].strip(), rest
    return m.group("role"), m.group("of"), ""


@dataclass(frozen=True, slots=True)
class Parts:
    """Indices into the block list: first body block, the signature blocks and the annex start."""

    body_start: int
    signature: tuple[int, ...]
    annex_start: int


def find_parts(text: str, blocks: Sequence[Block]) -> Parts:
    """Locate the body, the signature and the annex among ``blocks``."""
    body_start = 0
    limit = min(len(blocks), 15)
    for i, block in enumerate(blocks[:limit]):
        first = text[block.items[0].start : block.items[0].end]
        if PLACE_DATE.match(first) or ADDRESSEE.match(first) or DOC_HEAD.match(first):
            body_start = i + 1
    signature: list[int] = []
    annex_start = len(blocks)
    for i in range(body_start, len(blocks)):
        first = text[blocks[i].items[0].start : blocks[i].items[0].end]
        if signature_pattern().match(first):
            j = i
            want_name = False
            while j < len(blocks):
                block_text = text[blocks[j].span.start : blocks[j].span.end]
                role, _, name = split_signature(block_text)
                if role:
                    signature.append(j)
                    # the name may stand in the same block or in the next one
                    want_name = not name
                    j += 1
                elif want_name and NAME.match(block_text.strip()):
                    signature.append(j)
                    want_name = False
                    j += 1
                else:
                    break
            annex_start = j
            break
    return Parts(body_start=body_start, signature=tuple(signature), annex_start=annex_start)
