"""The batch pages: list, upload (a refused file's report), a batch with progress then results
and filters, downloads, cancel; allowed, 403 and 404; constant queries at two sizes."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.eligibility.batches import csv_file, submit
from tests.eligibility.data import D, people
from thidua.eligibility.batch_reader import BatchRow
from thidua.eligibility.enums import BatchStatus
from thidua.eligibility.models import CheckBatch, CheckResult

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def done(world, django_capture_on_commit_callbacks) -> CheckBatch:
    """A finished batch of Hà Nội's board officer: CSTĐ tỉnh (not eligible), BK tỉnh point a
    (review), LĐTT (eligible) — of two units."""
    a, b = people(world.member, 2, years=(2021, 2022, 2023))
    (c,) = people(world.head, 1, prefix="H", years=(2023,))
    c.award_records.filter(award_code="LDTT").delete()
    data = csv_file(
        f"{a.code},CSTD_TINH,2023,15/01/2024,,",
        f"{b.code},BK_TINH,2023,15/01/2024,,a",
        f"{c.code},LDTT,2023,15/01/2024,,",
    )
    batch = submit(world.board, data, django_capture_on_commit_callbacks)
    assert batch is not None
    return batch


def _queued(world, user) -> CheckBatch:
    return CheckBatch.objects.create(
        filename="cho.csv",
        sha256="0" * 64,
        authority=user.authority,
        received_on=D(2026, 1, 15),
        total=1,
        rows=[BatchRow(2, "P00000", "LDTT", 2025).as_json()],
        created_by=user,
    )


def test_the_list_shows_visible_batches_only(client, world, done):
    mine = _queued(world, world.other_board)
    client.force_login(world.board)
    body = client.get("/eligibility/batches/").content.decode()
    assert "dot-1.csv" in body
    assert "cho.csv" not in body
    client.force_login(world.other_board)
    body = client.get("/eligibility/batches/").content.decode()
    assert "dot-1.csv" not in body
    assert f"/eligibility/batches/{mine.uuid}/" in body


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("board", 200), ("council", 403), ("officer", 403), ("viewer", 403)],
)
def test_who_may_open_the_batch_pages(client, world, persona, status):
    client.force_login(world.user(persona))
    assert client.get("/eligibility/batches/").status_code == status
    assert client.get("/eligibility/batches/new/").status_code == status
    assert client.get("/eligibility/batches/template.csv").status_code == status


def test_a_batch_is_404_outside_its_viewers(client, world, done):
    for persona in ("other_board", "admin", "officer"):
        client.force_login(world.user(persona))
        assert client.get(f"/eligibility/batches/{done.uuid}/").status_code == 404, persona
        assert client.get(f"/eligibility/batches/{done.uuid}/results.csv").status_code == 404
        assert client.post(f"/eligibility/batches/{done.uuid}/cancel/").status_code == 404


def test_upload_refused_shows_the_report_and_stores_nothing(client, world):
    client.force_login(world.board)
    upload = SimpleUploadedFile("sai.csv", csv_file("KHONG-CO,LDTT,2025,,,"))
    response = client.post(
        "/eligibility/batches/new/", {"file": upload, "received_on": "2026-01-15"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp bị từ chối — không có gì được lưu" in body
    assert "Không tìm thấy cá nhân mã “KHONG-CO” trong phạm vi của bạn." in body
    assert CheckBatch.objects.count() == 0


def test_upload_runs_and_redirects_to_the_batch(client, world, django_capture_on_commit_callbacks):
    (person,) = people(world.member, 1)
    client.force_login(world.board)
    upload = SimpleUploadedFile("dot.csv", csv_file(f"{person.code},LDTT,2025,,,"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/eligibility/batches/new/", {"file": upload, "received_on": "15/01/2026"}
        )
    batch = CheckBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/eligibility/batches/{batch.uuid}/"
    assert (batch.status, batch.received_on, batch.done) == ("done", D(2026, 1, 15), 1)


def test_the_new_page_offers_today_and_the_templates(client, world):
    client.force_login(world.board)
    body = client.get("/eligibility/batches/new/").content.decode()
    assert "Ngày nhận hồ sơ dự kiến" in body
    assert "/eligibility/batches/template.xlsx" in body
    csv_template = client.get("/eligibility/batches/template.csv")
    assert csv_template.content.decode("utf-8-sig").splitlines()[0] == (
        "Mã đối tượng*,Mã danh hiệu/hình thức*,Năm thành tích*,Ngày nhận hồ sơ,Sáng kiến,"
        "Điểm/khoản đề nghị"
    )
    xlsx = client.get("/eligibility/batches/template.xlsx")
    assert xlsx.content.startswith(b"PK")
    assert client.get("/eligibility/batches/template.pdf").status_code == 404


def test_a_running_batch_shows_progress_polled_by_htmx(client, world):
    batch = _queued(world, world.board)
    client.force_login(world.board)
    body = client.get(f"/eligibility/batches/{batch.uuid}/").content.decode()
    assert f'hx-get="/eligibility/batches/{batch.uuid}/progress/"' in body
    assert 'hx-trigger="every 2s"' in body
    assert "Hủy đợt kiểm tra" in body
    progress = client.get(f"/eligibility/batches/{batch.uuid}/progress/")
    assert "0/1 dòng đã kiểm tra" in progress.content.decode()
    assert "HX-Refresh" not in progress
    CheckBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.DONE, done=1)
    progress = client.get(f"/eligibility/batches/{batch.uuid}/progress/")
    assert progress["HX-Refresh"] == "true"
    assert "every 2s" not in progress.content.decode()


def test_the_results_show_verdicts_reasons_and_citations(client, world, done):
    client.force_login(world.board)
    body = client.get(f"/eligibility/batches/{done.uuid}/").content.decode()
    assert "3 dòng: 1 đủ điều kiện, 1 không đủ, 1 cần xem xét." in body
    assert "Hủy đợt kiểm tra" not in body
    assert (
        "Đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở (Điều 22 Luật TĐKT 2022): 2021, 2022, 2023"
    ) in body
    assert "điểm a khoản 1 Điều 74 Luật TĐKT 2022" in body


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        pytest.param({}, [2, 3, 4], id="all"),
        pytest.param({"verdict": "eligible"}, [4], id="verdict"),
        pytest.param({"award": "BK_TINH"}, [3], id="award"),
        pytest.param({"unit": "Sở Nội vụ"}, [2, 3], id="unit"),
        pytest.param({"rule": "CSTD_TINH"}, [2], id="failing-rule"),
        pytest.param({"rule": "BK_TINH", "verdict": "eligible"}, [], id="nothing"),
        pytest.param({"verdict": "khong-co"}, [2, 3, 4], id="unknown-verdict-ignored"),
    ],
)
def test_filters(client, world, done, query, rows):
    client.force_login(world.board)
    response = client.get(f"/eligibility/batches/{done.uuid}/", query)
    assert [r.row for r in response.context["page"].object_list] == rows


def test_downloads(client, world, done):
    client.force_login(world.board)
    response = client.get(f"/eligibility/batches/{done.uuid}/results.csv")
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[0][:3] == ["Dòng", "Mã đối tượng", "Tên"]
    assert [line[0] for line in lines[1:]] == ["2", "3", "4"]
    assert lines[1][8] == "Không đủ điều kiện"
    assert lines[1][9] == "CSTD_TINH"
    assert lines[3][3] == world.head.name
    xlsx = client.get(f"/eligibility/batches/{done.uuid}/results.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Dòng"
    assert [v[8] for v in values[1:]] == ["Không đủ điều kiện", "Cần xem xét", "Đủ điều kiện"]
    assert client.get(f"/eligibility/batches/{done.uuid}/results.pdf").status_code == 404


def test_cancel_from_the_page(client, world):
    batch = _queued(world, world.board)
    client.force_login(world.board)
    response = client.post(f"/eligibility/batches/{batch.uuid}/cancel/", follow=True)
    assert "Đã hủy đợt kiểm tra." in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    response = client.post(f"/eligibility/batches/{batch.uuid}/cancel/", follow=True)
    assert "Đợt kiểm tra đã kết thúc, không hủy được nữa." in response.content.decode()


def test_menu_and_check_page_link_to_batches(client, world):
    client.force_login(world.board)
    assert 'href="/eligibility/batches/"' in client.get("/eligibility/").content.decode()
    client.force_login(world.officer)
    assert 'href="/eligibility/batches/"' not in client.get("/eligibility/").content.decode()


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _results(batch: CheckBatch, n: int) -> None:
    CheckResult.objects.bulk_create(
        CheckResult(
            batch=batch,
            row=100 + i,
            subject_code=f"P{i}",
            unit_name=f"Đơn vị {i % 7}",
            award_code="LDTT",
            achievement_year=2025,
            received_on=D(2026, 1, 15),
            verdict="not_eligible",
            reasons=[{"rule": "LDTT", "outcome": "fail", "text": "x", "citation": "", "mark": "S"}],
            failing=f"|LDTT|r{i % 5}|",
        )
        for i in range(n)
    )


def test_queries_do_not_grow_with_batches_or_results(client, world, done):
    client.force_login(world.board)
    _count(client, "/eligibility/batches/")  # warm the session
    small = _count(client, "/eligibility/batches/")
    for _ in range(5):
        _queued(world, world.board)
    assert _count(client, "/eligibility/batches/") == small
    url = f"/eligibility/batches/{done.uuid}/"
    before = _count(client, url)
    _results(done, 60)
    assert _count(client, url) == before
    assert _count(client, url + "?rule=LDTT&page=2") == before


def test_a_file_over_the_size_limit_is_refused(client, world, settings):
    settings.THIDUA_MAX_UPLOAD_MB = 0
    client.force_login(world.board)
    upload = SimpleUploadedFile("lon.csv", csv_file("P1,LDTT,2025,,,"))
    response = client.post(
        "/eligibility/batches/new/", {"file": upload, "received_on": "2026-01-15"}
    )
    assert "Tệp “lon.csv” quá lớn" in response.content.decode()
    assert CheckBatch.objects.count() == 0
    assert str(_queued(world, world.board)).startswith("cho.csv (")


def test_a_failed_batch_shows_its_error_and_no_table(client, world):
    batch = _queued(world, world.board)
    CheckBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.FAILED, error="Lỗi khi kiểm tra: ValueError: hỏng"
    )
    client.force_login(world.board)
    body = client.get(f"/eligibility/batches/{batch.uuid}/").content.decode()
    assert "Lỗi khi kiểm tra: ValueError: hỏng" in body
    assert "Lọc kết quả" not in body
    assert "Tải kết quả CSV" not in body


def test_downloads_never_carry_a_live_formula(client, world, done):
    """A unit or person name a spreadsheet would run comes out as text (issue 12, item 2)."""
    from openpyxl import load_workbook

    risky = '=HYPERLINK("http://x.example","y")'
    CheckResult.objects.filter(batch=done).update(subject_name=risky)
    client.force_login(world.board)
    content = b"".join(
        client.get(f"/eligibility/batches/{done.uuid}/results.csv").streaming_content
    )
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert {line[2] for line in lines[1:]} == {"'" + risky}
    xlsx = client.get(f"/eligibility/batches/{done.uuid}/results.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    assert {(c.value, c.data_type) for c in cells} == {(risky, "s")}
