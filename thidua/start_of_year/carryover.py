"""Opening the next year may copy this year's pledge text (giao ước: title, preamble and
commitments with their targets) as next year's draft: the entry of ``clusters.carryovers``
registered in ``StartOfYearConfig.ready``. Signatures, numbers and dates are never copied: next
year's pledge is signed again."""

from __future__ import annotations

import re
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.services import record_event, snapshot
from thidua.clusters.carryovers import Carryover
from thidua.clusters.models import ClusterYear
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES, PledgeStatus
from thidua.start_of_year.models import Pledge, PledgeTarget
from thidua.start_of_year.services.common import member_ids
from thidua.start_of_year.services.pledges import PLEDGE_FIELDS, _copy_items

SLUG = "start_of_year.pledge"


def _source_pledge(source: ClusterYear) -> Pledge | None:
    """The version in force or open for signing, else the draft."""
    pledges = Pledge.objects.filter(cluster_year=source)
    return (
        pledges.filter(status__in=CURRENT_PLEDGE_STATUSES).first()
        or pledges.filter(status=PledgeStatus.DRAFT).first()
    )


def _with_year(text: str, old: int, new: int) -> str:
    return re.sub(rf"\b{old}\b", str(new), text)


def describe_pledge(source: ClusterYear, next_year: int) -> str | None:
    pledge = _source_pledge(source)
    if pledge is None:
        return None
    return _(
        "“{title}” (phiên bản {version}, {status}): {items} nội dung cam kết, {targets} chỉ "
        "tiêu — sao chép thành dự thảo giao ước năm {next_year} (không chép chữ ký, số, ngày; "
        "chỉ tiêu riêng của đơn vị không còn là thành viên được bỏ)."
    ).format(
        title=pledge.title,
        version=pledge.version,
        status=pledge.get_status_display().lower(),
        items=pledge.items.count(),
        targets=PledgeTarget.objects.filter(item__pledge=pledge).count(),
        next_year=next_year,
    )


def copy_pledge(*, source: ClusterYear, target: ClusterYear, user: Any) -> str:
    """Inside ``open_next_year``'s transaction (its permission checked): a trusted call.
    Side effects: the draft pledge (version 1) of ``target``, a ``pledge.create`` event."""
    pledge = _source_pledge(source)
    if pledge is None:
        return ""
    old, new = source.year, target.year
    draft = Pledge.objects.create(
        cluster_year=target,
        version=1,
        status=PledgeStatus.DRAFT,
        title=_with_year(pledge.title, old, new),
        preamble=_with_year(pledge.preamble, old, new),
        place=pledge.place,
        created_by=user if getattr(user, "pk", None) else None,
    )
    _copy_items(pledge, draft)
    members = member_ids(target)
    PledgeTarget.objects.filter(item__pledge=draft, organization__isnull=False).exclude(
        organization_id__in=members
    ).delete()
    record_event(
        action="pledge.create",
        obj=draft,
        after={**snapshot(draft, PLEDGE_FIELDS), "copied_from": pledge.pk},
    )
    return f"{draft.title} (#{draft.pk}, từ #{pledge.pk})"


PLEDGE_CARRYOVER = Carryover(
    slug=SLUG,
    order=10,
    label=cast(str, gettext_lazy("Nội dung giao ước thi đua")),
    describe=describe_pledge,
    copy=copy_pledge,
)
