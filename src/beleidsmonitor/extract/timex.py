"""Time expressions in Dutch parliamentary letters, each with its normalised interval.

Finds what GUIDELINES.md ("Time expressions") annotates, best-effort and regex-based: the words come
from ``lang/nl/time.toml``, the regexes are compiled once from named fragments, and every interval is
computed by :func:`beleidsmonitor.normalise.dates.to_interval`.

Covered:
  * years ("2014", "geheel 2013", "2014 en volgende jaren"), ranges ("2013 – 2016", "de jaren
    2014–2016", "van januari tot en met maart 2014", "tussen 2013 en 2016");
  * coordinated days sharing a month, and consecutive months or years joined by "en", as one stretch
    from the first to the last ("15 en 16 oktober", "3 t/m 5 maart 2014", "juni en juli", "2003 en
    2004", "2012 en 2013 en verder");
  * days and months, with or without a year, a weekday, jl./j.l./a.s. or "van dit jaar"
    ("maandag 3 februari 2014", "12 juni jl.", "februari van dit jaar", "20-12-2013");
  * begin/medio/eind of a year, month, season or week ("begin volgend jaar", "eind dit jaar", "medio
    november", "eind deze zomer", "eind vorige week"), "ultimo" as the last day ("per ultimo 2008");
  * a deictic word before a month ("afgelopen december", "komende maart");
  * seasons ("het voorjaar van 2014", "komend voorjaar", "dit voorjaar"), quarters and halves
    ("eerste kwartaal van 2014", "tweede helft 2012", "Q3 2015"), also after begin/medio/eind
    ("voor het einde van het derde kwartaal": document date to 30 September; "eind van het derde
    kwartaal" is its last month, by analogy with the table's begin/medio/eind of a month);
  * days named after a parliamentary event ("Prinsjesdag", "Verantwoordingsdag 2014"), placed by
    their rule (third Tuesday of September, third Wednesday of May);
  * deictic units ("het komende jaar", "volgend jaar", "deze maand"), "nog dit jaar", "vandaag",
    "gisteren" (also "gisterenmiddag");
  * the prepositions the table keeps: vanaf, sinds, per, met ingang van, tot (en met), uiterlijk,
    vóór (and "voor" before a day, "eind" or a recess), na, "in de loop van"; recesses ("voor de
    zomer 2014", "vóór het kerstreces", "na het zomerreces").

Span conventions (gold notes): a leading bare "in"/"op" is left out; the prepositions above are
kept, also before an article ("Vanaf het eerste kwartaal van 2012") and before a weekday ("uiterlijk voor
donderdag 14 februari"); "het"/"de" before a season or a deictic unit is kept, and "het jaar" before a
year ("over het jaar 2011"); "de periode" before a range is left out.

Not returned, as the guideline's table says: expressions with no fixed interval ("de komende jaren",
"het afgelopen jaar", "recent", "inmiddels", "tot op heden"), durations and frequencies ("voor twee
jaar", "jaarlijks", "twee keer per jaar"), times relative to an event ("een jaar na aanvang"), and a
year inside a name or citation: a bare year counts only after a preposition or another lead word
(``year_leads`` in time.toml), at the start of a sentence or after punctuation, so
"voortgangsbrief discriminatie 2013", "SCP Jaarrapport Integratie 2013", "nr. 2014" and
"Kamerstukken II 2013/14" and "Kamerstukken II, 1998–1999" give nothing, also after a bracket ("(Stb.
2011, 123)"); nor do a year after an abbreviation in brackets ("Materieelprojectenoverzicht (MPO)
2013"), a year glued by a hyphen to a word ("PISA-2009"), a year glued to letters and digits (the
document number "2010D22387"), numbers inside a web address ("www.x.nl/monitor-2020"), or a season
word with a capital after a word in lower case (a name: "M. de Winter").

The tense hint for a day or month without a year comes from the marker nearest to the expression in
its sentence (future: zal/zullen, ontvangt, verwacht ...; past: werd, vond, jl., a perfect auxiliary
in a clause with a past participle; "te" + infinitive marks the future: "heb ik toegezegd u voor de
zomer te informeren"), counted within the expression's clause (semicolons part clauses); with no
marker, from the other dated expressions of the clause (present tense with a future date reads as
future).

Also not returned: "na het kerstreces" and a recess on its own ("tijdens het zomerreces"), which
the table gives no interval; school and parliamentary years ("2013/14", "vergaderjaar 2013–2014");
a yearless deadline already past. A deadline with its year already past ("vóór 1 juli 2013" in a later
letter, a reported one) is its last day alone (GUIDELINES.md, decided cases).

Known misses (xfail rows in tests/cases/timex.toml): a bare year after a verb or a noun that is not
a lead word ("De cijfers laten 2013 zien"); a four-digit count after a lead word ("in 2000
gevallen" reads as a year); participles without ge- outside the strong list ("is herzien") as a
past marker (a ge-less one counts only before punctuation); numbered weeks ("week 3 van 2014");
coordination of more than two or of non-consecutive points ("de jaren vijftig, zestig en zeventig",
"eerste en tweede helft van 2015"); a reported deadline without a deadline word ("heb ik toegezegd u in
januari 2013 ... toe te zenden" in a later letter is all of January, not its last day).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Interval, Sentence, Span, Structure, TimeExpression
from beleidsmonitor.normalise.dates import (
    Occurrence,
    Position,
    Recess,
    Relation,
    Season,
    Tense,
    TimePoint,
    TimeRef,
    Unit,
    to_interval,
)
from beleidsmonitor.structure.locate import SentenceIndex

__all__ = [
    "Tense",
    "TimeMatch",
    "detect_tense",
    "find_past_days",
    "find_time_expressions",
    "parse_time_expressions",
]

_DATA_FILE = "time.toml"
#: a year; not one inside a number ("2016,5", "2013/14", "2016.12.05") or a document number
#: ("2010D22387", "2011Z26008"), but one with a footnote marker after its full stop ("uit 2016.1 Deze")
_YEAR = r"(?:19[5-9]\d|20\d\d)(?!\d)(?![,/]\d)(?!\.\d(?!\d?(?:\s|\Z)))(?![a-z]\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
#: a year after a day or month with a footnote marker glued to it ("vanaf december 20171"): the
#: marker is not in the span (GUIDELINES.md, decided cases)
_MARKED_YEAR = r"(?:19[5-9]\d|20\d\d)(?=\d{1,2}(?![\d.,/]\d))"
_TRAILING_PUNCTUATION = "(,;:–—-•*«\"'‘“[/"
_SENTENCE_END = ".!?"


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """A time expression found in a text: its span in that text, the text itself and its interval."""

    span: Span
    text: str
    interval: Interval


def _alt(forms: Iterable[str]) -> str:
    """A regex matching any of the literal forms, as a trie (Python's re tries alternatives one by one).

    Forms are case-folded (patterns run over lower-cased text); a space matches any white space.
    The trie is greedy and backtracks, so a longer form wins over its prefix ("tot en met" over "tot").
    """
    root: dict[str, Any] = {}
    for form in {" ".join(f.casefold().split()) for f in forms}:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie(root) + ")"


def _trie(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


def _key(text: str) -> str:
    """The lookup key of matched words: one space between words, case-folded."""
    return " ".join(text.split()).casefold()


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The compiled patterns and the word → symbol maps, built once from time.toml."""

    trigger: re.Pattern[str]
    lead_in: frozenset[str]
    point: re.Pattern[str]
    prefix: re.Pattern[str]
    separator: re.Pattern[str]
    open_tail: re.Pattern[str]
    previous_token: re.Pattern[str]
    eu_document: re.Pattern[str]
    not_annotated: re.Pattern[str]
    markers: re.Pattern[str]
    participle: re.Pattern[str]
    ready: re.Pattern[str]
    months: dict[str, int]
    seasons: dict[str, tuple[Season, str]]
    recesses: dict[str, Recess]
    positions: dict[str, Position]
    ordinals: dict[str, int]
    parts: dict[str, Unit]
    units: dict[str, Unit]
    unit_deixis: dict[str, int]
    season_deixis: dict[str, Occurrence]
    directions: dict[str, Occurrence]
    phrases: dict[str, Unit]
    relations: dict[str, Relation]
    weak_relations: frozenset[str]
    pair_separators: frozenset[str]
    kept_heads: frozenset[str]
    year_leads: frozenset[str]
    citation_marks: frozenset[str]
    future: frozenset[str]
    past: frozenset[str]
    auxiliaries: frozenset[str]
    passives: frozenset[str]
    strong_participles: frozenset[str]
    copulas: frozenset[str]
    non_participles: frozenset[str]
    cited_by: re.Pattern[str]
    relative_clause: re.Pattern[str]
    infinitive: re.Pattern[str]
    infinitive_clause: re.Pattern[str]
    named_days: dict[str, tuple[int, int, int]]
    address_markers: tuple[str, ...]


def _tail(name: str, years: str, deixis: str, directions: str, of: str) -> str:
    """What may follow a day, month, season or period: a year, a deictic year or jl./a.s."""
    return (
        rf"(?:\s+(?:{of}\s+)?(?P<{name}_ty>{_YEAR}|{_MARKED_YEAR})"
        rf"|\s+(?:{of}\s+)?(?P<{name}_tdx>(?:(?:het|de)\s+)?{deixis})\s+{years}(?!\w)"
        rf"|\s+(?P<{name}_tdir>{directions})(?:(?!\w)|{_FOOTNOTE_MARK}))?"
    )


#: a footnote marker glued to "jl." or "a.s." ("de brief van 3 april jl.1"): the direction still counts
_FOOTNOTE_MARK = r"(?<=\.)(?=\d{1,2}(?![\d.,]))"


@cache
def _grammar() -> _Grammar:
    """Load time.toml and compile the patterns (once per process)."""
    data: dict[str, Any] = load_toml(_DATA_FILE)
    months: dict[str, int] = {**data["months"]["names"], **data["months"]["abbreviations"]}
    seasons = {k: (Season(v["season"]), str(v.get("recess", ""))) for k, v in data["seasons"].items()}
    recesses: dict[str, Recess] = {}
    for name, entry in data["recesses"].items():
        after = _month_day(entry["after"]) if "after" in entry else None
        recess = Recess(name, _month_day(entry["before"]), after)
        for form in entry["names"]:
            recesses[form] = recess
    positions = {k: Position(v) for k, v in data["positions"].items()}
    units = {k: Unit(v) for k, v in data["units"].items()}
    year_units = [k for k, v in units.items() if v is Unit.YEAR]
    deixis_alt = _alt(data["unit_deixis"])
    directions_alt = _alt(data["directions"])
    of_alt = _alt(data["tails"]["of"])
    art = _alt(data["articles"]["words"])
    ranges = data["ranges"]

    def tail(name: str) -> str:
        return _tail(name, _alt(year_units), deixis_alt, directions_alt, of_alt)

    # a point glued by a hyphen to a word is part of a name ("PISA-2009")
    point = rf"""
        (?<![\w.,/])(?<![^\W\d_]-)
        (?:
          (?P<nd>(?P<nd_d>{_DAY})[-/](?P<nd_m>1[0-2]|0?[1-9])[-/](?P<nd_y>{_YEAR}))
        | (?:(?P<wd>{_alt(data["weekdays"])}),?\s+)?(?:(?P<d_first>{_DAY})\s*(?P<d_join>{_alt(ranges["day_joiners"])})\s*)?(?P<d_day>{_DAY})\s*(?P<d_mon>{_alt(months)})(?!\w)
          {tail("d")}
        | (?:(?P<m_pos>{_alt(positions)})\s+(?:{of_alt}\s+)?)?(?:(?P<m_dx>{_alt(data["season_deixis"])})\s+)?
          (?P<m_mon>{_alt(data["months"]["names"])})(?!\w)
          {tail("m")}
        | (?P<ma_mon>{_alt(data["months"]["abbreviations"])})\s+(?P<ma_y>{_YEAR})
        | (?:(?P<s_pos>{_alt(positions)})\s+(?:{of_alt}\s+)?)?
          (?:(?P<s_art>{art})\s+)?(?:(?P<s_dx>{_alt(data["season_deixis"])})\s+)?
          (?P<s_sea>{_alt(seasons)})(?!\w){tail("s")}
        | (?:(?P<q_pos>{_alt(positions)})\s+(?:{of_alt}\s+)?(?:{art}\s+)?)?
          (?P<q_ord>{_alt(data["ordinals"])})\s+(?P<q_part>{_alt(data["parts"])})(?!\w)
          {tail("q")}
        | (?P<nm_day>{_alt(data["named_days"])})(?!\w){tail("nm")}
        | (?P<ql>{_alt(data["quarter_letters"]["letters"])})(?P<ql_n>[1-4])(?:\s+|-)(?P<ql_y>{_YEAR})
        | (?P<p_ph>{_alt(data["phrases"])})(?!\w)
        | (?P<y_pos>{_alt(positions)})\s+(?:{of_alt}\s+)?
          (?:(?P<y_y>{_YEAR})|(?P<y_dx>(?:{art}\s+)?{deixis_alt})\s+{_alt(year_units)}(?!\w)
             |(?P<y_this>{_alt(data["tails"]["this_year"])})(?!\w))
        | (?:(?P<u_pos>{_alt(positions)})\s+(?:{of_alt}\s+)?)?
          (?:(?P<u_art>{art})\s+)?(?P<u_dx>{deixis_alt})\s+(?P<u_unit>{_alt(units)})(?!\w)
        | (?:{art}\s+)?(?P<r_rec>{_alt(recesses)})(?!\w)(?:\s+(?P<r_y>{_YEAR}))?
        | (?:(?P<w_whole>{_alt(data["whole_year"]["words"])})\s+)?(?P<y>{_YEAR})
        )
    """
    prefix = rf"""
        (?<!\w)
        (?:(?P<rel>{_alt(data["relations"])})\s+(?:{art}\s+)?)?
        (?:(?P<kh>{_alt(ranges["kept_heads"])})\s+|(?P<dh>{_alt(ranges["dropped_heads"])})\s+)?
        (?:(?P<op>{_alt(ranges["openers"])})\s+)?
        \Z
    """
    tense = data["tense"]
    participle = (
        rf"(?<!\w)(?:{_alt(tense['participle_particles'])})?"
        rf"(?:ge\w{{2,}}[dt]|{_alt(tense['strong_participles'])}"
        rf"|{_alt(tense['inseparable_prefixes'])}\w{{2,}}(?<!en[dt])[dt]"
        rf"(?=\s*[.,;:)]|\s*\Z|\s+{_alt(tense['participle_followers'])}(?!\w)))(?!\w)"
    )
    marker_words = [
        *tense["future"],
        *tense["past"],
        *tense["perfect_auxiliaries"],
        *tense["passive_auxiliaries"],
    ]
    lead_in = [
        *data["months"]["abbreviations"],
        *data["weekdays"],
        *positions,
        *data["articles"]["words"],
        *data["unit_deixis"],
        *data["season_deixis"],
        *data["ordinals"],
        *data["whole_year"]["words"],
        *data["tails"]["of"],
        *data["tails"]["this_year"],
        *(word for phrase in data["phrases"] for word in phrase.split()[:-1]),
    ]
    heads = [
        *data["months"]["names"],
        *seasons,
        *data["parts"],
        *units,
        *recesses,
        *data["named_days"],
        *(phrase.split()[-1] for phrase in data["phrases"]),
    ]
    return _Grammar(
        trigger=re.compile(rf"\d+|(?<!\w){_alt(heads)}(?!\w)"),
        lead_in=frozenset(word.casefold() for form in lead_in for word in form.split()),
        point=re.compile(point, re.VERBOSE),
        prefix=re.compile(prefix, re.VERBOSE),
        separator=re.compile(rf"\s*(?P<sep>{_alt([*ranges['separators'], *ranges['pair_separators']])})\s*"),
        open_tail=re.compile(rf"\s+{_alt(data['open_tails']['phrases'])}(?!\w)"),
        previous_token=re.compile(r"(?P<tok>\S+)\s+\Z"),
        eu_document=re.compile(rf"(?<!\w)(?:{_alt(data['eu_documents']['codes'])})\s*\(\Z"),
        not_annotated=re.compile(rf"(?<!\w){_alt(data['not_annotated']['phrases'])}(?!\w)"),
        markers=re.compile(rf"(?<![\w.]){_alt(marker_words)}(?!\w)"),
        participle=re.compile(participle),
        ready=re.compile(rf"(?<!\w){_alt(tense['ready_words'])}(?!\w)"),
        months=months,
        seasons=seasons,
        recesses=recesses,
        positions=positions,
        ordinals=dict(data["ordinals"]),
        parts={k: Unit(v) for k, v in data["parts"].items()},
        units=units,
        unit_deixis=dict(data["unit_deixis"]),
        season_deixis={k: Occurrence(v) for k, v in data["season_deixis"].items()},
        directions={k: Occurrence(v) for k, v in data["directions"].items()},
        phrases={k: Unit(v) for k, v in data["phrases"].items()},
        relations={k: Relation(v) for k, v in data["relations"].items()},
        weak_relations=frozenset(data["weak_relations"]["words"]),
        pair_separators=frozenset(ranges["pair_separators"]),
        kept_heads=frozenset(ranges["kept_heads"]),
        year_leads=frozenset(w.casefold() for w in data["year_leads"]["words"]),
        citation_marks=frozenset(w.casefold() for w in data["citation_marks"]["words"]),
        future=frozenset(_key(w) for w in tense["future"]),
        past=frozenset(_key(w) for w in tense["past"]),
        auxiliaries=frozenset(tense["perfect_auxiliaries"]),
        passives=frozenset(_key(w) for w in tense["passive_auxiliaries"]),
        strong_participles=frozenset(_key(w) for w in tense["strong_participles"]),
        copulas=frozenset(tense["present_copulas"]),
        non_participles=frozenset(tense["non_participles"]),
        relative_clause=re.compile(tense["relative_clause"], re.IGNORECASE),
        cited_by=re.compile(rf"(?<!\w){_alt(tense['cited_by'])}\s+van\s+\Z", re.IGNORECASE),
        infinitive=re.compile(rf"(?<!\w){_alt(tense['infinitive_particles'])}\s+\w+en(?!\w)"),
        infinitive_clause=re.compile(
            rf"(?<!\w){_alt(tense['infinitive_openers'])}\s+[^,;:.()]{{0,80}}?\s"
            rf"{_alt(tense['infinitive_particles'])}\s+\w+en(?!\w)"
        ),
        named_days={k: (v["month"], v["weekday"], v["nth"]) for k, v in data["named_days"].items()},
        address_markers=tuple(data["addresses"]["markers"]),
    )


#: positions after which "voor" means "before" ("voor eind 2014", "voor ultimo juni")
_DEADLINE_POSITIONS = frozenset({Position.LATE, Position.LAST_DAY})


@dataclass(frozen=True, slots=True)
class _Point:
    """One match of the point pattern, with what the combining step needs to know about it."""

    start: int
    end: int
    point: TimePoint
    bare_year: bool
    deadline_like: bool  # a day, "eind ..." or a recess: "voor" then means "before"
    until: TimePoint | None = None  # the last of coordinated days ("15 en 16 oktober")
    paired: bool = False  # joined by "en": only "tussen" opens it ("het debat van 3 en 4 maart")
    weekday: int = -1  # where a weekday left out of the span begins ("donderdag 14 februari")


def _year_tail(m: re.Match[str], name: str, g: _Grammar) -> dict[str, Any]:
    """TimePoint fields from the tail after a day, month, season or period."""
    if m.group(f"{name}_ty"):
        return {"year": int(m.group(f"{name}_ty"))}
    if m.group(f"{name}_tdx"):
        words = _key(m.group(f"{name}_tdx")).split()
        return {"year_shift": g.unit_deixis[words[-1]]}
    if m.group(f"{name}_tdir"):
        return {"occurrence": g.directions[_key(m.group(f"{name}_tdir"))]}
    return {}


def _to_point(m: re.Match[str], g: _Grammar) -> _Point | None:
    """Build the neutral TimePoint of a point-pattern match."""
    bare_year = False
    deadline_like = False
    start = m.start()
    point: TimePoint
    if m.group("nd"):
        point = TimePoint(
            Unit.DAY, month=int(m.group("nd_m")), day=int(m.group("nd_d")), year=int(m.group("nd_y"))
        )
        deadline_like = True
    elif m.group("d_day"):
        month, tail = g.months[_key(m.group("d_mon"))], _year_tail(m, "d", g)
        point = TimePoint(Unit.DAY, month=month, day=int(m.group("d_day")), **tail)
        weekday = -1
        if m.group("wd"):
            # a weekday before the date is left out of the span ("vrijdag 28 oktober" → "28 oktober")
            start = m.start("d_first") if m.group("d_first") else m.start("d_day")
            weekday = m.start()
        if m.group("d_first"):
            first = TimePoint(Unit.DAY, month=month, day=int(m.group("d_first")), **tail)
            paired = _key(m.group("d_join")) in g.pair_separators
            return _Point(start, m.end(), first, False, True, point, paired, weekday)
        if weekday >= 0:
            return _Point(start, m.end(), point, False, True, weekday=weekday)
        deadline_like = True
    elif m.group("m_mon"):
        position = g.positions[_key(m.group("m_pos"))] if m.group("m_pos") else None
        fields = _year_tail(m, "m", g)
        if m.group("m_dx"):
            # "afgelopen december", "komende januari": which occurrence the deictic word names
            fields.setdefault("occurrence", g.season_deixis[_key(m.group("m_dx"))])
        point = TimePoint(Unit.MONTH, month=g.months[_key(m.group("m_mon"))], position=position, **fields)
        deadline_like = position in _DEADLINE_POSITIONS
    elif m.group("ma_mon"):
        point = TimePoint(Unit.MONTH, month=g.months[_key(m.group("ma_mon"))], year=int(m.group("ma_y")))
    elif m.group("s_sea"):
        season, recess_name = g.seasons[_key(m.group("s_sea"))]
        fields = _year_tail(m, "s", g)
        if m.group("s_dx"):
            fields.setdefault("occurrence", g.season_deixis[_key(m.group("s_dx"))])
        position = g.positions[_key(m.group("s_pos"))] if m.group("s_pos") else None
        # "eind deze zomer" is the season's last month, not the recess before it
        recess = g.recesses.get(recess_name) if position is None else None
        point = TimePoint(Unit.SEASON, season=season, recess=recess, position=position, **fields)
        deadline_like = recess is not None or position in _DEADLINE_POSITIONS
    elif m.group("q_part"):
        position = g.positions[_key(m.group("q_pos"))] if m.group("q_pos") else None
        point = TimePoint(
            g.parts[_key(m.group("q_part"))],
            ordinal=g.ordinals[_key(m.group("q_ord"))],
            position=position,
            **_year_tail(m, "q", g),
        )
        deadline_like = position in _DEADLINE_POSITIONS
    elif m.group("nm_day"):
        month, weekday, nth = g.named_days[_key(m.group("nm_day"))]
        point = TimePoint(Unit.DAY, month=month, weekday=weekday, ordinal=nth, **_year_tail(m, "nm", g))
        deadline_like = True
    elif m.group("ql"):
        point = TimePoint(Unit.QUARTER, ordinal=int(m.group("ql_n")), year=int(m.group("ql_y")))
    elif m.group("p_ph"):
        point = TimePoint(g.phrases[_key(m.group("p_ph"))])
    elif m.group("y_pos"):
        position = g.positions[_key(m.group("y_pos"))]
        if m.group("y_y"):
            point = TimePoint(Unit.YEAR, year=int(m.group("y_y")), position=position)
        elif m.group("y_dx"):
            shift = g.unit_deixis[_key(m.group("y_dx")).split()[-1]]
            point = TimePoint(Unit.YEAR, year_shift=shift, position=position)
        else:
            point = TimePoint(Unit.YEAR, year_shift=0, position=position)
        deadline_like = position in _DEADLINE_POSITIONS
    elif m.group("u_unit"):
        unit = g.units[_key(m.group("u_unit"))]
        position = g.positions[_key(m.group("u_pos"))] if m.group("u_pos") else None
        point = TimePoint(unit, unit_shift=g.unit_deixis[_key(m.group("u_dx"))], position=position)
        deadline_like = position in _DEADLINE_POSITIONS
    elif m.group("r_rec"):
        recess = g.recesses[_key(m.group("r_rec"))]
        year = int(m.group("r_y")) if m.group("r_y") else 0
        point = TimePoint(Unit.RECESS, year=year, recess=recess)
        deadline_like = True
    elif m.group("y"):
        point = TimePoint(Unit.YEAR, year=int(m.group("y")))
        bare_year = not m.group("w_whole")
    else:  # pragma: no cover - every alternative of the pattern is handled above
        return None
    return _Point(start, m.end(), point, bare_year, deadline_like)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A whole expression before its interval is known."""

    span: Span
    ref: TimeRef

    @property
    def needs_tense(self) -> bool:
        """Whether the interval depends on the tense of the sentence."""
        points = [self.ref.point] if self.ref.until is None else [self.ref.point, self.ref.until]
        return any(not p.has_year and p.occurrence is None and p.unit not in _SELF_DATED for p in points)


_SELF_DATED = frozenset({Unit.TODAY, Unit.REST_OF_YEAR, Unit.YEAR_TO_DATE})


def _consecutive(first: TimePoint, second: TimePoint) -> bool:
    """Whether two points joined by "en" name one stretch: two consecutive years or months ("in 2003 en
    2004", "in de maanden juni en juli"), as coordinated days are one (GUIDELINES.md, decided cases)."""
    if first.unit is not second.unit or first.position or second.position or first.occurrence:
        return False
    if first.unit is Unit.YEAR:
        return bool(first.year) and second.year == first.year + 1
    if first.unit is Unit.MONTH:
        return second.month == first.month + 1 and (not first.year or first.year == second.year)
    return False


def _year_allowed(text: str, start: int, g: _Grammar) -> bool:
    """Whether a bare year at ``start`` is a time expression rather than part of a name or citation."""
    if g.eu_document.search(text, max(0, start - 10), start):
        return False  # the number of an EU document ("COM(2022) 108")
    before = g.previous_token.search(text, max(0, start - 40), start)
    if before is None:
        window = text[max(0, start - 40) : start]
        return not window.strip() or window.rstrip()[-1] in _TRAILING_PUNCTUATION
    raw = before.group("tok").casefold()
    if _BRACKETED_WORD.fullmatch(raw):
        return False  # a year after an abbreviation in brackets names an edition ("(MPO) 2013")
    token = raw.lstrip("([«“‘'\"")
    if not token:
        return True
    if token in g.year_leads:
        return True
    if token.rstrip(",") in g.citation_marks:
        return False
    return token[-1] in _TRAILING_PUNCTUATION or token[-1] in _SENTENCE_END or token[-1] in ')»”’"'


#: an abbreviation in brackets ("(dpo)")
_BRACKETED_WORD = re.compile(r"\([^\W\d_]{2,}\)")


def _in_address(text: str, start: int, end: int, g: _Grammar) -> bool:
    """Whether ``text[start:end]`` lies inside a web address ("www.x.nl/monitor-2020")."""
    first = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    last = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text))
    token = text[first:last]
    if "/" not in token and "www" not in token:
        return False
    if any(marker in token for marker in g.address_markers):
        return True
    return token.count("/") >= 2 and any(c.isalpha() for c in token)


def _lowered(text: str) -> str:
    """``text`` in lower case with every offset kept (the patterns are written in lower case)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


#: how many words before its head word (a number, month, season ...) a point may begin
#: ("het begin van het jaar", "het einde van het derde kwartaal")
_LEAD_IN_WORDS = 5


def _point_matches(low: str, g: _Grammar) -> Iterator[re.Match[str]]:
    """The matches of the point pattern, left to right and not overlapping.

    Every point contains a head word (a number, a month, a season, a unit ...) and can begin only a
    few lead-in words before it ("maandag", "het", "begin", "van"), so the full pattern is tried
    only there: the same matches as ``finditer`` (tests/extract/test_timex.py checks this), several
    times faster.
    """
    pos = 0
    for head in g.trigger.finditer(low):
        start = head.start()
        if start < pos:
            continue
        while start > pos and low[start - 1].isalnum():
            start -= 1  # a head inside a word ("q3")
        starts = [start]
        for _ in range(_LEAD_IN_WORDS):
            word_end = start
            while word_end > pos and low[word_end - 1].isspace():
                word_end -= 1
            if word_end in (start, pos):
                break
            word_start = max(low.rfind(" ", pos, word_end), low.rfind("\n", pos, word_end), pos - 1) + 1
            if low[word_start:word_end].rstrip(",") not in g.lead_in:
                break
            start = word_start
            starts.append(start)
        for candidate in reversed(starts):
            m = g.point.match(low, candidate)
            if m is not None:
                yield m
                pos = m.end()
                break


def _named(cased: str, m: re.Match[str]) -> bool:
    """Whether a season word is part of a name: written with a capital after a word in lower case
    ("prof. dr. M. de Winter"), where Dutch writes the season in lower case."""
    if not m.group("s_sea"):
        return False
    at = m.start("s_sea")
    if not cased[at].isupper():
        return False
    before = cased[max(0, at - 30) : at].split()
    return bool(before) and before[-1][:1].islower()


def _scan(text: str, g: _Grammar, cased: str = "") -> list[_Candidate]:
    """Find the expressions of the lower-cased ``text`` as spans with neutral symbols (no dates yet);
    ``cased`` is the same text as written, for the capitals of names."""
    points = [
        p
        for m in _point_matches(text, g)
        if (p := _to_point(m, g)) is not None
        and not _in_address(text, p.start, p.end, g)
        and not (cased and _named(cased, m))
    ]
    vetoes = [(m.start(), m.end()) for m in g.not_annotated.finditer(text)] if points else []
    veto_starts = [v[0] for v in vetoes]
    found: list[_Candidate] = []
    i = 0
    while i < len(points):
        first = points[i]
        i += 1
        prefix = g.prefix.search(text, max(0, first.start - 40), first.start)
        if first.weekday >= 0:
            # a deadline preposition before the weekday keeps the weekday in the span ("uiterlijk voor
            # donderdag 14 februari": GUIDELINES.md, decided cases keep the preposition)
            before_weekday = g.prefix.search(text, max(0, first.weekday - 40), first.weekday)
            if before_weekday is not None and before_weekday.group("rel"):
                prefix = before_weekday
        rel = _key(prefix.group("rel")) if prefix and prefix.group("rel") else ""
        opener = _key(prefix.group("op")) if prefix and prefix.group("op") else ""
        start = first.start
        last: _Point | None = None
        if i < len(points):
            sep = g.separator.match(text, first.end)
            if sep and sep.end() == points[i].start:
                pair = _key(sep.group("sep")) in g.pair_separators
                if not pair or opener == "tussen" or _consecutive(first.point, points[i].point):
                    last = points[i]
                    i += 1
        end = last.end if last else first.end
        relation = Relation.AT
        open_end = False
        if last is not None or first.until is not None:
            if opener and (not first.paired or opener == "tussen"):
                start = prefix.start("op") if prefix else start
            elif prefix and prefix.group("kh"):
                start = prefix.start("kh")
            tail = g.open_tail.match(text, end) if last is not None and last.point.unit is Unit.YEAR else None
            if tail:  # "2012 en 2013 en verder"
                end, open_end = tail.end(), True
        else:
            if rel and (rel not in g.weak_relations or first.deadline_like):
                relation = g.relations[rel]
                start = prefix.start("rel") if prefix else start
            elif prefix and prefix.group("kh"):
                start = prefix.start("kh")
            tail = g.open_tail.match(text, end) if first.point.unit is Unit.YEAR else None
            if tail:
                end, open_end = tail.end(), True
        led = prefix is not None and prefix.end() > prefix.start()
        if first.bare_year and not led and not _year_allowed(text, start, g):
            continue
        span = Span(start, end)
        n = bisect_left(veto_starts, end)
        if n and vetoes[n - 1][1] > start:
            continue  # overlaps a phrase with no fixed interval ("tot op heden")
        until = last.point if last else first.until
        found.append(_Candidate(span, TimeRef(first.point, relation, until, open_end)))
    return found


def _markers(text: str, start: int, end: int, g: _Grammar) -> list[tuple[int, Tense]]:
    """Tense markers of the sentence ``text[start:end]``: (offset, tense), in order.

    A perfect auxiliary ("is", "heeft") is a past marker when a past participle follows it before
    the next finite verb ("Op 12 juni heeft ... plaatsgevonden"), or directly precedes it ("die
    ... gestuurd is"); "wordt ... geïnformeerd" is a present passive and marks nothing, also where the participle
    doubles as a simple past ("wordt eind mei besloten"). A readiness
    word after a present-tense copula ("is in december gereed") looks ahead, unless a participle
    follows it ("is in juli gereed gekomen").
    """
    out: list[tuple[int, Tense]] = [
        (m.start(), Tense.FUTURE)
        for pattern in (g.infinitive, g.infinitive_clause)
        for m in pattern.finditer(text, start, end)
    ]
    events = [(m.start(), m.end(), _key(m.group()), False) for m in g.markers.finditer(text, start, end)]
    if any(e[2] in g.auxiliaries for e in events):
        events += [
            (m.start(), m.end(), "", True)
            for m in g.participle.finditer(text, start, end)
            if _key(m.group()) not in g.non_participles
        ]
        events += [(m.start(), m.end(), _READY, False) for m in g.ready.finditer(text, start, end)]
        events.sort()
    verb: tuple[int, str] | None = None
    previous_participle_end = -2
    passive = False  # a present passive's auxiliary still waits for its participle
    for n, (pos, stop, word, is_participle) in enumerate(events):
        if word in g.passives:
            passive = True
        if word == _READY:
            following = events[n + 1] if n + 1 < len(events) else None
            participle_next = following is not None and following[3] and text[stop : following[0]].isspace()
            if verb is not None and verb[1] in g.copulas and not participle_next:
                out.append((pos, Tense.FUTURE))
        elif is_participle:
            if verb is not None and verb[1] in g.auxiliaries:
                out.append((verb[0], Tense.PAST))
            verb = None
            passive = False
            previous_participle_end = stop
        elif word in g.future:
            out.append((pos, Tense.FUTURE))
            verb = (pos, word)
        elif word in g.past:
            if passive and word in g.strong_participles:
                passive = False  # a participle of a present passive ("wordt eind mei besloten")
            else:
                out.append((pos, Tense.PAST))
        elif word in g.auxiliaries:
            if text[previous_participle_end:pos].isspace():
                out.append((pos, Tense.PAST))
            verb = (pos, word)
        else:  # a finite verb that takes the participle for itself ("wordt", "worden")
            verb = (pos, word)
    return sorted(set(out))


#: the event word of a readiness adjective in ``_markers`` (no marker word is empty)
_READY = " ready"


def _outside_relatives(
    text: str, clause: tuple[int, int], markers: list[tuple[int, Tense]], span: Span, g: _Grammar
) -> list[tuple[int, Tense]]:
    """The markers that do not stand in a comma-bounded relative clause which leaves ``span`` out."""
    relatives = [
        (m.start(), m.end())
        for m in g.relative_clause.finditer(text, clause[0], clause[1])
        if not (m.start() <= span.start < m.end())
    ]
    if not relatives:
        return markers
    return [mk for mk in markers if not any(a <= mk[0] < b for a, b in relatives)]


def _cited_tense(text: str, start: int, g: _Grammar) -> Tense | None:
    """PAST for a date that names a cited document or meeting ("de brief van 20 juni")."""
    m = g.cited_by.search(text, max(0, start - 40), start)
    return Tense.PAST if m else None


def _nearest(markers: Sequence[tuple[int, Tense]], span: Span) -> Tense | None:
    """The tense of the marker nearest to ``span``."""
    if not markers:
        return None

    def distance(marker: tuple[int, Tense]) -> int:
        pos = marker[0]
        return span.start - pos if pos < span.start else max(0, pos - span.end)

    return min(markers, key=distance)[1]


def detect_tense(text: str, near: Span | None = None) -> Tense | None:
    """The tense a sentence's verbs point to, for yearless days and months (GUIDELINES.md table).

    Args:
        text: one sentence.
        near: when given, the marker nearest to this span decides; otherwise the last marker does.

    Returns:
        FUTURE or PAST, or None when the sentence has no tense marker.
    """
    markers = _markers(_lowered(text), 0, len(text), _grammar())
    if not markers:
        return None
    return _nearest(markers, near) if near is not None else markers[-1][1]


def _resolve(
    text: str,
    candidates: Sequence[_Candidate],
    anchor: dt.date,
    sentence_of: Callable[[_Candidate], tuple[int, int, int]],
    tense: Tense | None,
    g: _Grammar,
) -> list[tuple[_Candidate, Interval, int]]:
    """Intervals for the candidates; yearless ones take the tense of their sentence."""
    resolved: dict[int, Interval | None] = {}
    clauses = [_clause(text, sentence_of(c), c.span) for c in candidates]
    spans_of: dict[tuple[int, int], list[Span]] = {}
    members: dict[tuple[int, int], list[int]] = {}
    for n, c in enumerate(candidates):
        spans_of.setdefault(clauses[n], []).append(c.span)
        members.setdefault(clauses[n], []).append(n)
        if not c.needs_tense or tense is not None:
            resolved[n] = to_interval(c.ref, anchor, tense)
    markers: dict[tuple[int, int], list[tuple[int, Tense]]] = {}
    for n, c in enumerate(candidates):
        if n in resolved:
            continue
        clause = clauses[n]
        if clause not in markers:
            markers[clause] = _markers(text, clause[0], clause[1], g)
        if _attributive(text, c.span.start):
            # a date that qualifies a noun ("de termijn van 23 januari") is not dated by the verbs:
            # a cited document is past, anything else the nearest one
            resolved[n] = to_interval(c.ref, anchor, _cited_tense(text, c.span.start, g))
            continue
        year = _year_of_clause(
            c.span,
            [
                (candidates[m].span, resolved.get(m))
                for m in members[clause]
                if not _NOUN_YEAR.search(text, max(0, candidates[m].span.start - 6), candidates[m].span.start)
            ],
        )
        if year:
            # the clause names the year ("we zien dit jaar een patroon dat vanaf het voorjaar oploopt")
            resolved[n] = to_interval(_in_named_year(c.ref, year), anchor)
            continue
        hint = _cited_tense(text, c.span.start, g) or _nearest(
            [
                mk
                for mk in _outside_relatives(text, clause, markers[clause], c.span, g)
                # a marker inside another expression ("10 april a.s.") dates only that one
                if not any(o != c.span and o.start <= mk[0] < o.end for o in spans_of[clause])
            ],
            c.span,
        )
        resolved[n] = to_interval(c.ref, anchor, hint)
        if resolved[n] is None and hint is Tense.PAST:
            # a deadline has no past reading ("Ik heb afgesproken dat zij voor 1 juli ..."): the
            # subordinate clause looks ahead although the main verb is past
            resolved[n] = to_interval(c.ref, anchor, Tense.FUTURE)
    out = []
    for n, c in enumerate(candidates):
        interval = resolved[n]
        if interval is not None:
            out.append((c, interval, sentence_of(c)[0]))
    return out


#: a year that qualifies a noun ("de begroting voor 2015", "het verslag over 2014", "de cijfers van
#: 2013") does not date the clause's events
_NOUN_YEAR = re.compile(r"(?<!\w)(?:van|voor|over)\s+\Z")


def _year_of_clause(span: Span, others: Sequence[tuple[Span, Interval | None]]) -> int:
    """The year of the whole-year expression nearest before ``span`` in its clause ("dit jaar", "in
    2014"), or 0 when the clause names none there."""
    best: tuple[int, int] | None = None
    for other, interval in others:
        if other.start >= span.start or interval is None or interval.end is None:
            continue
        start, end = interval.start, interval.end
        if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31) or start.year != end.year:
            continue
        distance = abs(other.start - span.start)
        if best is None or distance < best[0]:
            best = (distance, start.year)
    return best[1] if best else 0


def _in_named_year(ref: TimeRef, year: int) -> TimeRef:
    """``ref`` with ``year`` written on its points."""
    until = dataclasses.replace(ref.until, year=year) if ref.until is not None else None
    return dataclasses.replace(ref, point=dataclasses.replace(ref.point, year=year), until=until)


#: how far from an expression its clause reaches at most: longer than any sentence of a letter (the
#: longest in the corpus has 650 characters), so only a run without sentence ends is cut; there a
#: clause of 38,000 characters with 1,000 expressions and 1,000 verbs took minutes (fuzz seed 1
#: case 15234), every expression weighing every verb against every other expression
CLAUSE_REACH = 1200


def _clause(text: str, sentence: tuple[int, int, int], span: Span) -> tuple[int, int]:
    """The part of the sentence between semicolons that holds ``span``: its own verbs date it
    (at most :data:`CLAUSE_REACH` characters on either side)."""
    _, start, end = sentence
    left = text.rfind(";", max(start, span.start - CLAUSE_REACH), span.start)
    right = text.find(";", span.end, min(end, span.end + CLAUSE_REACH))
    return (
        left + 1 if left >= 0 else max(start, span.start - CLAUSE_REACH),
        right if right >= 0 else min(end, span.end + CLAUSE_REACH),
    )


#: "van" right before a date: the date qualifies a noun ("de voorstellen van eind 2016", "de brief
#: van 12 december"), it does not date the sentence's own event
_ATTRIBUTIVE = re.compile(r"(?<!\w)van\s+\Z")


def _attributive(text: str, start: int) -> bool:
    """Whether the expression at ``start`` follows "van" (see ``_ATTRIBUTIVE``)."""
    return _ATTRIBUTIVE.search(text, max(0, start - 8), start) is not None


def parse_time_expressions(text: str, anchor: dt.date, tense: Tense | None = None) -> list[TimeMatch]:
    """Time expressions of a short text (one sentence or a few), with their intervals.

    Args:
        text: clean text.
        anchor: the document date; relative expressions are resolved against it.
        tense: the tense of the text; when None it is read from the text's own verbs.

    Returns:
        The expressions in text order; spans are offsets in ``text``.
    """
    g = _grammar()
    low = _lowered(text)
    whole = (0, 0, len(text))
    return [
        TimeMatch(c.span, text[c.span.start : c.span.end], interval)
        for c, interval, _ in _resolve(low, _scan(low, g, text), anchor, lambda _c: whole, tense, g)
    ]


def find_past_days(sentence: str, anchor: dt.date) -> list[dt.date]:
    """The single days one sentence names as passed, which bound an unknown document date.

    A day with its year counts unless the tense marker nearest to it looks ahead: "Op 1 oktober
    2018 stonden ... open" and "Op 1 januari 2023 wachtten ..." (a simple past the markers do not
    know) count, "Op 1 januari 2024 zullen de tarieven stijgen" does not. A day marked jl. ("8
    november jl.") is the most recent such day on or before ``anchor``. Only days at which
    something happens count: not a deadline, a start or a range ("uiterlijk 31 januari 2010", "per 1
    juli", "sinds 1 oktober").

    Args:
        sentence: one sentence of clean text.
        anchor: the latest date the document may have, for days marked jl.

    Returns:
        The days in text order.
    """
    g = _grammar()
    low = _lowered(sentence)
    markers: list[tuple[int, Tense]] | None = None
    days: list[dt.date] = []
    for c in _scan(low, g):
        point = c.ref.point
        if c.ref.relation is not Relation.AT or c.ref.until is not None or point.unit is not Unit.DAY:
            continue
        if point.year:
            if markers is None:
                markers = _markers(low, 0, len(low), g)
            if _nearest(markers, c.span) is Tense.FUTURE:
                continue
        elif point.occurrence is not Occurrence.PAST or point.has_year:
            continue
        interval = to_interval(c.ref, anchor, Tense.PAST)
        if interval is not None and interval.end == interval.start:
            days.append(interval.start)
    return days


def find_time_expressions(
    text: str, sentences: Sequence[Sentence], anchor: dt.date
) -> tuple[TimeExpression, ...]:
    """Every time expression of a clean document, with its interval and the sentence it stands in.

    Args:
        text: the whole clean text.
        sentences: its sentences in order (spans are offsets in ``text``).
        anchor: the document date.

    Returns:
        TimeExpressions in text order; ``sentence`` is -1 for text before the first sentence.
    """
    g = _grammar()
    low = _lowered(text)
    index = SentenceIndex(sentences)

    def sentence_of(c: _Candidate) -> tuple[int, int, int]:
        n = index.at(c.span.start)
        if n < 0:
            return -1, 0, sentences[0].span.start if sentences else len(text)
        return n, sentences[n].span.start, sentences[n].span.end

    return tuple(
        TimeExpression(c.span, text[c.span.start : c.span.end], interval, n)
        for c, interval, n in _resolve(low, _scan(low, g, text), anchor, sentence_of, None, g)
    )


_PLACE_DATE_LINE = re.compile(r"(?:Den Haag|\S?s-Gravenhage),?\s+$")
#: the room before a header expression where "Den Haag," or "'s-Gravenhage," must end (the longest
#: place with its comma, and some white space)
_PLACE_ROOM = 48


def in_body(
    expressions: Sequence[TimeExpression], text: str, structure: Structure
) -> tuple[TimeExpression, ...]:
    """The expressions of the letter's body: the printed header before it names the dossier ("… voor
    het jaar 2014", a year inside a name), so of the header only the "Den Haag, <date>" line counts,
    and a line there that is a sentence ("Ontvangen ter Griffie op 3 november 2014.").

    One pass over the header: each of its lines is found and read once, however many expressions it
    holds (a header of one line of a million characters full of dates would otherwise be read again
    for every date in it).
    """
    starts = [s.span.start for s in structure.sentences[:1]] + [h.span.start for h in structure.headings[:1]]
    body = min(starts, default=0)
    kept: list[TimeExpression] = []
    # the line of the last header expression: [line_start, line_end) and whether it ends with a period
    line_start, line_end, ends_sentence = 0, -1, False
    for t in expressions:
        if t.span.start >= body:
            kept.append(t)
            continue
        if not line_start <= t.span.start <= line_end:
            # expressions come in text order: the line break before this one lies after the last line
            low = line_end if 0 <= line_end < t.span.start else 0
            line_start = text.rfind("\n", low, t.span.start) + 1
            line_end = text.find("\n", t.span.end)
            if line_end < 0:
                line_end = len(text)
            ends_sentence = text[line_start:line_end].rstrip().endswith(".")
        room = max(line_start, t.span.start - _PLACE_ROOM - _white_before(text, line_start, t.span.start))
        if ends_sentence or _PLACE_DATE_LINE.search(text, room, t.span.start):
            kept.append(t)
    return tuple(kept)


def _white_before(text: str, low: int, position: int) -> int:
    """How many white-space characters stand right before ``position`` (not before ``low``)."""
    k = position
    while k > low and text[k - 1].isspace():
        k -= 1
    return position - k
