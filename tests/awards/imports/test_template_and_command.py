"""The downloadable template round-trips (filled in, it imports; its example rows are skipped),
and ``thidua import-history FILE [--dry-run]``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests.awards.imports.helpers import good_sheets, xlsx_bytes
from tests.conftest import World
from thidua.awards.history import AwardRecord
from thidua.awards.imports import import_history
from thidua.awards.imports.columns import SHEETS
from thidua.people.models import Person

pytestmark = pytest.mark.django_db


def download(world: World, path: str) -> bytes:
    client = Client()
    client.force_login(world.board)
    response = client.get(path)
    assert response.status_code == 200
    return response.content


def test_the_template_has_every_sheet_a_notes_sheet_and_marked_examples(world: World) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(download(world, "/awards/import/template.xlsx")))
    assert workbook.sheetnames == ["Hướng dẫn", *(s.name for s in SHEETS)]
    ratings = workbook["Xếp loại"]
    assert [c.value for c in ratings[1]] == [
        "STT",
        "Mã cá nhân*",
        "Năm*",
        "Mức xếp loại*",
        "Số tháng công tác",
    ]
    assert ratings["A2"].value == "Ví dụ"
    assert ratings["B1"].comment is not None


def test_the_template_as_downloaded_imports_nothing(world: World) -> None:
    result = import_history(
        data=download(world, "/awards/import/template.xlsx"), filename="mau.xlsx", user=world.board
    )
    assert [e.message for e in result.errors] == [
        "Tệp không có dữ liệu (không có dòng nào)."
    ] and not Person.objects.exists()


def test_the_filled_template_imports(world: World) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(download(world, "/awards/import/template.xlsx")))
    for name, rows in good_sheets(world).items():
        for number, row in enumerate(rows, start=1):
            workbook[name].append([number, *row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_history(data=buffer.getvalue(), filename="mau.xlsx", user=world.board)
    assert result.errors == []
    assert result.counts.persons == 2 and result.counts.awards == 2
    assert not Person.objects.filter(code="CB-0001").exists()  # the example row is skipped


def test_the_csv_template_filled_in_imports(world: World) -> None:
    template = download(world, "/awards/import/template.csv?sheet=persons").decode("utf-8-sig")
    lines = template.splitlines()
    assert lines[0].startswith("STT,Mã cá nhân*,Họ và tên*") and lines[1].startswith("Ví dụ,")
    row = f"1,CB-777,Lê Văn Cường,1990,Nam,{world.member.code},công chức,,01/02/2020,,"
    data = (template + row + "\n").encode("utf-8-sig")
    result = import_history(data=data, filename="ca-nhan.csv", user=world.board)
    assert result.errors == [] and result.counts.persons == 1


def test_the_command_imports_and_dry_runs(world: World, tmp_path: Path) -> None:
    path = tmp_path / "lich-su.xlsx"
    path.write_bytes(xlsx_bytes(good_sheets(world)))
    out = io.StringIO()
    call_command("import-history", str(path), "--dry-run", stdout=out)
    assert "--dry-run" in out.getvalue() and not AwardRecord.objects.exists()
    out = io.StringIO()
    call_command("import-history", str(path), stdout=out)
    assert "Trang “Khen thưởng”: 2 dòng, 2 mới, 0 đã có." in out.getvalue()
    assert "Đã nhập xong." in out.getvalue() and AwardRecord.objects.count() == 2


def test_the_command_refuses_a_bad_file_with_the_report(world: World, tmp_path: Path) -> None:
    sheets = good_sheets(world)
    sheets["Tập thể"][0][0] = "KHONG-CO"
    path = tmp_path / "lich-su.xlsx"
    path.write_bytes(xlsx_bytes(sheets))
    err = io.StringIO()
    with pytest.raises(CommandError, match="bị từ chối: 1 lỗi"):
        call_command("import-history", str(path), stderr=err)
    assert "Trang “Tập thể”, dòng 2, cột “Mã đơn vị”: Không tìm thấy đơn vị" in err.getvalue()
    assert not Person.objects.exists()
