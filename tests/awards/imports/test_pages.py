"""The import page through the client: preview (dry run) with counts per sheet, the import, the
report of a refused file, units out of the user's scope read as unknown, the templates, the
query count."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.awards.imports.helpers import good_sheets, xlsx_bytes
from tests.conftest import World
from tests.factories import OrganizationFactory
from thidua.awards.history import AwardRecord
from thidua.people.models import Person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, data: bytes, *, dry_run: bool, name: str = "lich-su.xlsx") -> str:
    upload = SimpleUploadedFile(name, data)
    form = {"file": upload, **({"dry_run": "on"} if dry_run else {})}
    response = client.post("/awards/import/", form)
    assert response.status_code == 200
    return response.content.decode()


def test_preview_then_import(world: World) -> None:
    client = client_for(world.board)
    data = xlsx_bytes(good_sheets(world))
    preview = post(client, data, dry_run=True)
    assert "Tệp hợp lệ — chưa ghi dữ liệu" in preview and "Xếp loại" in preview
    assert not Person.objects.exists()
    done = post(client, data, dry_run=False)
    assert "Đã nhập xong" in done
    assert AwardRecord.objects.count() == 2
    again = post(client, data, dry_run=False)
    assert "Tệp hợp lệ — không có gì mới" in again


def confirm_value(body: str) -> str:
    match = re.search(r'name="confirm" value="([0-9a-f]{64})"', body)
    assert match, "no confirmation button"
    return match.group(1)


def test_the_preview_is_confirmed_with_one_click(world: World) -> None:
    client = client_for(world.board)
    preview = post(client, xlsx_bytes(good_sheets(world)), dry_run=True)
    sha = confirm_value(preview)
    assert not Person.objects.exists()
    other = client_for(world.admin).post("/awards/import/", {"confirm": sha, "filename": "x"})
    assert "Không còn tệp đã kiểm tra" in other.content.decode()  # not someone else's file
    done = client.post("/awards/import/", {"confirm": sha, "filename": "lich-su.xlsx"})
    assert "Đã nhập xong" in done.content.decode() and AwardRecord.objects.count() == 2
    again = client.post(
        "/awards/import/", {"confirm": sha, "filename": "lich-su.xlsx"}, follow=True
    )
    assert "Không còn tệp đã kiểm tra" in again.content.decode()
    assert AwardRecord.objects.count() == 2


def test_a_refused_file_shows_sheet_row_column_and_message(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Xếp loại"][0][2] = "giỏi"
    body = post(client_for(world.board), xlsx_bytes(sheets), dry_run=False)
    assert "Tệp bị từ chối — không có dữ liệu nào được ghi" in body
    assert "Mức xếp loại “giỏi” không hợp lệ: HTXS, HTT, HT hoặc KHT." in body
    assert not Person.objects.exists()


def test_units_outside_the_officers_authority_read_as_unknown(world: World) -> None:
    body = post(client_for(world.other_board), xlsx_bytes(good_sheets(world)), dry_run=False)
    assert (
        f"Không tìm thấy đơn vị có mã “{world.member.code}” (hoặc đơn vị không thuộc phạm vi "
        "của bạn)." in body
    )
    assert not Person.objects.exists()


def test_the_system_admin_imports_for_any_unit(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Cá nhân"][1][4] = world.outsider_org.code
    body = post(client_for(world.admin), xlsx_bytes(sheets), dry_run=False)
    assert "Đã nhập xong" in body


def test_the_csv_template_of_an_unknown_sheet_is_not_found(world: World) -> None:
    client = client_for(world.board)
    assert client.get("/awards/import/template.csv?sheet=ratings").status_code == 200
    assert client.get("/awards/import/template.csv?sheet=khac").status_code == 404
    assert client.get("/awards/import/template.pdf").status_code == 404


@pytest.mark.parametrize("units", [1, 30])
def test_the_page_reads_a_constant_number_of_queries(
    world: World, units: int, django_assert_max_num_queries: Any
) -> None:
    OrganizationFactory.create_batch(units, authority=world.authority)
    client = client_for(world.board)
    with django_assert_max_num_queries(8):
        assert client.get("/awards/import/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    response = Client().get("/awards/import/")
    assert response.status_code == 302 and "login" in response["Location"]
