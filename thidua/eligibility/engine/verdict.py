"""Reasons and the verdict: ``not_eligible`` if any reason fails, else ``needs_review`` if any
asks for review, else ``eligible``. Passed, skipped and informative reasons are kept too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from thidua.eligibility.engine import wording


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105
    FAIL = "fail"
    REVIEW = "review"
    SKIP = "skip"
    INFO = "info"


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_REVIEW = "needs_review"


@dataclass(frozen=True, slots=True)
class Reason:
    """One finding: the rule, its outcome, a message (id + arguments), citation and mark."""

    rule: str
    outcome: Outcome
    message_id: str
    args: Mapping[str, Any] = field(default_factory=dict)
    citation: str = ""
    mark: str = "S"

    @property
    def message(self) -> str:
        return wording.render(self.message_id, self.args)

    @property
    def text(self) -> str:
        """The message with its citation and, unless [S], the mark in words."""
        return wording.explain(self.message_id, self.args, self.citation, self.mark)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "outcome": str(self.outcome),
            "outcome_words": wording.outcome_words(self.outcome),
            "message": self.message,
            "citation": self.citation,
            "mark": self.mark,
            "mark_words": wording.mark_words(self.mark),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Result:
    candidate: Any
    verdict: Verdict
    reasons: tuple[Reason, ...]
    rule_set: str = ""

    @property
    def verdict_words(self) -> str:
        return wording.verdict_words(self.verdict)

    def failed(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.outcome in (Outcome.FAIL, Outcome.REVIEW))


def verdict_of(reasons: tuple[Reason, ...] | list[Reason]) -> Verdict:
    outcomes = {r.outcome for r in reasons}
    if Outcome.FAIL in outcomes:
        return Verdict.NOT_ELIGIBLE
    if Outcome.REVIEW in outcomes:
        return Verdict.NEEDS_REVIEW
    return Verdict.ELIGIBLE
