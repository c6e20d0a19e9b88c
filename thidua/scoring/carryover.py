"""Opening the next year may copy this year's criteria set (bộ tiêu chí) as next year's draft:
the entry of ``clusters.carryovers`` registered in ``ScoringConfig.ready``."""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.clusters.carryovers import Carryover
from thidua.clusters.models import ClusterYear
from thidua.scoring import selectors
from thidua.scoring.models import CriteriaSet
from thidua.scoring.services.criteria import copy_last_year

SLUG = "scoring.criteria_set"


def _source_set(source: ClusterYear, next_year: int) -> CriteriaSet | None:
    """The set ``copy_last_year`` copies into the year ``next_year``: the latest year's up to
    ``source`` (its adopted version, else its latest)."""
    return selectors.previous_year_set(ClusterYear(cluster_id=source.cluster_id, year=next_year))


def describe_criteria_set(source: ClusterYear, next_year: int) -> str | None:
    criteria_set = _source_set(source, next_year)
    if criteria_set is None:
        return None
    return _(
        "“{name}” (năm {year}, phiên bản {version}, {status}): {groups} nhóm, {criteria} tiêu "
        "chí, thang điểm {max_total} — sao chép thành dự thảo bộ tiêu chí năm {next_year}."
    ).format(
        name=criteria_set.name,
        year=criteria_set.cluster_year.year,
        version=criteria_set.version,
        status=criteria_set.get_status_display().lower(),
        groups=criteria_set.groups.count(),
        criteria=criteria_set.criteria.count(),
        max_total=f"{criteria_set.max_total:g}",
        next_year=next_year,
    )


def copy_criteria_set(*, source: ClusterYear, target: ClusterYear, user: Any) -> str:
    """Inside ``open_next_year``'s transaction (its permission checked): a trusted call."""
    copied = copy_last_year(cluster_year=target, user=None)
    return f"{copied.name} (#{copied.pk}, từ #{copied.copied_from_id})"


CRITERIA_SET_CARRYOVER = Carryover(
    slug=SLUG,
    order=20,
    label=cast(str, gettext_lazy("Bộ tiêu chí chấm điểm")),
    describe=describe_criteria_set,
    copy=copy_criteria_set,
)
