"""Character-level normalisation: white space, NBSP, soft hyphens, ligatures; here and nowhere else.

Typographic quotes are kept as they stand (« », ’): the annotation quotes them verbatim. Each
replacement keeps a one-to-one or one-to-many mapping so that offsets stay traceable.
"""

from __future__ import annotations

import re
import unicodedata

#: characters replaced by a plain space
_SPACES = dict.fromkeys(
    ["\u00a0", "\u2007", "\u202f", "\u2009", "\u200a", "\u2002", "\u2003", "\t", "\u3000"], " "
)
#: characters dropped entirely (zero-width, soft hyphen inside a line, BOM)
_DROP = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
}


_SPECIAL = re.compile("[" + "".join([*_SPACES, *_DROP, *_LIGATURES]) + "\u0300-\u036f]")


def normalise_chars(text: str, start: int) -> tuple[str, list[int]]:
    """Normalise one line of source text that begins at source offset ``start``.

    Returns the normalised text and the source offset of each of its characters.
    """
    if not _SPECIAL.search(text):  # the common case: nothing to change
        return text, list(range(start, start + len(text)))
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        pos = start + i
        if ch in _DROP:
            continue
        if ch in _SPACES:
            ch = " "
        elif ch in _LIGATURES:
            rep = _LIGATURES[ch]
            out.extend(rep)
            offsets.extend([pos] * len(rep))
            continue
        elif not ch.isascii() and unicodedata.combining(ch) and out:
            # a combining mark: fold it into the previous character (NFC)
            combined = unicodedata.normalize("NFC", out[-1] + ch)
            if len(combined) == 1:
                out[-1] = combined
                continue
        out.append(ch)
        offsets.append(pos)
    return "".join(out), offsets
