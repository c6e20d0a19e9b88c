"""The pledge (giao ước) of a cluster year: its text, its versions, and opening it for signing.

A version with signatures is never changed: a change to it goes into the next version (a draft),
which replaces it when opened for signing; old versions keep their signatures.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.start_of_year import notices
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES, PledgeStatus
from thidua.start_of_year.models import Pledge, PledgeItem, PledgeTarget
from thidua.start_of_year.rules import (
    CREATE_PLEDGE,
    EDIT_PLEDGE,
    NO_DRAFT,
    NO_PLEDGE,
    OPEN_PLEDGE,
    not_a_member,
)
from thidua.start_of_year.selectors import settings_for
from thidua.start_of_year.services.common import member_ids, require_text

if TYPE_CHECKING:
    from thidua.accounts.models import User

PLEDGE_FIELDS = [
    "version",
    "status",
    "title",
    "preamble",
    "doc_number",
    "place",
    "conference_date",
    "change_note",
]
ITEM_FIELDS = ["number", "title", "text"]
TARGET_FIELDS = ["text", "metric", "value", "unit", "organization_id"]
#: The largest absolute target value accepted in any unit (a sane bound, not a domain rule).
MAX_TARGET_VALUE = Decimal(10) ** 9
PERCENT_UNITS = {"%", "phần trăm"}


def check_target_value(value: Decimal | None, unit: str) -> None:
    """Refuse a target value that cannot be meant: negative, not finite, above 10⁹, or a
    percentage outside 0–100."""
    if value is None:
        return
    value = Decimal(value)
    if not value.is_finite() or value < 0:
        raise ValidationError(_("Giá trị chỉ tiêu phải là một số không âm."), code="bad_value")
    if unit.strip().lower() in PERCENT_UNITS and value > 100:
        raise ValidationError(
            _("Chỉ tiêu tính theo phần trăm phải nằm trong khoảng 0–100 %."), code="bad_percent"
        )
    if value > MAX_TARGET_VALUE:
        raise ValidationError(
            _("Giá trị chỉ tiêu quá lớn (tối đa 1.000.000.000)."), code="bad_value"
        )


def default_pledge_title(cluster_year: ClusterYear) -> str:
    return _("Giao ước thi đua năm {year}").format(year=cluster_year.year)


@transaction.atomic
def create_pledge(
    *,
    cluster_year: ClusterYear,
    by: User,
    title: str = "",
    preamble: str = "",
    doc_number: str = "",
    place: str = "",
    conference_date: dt.date | None = None,
) -> Pledge:
    """Start the year's pledge as a draft (version 1).

    Side effects: creates the ``Pledge``; audit event ``pledge.create``.
    """
    check(by, CREATE_PLEDGE.name, cluster_year)
    pledge = Pledge.objects.create(
        cluster_year=cluster_year,
        version=1,
        status=PledgeStatus.DRAFT,
        title=title.strip() or default_pledge_title(cluster_year),
        preamble=preamble.strip(),
        doc_number=doc_number.strip(),
        place=place.strip(),
        conference_date=conference_date,
        created_by=by if by.pk else None,
    )
    record_event(action="pledge.create", obj=pledge, after=snapshot(pledge, PLEDGE_FIELDS))
    return pledge


def _copy_items(current: Pledge, new: Pledge) -> dict[int, int]:
    """Copy the commitments and targets of ``current`` into ``new``; old → new target ids."""
    mapping: dict[int, int] = {}
    for item in current.items.prefetch_related("targets").order_by("number"):
        copy = PledgeItem.objects.create(
            pledge=new, number=item.number, title=item.title, text=item.text
        )
        for target in item.targets.all():
            mapping[target.pk] = PledgeTarget.objects.create(
                item=copy,
                text=target.text,
                metric=target.metric,
                value=target.value,
                unit=target.unit,
                organization_id=target.organization_id,
            ).pk
    return mapping


def _new_version(current: Pledge, by: User, change_note: str) -> tuple[Pledge, dict[int, int]]:
    """Copy a signed version into the next draft version; returns it and old→new target ids."""
    latest = Pledge.objects.filter(cluster_year_id=current.cluster_year_id).aggregate(
        Max("version")
    )["version__max"]
    new = Pledge.objects.create(
        cluster_year_id=current.cluster_year_id,
        version=(latest or 0) + 1,
        status=PledgeStatus.DRAFT,
        title=current.title,
        preamble=current.preamble,
        doc_number=current.doc_number,
        place=current.place,
        conference_date=current.conference_date,
        change_note=change_note.strip(),
        created_by=by if by.pk else None,
    )
    mapping = _copy_items(current, new)
    record_event(
        action="pledge.version.create",
        obj=new,
        before={"version": current.version, "pledge_id": current.pk},
        after=snapshot(new, PLEDGE_FIELDS),
        note=change_note,
    )
    return new, mapping


def _pledge_for_change(
    cluster_year: ClusterYear, by: User, change_note: str = ""
) -> tuple[Pledge, dict[int, int]]:
    """The version a change goes into: the draft; else the current version while nobody has
    signed it; else a new draft version (a signed text is never changed). The caller has
    checked ``edit_pledge``."""
    working = (
        Pledge.objects.select_for_update()
        .filter(cluster_year=cluster_year, status=PledgeStatus.DRAFT)
        .first()
    ) or (
        Pledge.objects.select_for_update()
        .filter(cluster_year=cluster_year, status__in=CURRENT_PLEDGE_STATUSES)
        .first()
    )
    if working is None:  # only superseded versions: cannot happen, a newer one replaced them
        raise PermissionDenied(str(NO_PLEDGE))
    if working.status == PledgeStatus.DRAFT or not working.signatures.exists():
        return working, {}
    return _new_version(working, by, change_note)


@transaction.atomic
def update_pledge_header(
    *,
    cluster_year: ClusterYear,
    by: User,
    title: str,
    preamble: str = "",
    doc_number: str = "",
    place: str = "",
    conference_date: dt.date | None = None,
    change_note: str = "",
) -> Pledge:
    """Change the title, preamble, number, place and date of the working version.

    Side effects: may create the next version (``pledge.version.create``); writes the pledge;
    audit event ``pledge.update``.
    """
    check(by, EDIT_PLEDGE.name, cluster_year)
    title = require_text(title, _("Hãy nhập tiêu đề giao ước."))
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    before = snapshot(pledge, PLEDGE_FIELDS)
    pledge.title, pledge.preamble = title, preamble.strip()
    pledge.doc_number, pledge.place = doc_number.strip(), place.strip()
    pledge.conference_date = conference_date
    if change_note.strip():
        pledge.change_note = change_note.strip()
    pledge.save()
    record_event(
        action="pledge.update", obj=pledge, before=before, after=snapshot(pledge, PLEDGE_FIELDS)
    )
    return pledge


def _check_room_for_an_item(cluster_year: ClusterYear, count: int) -> None:
    limits = settings_for(cluster_year)
    if count >= limits.pledge_max_items:
        raise ValidationError(
            _(
                "Giao ước của {cluster} năm {year} có tối đa {max} nội dung cam kết; "
                "đã có {count}, không thêm được."
            ).format(
                cluster=cluster_year.cluster.name,
                year=cluster_year.year,
                max=limits.pledge_max_items,
                count=count,
            ),
            code="too_many_items",
        )


@transaction.atomic
def add_pledge_item(
    *, cluster_year: ClusterYear, by: User, text: str, title: str = "", change_note: str = ""
) -> PledgeItem:
    """Add a commitment at the end, within the year's maximum.

    Side effects: may create the next version; creates the ``PledgeItem``; audit event
    ``pledge.item.add``.
    """
    check(by, EDIT_PLEDGE.name, cluster_year)
    text = require_text(text, _("Hãy nhập nội dung cam kết."))
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    count = pledge.items.count()
    _check_room_for_an_item(cluster_year, count)
    item = PledgeItem.objects.create(
        pledge=pledge, number=count + 1, title=title.strip(), text=text
    )
    record_event(action="pledge.item.add", obj=pledge, after=snapshot(item, ITEM_FIELDS))
    return item


def _item(pledge: Pledge, number: int) -> PledgeItem:
    item = pledge.items.filter(number=number).first()
    if item is None:
        raise ValidationError(
            _("Giao ước không có nội dung cam kết số {number}.").format(number=number),
            code="no_item",
        )
    return item


@transaction.atomic
def update_pledge_item(
    *,
    cluster_year: ClusterYear,
    by: User,
    number: int,
    text: str,
    title: str = "",
    change_note: str = "",
) -> PledgeItem:
    """Change one commitment's title and text.

    Side effects: may create the next version; writes the ``PledgeItem``; audit event
    ``pledge.item.update``.
    """
    check(by, EDIT_PLEDGE.name, cluster_year)
    text = require_text(text, _("Hãy nhập nội dung cam kết."))
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    item = _item(pledge, number)
    before = snapshot(item, ITEM_FIELDS)
    item.title, item.text = title.strip(), text
    item.save(update_fields=["title", "text", "updated"])
    record_event(
        action="pledge.item.update", obj=pledge, before=before, after=snapshot(item, ITEM_FIELDS)
    )
    return item


@transaction.atomic
def remove_pledge_item(
    *, cluster_year: ClusterYear, by: User, number: int, change_note: str = ""
) -> Pledge:
    """Remove a commitment; the following ones move up a number.

    Side effects: may create the next version; deletes the item (and its targets), renumbers;
    audit event ``pledge.item.remove``.
    """
    check(by, EDIT_PLEDGE.name, cluster_year)
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    item = _item(pledge, number)
    before = snapshot(item, ITEM_FIELDS)
    item.delete()
    for later in pledge.items.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number", "updated"])
    record_event(action="pledge.item.remove", obj=pledge, before=before)
    return pledge


def _check_member(cluster_year: ClusterYear, organization: Organization) -> None:
    if organization.pk not in member_ids(cluster_year):
        raise ValidationError(not_a_member(organization, cluster_year), code="not_a_member")


@transaction.atomic
def add_pledge_target(
    *,
    cluster_year: ClusterYear,
    by: User,
    item_number: int,
    text: str,
    metric: str = "",
    value: Decimal | None = None,
    unit: str = "",
    organization: Organization | None = None,
    change_note: str = "",
) -> PledgeTarget:
    """Add a measurable target to a commitment, for every member or for one member unit.

    Side effects: may create the next version; creates the ``PledgeTarget``; audit event
    ``pledge.target.add``.
    """
    check(by, EDIT_PLEDGE.name, cluster_year)
    text = require_text(text, _("Hãy nhập nội dung chỉ tiêu."))
    check_target_value(value, unit)
    if organization is not None:
        _check_member(cluster_year, organization)
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    item = _item(pledge, item_number)
    target = PledgeTarget.objects.create(
        item=item,
        text=text,
        metric=metric.strip(),
        value=value,
        unit=unit.strip(),
        organization=organization,
    )
    record_event(
        action="pledge.target.add",
        obj=pledge,
        after={"item": item.number, **snapshot(target, ["text", "metric", "value", "unit"])},
    )
    return target


@transaction.atomic
def remove_pledge_target(
    *, cluster_year: ClusterYear, by: User, target_id: int, change_note: str = ""
) -> Pledge:
    """Remove a target (of a signed version: from its new version only).

    Side effects: may create the next version; deletes the target; audit event
    ``pledge.target.remove``.
    """
    check(by, EDIT_PLEDGE.name, cluster_year)
    pledge, mapping = _pledge_for_change(cluster_year, by, change_note)
    target = PledgeTarget.objects.filter(
        pk=mapping.get(target_id, target_id), item__pledge=pledge
    ).first()
    if target is None:
        raise ValidationError(_("Chỉ tiêu không thuộc bản giao ước đang soạn."), code="no_target")
    before = snapshot(target, TARGET_FIELDS)
    target.delete()
    record_event(action="pledge.target.remove", obj=pledge, before=before)
    return pledge


def _check_item_count(cluster_year: ClusterYear, draft: Pledge) -> None:
    limits = settings_for(cluster_year)
    count = draft.items.count()
    if not limits.pledge_min_items <= count <= limits.pledge_max_items:
        raise ValidationError(
            _(
                "Giao ước cần từ {min} đến {max} nội dung cam kết (theo cài đặt của {cluster} năm "
                "{year}); dự thảo đang có {count}."
            ).format(
                min=limits.pledge_min_items,
                max=limits.pledge_max_items,
                cluster=cluster_year.cluster.name,
                year=cluster_year.year,
                count=count,
            ),
            code="item_count",
        )


def _supersede(cluster_year: ClusterYear, draft: Pledge, now: dt.datetime) -> None:
    previous = (
        Pledge.objects.select_for_update()
        .filter(cluster_year=cluster_year, status__in=CURRENT_PLEDGE_STATUSES)
        .first()
    )
    if previous is None:
        return
    before = snapshot(previous, ["status"])
    previous.status, previous.superseded_at = PledgeStatus.SUPERSEDED, now
    previous.save(update_fields=["status", "superseded_at", "updated"])
    record_event(
        action="pledge.supersede",
        obj=previous,
        before=before,
        after={"status": previous.status, "replaced_by_version": draft.version},
    )


@transaction.atomic
def open_pledge(*, cluster_year: ClusterYear, by: User, at: dt.datetime | None = None) -> Pledge:
    """Open the draft for signing; it replaces the previous version (kept with its signatures).

    ``at`` is only for loading past years (demo data); the pages never pass it.

    Side effects: the previous version becomes superseded (``pledge.supersede``); the draft is
    opened (``pledge.open``).
    """
    check(by, OPEN_PLEDGE.name, cluster_year)
    draft = (
        Pledge.objects.select_for_update()
        .filter(cluster_year=cluster_year, status=PledgeStatus.DRAFT)
        .first()
    )
    if draft is None:  # opened by someone else since the check
        raise PermissionDenied(str(NO_DRAFT))
    _check_item_count(cluster_year, draft)
    now = at or timezone.now()
    _supersede(cluster_year, draft, now)
    before = snapshot(draft, ["status"])
    draft.status, draft.opened_at = PledgeStatus.OPEN, now
    draft.save(update_fields=["status", "opened_at", "updated"])
    record_event(action="pledge.open", obj=draft, before=before, after={"status": draft.status})
    if at is None:  # a pledge opened today (not a past year's record) waits for the leaders
        notices.pledge_awaiting_signature(draft)
    return draft
