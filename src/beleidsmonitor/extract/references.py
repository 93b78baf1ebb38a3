"""Citations of other documents in a clean text, each with its normalised id.

What it finds, best-effort (GUIDELINES.md, "References"):

- ``kamerstuk``: "Kamerstuk 32 824, nr. 7", with or without the space in the dossier number, a Roman or
  letter suffix with or without a space or with a hyphen ("33 400 XV", "33 400XV", "33 400-XII") or a numeric one ("21 501-20"), without
  the comma ("30 950 nr. 62"), without the space ("nr.55"), with chamber and vergaderjaar ("Kamerstukken
  II 2013/14, 32 824, nr. 47"), the number after a letter suffix and a hyphen as in the id ("32 123
  XIII-17"), bare with its number ("(32 824, nr. 6)"), one item per number after a
  plural ("nrs. 7, 17 en 22", "nrs. 12-14"), one item per dossier sharing a number ("Kamerstukken 32 824 en
  29 279, nr. 148"), and a dossier without a number ("Kamerstuk 35 732" → ``kst-35732``). Every item
  of one citation carries the citation's whole text.
- ``motie``: "motie Hamer/Van Weyenberg (Kamerstuk 29 544, nr. 457)", "motie Segers cs. (…)", "motie
  Dik-Faber (33 400 XII, nr. 45)" (a bare Kamerstuk in brackets), "motie Azmani en Yücel (…)", "motie Hamer/Van Weyenberg, Kamerstuk 29 544, nr. 457", "motie van het lid …",
  "de motie-Rog/Hamer (…)", "de motie-Van der Staaij c.s. over <a short description> (Kamerstuk …)",
  "de motie van de heer Pechtold van <its date> (Kamerstuk …)", one
  item per number after "moties van het lid Ypma (…, nrs. 310 en 311)", and by name only ("de
  motie-Lucas", "de motie-Dik-Faber c.s.", id None). The Kamerstuk inside a motion is not a second item.
- ``handelingen``: "Handelingen II 2016/17, nr. 66, item 6" → ``h-tk-20162017-66-6``; "Aanhangsel
  Handelingen II 2013/14, nr. 1234" → ``ah-tk-20132014-1234``; page citations "blz. 1234-1240"; the
  older "Handelingen der Kamer II, vergaderjaar 2006–2007, nr. 82".
- ``brief``: a letter cited by its date ("de brief van 20 juni 2013"), id None; the gold schema leaves
  these out, so writers filter on the kind.
- ``url``: addresses with a scheme or "www.", bare domains with a common top-level domain and a name part
  of at least three letters or digits ("Oefenen.nl", "113.nl", not the typo "op.de"); a scheme separated from its address by
  a line break ("http:// www.x.nl") gives an item that starts at the address.

A citation in a footnote counts at the note's marker; one that the cut-off of a text ends ("nr. 1…") is
incomplete and left out. An adjective before "motie" ("de gewijzigde motie") is not part of the span.

Known misses: a Handelingen citation without its vergaderjaar ("Handelingen II 49 blz. 4599"); a
motion whose Kamerstuk follows after a clause ("de motie van de leden X en Y ..., met kenmerk 32 479,
nr. 3"); "de moties van Leijten (SP) en Van der Veen (PvdA)"; Eerste Kamer letter ondernummers ("Kamerstukken I 2013/14, 33 750, C"); "nr. 7 en 8" after
a singular "nr." (only 7 is read); a motion whose cited Kamerstuk follows a description that opens
with another word than ``description_openers`` or holds a bracket (the Kamerstuk is found as a
``kamerstuk`` item); in a plural list ("de moties Koerhuis c.s. (…) en Beckerman/Nijboer (…)") a motion
after the first is read only when each motion cites its Kamerstuk in brackets; addresses whose path a
line break split. Submitters of up to ``max_words`` (names.toml) capitalised words are read ("Bruins
Slot", "Jan Vos").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from beleidsmonitor.extract.phrases import FreeSpans, find_near
from beleidsmonitor.lang.nl import alternation, load_toml, word_alternation
from beleidsmonitor.model import Footnote, Reference, Sentence, Span
from beleidsmonitor.normalise.identifiers import (
    DOSSIER_NUMBER,
    DOSSIER_SUFFIX,
    handelingen_id,
    kamerstuk_id,
    officielebekendmakingen_url,
    url_id,
)
from beleidsmonitor.structure.locate import SentenceIndex
from beleidsmonitor.vocab import ReferenceKind

_DATA = load_toml("references.toml")
_PEOPLE = load_toml("names.toml")


def _alt_words(words: Sequence[str]) -> str:
    """Words as whole words: no letter may stand right before or after one."""
    return rf"{word_alternation(words)}(?![^\W_])"


def _capitalised(words: Sequence[str]) -> list[str]:
    return [*words, *(w[:1].upper() + w[1:] for w in words)]


_KST = _DATA["kamerstuk"]
_MOTIE = _DATA["motie"]
_HAND = _DATA["handelingen"]
_URL = _DATA["url"]

# --- named fragments -------------------------------------------------------------------------------
VERGADERJAAR = r"\d{4}\s*[/–-]\s*(?:\d{4}|\d{2})(?!\d)"
DOSSIER = rf"{DOSSIER_NUMBER}{DOSSIER_SUFFIX}?"
KAMERSTUK_WORD = _alt_words(_KST["words"])
CHAMBER = rf"(?:{alternation(_KST['chambers'])})(?![^\W_])"
NUMBER_WORD = rf"(?:{alternation(_KST['number_words'])})"
PLURAL_NUMBER_WORD = rf"(?:{alternation(_KST['plural_number_words'])})"
LIST_JOINER = rf"\s*(?:,|(?<=\s)(?:{alternation([j for j in _KST['list_joiners'] if j != ','])}))\s*"
RANGE_JOINER = rf"\s*(?:{alternation(_KST['range_joiners'])})\s*"
# an ondernummer that is not the start of the next dossier number ("nr. 7 en 29 544")
ONDERNUMMER = r"\d+(?!\d|\s\d{3}(?!\d))"
ONDERNUMMERS = rf"{ONDERNUMMER}(?:(?:{LIST_JOINER}|{RANGE_JOINER}){ONDERNUMMER})*"
# the ondernummer may follow a letter suffix after a hyphen, as in the id: "Kamerstuk 32 123 XIII-17"
SUFFIX_NUMBER = r"(?<=[A-Z])-\d{1,4}(?!\d)"
NUMBER_PART = (
    rf"(?:{PLURAL_NUMBER_WORD}\s*(?P<nrs>{ONDERNUMMERS})|{NUMBER_WORD}\s*(?P<nr>\d+)(?!\d)"
    rf"|(?<=[A-Z])-(?P<hnr>\d{{1,4}})(?!\d))"
)
DOSSIERS = rf"{DOSSIER}(?:{LIST_JOINER}{DOSSIER})*"
KAMERSTUK_HEAD = rf"{KAMERSTUK_WORD}(?:\s+{CHAMBER})?(?:,?\s+{VERGADERJAAR})?,?\s+"
KAMERSTUK = (
    rf"(?:(?P<head>{KAMERSTUK_HEAD})(?P<dossiers>{DOSSIERS})(?:,?\s*{NUMBER_PART})?"
    rf"|(?P<bare>{DOSSIER}),?\s*"
    rf"{NUMBER_PART.replace('?P<nrs>', '?P<bnrs>').replace('?P<nr>', '?P<bnr>').replace('?P<hnr>', '?P<bhnr>')})"
)

_PARTICLES = _PEOPLE["names"]["particles"]
PARTICLE = rf"(?:{alternation(_capitalised(_PARTICLES))})"
CAPITALISED_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:['’][^\W\d_]+)?"
NOT_A_NAME = rf"(?!(?:{alternation([*_KST['words'], *_HAND['words'], *_MOTIE['words']])})(?![^\W_]))"
NAME_WORD = rf"{NOT_A_NAME}{CAPITALISED_WORD}(?:-{CAPITALISED_WORD})*"
# up to ``max_words`` capitalised words on one line or across one line break ("Bruins Slot", "Jan Vos")
SURNAME = rf"{NOT_A_NAME}(?:{PARTICLE}\s+)*{NAME_WORD}(?:\s(?!\s){NAME_WORD}){{0,{int(_PEOPLE['names']['max_words']) - 1}}}"
SUBMITTER_JOINER = (
    rf"(?:\s*/\s*|\s*,\s*|\s+(?:{alternation([j for j in _MOTIE['submitter_joiners'] if j.isalpha()])})\s+)"
)
# a footnote marker may be glued to it ("Voordewind c.s.6")
CUM_SUIS = rf"(?:{alternation(_MOTIE['cum_suis'])})(?![^\W\d_])"
SUBMITTERS = rf"{SURNAME}(?:{SUBMITTER_JOINER}{SURNAME})*(?:\s+{CUM_SUIS})?"
MOTIE_WORD = _alt_words(_MOTIE["words"])
MEMBER_PHRASE = rf"(?:{alternation(_MOTIE['member_phrases'])})"
# the numbers of a motion's Kamerstuk: one, or one per motion after "moties ... nrs. 310 en 311"
CITED_NUMBER = rf"(?:{PLURAL_NUMBER_WORD}\s*{ONDERNUMMERS}|{NUMBER_WORD}\s*\d+(?!\d)|{SUFFIX_NUMBER})"
DESCRIPTION = rf"\s+(?:{alternation(_MOTIE['description_openers'])})(?![^\W_])[^().;]{{0,{int(_MOTIE['description_max'])}}}?"
# the motion's Kamerstuk in brackets, with or without the word "Kamerstuk" ("(33 400 XII, nr. 45)")
CITED_MOTIE = rf"\s*\(\s*(?P<paren>(?:{KAMERSTUK_HEAD})?{DOSSIER},?\s*{CITED_NUMBER})\s*\)"
MOTIE = (
    # the names follow on the same line or the next, not across a blank line (a heading "Moties" above)
    rf"(?P<word>{MOTIE_WORD})(?:-(?P<hyphen_names>{SUBMITTERS})"
    rf"|(?:[^\S\n]+|\n(?!\s))(?:{MEMBER_PHRASE}\s+)?(?P<names>{SUBMITTERS}))?"
    rf"(?:(?:{DESCRIPTION})?{CITED_MOTIE}"
    rf"|,\s*(?P<comma>{KAMERSTUK_HEAD}{DOSSIER},?\s*{CITED_NUMBER}))?"
)
# the next motion of a plural list, after "moties Koerhuis c.s. (Kamerstuk …)": "en Beckerman/Nijboer (…)"
NEXT_MOTIE = rf"(?:\s*,\s*|\s+en\s+)(?P<names>{SUBMITTERS})(?:{DESCRIPTION})?{CITED_MOTIE}"
# ... or, without Kamerstukken, the next "<name> c.s." ("de moties Marijnissen c.s. en Klaver c.s.")
NEXT_MOTIE_CS = rf"(?:\s*,\s*|\s+en\s+)(?P<names>{SURNAME}(?:{SUBMITTER_JOINER}{SURNAME})*\s+{CUM_SUIS})"

HANDELINGEN = (
    rf"(?:(?P<appendix>{alternation(_HAND['appendix_words'])})|{_alt_words(_HAND['words'])})"
    rf"(?:\s+(?:{alternation(_HAND['chamber_words'])}))?\s+(?P<chamber>{CHAMBER})"
    rf",?\s+(?:(?:{alternation(_HAND['year_words'])})\s+)?(?P<vj>{VERGADERJAAR}),?\s*(?:"
    rf"(?:{NUMBER_WORD}\s*)?(?P<nr>\d+)(?:,?\s*(?:{alternation(_HAND['item_words'])})\s*(?P<item>\d+))?"
    rf"|(?:{alternation(_HAND['page_words'])})\s*(?P<p1>\d+)(?:\s*[-–]\s*(?P<p2>\d+))?)(?!\d)"
)

BRIEF = (
    rf"{_alt_words(_DATA['brief']['words'])}\s+{re.escape(_DATA['brief']['date_joiner'])}\s+"
    r"\d{1,2}\s+[a-z]{3,}\s+\d{4}(?!\d)"
)

LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
URL_PATH = r"(?:/[^\s<>\"«»()\[\]]*)?"
HOST = rf"(?:{LABEL}\.)+(?:{alternation(_URL['tlds'])})(?![\w-])"
SCHEME = rf"(?:{alternation(_URL['schemes'])})"
URL = (
    rf"(?P<scheme>{SCHEME})(?P<gap>\s?)(?P<host>{HOST}){URL_PATH}"
    rf"|(?<![\w@./-])(?:{alternation(_URL['host_prefixes'])}){HOST}{URL_PATH}"
    rf"|(?<![\w@./-])(?:{LABEL}\.)*[A-Za-z0-9][A-Za-z0-9-]{{{int(_URL['bare_min_label']) - 1},}}"
    rf"\.(?:{alternation(_URL['bare_tlds'])})(?![\w@-]|\.[A-Za-z]){URL_PATH}"
)

#: every motion citation opens with a motion word: a text without one is not searched with the motion
#: patterns, which are compiled on first use (a tenth of the start-up of a process that reads no motion)
_MOTIE_WORD_RE = re.compile(MOTIE_WORD)


@cache
def _motie_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The motion pattern and those of the next motion of a list, with and without its Kamerstuk."""
    return re.compile(MOTIE), re.compile(NEXT_MOTIE), re.compile(NEXT_MOTIE_CS)


_PLURAL_MOTIE_WORDS = frozenset(_MOTIE["plural_words"])
_HANDELINGEN_RE = re.compile(HANDELINGEN)
_KAMERSTUK_RE = re.compile(KAMERSTUK)
_BRIEF_RE = re.compile(BRIEF)
_URL_RE = re.compile(URL)
_DOSSIER_RE = re.compile(rf"(?P<number>{DOSSIER_NUMBER})(?P<suffix>{DOSSIER_SUFFIX})?")
_ONDERNUMMER_RE = re.compile(rf"(?P<first>\d+)(?:{RANGE_JOINER}(?P<last>\d+))?")
_SURNAME_RE = re.compile(SURNAME)
_CUM_SUIS_RE = re.compile(rf"\s+{CUM_SUIS}$")
_TRAILING = re.compile(r"[.,;:!?'\"’”»]+$")
_MAX_RANGE = int(_KST["max_range"])


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    kind: ReferenceKind
    ids: tuple[str | None, ...]
    submitters: tuple[str, ...] = ()


def _dossiers(text: str) -> Iterator[tuple[str, str]]:
    for m in _DOSSIER_RE.finditer(text):
        yield m["number"], (m["suffix"] or "").strip().lstrip("-")


def _ondernummers(text: str) -> list[str]:
    out: list[str] = []
    for m in _ONDERNUMMER_RE.finditer(text):
        first = int(m["first"])
        last = int(m["last"]) if m["last"] else first
        if first < last <= first + _MAX_RANGE:
            out.extend(str(n) for n in range(first, last + 1))
        else:
            out.append(m["first"])
    return out


def _kamerstuk_ids(citation: str) -> tuple[str, ...]:
    """The ids of one citation's text: "Kamerstukken II 2013/14, 32 824 en 29 279, nr. 148"."""
    m = _KAMERSTUK_RE.fullmatch(citation)
    if m is None:
        return ()
    if m["bare"]:
        dossier_text, nr, nrs = m["bare"], m["bnr"] or m["bhnr"], m["bnrs"]
    else:
        dossier_text, nr, nrs = m["dossiers"], m["nr"] or m["hnr"], m["nrs"]
    numbers = _ondernummers(nrs) if nrs else [nr] if nr else [""]
    return tuple(
        kamerstuk_id(dossier, suffix, n) for dossier, suffix in _dossiers(dossier_text) for n in numbers
    )


def _submitters(names: str) -> tuple[str, ...]:
    names = _CUM_SUIS_RE.sub("", names)
    return tuple(" ".join(m[0].split()) for m in _SURNAME_RE.finditer(names))


def _find_motions(text: str) -> Iterator[_Found]:
    if _MOTIE_WORD_RE.search(text) is None:
        return
    motie_re, next_motie_re, next_motie_cs_re = _motie_patterns()
    for m in motie_re.finditer(text):
        names = m["hyphen_names"] or m["names"] or ""
        cited = m["paren"] or m["comma"]
        if not names and not cited:
            continue
        ids: tuple[str | None, ...] = _kamerstuk_ids(cited) if cited else (None,)
        yield _Found(m.start(), m.end(), ReferenceKind.MOTIE, ids or (None,), _submitters(names))
        end = m.end()
        while m["word"] in _PLURAL_MOTIE_WORDS and m["paren"] and (n := next_motie_re.match(text, end)):
            start = n.start("names")
            ids = _kamerstuk_ids(n["paren"]) or (None,)
            yield _Found(start, n.end(), ReferenceKind.MOTIE, ids, _submitters(n["names"]))
            end = n.end()
        while m["word"] in _PLURAL_MOTIE_WORDS and not cited and (n := next_motie_cs_re.match(text, end)):
            yield _Found(n.start("names"), n.end(), ReferenceKind.MOTIE, (None,), _submitters(n["names"]))
            end = n.end()


def _find_handelingen(text: str) -> Iterator[_Found]:
    for m in _HANDELINGEN_RE.finditer(text):
        nr = m["nr"] or m["p1"]
        item = m["item"] or m["p2"] or ""
        identifier = handelingen_id(m["vj"], nr, item, m["chamber"], aanhangsel=bool(m["appendix"]))
        yield _Found(m.start(), m.end(), ReferenceKind.HANDELINGEN, (identifier,))


#: a Kamerstuk citation holds a digit at most this far from its start ("Kamerstukken II 2013/14,")
_DIGIT_REACH = 40
_DIGIT_RE = re.compile(r"\d+")


def _find_kamerstukken(text: str) -> Iterator[_Found]:
    for m in find_near(_KAMERSTUK_RE, text, _DIGIT_RE, _DIGIT_REACH):
        ids = _kamerstuk_ids(m[0])
        if ids:
            yield _Found(m.start(), m.end(), ReferenceKind.KAMERSTUK, tuple(ids))


def _find_letters(text: str) -> Iterator[_Found]:
    for m in _BRIEF_RE.finditer(text):
        yield _Found(m.start(), m.end(), ReferenceKind.BRIEF, (None,))


#: every URL holds one of these; a host name is shorter than ``_HOST_REACH``
_TLD_RE = re.compile(rf"\.(?:{alternation([*_URL['tlds'], *_URL['bare_tlds']])})(?![\w-])")
_HOST_REACH = 200
_SPACE_RE = re.compile(r"\s")


def _url_matches(text: str) -> Iterator[re.Match[str]]:
    """``_URL_RE.finditer(text)``, tried only before the places where a top-level domain stands."""
    pos = 0
    for tld in _TLD_RE.finditer(text):
        if tld.start() < pos:
            continue
        space = _SPACE_RE.search(text, tld.end())
        m = _URL_RE.search(text, max(pos, tld.start() - _HOST_REACH), space.start() if space else len(text))
        if m is None:
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


def _find_urls(text: str) -> Iterator[_Found]:
    for m in _url_matches(text):
        start = m.start("host") if m["gap"] else m.start()
        trailing = _TRAILING.search(m[0])
        end = m.start() + trailing.start() if trailing else m.end()
        yield _Found(start, end, ReferenceKind.URL, (url_id(text[start:end]),))


def _url_of(kind: ReferenceKind, identifier: str | None, text: str) -> str:
    if identifier is None or kind is ReferenceKind.BRIEF:
        return ""
    if kind is ReferenceKind.URL:
        scheme = re.match(SCHEME, text)
        return f"{scheme[0] if scheme else 'https://'}{identifier}"
    return officielebekendmakingen_url(identifier)


#: an ellipsis that ends a text cut off mid-citation ("(Kamerstuk 27 830, nr. 1…")
_CUT_OFF = re.compile(r"\s*(?:…|\.\.\.)\s*\Z")


def _find_all(text: str) -> list[_Found]:
    """The citations of ``text`` in reading order; motions first claim the Kamerstuk they cite. A
    citation the text's cut-off ends is incomplete and left out (GUIDELINES.md, "Cut-off text")."""
    accepted: list[_Found] = []  # in reading order, none overlapping another
    taken = FreeSpans()
    finders = (_find_motions, _find_handelingen, _find_kamerstukken, _find_letters, _find_urls)
    for finder in finders:
        for found in finder(text):
            if _CUT_OFF.match(text, found.end):
                continue
            k = taken.take(found.start, found.end)
            if k is not None:
                accepted.insert(k, found)
    return accepted


def find_references(
    text: str, sentences: Sequence[Sentence], footnotes: Sequence[Footnote] = ()
) -> tuple[Reference, ...]:
    """All citations in ``text`` in reading order, one item per cited id, then those of its footnotes.

    Args:
        text: the clean text of a document.
        sentences: its sentences, to record which sentence each citation stands in.
        footnotes: the notes split off the text (GUIDELINES.md counts every citation, also in a note):
            a note's citation has the span and sentence of the note's marker in ``text``, or an empty
            span at the end of ``text`` and sentence -1 when the marker was not found; a note that
            cites an id the text already cites adds nothing.

    Returns:
        References with clean-text spans; motions first claim the Kamerstuk they cite, so that it
        is not counted again.
    """
    index = SentenceIndex(sentences)
    out: list[Reference] = []
    notes = [(text, None), *((note.text, note.anchor or Span(len(text), len(text))) for note in footnotes)]
    in_text: set[tuple[ReferenceKind, str | None]] = set()
    for source, anchor in notes:
        for f in _find_all(source):
            quote = source[f.start : f.end]
            span = anchor or Span(f.start, f.end)
            sentence = index.at(span.start) if span.end > span.start else -1
            for identifier in f.ids:
                if anchor is None:
                    in_text.add((f.kind, identifier))
                elif identifier is not None and (f.kind, identifier) in in_text:
                    continue  # the note repeats a citation of the text ("met kenmerk Kamerstuk …")
                out.append(
                    Reference(
                        span=span,
                        text=quote,
                        kind=f.kind,
                        id=identifier,
                        url=_url_of(f.kind, identifier, quote),
                        submitters=f.submitters,
                        sentence=sentence,
                    )
                )
    return tuple(out)
