"""The summary report (báo cáo tổng kết): drafted by the head unit, versioned, commented on by the
members, adopted at the year-end conference — the plan-document machinery with a third kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.clusters.enums import CycleStep
from thidua.planning import services
from thidua.planning.enums import PlanKind
from thidua.planning.models import PlanComment, PlanVersion, StepCompletion

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

CONFERENCE_DAY = dt.date(2023, 12, 20)
MANAGERS = ["admin", "board", "secretariat"]
NOT_MANAGERS = [
    "officer",
    "leader",
    "deputy_officer",
    "council",
    "viewer",
    "outsider",
    "other_board",
]
COMMENTERS = ["admin", "board", "secretariat", "officer", "leader", "deputy_officer"]
NOT_COMMENTERS = ["council", "viewer", "outsider", "other_board"]


def _draft(world: World, title: str = "Báo cáo tổng kết năm 2023") -> PlanVersion:
    return services.draft_plan_version(
        cluster_year=world.cy,
        kind=PlanKind.SUMMARY_REPORT,
        title=title,
        body="Kết quả thực hiện phong trào thi đua năm 2023.",
        by=world.secretariat,
    )


def _adopt(world: World, version: PlanVersion, day: dt.date = CONFERENCE_DAY) -> PlanVersion:
    return services.adopt_plan_version(
        version=version,
        adopted_on=day,
        meeting="Hội nghị tổng kết năm 2023",
        presented_by="Chánh Văn phòng UBND Thành phố",
        by=world.secretariat,
    )


def test_the_head_unit_drafts_the_summary_report_as_version_one(world: World) -> None:
    version = _draft(world)

    assert (version.number, version.document.kind, version.adopted_on) == (
        1,
        "summary-report",
        None,
    )
    assert version.document.get_kind_display() == "Báo cáo tổng kết"
    event = AuditEvent.objects.get(action="plan.version.draft")
    assert (event.actor_id, event.after["kind"]) == (world.secretariat.pk, "summary-report")


def test_members_comment_on_the_draft_and_the_head_unit_replies(world: World) -> None:
    version = _draft(world)

    root = services.add_plan_comment(
        version=version, author=world.officer, body="Đề nghị bổ sung kết quả cải cách hành chính"
    )
    services.add_plan_comment(
        version=version, author=world.secretariat, body="Xin tiếp thu", parent_id=root.pk
    )

    rows = PlanComment.objects.order_by("pk").values_list("author_label", "parent_id")
    assert [parent for _label, parent in rows] == [None, root.pk]
    assert AuditEvent.objects.filter(action="plan.comment.add").count() == 2


def test_adoption_at_the_conference_records_the_meeting_and_locks_the_version(
    world: World,
) -> None:
    version = _adopt(world, _draft(world))

    version.refresh_from_db()
    assert (
        version.adopted_on,
        version.adopted_at_meeting,
        version.presented_by,
        version.adopted_by_id,
    ) == (
        CONFERENCE_DAY,
        "Hội nghị tổng kết năm 2023",
        "Chánh Văn phòng UBND Thành phố",
        world.secretariat.pk,
    )
    event = AuditEvent.objects.get(action="plan.version.adopt")
    assert (event.after["kind"], event.after["meeting"]) == (
        "summary-report",
        "Hội nghị tổng kết năm 2023",
    )
    with pytest.raises(PermissionDenied):
        services.update_plan_version(version=version, title="Sửa sau", by=world.secretariat)
    with pytest.raises(PermissionDenied):
        services.add_plan_comment(version=version, author=world.officer, body="Muộn")


def test_a_conference_early_next_year_may_adopt_the_report(world: World) -> None:
    version = _adopt(world, _draft(world), day=dt.date(2024, 1, 12))

    assert version.adopted_on == dt.date(2024, 1, 12)


@pytest.mark.parametrize(
    ("day", "shown"), [(dt.date(2022, 12, 20), "20/12/2022"), (dt.date(2025, 1, 5), "05/01/2025")]
)
def test_adoption_outside_the_year_end_is_refused(world: World, day: dt.date, shown: str) -> None:
    version = _draft(world)

    with pytest.raises(ValidationError) as exc:
        _adopt(world, version, day=day)

    assert exc.value.messages == [
        "Báo cáo tổng kết năm 2023 được thông qua tại hội nghị tổng kết: ngày thông qua "
        f"({shown}) phải trong năm 2023 hoặc đầu năm 2024."
    ]
    version.refresh_from_db()
    assert version.adopted_on is None


def test_a_change_after_adoption_is_version_two(world: World) -> None:
    _adopt(world, _draft(world))

    amended = _draft(world, title="Báo cáo tổng kết năm 2023 (bổ sung)")

    assert amended.number == 2
    assert list(
        PlanVersion.objects.filter(document__kind="summary-report")
        .order_by("number")
        .values_list("number", "adopted_on")
    ) == [(1, CONFERENCE_DAY), (2, None)]


def test_the_summary_report_neither_holds_up_nor_completes_the_plan_step(world: World) -> None:
    _adopt(world, _draft(world))
    assert not StepCompletion.objects.exists()  # adopting the report is not the plan step

    _draft(world, title="Bản sửa đổi chưa thông qua")
    plan = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.WORK_PLAN, title="Kế hoạch", by=world.secretariat
    )
    services.adopt_plan_version(version=plan, adopted_on=dt.date(2023, 2, 10), by=world.secretariat)

    # a summary report waiting for adoption does not hold up the step of the start of the year
    assert list(StepCompletion.objects.values_list("step", flat=True)) == [CycleStep.PLAN]


@pytest.mark.parametrize("persona", MANAGERS)
def test_the_people_who_run_the_year_draft_and_adopt_it(world: World, persona: str) -> None:
    user = world.user(persona)
    version = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.SUMMARY_REPORT, title="Báo cáo", by=user
    )
    services.adopt_plan_version(version=version, adopted_on=CONFERENCE_DAY, by=user)

    assert PlanVersion.objects.get().adopted_on == CONFERENCE_DAY


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_other_people_neither_draft_nor_adopt_it(world: World, persona: str) -> None:
    user = world.user(persona)
    with pytest.raises(PermissionDenied):
        services.draft_plan_version(
            cluster_year=world.cy, kind=PlanKind.SUMMARY_REPORT, title="Báo cáo", by=user
        )
    version = _draft(world)
    with pytest.raises(PermissionDenied):
        services.adopt_plan_version(version=version, adopted_on=CONFERENCE_DAY, by=user)
    version.refresh_from_db()
    assert (PlanVersion.objects.count(), version.adopted_on) == (1, None)


@pytest.mark.parametrize("persona", COMMENTERS)
def test_member_units_and_managers_comment(world: World, persona: str) -> None:
    version = _draft(world)

    services.add_plan_comment(version=version, author=world.user(persona), body="Góp ý")

    assert PlanComment.objects.count() == 1


@pytest.mark.parametrize("persona", NOT_COMMENTERS)
def test_people_outside_the_member_units_do_not_comment(world: World, persona: str) -> None:
    version = _draft(world)

    with pytest.raises(PermissionDenied):
        services.add_plan_comment(version=version, author=world.user(persona), body="Góp ý")

    assert PlanComment.objects.count() == 0
