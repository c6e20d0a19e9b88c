"""The database's count of late units is the follow-up's: ``late_unit_count_in_db`` gives
``late_unit_count(late_rows(...))`` on any arrangement of deadlines, registrations, pledges,
signatures, models, topics and progress reports — boundaries included (a deadline due exactly
now, a report exactly at the deadline, exactly the number of stale days)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.factories import (
    AuthorityFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    DeadlineFactory,
    OrganizationFactory,
)
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import PledgeStatus, RegistrationStatus
from thidua.start_of_year.followup import late_rows, late_unit_count
from thidua.start_of_year.late_count import late_unit_count_in_db
from thidua.start_of_year.models import (
    EmulationModel,
    Pledge,
    PledgeSignature,
    ProgressUpdate,
    Registration,
    Topic,
    YearSettings,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

AT = dt.datetime(2025, 6, 1, 8, 0, tzinfo=dt.UTC)
STEPS = ["registration", "pledge", "progress"]

# Offsets from AT in whole days, chosen to meet the boundaries often: a deadline due exactly at
# AT, a report exactly at the deadline, exactly 1, 30 or 90 days without a report.
days = st.sampled_from([-91, -90, -31, -30, -29, -6, -5, -4, -2, -1, 0, 1])
due = st.sampled_from([-5, -1, 0, 1])


@dataclass
class Item:
    kind: str  # "model" | "topic"
    reports: list[int]  # days from AT


@dataclass
class Unit:
    member: bool  # a registration of a unit no longer a member counts for nothing
    registration: str | None  # a RegistrationStatus, or none
    decided: int | None  # days from AT
    signs: bool  # the version open or in force
    signed_old: bool  # an older, superseded version
    items: list[Item]


@dataclass
class Year:
    deadlines: dict[str, list[int]]  # step → due dates (days from AT); more than one: the latest
    pledge: str | None  # a PledgeStatus of the latest version, or none
    stale_days: int | None  # settings, or none (the default)
    units: list[Unit]


items = st.builds(
    Item, kind=st.sampled_from(["model", "topic"]), reports=st.lists(days, max_size=2)
)
units = st.builds(
    Unit,
    member=st.booleans() | st.just(True),
    registration=st.none() | st.sampled_from(RegistrationStatus.values),
    decided=st.none() | days,
    signs=st.booleans(),
    signed_old=st.booleans(),
    items=st.lists(items, max_size=3),
)
years = st.builds(
    Year,
    deadlines=st.fixed_dictionaries({step: st.lists(due, max_size=2) for step in STEPS}),
    pledge=st.none() | st.sampled_from(PledgeStatus.values),
    stale_days=st.none() | st.sampled_from([0, 1, 30, 90]),
    units=st.lists(units, min_size=1, max_size=4),
)


def at(offset: int) -> dt.datetime:
    return AT + dt.timedelta(days=offset)


def _pledges(cy: ClusterYear, year: Year) -> tuple[Pledge | None, Pledge]:
    """The latest version in ``year.pledge`` 's status (if any), and a superseded first one."""
    old = Pledge.objects.create(cluster_year=cy, version=1, status="superseded", title="v1")
    if year.pledge is None:
        return None, old
    return Pledge.objects.create(cluster_year=cy, version=2, status=year.pledge, title="v2"), old


def _unit(cy: ClusterYear, unit: Unit, pledge: Pledge | None, old: Pledge) -> None:
    org = OrganizationFactory(authority=cy.cluster.authority)
    if unit.member:
        ClusterMembershipFactory(cluster_year=cy, organization=org)
    if pledge is not None and unit.signs:
        PledgeSignature.objects.create(pledge=pledge, organization=org, signed_at=at(-1))
    if unit.signed_old:
        PledgeSignature.objects.create(pledge=old, organization=org, signed_at=at(-2))
    if unit.registration is None:
        return
    registration = Registration.objects.create(
        cluster_year=cy,
        organization=org,
        status=unit.registration,
        decided_at=None if unit.decided is None else at(unit.decided),
    )
    _items(registration, unit.items)


def _items(registration: Registration, wanted: list[Item]) -> None:
    for i, item in enumerate(wanted):
        item_class: Any = EmulationModel if item.kind == "model" else Topic
        made = item_class.objects.create(registration=registration, name=f"Việc {i}")
        for offset in item.reports:
            ProgressUpdate.objects.create(
                registration=registration,
                **{"emulation_model" if item.kind == "model" else "topic": made},
                text="Đã làm",
                reported_at=at(offset),
            )


def arrange(wanted: list[Year]) -> list[ClusterYear]:
    authority = AuthorityFactory()
    made = []
    for year in wanted:
        cy = ClusterYearFactory(cluster=ClusterFactory(authority=authority), year=2025)
        for step, offsets in year.deadlines.items():
            for key, offset in zip(["", "lan-2"], offsets, strict=False):
                DeadlineFactory(cluster_year=cy, step=step, key=key, due_at=at(offset))
        if year.stale_days is not None:
            YearSettings.objects.create(cluster_year=cy, progress_stale_days=year.stale_days)
        pledge, old = _pledges(cy, year)
        for unit in year.units:
            _unit(cy, unit, pledge, old)
        made.append(cy)
    return made


def counts(cluster_years: list[ClusterYear]) -> tuple[int, int]:
    in_python = late_unit_count(late_rows(cluster_years, at=AT))
    queryset = ClusterYear.objects.filter(pk__in=[cy.pk for cy in cluster_years])
    return in_python, late_unit_count_in_db(queryset, at=AT)


everyone_late = Year(
    deadlines={"registration": [-1], "pledge": [0, -3], "progress": [-5]},
    pledge="open",
    stale_days=30,
    units=[
        Unit(True, None, None, False, True, []),
        Unit(True, "accepted", -30, True, False, [Item("model", [-5]), Item("topic", [-30])]),
        Unit(False, "draft", None, False, False, []),
    ],
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(st.lists(years, min_size=1, max_size=3))
@example([everyone_late])
def test_the_database_counts_the_late_units_of_the_follow_up(db: Any, wanted: list[Year]) -> None:
    with transaction.atomic():
        in_python, in_db = counts(arrange(wanted))
        transaction.set_rollback(True)
    assert in_db == in_python


def one_unit(
    unit: Unit, *, stale_days: int | None = None, pledge_status: str | None = None, **due: list[int]
) -> Year:
    deadlines = {step: due.get(step, []) for step in STEPS}
    return Year(deadlines=deadlines, pledge=pledge_status, stale_days=stale_days, units=[unit])


def accepted(*reports: int, decided: int | None = -200, kind: str = "model") -> Unit:
    return Unit(True, "accepted", decided, False, False, [Item(kind, list(reports))])


def unregistered(status: str | None = None, *, signs: bool = False, old: bool = False) -> Unit:
    return Unit(True, status, None, signs, old, [])


BOUNDARIES = {
    "registration due exactly now": (one_unit(unregistered(), registration=[0]), 0),
    "registration passed, none": (one_unit(unregistered(), registration=[-1]), 1),
    "registration passed, draft": (one_unit(unregistered("draft"), registration=[-1]), 1),
    "registration passed, returned": (one_unit(unregistered("returned"), registration=[-1]), 1),
    "registration passed, submitted": (one_unit(unregistered("submitted"), registration=[-1]), 0),
    "registration passed, not a member": (
        one_unit(Unit(False, None, None, False, False, []), registration=[-1]),
        0,
    ),
    "pledge passed, none open": (one_unit(unregistered(), pledge=[-1]), 1),
    "pledge passed, draft only": (
        one_unit(unregistered(signs=True), pledge_status="draft", pledge=[-1]),
        1,
    ),
    "pledge passed, open and signed": (
        one_unit(unregistered(signs=True), pledge_status="open", pledge=[-1]),
        0,
    ),
    "pledge passed, in force, old version signed": (
        one_unit(unregistered(old=True), pledge_status="in_force", pledge=[-1]),
        1,
    ),
    "pledge: the latest of two deadlines is now": (one_unit(unregistered(), pledge=[-3, 0]), 0),
    "pledge: both deadlines passed": (one_unit(unregistered(), pledge=[-1, -3]), 1),
    "progress reported exactly at the deadline": (one_unit(accepted(-5), progress=[-5]), 0),
    "progress reported after the deadline": (one_unit(accepted(-4), progress=[-5]), 1),
    "progress never reported": (one_unit(accepted(kind="topic"), progress=[-5]), 1),
    "progress due now, never reported": (one_unit(accepted(decided=-1), progress=[0]), 0),
    "exactly the stale days": (one_unit(accepted(-30, -60), stale_days=30), 0),
    "a day more than the stale days": (one_unit(accepted(-31, -60), stale_days=30), 1),
    "stale days 0: not followed": (one_unit(accepted(-150), stale_days=0), 0),
    "default days, accepted exactly 90 days ago": (one_unit(accepted(decided=-90)), 0),
    "default days, accepted 91 days ago": (one_unit(accepted(decided=-91)), 1),
    "never reported, no acceptance date": (one_unit(accepted(decided=None)), 0),
    "submitted, not accepted: no progress followed": (
        one_unit(Unit(True, "submitted", -200, False, False, [Item("model", [])]), progress=[-5]),
        0,
    ),
}


@pytest.mark.parametrize(("year", "late"), BOUNDARIES.values(), ids=BOUNDARIES.keys())
def test_the_count_is_that_of_the_rows_at_the_boundaries(db: Any, year: Year, late: int) -> None:
    assert counts(arrange([year])) == (late, late)


def test_the_count_is_that_of_the_rows_on_a_known_case(db: Any) -> None:
    """Registration passed, pledge not yet (latest of two), progress passed: the registered unit
    with a report exactly at the deadline is on time, its stale topic (exactly 30 days) too."""
    (cy,) = arrange([everyone_late])
    assert counts([cy]) == (1, 1)


def test_no_cluster_year_no_late_unit(db: Any) -> None:
    assert late_unit_count_in_db(ClusterYear.objects.none(), at=AT) == 0


def test_a_unit_late_in_two_ways_counts_once(db: Any) -> None:
    year = Year(
        deadlines={"registration": [-1], "pledge": [-1], "progress": []},
        pledge=None,
        stale_days=None,
        units=[Unit(True, None, None, False, False, [])],
    )
    (cy,) = arrange([year])
    assert counts([cy]) == (1, 1)
    assert Organization.objects.filter(cluster_memberships__cluster_year=cy).count() == 1
