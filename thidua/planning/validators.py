"""Validation rules shared by services, forms and the API (one place, one message)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from thidua.core.uploads import validate_upload


def validate_period(starts_on: dt.date, ends_on: dt.date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(
            _(
                "Ngày kết thúc ({end:%d/%m/%Y}) phải sau hoặc bằng ngày bắt đầu ({start:%d/%m/%Y})."
            ).format(start=starts_on, end=ends_on),
            code="dates_out_of_order",
        )


def validate_period_in_year(starts_on: dt.date, ends_on: dt.date, year: int) -> None:
    validate_period(starts_on, ends_on)
    if starts_on.year != year or ends_on.year != year:
        raise ValidationError(
            _(
                "Thời gian của đợt thi đua ({start:%d/%m/%Y} – {end:%d/%m/%Y}) phải nằm trong năm {year}."
            ).format(start=starts_on, end=ends_on, year=year),
            code="outside_year",
        )


def validate_required_text(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Cần nhập {label}.").format(label=label), code="required")
    return value


def validate_files(files: Iterable[UploadedFile], *, allowed: Iterable[str]) -> list[UploadedFile]:
    """Every file checked (type by extension and content, size) before anything is written."""
    checked = []
    allowed = tuple(allowed)
    for upload in files:
        validate_upload(upload, allowed=allowed, max_mb=settings.THIDUA_MAX_UPLOAD_MB)
        checked.append(upload)
    return checked
