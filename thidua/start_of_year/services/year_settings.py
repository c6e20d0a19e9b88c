"""The limits of one cluster year (số nội dung giao ước, mô hình, chuyên đề; theo dõi tiến độ)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.start_of_year.models import YearSettings
from thidua.start_of_year.rules import EDIT_SETTINGS

if TYPE_CHECKING:
    from thidua.accounts.models import User


def _check_pairs(pairs: list[tuple[int, int, str]]) -> None:
    for low, high, label in pairs:
        if low < 0 or high < 0 or low > high:
            raise ValidationError(
                _("Số {label} tối thiểu ({low}) phải không lớn hơn số tối đa ({high}).").format(
                    label=label, low=low, high=high
                ),
                code="min_gt_max",
            )


@transaction.atomic
def update_settings(
    *,
    cluster_year: ClusterYear,
    by: User,
    pledge_min_items: int,
    pledge_max_items: int,
    models_min: int,
    models_max: int,
    topics_min: int,
    topics_max: int,
    progress_stale_days: int,
    basis: str = "",
) -> YearSettings:
    """Save the year's limits (creating the row the first time).

    Side effects: writes the ``YearSettings`` row; audit event ``start_of_year.settings.update``.
    """
    check(by, EDIT_SETTINGS.name, cluster_year)
    _check_pairs(
        [
            (pledge_min_items, pledge_max_items, _("nội dung giao ước")),
            (models_min, models_max, _("mô hình")),
            (topics_min, topics_max, _("chuyên đề")),
        ]
    )
    if pledge_min_items < 1:
        raise ValidationError(_("Giao ước cần ít nhất 1 nội dung cam kết."), code="min_items")
    row = YearSettings.objects.select_for_update().filter(cluster_year=cluster_year).first()
    before = snapshot(row, list(YearSettings.EDITABLE_FIELDS)) if row else None
    row = row or YearSettings(cluster_year=cluster_year)
    row.pledge_min_items, row.pledge_max_items = pledge_min_items, pledge_max_items
    row.models_min, row.models_max = models_min, models_max
    row.topics_min, row.topics_max = topics_min, topics_max
    row.progress_stale_days = progress_stale_days
    row.basis = basis.strip()
    row.save()
    record_event(
        action="start_of_year.settings.update",
        obj=cluster_year,
        before=before,
        after=snapshot(row, list(YearSettings.EDITABLE_FIELDS)),
    )
    return row
