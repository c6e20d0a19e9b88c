"""Who is late (đôn đốc): not registered, not signed, no progress — for any set of cluster years
in a constant number of queries (the home panel counts over a whole authority).

``year_facts`` and ``item_progress`` read what is needed (one query each kind of fact); the
``*_rows`` functions turn those facts into ``LateRow`` s without touching the database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Max, Min, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterMembership, ClusterYear, Deadline, DeadlineExtension
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
    pass

LATE_ORDER = [LateKind.NOT_REGISTERED, LateKind.NOT_SIGNED, LateKind.NO_PROGRESS]
FOLLOWED_STEPS = [CycleStep.PLEDGE, CycleStep.REGISTRATION, CycleStep.PROGRESS]


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


@dataclass(frozen=True)
class CurrentPledge:
    id: int
    version: int


@dataclass(frozen=True)
class YearFacts:
    """What the follow-up needs to know about a set of cluster years, at one moment."""

    at: dt.datetime
    years: dict[int, ClusterYear]
    members: dict[int, list[Organization]]  # cluster year → members in Vietnamese order
    deadlines: dict[tuple[int, str], Deadline]  # (cluster year, step)
    reopened: dict[tuple[int, int], dt.datetime]  # (deadline, organization) → until
    registered: set[tuple[int, int]]  # (cluster year, organization) submitted or accepted
    pledges: dict[int, CurrentPledge]  # cluster year → the version open or in force
    signed: set[tuple[int, int]]  # (pledge, organization)
    stale_days: dict[int, int]  # cluster year → settings.progress_stale_days

    def passed(self, cluster_year_id: int, step: str) -> Deadline | None:
        """The step's deadline when it has passed (else ``None``)."""
        deadline = self.deadlines.get((cluster_year_id, step))
        return deadline if deadline and self.at > deadline.due_at else None

    def row(self, cy_id: int, org: Organization, kind: str, detail: str, step: str) -> LateRow:
        deadline = self.deadlines.get((cy_id, step))
        return LateRow(
            cluster_year=self.years[cy_id],
            organization=org,
            kind=kind,
            detail=detail,
            due_at=deadline.due_at if deadline else None,
            reopened_until=self.reopened.get((deadline.pk, org.pk)) if deadline else None,
        )


@dataclass(frozen=True)
class ItemProgress:
    """A model or topic of an accepted registration, with its first and last progress report."""

    kind: str
    pk: int
    name: str
    cluster_year_id: int
    organization_id: int
    accepted_at: dt.datetime | None
    first: dt.datetime | None
    last: dt.datetime | None


# ---------------------------------------------------------------- reading the facts


def _members(ids: list[int]) -> dict[int, list[Organization]]:
    members: dict[int, list[Organization]] = defaultdict(list)
    for m in (
        ClusterMembership.objects.filter(cluster_year_id__in=ids)
        .select_related("organization")
        .order_by("organization__sort_key")
    ):
        members[m.cluster_year_id].append(m.organization)
    return members


def _reopened(deadlines: list[Deadline], at: dt.datetime) -> dict[tuple[int, int], dt.datetime]:
    reopened: dict[tuple[int, int], dt.datetime] = {}
    for ext in DeadlineExtension.objects.filter(
        deadline_id__in=[d.pk for d in deadlines], until__gte=at
    ).values("deadline_id", "organization_id", "until"):
        key = (ext["deadline_id"], ext["organization_id"])
        reopened[key] = max(ext["until"], reopened.get(key, ext["until"]))
    return reopened


def _current_pledges(ids: list[int]) -> dict[int, CurrentPledge]:
    return {
        p["cluster_year_id"]: CurrentPledge(id=p["id"], version=p["version"])
        for p in Pledge.objects.filter(
            cluster_year_id__in=ids, status__in=CURRENT_PLEDGE_STATUSES
        ).values("id", "cluster_year_id", "version")
    }


def year_facts(cluster_years: Sequence[ClusterYear], at: dt.datetime) -> YearFacts:
    """Seven queries whatever the number of cluster years and units."""
    ids = [cy.pk for cy in cluster_years]
    deadlines = {
        (d.cluster_year_id, d.step): d
        for d in Deadline.objects.filter(cluster_year_id__in=ids, step__in=FOLLOWED_STEPS)
    }
    pledges = _current_pledges(ids)
    return YearFacts(
        at=at,
        years={cy.pk: cy for cy in cluster_years},
        members=_members(ids),
        deadlines=deadlines,
        reopened=_reopened(list(deadlines.values()), at),
        registered=set(
            Registration.objects.filter(
                cluster_year_id__in=ids, status__in=REGISTERED_STATUSES
            ).values_list("cluster_year_id", "organization_id")
        ),
        pledges=pledges,
        signed=set(
            PledgeSignature.objects.filter(
                pledge_id__in=[p.id for p in pledges.values()]
            ).values_list("pledge_id", "organization_id")
        ),
        stale_days=dict(
            YearSettings.objects.filter(cluster_year_id__in=ids).values_list(
                "cluster_year_id", "progress_stale_days"
            )
        ),
    )


def item_progress(ids: list[int]) -> list[ItemProgress]:
    """Every model and topic of the accepted registrations, in one query (a union)."""
    querysets: list[QuerySet[Any]] = [
        item_class.objects.filter(
            registration__cluster_year_id__in=ids,
            registration__status=RegistrationStatus.ACCEPTED,
        )
        .annotate(kind=Value(kind, output_field=CharField()))
        .annotate(last=Max("progress_updates__reported_at"))
        .annotate(first=Min("progress_updates__reported_at"))
        .values(
            "kind",
            "pk",
            "name",
            "registration__cluster_year_id",
            "registration__organization_id",
            "registration__decided_at",
            "first",
            "last",
        )
        .order_by()
        for item_class, kind in ((EmulationModel, ItemKind.MODEL), (Topic, ItemKind.TOPIC))
    ]
    items = [
        ItemProgress(
            kind=row["kind"],
            pk=row["pk"],
            name=row["name"],
            cluster_year_id=row["registration__cluster_year_id"],
            organization_id=row["registration__organization_id"],
            accepted_at=row["registration__decided_at"],
            first=row["first"],
            last=row["last"],
        )
        for row in querysets[0].union(querysets[1], all=True)
    ]
    return sorted(items, key=lambda i: (i.kind != ItemKind.MODEL, i.pk))


# ---------------------------------------------------------------- the facts as rows


def _fmt(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y") if moment else "—"


def not_registered_rows(facts: YearFacts) -> list[LateRow]:
    template = _("Chưa gửi đăng ký thi đua (hạn {due}).")  # translated once, not per row
    rows = []
    for cy_id in facts.years:
        deadline = facts.passed(cy_id, CycleStep.REGISTRATION)
        if deadline is None:
            continue
        detail = template.format(due=_fmt(deadline.due_at))
        rows += [
            facts.row(cy_id, org, LateKind.NOT_REGISTERED, detail, CycleStep.REGISTRATION)
            for org in facts.members[cy_id]
            if (cy_id, org.pk) not in facts.registered
        ]
    return rows


def not_signed_rows(facts: YearFacts) -> list[LateRow]:
    no_pledge = _("Chưa mở ký giao ước (hạn {due}).")
    not_signed = _("Chưa ký giao ước phiên bản {v} (hạn {due}).")
    rows = []
    for cy_id in facts.years:
        deadline = facts.passed(cy_id, CycleStep.PLEDGE)
        if deadline is None:
            continue
        pledge, due = facts.pledges.get(cy_id), _fmt(deadline.due_at)
        detail = (
            not_signed.format(v=pledge.version, due=due) if pledge else no_pledge.format(due=due)
        )
        rows += [
            facts.row(cy_id, org, LateKind.NOT_SIGNED, detail, CycleStep.PLEDGE)
            for org in facts.members[cy_id]
            if pledge is None or (pledge.id, org.pk) not in facts.signed
        ]
    return rows


def _item_reasons(facts: YearFacts, item: ItemProgress, default_stale: int) -> list[str]:
    """Why one model or topic is late: nothing reported by the progress deadline; nothing
    reported for the year's number of days (since acceptance when never reported)."""
    reasons = []
    deadline = facts.passed(item.cluster_year_id, CycleStep.PROGRESS)
    if deadline and (item.first is None or item.first > deadline.due_at):
        reasons.append(_("chưa báo cáo trước hạn {due}").format(due=_fmt(deadline.due_at)))
    days = facts.stale_days.get(item.cluster_year_id, default_stale)
    since = item.last or item.accepted_at
    if days and since and facts.at - since > dt.timedelta(days=days):
        last = _fmt(item.last) if item.last else _("chưa có")
        reasons.append(
            _("quá {days} ngày không báo cáo (lần gần nhất: {last})").format(days=days, last=last)
        )
    return reasons


def no_progress_rows(facts: YearFacts, items: Sequence[ItemProgress]) -> list[LateRow]:
    """One row per unit listing its late models and topics."""
    labels = {ItemKind.MODEL: _("Mô hình"), ItemKind.TOPIC: _("Chuyên đề")}
    default_stale = YearSettings._meta.get_field("progress_stale_days").default
    late: dict[tuple[int, int], list[str]] = defaultdict(list)
    for item in items:
        reasons = _item_reasons(facts, item, default_stale)
        if reasons:
            late[(item.cluster_year_id, item.organization_id)].append(
                "{label} “{name}”: {reasons}".format(
                    label=labels[ItemKind(item.kind)], name=item.name, reasons="; ".join(reasons)
                )
            )
    return [
        facts.row(cy_id, org, LateKind.NO_PROGRESS, ". ".join(details) + ".", CycleStep.PROGRESS)
        for cy_id in facts.years
        for org in facts.members[cy_id]
        if (details := late.get((cy_id, org.pk)))
    ]


def late_rows(
    cluster_years: Sequence[ClusterYear], *, at: dt.datetime | None = None
) -> list[LateRow]:
    """Every late unit of the cluster years, by cluster year (in the given order), then by kind
    of lateness, then in Vietnamese order. Eight queries whatever the numbers."""
    if not cluster_years:
        return []
    facts = year_facts(cluster_years, at or timezone.now())
    rows = [
        *not_registered_rows(facts),
        *not_signed_rows(facts),
        *no_progress_rows(facts, item_progress(list(facts.years))),
    ]
    position = {cy_id: i for i, cy_id in enumerate(facts.years)}
    rows.sort(key=lambda r: (position[r.cluster_year.pk], LATE_ORDER.index(LateKind(r.kind))))
    return rows


def late_unit_count(rows: Sequence[LateRow]) -> int:
    return len({(r.cluster_year.pk, r.organization.pk) for r in rows})


def count_by_kind(rows: Sequence[LateRow]) -> dict[str, int]:
    return {kind: sum(1 for r in rows if r.kind == kind) for kind in LateKind.values}


def filter_rows(rows: Sequence[LateRow], kind: str) -> list[LateRow]:
    return [r for r in rows if not kind or r.kind == kind]
