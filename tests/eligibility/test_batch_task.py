"""The task through the immediate backend: one preload, results by chunks, counts, the end
states (done, failed without half results, cancelled between chunks)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.eligibility.batches import csv_file, submit
from tests.eligibility.data import D, people
from thidua.audit.models import AuditEvent
from thidua.eligibility import services
from thidua.eligibility.batch_reader import BatchRow
from thidua.eligibility.engine import Candidate
from thidua.eligibility.enums import BatchStatus
from thidua.eligibility.models import CheckBatch, CheckResult
from thidua.eligibility.preload import check_many
from thidua.eligibility.tasks import run_batch

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_batch_runs_to_the_end(world, django_capture_on_commit_callbacks):
    a, b = people(world.member, 2, years=(2021, 2022, 2023))
    data = csv_file(
        f"{a.code},CSTD_TINH,2023,15/01/2024,,",
        f"{b.code},BK_TINH,2023,15/01/2024,,a",
        f"{b.code},LDTT,2023,15/01/2024,,",
        f"{a.code},LDTT,2025,,,",
    )
    batch = submit(world.board, data, django_capture_on_commit_callbacks)
    assert batch is not None
    assert (batch.status, batch.total, batch.done) == (BatchStatus.DONE, 4, 4)
    assert (batch.eligible, batch.not_eligible, batch.needs_review) == (0, 3, 1)
    assert batch.authority == world.authority
    assert batch.rows == []
    assert batch.finished_at is not None
    first, second, third, fourth = CheckResult.objects.filter(batch=batch).order_by("row")
    assert (first.row, first.subject_code, first.subject_name, first.unit_name) == (
        2,
        a.code,
        a.full_name,
        world.member.name,
    )
    assert (first.rule_set, first.verdict, first.received_on) == (
        "luat-2022-nd98-2023",
        "not_eligible",
        D(2024, 1, 15),
    )
    assert first.failing == "|CSTD_TINH|"
    assert {
        "rule": "CSTD_TINH",
        "outcome": "pass",
        "text": "Đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở (Điều 22 Luật TĐKT 2022): 2021, "
        "2022, 2023",
        "citation": "Điều 22 Luật TĐKT 2022",
        "mark": "S",
    } in first.reasons
    assert second.verdict == "needs_review"
    assert (
        "Đề nghị theo điểm a: thành tích do Hội đồng Thi đua - Khen thưởng xét, không kiểm tra "
        "được từ dữ liệu (điểm a khoản 1 Điều 74 Luật TĐKT 2022)"
    ) in [r["text"] for r in second.reasons]
    assert fourth.received_on == D(2026, 1, 15)  # the batch's default date
    assert "Không ghi ngày nhận hồ sơ: dùng ngày mặc định 15/01/2026" in [
        r["text"] for r in fourth.reasons
    ]
    assert third.verdict == "not_eligible"  # already LĐTT 2023
    assert third.failing == "|common.duplicate|"
    actions = list(
        AuditEvent.objects.filter(object_id=str(batch.pk), action__startswith="eligibility.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["eligibility.batch_submitted", "eligibility.batch_done"]


def test_results_are_stored_by_chunks(world, django_capture_on_commit_callbacks, monkeypatch):
    made = people(world.member, 5)
    monkeypatch.setattr(services, "CHUNK", 2)
    data = csv_file(*[f"{p.code},LDTT,2025,,," for p in made])
    batch = submit(world.board, data, django_capture_on_commit_callbacks)
    assert batch is not None
    assert (batch.status, batch.done, batch.not_eligible) == ("done", 5, 5)
    assert CheckResult.objects.filter(batch=batch).count() == 5


def _queued(world, rows: list[BatchRow]) -> CheckBatch:
    return CheckBatch.objects.create(
        filename="dot.csv",
        sha256="0" * 64,
        authority=world.authority,
        received_on=D(2026, 1, 15),
        total=len(rows),
        rows=[r.as_json() for r in rows],
        created_by=world.board,
    )


def test_a_failure_leaves_no_results_and_says_why(world):
    (person,) = people(world.member, 1)
    batch = _queued(world, [BatchRow(2, person.code, "LDTT", 2025)])
    batch.rows = [[2, person.code]]  # unreadable: the task must fail cleanly
    batch.save()
    run_batch.enqueue(batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert batch.error.startswith("Lỗi khi kiểm tra: ValueError")
    assert (batch.done, batch.eligible, batch.not_eligible) == (0, 0, 0)
    assert CheckResult.objects.filter(batch=batch).count() == 0


def test_a_cancelled_batch_is_not_run(world):
    (person,) = people(world.member, 1)
    batch = _queued(world, [BatchRow(2, person.code, "LDTT", 2025)])
    services.cancel_batch(batch=batch, user=world.board)
    assert services.execute_batch(batch.pk) == "skipped"
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (BatchStatus.CANCELLED, 0)
    assert AuditEvent.objects.filter(action="eligibility.batch_cancelled").count() == 1


def test_cancelling_while_running_stops_between_chunks(world, monkeypatch):
    made = people(world.member, 5)
    batch = _queued(world, [BatchRow(i + 2, p.code, "LDTT", 2025) for i, p in enumerate(made)])
    monkeypatch.setattr(services, "CHUNK", 2)
    stored = services._store_chunk
    calls = []

    def store_then_cancel(*args, **kwargs):
        stored(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:  # someone presses "Hủy" while the third chunk is being prepared
            CheckBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.CANCELLED)

    monkeypatch.setattr(services, "_store_chunk", store_then_cancel)
    assert services.execute_batch(batch.pk) == BatchStatus.CANCELLED
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (BatchStatus.CANCELLED, 4)
    assert CheckResult.objects.filter(batch=batch).count() == 4


def test_cancel_is_refused_once_done(world, django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    (person,) = people(world.member, 1)
    batch = submit(
        world.board, csv_file(f"{person.code},LDTT,2025,,,"), django_capture_on_commit_callbacks
    )
    assert batch is not None
    with pytest.raises(PermissionDenied, match="Đợt kiểm tra đã kết thúc, không hủy được nữa"):
        services.cancel_batch(batch=batch, user=world.board)


def _queries(rows: list[Candidate]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        check_many(rows)
    return len(ctx.captured_queries)


def test_preload_queries_equal_for_10_and_2000_candidates(world):
    made = people(world.member, 2000, years=(2025,))
    rows = [Candidate(p.code, "LDTT", 2025, D(2026, 1, 15), i) for i, p in enumerate(made)]
    assert _queries(rows[:10]) == _queries(rows)
