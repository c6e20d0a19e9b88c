"""The import page /clusters/import/ and its templates, through the Django test client."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.conftest import World
from tests.factories_import import HEADERS, csv_bytes, db_state, row, xlsx_bytes
from thidua.audit.models import AuditEvent
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/clusters/import/"
GOOD = [
    row(code="HN-SXD", name="Sở Xây dựng", kind="Sở", cluster="HN-C12", year=2025,
        role="Cụm trưởng", cluster_name="Cụm thi đua số 12"),
    row(code="HN-SCT", name="Sở Công Thương", kind="Sở", cluster="HN-C12", year=2025),
]  # fmt: skip


def client_for(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def upload(client: Client, data: bytes, name: str, **extra: Any) -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **extra})


def text_of(response: Any) -> str:
    return " ".join(response.content.decode().split())


# ------------------------------------------------------------------------------ permissions


def test_url_names() -> None:
    assert reverse("clusters:import") == URL
    assert reverse("clusters:import_template", args=["xlsx"]) == "/clusters/import/template.xlsx"


@pytest.mark.parametrize("persona", ["board", "admin"])
def test_board_officer_and_admin_open_the_import_page(world: World, persona: str) -> None:
    response = client_for(world, persona).get(URL)

    assert response.status_code == 200
    page = text_of(response)
    assert "Nhập đơn vị và thành viên cụm" in page
    assert "Giải thể ngày" in page  # the columns are explained
    assert 'href="/clusters/import/template.xlsx"' in page


@pytest.mark.parametrize(
    "persona", ["officer", "leader", "secretariat", "council", "viewer", "outsider"]
)
def test_other_roles_may_not_import(world: World, persona: str) -> None:
    client = client_for(world, persona)
    state = db_state()

    responses = [
        client.get(URL),
        upload(client, csv_bytes(GOOD), "don-vi.csv"),
        client.get("/clusters/import/template.xlsx"),
        client.get("/clusters/import/template.csv"),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert db_state() == state


def test_anonymous_is_sent_to_login(world: World) -> None:
    responses = [Client().get(URL), Client().get("/clusters/import/template.csv")]

    assert [(r.status_code, r["Location"]) for r in responses] == [
        (302, "/accounts/login/?next=/clusters/import/"),
        (302, "/accounts/login/?next=/clusters/import/template.csv"),
    ]


def test_import_link_shows_only_for_those_who_may_import(world: World) -> None:
    board = text_of(client_for(world, "board").get("/clusters/"))
    officer = text_of(client_for(world, "officer").get("/clusters/"))

    assert 'href="/clusters/import/"' in board
    assert 'href="/clusters/import/"' not in officer


# ------------------------------------------------------------------------------ uploads


def test_board_officer_imports_a_csv_and_gets_links(world: World) -> None:
    response = upload(client_for(world, "board"), csv_bytes(GOOD), "don-vi.csv")

    assert response.status_code == 200
    page = text_of(response)
    assert "Đã nhập xong" in page
    assert "Tệp “don-vi.csv” (2 dòng): 2 đơn vị mới, 1 cụm mới, 1 cụm-năm mới" in page
    assert 'href="/clusters/HN-C12/2025/"' in page
    sxd = Organization.objects.get(code="HN-SXD")
    assert f'href="/organizations/{sxd.pk}/"' in page
    cy = ClusterYear.objects.get(cluster__code="HN-C12", year=2025)
    assert cy.head == sxd
    assert AuditEvent.objects.get(action="import.units").actor == world.board


def test_board_officer_imports_an_xlsx(world: World) -> None:
    response = upload(client_for(world, "board"), xlsx_bytes(GOOD), "don-vi.xlsx")

    assert "Đã nhập xong" in text_of(response)
    assert ClusterYear.objects.get(cluster__code="HN-C12", year=2025).memberships.count() == 2


def test_bad_row_shows_the_error_table_and_writes_nothing(world: World) -> None:
    state = db_state()
    rows = [*GOOD, row(code="HN-KHONGCO", cluster="HN-C12", year=2025)]

    response = upload(client_for(world, "board"), csv_bytes(rows), "don-vi.csv")

    assert response.status_code == 200
    page = text_of(response)
    assert "Tệp bị từ chối — không có dữ liệu nào được ghi" in page
    assert "Tệp “don-vi.csv” có 1 lỗi." in page
    assert (
        '<tr><td class="num">4</td><td class="nowrap">Mã đơn vị</td><td class="err">Đơn vị “HN-KHONGCO” '
        "không tồn tại." in page
    )
    assert db_state() == state


def test_file_level_error_shows_in_the_table_without_a_row(world: World) -> None:
    data = csv_bytes([["HN-SXD", "95"]], ["Đơn vị", "Điểm"])

    page = text_of(upload(client_for(world, "board"), data, "diem.csv"))

    assert (
        '<td class="num">—</td><td class="nowrap">—</td><td class="err">Không tìm thấy dòng tiêu đề'
        in page
    )


def test_reupload_of_an_imported_file_says_nothing_is_new(world: World) -> None:
    client = client_for(world, "board")
    upload(client, csv_bytes(GOOD), "don-vi.csv")
    state = db_state()

    page = text_of(upload(client, csv_bytes(GOOD), "don-vi.csv"))

    assert "Tệp hợp lệ — không có gì mới" in page
    assert db_state() == state


def test_dry_run_from_the_page_writes_nothing(world: World) -> None:
    state = db_state()

    page = text_of(upload(client_for(world, "board"), csv_bytes(GOOD), "don-vi.csv", dry_run="on"))

    assert "Tệp hợp lệ — chưa ghi dữ liệu" in page
    assert "2 đơn vị mới" in page
    assert 'href="/clusters/HN-C12/2025/"' not in page  # it does not exist
    assert db_state() == state


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            b"not a workbook",
            "don-vi.xlsx",
            "Nội dung tệp “don-vi.xlsx” không phải Excel (XLSX) hợp lệ.",
        ),
        ("Mã đơn vị\nHN-SỞ\n".encode("utf-16"), "don-vi.csv", "Lưu tệp dưới dạng CSV UTF-8"),
        (b"Ma don vi\nHN-X\n", "don-vi.txt", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 60, "don-vi.xls", "Excel 97-2003 (.xls), không được hỗ trợ"),
        (b"", "don-vi.csv", "Tập tin được gửi là rỗng."),
    ],
    ids=["fake_xlsx", "utf16_csv", "txt", "xls", "empty"],
)
def test_unacceptable_uploads_are_refused_by_the_form(
    world: World, data: bytes, name: str, message: str
) -> None:
    state = db_state()

    response = upload(client_for(world, "board"), data, name)

    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert message in error
    assert message in text_of(response)
    assert response.context["result"] is None
    assert db_state() == state


def test_upload_over_the_size_limit_is_refused(world: World, settings: Any) -> None:
    settings.THIDUA_MAX_UPLOAD_MB = 0

    response = upload(client_for(world, "board"), csv_bytes(GOOD), "don-vi.csv")

    assert response.context["form"].errors["file"] == [
        "Tệp “don-vi.csv” quá lớn (0.0 MB). Tối đa 0 MB."
    ]


def test_board_officer_cannot_import_into_another_authority(world: World) -> None:
    state = db_state()
    rows = [row(code=world.member.code, cluster="HP-C01", year=2024)]

    page = text_of(upload(client_for(world, "board"), csv_bytes(rows), "x.csv"))

    assert (
        "Cụm “HP-C01” thuộc Hội đồng Thi đua - Khen thưởng Thành phố Hải Phòng, ngoài phạm vi"
        in page
    )
    assert db_state() == state


# ------------------------------------------------------------------------------ templates


def test_xlsx_template_opens_with_the_headers_and_two_examples(world: World) -> None:
    from openpyxl import load_workbook

    response = client_for(world, "board").get("/clusters/import/template.xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-don-vi.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [r[0] for r in rows[1:]] == ["HN-SXD", "HN-SCT"]


def test_csv_template_is_utf8_with_bom_and_the_headers(world: World) -> None:
    response = client_for(world, "admin").get("/clusters/import/template.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert [r[1] for r in rows[1:]] == ["Sở Xây dựng", "Sở Công Thương"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_template_itself_imports_cleanly(world: World, fmt: str) -> None:
    client = client_for(world, "board")
    template = client.get(f"/clusters/import/template.{fmt}").content

    page = text_of(upload(client, template, f"mau.{fmt}"))

    assert "Đã nhập xong" in page
    cy = ClusterYear.objects.get(cluster__code="HN-C12", year=2025)
    assert (cy.head.code, cy.memberships.count()) == ("HN-SXD", 2)


def test_unknown_template_format_is_not_found(world: World) -> None:
    assert client_for(world, "board").get("/clusters/import/template.ods").status_code == 404


def test_the_page_refuses_files_longer_than_a_web_request_can_import(world: World) -> None:
    rows = [row(code=f"HN-X{i:05d}") for i in range(511)]
    state = db_state()

    page = text_of(upload(client_for(world, "board"), csv_bytes(rows), "lon.csv"))

    assert "Tệp có quá nhiều dòng để nhập trên trang web: tối đa 500 dòng mỗi lần." in page
    assert db_state() == state
