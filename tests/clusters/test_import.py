"""Importing units and cluster memberships (thidua.clusters.imports): all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import World
from tests.factories_import import HEADERS, csv_bytes, db_state, row, xlsx_bytes
from thidua.audit.models import AuditEvent
from thidua.clusters import services as cluster_services
from thidua.clusters.imports import import_units
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.organizations import services as org_services
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

C12 = {"cluster": "HN-C12", "cluster_name": "Cụm thi đua số 12", "authority": "HN"}


def new_cluster_rows() -> list[list[Any]]:
    return [
        row(code="HN-SXD", name="Sở Xây dựng", short="Sở XD", kind="Sở, ban, ngành",
            province="Hà Nội", start="01/08/2008", year=2025, role="Cụm trưởng", **C12),
        row(code="HN-SCT", name="Sở Công Thương", kind="department", year=2025,
            role="Cụm phó", **C12),
        row(code="HN-SNN", name="Sở Nông nghiệp và Môi trường", kind="Sở", year=2025,
            role="Thành viên", start="2025-03-01", **C12),
    ]  # fmt: skip


def members(code: str, year: int) -> list[str]:
    return sorted(
        ClusterMembership.objects.filter(
            cluster_year__cluster__code=code, cluster_year__year=year
        ).values_list("organization__code", flat=True)
    )


# ------------------------------------------------------------------------------ good files


def test_good_csv_creates_units_cluster_year_members_and_heads(world: World) -> None:
    rows = [*new_cluster_rows(), row(code=world.member.code, cluster="HN-C12", year=2025)]

    result = import_units(data=csv_bytes(rows), filename="don-vi.csv", user=world.board)

    assert result.errors == []
    assert (result.counts.units, result.counts.clusters, result.counts.cluster_years) == (3, 1, 1)
    assert (result.counts.memberships, result.counts.heads) == (4, 2)
    cluster = Cluster.objects.get(code="HN-C12")
    assert (cluster.name, cluster.kind, cluster.authority) == (
        "Cụm thi đua số 12",
        "cluster",
        world.authority,
    )
    cy = ClusterYear.objects.get(cluster=cluster, year=2025)
    assert (cy.head.code, cy.deputy.code) == ("HN-SXD", "HN-SCT")
    assert members("HN-C12", 2025) == sorted(["HN-SXD", "HN-SCT", "HN-SNN", world.member.code])
    sxd = Organization.objects.get(code="HN-SXD")
    assert (sxd.short_name, sxd.kind, sxd.province, sxd.valid_from, sxd.authority) == (
        "Sở XD",
        OrganizationKind.DEPARTMENT,
        "Hà Nội",
        dt.date(2008, 8, 1),
        world.authority,
    )
    assert Organization.objects.get(code="HN-SNN").valid_from == dt.date(2025, 3, 1)
    assert [y.code for y in result.cluster_years] == ["HN-C12"]
    assert [u.code for u in result.units] == ["HN-SXD", "HN-SCT", "HN-SNN"]


def test_accepted_import_is_audited_per_object_and_once_as_a_whole(world: World) -> None:
    before = AuditEvent.objects.count()

    import_units(data=csv_bytes(new_cluster_rows()), filename="don-vi.csv", user=world.board)

    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True)[before:])
    assert sorted(actions) == sorted(
        ["organization.create"] * 3
        + ["cluster.create", "cluster_year.create", "cluster_year.heads.set"]
        + ["cluster_year.member.add"] * 3
        + ["import.units"]
    )
    event = AuditEvent.objects.get(action="import.units")
    assert event.actor == world.board
    assert event.object_repr == "don-vi.csv"
    assert event.after == {
        "file": "don-vi.csv",
        "rows": 3,
        "units": 3,
        "clusters": 1,
        "cluster_years": 1,
        "memberships": 3,
        "heads": 2,
    }
    assert event.note.startswith("Tệp “don-vi.csv” (3 dòng): 3 đơn vị mới, 1 cụm mới")


def test_good_xlsx_with_title_rows_date_cells_and_loose_headers(world: World) -> None:
    headers = [h.upper() for h in HEADERS]
    headers[0] = "Ma don vi (bat buoc)"
    headers[5] = "Tỉnh, thành phố"
    rows = new_cluster_rows()
    rows[0][6] = dt.date(2008, 8, 1)  # a real date cell (read back as a datetime)
    rows[0][9] = 2025.0  # Excel keeps numbers as floats
    data = xlsx_bytes(
        [[n, *r, ""] for n, r in enumerate(rows, 1)],
        ["STT", *headers, "Ghi chú"],
        title_rows=[["DANH SÁCH ĐƠN VỊ THAM GIA CỤM THI ĐUA SỐ 12"], []],
    )

    result = import_units(data=data, filename="don-vi.xlsx", user=world.board)

    assert result.errors == []
    assert result.counts.units == 3
    assert Organization.objects.get(code="HN-SXD").valid_from == dt.date(2008, 8, 1)
    assert members("HN-C12", 2025) == ["HN-SCT", "HN-SNN", "HN-SXD"]


def test_semicolon_csv_with_byte_order_mark(world: World) -> None:
    data = "\ufeff".encode() + csv_bytes(new_cluster_rows(), delimiter=";")

    result = import_units(data=data, filename="don-vi.csv", user=world.board)

    assert result.errors == []
    assert result.counts.memberships == 3


def test_reimporting_the_same_file_changes_nothing(world: World) -> None:
    data = csv_bytes(new_cluster_rows())
    import_units(data=data, filename="don-vi.csv", user=world.board)
    state = db_state()

    again = import_units(data=data, filename="don-vi.csv", user=world.board)

    assert again.errors == []
    assert again.counts.total == 0
    assert again.written is False
    assert db_state() == state


def test_dry_run_reports_what_would_be_created_and_writes_nothing(world: World) -> None:
    state = db_state()

    result = import_units(
        data=csv_bytes(new_cluster_rows()), filename="don-vi.csv", user=world.board, dry_run=True
    )

    assert result.errors == []
    assert (result.counts.units, result.counts.memberships, result.counts.heads) == (3, 3, 2)
    assert db_state() == state


def test_existing_units_are_referenced_by_code_alone(world: World) -> None:
    rows = [
        row(code=world.member.code, cluster="HN-C06", year=2024, role="Cụm trưởng"),
        row(code=world.head.code, name="  văn phòng UBND  thành phố ", cluster="HN-C06", year=2024),
    ]

    result = import_units(data=csv_bytes(rows), filename="c06-2024.csv", user=world.board)

    assert result.errors == []
    assert (result.counts.units, result.counts.cluster_years, result.counts.memberships) == (
        0,
        1,
        2,
    )
    cy = ClusterYear.objects.get(cluster__code="HN-C06", year=2024)
    assert (cy.head, cy.deputy) == (world.member, None)


def test_existing_cluster_year_gets_a_missing_deputy_but_keeps_its_head(world: World) -> None:
    ClusterYear.objects.filter(pk=world.cy.pk).update(deputy=None)
    rows = [
        row(code=world.head.code, cluster="HN-C06", year=2023, role="Cụm trưởng"),
        row(code="HN-SXD", name="Sở Xây dựng", kind="Sở", cluster="HN-C06", year=2023, role="Phó"),
    ]

    result = import_units(data=csv_bytes(rows), filename="c06.csv", user=world.board)

    assert result.errors == []
    world.cy.refresh_from_db()
    assert (world.cy.head, world.cy.deputy.code) == (world.head, "HN-SXD")
    assert result.counts.heads == 1


def test_a_unit_may_be_in_a_cluster_and_a_bloc_the_same_year(world: World) -> None:
    rows = [
        row(code=world.member.code, cluster="HN-K01", year=2023, cluster_name="Khối thi đua số 1",
            cluster_kind="Khối", role="Khối trưởng"),
    ]  # fmt: skip

    result = import_units(data=csv_bytes(rows), filename="khoi.csv", user=world.board)

    assert result.errors == []
    assert Cluster.objects.get(code="HN-K01").kind == "bloc"
    assert members("HN-K01", 2023) == [world.member.code]


def test_parents_are_created_before_their_children(world: World) -> None:
    rows = [
        row(code="HN-CCTL", name="Chi cục Thủy lợi", kind="Khác", parent="HN-SNN", authority="HN"),
        row(
            code="HN-SNN",
            name="Sở Nông nghiệp và Môi trường",
            kind="Sở",
            parent=world.head.code,
            authority="HN",
        ),
    ]

    result = import_units(data=csv_bytes(rows), filename="cap-tren.csv", user=world.board)

    assert result.errors == []
    child = Organization.objects.get(code="HN-CCTL")
    assert (child.parent.code, child.parent.parent) == ("HN-SNN", world.head)


def test_command_line_import_may_name_any_authority(world: World) -> None:
    rows = [row(code="HP-SXD", name="Sở Xây dựng Hải Phòng", kind="Sở", cluster="HP-C09",
                year=2025, cluster_name="Cụm thi đua số 9", authority="hp")]  # fmt: skip

    result = import_units(data=csv_bytes(rows), filename="hp.csv", user=None)

    assert result.errors == []
    assert Cluster.objects.get(code="HP-C09").authority == world.other_authority
    assert Organization.objects.get(code="HP-SXD").authority == world.other_authority


# ------------------------------------------------------------------------------ bad files


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return buffer.getvalue()


GOOD_ROW = [row(code="HN-SXD", name="Sở Xây dựng", kind="Sở")]

FILE_CASES: list[tuple[str, bytes, str, str]] = [
    ("empty", b"", "don-vi.csv", "Tệp “don-vi.csv” rỗng."),
    ("not_xlsx", b"Ma don vi,Ten don vi\n", "don-vi.xlsx", "không phải tệp Excel (XLSX) hợp lệ"),
    ("zip_not_xlsx", _zip_without_workbook(), "don-vi.xlsx", "không phải tệp Excel (XLSX) hợp lệ"),
    ("old_xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "don-vi.xls", "Excel 97-2003"),
    (
        "windows_1258",
        "Mã đơn vị,Tên đơn vị\nHN-X,Sở Xây dựng\n".encode("cp1258", errors="replace"),
        "don-vi.csv",
        "Lưu tệp dưới dạng CSV UTF-8",
    ),
    (
        "utf16",
        "Mã đơn vị,Tên đơn vị\nHN-X,Sở Xây dựng\n".encode("utf-16"),
        "don-vi.csv",
        "Lưu tệp dưới dạng CSV UTF-8",
    ),
    ("xlsx_named_csv", xlsx_bytes(GOOD_ROW), "don-vi.csv", "có đuôi .csv nhưng nội dung là tệp Excel"),
    ("other_type", b"%PDF-1.7", "don-vi.pdf", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)"),
    (
        "other_import_file",
        csv_bytes([["HN-SXD", "95"]], ["Đơn vị", "Điểm tự chấm"]),
        "diem.csv",
        "Không tìm thấy dòng tiêu đề có cột “Mã đơn vị” trong 10 dòng đầu của tệp",
    ),
    ("header_only", csv_bytes([]), "don-vi.csv", "không có dòng dữ liệu nào dưới dòng tiêu đề"),
    ("blank_xlsx", xlsx_bytes([], None), "don-vi.xlsx", "Tệp không có dữ liệu"),
    (
        "data_on_second_sheet",
        xlsx_bytes([["Hướng dẫn: xem trang sau"]], None, sheets=[("Dữ liệu", [HEADERS, *GOOD_ROW])],
                   first_sheet="Hướng dẫn"),
        "don-vi.xlsx",
        "Dữ liệu phải nằm ở trang tính đầu tiên, nhưng trang đầu “Hướng dẫn” không có dòng tiêu đề "
        "còn trang “Dữ liệu” thì có.",
    ),
    (
        "data_on_two_sheets",
        xlsx_bytes(GOOD_ROW, sheets=[("Năm 2024", [HEADERS, *GOOD_ROW])]),
        "don-vi.xlsx",
        "Tệp có nhiều trang tính chứa danh sách đơn vị (“Đơn vị”, “Năm 2024”)",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [case[1:] for case in FILE_CASES],
    ids=[case[0] for case in FILE_CASES],
)
def test_unreadable_file_is_rejected_as_a_whole(
    world: World, data: bytes, filename: str, fragment: str
) -> None:
    state = db_state()

    result = import_units(data=data, filename=filename, user=world.board)

    assert [(e.row, e.column) for e in result.errors] == [(0, "")]
    assert fragment in result.errors[0].message
    assert db_state() == state


HEADER_CASES: list[tuple[str, list[str], tuple[int, str, str]]] = [
    (
        "unknown_column",
        ["Mã đơn vị", "Tên đơn vị", "Điểm"],
        (
            1,
            "Điểm",
            "Cột “Điểm” (cột C) không được nhận ra. Các cột dùng được: Mã đơn vị, Tên đơn vị",
        ),
    ),
    (
        "repeated_column",
        ["Mã đơn vị", "Tên đơn vị", "ten don vi"],
        (1, "Tên đơn vị", "Cột “Tên đơn vị” có hai lần (cột B và cột C)."),
    ),
    (
        "cluster_without_year",
        ["Mã đơn vị", "Mã cụm"],
        (1, "Mã cụm", "Có cột “Mã cụm” thì phải có cả cột “Năm”."),
    ),
]


@pytest.mark.parametrize(
    ("headers", "expected"), [c[1:] for c in HEADER_CASES], ids=[c[0] for c in HEADER_CASES]
)
def test_wrong_headers_are_reported_on_the_header_row(
    world: World, headers: list[str], expected: tuple[int, str, str]
) -> None:
    state = db_state()

    result = import_units(
        data=csv_bytes([["HN-SXD", "Sở Xây dựng", ""]], headers), filename="x.csv", user=world.board
    )

    assert [(e.row, e.column) for e in result.errors] == [expected[:2]]
    assert expected[2] in result.errors[0].message
    assert db_state() == state


def test_shifted_columns_are_pointed_out(world: World) -> None:
    data = csv_bytes(
        [["HN-SXD", "Sở Xây dựng", "Sở", "HN", "thừa"]],
        ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã cơ quan tổ chức", ""],
    )

    result = import_units(data=data, filename="x.csv", user=world.board)

    assert [(e.row, e.column) for e in result.errors] == [(2, "E")]
    assert "Cột E có dữ liệu (“thừa”) nhưng không có tiêu đề" in result.errors[0].message


def test_too_many_rows_are_refused(world: World) -> None:
    rows = [row(code=f"HN-X{i}", name=f"Sở {i}", kind="Sở") for i in range(20)]

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board, max_rows=3)

    assert [e.row for e in result.errors] == [0]
    assert result.errors[0].message.startswith(
        "Tệp có quá nhiều dòng để nhập trên trang web: tối đa 3 dòng mỗi lần."
    )
    assert "lệnh “thidua import-units” (tối đa 20.000 dòng)" in result.errors[0].message


# One bad row among good ones; {head}, {deputy}, {member}, {outsider} are the world's unit codes.
ROW_CASES: list[tuple[str, list[dict[str, Any]], tuple[int, str, str]]] = [
    (
        "unknown_unit",
        [{"code": "HN-KHONGCO", "cluster": "HN-C06", "year": 2023}],
        (3, "Mã đơn vị", "Đơn vị “HN-KHONGCO” không tồn tại. Muốn tạo đơn vị mới, hãy ghi “Tên đơn vị”"),
    ),
    (
        "duplicate_code_in_database",
        [{"code": "{member}", "name": "Sở Tư pháp"}],
        (3, "Tên đơn vị", "Trùng mã: mã đơn vị “{member}” đã được dùng cho “Sở Nội vụ”, tệp lại ghi tên “Sở Tư pháp”"),
    ),
    (
        "same_code_twice_with_different_data",
        [{"code": "HN-SXD", "name": "Sở Xây dựng mới", "kind": "Sở"}],
        (3, "Tên đơn vị", "Mã đơn vị “HN-SXD” đã có ở dòng 2 với “Tên đơn vị” là “Sở Xây dựng”, dòng này ghi “Sở Xây dựng mới”"),
    ),
    (
        "existing_unit_with_other_kind",
        [{"code": "{member}", "kind": "Xã"}],
        (3, "Loại đơn vị", "Đơn vị “{member}” đã có “Loại đơn vị” là “Sở, ban, ngành”, tệp ghi “Xã, phường, đặc khu”. Nhập dữ liệu không sửa đơn vị đã có"),
    ),
    (
        "two_clusters_against_database",
        [{"code": "{member}", "cluster": "HN-C12", "year": 2023, "cluster_name": "Cụm thi đua số 12"}],
        (3, "Mã cụm", "Sở Nội vụ đã là thành viên của Cụm thi đua số 6 năm 2023: một đơn vị chỉ thuộc một cụm thi đua của cùng cơ quan trong một năm."),
    ),
    (
        "two_clusters_within_file",
        [{"code": "HN-SXD", "cluster": "HN-C13", "year": 2025, "cluster_name": "Cụm thi đua số 13"}],
        (3, "Mã cụm", "Sở Xây dựng đã là thành viên của Cụm thi đua số 12 năm 2025: một đơn vị chỉ thuộc một cụm thi đua"),
    ),
    (
        "dates_out_of_order",
        [{"code": "HN-X", "name": "Sở X", "kind": "Sở", "start": "01/07/2025", "end": "30/06/2025"}],
        (3, "Giải thể ngày", "Ngày kết thúc (30/06/2025) đứng trước ngày bắt đầu (01/07/2025)."),
    ),
    (
        "unreadable_date",
        [{"code": "HN-X", "name": "Sở X", "kind": "Sở", "start": "31/02/2025"}],
        (3, "Hoạt động từ", "Ngày “31/02/2025” không hợp lệ; hãy ghi theo dạng dd/mm/yyyy"),
    ),
    (
        "unreadable_year",
        [{"code": "{member}", "cluster": "HN-C06", "year": "2O24"}],
        (3, "Năm", "Năm “2O24” không hợp lệ; hãy ghi 4 chữ số"),
    ),
    (
        "year_out_of_range",
        [{"code": "{member}", "cluster": "HN-C06", "year": 1890}],
        (3, "Năm", "Năm 1890 không hợp lệ."),
    ),
    (
        "head_without_cluster",
        [{"code": "{member}", "role": "Cụm trưởng"}],
        (3, "Vai trò trong cụm", "Đơn vị trưởng, phó phải là thành viên của cụm: dòng ghi vai trò “Cụm trưởng” thì phải có “Mã cụm” và “Năm”."),
    ),
    (
        "second_head_in_file",
        [{"code": "HN-SCT", "name": "Sở Công Thương", "kind": "Sở", "cluster": "HN-C12", "year": 2025, "role": "Trưởng"}],
        (3, "Vai trò trong cụm", "Cụm thi đua số 12 năm 2025 đã có Cụm trưởng ở dòng 2 (HN-SXD); mỗi năm chỉ có một Cụm trưởng."),
    ),
    (
        "second_deputy_in_file",
        [
            {"code": "HN-SCT", "name": "Sở Công Thương", "kind": "Sở", "cluster": "HN-C12", "year": 2025, "role": "Cụm phó"},
            {"code": "HN-SNN", "name": "Sở Nông nghiệp", "kind": "Sở", "cluster": "HN-C12", "year": 2025, "role": "phó"},
        ],
        (4, "Vai trò trong cụm", "Cụm thi đua số 12 năm 2025 đã có Cụm phó ở dòng 3 (HN-SCT); mỗi năm chỉ có một Cụm phó."),
    ),
    (
        "deputy_conflicts_with_recorded_deputy",
        [{"code": "{member}", "cluster": "HN-C06", "year": 2023, "role": "Phó"}],
        (3, "Vai trò trong cụm", "Cụm thi đua số 6 năm 2023 đã có Cụm phó là Sở Ngoại vụ."),
    ),
    (
        "head_conflicts_with_recorded_head",
        [{"code": "{member}", "cluster": "HN-C06", "year": 2023, "role": "Cụm trưởng"}],
        (3, "Vai trò trong cụm", "Cụm thi đua số 6 năm 2023 đã có Cụm trưởng là Văn phòng UBND Thành phố. Nhập dữ liệu không thay đổi Cụm trưởng đã có"),
    ),
    (
        "role_of_the_other_kind",
        [{"code": "HN-SCT", "name": "Sở Công Thương", "kind": "Sở", "cluster": "HN-C12", "year": 2025, "role": "Khối phó"}],
        (3, "Vai trò trong cụm", "Vai trò “Khối phó” không khớp với “Cụm thi đua số 12” là cụm thi đua; hãy ghi “Cụm phó”."),
    ),
    (
        "unknown_role",
        [{"code": "{member}", "cluster": "HN-C06", "year": 2023, "role": "Thư ký"}],
        (3, "Vai trò trong cụm", "Vai trò “Thư ký” không hợp lệ"),
    ),
    (
        "unknown_cluster",
        [{"code": "{member}", "cluster": "HN-C99", "year": 2025}],
        (3, "Mã cụm", "Cụm “HN-C99” không tồn tại. Muốn tạo cụm mới, hãy ghi “Tên cụm”"),
    ),
    (
        "existing_cluster_with_other_name",
        [{"code": "{member}", "cluster": "HN-C06", "year": 2024, "cluster_name": "Cụm số sáu"}],
        (3, "Tên cụm", "Cụm “HN-C06” đã có “Tên cụm” là “Cụm thi đua số 6”, tệp ghi “Cụm số sáu”"),
    ),
    (
        "year_without_cluster",
        [{"code": "{member}", "year": 2025}],
        (3, "Mã cụm", "Dòng có thông tin cụm (Năm, Tên cụm…) nhưng thiếu “Mã cụm”."),
    ),
    (
        "cluster_without_year",
        [{"code": "{member}", "cluster": "HN-C06"}],
        (3, "Năm", "Có “Mã cụm” thì phải ghi “Năm”"),
    ),
    (
        "new_unit_without_kind",
        [{"code": "HN-X", "name": "Sở X"}],
        (3, "Loại đơn vị", "Cần ghi “Loại đơn vị” để tạo đơn vị mới “Sở X”."),
    ),
    (
        "unknown_unit_kind",
        [{"code": "HN-X", "name": "Sở X", "kind": "Bộ"}],
        (3, "Loại đơn vị", "Loại đơn vị “Bộ” không hợp lệ; hãy ghi một trong: “Sở, ban, ngành”"),
    ),
    (
        "unusable_code",
        [{"code": "HN SỞ X", "name": "Sở X", "kind": "Sở"}],
        (3, "Mã đơn vị", "Mã “HN SỞ X” không hợp lệ: bắt đầu bằng chữ hoặc số, chỉ dùng chữ không dấu"),
    ),
    (
        "values_under_swapped_headers",
        [{"code": "Sở Công Thương", "name": "HN-SCT", "kind": "Sở"}],
        (3, "Mã đơn vị", "Mã “Sở Công Thương” không hợp lệ: bắt đầu bằng chữ hoặc số"),
    ),
    (
        "missing_code",
        [{"name": "Sở X", "kind": "Sở"}],
        (3, "Mã đơn vị", "Thiếu “Mã đơn vị”."),
    ),
    (
        "unknown_parent",
        [{"code": "HN-X", "name": "Sở X", "kind": "Sở", "parent": "HN-KHONGCO"}],
        (3, "Mã đơn vị cấp trên", "Đơn vị cấp trên “HN-KHONGCO” không tồn tại"),
    ),
    (
        "dissolved_unit_joins_later_year",
        [{"code": "HN-CU", "name": "Sở cũ", "kind": "Sở", "end": "31/12/2020", "cluster": "HN-C06", "year": 2023}],
        (3, "Năm", "Sở cũ đã giải thể ngày 31/12/2020, không thể là thành viên năm 2023."),
    ),
    (
        "same_unit_twice_in_a_cluster_year",
        [{"code": "HN-SXD", "cluster": "HN-C12", "year": 2025}],
        (3, "Mã đơn vị", "Đơn vị “HN-SXD” đã được ghi vào Cụm thi đua số 12 năm 2025 ở dòng 2."),
    ),
    (
        "unknown_authority",
        [{"code": "{member}", "cluster": "XX-C01", "year": 2025, "cluster_name": "Cụm 1", "authority": "XX"}],
        (3, "Mã cơ quan tổ chức", "Cơ quan “XX” không tồn tại."),
    ),
    (
        "cluster_of_another_authority",
        [{"code": "{member}", "cluster": "HP-C01", "year": 2024}],
        (3, "Mã cụm", "Cụm “HP-C01” thuộc Hội đồng Thi đua - Khen thưởng Thành phố Hải Phòng, ngoài phạm vi quản lý của bạn."),
    ),
    (
        "unit_of_another_authority",
        [{"code": "{outsider}", "cluster": "HN-C06", "year": 2024}],
        (3, "Mã đơn vị", "Mã đơn vị “{outsider}” thuộc một đơn vị ngoài phạm vi quản lý của bạn"),
    ),
    (
        "new_cluster_for_another_authority",
        [{"code": "{member}", "cluster": "HP-C09", "year": 2025, "cluster_name": "Cụm 9", "authority": "HP"}],
        (3, "Mã cơ quan tổ chức", "Bạn chỉ tạo được cụm của Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội, không tạo được cụm của Hội đồng Thi đua - Khen thưởng Thành phố Hải Phòng."),
    ),
]  # fmt: skip

# Row 2 of every case: a good new unit, head of a new cluster year (so the bad row is row 3).
FIRST_ROW = {"code": "HN-SXD", "name": "Sở Xây dựng", "kind": "Sở", "role": "Cụm trưởng",
             "year": 2025, **C12}  # fmt: skip


def _fill(values: dict[str, Any], world: World) -> dict[str, Any]:
    codes = {
        "head": world.head.code,
        "deputy": world.deputy.code,
        "member": world.member.code,
        "outsider": world.outsider_org.code,
    }
    return {k: v.format(**codes) if isinstance(v, str) else v for k, v in values.items()}


@pytest.mark.parametrize(
    ("bad_rows", "expected"), [c[1:] for c in ROW_CASES], ids=[c[0] for c in ROW_CASES]
)
def test_one_bad_row_rejects_the_whole_file(
    world: World, bad_rows: list[dict[str, Any]], expected: tuple[int, str, str]
) -> None:
    rows = [row(**FIRST_ROW), *(row(**_fill(r, world)) for r in bad_rows)]
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    row_number, column, fragment = expected
    fragment = _fill({"m": fragment}, world)["m"]
    assert [(e.row, e.column) for e in result.errors] == [(row_number, column)], result.errors
    assert fragment in result.errors[0].message
    assert db_state() == state


def test_a_loop_of_parents_is_reported_on_each_unit_of_the_loop(world: World) -> None:
    rows = [
        row(code="HN-A", name="Sở A", kind="Sở", parent="HN-B", authority="HN"),
        row(code="HN-B", name="Sở B", kind="Sở", parent="HN-A", authority="HN"),
        row(code="HN-C", name="Sở C", kind="Sở", parent="HN-A", authority="HN"),
    ]
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "Mã đơn vị cấp trên", "Vòng lặp đơn vị cấp trên: HN-A → HN-B → HN-A."),
        (3, "Mã đơn vị cấp trên", "Vòng lặp đơn vị cấp trên: HN-A → HN-B → HN-A."),
    ]
    assert db_state() == state


def test_a_unit_cannot_be_its_own_parent(world: World) -> None:
    rows = [row(code="HN-A", name="Sở A", kind="Sở", parent="HN-A")]

    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "Mã đơn vị cấp trên", "Đơn vị không thể là cấp trên của chính nó.")
    ]
    assert db_state() == state


def test_head_that_is_already_the_deputy_is_refused_by_the_service(world: World) -> None:
    cy = cluster_services.create_cluster_year(
        cluster=world.cy.cluster,
        year=2024,
        members=[world.member],
        deputy=world.member,
        user=world.board,
    )
    rows = [row(code=world.member.code, cluster="HN-C06", year=2024, role="Cụm trưởng")]
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    assert [(e.row, e.column) for e in result.errors] == [(2, "Vai trò trong cụm")]
    assert result.errors[0].message == "Cụm trưởng và Cụm phó phải là hai đơn vị khác nhau."
    assert db_state() == state
    assert ClusterYear.objects.get(pk=cy.pk).head is None


def test_new_cluster_from_the_command_line_needs_an_authority(world: World) -> None:
    rows = [row(code=world.member.code, cluster="HN-C12", year=2025, cluster_name="Cụm 12")]

    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=None)

    assert [(e.row, e.column) for e in result.errors] == [(2, "Mã cơ quan tổ chức")]
    assert (
        result.errors[0].message
        == "Cần ghi “Mã cơ quan tổ chức” (cơ quan tổ chức cụm) để tạo cụm mới “HN-C12”."
    )
    assert db_state() == state


def test_unit_not_yet_active_cannot_join_an_earlier_year(world: World) -> None:
    org_services.create_organization(
        code="HN-XA", name="Xã Sóc Sơn", kind="commune", valid_from=dt.date(2025, 7, 1),
        authority=world.authority,
    )  # fmt: skip
    rows = [row(code="HN-XA", cluster="HN-C06", year=2024)]

    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "Năm", "Xã Sóc Sơn bắt đầu hoạt động năm 2025, không thể là thành viên năm 2024.")
    ]
    assert db_state() == state


def test_every_error_of_the_file_is_reported_in_row_order(world: World) -> None:
    rows = [
        row(code="HN-A", name="Sở A", kind="Sở", start="1/1/2020", end="1/1/2019"),
        row(code="HN-B", name="Sở B", kind="Sở", authority="HN"),
        row(code=world.member.code, cluster="HN-C99", year=2025),
        row(code="HN-C", name="Sở C", kind="Sở", cluster="HN-C06", year=2023, role="Cụm trưởng"),
        row(code=world.member.code, cluster="HP-C01", year=2023),
    ]
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Giải thể ngày"),
        (4, "Mã cụm"),
        (5, "Vai trò trong cụm"),
        (6, "Mã cụm"),
    ]
    assert db_state() == state


# ------------------------------------------------------------------------------ command


def test_command_imports_a_file(world: World, tmp_path: Any, capsys: Any) -> None:
    path = tmp_path / "don-vi.csv"
    path.write_bytes(csv_bytes(new_cluster_rows()))

    call_command("import-units", str(path))

    out = capsys.readouterr().out
    assert "Tệp “don-vi.csv” (3 dòng): 3 đơn vị mới, 1 cụm mới, 1 cụm-năm mới" in out
    assert "Đã nhập xong." in out
    assert members("HN-C12", 2025) == ["HN-SCT", "HN-SNN", "HN-SXD"]
    assert AuditEvent.objects.get(action="import.units").actor is None


def test_command_dry_run_writes_nothing(world: World, tmp_path: Any, capsys: Any) -> None:
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(xlsx_bytes(new_cluster_rows()))
    state = db_state()

    call_command("import-units", str(path), "--dry-run")

    assert "chưa ghi dữ liệu nào" in capsys.readouterr().out
    assert db_state() == state


def test_command_rejects_a_bad_file_with_the_row_report(
    world: World, tmp_path: Any, capsys: Any
) -> None:
    path = tmp_path / "don-vi.csv"
    path.write_bytes(
        csv_bytes([*new_cluster_rows(), row(code="HN-KHONGCO", cluster="HN-C12", year=2025)])
    )
    state = db_state()

    with pytest.raises(CommandError, match="bị từ chối: 1 lỗi; không có dữ liệu nào được ghi"):
        call_command("import-units", str(path))

    err = capsys.readouterr().err
    assert "Dòng 5, cột “Mã đơn vị”: Đơn vị “HN-KHONGCO” không tồn tại." in err
    assert db_state() == state


def test_command_reports_a_missing_file(tmp_path: Any) -> None:
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import-units", str(tmp_path / "khong-co.csv"))


def test_text_garbled_by_a_wrong_encoding_is_caught(world: World) -> None:
    garbled = csv_bytes(GOOD_ROW).decode().encode("utf-8").decode("cp1252", errors="replace")
    state = db_state()

    result = import_units(data=garbled.encode("utf-8"), filename="don-vi.csv", user=world.board)

    assert [(e.row, e.column) for e in result.errors] == [(0, "")]
    assert result.errors[0].message.startswith(
        "Tệp “don-vi.csv” có chữ bị lỗi bảng mã ở dòng 1 (“MÃ£”): có lẽ tệp đã được mở và lưu lại"
    )
    assert "lưu tệp dưới dạng CSV UTF-8" in result.errors[0].message
    assert db_state() == state


def test_a_row_with_several_problems_reports_each(world: World) -> None:
    rows = [
        row(
            code="HN-X", name="Sở X", kind="Bộ", start="hôm qua", cluster="HN-C06", role="Tổ trưởng"
        )
    ]

    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Loại đơn vị"),
        (2, "Hoạt động từ"),
        (2, "Vai trò trong cụm"),
        (2, "Năm"),
    ]
    assert db_state() == state
