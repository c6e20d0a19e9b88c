"""Every kind of official document, printed from the demo as an office would print it: in PDF
and DOCX the signature blocks read as Nghị định 30/2020 writes them (capacity lines, then the
name line — blank when the signer is not known, never a placeholder), and the date is the date
of the document's event or blanks, never the print date."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document

from tests.documents.pdftools import text_of
from thidua.clusters.models import ClusterYear
from thidua.documents.formatting import nd30_date
from thidua.documents.generate import render_kind
from thidua.documents.registry import document_kinds, get_document_kind

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# kind, cluster, year, the signature lines that must follow each other in print
CASES: list[tuple[str, str, int, list[str]]] = [
    ("member-list", "HN-C06", 2023, ["TM. CỤM THI ĐUA SỐ 6", "CỤM TRƯỞNG"]),
    (
        "pledge",
        "HN-C10",
        2020,
        ["TM. ỦY BAN NHÂN DÂN", "HUYỆN SÓC SƠN", "CHỦ TỊCH", "(Đã ký trên giấy ngày 07/02/2020)"],
    ),
    ("registration-summary", "HN-C06", 2023, ["TM. CỤM THI ĐUA SỐ 6", "CỤM TRƯỞNG"]),
    ("score-summary", "HN-C06", 2023, ["TM. CỤM THI ĐUA SỐ 6", "CỤM TRƯỞNG"]),
    ("score-matrix", "HN-C06", 2023, ["TM. CỤM THI ĐUA SỐ 6", "CỤM TRƯỞNG"]),
    ("vote-count-minutes", "HN-C06", 2023, ["TRƯỞNG BAN KIỂM PHIẾU"]),
    ("conference-minutes", "HN-C06", 2023, ["THƯ KÝ"]),
]


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return _flat(" ".join(parts))


def _date_words(day: Any) -> str:
    """ "ngày 07 tháng 02 năm 2020" as it follows the place name."""
    return _flat(nd30_date(day, "X"))[len("X, ") :]


def _expected_date(kind: Any, cy: ClusterYear) -> str:
    day = kind.dated_by(cy) if kind.dated_by else None
    return _date_words(day) if day else "ngày tháng năm"


def test_every_document_of_the_demo_signs_and_dates_as_the_decree_says() -> None:
    call_command("demo", stdout=io.StringIO())
    assert {slug for slug, *_ in CASES} == {kind.slug for kind in document_kinds()}
    today = _date_words(timezone.localdate())
    for slug, code, year, lines in CASES:
        kind = get_document_kind(slug)
        cy = ClusterYear.objects.select_related("cluster__authority", "head").get(
            cluster__code=code, year=year
        )
        pdf = _flat(text_of(render_kind(kind, cluster_year=cy, fmt="pdf").data))
        docx = _docx_text(render_kind(kind, cluster_year=cy, fmt="docx").data)
        for text in (pdf, docx):
            assert " ".join(lines) in text, (slug, text[-600:])
            assert "(không nêu trong bản tin)" not in text, slug  # no placeholder as a name
            assert "TRƯỞNG —" not in text, slug  # the stacked form, not "CỤM TRƯỞNG — SỞ …"
            assert _expected_date(kind, cy) in text, slug
            assert today not in text, slug  # a past event is never dated today
        copy = _flat(text_of(render_kind(kind, cluster_year=cy, fmt="pdf", mode="copy").data))
        assert "(Đã ký)" in copy or "(Đã ký trên giấy" in copy, slug
