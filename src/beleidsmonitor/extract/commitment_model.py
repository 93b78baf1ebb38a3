"""The learned commitment decision: named features of a sentence's clause analysis and a logistic model over them.

A candidate is one sentence (a commitment is one sentence, GUIDELINES.md "Commitments"). Its features are
binary and named so a reader can check them: the decision table's own verdict and evidence codes
(``rule:yes``, ``rule:present_ahead``, ``rule_block:condition``), the sentence's time expressions
(``time:future``, ``time:past``), where it stands (``pos:annex``, ``pos:list_item``), and the clause
analysis of ``structure/clauses.py`` twice: for the main clause (``main:...``) and for any clause of the
sentence (``any:...``) — tense, each modality, negation, the performative present, this letter, a
condition, the subject's and the agent's class, the acts of all words and of the verbs, the Chamber as
recipient, another recipient, the passive, a forward adverb or verb, a future or past time expression in
the clause. No word of the sentence is a feature: the model learns the grammar the clause analysis reads,
not the wording of the letters it was trained on.

The weights are trained by ``bench/train_commitments.py`` (scikit-learn, a development dependency only)
and shipped as ``commitment_model.json``; here the decision is a sum of the weights of the features
present, plus the intercept, against the threshold. The evidence of a commitment is its features with
the largest positive contributions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from beleidsmonitor.structure.clauses import Clause
from beleidsmonitor.vocab import ActClass, ActorClass, ClauseRole, Modality, Tense

MODEL_FILE = "commitment_model.json"
#: how many contributing features a commitment's evidence shows
EVIDENCE_SIZE = 4


@dataclass(frozen=True, slots=True)
class _ScopeNames:
    """The feature names of one scope ("main" or "any"), made once: a clause's features are then looked up
    by its values instead of formatted anew for every clause of every sentence."""

    tense: dict[Tense, str]
    subject: dict[ActorClass, str]
    agent: dict[ActorClass, str]
    role: dict[ClauseRole, str]
    modality: dict[Modality, str]
    act: dict[ActClass, str]
    verb_act: dict[ActClass, str]
    flag: dict[str, str]


#: the clause flags that are features by their own name
_FLAGS = (
    "passive",
    "negated",
    "performative",
    "this_letter",
    "conditional",
    "chamber_recipient",
    "other_recipient",
    "future_adverb",
    "forward_verb",
    "future_time",
    "past_time",
    "no_act",
)


def _scope_names(scope: str) -> _ScopeNames:
    return _ScopeNames(
        tense={t: f"{scope}:tense_{t.value}" for t in Tense},
        subject={a: f"{scope}:subject_{a.value}" for a in ActorClass},
        agent={a: f"{scope}:agent_{a.value}" for a in ActorClass},
        role={r: f"{scope}:role_{r.value}" for r in ClauseRole},
        modality={m: f"{scope}:modality_{m.value}" for m in Modality},
        act={a: f"{scope}:act_{a.value}" for a in ActClass},
        verb_act={a: f"{scope}:verb_act_{a.value}" for a in ActClass},
        flag={name: f"{scope}:{name}" for name in _FLAGS},
    )


_SCOPES = {scope: _scope_names(scope) for scope in ("main", "any")}
_LIGHT = frozenset({ActClass.LIGHT})


def clause_features(clause: Clause, scope: str, future_here: bool, past_here: bool) -> set[str]:
    """The features of one clause, each prefixed with ``scope`` ("main" or "any")."""
    names = _SCOPES[scope]
    flag = names.flag
    out = {names.tense[clause.tense], names.subject[clause.subject], names.role[clause.role]}
    out.update([names.modality[m] for m in clause.modality])
    out.update([names.act[a] for a in clause.acts])
    out.update([names.verb_act[a] for a in clause.verb_acts])
    if clause.passive:
        out.add(flag["passive"])
        out.add(names.agent[clause.agent])
    for name, on in (
        ("negated", clause.negated),
        ("performative", clause.performative),
        ("this_letter", clause.this_letter),
        ("conditional", clause.conditional),
        ("chamber_recipient", clause.chamber_recipient),
        ("other_recipient", clause.other_recipient),
        ("future_adverb", clause.future_adverb),
        ("forward_verb", clause.forward_verb),
        ("future_time", future_here),
        ("past_time", past_here),
        ("no_act", not clause.acts - _LIGHT),
    ):
        if on:
            out.add(flag[name])
    return out


def sentence_features(
    clauses: Sequence[Clause],
    future_at: set[int],
    other_at: set[int],
    verdict: tuple[bool, Sequence[str]],
) -> frozenset[str]:
    """The features of a sentence from its clauses (parentheticals left out), the token indexes of its future
    and other time expressions, and the decision table's verdict (is a commitment, evidence codes)."""
    promised, evidence = verdict
    out: set[str] = {"rule:yes" if promised else "rule:no"}
    if promised:
        out.update(f"rule:{code}" for code in evidence)
    else:
        out.update(f"rule_block:{code}" for code in evidence)
    if future_at:
        out.add("time:future")
    if other_at:
        out.add("time:past")
    main = next((c for c in clauses if c.role is ClauseRole.MAIN), None)
    for clause in clauses:
        indexes = set(clause.indexes)
        here = (bool(future_at & indexes), bool(other_at & indexes))
        out |= clause_features(clause, "any", *here)
        if clause is main:
            out |= clause_features(clause, "main", *here)
    if main is None:
        out.add("main:none")
    return frozenset(out)


def position_features(annex: bool, list_item: bool) -> frozenset[str]:
    """Where the sentence stands: in the annex, in a list item."""
    return frozenset(name for name, on in (("pos:annex", annex), ("pos:list_item", list_item)) if on)


def feature_names() -> frozenset[str]:
    """Every feature :func:`sentence_features` and :func:`position_features` can produce."""
    from beleidsmonitor.extract.commitments import RULES, evidence_codes

    names = {
        name
        for n in _SCOPES.values()
        for table in (n.tense, n.subject, n.agent, n.role, n.modality, n.act, n.verb_act, n.flag)
        for name in table.values()
    }
    names |= {"main:none", "rule:yes", "rule:no", "time:future", "time:past", "pos:annex", "pos:list_item"}
    names |= {f"rule:{code}" for code in evidence_codes() | set(RULES)}
    names |= {f"rule_block:{code}" for code in BLOCKS}
    return frozenset(names)


#: the reasons the decision table gives for blocking a whole sentence
BLOCKS = ("condition", "this_letter")


@dataclass(frozen=True, slots=True)
class CommitmentModel:
    """A logistic model over named features: weights, intercept, threshold and where it came from."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    trained_on: tuple[str, ...]
    trained: str

    def score(self, features: Iterable[str]) -> float:
        """The log-odds that a sentence with ``features`` is a commitment."""
        weights = self.weights
        return self.intercept + sum(weights.get(f, 0.0) for f in features)

    def accepts(self, features: Iterable[str]) -> bool:
        """Whether the log-odds reach the threshold."""
        return self.score(features) >= self.threshold

    def evidence(self, features: Iterable[str]) -> tuple[str, ...]:
        """The features that raised the score most, largest first (at most :data:`EVIDENCE_SIZE`)."""
        weights = self.weights
        raising = sorted((f for f in features if weights.get(f, 0.0) > 0), key=lambda f: (-weights[f], f))
        return tuple(raising[:EVIDENCE_SIZE])

    def to_json(self) -> dict[str, object]:
        """The JSON form written by the training bench: weights by feature name, sorted by name."""
        return {
            "trained": self.trained,
            "trained_on": list(self.trained_on),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "weights": {f: self.weights[f] for f in sorted(self.weights)},
        }


def model_from_json(data: dict[str, object], source: str = MODEL_FILE) -> CommitmentModel:
    """A model from its JSON form (see :meth:`CommitmentModel.to_json`).

    Raises:
        ValueError: a key is missing or has the wrong type (the message names ``source``).
    """
    weights, trained_on = data.get("weights"), data.get("trained_on")
    intercept, threshold, trained = data.get("intercept"), data.get("threshold"), data.get("trained")
    if not (
        isinstance(weights, dict)
        and all(isinstance(w, int | float) for w in weights.values())
        and isinstance(trained_on, list)
        and isinstance(intercept, int | float)
        and isinstance(threshold, int | float)
        and isinstance(trained, str)
    ):
        raise ValueError(
            f"{source}: not a commitment model (weights, intercept, threshold, trained_on, trained)"
        )
    return CommitmentModel(
        weights={str(n): float(w) for n, w in weights.items()},
        intercept=float(intercept),
        threshold=float(threshold),
        trained_on=tuple(str(s) for s in trained_on),
        trained=trained,
    )


@cache
def load_commitment_model() -> CommitmentModel:
    """The shipped model (``extract/commitment_model.json``, cached)."""
    text = resources.files("beleidsmonitor.extract").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return model_from_json(json.loads(text))


__all__ = [
    "EVIDENCE_SIZE",
    "MODEL_FILE",
    "CommitmentModel",
    "clause_features",
    "feature_names",
    "load_commitment_model",
    "model_from_json",
    "position_features",
    "sentence_features",
]
