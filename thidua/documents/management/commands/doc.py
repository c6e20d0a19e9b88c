"""``thidua doc <kind> --cluster CODE --year YEAR --format pdf|docx -o FILE`` and ``thidua doc --list``.

Run by the server's operator: no user scope (a kind's ``permission`` is asked of web users).
Each file written is recorded in the history of generated documents and in the audit trail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.documents.enums import Channel, DocumentFormat
from thidua.documents.fonts import document_font
from thidua.documents.generate import render_kind
from thidua.documents.registry import (
    DocumentKind,
    DocumentUnavailable,
    document_kinds,
    get_document_kind,
)
from thidua.documents.selectors import cluster_year_for_command, years_of_cluster
from thidua.documents.services import record_generated_document
from thidua.documents.signatures import SigningMode


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = "Tạo văn bản theo Nghị định 30/2020 (PDF hoặc DOCX) cho một năm của cụm, khối thi đua."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", nargs="?", help="loại văn bản, ví dụ member-list")
        parser.add_argument("--list", action="store_true", help="liệt kê các loại văn bản")
        parser.add_argument("--font", action="store_true", help="phông chữ dùng cho PDF")
        parser.add_argument("--cluster", help="mã cụm, khối, ví dụ HN-C06")
        parser.add_argument("--year", type=int, help="năm, ví dụ 2024")
        parser.add_argument(
            "--format", dest="fmt", help="pdf hoặc docx (mặc định theo đuôi tệp, nếu không: pdf)"
        )
        parser.add_argument(
            "--copy", action="store_true", help="bản sao: ghi “(Đã ký)” thay chỗ ký"
        )
        parser.add_argument("-o", "--output", help="tệp kết quả (mặc định: tên văn bản.đuôi)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["font"]:
            self.stdout.write(document_font().description)
            return
        if options["list"]:
            for each in document_kinds():
                self.stdout.write(f"{each.slug}\t{each.title}")
            return
        kind = _kind(options["kind"])
        output = Path(options["output"]) if options["output"] else None
        fmt = _format(options["fmt"], output)
        cluster_year = _cluster_year(options["cluster"], options["year"])
        mode = SigningMode.COPY if options["copy"] else SigningMode.ORIGINAL
        try:
            generated = render_kind(kind, cluster_year=cluster_year, fmt=fmt, mode=mode)
        except DocumentUnavailable as exc:
            raise CommandError(str(exc)) from exc
        target = output or Path(generated.filename)
        try:
            target.write_bytes(generated.data)
        except OSError as exc:
            raise CommandError(
                _("Không ghi được tệp {path}: {error}").format(path=target, error=exc.strerror)
            ) from exc
        record_generated_document(
            kind=kind,
            cluster_year=cluster_year,
            fmt=fmt,
            filename=target.name,
            data=generated.data,
            channel=Channel.CLI,
            mode=mode,
        )
        self.stdout.write(
            _("Đã ghi {path} ({size} byte).").format(path=target, size=len(generated.data))
        )


def _kind(slug: str | None) -> DocumentKind:
    if not slug:
        raise CommandError(_("Hãy cho biết loại văn bản (xem: thidua doc --list)."))
    kind = get_document_kind(slug)
    if kind is None:
        raise CommandError(
            _("Không có loại văn bản “{slug}”. Các loại có: {kinds}.").format(
                slug=slug, kinds=", ".join(k.slug for k in document_kinds())
            )
        )
    return kind


def _format(fmt: str | None, output: Path | None) -> str:
    """``--format``, else the output file's extension, else pdf."""
    chosen = (fmt or (output.suffix.lstrip(".") if output else "") or "pdf").lower()
    if chosen not in DocumentFormat.values:
        raise CommandError(
            _("Định dạng “{fmt}” không hỗ trợ: chọn pdf hoặc docx.").format(fmt=chosen)
        )
    return chosen


def _cluster_year(code: str | None, year: int | None) -> ClusterYear:
    if not code or not year:
        raise CommandError(_("Hãy cho biết --cluster (mã cụm, khối) và --year (năm)."))
    cluster_year = cluster_year_for_command(code, year)
    if cluster_year is None:
        years = years_of_cluster(code)
        if not years:
            raise CommandError(_("Không có cụm, khối mã “{code}”.").format(code=code))
        raise CommandError(
            _("Cụm, khối “{code}” không có năm {year} (các năm có: {years}).").format(
                code=code, year=year, years=", ".join(str(y) for y in years)
            )
        )
    return cluster_year
