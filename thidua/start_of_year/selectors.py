"""Reads of the start of the year. Every view reaches objects through these, scoped by user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from thidua.clusters.deadlines import is_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, Deadline
from thidua.clusters.selectors import (
    cluster_year_units,
    cluster_years_for_user,
    managed_cluster_years,
)
from thidua.organizations.models import Organization, OrganizationLeader
from thidua.start_of_year.enums import (
    CURRENT_PLEDGE_STATUSES,
    REGISTERED_STATUSES,
    YEAR_STEPS,
    ItemKind,
    PledgeStatus,
    RegistrationStatus,
)
from thidua.start_of_year.models import (
    EmulationModel,
    Evidence,
    ExportJob,
    Pledge,
    PledgeItem,
    PledgeSignature,
    PledgeTarget,
    ProgressUpdate,
    Registration,
    RegistrationEvent,
    Topic,
    YearSettings,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User


SETTINGS_OF_YEAR = "start_of_year_settings"  # YearSettings' one-to-one, from the cluster year


def settings_for(cluster_year: ClusterYear) -> YearSettings:
    """The year's settings row, or an unsaved one holding the defaults (reads never write).

    No query when the year was read with ``select_related(SETTINGS_OF_YEAR)`` (a page that shows
    the limits); one otherwise, never a value cached before a write."""
    if ClusterYear.start_of_year_settings.related.is_cached(cluster_year):
        existing = getattr(cluster_year, SETTINGS_OF_YEAR, None)
    else:
        existing = YearSettings.objects.filter(cluster_year=cluster_year).first()
    return existing or YearSettings(cluster_year=cluster_year)


def item_limits(registration: Registration, kind: str) -> tuple[int, int, str]:
    """Minimum, maximum and the word for models or topics of a registration's year."""
    limits = settings_for(registration.cluster_year)
    if kind == ItemKind.MODEL:
        return limits.models_min, limits.models_max, _("mô hình")
    return limits.topics_min, limits.topics_max, _("chuyên đề")


# ---------------------------------------------------------------- deadlines of the year


class StepDeadline(NamedTuple):
    """A row of the year's deadlines page: the step, its label, its deadline if set."""

    step: str
    label: str | Promise
    deadline: Deadline | None


def year_deadline(cluster_year: ClusterYear, step: str) -> Deadline | None:
    """The year's own deadline of ``step`` (never a drive's report deadline, which has a key)."""
    return Deadline.objects.filter(cluster_year=cluster_year, step=step, key="").first()


def year_deadlines(cluster_year: ClusterYear) -> list[StepDeadline]:
    """Every step of ``YEAR_STEPS`` with its deadline and the reopenings for units (2 queries)."""
    deadlines = {
        d.step: d
        for d in Deadline.objects.filter(
            cluster_year=cluster_year, step__in=YEAR_STEPS, key=""
        ).prefetch_related("extensions__organization", "extensions__granted_by")
    }
    return [StepDeadline(step.value, step.label, deadlines.get(step)) for step in YEAR_STEPS]


# ---------------------------------------------------------------- pledge


def pledge_detail_qs() -> QuerySet[Pledge]:
    targets = PledgeTarget.objects.select_related("organization").order_by("pk")
    items = PledgeItem.objects.prefetch_related(Prefetch("targets", queryset=targets)).order_by(
        "number"
    )
    signatures = PledgeSignature.objects.select_related("organization", "signed_by")
    return Pledge.objects.prefetch_related(
        Prefetch("items", queryset=items), Prefetch("signatures", queryset=signatures)
    )


def pledges_for_user(user: User) -> QuerySet[Pledge]:
    """Every version of the pledges of the cluster years the user sees. Drafts are visible to
    the members too: they are what the cluster will be asked to sign."""
    return Pledge.objects.filter(cluster_year__in=cluster_years_for_user(user))


@dataclass
class SignatureRow:
    organization: Organization
    signature: PledgeSignature | None
    is_head: bool = False


def signature_rows(cluster_year: ClusterYear, pledge: Pledge | None) -> list[SignatureRow]:
    """One row per member (Vietnamese order): who has signed this version and who has not."""
    signed = {s.organization_id: s for s in pledge.signatures.all()} if pledge else {}
    return [
        SignatureRow(
            organization=m.organization,
            signature=signed.get(m.organization_id),
            is_head=m.organization_id == cluster_year.head_id,
        )
        for m in cluster_year.memberships.all()
    ]


@dataclass
class PledgePage:
    """The pledge page: every version, the one shown, and who has signed it."""

    pledges: list[Pledge]
    pledge: Pledge | None
    rows: list[SignatureRow]

    @property
    def signed_count(self) -> int:
        return sum(1 for r in self.rows if r.signature)

    @property
    def member_count(self) -> int:
        return len(self.rows)

    @property
    def has_draft(self) -> bool:
        return any(p.is_draft for p in self.pledges)


def pledge_page_data(cluster_year: ClusterYear, version: str = "") -> PledgePage | None:
    """The requested version (``None`` when there is no such version), else the current one,
    else the draft."""
    pledges = list(pledge_detail_qs().filter(cluster_year=cluster_year).order_by("-version"))
    if version:
        pledge = next((p for p in pledges if str(p.version) == version), None)
        if pledge is None:
            return None
    else:
        pledge = next((p for p in pledges if p.is_current), None) or next(
            (p for p in pledges if p.is_draft), None
        )
    return PledgePage(pledges=pledges, pledge=pledge, rows=signature_rows(cluster_year, pledge))


@dataclass
class PledgeEditPage:
    """The secretariat's working copy: the draft, or the current version (a change to a signed
    one goes into a new version)."""

    pledge: Pledge | None
    members: QuerySet[Organization]

    @property
    def signed_version(self) -> bool:
        return bool(self.pledge and not self.pledge.is_draft and self.pledge.signatures.all())


def pledge_edit_data(cluster_year: ClusterYear) -> PledgeEditPage:
    pledges = list(pledge_detail_qs().filter(cluster_year=cluster_year).order_by("-version"))
    working = next((p for p in pledges if p.is_draft), None) or next(
        (p for p in pledges if p.is_current), None
    )
    return PledgeEditPage(pledge=working, members=members_of(cluster_year))


def members_of(cluster_year: ClusterYear) -> QuerySet[Organization]:
    return cluster_year_units(cluster_year)


def default_signer(user: User, organization: Organization) -> tuple[str, str]:
    """Name and position to print under the signature: the unit's current leader, else the user."""
    today = timezone.localdate()
    leader = (
        OrganizationLeader.objects.filter(organization=organization)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("-valid_from", "-pk")
        .first()
    )
    if leader is not None:
        return leader.full_name, leader.position
    return user.full_name or user.username, user.position


# ---------------------------------------------------------------- registrations


def draft_visibility(user: User, prefix: str = "") -> Q:
    """The one rule of who reads a unit's registration, its models, topics, progress reports and
    evidence (issue 12, point 7; docs/start-of-year.md): a draft (never sent) only to the unit's
    own people and to those who run the cluster year (the cluster's secretariat, the board, the
    system administrator); once sent, to everyone who sees the cluster year, as before.
    ``prefix`` is the path from the queried model to the registration (``"registration__"``)."""
    managed = managed_cluster_years(user).values("pk")
    shown = ~Q(**{f"{prefix}status": RegistrationStatus.DRAFT}) | Q(
        **{f"{prefix}cluster_year__in": managed}
    )
    own_unit = getattr(user, "organization_id", None)
    if own_unit:
        shown |= Q(**{f"{prefix}organization_id": own_unit})
    return shown


def registrations_for_user(user: User) -> QuerySet[Registration]:
    """The registrations of the cluster years the user sees, but another unit's draft."""
    return Registration.objects.filter(cluster_year__in=cluster_years_for_user(user)).filter(
        draft_visibility(user)
    )


@dataclass
class RegistrationRow:
    organization: Organization
    registration: Registration | None  # annotated with model_count and topic_count
    is_head: bool

    @property
    def registered(self) -> bool:
        """Submitted or accepted (a unit “has registered”)."""
        return bool(self.registration and self.registration.status in REGISTERED_STATUSES)


def registration_rows(cluster_year: ClusterYear, user: User) -> list[RegistrationRow]:
    """One row per member: its registration (or none, as for another unit's draft) with counts,
    in Vietnamese order."""
    registrations = {
        r.organization_id: r
        for r in Registration.objects.filter(cluster_year=cluster_year)
        .filter(draft_visibility(user))
        .select_related("award")
        .annotate(
            model_count=Count("emulation_models", distinct=True),
            topic_count=Count("topics", distinct=True),
        )
    }
    return [
        RegistrationRow(
            organization=m.organization,
            registration=registrations.get(m.organization_id),
            is_head=m.organization_id == cluster_year.head_id,
        )
        for m in cluster_year.memberships.all()
    ]


@dataclass
class RegistrationPage:
    """One unit's registration page. ``registration`` is unsaved (a draft) until the unit starts
    one, so that permissions are asked about the same kind of object in every state."""

    organization: Organization
    registration: Registration
    models: list[EmulationModel]
    topics: list[Topic]
    events: list[RegistrationEvent]
    registration_step_open: bool

    @property
    def started(self) -> bool:
        return self.registration.pk is not None

    @property
    def return_reason(self) -> str:
        """Why it was returned (the last event's reason) while it is returned."""
        if not self.registration.is_returned or not self.events:
            return ""
        return self.events[-1].reason


def registration_page_data(
    cluster_year: ClusterYear, organization: Organization, user: User
) -> RegistrationPage:
    """The unit's registration page. Another unit's draft (``draft_visibility``) is shown as a
    registration not started, as the list shows it: nothing tells a peer that a draft exists."""
    found = (
        registration_detail_qs()
        .filter(cluster_year=cluster_year, organization=organization)
        .annotate(visible=Exists(registrations_for_user(user).filter(pk=OuterRef("pk"))))
        .first()
    )
    if found is not None and not found.visible:
        found = None
    started = found is not None
    registration: Registration = found or Registration(
        cluster_year=cluster_year, organization=organization
    )
    return RegistrationPage(
        organization=organization,
        registration=registration,
        models=list(registration.emulation_models.all()) if started else [],
        topics=list(registration.topics.all()) if started else [],
        events=list(registration.events.all()) if started else [],
        registration_step_open=is_step_open(
            cluster_year=cluster_year, step=CycleStep.REGISTRATION, organization=organization
        ),
    )


def registration_detail_qs() -> QuerySet[Registration]:
    updates = ProgressUpdate.objects.select_related("author").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("pk"))
    )
    return Registration.objects.select_related(
        "award", "organization", "cluster_year__cluster"
    ).prefetch_related(
        "events__actor",
        Prefetch(
            "emulation_models",
            queryset=EmulationModel.objects.prefetch_related(
                Prefetch("progress_updates", queryset=updates)
            ).order_by("pk"),
        ),
        Prefetch(
            "topics",
            queryset=Topic.objects.prefetch_related(
                Prefetch("progress_updates", queryset=updates)
            ).order_by("pk"),
        ),
    )


def export_jobs_for_user(user: User) -> QuerySet[ExportJob]:
    """The person's own background exports (nobody sees another person's), newest first."""
    if not user.is_authenticated:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(requested_by=user).order_by("-created_at", "-pk")


def evidence_for_user(user: User) -> QuerySet[Evidence]:
    return (
        Evidence.objects.filter(
            progress__registration__cluster_year__in=cluster_years_for_user(user)
        )
        .filter(draft_visibility(user, "progress__registration__"))
        .select_related("progress__registration")
    )


@dataclass
class YearSummary:
    """Constant-query summary for the cluster-year page sections (one query)."""

    member_count: int = 0
    registered_count: int = 0
    pledge_version: int | None = None
    pledge_status: str = ""
    signed_count: int = 0

    @property
    def pledge_status_label(self) -> str:
        return str(PledgeStatus(self.pledge_status).label) if self.pledge_status else ""


def year_summary(cluster_year: ClusterYear) -> YearSummary:
    in_year = Q(organization__cluster_memberships__cluster_year=OuterRef("pk"))
    registered = Registration.objects.filter(
        in_year, cluster_year=OuterRef("pk"), status__in=REGISTERED_STATUSES
    )
    current = Pledge.objects.filter(cluster_year=OuterRef("pk"), status__in=CURRENT_PLEDGE_STATUSES)
    signed = PledgeSignature.objects.filter(
        in_year,
        pledge__cluster_year=OuterRef("pk"),
        pledge__status__in=CURRENT_PLEDGE_STATUSES,
    )
    row = (
        ClusterYear.objects.filter(pk=cluster_year.pk)
        .annotate(
            registered=Subquery(
                registered.order_by().values("cluster_year").annotate(n=Count("pk")).values("n")[:1]
            ),
            pledge_version=Subquery(current.values("version")[:1]),
            pledge_status=Subquery(current.values("status")[:1]),
            signed=Subquery(
                signed.order_by().values("pledge").annotate(n=Count("pk")).values("n")[:1]
            ),
        )
        .values("registered", "pledge_version", "pledge_status", "signed")
        .get()
    )
    return YearSummary(
        member_count=len(cluster_year.memberships.all()),
        registered_count=row["registered"] or 0,
        pledge_version=row["pledge_version"],
        pledge_status=row["pledge_status"] or "",
        signed_count=row["signed"] or 0,
    )
