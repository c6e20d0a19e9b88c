"""Self-scoring: saving a draft, what is missing before submit, evidence, the deadline, the
secretariat's reopening, and the conflict of two people editing the same sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories_scoring import fill_sheet, fresh, pdf
from tests.scoring.conftest import ScoringWorld
from thidua.audit.models import AuditEvent
from thidua.clusters.deadlines import set_deadline
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import DeadlineExtension
from thidua.scoring import selectors
from thidua.scoring.enums import SheetStatus
from thidua.scoring.models import Evidence, ScoreEntry, ScoreSheet
from thidua.scoring.services.common import SheetConflict
from thidua.scoring.services.sheets import EntryInput, reopen_sheet, save_sheet, submit_sheet

pytestmark = [pytest.mark.unit, pytest.mark.django_db]
D = Decimal


def _save(
    sw: ScoringWorld, values: dict[str, Decimal | None], version: int | None = None, **kw: object
) -> ScoreSheet:
    w = sw.w
    sheet = selectors.sheet_for(w.cy, w.member)
    return save_sheet(
        cluster_year=sw.cy,
        organization=w.member,
        user=kw.pop("user", w.officer),
        expected_version=sheet.version if version is None else version,
        entries=[EntryInput(sw.c(code).pk, value=v) for code, v in values.items()],
        **kw,  # type: ignore[arg-type]
    )


def _values(sw: ScoringWorld) -> dict[str, Decimal | None]:
    return {
        e.criterion.code: e.self_value
        for e in ScoreEntry.objects.filter(sheet__organization=sw.w.member).select_related(
            "criterion"
        )
    }


def test_a_unit_saves_a_draft_and_sees_its_progress(sw: ScoringWorld) -> None:
    sheet = _save(sw, {"I.1": D(35), "II.2": D("12.5")}, self_report="Tự đánh giá")
    table = selectors.criteria_table(sw.cs)
    progress = selectors.sheet_progress(sheet, table, selectors.entries_by_criterion(sheet))
    assert (sheet.version, sheet.status) == (2, SheetStatus.DRAFT)
    assert (progress.done, progress.total) == (2, 5)
    assert progress.missing == [
        "Tiêu chí I.2: chưa chấm điểm.",
        "Tiêu chí II.1: chưa chấm điểm.",
        "Tiêu chí III.1: chưa chấm điểm.",
        "Tiêu chí I.1: thiếu minh chứng (bắt buộc).",
    ]
    event = AuditEvent.objects.get(action="scoring.sheet.save")
    assert event.after == {"I.1": "35", "II.2": "12.5", "self_report": "Tự đánh giá"}


def test_computed_criteria_take_their_points_from_the_measure(sw: ScoringWorld) -> None:
    w = sw.w
    save_sheet(
        cluster_year=sw.cy,
        organization=w.member,
        user=w.officer,
        expected_version=1,
        entries=[
            EntryInput(sw.c("I.2").pk, measure=D("97.5")),
            EntryInput(sw.c("III.1").pk, measure=D(85)),
        ],
    )
    assert _values(sw) == {"I.2": D("19.50"), "III.1": D(10)}


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("I.1", D(45), "Tiêu chí I.1: 45 vượt điểm tối đa 40"),
        ("II.2", D(-1), "Tiêu chí II.2: điểm không được âm (-1)."),
        ("II.1", D(5), "Tiêu chí II.1: tiêu chí có/không chỉ nhận 0 hoặc 10 điểm."),
    ],
)
def test_bad_scores_are_refused_and_nothing_is_saved(
    sw: ScoringWorld, code: str, value: Decimal, message: str
) -> None:
    _save(sw, {"II.2": D(10)})
    with pytest.raises(ValidationError) as exc:
        _save(sw, {"II.2": D(14), code: value})
    assert exc.value.messages == [message]
    assert _values(sw) == {"II.2": D(10)}
    assert ScoreSheet.objects.get(organization=sw.w.member).version == 2


def test_only_the_units_own_people_score_it(sw: ScoringWorld) -> None:
    with pytest.raises(PermissionDenied):
        _save(sw, {"I.1": D(30)}, user=sw.w.secretariat)
    with pytest.raises(PermissionDenied):
        _save(sw, {"I.1": D(30)}, user=sw.w.board)
    assert _values(sw) == {}


def test_submit_lists_what_is_missing_including_required_evidence(sw: ScoringWorld) -> None:
    w = sw.w
    fill_sheet(sw.cy, w.member, w.officer, submit=False, evidence=False, report="")
    sheet = selectors.sheet_for(sw.cy, w.member)
    with pytest.raises(ValidationError) as exc:
        submit_sheet(sheet=sheet, user=w.officer)
    assert exc.value.messages == [
        "Chưa nộp được bảng tự chấm điểm. Còn thiếu:",
        "Tiêu chí I.1: thiếu minh chứng (bắt buộc).",
        "Chưa có báo cáo tự đánh giá.",
    ]
    assert ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.DRAFT


def test_a_complete_sheet_is_submitted_and_then_locked(sw: ScoringWorld) -> None:
    w = sw.w
    sheet = fill_sheet(sw.cy, w.member, w.leader)
    assert (sheet.status, sheet.submitted_by) == (SheetStatus.SUBMITTED, w.leader)
    assert Evidence.objects.filter(entry__sheet=sheet).count() == 1
    with pytest.raises(PermissionDenied) as exc:
        _save(sw, {"I.1": D(10)})
    assert "đã nộp, không sửa được nữa" in str(exc.value)
    assert AuditEvent.objects.filter(
        action="scoring.sheet.submit", object_id=str(sheet.pk)
    ).exists()


def test_evidence_of_the_wrong_type_is_refused(sw: ScoringWorld) -> None:
    fake = SimpleUploadedFile("minh-chung.pdf", b"MZ not a pdf", "application/pdf")
    with pytest.raises(ValidationError) as exc:
        _save(sw, {"I.1": D(30)}, evidence={sw.c("I.1").pk: [fake]})
    assert exc.value.messages == [
        "Tiêu chí I.1: Nội dung tệp “minh-chung.pdf” không phải PDF hợp lệ."
    ]
    assert (_values(sw), Evidence.objects.count()) == ({}, 0)


def test_submitting_after_the_deadline_is_refused_until_the_secretariat_reopens(
    sw: ScoringWorld,
) -> None:
    w = sw.w
    fill_sheet(sw.cy, w.member, w.officer, submit=False)
    due = timezone.localtime(timezone.now() - dt.timedelta(hours=1))
    set_deadline(cluster_year=w.cy, step=CycleStep.SELF_SCORING, due_at=due)
    sheet = selectors.sheet_for(fresh(w.cy), w.member)
    with pytest.raises(PermissionDenied) as denied:
        submit_sheet(sheet=sheet, user=w.officer)
    assert str(denied.value).startswith(
        f"Đã quá hạn “Tự chấm điểm” ({due:%H:%M %d/%m/%Y}). Hãy đề nghị đơn vị trưởng"
    )
    assert ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.DRAFT

    with pytest.raises(ValidationError) as exc:
        reopen_sheet(sheet=sheet, user=w.secretariat, reason="")
    assert exc.value.messages == ["Cần ghi lý do khi mở lại bảng tự chấm điểm."]
    assert not DeadlineExtension.objects.exists()

    reopen_sheet(sheet=sheet, user=w.secretariat, reason="Đơn vị gặp sự cố mạng")
    submitted = submit_sheet(sheet=selectors.sheet_for(fresh(w.cy), w.member), user=w.officer)
    assert submitted.status == SheetStatus.SUBMITTED
    assert DeadlineExtension.objects.get().reason == "Đơn vị gặp sự cố mạng"


def test_the_secretariat_returns_a_submitted_sheet_with_a_reason(sw: ScoringWorld) -> None:
    w = sw.w
    sheet = fill_sheet(sw.cy, w.member, w.officer)
    with pytest.raises(PermissionDenied):
        reopen_sheet(sheet=sheet, user=w.deputy_officer, reason="x")
    reopen_sheet(
        sheet=selectors.sheet_for(fresh(w.cy), w.member),
        user=w.secretariat,
        reason="Thiếu số liệu I.2",
    )
    assert ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.DRAFT
    event = AuditEvent.objects.get(action="scoring.sheet.reopen")
    assert (event.note, event.before, event.after["status"]) == (
        "Thiếu số liệu I.2",
        {"status": "submitted"},
        "draft",
    )


def test_two_people_saving_the_same_sheet_the_second_gets_a_conflict(sw: ScoringWorld) -> None:
    w = sw.w
    _save(sw, {"I.1": D(30), "II.2": D(10)})  # version 2, both people open it now
    _save(sw, {"I.1": D(35), "II.2": D(10)}, version=2, user=w.officer)  # officer first
    with pytest.raises(SheetConflict) as exc:
        save_sheet(
            cluster_year=sw.cy,
            organization=w.member,
            user=w.leader,
            expected_version=2,
            entries=[
                EntryInput(sw.c("I.1").pk, value=D(30), original=D(30), has_original=True),
                EntryInput(sw.c("II.2").pk, value=D(12), original=D(10), has_original=True),
            ],
        )
    conflict = exc.value
    assert conflict.current_version == 3
    assert [(i.code, i.theirs, i.yours, i.changed_by_other) for i in conflict.items] == [
        ("I.1", D(35), D(30), True),
        ("II.2", D(10), D(12), False),
    ]
    assert conflict.messages[0].startswith("Bảng điểm vừa được ")
    assert _values(sw) == {"I.1": D(35), "II.2": D(10)}  # nothing silently overwritten
    # Having seen the differences, the leader saves again on the current version.
    _save(sw, {"II.2": D(12)}, version=3, user=w.leader)
    assert _values(sw) == {"I.1": D(35), "II.2": D(12)}


def test_saving_evidence_without_a_score_keeps_the_file(sw: ScoringWorld, media: object) -> None:
    _save(sw, {}, evidence={sw.c("I.1").pk: [pdf("bao-cao.pdf")]})
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.entry.self_value) == ("bao-cao.pdf", None)
