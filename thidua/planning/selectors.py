"""Reads for plans, movements and drives. Scope follows ``cluster_years_for_user``: what is not
in it is a 404. Every function runs a fixed number of queries, whatever the data size."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterMembership, ClusterYear, Deadline, DeadlineExtension
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.vntext import search_terms
from thidua.organizations.selectors import lineage_ids_subquery
from thidua.planning.enums import PLAN_SHORT_LABELS, PlanKind
from thidua.planning.models import (
    Drive,
    DriveReport,
    Movement,
    PlanComment,
    PlanVersion,
    StepCompletion,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User


# ---------------------------------------------------------------- plans and rules


@dataclass
class PlanStatus:
    """Where one document (the work plan, the rules, the summary report) of a cluster year stands."""

    kind: str
    label: str
    short_label: str
    versions: list[PlanVersion] = field(default_factory=list)

    @property
    def latest(self) -> PlanVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def adopted(self) -> PlanVersion | None:
        """The version in force: the most recently adopted one."""
        adopted = [v for v in self.versions if v.adopted_on is not None]
        return adopted[-1] if adopted else None

    @property
    def draft(self) -> PlanVersion | None:
        latest = self.latest
        return latest if latest is not None and latest.adopted_on is None else None

    @property
    def summary(self) -> str:
        """'Kế hoạch: đã thông qua 30/03/2021' · 'Quy chế: bản 2, chờ thông qua' · '…: chưa có'."""
        latest = self.latest
        if latest is None:
            return _("{label}: chưa có").format(label=self.short_label)
        if latest.adopted_on is not None:
            return _("{label}: đã thông qua {day:%d/%m/%Y}").format(
                label=self.short_label, day=latest.adopted_on
            )
        return _("{label}: bản {number}, chờ thông qua").format(
            label=self.short_label, number=latest.number
        )


ALL_KINDS: tuple[PlanKind, ...] = tuple(PlanKind)


def plan_statuses(
    cluster_year: ClusterYear, kinds: Sequence[PlanKind] = ALL_KINDS
) -> list[PlanStatus]:
    """The documents ``kinds`` of the year (all by default), in a fixed order (work plan, rules,
    summary report): one query."""
    statuses: dict[str, PlanStatus] = {
        kind.value: PlanStatus(
            kind=kind.value, label=str(kind.label), short_label=str(PLAN_SHORT_LABELS[kind])
        )
        for kind in kinds
    }
    versions = (
        PlanVersion.objects.filter(document__cluster_year=cluster_year, document__kind__in=kinds)
        .select_related("document")
        .only(
            "id",
            "number",
            "title",
            "adopted_on",
            "created",
            "document__id",
            "document__kind",
            "document__cluster_year_id",
        )
        .order_by("document__kind", "number")
    )
    for version in versions:
        version.document.cluster_year = cluster_year  # for the permissions the page asks
        statuses[version.document.kind].versions.append(version)
    return list(statuses.values())


@dataclass(frozen=True)
class LatestVersion:
    """The latest version of one document: its number, adoption and how many comments it has
    (replies included)."""

    number: int
    adopted_on: dt.date | None
    adopted_at_meeting: str
    comment_count: int


def latest_version(cluster_year: ClusterYear, kind: str) -> LatestVersion | None:
    """The latest version of one document of the year: one query; ``None`` before a draft."""
    row = (
        PlanVersion.objects.filter(document__cluster_year=cluster_year, document__kind=kind)
        .annotate(comment_count=Count("comments"))
        .order_by("-number")
        .values("number", "adopted_on", "adopted_at_meeting", "comment_count")
        .first()
    )
    return LatestVersion(**row) if row is not None else None


def plan_step_completion(cluster_year: ClusterYear) -> StepCompletion | None:
    return StepCompletion.objects.filter(cluster_year=cluster_year, step=CycleStep.PLAN).first()


def step_deadline(cluster_year: ClusterYear, step: str) -> Deadline | None:
    """The once-a-year deadline of a step (not the deadlines of each drive's report)."""
    return Deadline.objects.filter(cluster_year=cluster_year, step=step, key="").first()


def version_detail(cluster_year: ClusterYear, kind: str) -> QuerySet[PlanVersion]:
    """Versions of one document of the year, with what the version page shows."""
    return (
        PlanVersion.objects.filter(document__cluster_year=cluster_year, document__kind=kind)
        .select_related("document", "created_by", "adopted_by")
        .prefetch_related("attachments")
    )


@dataclass
class Thread:
    root: PlanComment
    replies: list[PlanComment]


def comment_threads(version: PlanVersion) -> list[Thread]:
    """Comments of a version grouped in threads (a comment and its replies), oldest first."""
    threads: dict[int, Thread] = {}
    replies: defaultdict[int, list[PlanComment]] = defaultdict(list)
    for comment in PlanComment.objects.filter(version=version).order_by("created", "id"):
        if comment.parent_id is None:
            threads[comment.pk] = Thread(root=comment, replies=[])
        else:
            replies[comment.parent_id].append(comment)
    for parent_id, items in replies.items():
        if parent_id in threads:
            threads[parent_id].replies = items
    return list(threads.values())


# ---------------------------------------------------------------- movements


def movements_for_user(user: User) -> QuerySet[Movement]:
    """Movements the user may see: those of the user's authority and the authorities it
    succeeded (board, council, viewers) and those in which a cluster year visible to the user
    takes part."""
    qs = Movement.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    taking_part = Movement.cluster_years.through.objects.filter(
        movement_id=OuterRef("pk"),
        clusteryear_id__in=cluster_years_for_user(user).values("pk"),
    )
    condition = Q(Exists(taking_part))
    if user.has_authority_scope and user.authority_id is not None:
        # the movements of the user's authority and of the authorities it succeeded
        condition |= Q(authority_id__in=lineage_ids_subquery(user.authority_id))
    return qs.filter(condition)


def movement_list(
    user: User, *, year: int | None = None, kind: str = "", query: str = ""
) -> QuerySet[Movement]:
    """Rows of /planning/movements/: running in ``year``, of ``kind``, matching the words of
    ``query`` without accents; with the authority and the participating cluster years."""
    qs = movements_for_user(user)
    if year and not dt.MINYEAR <= year <= dt.MAXYEAR:  # no date has it: nothing runs then
        return qs.none()
    if year:
        qs = qs.filter(starts_on__year__lte=year).filter(
            Q(ends_on__isnull=True) | Q(ends_on__year__gte=year)
        )
    if kind:
        qs = qs.filter(kind=kind)
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return (
        qs.select_related("authority")
        .prefetch_related(_participants_prefetch(user))
        .order_by("-starts_on", "sort_key", "pk")
    )


def _participants_prefetch(user: User) -> Any:
    """The participating cluster years the user may see (a unit user sees only its own)."""
    return Prefetch(
        "cluster_years",
        queryset=cluster_years_for_user(user)
        .select_related("cluster")
        .order_by("year", "cluster__kind", "cluster__number", "cluster__sort_key"),
        to_attr="visible_cluster_years",
    )


def movement_detail(user: User) -> QuerySet[Movement]:
    visible_drives = Drive.objects.filter(
        cluster_year__in=cluster_years_for_user(user).values("pk")
    ).select_related("cluster_year__cluster")
    return (
        movements_for_user(user)
        .select_related("authority", "launched_by")
        .prefetch_related(
            _participants_prefetch(user),
            Prefetch("drives", queryset=visible_drives, to_attr="visible_drives"),
        )
    )


def movements_of_cluster_year(cluster_year: ClusterYear) -> QuerySet[Movement]:
    return cluster_year.movements.select_related("authority").order_by("-starts_on", "sort_key")


# ---------------------------------------------------------------- drives


@dataclass
class DriveRow:
    """One drive with who has reported: ``reported`` maps unit id → report."""

    drive: Drive
    reported: dict[int, DriveReport]
    member_count: int

    @property
    def report_count(self) -> int:
        return len(self.reported)


def drive_board(cluster_year: ClusterYear) -> list[DriveRow]:
    """Every drive of the year and the reports received: two queries (plus the members, already
    prefetched by ``cluster_year_detail``)."""
    members = list(cluster_year.memberships.all())
    reports: defaultdict[int, dict[int, DriveReport]] = defaultdict(dict)
    for report in DriveReport.objects.filter(drive__cluster_year=cluster_year).only(
        "id", "drive_id", "organization_id", "updated", "created"
    ):
        reports[report.drive_id][report.organization_id] = report
    return [
        DriveRow(drive=drive, reported=reports[drive.pk], member_count=len(members))
        for drive in Drive.objects.filter(cluster_year=cluster_year)
        .select_related("movement", "report_deadline")
        .order_by("number")
    ]


def focus_drive(rows: list[DriveRow], today: dt.date | None = None) -> DriveRow | None:
    """The drive a secretariat looks at: the first started one that still misses reports,
    else the last started one, else the first one."""
    today = today or timezone.localdate()
    started = [row for row in rows if row.drive.starts_on <= today]
    for row in started:
        if row.report_count < row.member_count:
            return row
    if started:
        return started[-1]
    return rows[0] if rows else None


def drive_detail(cluster_year: ClusterYear) -> QuerySet[Drive]:
    reports = DriveReport.objects.select_related("organization", "reported_by").prefetch_related(
        "evidence"
    )
    extensions = DeadlineExtension.objects.select_related("organization", "granted_by")
    return (
        Drive.objects.filter(cluster_year=cluster_year)
        .select_related("movement", "cluster_year__cluster", "report_deadline")
        .prefetch_related(
            Prefetch("reports", queryset=reports.order_by("organization__sort_key")),
            Prefetch("report_deadline__extensions", queryset=extensions),
        )
    )


def member_units(cluster_year: ClusterYear) -> list[ClusterMembership]:
    """Members in Vietnamese order (prefetched by ``cluster_year_detail``)."""
    return sorted(cluster_year.memberships.all(), key=lambda m: m.organization.sort_key)
