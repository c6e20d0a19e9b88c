"""The eligibility engine: pure functions over preloaded facts (docs/dev/awards-design.md §5).

No database access here: ``thidua.eligibility.preload`` builds the facts and the parameters."""

from thidua.eligibility.engine.evaluate import Batch, evaluate, evaluate_many
from thidua.eligibility.engine.facts import (
    AwardFact,
    Candidate,
    CollectiveFact,
    DisciplineFact,
    ForebearFacts,
    InitiativeFact,
    PersonFacts,
    UnitFacts,
)
from thidua.eligibility.engine.params import P, Params
from thidua.eligibility.engine.verdict import Outcome, Reason, Result, Verdict

__all__ = [
    "AwardFact",
    "Batch",
    "Candidate",
    "CollectiveFact",
    "DisciplineFact",
    "ForebearFacts",
    "InitiativeFact",
    "Outcome",
    "P",
    "Params",
    "PersonFacts",
    "Reason",
    "Result",
    "UnitFacts",
    "Verdict",
    "evaluate",
    "evaluate_many",
]
