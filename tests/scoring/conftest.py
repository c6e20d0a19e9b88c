"""Fixtures of the scoring tests: the ``world`` cluster year with an adopted criteria set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import World
from tests.factories_scoring import build_criteria_set, fresh
from thidua.clusters.models import ClusterYear
from thidua.scoring.models import CriteriaSet, Criterion


@dataclass
class ScoringWorld:
    w: World
    cs: CriteriaSet

    @property
    def cy(self) -> ClusterYear:
        return fresh(self.w.cy)

    def c(self, code: str) -> Criterion:
        return Criterion.objects.get(criteria_set=self.cs, code=code)


@pytest.fixture
def sw(world: World) -> ScoringWorld:
    """World + the small criteria set (I 60, II 25, III 15, bonus, penalty), adopted."""
    return ScoringWorld(w=world, cs=build_criteria_set(world.cy, world.secretariat))


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
