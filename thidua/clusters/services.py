"""Writes for clusters and their years. Memberships and heads are per year and never overwritten.

Each service that a person triggers takes ``user`` and first checks the action's permission
(``rules.py``), refusing with ``PermissionDenied``. ``user=None`` is a trusted caller that has
checked its own permission already: the command line, the demo, or the import (one
``clusters.import_units`` action, checked once, limited to the importer's authority).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.carryovers import CARRYOVERS, Carryover
from thidua.clusters.enums import ClusterKind, HeadsStatus
from thidua.clusters.known_memberships import KnownMemberships, is_member, other_membership
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.core.permissions import check
from thidua.core.registry import page_order
from thidua.organizations.models import Authority, Organization
from thidua.organizations.validators import validate_code

if TYPE_CHECKING:
    from thidua.accounts.models import User

YEAR_FIELDS = ["cluster_id", "year", "theme", "head_id", "deputy_id", "head_decision_ref"]
MIN_YEAR, MAX_YEAR = 1990, 2100


def validate_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(_("Năm {year} không hợp lệ.").format(year=year), code="invalid_year")


@transaction.atomic
def create_cluster(
    *,
    authority: Authority,
    kind: str,
    code: str,
    name: str,
    user: User | None,
    number: int | None = None,
    description: str = "",
) -> Cluster:
    """Create a cụm or khối of ``authority``. Side effects: the row, a ``cluster.create`` event."""
    if user is not None:
        check(user, "clusters.create_cluster", authority)
    validate_code(code)
    if kind not in ClusterKind.values:
        raise ValidationError(_("Loại cụm/khối không hợp lệ: {kind}.").format(kind=kind))
    if Cluster.objects.filter(code=code).exists():
        raise ValidationError(
            _("Mã cụm, khối “{code}” đã tồn tại.").format(code=code), code="duplicate_code"
        )
    cluster = Cluster.objects.create(
        authority=authority,
        kind=kind,
        code=code,
        name=name.strip(),
        number=number,
        description=description,
    )
    record_event(
        action="cluster.create",
        obj=cluster,
        after=snapshot(cluster, ["code", "name", "kind", "authority_id", "number"]),
    )
    return cluster


def check_can_join(
    *, cluster_year: ClusterYear, organization: Organization, known: KnownMemberships | None = None
) -> None:
    """A unit joins a cluster year only if it is active that year and in no other cluster of the
    same kind and authority that year (looked up in ``known`` when given)."""
    year = cluster_year.year  # active in the year: ``Organization.is_active_in_year``
    if organization.valid_to is not None and organization.valid_to.year < year:
        raise ValidationError(
            _("{unit} đã giải thể ngày {day:%d/%m/%Y}, không thể là thành viên năm {year}.").format(
                unit=organization.name, day=organization.valid_to, year=year
            ),
            code="dissolved",
        )
    if organization.valid_from is not None and organization.valid_from.year > year:
        raise ValidationError(
            _("{unit} bắt đầu hoạt động năm {start}, không thể là thành viên năm {year}.").format(
                unit=organization.name, start=organization.valid_from.year, year=year
            ),
            code="not_yet_active",
        )
    clash = other_membership(cluster_year, organization, known)
    if clash is not None:
        raise ValidationError(
            _(
                "{unit} đã là thành viên của {other} năm {year}: một đơn vị chỉ thuộc một {kind} "
                "của cùng cơ quan trong một năm."
            ).format(
                unit=organization.name,
                other=clash.cluster_year.cluster.name,
                year=year,
                kind=cluster_year.cluster.get_kind_display().lower(),
            ),
            code="two_clusters",
        )


def build_membership(
    *,
    cluster_year: ClusterYear,
    organization: Organization,
    note: str = "",
    known: KnownMemberships | None = None,
) -> ClusterMembership:
    """A new membership checked by ``add_member``'s rules (``check_can_join``, not yet a
    member), not saved. ``add_member`` and ``new_memberships.NewMemberships`` both start here."""
    check_can_join(cluster_year=cluster_year, organization=organization, known=known)
    if is_member(cluster_year, organization, known):
        raise ValidationError(
            _("{unit} đã là thành viên của {cluster} năm {year}.").format(
                unit=organization.name, cluster=cluster_year.cluster.name, year=cluster_year.year
            ),
            code="already_member",
        )
    return ClusterMembership(
        cluster_year=cluster_year,
        organization=organization,
        year=cluster_year.year,
        authority_id=cluster_year.cluster.authority_id,
        kind=cluster_year.cluster.kind,
        note=note,
    )


def record_member_added(membership: ClusterMembership) -> None:
    organization = membership.organization
    record_event(
        action="cluster_year.member.add",
        obj=membership.cluster_year,
        after={"organization_id": organization.pk, "organization": organization.name},
    )


@transaction.atomic
def add_member(
    *,
    cluster_year: ClusterYear,
    organization: Organization,
    user: User | None,
    note: str = "",
    known: KnownMemberships | None = None,
) -> ClusterMembership:
    """Add a member unit. Side effects: the membership, a ``cluster_year.member.add`` event.

    ``known``: the memberships already read by a caller adding many members in one transaction,
    checked instead of the database and updated here. (Many members at once:
    ``new_memberships.NewMemberships``.)"""
    if user is not None:
        check(user, "clusters.change_members", cluster_year)
    membership = build_membership(
        cluster_year=cluster_year, organization=organization, note=note, known=known
    )
    # No savepoint of its own (one statement less each way): the error leaves this function at
    # once, and its own atomic block rolls the failed insert back.
    try:
        membership.save(force_insert=True)
    except IntegrityError as exc:  # a concurrent insert won the race; same message as the check
        raise ValidationError(
            _("{unit} đã thuộc một cụm/khối khác cùng loại trong năm {year}.").format(
                unit=organization.name, year=cluster_year.year
            )
        ) from exc
    record_member_added(membership)
    if known is not None:
        known.add(membership)
    return membership


@transaction.atomic
def remove_member(
    *, cluster_year: ClusterYear, organization: Organization, reason: str, user: User | None
) -> None:
    """Take a unit out, with a reason. Side effects: the membership deleted, an audit event."""
    if user is not None:
        check(user, "clusters.change_members", cluster_year)
    if not reason.strip():
        raise ValidationError(
            _("Cần ghi lý do khi đưa đơn vị ra khỏi {noun}.").format(noun=cluster_year.noun)
        )
    if organization.pk in (cluster_year.head_id, cluster_year.deputy_id):
        raise ValidationError(
            _("Không thể đưa đơn vị trưởng hoặc phó ra khỏi cụm, khối; hãy đổi trưởng/phó trước.")
        )
    deleted, _detail = cluster_year.memberships.filter(organization=organization).delete()
    if not deleted:
        raise ValidationError(_("{unit} không phải thành viên.").format(unit=organization.name))
    record_event(
        action="cluster_year.member.remove",
        obj=cluster_year,
        before={"organization_id": organization.pk, "organization": organization.name},
        note=reason,
    )


def _check_heads(
    cluster_year: ClusterYear, head: Organization | None, deputy: Organization | None
) -> None:
    member_ids = set(cluster_year.memberships.values_list("organization_id", flat=True))
    for unit, label in ((head, cluster_year.head_label), (deputy, cluster_year.deputy_label)):
        if unit is not None and unit.pk not in member_ids:
            raise ValidationError(
                _(
                    "{label} phải là thành viên của {cluster} năm {year}; {unit} không phải thành viên."
                ).format(
                    label=label,
                    cluster=cluster_year.cluster.name,
                    year=cluster_year.year,
                    unit=unit.name,
                ),
                code="head_not_member",
            )
    if head is not None and deputy is not None and head.pk == deputy.pk:
        raise ValidationError(
            _("{head} và {deputy} phải là hai đơn vị khác nhau.").format(
                head=cluster_year.head_label, deputy=cluster_year.deputy_label
            ),
            code="head_is_deputy",
        )


@transaction.atomic
def set_heads(
    *,
    cluster_year: ClusterYear,
    head: Organization | None,
    deputy: Organization | None,
    user: User | None,
    decision_ref: str = "",
    decision_date: dt.date | None = None,
) -> ClusterYear:
    """Record the head and deputy units (members), with the decision or minutes (number, date)
    when given. Side effects: the year saved, an audit event."""
    if user is not None:
        check(user, "clusters.change_heads", cluster_year)
    _check_heads(cluster_year, head, deputy)
    before = snapshot(cluster_year, YEAR_FIELDS)
    cluster_year.head = head
    cluster_year.deputy = deputy
    cluster_year.heads_status = (
        HeadsStatus.CHOSEN if head is not None or deputy is not None else HeadsStatus.NOT_CHOSEN_YET
    )
    if decision_ref:
        cluster_year.head_decision_ref = decision_ref
    if decision_date is not None:
        cluster_year.head_decision_date = decision_date
    cluster_year.save(
        update_fields=[
            "head",
            "deputy",
            "heads_status",
            "head_decision_ref",
            "head_decision_date",
            "updated",
        ]
    )
    record_event(
        action="cluster_year.heads.set",
        obj=cluster_year,
        before=before,
        after=snapshot(cluster_year, YEAR_FIELDS),
    )
    return cluster_year


@transaction.atomic
def create_cluster_year(
    *,
    cluster: Cluster,
    year: int,
    user: User | None,
    members: Iterable[Organization] = (),
    head: Organization | None = None,
    deputy: Organization | None = None,
    theme: str = "",
    decision_ref: str = "",
    decision_date: dt.date | None = None,
) -> ClusterYear:
    """Open a year of a cluster with its members, head and deputy — all or nothing.

    Side effects: the year, its memberships and heads, one audit event for each.
    """
    if user is not None:
        check(user, "clusters.create_cluster", cluster.authority)
    validate_year(year)
    if ClusterYear.objects.filter(cluster=cluster, year=year).exists():
        raise ValidationError(
            _("{cluster} đã có dữ liệu năm {year}.").format(cluster=cluster.name, year=year),
            code="duplicate_year",
        )
    cluster_year = ClusterYear.objects.create(cluster=cluster, year=year, theme=theme)
    record_event(
        action="cluster_year.create", obj=cluster_year, after=snapshot(cluster_year, YEAR_FIELDS)
    )
    for organization in members:
        add_member(cluster_year=cluster_year, organization=organization, user=user)
    if head is not None or deputy is not None:
        set_heads(
            cluster_year=cluster_year,
            head=head,
            deputy=deputy,
            decision_ref=decision_ref,
            decision_date=decision_date,
            user=user,
        )
    return cluster_year


@transaction.atomic
def create_cluster_with_year(
    *, user: User | None, year: int, theme: str = "", **cluster: Any
) -> ClusterYear:
    """A new cụm or khối with its first year ("Tạo cụm, khối", the API): all or nothing. The
    members, head and deputy are added on the year's page. Side effects: both services'."""
    created = create_cluster(user=user, **cluster)
    return create_cluster_year(cluster=created, year=year, theme=theme, user=user)


@transaction.atomic
def update_theme(*, cluster_year: ClusterYear, theme: str, user: User | None) -> ClusterYear:
    """Set the year's theme (chủ đề năm). Side effects: the year saved, an audit event."""
    if user is not None:
        check(user, "clusters.manage_clusteryear", cluster_year)
    before = snapshot(cluster_year, ["theme"])
    cluster_year.theme = theme.strip()
    cluster_year.save(update_fields=["theme", "updated"])
    record_event(
        action="cluster_year.theme.set",
        obj=cluster_year,
        before=before,
        after=snapshot(cluster_year, ["theme"]),
    )
    return cluster_year


@transaction.atomic
def open_next_year(
    *,
    cluster_year: ClusterYear,
    user: User | None,
    members: Iterable[Organization],
    head: Organization | None = None,
    deputy: Organization | None = None,
    carryovers: Iterable[str] = (),
    decision_ref: str = "",
    decision_date: dt.date | None = None,
) -> ClusterYear:
    """Open ``cluster_year.year + 1`` ("Mở năm tiếp theo") with the chosen members, the head and
    deputy when known (the election's result, or a decision), and the copies the apps above
    offer (``carryovers``: slugs of ``clusters.carryovers``) — all or nothing.

    Side effects: those of ``create_cluster_year``; each carry-over's copy; one
    ``cluster_year.open_next_year`` event naming the source year, the members and the copies.
    """
    if user is not None:
        check(user, "clusters.open_next_year", cluster_year)
    chosen = list({unit.pk: unit for unit in members}.values())
    if not chosen:
        raise ValidationError(
            _("Cần chọn ít nhất một đơn vị thành viên cho năm mới."), code="no_members"
        )
    entries = _carryover_entries(carryovers)
    new_year = create_cluster_year(
        cluster=cluster_year.cluster,
        year=cluster_year.year + 1,
        members=chosen,
        head=head,
        deputy=deputy,
        decision_ref=decision_ref,
        decision_date=decision_date,
        user=None,  # checked above: opening the next year is its own action
    )
    copies = {
        entry.slug: entry.copy(source=cluster_year, target=new_year, user=user) for entry in entries
    }
    record_event(
        action="cluster_year.open_next_year",
        obj=new_year,
        before={"cluster_year_id": cluster_year.pk, "year": cluster_year.year},
        after={
            **snapshot(new_year, [*YEAR_FIELDS, "heads_status"]),
            "members": sorted(unit.pk for unit in chosen),
            "carryovers": copies,
        },
    )
    return new_year


def _carryover_entries(slugs: Iterable[str]) -> list[Carryover]:
    entries = []
    for slug in dict.fromkeys(slugs):
        entry = CARRYOVERS.get(slug)
        if entry is None:
            raise ValidationError(
                _("Không có mục sao chép “{slug}”.").format(slug=slug), code="unknown_carryover"
            )
        entries.append(entry)
    return sorted(entries, key=page_order)


@transaction.atomic
def record_past_heads(
    *,
    cluster_year: ClusterYear,
    user: User | None,
    status: str,
    head: Organization | None = None,
    deputy: Organization | None = None,
    decision_ref: str = "",
    decision_date: dt.date | None = None,
) -> ClusterYear:
    """Record from paper who headed a past year, with the source document (the decision or the
    minutes: number and date), or that it is unknown for lack of records (“không rõ”), or that
    none was chosen. Side effects: the year saved, a ``cluster_year.heads.record`` event."""
    if user is not None:
        check(user, "clusters.record_past_heads", cluster_year)
    decision_ref = decision_ref.strip()
    _check_past_heads(
        cluster_year,
        status=status,
        head=head,
        deputy=deputy,
        decision_ref=decision_ref,
        decision_date=decision_date,
    )
    before = snapshot(cluster_year, [*YEAR_FIELDS, "head_decision_date", "heads_status"])
    cluster_year.head, cluster_year.deputy = head, deputy
    cluster_year.heads_status = status
    cluster_year.head_decision_ref = decision_ref
    cluster_year.head_decision_date = decision_date
    cluster_year.save(
        update_fields=[
            "head",
            "deputy",
            "heads_status",
            "head_decision_ref",
            "head_decision_date",
            "updated",
        ]
    )
    record_event(
        action="cluster_year.heads.record",
        obj=cluster_year,
        before=before,
        after=snapshot(cluster_year, [*YEAR_FIELDS, "head_decision_date", "heads_status"]),
    )
    return cluster_year


def _check_past_heads(
    cluster_year: ClusterYear,
    *,
    status: str,
    head: Organization | None,
    deputy: Organization | None,
    decision_ref: str,
    decision_date: dt.date | None,
) -> None:
    if status not in HeadsStatus.values:
        raise ValidationError(_("Tình trạng đơn vị trưởng, phó không hợp lệ."), code="status")
    if status != HeadsStatus.CHOSEN:
        if head is not None or deputy is not None:
            raise ValidationError(
                _("Khi “{status}”, không ghi đơn vị trưởng, phó.").format(
                    status=HeadsStatus(status).label
                ),
                code="heads_without_status",
            )
        return
    if head is None and deputy is None:
        raise ValidationError(
            _("Hãy chọn {head} hoặc {deputy}.").format(
                head=cluster_year.head_label, deputy=cluster_year.deputy_label
            ),
            code="no_heads",
        )
    if not decision_ref:
        raise ValidationError(
            _("Cần ghi văn bản nguồn (số quyết định hoặc biên bản hội nghị)."), code="no_source"
        )
    if decision_date is not None and decision_date > timezone.localdate():
        raise ValidationError(_("Ngày văn bản không thể sau hôm nay."), code="future_date")
    _check_heads(cluster_year, head, deputy)
