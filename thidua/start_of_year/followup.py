"""Who is late (đôn đốc): not registered, not signed, no progress — for any set of cluster years
in a constant number of queries (the home panel counts over a whole authority)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Max, Min, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterMembership, ClusterYear, Deadline, DeadlineExtension
from thidua.clusters.selectors import cluster_years_for_user
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import (
    CURRENT_PLEDGE_STATUSES,
    REGISTERED_STATUSES,
    ItemKind,
    LateKind,
    RegistrationStatus,
)
from thidua.start_of_year.models import (
    EmulationModel,
    Pledge,
    PledgeSignature,
    Registration,
    Topic,
    YearSettings,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User

LATE_ORDER = [LateKind.NOT_REGISTERED, LateKind.NOT_SIGNED, LateKind.NO_PROGRESS]


@dataclass
class LateRow:
    cluster_year: ClusterYear
    organization: Organization
    kind: str
    detail: str
    due_at: dt.datetime | None
    reopened_until: dt.datetime | None

    @property
    def kind_label(self) -> str:
        return str(LateKind(self.kind).label)


def managed_cluster_years(user: User) -> QuerySet[ClusterYear]:
    """The cluster years whose follow-up the user runs: all (admin), the authority's (board),
    or those headed by the user's unit (secretariat)."""
    qs = cluster_years_for_user(user)
    if user.is_system_admin:
        return qs
    if user.role == Role.BOARD_OFFICER and user.authority_id:
        return qs.filter(cluster__authority_id=user.authority_id)
    if user.role == Role.CLUSTER_SECRETARIAT and user.organization_id:
        return qs.filter(head_id=user.organization_id)
    return qs.none()


def _fmt(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y") if moment else "—"


def late_rows(  # noqa: PLR0912, PLR0915 -- one pass per kind of lateness, kept together on purpose
    cluster_years: Sequence[ClusterYear], *, at: dt.datetime | None = None
) -> list[LateRow]:
    at = at or timezone.now()
    years = {cy.pk: cy for cy in cluster_years}
    if not years:
        return []
    ids = list(years)
    members: dict[int, list[Organization]] = defaultdict(list)
    for m in (
        ClusterMembership.objects.filter(cluster_year_id__in=ids)
        .select_related("organization")
        .order_by("organization__sort_key")
    ):
        members[m.cluster_year_id].append(m.organization)
    deadlines: dict[tuple[int, str], Deadline] = {
        (d.cluster_year_id, d.step): d
        for d in Deadline.objects.filter(
            cluster_year_id__in=ids,
            step__in=[CycleStep.PLEDGE, CycleStep.REGISTRATION, CycleStep.PROGRESS],
        )
    }
    reopened: dict[tuple[int, int], dt.datetime] = {}
    for ext in DeadlineExtension.objects.filter(
        deadline_id__in=[d.pk for d in deadlines.values()], until__gte=at
    ).values("deadline_id", "organization_id", "until"):
        key = (ext["deadline_id"], ext["organization_id"])
        reopened[key] = max(ext["until"], reopened.get(key, ext["until"]))
    registered = set(
        Registration.objects.filter(
            cluster_year_id__in=ids, status__in=REGISTERED_STATUSES
        ).values_list("cluster_year_id", "organization_id")
    )
    pledges = {
        p["cluster_year_id"]: p
        for p in Pledge.objects.filter(
            cluster_year_id__in=ids, status__in=CURRENT_PLEDGE_STATUSES
        ).values("id", "cluster_year_id", "version")
    }
    signed = set(
        PledgeSignature.objects.filter(
            pledge_id__in=[p["id"] for p in pledges.values()]
        ).values_list("pledge_id", "organization_id")
    )
    stale_days = {
        s.cluster_year_id: s.progress_stale_days
        for s in YearSettings.objects.filter(cluster_year_id__in=ids)
    }
    default_stale = YearSettings._meta.get_field("progress_stale_days").default

    rows: list[LateRow] = []

    def add(cy_id: int, org: Organization, kind: str, detail: str, step: str) -> None:
        deadline = deadlines.get((cy_id, step))
        until = reopened.get((deadline.pk, org.pk)) if deadline else None
        rows.append(
            LateRow(
                cluster_year=years[cy_id],
                organization=org,
                kind=kind,
                detail=detail,
                due_at=deadline.due_at if deadline else None,
                reopened_until=until,
            )
        )

    # Messages are translated once (not per row): the list may hold thousands of units.
    not_registered = _("Chưa gửi đăng ký thi đua (hạn {due}).")
    no_pledge = _("Cụm chưa mở ký giao ước (hạn {due}).")
    not_signed = _("Chưa ký giao ước phiên bản {v} (hạn {due}).")
    for cy_id in ids:
        registration_deadline = deadlines.get((cy_id, CycleStep.REGISTRATION))
        if registration_deadline and at > registration_deadline.due_at:
            detail = not_registered.format(due=_fmt(registration_deadline.due_at))
            for org in members[cy_id]:
                if (cy_id, org.pk) not in registered:
                    add(cy_id, org, LateKind.NOT_REGISTERED, detail, CycleStep.REGISTRATION)
        pledge_deadline = deadlines.get((cy_id, CycleStep.PLEDGE))
        if pledge_deadline and at > pledge_deadline.due_at:
            pledge = pledges.get(cy_id)
            due = _fmt(pledge_deadline.due_at)
            if pledge is None:
                detail = no_pledge.format(due=due)
            else:
                detail = not_signed.format(v=pledge["version"], due=due)
            for org in members[cy_id]:
                if pledge is None or (pledge["id"], org.pk) not in signed:
                    add(cy_id, org, LateKind.NOT_SIGNED, detail, CycleStep.PLEDGE)

    # Progress: one row per unit listing its late models and topics.
    late_items: dict[tuple[int, int], list[str]] = defaultdict(list)
    labels = {ItemKind.MODEL: _("Mô hình"), ItemKind.TOPIC: _("Chuyên đề")}
    querysets: list[QuerySet[Any]] = [
        item_class.objects.filter(
            registration__cluster_year_id__in=ids,
            registration__status=RegistrationStatus.ACCEPTED,
        )
        .annotate(kind=Value(kind, output_field=CharField()))
        .annotate(last=Max("progress_updates__reported_at"))
        .annotate(first=Min("progress_updates__reported_at"))
        .values(
            "pk",
            "kind",
            "name",
            "registration__cluster_year_id",
            "registration__organization_id",
            "registration__decided_at",
            "last",
            "first",
        )
        .order_by()
        for item_class, kind in ((EmulationModel, ItemKind.MODEL), (Topic, ItemKind.TOPIC))
    ]
    # One query for models and topics together.
    items = sorted(
        querysets[0].union(querysets[1], all=True),
        key=lambda row: (row["kind"] != ItemKind.MODEL, row["pk"]),
    )
    before_deadline = _("chưa báo cáo trước hạn {due}")
    stale = _("quá {days} ngày không báo cáo (lần gần nhất: {last})")
    never = _("chưa có")
    due_text = {key: _fmt(d.due_at) for key, d in deadlines.items() if key[1] == CycleStep.PROGRESS}
    for item in items:
        label = labels[item["kind"]]
        cy_id = item["registration__cluster_year_id"]
        org_id = item["registration__organization_id"]
        reasons = []
        progress_deadline = deadlines.get((cy_id, CycleStep.PROGRESS))
        if (
            progress_deadline
            and at > progress_deadline.due_at
            and (item["first"] is None or item["first"] > progress_deadline.due_at)
        ):
            reasons.append(before_deadline.format(due=due_text[(cy_id, CycleStep.PROGRESS)]))
        days = stale_days.get(cy_id, default_stale)
        since = item["last"] or item["registration__decided_at"]
        if days and since and at - since > dt.timedelta(days=days):
            reasons.append(
                stale.format(days=days, last=_fmt(item["last"]) if item["last"] else never)
            )
        if reasons:
            late_items[(cy_id, org_id)].append(
                "{label} “{name}”: {reasons}".format(
                    label=label, name=item["name"], reasons="; ".join(reasons)
                )
            )
    for cy_id in ids:
        for org in members[cy_id]:
            details = late_items.get((cy_id, org.pk))
            if details:
                add(cy_id, org, LateKind.NO_PROGRESS, ". ".join(details) + ".", CycleStep.PROGRESS)

    position = {cy_id: i for i, cy_id in enumerate(ids)}
    rows.sort(key=lambda r: (position[r.cluster_year.pk], LATE_ORDER.index(LateKind(r.kind))))
    return rows


def late_unit_count(rows: Sequence[LateRow]) -> int:
    return len({(r.cluster_year.pk, r.organization.pk) for r in rows})


def filter_rows(rows: Sequence[LateRow], kind: str) -> list[LateRow]:
    return [r for r in rows if not kind or r.kind == kind]
