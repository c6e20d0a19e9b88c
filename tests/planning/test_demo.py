"""The demo data: what the seed reports say, loaded twice without duplicates."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.planning.models import (
    Drive,
    DriveReport,
    Movement,
    PlanComment,
    PlanVersion,
    StepCompletion,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _counts() -> tuple[int, ...]:
    return (
        PlanVersion.objects.count(),
        PlanComment.objects.count(),
        Movement.objects.count(),
        Drive.objects.count(),
        DriveReport.objects.count(),
        StepCompletion.objects.count(),
        AuditEvent.objects.count(),
    )


def test_demo_records_the_seed_facts_and_is_idempotent() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    first = _counts()
    call_command("demo", stdout=io.StringIO())
    assert _counts() == first
    assert "demo-thanhtri" in out.getvalue()

    c10_plan = PlanVersion.objects.get(document__cluster_year__cluster__code="HN-C10")
    assert (c10_plan.title, c10_plan.adopted_on, c10_plan.presented_by) == (
        "Kế hoạch công tác thi đua, khen thưởng năm 2020",
        dt.date(2020, 2, 7),
        "Nguyễn Hồng Sơn, Trưởng Phòng Nội vụ huyện Sóc Sơn",
    )
    c07 = PlanVersion.objects.filter(document__cluster_year__cluster__code="HN-C07").order_by(
        "document__kind"
    )
    assert [(v.title, v.adopted_on) for v in c07] == [
        (
            "Quy chế về tổ chức hoạt động và nguyên tắc bình xét thi đua của Cụm trong năm 2021",
            dt.date(2021, 3, 30),
        ),
        ("Kế hoạch công tác thi đua, khen thưởng năm 2021", dt.date(2021, 3, 30)),
    ]
    drives = Drive.objects.filter(cluster_year__cluster__code="HN-C10").order_by("number")
    assert [d.name for d in drives] == ["Đợt 1", "Đợt 2", "Đợt 3", "Đợt 4"]
    assert all("Dữ liệu minh họa" in d.occasion for d in drives)
    assert all(r.summary.startswith("Dữ liệu minh họa") for r in DriveReport.objects.all())
    movements = Movement.objects.filter(authority__code="HN")
    assert (
        movements.filter(starts_on__year=2021, cluster_years__cluster__code="HN-C07").count() == 5
    )
    assert sorted(
        movements.filter(cluster_years__cluster__code="HN-C10").values_list("title", flat=True)
    ) == [
        "Phong trào thi đua “Chung sức xây dựng nông thôn mới”",
        "Thi đua thực hiện cải cách hành chính",
    ]
    assert set(StepCompletion.objects.values_list("cluster_year__cluster__code", "done_on")) == {
        ("HN-C10", dt.date(2020, 2, 7)),
        ("HN-C07", dt.date(2021, 3, 30)),
    }
    assert User.objects.get(username="demo-thanhtri").check_password("thidua-demo")
