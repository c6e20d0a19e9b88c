"""Which units still have to do a step: the apps that own the steps answer, the reminders ask.

``notifications`` sits below the domain apps, so it cannot ask them directly: each app that owns
a step with a deadline (``clusters.CycleStep``) registers a :class:`PendingStep` in its
``AppConfig.ready`` (start of the year: pledge, registration; scoring: self-scoring; planning:
the report of each drive). A step that
nobody registers gets no reminders (``thidua send-reminders`` says so).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from thidua.core.registry import Registry

if TYPE_CHECKING:
    from thidua.clusters.models import Deadline
    from thidua.organizations.models import Organization


class PendingUnits(Protocol):
    """The member units of ``deadline.cluster_year`` that have not done the step yet (a constant
    number of queries)."""

    def __call__(self, deadline: Deadline, /) -> Iterable[Organization]: ...


class StepLink(Protocol):
    """Where the unit does the step of this deadline (a path of the site)."""

    def __call__(self, deadline: Deadline, organization: Organization, /) -> str: ...


@dataclass(frozen=True)
class PendingStep:
    slug: str  # the step (``clusters.enums.CycleStep`` value)
    pending: PendingUnits
    link: StepLink
    roles: tuple[str, ...]  # who in the unit is reminded (``accounts.enums.Role`` values)


STEPS: Registry[PendingStep] = Registry("reminder steps")


def register_step(step: PendingStep) -> PendingStep:
    return STEPS.add(step)
