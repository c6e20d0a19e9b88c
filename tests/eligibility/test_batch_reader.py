"""The batch file: headers matched without accents, every row checked, a bad file refused
row by row with nothing stored; the command reads the same files (CSV or XLSX)."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.eligibility.batches import HEADER, csv_file, submit, xlsx_file
from tests.eligibility.data import D, people
from thidua.audit.models import AuditEvent
from thidua.eligibility.batch_reader import BatchRow, read_batch
from thidua.eligibility.models import CheckBatch, CheckResult

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _read(data: bytes, world, name: str = "dot.csv", **kw):
    kw.setdefault("authority_id", world.authority.pk)
    return read_batch(data, name, **kw)


def test_a_good_csv_gives_its_rows(world):
    (person,) = people(world.member, 1)
    data = csv_file(
        f"{person.code},cstdcs,2025,15/01/2026,SK-1; SK-2;SK-1,",
        f"{person.code},BK_TINH,2025,,,điểm a",
        f"{world.member.code},TTLDXS,2025,2026-02-01,,",
    )
    parsed = _read(data, world)
    assert parsed.errors == []
    assert parsed.rows == [
        BatchRow(2, person.code, "CSTDCS", 2025, D(2026, 1, 15), ("SK-1", "SK-2"), ""),
        BatchRow(3, person.code, "BK_TINH", 2025, None, None, "a"),
        BatchRow(4, world.member.code, "TTLDXS", 2025, D(2026, 2, 1), None, ""),
    ]
    assert [BatchRow.from_json(r.as_json()) for r in parsed.rows] == parsed.rows


def test_headers_are_matched_without_accents_or_case_and_xlsx_is_read(world):
    (person,) = people(world.member, 1)
    header = ["STT", "ma doi tuong", "MÃ DANH HIỆU", "Nam thanh tich (bat buoc)", "ngay nhan ho so"]
    data = xlsx_file([1, person.code, "LDTT", 2025, D(2026, 1, 20)], header=header)
    parsed = _read(data, world, "dot.xlsx")
    assert parsed.errors == []
    assert parsed.rows == [BatchRow(2, person.code, "LDTT", 2025, D(2026, 1, 20), None, "")]


def test_every_bad_row_is_reported(world):
    (person,) = people(world.member, 1)
    (stranger,) = people(world.outsider_org, 1, prefix="X")
    next_year = timezone.localdate().year + 1
    data = csv_file(
        f"{person.code},LDTT,2025,31/02/2026,,",
        f"{person.code},KHONG_CO,2025,,,",
        f"{stranger.code},LDTT,2025,,,",
        f"{person.code},LDTT,{next_year},,,",
        f"{person.code},LDTT,hai nghìn,,,",
        "KHONG-CO,TTLDXS,2025,,,",
        f"{world.member.code},TTLDXS,2025,,SK-1,",
        f"{person.code},CSTDCS,2025,,,a",
        f"{person.code},BK_TINH,2025,,,e",
        ",LDTT,2025,,,",
    )
    parsed = _read(data, world)
    assert parsed.rows == []
    assert [(e.row, e.column, e.message) for e in parsed.errors] == [
        (
            2,
            "Ngày nhận hồ sơ",
            "Ngày nhận hồ sơ “31/02/2026” không hợp lệ (ghi dd/mm/yyyy, ví dụ 15/01/2026).",
        ),
        (3, "Mã danh hiệu/hình thức", "Mã danh hiệu/hình thức “KHONG_CO” không có trong danh mục."),
        (4, "Mã đối tượng", f"Không tìm thấy cá nhân mã “{stranger.code}” trong phạm vi của bạn."),
        (5, "Năm thành tích", f"Năm thành tích {next_year} sau năm hiện tại ({next_year - 1})."),
        (
            6,
            "Năm thành tích",
            "Năm thành tích “hai nghìn” không hợp lệ (ghi 4 chữ số, ví dụ 2025).",
        ),
        (7, "Mã đối tượng", "Không tìm thấy đơn vị mã “KHONG-CO” trong phạm vi của bạn."),
        (8, "Sáng kiến", "Cột “Sáng kiến” chỉ dùng cho cá nhân, không dùng cho “TTLDXS”."),
        (
            9,
            "Điểm/khoản đề nghị",
            "Cột “Điểm/khoản đề nghị” chỉ dùng cho Bằng khen cấp tỉnh (BK_TINH).",
        ),
        (
            10,
            "Điểm/khoản đề nghị",
            "Điểm đề nghị “e” không hợp lệ: ghi a, b, c hoặc d (điểm của khoản 1 Điều 74 Luật "
            "Thi đua, khen thưởng 2022).",
        ),
        (11, "Mã đối tượng", "Thiếu “Mã đối tượng”."),
    ]


def test_a_row_with_a_bad_cell_still_has_its_code_checked(world):
    parsed = _read(csv_file("KHONG-CO,LDTT,2025,32/01/2026,,"), world)
    assert [e.message for e in parsed.errors] == [
        "Ngày nhận hồ sơ “32/01/2026” không hợp lệ (ghi dd/mm/yyyy, ví dụ 15/01/2026).",
        "Không tìm thấy cá nhân mã “KHONG-CO” trong phạm vi của bạn.",
    ]


def test_everything_knows_every_subject(world):
    (stranger,) = people(world.outsider_org, 1, prefix="X")
    data = csv_file(f"{stranger.code},LDTT,2025,,,")
    assert _read(data, world).ok is False
    assert _read(data, world, everything=True).ok is True


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        pytest.param(b"", "a.csv", "Tệp “a.csv” rỗng.", id="empty"),
        pytest.param(
            "Mã đối tượng,Năm thành tích\nP1,2025\n".encode(),
            "a.csv",
            "Thiếu cột bắt buộc “Mã danh hiệu/hình thức”.",
            id="missing-column",
        ),
        pytest.param(
            (HEADER + ",Họ tên cán bộ\n").encode(),
            "a.csv",
            "Cột “Họ tên cán bộ” (cột G) không thuộc mẫu. Các cột: “Mã đối tượng”, “Mã danh "
            "hiệu/hình thức”, “Năm thành tích”, “Ngày nhận hồ sơ”, “Sáng kiến”, “Điểm/khoản đề "
            "nghị”.",
            id="unknown-column",
        ),
        pytest.param(
            HEADER.encode() + b"\n",
            "a.csv",
            "Tệp không có dữ liệu (không có dòng nào).",
            id="no-rows",
        ),
        pytest.param(
            "Mã đối tượng,Mã danh hiệu,Năm thành tích\nP1,LDTT,2025\n".encode("utf-16"),
            "a.csv",
            "không dùng bảng mã UTF-8",
            id="not-utf-8",
        ),
        pytest.param(
            b"Ten\nA\n",
            "a.csv",
            "Không tìm thấy dòng tiêu đề có cột “Mã đối tượng”",
            id="no-header",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(world, data, name, message):
    parsed = _read(data, world, name)
    assert parsed.rows == []
    assert any(message in e.message for e in parsed.errors), parsed.errors


def test_too_many_rows(world):
    data = csv_file(*[f"P{i},LDTT,2025,,," for i in range(6)])
    parsed = _read(data, world, max_rows=3)
    assert [e.message for e in parsed.errors] == [
        "Tệp có quá nhiều dòng: tối đa 3 dòng mỗi lần nhập; hãy chia nhỏ tệp."
    ]


def test_a_refused_file_stores_nothing(world, django_capture_on_commit_callbacks):
    (person,) = people(world.member, 1)
    data = csv_file(f"{person.code},LDTT,2025,,,", "KHONG-CO,LDTT,2025,,,")
    events = AuditEvent.objects.count()
    assert submit(world.board, data, django_capture_on_commit_callbacks) is None
    assert CheckBatch.objects.count() == 0
    assert CheckResult.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_command_reads_xlsx_and_limits_to_an_authority(world, tmp_path):
    (person,) = people(world.member, 1, years=(2021, 2023))
    (stranger,) = people(world.outsider_org, 1, prefix="X")
    source, target = tmp_path / "rows.xlsx", tmp_path / "result.csv"
    source.write_bytes(
        xlsx_file([person.code, "CSTD_TINH", 2023, "15/01/2024"], [stranger.code, "LDTT", 2023])
    )
    call_command("eligibility", str(source), "-o", str(target))
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert [r[1] for r in rows[1:]] == [person.code, stranger.code]
    assert "2021, 2023 đạt; 2022 không đạt" in rows[1][7]
    with pytest.raises(CommandError, match=f"Dòng 3: Không tìm thấy cá nhân mã “{stranger.code}”"):
        call_command("eligibility", str(source), "-o", str(target), "--authority", "HN")
    with pytest.raises(CommandError, match="Không có cơ quan mã “XX”"):
        call_command("eligibility", str(source), "-o", str(target), "--authority", "XX")
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("eligibility", str(tmp_path / "none.csv"), "-o", str(target))


def test_errors_past_the_limit_are_counted(world, monkeypatch):
    from thidua.eligibility import batch_reader

    monkeypatch.setattr(batch_reader, "MAX_ERRORS", 2)
    parsed = _read(csv_file(*[f"P{i},LDTT,3000,,," for i in range(5)]), world)
    assert (len(parsed.errors), parsed.more_errors) == (2, 8)  # year and code on each row


def test_a_column_twice_is_refused(world):
    parsed = _read(csv_file("P1,LDTT,2025,,,,2025", header=HEADER + ",Năm thành tích"), world)
    assert [e.message for e in parsed.errors] == ["Cột “Năm thành tích” có hai lần (cột G)."]
