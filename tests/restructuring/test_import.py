"""The XLSX import of restructuring decisions: all or nothing, row errors in Vietnamese, a
preview (dry run) and ``thidua restructure FILE``."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.restructuring.conftest import Communes
from thidua.organizations.models import Organization, Succession
from thidua.restructuring.imports import import_restructurings
from thidua.restructuring.imports.columns import COLUMNS
from thidua.restructuring.imports.template import build_xlsx
from thidua.restructuring.models import Restructuring

pytestmark = pytest.mark.django_db

COMMON = {
    "decision_number": "1656/NQ-UBTVQH15",
    "decision_date": "16/06/2025",
    "issuing_body": "Ủy ban Thường vụ Quốc hội",
    "effective_date": "01/07/2025",
}


def xlsx(rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in COLUMNS])
    for row in rows:
        sheet.append([row.get(c.key) for c in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def reform(bad_date: bool = False) -> list[dict[str, Any]]:
    merge = {**COMMON, "kind": "Sáp nhập", "new_code": "PHUONG-X", "new_name": "Phường X"}
    return [
        {**merge, "old_code": "XA-A"},
        {**merge, "old_code": "XA-B"},
        {**COMMON, "old_code": "XA-C", "kind": "Giải thể"}
        | ({"effective_date": "31/02/2025"} if bad_date else {}),
    ]


def test_the_reform_is_imported_in_one_go(communes: Communes) -> None:
    result = import_restructurings(data=xlsx(reform()), filename="caicach.xlsx", user=None)

    assert result.ok, result.errors
    assert Restructuring.objects.count() == 2
    assert Organization.objects.get(code="PHUONG-X").valid_from == dt.date(2025, 7, 1)
    assert Organization.objects.get(code="XA-C").valid_to == dt.date(2025, 6, 30)
    assert set(communes.members(2026)) == {"PHUONG-X"}


def test_a_bad_row_rejects_the_whole_file(communes: Communes) -> None:
    result = import_restructurings(
        data=xlsx(reform(bad_date=True)), filename="caicach.xlsx", user=None
    )

    assert [(e.row, e.column) for e in result.errors] == [(4, "Ngày hiệu lực")]
    assert "dd/mm/yyyy" in result.errors[0].message
    assert not Restructuring.objects.exists()
    assert not Organization.objects.filter(code="PHUONG-X").exists()


def test_a_row_the_service_refuses_rejects_the_whole_file(communes: Communes) -> None:
    rows = [*reform(), {**COMMON, "old_code": "XA-KHONG-CO", "kind": "Giải thể"}]
    result = import_restructurings(data=xlsx(rows), filename="caicach.xlsx", user=None)

    assert [e.row for e in result.errors] == [5]
    assert "XA-KHONG-CO" in result.errors[0].message
    assert not Succession.objects.exists()
    assert Organization.objects.get(code="XA-C").valid_to is None


def test_the_dry_run_previews_without_writing(communes: Communes) -> None:
    result = import_restructurings(
        data=xlsx(reform()), filename="caicach.xlsx", user=None, dry_run=True
    )

    assert result.ok
    assert [rows for rows, _plan in result.plans] == [[2, 3], [4]]
    assert [len(plan.closed) for _rows, plan in result.plans] == [2, 1]
    assert not Restructuring.objects.exists()


def test_the_template_reads_back_as_a_valid_header() -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(build_xlsx())).active
    assert [cell.value for cell in sheet[1]] == [c.header for c in COLUMNS]


def test_the_command_previews_and_exits_1_on_errors(communes: Communes, tmp_path: Path) -> None:
    good, bad = tmp_path / "ok.xlsx", tmp_path / "sai.xlsx"
    good.write_bytes(xlsx(reform()))
    bad.write_bytes(xlsx(reform(bad_date=True)))
    out = io.StringIO()

    call_command("restructure", str(good), "--dry-run", stdout=out)
    assert "Sáp nhập, hợp nhất" in out.getvalue()
    assert "chưa ghi dữ liệu" in out.getvalue()
    assert not Restructuring.objects.exists()
    with pytest.raises(CommandError) as refused:
        call_command("restructure", str(bad), stdout=io.StringIO(), stderr=io.StringIO())
    assert refused.value.returncode == 1
    call_command("restructure", str(good), stdout=io.StringIO())
    assert Restructuring.objects.count() == 2


def test_a_file_too_long_for_the_web_is_refused_as_a_whole(communes: Communes) -> None:
    rows = reform() * 5

    result = import_restructurings(data=xlsx(rows), filename="dai.xlsx", user=None, max_rows=2)

    assert [(e.row, e.message[:47]) for e in result.errors] == [
        (0, "Tệp có quá nhiều dòng để nhập trên trang web: t")
    ]
    assert not Restructuring.objects.exists()
