"""Fixtures for planning tests: a drive of the world's cluster year, plan versions."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import World
from thidua.planning import services
from thidua.planning.enums import PlanKind
from thidua.planning.models import Drive, PlanVersion


@pytest.fixture
def draft(world: World) -> PlanVersion:
    """Bản 1 of the work plan of HN-C06/2023, a draft by the secretariat."""
    return services.draft_plan_version(
        cluster_year=world.cy,
        kind=PlanKind.WORK_PLAN,
        title="Kế hoạch công tác thi đua, khen thưởng năm 2023",
        body="Nội dung dự thảo.",
        by=world.secretariat,
    )


@pytest.fixture
def adopted(world: World, draft: PlanVersion) -> PlanVersion:
    return services.adopt_plan_version(
        version=draft, adopted_on=dt.date(2023, 2, 10), by=world.secretariat
    )


@pytest.fixture
def drive(world: World) -> Drive:
    """Đợt 1 of HN-C06/2023, no report deadline."""
    return services.create_drive(
        cluster_year=world.cy,
        name="Đợt 1",
        starts_on=dt.date(2023, 2, 1),
        ends_on=dt.date(2023, 4, 30),
        occasion="Chào mừng kỷ niệm Ngày Giải phóng miền Nam",
        by=world.secretariat,
    )
