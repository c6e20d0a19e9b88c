"""What to put in each URL argument: an object of the matrix's world, the cluster year it belongs
to (which decides who plays each persona) and its scope.

Scopes: ``cluster`` (a cluster year's data: every outsider must be refused), ``own`` (a user's own
thing, here the Cụm 6 officer's: every outsider must be refused), ``authority`` (Hà Nội's data with
no cluster year: the other authority's board officer must be refused), ``None`` (the same for
everyone: the legal rule sets, the award catalogue, a file format).

A rule is (glob on the URL's key or namespace, argument name, filler); the first that matches wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from tests.matrix.urls import Route
from tests.matrix.world import CLUSTER_YEARS, MatrixWorld
from thidua.accounts.models import RoleAssignment
from thidua.awards.models import AwardType
from thidua.legal.models import LegalInstrument, RuleSet
from thidua.notifications.models import Notification
from thidua.people.models import Person
from thidua.planning.models import PlanDocument, PlanVersion
from thidua.scoring.models import CriteriaGroup, CriteriaSet, Criterion, ScoreSheet
from thidua.scoring.models import Evidence as ScoreEvidence
from thidua.start_of_year.models import EmulationModel, Pledge, PledgeSignature, PledgeTarget, Topic
from thidua.voting.models import AgendaItem, Ballot


@dataclass(frozen=True)
class Arg:
    value: Any
    home: str | None = None
    scope: str | None = None


Filler = Callable[[MatrixWorld], Arg]


def first(queryset: Any) -> Any:
    found = queryset.first()
    assert found is not None, f"the matrix world has no {queryset.model.__name__}"
    return found


def _cy(home: str, part: str) -> Filler:
    code, year = CLUSTER_YEARS[home]
    return lambda w: Arg(code if part == "code" else year, home, "cluster")


def _in(home: str, fn: Callable[[MatrixWorld], Any], scope: str = "cluster") -> Filler:
    return lambda w: Arg(fn(w), home, scope)


def _authority(fn: Callable[[MatrixWorld], Any]) -> Filler:
    return lambda w: Arg(fn(w), None, "authority")


def _same(value: Any) -> Filler:
    return lambda w: Arg(value)


def _unit_pk(code: str) -> Callable[[MatrixWorld], Any]:
    return lambda w: w.unit(code).pk


def _c06_sheet(w: MatrixWorld) -> ScoreSheet:
    return ScoreSheet.objects.get(cluster_year=w.cy["C06"], organization__code="HN-SNV")


def _c06_criterion(w: MatrixWorld) -> Criterion:
    return first(Criterion.objects.filter(group__criteria_set__cluster_year=w.cy["C06"]))


def _item_kind(w: MatrixWorld) -> str:
    return "model" if isinstance(w.objects["registration_item"], EmulationModel) else "topic"


def _own_notification(w: MatrixWorld) -> int:
    return first(Notification.objects.filter(recipient__username="donvi")).pk


C06, C07, C10 = "C06", "C07", "C10"
RULES: list[tuple[str, str, Filler]] = [
    # public pages
    ("password_reset_confirm", "uidb64", _same("MQ")),
    ("password_reset_confirm", "token", _same("set-password")),
    # the old /cycle/ addresses redirect, whoever asks; the page they lead to checks
    ("cycle/*", "rest", _same("HN-C07/2021/pledge/")),
    # accounts, units, authorities: Hà Nội's, no cluster year
    ("accounts:token_revoke", "pk", _in(C06, lambda w: w.objects["token"].pk, "own")),
    ("accounts:*", "pk", _authority(lambda w: w.users["demo-tttp"].pk)),
    ("api:users", "pk", _authority(lambda w: w.users["demo-tttp"].pk)),
    (
        "api:role-assignments",
        "pk",
        _authority(lambda w: first(RoleAssignment.objects.filter(user__username="demo-tttp")).pk),
    ),
    ("organizations", "pk", _authority(_unit_pk("HN-TTTP"))),
    ("api:organizations", "pk", _authority(_unit_pk("HN-TTTP"))),
    ("authorities", "pk", _authority(lambda w: w.users["bantdkt"].authority_id)),
    ("api:authorities", "pk", _authority(lambda w: w.users["bantdkt"].authority_id)),
    ("restructuring*", "pk", _authority(lambda w: w.objects["restructuring"].pk)),
    ("restructuring:wizard", "kind", _same("merge")),
    ("eligibility*", "uuid", _authority(lambda w: w.objects["batch"].uuid)),
    ("documents:download", "fmt", _same("docx")),
    ("*", "fmt", _same("xlsx")),
    # people: Sở Nội vụ (a member of Cụm 6)
    ("people:unit", "pk", _in(C06, _unit_pk("HN-SNV"))),
    (
        "people:*",
        "code",
        _in(C06, lambda w: first(Person.objects.filter(code__startswith="SNV")).code),
    ),
    ("people:*", "year", _same(2023)),
    # notifications: the Cụm 6 officer's own
    ("notifications:*", "pk", _in(C06, _own_notification, "own")),
    ("api:notifications", "pk", _in(C06, _own_notification, "own")),
    # rules and catalogue: the same for everyone
    ("legal:end_instrument", "code", lambda w: Arg(first(LegalInstrument.objects).code)),
    (
        "legal*",
        "code",
        lambda w: Arg(RuleSet.objects.get(code="thang-diem-cum-khoi-mac-dinh").code),
    ),
    ("api:legal/rule-sets", "code", lambda w: Arg("thang-diem-cum-khoi-mac-dinh")),
    ("api:award-types", "pk", lambda w: Arg(first(AwardType.objects).pk)),
    ("planning:movement*", "pk", _authority(lambda w: w.objects["movement"].pk)),
    ("api:movements", "pk", _authority(lambda w: w.objects["movement"].pk)),
    # clusters, scoring, voting, documents: Cụm 6 in 2023
    ("clusters:*", "code", _cy(C06, "code")),
    ("clusters:*", "year", _cy(C06, "year")),
    ("api:clusters", "pk", _in(C06, lambda w: w.cy[C06].cluster_id)),
    ("api:cluster-years", "pk", _in(C06, lambda w: w.cy[C06].pk)),
    ("api:cluster-years", "org_id", _in(C06, _unit_pk("HN-STP"))),
    ("scoring:*", "code", _cy(C06, "code")),
    ("scoring:*", "year", _cy(C06, "year")),
    ("scoring:*", "org_code", _in(C06, lambda w: "HN-SNV")),
    ("scoring:cross_sheet", "target_code", _in(C06, lambda w: "HN-STP")),
    ("scoring:*", "criterion_id", _in(C06, lambda w: _c06_criterion(w).pk)),
    (
        "scoring:*",
        "group_id",
        _in(
            C06,
            lambda w: first(CriteriaGroup.objects.filter(criteria_set__cluster_year=w.cy[C06])).pk,
        ),
    ),
    (
        "scoring:*",
        "evidence_id",
        _in(C06, lambda w: first(ScoreEvidence.objects.filter(entry__sheet=_c06_sheet(w))).pk),
    ),
    (
        "api:scoring/criteria-sets",
        "pk",
        _in(C06, lambda w: CriteriaSet.objects.get(cluster_year=w.cy[C06]).pk),
    ),
    ("api:scoring/my-sheets", "pk", _in(C06, lambda w: _c06_sheet(w).pk)),
    ("api:scoring/rankings", "pk", _in(C06, lambda w: w.cy[C06].pk)),
    ("voting:*", "code", _cy(C06, "code")),
    ("voting:*", "year", _cy(C06, "year")),
    (
        "voting:*",
        "item_id",
        _in(C06, lambda w: first(AgendaItem.objects.filter(conference__cluster_year=w.cy[C06])).pk),
    ),
    (
        "voting:*",
        "*uuid",
        _in(C06, lambda w: first(Ballot.objects.filter(conference__cluster_year=w.cy[C06])).uuid),
    ),
    (
        "api:voting/ballots",
        "uuid",
        _in(C06, lambda w: first(Ballot.objects.filter(conference__cluster_year=w.cy[C06])).uuid),
    ),
    ("documents:*", "code", _cy(C06, "code")),
    ("documents:*", "year", _cy(C06, "year")),
    ("documents:*", "slug", _same("score-summary")),
    # planning: the plans of Cụm 7 (2021), the drives of Cụm 10 (2020)
    ("planning:drive*", "code", _cy(C10, "code")),
    ("planning:drive*", "year", _cy(C10, "year")),
    (
        "planning:drive*",
        "number",
        _in(C10, lambda w: w.objects["drive_evidence"].report.drive.number),
    ),
    ("planning:drive_evidence", "pk", _in(C10, lambda w: w.objects["drive_evidence"].pk)),
    ("planning:*", "code", _cy(C07, "code")),
    ("planning:*", "year", _cy(C07, "year")),
    ("planning:*", "kind", _in(C07, lambda w: w.objects["plan_attachment"].version.document.kind)),
    ("planning:*", "number", _in(C07, lambda w: w.objects["plan_attachment"].version.number)),
    ("planning:plan_attachment", "pk", _in(C07, lambda w: w.objects["plan_attachment"].pk)),
    ("api:drives", "pk", _in(C10, lambda w: w.objects["drive_evidence"].report.drive_id)),
    (
        "api:plan-documents",
        "pk",
        _in(C07, lambda w: first(PlanDocument.objects.filter(cluster_year=w.cy[C07])).pk),
    ),
    (
        "api:plan-versions",
        "pk",
        _in(C07, lambda w: first(PlanVersion.objects.filter(document__cluster_year=w.cy[C07])).pk),
    ),
    # start of the year: Cụm 7 (2021), the registration of Sở GD&ĐT (a member)
    ("start_of_year:export*", "uuid", _authority(lambda w: w.objects["export"].uuid)),
    ("start_of_year:evidence", "pk", _in(C07, lambda w: w.objects["progress_evidence"].pk)),
    ("start_of_year:*", "code", _cy(C07, "code")),
    ("start_of_year:*", "year", _cy(C07, "year")),
    (
        "start_of_year:*",
        "org_code",
        _in(C07, lambda w: w.objects["registration"].organization.code),
    ),
    ("start_of_year:item_*", "kind", _in(C07, _item_kind)),
    ("start_of_year:item_*", "pk", _in(C07, lambda w: w.objects["registration_item"].pk)),
    ("start_of_year:pledge_item_*", "number", _same(1)),
    ("start_of_year:pledge_target_add", "number", _same(1)),
    (
        "start_of_year:pledge_target_delete",
        "pk",
        _in(
            C07,
            lambda w: first(PledgeTarget.objects.filter(item__pledge__cluster_year=w.cy[C07])).pk,
        ),
    ),
    ("start_of_year:registration_transition", "action", _same("submit")),
    ("api:pledges", "pk", _in(C07, lambda w: Pledge.objects.get(cluster_year=w.cy[C07]).pk)),
    (
        "api:pledge-signatures",
        "pk",
        _in(
            C07, lambda w: first(PledgeSignature.objects.filter(pledge__cluster_year=w.cy[C07])).pk
        ),
    ),
    ("api:registrations", "pk", _in(C07, lambda w: w.objects["registration"].pk)),
    (
        "api:emulation-models",
        "pk",
        _in(
            C10,
            lambda w: first(EmulationModel.objects.filter(registration__cluster_year=w.cy[C10])).pk,
        ),
    ),
    (
        "api:topics",
        "pk",
        _in(C07, lambda w: first(Topic.objects.filter(registration__cluster_year=w.cy[C07])).pk),
    ),
]


@dataclass(frozen=True)
class Filled:
    url: str
    home: str | None
    scope: str | None


def fill(route: Route, world: MatrixWorld) -> Filled | str:
    """The URL with every argument filled, or the name of the argument no rule fills."""
    values: dict[str, Any] = {}
    home: str | None = None
    scopes: list[str] = []
    for name in route.kwargs:
        rule = next(
            (
                f
                for glob, arg, f in RULES
                if fnmatchcase(name, arg)
                and (fnmatchcase(route.key, glob) or fnmatchcase(route.namespace, glob))
            ),
            None,
        )
        if rule is None:
            return name
        arg = rule(world)
        values[name] = arg.value
        home = home or arg.home
        if arg.scope:
            scopes.append(arg.scope)
    scope = next((s for s in ("cluster", "own", "authority") if s in scopes), None)
    return Filled(route.build(values), home, scope)
