"""What a rule sees: the candidate, its facts, the parameters and the batch it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua.eligibility.engine.facts import Candidate, InitiativeFact, PersonFacts, UnitFacts
from thidua.eligibility.engine.params import P, Params, when_missing
from thidua.eligibility.engine.verdict import Outcome, Reason
from thidua.legal.definitions import BY_CODE

# Where the law delegates a value to the authority: cited when the authority has not set it.
DELEGATED = {
    "ttldtt_min_ratio_ldtt": "khoản 3 Điều 28 Luật TĐKT 2022",
    "ttldtt_disqualifying_discipline": "khoản 3 Điều 28 Luật TĐKT 2022",
}


def missing(rule: str, code: str, params: Params) -> Reason:
    """The reason for an absent parameter, as the vocabulary's ``when_missing`` says: an
    authority-only code the authority has not set, or a code this version does not hold."""
    definition = BY_CODE.get(code)
    skip = when_missing(code) == "skip"
    own = definition is not None and definition.authority_only
    mid = (
        ("missing_param_skip" if skip else "missing_param_review")
        if own
        else ("absent_skip" if skip else "absent_review")
    )
    args = {
        "name": definition.name if definition else code,
        "authority": params.authority,
        "rule_set": params.rule_set,
    }
    outcome = Outcome.SKIP if skip else Outcome.REVIEW
    return Reason(rule, outcome, mid, args, DELEGATED.get(code, ""))


@dataclass
class BatchState:
    """Shared by the rows of one batch: titles proposed in it and initiatives already taken."""

    planned: set[tuple[str, str, int]] = field(default_factory=set)
    taken: dict[str, str] = field(default_factory=dict)  # initiative code → "row 3"
    seen: dict[tuple[str, str, int], int] = field(default_factory=dict)


@dataclass
class Ctx:
    candidate: Candidate
    facts: PersonFacts | UnitFacts | None
    params: Params
    batch: BatchState

    @property
    def person(self) -> PersonFacts:
        assert isinstance(self.facts, PersonFacts)
        return self.facts

    @property
    def unit(self) -> UnitFacts:
        assert isinstance(self.facts, UnitFacts)
        return self.facts

    def param(self, code: str, award_code: str = "") -> P | None:
        return self.params.get(code, award_code)

    def missing(self, rule: str, code: str) -> Reason:
        return missing(rule, code, self.params)

    def has_title(self, award_code: str, year: int) -> str:
        """``record`` (decided), ``batch`` (proposed in the same batch) or ``""``."""
        facts = self.facts
        if facts is not None and any(
            a.award_code == award_code and a.year == year for a in facts.awards
        ):
            return "record"
        if (self.candidate.subject_code, award_code, year) in self.batch.planned:
            return "batch"
        return ""

    def known(self, year: int) -> bool:
        """Whether the person's record is complete for a year (``history_from``)."""
        start = self.facts.history_from if isinstance(self.facts, PersonFacts) else None
        return start is None or year >= start

    def free_initiatives(self, min_scope: int, year: int) -> list[InitiativeFact]:
        """Recognised initiatives not used and not taken in this batch, oldest first (unless
        the set says an initiative may be used again: ``initiative_single_use`` false)."""
        single = self.param("initiative_single_use")
        once = single is None or bool(single.value)
        found = [
            i
            for i in self.person.initiatives
            if i.scope >= min_scope
            and i.year <= year
            and not (once and (i.used_for or i.code in self.batch.taken))
        ]
        return sorted(found, key=lambda i: (i.year, i.code))
