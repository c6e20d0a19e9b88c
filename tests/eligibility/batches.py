"""Batch files and submitted batches for the batch tests."""

from __future__ import annotations

import io
from typing import Any

from tests.eligibility.data import D
from thidua.eligibility.models import CheckBatch
from thidua.eligibility.services import submit_batch

HEADER = "Mã đối tượng*,Mã danh hiệu/hình thức*,Năm thành tích*,Ngày nhận hồ sơ,Sáng kiến,Điểm/khoản đề nghị"


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def xlsx_file(*rows: list[Any], header: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or HEADER.split(","))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def submit(user: Any, data: bytes, capture: Any, name: str = "dot-1.csv") -> CheckBatch | None:
    """Submit and run the task (immediate backend) once the transaction commits."""
    with capture(execute=True):
        submission = submit_batch(data=data, filename=name, received_on=D(2026, 1, 15), user=user)
    if submission.batch is not None:
        submission.batch.refresh_from_db()
    return submission.batch
