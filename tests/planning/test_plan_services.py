"""Plans and rules: versions, adoption locks, amendments, threaded comments, the plan step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.factories_planning import docx_upload, pdf_upload
from thidua.audit.models import AuditEvent
from thidua.clusters.enums import CycleStep
from thidua.planning import services
from thidua.planning.enums import PlanKind
from thidua.planning.models import PlanAttachment, PlanComment, PlanVersion, StepCompletion
from thidua.planning.services.plans import plan_step_date

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _rows(version: PlanVersion) -> tuple[object, ...]:
    version.refresh_from_db()
    return (version.title, version.body, version.adopted_on, version.attachments.count())


def test_first_draft_is_version_one_with_attachments(world: World) -> None:
    version = services.draft_plan_version(
        cluster_year=world.cy,
        kind=PlanKind.WORK_PLAN,
        title="Kế hoạch công tác thi đua, khen thưởng năm 2023",
        files=[pdf_upload(), docx_upload()],
        by=world.secretariat,
    )
    assert (version.number, version.adopted_on, version.document.kind) == (1, None, "work-plan")
    names = sorted(a.original_name for a in version.attachments.all())
    assert names == ["ke-hoach.pdf", "quy-che.docx"]
    stored = version.attachments.first()
    assert stored is not None
    assert stored.file.name.startswith("planning/plans/")
    assert (stored.content_type, len(stored.sha256)) == ("application/pdf", 64)
    event = AuditEvent.objects.get(action="plan.version.draft")
    assert (event.object_id, event.actor_id, event.after["files"]) == (
        str(version.pk),
        world.secretariat.pk,
        2,
    )


def test_a_second_draft_while_one_is_pending_is_refused(world: World, draft: PlanVersion) -> None:
    with pytest.raises(ValidationError) as exc:
        services.draft_plan_version(
            cluster_year=world.cy, kind=PlanKind.WORK_PLAN, title="Bản khác", by=world.secretariat
        )
    assert exc.value.messages == [
        "Bản 1 đang là dự thảo chưa thông qua; hãy sửa bản đó thay vì tạo bản mới."
    ]
    assert PlanVersion.objects.count() == 1


def test_draft_without_title_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        services.draft_plan_version(
            cluster_year=world.cy, kind=PlanKind.RULES, title="  ", by=world.secretariat
        )
    assert exc.value.messages == ["Cần nhập tiêu đề."]
    assert PlanVersion.objects.count() == 0


def test_draft_can_be_edited_and_the_change_is_audited(world: World, draft: PlanVersion) -> None:
    services.update_plan_version(
        version=draft, title="Kế hoạch (sửa)", body="Nội dung mới", by=world.secretariat
    )
    draft.refresh_from_db()
    assert (draft.title, draft.body) == ("Kế hoạch (sửa)", "Nội dung mới")
    event = AuditEvent.objects.get(action="plan.version.update")
    assert (event.before["title"], event.after["title"]) == (
        "Kế hoạch công tác thi đua, khen thưởng năm 2023",
        "Kế hoạch (sửa)",
    )


def test_adoption_locks_the_version_and_is_audited(world: World, draft: PlanVersion) -> None:
    services.adopt_plan_version(
        version=draft,
        adopted_on=dt.date(2023, 2, 10),
        meeting="Hội nghị triển khai",
        presented_by="Trưởng Phòng Nội vụ",
        by=world.secretariat,
    )
    draft.refresh_from_db()
    assert (draft.adopted_on, draft.adopted_by, draft.presented_by) == (
        dt.date(2023, 2, 10),
        world.secretariat,
        "Trưởng Phòng Nội vụ",
    )
    event = AuditEvent.objects.get(action="plan.version.adopt")
    assert (event.before["adopted_on"], event.after["adopted_on"]) == (None, "2023-02-10")


def test_editing_an_adopted_version_is_refused_and_nothing_changes(
    world: World, adopted: PlanVersion
) -> None:
    before = _rows(adopted)
    with pytest.raises(PermissionDenied) as exc:
        services.update_plan_version(
            version=adopted, title="Sửa lén", files=[pdf_upload()], by=world.secretariat
        )
    assert [str(exc.value)] == [
        "Bản 1 đã được thông qua ngày 10/02/2023 nên không thể sửa. "
        "Muốn thay đổi, hãy tạo bản mới và thông qua lại."
    ]
    assert _rows(adopted) == before
    assert not AuditEvent.objects.filter(action="plan.version.update").exists()


def test_adopting_an_adopted_version_again_is_refused(world: World, adopted: PlanVersion) -> None:
    with pytest.raises(PermissionDenied) as exc:
        services.adopt_plan_version(
            version=adopted, adopted_on=dt.date(2023, 3, 1), by=world.secretariat
        )
    assert [str(exc.value)] == ["Bản 1 đã được thông qua ngày 10/02/2023."]
    adopted.refresh_from_db()
    assert adopted.adopted_on == dt.date(2023, 2, 10)
    assert AuditEvent.objects.filter(action="plan.version.adopt").count() == 1


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(2099, 1, 1), "Ngày thông qua (01/01/2099) không được ở tương lai."),
        (
            dt.date(2020, 5, 1),
            "Ngày thông qua (01/05/2020) phải trong năm 2023 hoặc cuối năm 2022 (từ 01/10/2022).",
        ),
        (
            dt.date(2022, 1, 1),
            "Ngày thông qua (01/01/2022) phải trong năm 2023 hoặc cuối năm 2022 (từ 01/10/2022).",
        ),
    ],
)
def test_adoption_date_must_be_plausible(
    world: World, draft: PlanVersion, day: dt.date, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.adopt_plan_version(version=draft, adopted_on=day, by=world.secretariat)
    assert exc.value.messages == [message]
    draft.refresh_from_db()
    assert draft.adopted_on is None


def test_a_change_after_adoption_is_a_new_version_to_adopt_again(
    world: World, draft: PlanVersion
) -> None:
    services.update_plan_version(
        version=draft, title=draft.title, files=[pdf_upload("phu-luc.pdf")], by=world.secretariat
    )
    services.adopt_plan_version(
        version=draft, adopted_on=dt.date(2023, 2, 10), by=world.secretariat
    )
    amendment = services.draft_plan_version(
        cluster_year=world.cy,
        kind=PlanKind.WORK_PLAN,
        title="Kế hoạch (sửa đổi)",
        change_note="Bổ sung đợt thi đua thứ 5",
        by=world.secretariat,
    )
    assert (amendment.number, amendment.adopted_on) == (2, None)
    # The attachments carry over (same stored file), the older version stays as adopted.
    old_file = PlanAttachment.objects.get(version=draft).file.name
    assert [a.file.name for a in amendment.attachments.all()] == [old_file]
    draft.refresh_from_db()
    assert (draft.title, draft.adopted_on) == (
        "Kế hoạch công tác thi đua, khen thưởng năm 2023",
        dt.date(2023, 2, 10),
    )
    services.adopt_plan_version(
        version=amendment, adopted_on=dt.date(2023, 6, 1), by=world.secretariat
    )
    numbers = list(
        PlanVersion.objects.filter(adopted_on__isnull=False).values_list("number", flat=True)
    )
    assert numbers == [1, 2]


def test_removing_a_carried_attachment_keeps_the_file_of_the_adopted_version(
    world: World, draft: PlanVersion, django_capture_on_commit_callbacks: object
) -> None:
    services.update_plan_version(
        version=draft, title=draft.title, files=[pdf_upload()], by=world.secretariat
    )
    services.adopt_plan_version(
        version=draft, adopted_on=dt.date(2023, 2, 10), by=world.secretariat
    )
    amendment = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.WORK_PLAN, title="Bản 2", by=world.secretariat
    )
    carried = amendment.attachments.get()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.update_plan_version(
            version=amendment,
            title="Bản 2",
            remove_attachment_ids=[carried.pk],
            by=world.secretariat,
        )
    original = PlanAttachment.objects.get(version=draft)
    assert amendment.attachments.count() == 0
    assert original.file.storage.exists(original.file.name)


def test_replies_form_threads_and_a_reply_to_a_reply_joins_the_thread(
    world: World, draft: PlanVersion
) -> None:
    root = services.add_plan_comment(version=draft, author=world.officer, body="Đề nghị bổ sung.")
    reply = services.add_plan_comment(
        version=draft, author=world.secretariat, body="Xin tiếp thu.", parent_id=root.pk
    )
    second = services.add_plan_comment(
        version=draft, author=world.board, body="Đồng ý.", parent_id=reply.pk
    )
    assert (reply.parent_id, second.parent_id) == (root.pk, root.pk)
    assert root.author_label == f"{world.officer.display_name} — Sở Nội vụ"
    assert second.author_label.endswith("Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội")
    assert AuditEvent.objects.filter(action="plan.comment.add").count() == 3


def test_comment_on_an_adopted_version_is_refused(world: World, adopted: PlanVersion) -> None:
    with pytest.raises(PermissionDenied) as exc:
        services.add_plan_comment(version=adopted, author=world.officer, body="Muộn rồi")
    assert [str(exc.value)] == [
        "Bản 1 đã được thông qua nên không nhận thêm ý kiến; hãy góp ý vào bản sửa đổi tiếp theo."
    ]
    assert PlanComment.objects.count() == 0


def test_reply_to_a_comment_of_another_version_is_refused(world: World, draft: PlanVersion) -> None:
    rules = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.RULES, title="Quy chế", by=world.secretariat
    )
    other = services.add_plan_comment(version=rules, author=world.officer, body="Ý kiến")
    with pytest.raises(ValidationError) as exc:
        services.add_plan_comment(
            version=draft, author=world.officer, body="Trả lời", parent_id=other.pk
        )
    assert exc.value.messages == ["Ý kiến được trả lời không thuộc bản này."]
    assert PlanComment.objects.count() == 1


def test_plan_step_is_done_when_the_work_plan_alone_is_adopted(
    world: World, adopted: PlanVersion
) -> None:
    completion = StepCompletion.objects.get(cluster_year=world.cy)
    assert (completion.step, completion.done_on) == (CycleStep.PLAN, dt.date(2023, 2, 10))
    event = AuditEvent.objects.get(action="cluster_year.step.done")
    assert (event.object_id, event.after["step"]) == (str(world.cy.pk), "plan")


def test_plan_step_waits_for_rules_in_draft_and_stays_done_after_an_amendment(
    world: World, draft: PlanVersion
) -> None:
    rules = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.RULES, title="Quy chế", by=world.secretariat
    )
    services.adopt_plan_version(
        version=draft, adopted_on=dt.date(2023, 2, 10), by=world.secretariat
    )
    assert not StepCompletion.objects.exists()
    services.adopt_plan_version(
        version=rules, adopted_on=dt.date(2023, 2, 12), by=world.secretariat
    )
    assert list(StepCompletion.objects.values_list("done_on", flat=True)) == [dt.date(2023, 2, 12)]
    services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.RULES, title="Quy chế sửa đổi", by=world.secretariat
    )
    assert StepCompletion.objects.count() == 1


def test_the_plan_step_is_done_on_the_latest_first_adoption_not_the_last_recorded(
    world: World, draft: PlanVersion
) -> None:
    rules = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.RULES, title="Quy chế", by=world.secretariat
    )
    services.adopt_plan_version(
        version=draft, adopted_on=dt.date(2023, 2, 12), by=world.secretariat
    )
    services.adopt_plan_version(version=rules, adopted_on=dt.date(2023, 2, 1), by=world.secretariat)
    assert list(StepCompletion.objects.values_list("done_on", flat=True)) == [dt.date(2023, 2, 12)]


def test_no_plan_step_date_before_a_plan_document_is_adopted(
    world: World, draft: PlanVersion
) -> None:
    assert plan_step_date(world.cy) is None


def test_the_plan_step_date_ignores_amendments_and_the_summary_report(
    world: World, adopted: PlanVersion
) -> None:
    rules = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.RULES, title="Quy chế", by=world.secretariat
    )
    services.adopt_plan_version(version=rules, adopted_on=dt.date(2023, 3, 1), by=world.secretariat)
    amendment = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.WORK_PLAN, title="Sửa đổi", by=world.secretariat
    )
    services.adopt_plan_version(
        version=amendment, adopted_on=dt.date(2023, 6, 1), by=world.secretariat
    )
    summary = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.SUMMARY_REPORT, title="Tổng kết", by=world.secretariat
    )
    services.adopt_plan_version(
        version=summary, adopted_on=dt.date(2023, 12, 20), by=world.secretariat
    )
    assert plan_step_date(world.cy) == dt.date(2023, 3, 1)


def test_the_plan_step_date_counts_only_documents_started_before_the_step_was_done(
    world: World, adopted: PlanVersion
) -> None:
    completion = StepCompletion.objects.get(cluster_year=world.cy)
    rules = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.RULES, title="Quy chế", by=world.secretariat
    )
    services.adopt_plan_version(version=rules, adopted_on=dt.date(2023, 3, 1), by=world.secretariat)
    assert plan_step_date(world.cy, documents_by=completion.created) == dt.date(2023, 2, 10)
    assert plan_step_date(world.cy) == dt.date(2023, 3, 1)


def test_adopting_only_the_rules_does_not_finish_the_plan_step(world: World) -> None:
    rules = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.RULES, title="Quy chế", by=world.secretariat
    )
    services.adopt_plan_version(
        version=rules, adopted_on=dt.date(2023, 2, 12), by=world.secretariat
    )
    assert not StepCompletion.objects.exists()
