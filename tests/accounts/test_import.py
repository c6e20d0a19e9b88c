"""Creating accounts from a file: all rows or none, every error by row in Vietnamese; the page
previews before it writes; ``thidua import-users`` does the same from a shell."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import World
from tests.factories_import import xlsx_bytes
from thidua.accounts.enums import Role
from thidua.accounts.imports import build_xlsx, import_users
from thidua.accounts.imports.columns import derive_username
from thidua.accounts.models import RoleAssignment, User
from thidua.audit.models import AuditEvent

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HEADERS = ["Họ và tên", "E-mail", "Tên đăng nhập", "Mã đơn vị", "Mã cơ quan", "Vai trò"]


def people_file(world: World, *extra: list[Any]) -> bytes:
    rows = [
        ["Nguyễn Văn An", "an@example.vn", "", world.member.code, "", "Cán bộ thi đua đơn vị"],
        ["Trần Thị Bình", "binh@example.vn", "binhtt", "", "HN", "Thành viên Hội đồng TĐKT"],
        *extra,
    ]
    return xlsx_bytes(rows, HEADERS, first_sheet="Người dùng")


def test_usernames_are_made_from_vietnamese_names() -> None:
    assert derive_username("Nguyễn Văn An") == "annv"
    assert derive_username("Lê Thị Thu Hà") == "haltt"
    assert derive_username("Đặng Đức") == "ducd"


def test_a_good_file_creates_every_account_with_its_role_and_invites_them(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = import_users(data=people_file(world), filename="ds.xlsx", user=world.board)
    assert result.ok and result.created == 2
    an = User.objects.get(username="annv")
    assert (an.role, an.organization) == (Role.UNIT_OFFICER, world.member)
    assert not an.has_usable_password()
    assert RoleAssignment.objects.filter(user=an, valid_to__isnull=True).exists()
    assert User.objects.get(username="binhtt").authority == world.authority
    assert sorted(m.to[0] for m in mail.outbox) == ["an@example.vn", "binh@example.vn"]
    assert AuditEvent.objects.filter(action="import.users").count() == 1


def test_one_bad_row_and_nothing_is_created(world: World) -> None:
    before = User.objects.count()
    data = people_file(
        world,
        ["", "x@example.vn", "", world.member.code, "", "Cán bộ thi đua đơn vị"],
        ["Sai Đơn Vị", "y@example.vn", "", "KHONG-CO", "", "Thủ trưởng đơn vị"],
        ["Sai Vai Trò", "z@example.vn", "", world.member.code, "", "Tổng thống"],
        ["Trùng Tên", "t@example.vn", "officer", world.member.code, "", "Người xem"],
        ["Ngoài Phạm Vi", "n@example.vn", "", world.outsider_org.code, "", "Người xem"],
        ["Quản Trị", "q@example.vn", "", "", "", "Quản trị hệ thống"],
        ["Sai Phạm Vi", "s@example.vn", "", "", "HN", "Thủ trưởng đơn vị"],
    )
    result = import_users(data=data, filename="ds.xlsx", user=world.board)
    assert not result.ok and result.created == 0
    assert User.objects.count() == before
    by_row = {(e.row, e.column): e.message for e in result.errors}
    assert "Thiếu họ và tên." in by_row[(4, "Họ và tên")]
    assert "KHONG-CO" in by_row[(5, "Mã đơn vị")]
    assert "Tổng thống" in by_row[(6, "Vai trò")]
    assert "officer" in by_row[(7, "Tên đăng nhập")]
    assert "phạm vi" in by_row[(8, "Vai trò")]
    assert "Quản trị hệ thống" in by_row[(9, "Vai trò")]
    assert "cần chọn một đơn vị" in by_row[(10, "Vai trò")]


def test_a_file_without_the_name_column_is_refused_as_a_whole(world: World) -> None:
    data = xlsx_bytes([["a", "b"]], ["Tên", "Thư"])
    result = import_users(data=data, filename="ds.xlsx", user=world.board)
    assert result.errors[0].row == 0 and "Họ và tên" in result.errors[0].message


def test_the_downloaded_template_imports_as_it_is(world: World) -> None:
    response = Client()
    response.force_login(world.board)
    template = response.get("/accounts/users/import/template.xlsx")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    result = import_users(
        data=build_xlsx(world.member.code, "HN"),
        filename="mau.xlsx",
        user=world.board,
        dry_run=True,
    )
    assert result.ok and len(result.people) == 2


def test_the_page_previews_then_creates(world: World) -> None:
    client = Client()
    client.force_login(world.board)
    data = people_file(world)
    with open_upload(data) as upload:
        preview = client.post("/accounts/users/import/", {"file": upload, "send_invitations": ""})
    page = preview.content.decode()
    assert "Xem trước: sẽ tạo 2 tài khoản" in page and "annv" in page
    assert not User.objects.filter(username="annv").exists()
    confirm = client.post(
        "/accounts/users/import/",
        {"content": base64.b64encode(data).decode(), "filename": "ds.xlsx", "confirm": "1"},
    )
    assert confirm.status_code == 302
    assert User.objects.filter(username__in=["annv", "binhtt"]).count() == 2


def test_the_page_lists_every_error_by_row(world: World) -> None:
    client = Client()
    client.force_login(world.board)
    data = people_file(world, ["Sai", "s@example.vn", "", "KHONG-CO", "", "Người xem"])
    with open_upload(data) as upload:
        page = client.post("/accounts/users/import/", {"file": upload}).content.decode()
    assert "có 1 lỗi; chưa tạo tài khoản nào" in page and "KHONG-CO" in page


def test_unit_officer_may_not_import(world: World) -> None:
    client = Client()
    client.force_login(world.officer)
    assert client.get("/accounts/users/import/").status_code == 403


def test_the_command_creates_accounts(world: World, tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(people_file(world))
    call_command("import-users", str(path), "--no-invite")
    assert User.objects.filter(username="annv").exists()


def test_the_command_prints_errors_and_fails(world: World, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(people_file(world, ["Sai", "s@example.vn", "", "KHONG-CO", "", "Người xem"]))
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import-users", str(path))
    assert "Dòng 4, cột “Mã đơn vị”" in capsys.readouterr().err
    assert not User.objects.filter(username="annv").exists()


class open_upload:
    def __init__(self, data: bytes) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.file = SimpleUploadedFile("ds.xlsx", data)

    def __enter__(self) -> Any:
        return self.file

    def __exit__(self, *args: object) -> None:
        self.file.close()
