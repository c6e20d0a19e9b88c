"""Reads of the criteria set: the year's scope and round, the versions, and the criteria table
(groups and criteria in display order, two queries) with why a draft cannot be adopted yet."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import (
    cluster_year_detail,
    cluster_years_for_user,
    managed_cluster_years,
)
from thidua.scoring import ranking
from thidua.scoring.enums import CriteriaSetStatus, ScoringMethod, Section
from thidua.scoring.models import CriteriaGroup, CriteriaSet, Criterion, ScoringRound
from thidua.scoring.validators import points_text

if TYPE_CHECKING:
    from thidua.accounts.models import User


def scoring_cluster_years(user: User) -> QuerySet[ClusterYear]:
    """Cluster years in the user's scope, with members, the scoring round and its verifiers."""
    return (
        cluster_year_detail(user)
        .select_related("scoring_round")
        .prefetch_related("scoring_round__verifier_users", "scoring_round__verifier_units")
    )


def round_or_none(cluster_year: ClusterYear) -> ScoringRound | None:
    try:
        return cluster_year.scoring_round
    except ObjectDoesNotExist:
        return None


def _with_year(criteria_set: CriteriaSet | None, cluster_year: ClusterYear) -> Any:
    """Share the loaded year (with its round and members) with the permission predicates."""
    if criteria_set is not None:
        criteria_set.cluster_year = cluster_year
    return criteria_set


def adopted_set(cluster_year: ClusterYear) -> CriteriaSet | None:
    found = CriteriaSet.objects.filter(
        cluster_year=cluster_year, status=CriteriaSetStatus.ADOPTED
    ).first()
    return _with_year(found, cluster_year)


def draft_set(cluster_year: ClusterYear) -> CriteriaSet | None:
    found = CriteriaSet.objects.filter(
        cluster_year=cluster_year, status=CriteriaSetStatus.DRAFT
    ).first()
    return _with_year(found, cluster_year)


class CurrentSets(NamedTuple):
    adopted: CriteriaSet | None
    draft: CriteriaSet | None
    # how many criteria a unit must score in the adopted set (those of the normal groups)
    required: int


def adopted_and_draft(cluster_year: ClusterYear) -> CurrentSets:
    """The year's adopted set and its draft (each unique to the year) in one query, with the
    number of criteria a unit must score in the adopted one."""
    adopted = draft = None
    required = 0
    for cs in CriteriaSet.objects.filter(
        cluster_year=cluster_year,
        status__in=[CriteriaSetStatus.ADOPTED, CriteriaSetStatus.DRAFT],
    ).annotate(n_required=Count("criteria", filter=Q(criteria__group__section=Section.NORMAL))):
        if cs.status == CriteriaSetStatus.ADOPTED:
            adopted, required = _with_year(cs, cluster_year), cs.n_required
        else:
            draft = _with_year(cs, cluster_year)
    return CurrentSets(adopted, draft, required)


def criteria_sets_visible_to(user: User) -> QuerySet[CriteriaSet]:
    """The one rule of who reads which criteria set, for the pages and the API alike: every
    adopted or superseded version of the years the user sees; a draft only to those who run its
    year (the cluster's secretariat, the board, the system administrator:
    ``scoring.view_draft_criteria``). A member unit never reads a draft (docs/scoring.md)."""
    years = cluster_years_for_user(user)
    managed = managed_cluster_years(user)
    return CriteriaSet.objects.filter(cluster_year__in=years.values("pk")).filter(
        ~Q(status=CriteriaSetStatus.DRAFT) | Q(cluster_year__in=managed.values("pk"))
    )


def criteria_set_versions(cluster_year: ClusterYear, user: User) -> list[CriteriaSet]:
    """The versions of the year ``user`` may read (``criteria_sets_visible_to``), newest first."""
    versions = (
        criteria_sets_visible_to(user)
        .filter(cluster_year=cluster_year)
        .select_related("adopted_by")
    )
    return [_with_year(cs, cluster_year) for cs in versions.order_by("-version")]


def previous_year_set(cluster_year: ClusterYear) -> CriteriaSet | None:
    """Last year's set of the same cluster (the adopted one, else its latest version)."""
    sets = CriteriaSet.objects.filter(
        cluster_year__cluster_id=cluster_year.cluster_id, cluster_year__year__lt=cluster_year.year
    ).select_related("cluster_year")
    return (
        sets.filter(status=CriteriaSetStatus.ADOPTED).order_by("-cluster_year__year").first()
        or sets.order_by("-cluster_year__year", "-version").first()
    )


# ----------------------------------------------------------------- the criteria table


@dataclass
class TableRow:
    kind: str  # "group" or "criterion"
    obj: Any
    depth: int


@dataclass
class CriteriaTable:
    """A criteria set loaded in two queries, in display order (groups, then their criteria)."""

    criteria_set: CriteriaSet
    groups: list[CriteriaGroup]
    criteria: list[Criterion]
    rows: list[TableRow]
    by_id: dict[int, Criterion] = field(default_factory=dict)
    by_code: dict[str, Criterion] = field(default_factory=dict)
    top_group_of: dict[int, CriteriaGroup] = field(default_factory=dict)  # criterion id -> group

    @property
    def top_groups(self) -> list[CriteriaGroup]:
        return [g for g in self.groups if g.parent_id is None]

    @property
    def scale(self) -> ranking.Scale:
        cs = self.criteria_set
        return ranking.Scale(
            groups=tuple(
                ranking.GroupSpec(
                    id=g.pk,
                    code=g.code,
                    name=g.name,
                    section=g.section,
                    max_points=g.max_points,
                    parent_id=g.parent_id,
                )
                for g in self.groups
            ),
            criteria=tuple(
                ranking.CriterionSpec(
                    id=c.pk, code=c.code, group_id=c.group_id, max_points=c.max_points
                )
                for c in self.criteria
            ),
            max_total=cs.max_total,
            bonus_cap=cs.bonus_cap,
            penalty_cap=cs.penalty_cap,
        )

    def section_of(self, criterion: Criterion) -> str:
        return self.top_group_of[criterion.pk].section

    @property
    def required_criteria(self) -> list[Criterion]:
        """The criteria a unit must score before submitting (bonus and penalty items may be blank)."""
        return [c for c in self.criteria if self.section_of(c) == Section.NORMAL]


def adopted_table(cluster_year: ClusterYear) -> CriteriaTable | None:
    """The criteria table of the year's adopted set (``None`` before one is adopted), in two
    queries: the groups come with their set, then the criteria. A set without groups (never
    adopted so, but possible in the data) is read on its own (one more query)."""
    groups = list(
        CriteriaGroup.objects.filter(
            criteria_set__cluster_year=cluster_year,
            criteria_set__status=CriteriaSetStatus.ADOPTED,
        )
        .select_related("criteria_set")
        .order_by("position", "id")
    )
    criteria_set = groups[0].criteria_set if groups else adopted_set(cluster_year)
    if criteria_set is None:
        return None
    for group in groups:  # one set object for all (the rows each brought a copy)
        group.criteria_set = criteria_set
    return criteria_table(_with_year(criteria_set, cluster_year), groups=groups)


def criteria_table(
    criteria_set: CriteriaSet, *, groups: list[CriteriaGroup] | None = None
) -> CriteriaTable:
    """``groups``: the set's groups in display order, when the caller has read them already."""
    if groups is None:
        groups = list(
            CriteriaGroup.objects.filter(criteria_set=criteria_set).order_by("position", "id")
        )
    criteria = list(Criterion.objects.filter(criteria_set=criteria_set).order_by("position", "id"))
    children: dict[int | None, list[CriteriaGroup]] = defaultdict(list)
    for group in groups:
        children[group.parent_id].append(group)
    in_group: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in criteria:
        in_group[criterion.group_id].append(criterion)
    rows: list[TableRow] = []
    ordered: list[Criterion] = []
    top_of: dict[int, CriteriaGroup] = {}
    ordered_groups: list[CriteriaGroup] = []
    seen: set[int] = set()

    def walk(group: CriteriaGroup, depth: int, top: CriteriaGroup) -> None:
        if group.pk in seen:
            return
        seen.add(group.pk)
        ordered_groups.append(group)
        rows.append(TableRow("group", group, depth))
        for criterion in in_group[group.pk]:
            rows.append(TableRow("criterion", criterion, depth + 1))
            ordered.append(criterion)
            top_of[criterion.pk] = top
        for child in children[group.pk]:
            walk(child, depth + 1, top)

    sections = [Section.NORMAL, Section.BONUS, Section.PENALTY]
    for top in sorted(children[None], key=lambda g: sections.index(Section(g.section))):
        walk(top, 0, top)
    table = CriteriaTable(
        criteria_set=criteria_set, groups=ordered_groups, criteria=ordered, rows=rows
    )
    table.by_id = {c.pk: c for c in ordered}
    table.by_code = {c.code: c for c in ordered}
    table.top_group_of = top_of
    return table


def structure_errors(table: CriteriaTable) -> list[str]:
    """Why a set cannot be adopted yet (empty list: it can)."""
    cs = table.criteria_set
    errors: list[str] = []
    if not table.required_criteria:
        errors.append(_("Bộ tiêu chí chưa có tiêu chí chấm điểm nào."))
    own: dict[int, Decimal] = {}
    for criterion in table.criteria:
        own[criterion.group_id] = own.get(criterion.group_id, Decimal(0)) + criterion.max_points
    reachable: dict[int, Decimal] = {}
    for group in reversed(table.groups):  # children come after their parent in table order
        children = sum(
            (reachable.get(g.pk, Decimal(0)) for g in table.groups if g.parent_id == group.pk),
            Decimal(0),
        )
        possible = own.get(group.pk, Decimal(0)) + children
        if group.max_points is not None and possible < group.max_points:
            errors.append(
                _(
                    "Nhóm {code}: tổng điểm tối đa các tiêu chí ({sum}) nhỏ hơn điểm tối đa của "
                    "nhóm ({max})."
                ).format(
                    code=group.code, sum=points_text(possible), max=points_text(group.max_points)
                )
            )
        if (
            group.max_points is not None
            and group.section == Section.NORMAL
            and possible > group.max_points
        ):
            errors.append(
                _(
                    "Nhóm {code}: tổng điểm tối đa các tiêu chí ({sum}) lớn hơn điểm tối đa của "
                    "nhóm ({max}); điểm vượt sẽ bị cắt. Hãy sửa cho bằng nhau."
                ).format(
                    code=group.code, sum=points_text(possible), max=points_text(group.max_points)
                )
            )
        reachable[group.pk] = (
            min(possible, group.max_points) if group.max_points is not None else possible
        )
    normal_total = sum(
        (reachable.get(g.pk, Decimal(0)) for g in table.top_groups if g.section == Section.NORMAL),
        Decimal(0),
    )
    if table.required_criteria and normal_total != cs.max_total:
        errors.append(
            _("Tổng điểm tối đa của các nhóm tiêu chí ({sum}) phải bằng thang điểm {max}.").format(
                sum=points_text(normal_total), max=points_text(cs.max_total)
            )
        )
    for criterion in table.criteria:
        if criterion.method == ScoringMethod.PROPORTIONAL and not criterion.target:
            errors.append(_("Tiêu chí {code}: thiếu chỉ tiêu.").format(code=criterion.code))
        if criterion.method == ScoringMethod.TIERS and not criterion.tiers:
            errors.append(_("Tiêu chí {code}: thiếu các mức.").format(code=criterion.code))
    return errors
