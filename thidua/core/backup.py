"""One archive for the whole installation: the database and MEDIA_ROOT, with a manifest of hashes.

``create_backup`` copies the database with the vendor's own tool — the SQLite online backup API
(consistent while the app runs) or ``pg_dump --format=custom`` — so every value comes back
exactly (microsecond datetimes, the keyed audit chain), unlike ``dumpdata``/``loaddata``.
``restore_backup`` checks every hash before touching anything, refuses an archive of another
database vendor and a target database that already holds data, restores the database, and only
then moves the files into place. Secrets (SECRET_KEY, THIDUA_AUDIT_KEY, voting keys) are never in
the archive: see docs/operations.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}
MEDIA_PREFIX = "media/"
# A database in use has accounts and audit events; the catalogue rows seeded by migrations
# do not make a freshly migrated database "non-empty".
DATA_MODELS = ("accounts.User", "audit.AuditEvent")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Vietnamese)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _app_version() -> str:
    try:
        return metadata.version("thidua")
    except metadata.PackageNotFoundError:
        return "unknown"


def _migrations(conn: BaseDatabaseWrapper) -> dict[str, list[str]]:
    state: dict[str, list[str]] = defaultdict(list)
    for app, name in sorted(MigrationRecorder(conn).applied_migrations()):
        state[app].append(name)
    return dict(state)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy lệnh {name}: cài gói postgresql-client (cùng phiên bản chính với "
            "máy chủ PostgreSQL) rồi chạy lại."
        )
    return path


def _pg_args(conn: BaseDatabaseWrapper) -> tuple[list[str], dict[str, str]]:
    s = conn.settings_dict
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if s.get(key):
            args.append(f"{flag}={s[key]}")
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{what} thất bại (mã {done.returncode}): {done.stderr.strip()}")


def _dump_database(conn: BaseDatabaseWrapper, target: Path) -> None:
    if conn.vendor == "sqlite":
        conn.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            conn.connection.backup(copy)
        finally:
            copy.close()
        return
    args, env = _pg_args(conn)
    command = [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", *args]
    _run([*command, f"--dbname={conn.settings_dict['NAME']}"], env, "pg_dump")


def _vendor(conn: BaseDatabaseWrapper) -> str:
    if conn.vendor not in DB_MEMBER:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {conn.vendor}.")
    return conn.vendor


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def create_backup(*, output: Path, using: str = "default") -> dict[str, Any]:
    """Write ``output`` (.tar.gz): the manifest, the database copy and every file of MEDIA_ROOT."""
    conn = connections[using]
    vendor = _vendor(conn)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as tmp:
        db_file = Path(tmp) / DB_MEMBER[vendor]
        _dump_database(conn, db_file)
        members = {DB_MEMBER[vendor]: db_file}
        for path in _media_files(media_root):
            members[MEDIA_PREFIX + path.relative_to(media_root).as_posix()] = path
        manifest = {
            "format": FORMAT,
            "app_version": _app_version(),
            "vendor": vendor,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "migrations": _migrations(conn),
            "files": {
                name: {"sha256": _sha256(path), "size": path.stat().st_size}
                for name, path in members.items()
            },
        }
        manifest_file = Path(tmp) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
        partial = output.with_name(output.name + ".part")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(manifest_file, arcname=MANIFEST)
                for name, path in members.items():
                    archive.add(path, arcname=name)
            partial.replace(output)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BackupError(f"Không ghi được tệp sao lưu {output}: {exc}") from exc
    return manifest


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _extract(archive_path: Path, into: Path) -> dict[str, Any]:
    """Unpack regular files only, under safe names; return the manifest."""
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            for member in archive.getmembers():
                if not member.isfile() or not _safe_name(member.name):
                    raise BackupError(f"Tệp sao lưu chứa mục không hợp lệ: {member.name}")
                source = archive.extractfile(member)
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with source as src, target.open("wb") as dst:  # type: ignore[union-attr]
                    shutil.copyfileobj(src, dst, CHUNK)
        manifest = json.loads((into / MANIFEST).read_text("utf-8"))
    except (OSError, tarfile.TarError, EOFError, ValueError) as exc:
        raise BackupError(f"Tệp sao lưu bị hỏng hoặc không đọc được: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Tệp sao lưu không đúng định dạng (manifest.json lạ).")
    return manifest


def _verify(manifest: dict[str, Any], root: Path) -> None:
    listed = manifest.get("files") or {}
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - {MANIFEST}
    if extra := sorted(present - set(listed)):
        raise BackupError(f"Tệp sao lưu có tệp không ghi trong manifest: {extra[0]}")
    if missing := sorted(set(listed) - present):
        raise BackupError(f"Tệp sao lưu thiếu tệp ghi trong manifest: {missing[0]}")
    for name, entry in sorted(listed.items()):
        path = root / name
        if path.stat().st_size != entry.get("size") or _sha256(path) != entry.get("sha256"):
            raise BackupError(
                f"Mã băm của “{name}” không khớp manifest: tệp sao lưu đã bị sửa hoặc hỏng. "
                "Không khôi phục gì."
            )


def _unknown_migrations(manifest: dict[str, Any]) -> list[str]:
    """Migrations the archive's database has but this code does not (a newer version's backup)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    recorded = manifest.get("migrations") or {}
    return sorted(
        f"{app}.{name}"
        for app, names in recorded.items()
        for name in names
        if (app, name) not in known
    )


def database_has_data(using: str = "default") -> bool:
    """True when the database holds accounts or audit events (data of a running installation)."""
    conn = connections[using]
    tables = set(conn.introspection.table_names())
    for label in DATA_MODELS:
        model = apps.get_model(label)
        if model._meta.db_table in tables and model._default_manager.using(using).exists():
            return True
    return False


def _restore_database(conn: BaseDatabaseWrapper, dump: Path) -> None:
    if conn.vendor == "sqlite":
        conn.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(conn.connection)
        except sqlite3.Error as exc:
            raise BackupError(f"Khôi phục cơ sở dữ liệu SQLite thất bại: {exc}") from exc
        finally:
            source.close()
        return
    args, env = _pg_args(conn)
    command = [_tool("pg_restore"), "--no-owner", "--clean", "--if-exists", "--single-transaction"]
    conn.close()
    _run(
        [*command, "--exit-on-error", *args, f"--dbname={conn.settings_dict['NAME']}", str(dump)],
        env,
        "pg_restore",
    )


def _move_media(staged: Path, media_root: Path) -> int:
    moved = 0
    for path in _media_files(staged):
        target = media_root / path.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        moved += 1
    return moved


def restore_backup(*, archive: Path, force: bool = False, using: str = "default") -> dict[str, Any]:
    """Restore ``archive`` into the database ``using`` and MEDIA_ROOT; return the manifest with
    ``restored_files``. Nothing is written unless every hash matches, the vendor is the same and
    the database is empty (or ``force``)."""
    conn = connections[using]
    vendor = _vendor(conn)
    if conn.in_atomic_block:
        raise BackupError("Không khôi phục được bên trong một giao dịch đang mở.")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    # staged beside MEDIA_ROOT: on the same file system, so the final move is a rename
    with tempfile.TemporaryDirectory(prefix=".thidua-restore-", dir=media_root.parent) as tmp:
        staged = Path(tmp)
        manifest = _extract(archive, staged)
        _verify(manifest, staged)
        if manifest.get("vendor") != vendor:
            raise BackupError(
                f"Tệp sao lưu của cơ sở dữ liệu {manifest.get('vendor')}, máy này dùng {vendor}. "
                "Không hỗ trợ khôi phục sang loại cơ sở dữ liệu khác."
            )
        if unknown := _unknown_migrations(manifest):
            raise BackupError(
                f"Tệp sao lưu được tạo bởi phiên bản {manifest.get('app_version')} có migration "
                f"mà mã này chưa có ({unknown[0]}): hãy cài phiên bản đó hoặc mới hơn rồi khôi phục."
            )
        if not force and database_has_data(using):
            raise BackupError(
                "Cơ sở dữ liệu đích đã có dữ liệu (tài khoản hoặc nhật ký kiểm toán). Hãy khôi "
                "phục vào một cơ sở dữ liệu trống, hoặc dùng --force để ghi đè."
            )
        _restore_database(conn, staged / DB_MEMBER[vendor])
        apps.get_model("contenttypes", "ContentType").objects.clear_cache()
        manifest["restored_files"] = _move_media(staged / MEDIA_PREFIX.rstrip("/"), media_root)
    return manifest
