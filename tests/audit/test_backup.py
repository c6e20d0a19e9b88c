"""`thidua backup` / `thidua restore`: a round trip into a fresh database gives back every row
(microseconds included), every file byte for byte, and an intact audit chain."""

from __future__ import annotations

import io
import json
import shutil
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from django.db.utils import load_backend

from tests.factories import OrganizationFactory, UserFactory
from thidua.audit.models import AuditEvent
from thidua.audit.selectors import verify_chain
from thidua.audit.services import record_event
from thidua.core import backup
from thidua.organizations import services as org_services

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _require_pg_tools() -> None:
    if connection.vendor == "postgresql":
        for tool in ("pg_dump", "pg_restore"):
            if shutil.which(tool) is None:
                pytest.fail(f"{tool} is missing: install postgresql-client to test backups")


def _rows() -> dict[str, list[tuple[Any, ...]]]:
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables and model._meta.managed
    }


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    (root / "evidence" / "2026").mkdir(parents=True)
    (root / "evidence" / "2026" / "minh-chung.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (root / "generated").mkdir()
    (root / "generated" / "quyet-dinh.docx").write_bytes(b"PK\x03\x04 b\xe1o c\xe1o")
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def data(media: Path) -> None:
    _require_pg_tools()
    org = OrganizationFactory()
    UserFactory()
    org_services.update_organization(organization=org, name="Sở Thi đua Khen thưởng")
    record_event(action="test.backup", obj=org, after={"note": "sao lưu"})
    assert AuditEvent.objects.exists()


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[None]:
    """Point the default alias at a new, empty database for the duration of the test."""
    original = connections["default"]
    name = f"thidua_restore_{uuid.uuid4().hex[:12]}"
    settings_dict = dict(original.settings_dict)
    if original.vendor == "postgresql":
        with original.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        settings_dict["NAME"] = name
    else:
        settings_dict["NAME"] = str(tmp_path / f"{name}.sqlite3")
    fresh = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = fresh
    try:
        yield
    finally:
        fresh.close()
        connections["default"] = original
        if original.vendor == "postgresql":
            with original.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_round_trip_gives_back_every_row_file_and_the_chain(
    data: None, media: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    archive = tmp_path / "thidua.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Đã sao lưu" in out.getvalue()
    rows, files = _rows(), _files(media)
    assert len(rows["audit.AuditEvent"]) >= 2
    shutil.rmtree(media)
    media.mkdir()

    request.getfixturevalue("fresh_database")
    assert not backup.database_has_data()
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "Nhật ký toàn vẹn" in out.getvalue()
    assert _rows() == rows
    assert _files(media) == files
    assert verify_chain().ok


def test_the_manifest_lists_vendor_migrations_and_hashes(data: None, tmp_path: Path) -> None:
    archive = tmp_path / "thidua.tar.gz"
    manifest = backup.create_backup(output=archive)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        stored = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert stored == manifest
    assert manifest["vendor"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["audit"]
    assert names == {"manifest.json", *manifest["files"]}
    assert "media/evidence/2026/minh-chung.pdf" in names


def _tamper(archive: Path, member: str, target: Path) -> None:
    """Copy ``archive`` to ``target`` with one byte of ``member`` changed."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for info in src.getmembers():
            content = src.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == member:
                content = bytes([content[0] ^ 1]) + content[1:]
            dst.addfile(info, io.BytesIO(content))


@pytest.mark.parametrize("member", ["media/generated/quyet-dinh.docx", "database"])
def test_a_tampered_archive_is_refused_before_anything_is_written(
    data: None, media: Path, tmp_path: Path, member: str, request: pytest.FixtureRequest
) -> None:
    archive, tampered = tmp_path / "ok.tar.gz", tmp_path / "bad.tar.gz"
    manifest = backup.create_backup(output=archive)
    if member == "database":
        member = next(n for n in manifest["files"] if n.startswith("db."))
    _tamper(archive, member, tampered)
    shutil.rmtree(media)
    media.mkdir()
    request.getfixturevalue("fresh_database")

    with pytest.raises(CommandError, match=r"Mã băm .* không khớp manifest"):
        call_command("restore", str(tampered))

    assert not backup.database_has_data()
    assert _files(media) == {}
    assert not any(p.name.startswith(".thidua-restore-") for p in media.parent.iterdir())


def test_a_corrupt_archive_is_refused(media: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="bị hỏng hoặc không đọc được"):
        call_command("restore", str(broken))


def test_a_database_with_data_is_refused_unless_forced(
    data: None, media: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "thidua.tar.gz"
    backup.create_backup(output=archive)
    (media / "generated" / "quyet-dinh.docx").write_bytes(b"changed")
    before = AuditEvent.objects.count()
    record_event(action="test.after-backup")

    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(archive))
    assert AuditEvent.objects.count() == before + 1
    assert (media / "generated" / "quyet-dinh.docx").read_bytes() == b"changed"

    out = io.StringIO()
    call_command("restore", str(archive), "--force", stdout=out)
    assert AuditEvent.objects.count() == before
    assert (media / "generated" / "quyet-dinh.docx").read_bytes() == b"PK\x03\x04 b\xe1o c\xe1o"
    assert "Nhật ký toàn vẹn" in out.getvalue()


def _edit_manifest(archive: Path, target: Path, **changes: Any) -> None:
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for info in src.getmembers():
            content = src.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == "manifest.json":
                content = json.dumps({**json.loads(content), **changes}).encode()
                info.size = len(content)
            dst.addfile(info, io.BytesIO(content))


def test_an_archive_of_another_vendor_is_refused(data: None, tmp_path: Path) -> None:
    archive, other = tmp_path / "ok.tar.gz", tmp_path / "other.tar.gz"
    backup.create_backup(output=archive)
    _edit_manifest(archive, other, vendor="oracle")
    with pytest.raises(CommandError, match="Không hỗ trợ khôi phục sang loại cơ sở dữ liệu khác"):
        call_command("restore", str(other))


def test_an_archive_of_a_newer_version_is_refused(data: None, tmp_path: Path) -> None:
    archive, newer = tmp_path / "ok.tar.gz", tmp_path / "newer.tar.gz"
    manifest = backup.create_backup(output=archive)
    migrations = {**manifest["migrations"], "audit": [*manifest["migrations"]["audit"], "9999_x"]}
    _edit_manifest(archive, newer, migrations=migrations, app_version="9.0")
    with pytest.raises(CommandError, match=r"phiên bản 9\.0 có migration .*audit\.9999_x"):
        call_command("restore", str(newer), "--force")


def test_an_archive_of_another_format_is_refused(data: None, tmp_path: Path) -> None:
    archive, other = tmp_path / "ok.tar.gz", tmp_path / "other.tar.gz"
    backup.create_backup(output=archive)
    _edit_manifest(archive, other, format=2)
    with pytest.raises(CommandError, match="không đúng định dạng"):
        call_command("restore", str(other))


def test_an_archive_with_a_file_not_in_the_manifest_is_refused(data: None, tmp_path: Path) -> None:
    archive, extra = tmp_path / "ok.tar.gz", tmp_path / "extra.tar.gz"
    manifest = backup.create_backup(output=archive)
    files = dict(manifest["files"])
    files.pop("media/evidence/2026/minh-chung.pdf")
    _edit_manifest(archive, extra, files=files)
    with pytest.raises(CommandError, match="không ghi trong manifest: media/evidence"):
        call_command("restore", str(extra), "--force")
    files["media/missing.pdf"] = {"sha256": "0" * 64, "size": 1}
    files["media/evidence/2026/minh-chung.pdf"] = manifest["files"][
        "media/evidence/2026/minh-chung.pdf"
    ]
    _edit_manifest(archive, extra, files=files)
    with pytest.raises(CommandError, match=r"thiếu tệp ghi trong manifest: media/missing\.pdf"):
        call_command("restore", str(extra), "--force")


def test_an_unwritable_output_is_a_clear_error(data: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không ghi được tệp sao lưu"):
        call_command("backup", str(tmp_path / "no-such-dir" / "thidua.tar.gz"))


def test_a_missing_postgres_tool_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(backup.BackupError, match="Không tìm thấy lệnh pg_dump: cài gói postgresql"):
        backup._tool("pg_dump")


def test_a_failing_tool_reports_its_error() -> None:
    command = [sys.executable, "-c", "import sys; sys.stderr.write('lỗi'); sys.exit(3)"]
    with pytest.raises(backup.BackupError, match="pg_restore thất bại \\(mã 3\\): lỗi"):
        backup._run(command, {}, "pg_restore")


def test_connection_settings_become_pg_arguments() -> None:
    conn = SimpleNamespace(
        settings_dict={"HOST": "db", "PORT": 5433, "USER": "thidua", "PASSWORD": "bí mật"}
    )
    args, env = backup._pg_args(conn)  # type: ignore[arg-type]
    assert args == ["--host=db", "--port=5433", "--username=thidua"]
    assert env["PGPASSWORD"] == "bí mật"


def test_an_archive_with_an_unsafe_path_is_refused(tmp_path: Path, media: Path) -> None:
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../outside.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="mục không hợp lệ"):
        call_command("restore", str(evil))
    assert not (tmp_path / "outside.txt").exists()


def test_a_broken_chain_after_restore_is_reported(data: None, tmp_path: Path) -> None:
    AuditEvent.objects.filter(pk=AuditEvent.objects.order_by("sequence").first().pk).update(
        action="sửa"
    )
    archive = tmp_path / "thidua.tar.gz"
    backup.create_backup(output=archive)
    with pytest.raises(CommandError, match="Đã khôi phục nhưng nhật ký bị sửa đổi"):
        call_command("restore", str(archive), "--force")


def test_no_media_folder_backs_up_the_database_alone(
    settings: Any, tmp_path: Path, data: None
) -> None:
    settings.MEDIA_ROOT = tmp_path / "never-created"
    manifest = backup.create_backup(output=tmp_path / "thidua.tar.gz")
    assert list(manifest["files"]) == [backup.DB_MEMBER[connection.vendor]]


def test_a_restore_inside_a_transaction_is_refused(tmp_path: Path, media: Path) -> None:
    with transaction.atomic(), pytest.raises(backup.BackupError, match="giao dịch đang mở"):
        backup.restore_backup(archive=tmp_path / "any.tar.gz")
