"""Measures: the sentences under each lowest-level heading, with the state the text reports.

Best effort. Each heading without a sub-heading of its own (a topic, or a theme without topics) that
has sentences directly under it is one measure. Its state comes from the cues of
``lang/nl/cues.toml`` [measures] and from the commitments found in its sentences:

- ``under_way`` when the text reports ongoing work ("loopt", "wordt ... uitgevoerd", "momenteel");
- ``planned`` when it holds a commitment or announces a start ("zal", "wordt ... gestart");
- ``done`` when it only reports completed steps ("is opgeleverd", "heeft plaatsgevonden");
- ``unknown`` otherwise.

Known misses: a topic whose sentences sit under a heading with sub-headings (an introduction) is no
measure; several measures under one heading are one; the states are cue-based, not a reading of the
text (a measure both finished and extended reads as planned).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from beleidsmonitor.lang.nl import load_toml
from beleidsmonitor.model import Commitment, Measure, Structure
from beleidsmonitor.vocab import MeasureState

#: the order in which states win when a measure's sentences report several
_PRECEDENCE = (MeasureState.UNDER_WAY, MeasureState.PLANNED, MeasureState.DONE)
_COMMITMENT_EVIDENCE = "commitment"


@dataclass(frozen=True, slots=True)
class StateCue:
    """The compiled cues of one measure state."""

    state: MeasureState
    pattern: re.Pattern[str]


def cue_patterns(patterns: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``patterns``: words, ``a|b`` alternatives, ``a_b`` word groups and ``...``
    gaps of up to twelve words (the pattern language of cues.toml [measures])."""
    compiled = []
    for pattern in patterns:
        out = []
        for token in pattern.split():
            if token == "...":
                out.append(r"(?:\S+\s+){0,12}?")
                continue
            alternatives = (r"\s+".join(map(re.escape, a.split("_"))) for a in token.split("|"))
            out.append(r"\b(?:" + "|".join(alternatives) + r")\b\s*")
        compiled.append("".join(out))
    return re.compile("|".join(f"(?:{c})" for c in compiled), re.IGNORECASE)


@cache
def load_state_cues() -> tuple[StateCue, ...]:
    """The measure-state cues of cues.toml, compiled (cached)."""
    tables = load_toml("cues.toml")["measures"]
    return tuple(
        StateCue(MeasureState(name), cue_patterns(table["patterns"])) for name, table in tables.items()
    )


def _leaf_headings(structure: Structure) -> list[int]:
    headings = structure.headings
    leaves = []
    for i, heading in enumerate(headings):
        following = headings[i + 1] if i + 1 < len(headings) else None
        has_child = (
            following is not None and following.part == heading.part and following.level > heading.level
        )
        if not has_child:
            leaves.append(i)
    return leaves


def find_measures(text: str, structure: Structure, commitments: Sequence[Commitment]) -> tuple[Measure, ...]:
    """Group the sentences under each lowest-level heading into a measure with its state.

    Args:
        text: the clean text (unused beyond the sentences; kept for the extractor signature).
        structure: headings and sentences.
        commitments: the commitments of the document; a measure holding one is planned unless under way.

    Returns:
        One measure per lowest-level heading that has sentences, in document order.
    """
    del text
    by_section: dict[int, list[int]] = {}
    for index, sentence in enumerate(structure.sentences):
        by_section.setdefault(sentence.section, []).append(index)
    committed = {c.sentence for c in commitments}
    cues = load_state_cues()
    measures = []
    for section in _leaf_headings(structure):
        members = by_section.get(section, [])
        if not members:
            continue
        heading = structure.headings[section]
        state, evidence = _state(structure, members, committed, cues)
        measures.append(
            Measure(
                heading=heading.text,
                topic_path=structure.heading_path(section),
                part=heading.part,
                state=state,
                evidence=evidence,
                sentences=tuple(members),
            )
        )
    return tuple(measures)


def _state(
    structure: Structure, members: Sequence[int], committed: set[int], cues: Sequence[StateCue]
) -> tuple[MeasureState, tuple[str, ...]]:
    found: dict[MeasureState, list[str]] = {}
    for index in members:
        sentence = structure.sentences[index].text
        if index in committed:
            found.setdefault(MeasureState.PLANNED, []).append(_COMMITMENT_EVIDENCE)
        for cue in cues:
            match = cue.pattern.search(sentence)
            if match:
                found.setdefault(cue.state, []).append(match.group(0))
    for state in _PRECEDENCE:
        if state in found:
            return state, tuple(dict.fromkeys(found[state]))
    return MeasureState.UNKNOWN, ()
