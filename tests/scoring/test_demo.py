"""The demo data: Cụm 6 (HN-C06) 2023, consistent with the news report, marked as sample."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from thidua.accounts.models import User
from thidua.scoring.models import CriteriaSet, ResultRow, ScoreEntry

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_ranks_the_home_affairs_department_first_and_is_idempotent(
    settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=io.StringIO())  # a second run changes nothing
    criteria_set = CriteriaSet.objects.get()
    assert "dữ liệu minh họa" in criteria_set.name
    assert (criteria_set.max_total, criteria_set.status) == (Decimal(100), "adopted")
    rows = list(ResultRow.objects.select_related("organization").order_by("position"))
    assert [r.organization.code for r in rows[:2]] == ["HN-SNV", "HN-VPUB"]
    assert [r.rank for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    adjusted = ScoreEntry.objects.filter(adjusted_value__isnull=False)
    assert adjusted.count() == 2
    assert all("dữ liệu minh họa" in e.adjust_reason for e in adjusted)
    scoring_users = User.objects.filter(
        username__in=["demo-tttp", "demo-stp", "demo-sngv", "demo-bdt", "demo-xtdt"]
    ).values_list("username", "organization__code")
    assert sorted(scoring_users) == [
        ("demo-bdt", "HN-BDT"),
        ("demo-sngv", "HN-SNGV"),
        ("demo-stp", "HN-STP"),
        ("demo-tttp", "HN-TTTP"),
        ("demo-xtdt", "HN-XTDT"),
    ]
    assert "demo-xtdt" in out.getvalue()
    assert "Chấm điểm: Cụm 6 năm 2023" in out.getvalue()
