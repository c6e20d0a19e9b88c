"""thidua doc <kind> --cluster CODE --year YEAR --format pdf|docx -o FILE, and --list."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from tests.conftest import World
from tests.documents.pdftools import text_of
from thidua.audit.models import AuditEvent
from thidua.documents.models import GeneratedDocument

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("doc", *args, stdout=out)
    return out.getvalue()


def test_writes_a_pdf_of_the_member_list(world: World, tmp_path: Path) -> None:
    target = tmp_path / "ds.pdf"

    output = run("member-list", "--cluster", "HN-C06", "--year", "2023", "-o", str(target))

    data = target.read_bytes()
    assert output == f"Đã ghi {target} ({len(data)} byte).\n"
    assert data.startswith(b"%PDF-")
    assert "Sở Nội vụ" in text_of(data)
    record = GeneratedDocument.objects.get()
    assert (record.channel, record.format, record.generated_by) == ("cli", "pdf", None)
    assert AuditEvent.objects.filter(action="documents.generated").count() == 1


def test_a_copy_from_the_command_line_is_recorded_as_a_copy(world: World, tmp_path: Path) -> None:
    target = tmp_path / "ban-sao.pdf"

    run("member-list", "--cluster", "HN-C06", "--year", "2023", "--copy", "-o", str(target))

    assert GeneratedDocument.objects.get().mode == "copy"


def test_writes_a_docx_with_the_format_option(world: World, tmp_path: Path) -> None:
    target = tmp_path / "danh-sach"

    run(
        "member-list",
        "--cluster",
        "HN-C06",
        "--year",
        "2023",
        "--format",
        "docx",
        "-o",
        str(target),
    )

    document = Document(str(target))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Sở Ngoại vụ" in cells


def test_the_format_follows_the_file_extension(world: World, tmp_path: Path) -> None:
    target = tmp_path / "ds.docx"

    run("member-list", "--cluster", "HN-C06", "--year", "2023", "-o", str(target))

    assert target.read_bytes()[:2] == b"PK"


def test_lists_the_kinds(world: World) -> None:
    output = run("--list")

    assert "member-list\tDanh sách đơn vị thành viên" in output.splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["no-such", "--cluster", "HN-C06", "--year", "2023"],
            "Không có loại văn bản “no-such”. Các loại có: ",
        ),
        (["member-list", "--cluster", "XX-99", "--year", "2023"], "Không có cụm, khối mã “XX-99”."),
        (
            ["member-list", "--cluster", "HN-C06", "--year", "2019"],
            "Cụm, khối “HN-C06” không có năm 2019 (các năm có: 2023).",
        ),
        (
            ["member-list", "--cluster", "HN-C06", "--year", "2023", "--format", "odt"],
            "Định dạng “odt” không hỗ trợ: chọn pdf hoặc docx.",
        ),
        (["member-list"], "Hãy cho biết --cluster (mã cụm, khối) và --year (năm)."),
        ([], "Hãy cho biết loại văn bản (xem: thidua doc --list)."),
    ],
)
def test_bad_arguments_are_explained_in_vietnamese(
    world: World, tmp_path: Path, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as error:
        run(*args, "-o", str(tmp_path / "x.pdf"))

    assert str(error.value).startswith(message)
    assert GeneratedDocument.objects.count() == 0
    assert not (tmp_path / "x.pdf").exists()


def test_an_unwritable_file_is_an_error_and_nothing_is_recorded(
    world: World, tmp_path: Path
) -> None:
    target = tmp_path / "missing-folder" / "ds.pdf"

    with pytest.raises(CommandError) as error:
        run("member-list", "--cluster", "HN-C06", "--year", "2023", "-o", str(target))

    assert str(error.value).startswith(f"Không ghi được tệp {target}: ")
    assert GeneratedDocument.objects.count() == 0


def test_the_command_says_which_font_pdfs_use(capsys: Any) -> None:
    call_command("doc", "--font")
    assert "Liberation Serif" in capsys.readouterr().out  # tests pin the shipped font
