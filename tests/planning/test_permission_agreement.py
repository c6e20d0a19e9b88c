"""Every planning permission × every persona × the states of its object: the page offers the
action, the POST changes something, the API (where there is one) and the service accept, exactly
when ``user.has_perm`` says so — and the permission says what the rules of the app say.

Each case arranges one state, then for each persona asks the permission and tries the page, the
POST, the API and the service, each inside a savepoint that is rolled back, so every persona
meets the same state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.messages import constants, get_messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.conftest import World
from thidua.accounts.models import User
from thidua.clusters.models import ClusterYear, DeadlineExtension
from thidua.core.permissions import denial_reason
from thidua.planning import services
from thidua.planning.enums import MovementKind, PlanKind
from thidua.planning.models import Drive, DriveReport, Movement, PlanComment, PlanVersion

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "planning.draft_plan",
    "planning.edit_plan_version",
    "planning.adopt_plan_version",
    "planning.correct_plan_adoption",
    "planning.comment_plan_version",
    "planning.launch_movement",
    "planning.change_movement",
    "planning.create_drive",
    "planning.change_drive",
    "planning.report_drive",
    "planning.reopen_drive_report",
}

PERSONAS = [
    "admin",
    "board",
    "other_board",
    "secretariat",
    "officer",
    "leader",
    "council",
    "viewer",
    "outsider",
    "deputy_officer",
]
MANAGERS = {"admin", "board", "secretariat"}
MEMBER_UNITS = {"secretariat", "officer", "leader", "deputy_officer"}  # the head unit is a member
YEAR = "/planning/HN-C06/2023/"
V1 = YEAR + "plans/work-plan/1/"
D1 = YEAR + "drives/1/"


# ---------------------------------------------------------------- states


def _draft(world: World) -> None:
    services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.WORK_PLAN, title="Kế hoạch 2023", by=world.secretariat
    )


def _adopted(world: World) -> None:
    _draft(world)
    services.adopt_plan_version(
        version=PlanVersion.objects.get(), adopted_on=dt.date(2023, 2, 10), by=world.secretariat
    )


def _movement(world: World) -> None:
    services.launch_movement(
        authority=world.authority,
        kind=MovementKind.THEMATIC,
        title="Phong trào cải cách hành chính",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2023, 12, 31),
        cluster_years=[world.cy],
        by=world.board,
    )


def _open_drive(world: World) -> None:
    services.create_drive(
        cluster_year=world.cy,
        name="Đợt 1",
        starts_on=dt.date(2023, 2, 1),
        ends_on=dt.date(2023, 4, 30),
        by=world.secretariat,
    )


def _closed_drive(world: World) -> None:
    _open_drive(world)
    services.update_drive(
        drive=_drive(world),
        name="Đợt 1",
        starts_on=dt.date(2023, 2, 1),
        ends_on=dt.date(2023, 4, 30),
        report_due_at=timezone.now() - dt.timedelta(hours=1),
        by=world.secretariat,
    )


def _reopened_drive(world: World) -> None:
    """Closed, then reopened for Sở Nội vụ (the officer's and the leader's unit) only."""
    _closed_drive(world)
    services.reopen_drive_report(
        drive=_drive(world),
        organization=world.member,
        until=timezone.now() + dt.timedelta(days=3),
        reason="Đơn vị bận bầu cử",
        by=world.secretariat,
    )


# ---------------------------------------------------------------- objects, fresh from the database


def _year(world: World) -> ClusterYear:
    return ClusterYear.objects.select_related("cluster").get(pk=world.cy.pk)


def _version(world: World) -> PlanVersion:
    return PlanVersion.objects.select_related("document__cluster_year__cluster").get()


def _drive(world: World) -> Drive:
    return Drive.objects.select_related("cluster_year__cluster", "report_deadline").get(number=1)


def _the_movement(world: World) -> Movement:
    return Movement.objects.get()


def _until() -> str:
    return (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")


# ---------------------------------------------------------------- cases


@dataclass
class Case:
    """One permission in one state: who may, and how each layer is asked."""

    perm: str
    state: str
    allowed: set[str]
    arrange: Callable[[World], None]
    obj: Callable[[World], Any]
    page: Callable[[World], str]
    offer: Callable[[World], str]  # in the page's HTML exactly when the action is offered
    post: Callable[[World], tuple[str, dict[str, Any]]]
    effect: Callable[[World], Any]  # differs after the action was done
    service: Callable[[World, User], Any]
    api: Callable[[World], tuple[str, dict[str, Any]]] | None = None
    page_obj: Callable[[World], Any] | None = None  # what the page asks, when not ``obj``
    api_status: int = 201  # the API's answer when allowed

    def __str__(self) -> str:
        return f"{self.perm}[{self.state}]"


def _plan_cases() -> list[Case]:
    draft_plan = Case(
        perm="planning.draft_plan",
        state="year",
        allowed=MANAGERS,
        arrange=lambda w: None,
        obj=_year,
        page=lambda w: YEAR + "plans/",
        offer=lambda w: f'href="{YEAR}plans/rules/new/"',
        post=lambda w: (YEAR + "plans/rules/new/", {"title": "Quy chế"}),
        effect=lambda w: PlanVersion.objects.count(),
        service=lambda w, u: services.draft_plan_version(
            cluster_year=_year(w), kind=PlanKind.RULES, title="Quy chế", by=u
        ),
    )
    cases = [draft_plan]
    for state, arrange, allowed in [("draft", _draft, True), ("adopted", _adopted, False)]:
        cases += [
            Case(
                perm="planning.edit_plan_version",
                state=state,
                allowed=MANAGERS if allowed else set(),
                arrange=arrange,
                obj=_version,
                page=lambda w: V1,
                offer=lambda w: f'href="{V1}edit/"',
                post=lambda w: (V1 + "edit/", {"title": "Sửa"}),
                effect=lambda w: _version(w).title,
                service=lambda w, u: services.update_plan_version(
                    version=_version(w), title="Sửa", by=u
                ),
            ),
            Case(
                perm="planning.adopt_plan_version",
                state=state,
                allowed=MANAGERS if allowed else set(),
                arrange=arrange,
                obj=_version,
                page=lambda w: V1,
                offer=lambda w: f'action="{V1}adopt/"',
                post=lambda w: (V1 + "adopt/", {"adopted_on": "2023-02-11"}),
                effect=lambda w: _version(w).adopted_on,
                service=lambda w, u: services.adopt_plan_version(
                    version=_version(w), adopted_on=dt.date(2023, 2, 11), by=u
                ),
            ),
            Case(
                perm="planning.correct_plan_adoption",
                state=state,
                allowed=set() if allowed else MANAGERS,
                arrange=arrange,
                obj=_version,
                page=lambda w: V1,
                offer=lambda w: f'href="{V1}correct-adoption/"',
                post=lambda w: (
                    V1 + "correct-adoption/",
                    {"adopted_on": "2023-02-12", "reason": "Ghi nhầm ngày"},
                ),
                effect=lambda w: _version(w).adopted_on,
                service=lambda w, u: services.correct_plan_adoption(
                    user=u, plan=_version(w), adopted_on=dt.date(2023, 2, 12), reason="Nhầm"
                ),
                api=lambda w: (
                    f"/api/v1/plan-versions/{_version(w).pk}/correct-adoption/",
                    {"adopted_on": "2023-02-12", "reason": "Ghi nhầm ngày"},
                ),
                api_status=200,
            ),
            Case(
                perm="planning.comment_plan_version",
                state=state,
                allowed=(MANAGERS | MEMBER_UNITS) if allowed else set(),
                arrange=arrange,
                obj=_version,
                page=lambda w: V1,
                offer=lambda w: 'class="new-comment"',
                post=lambda w: (V1 + "comments/", {"body": "Ý kiến"}),
                effect=lambda w: PlanComment.objects.count(),
                service=lambda w, u: services.add_plan_comment(
                    version=_version(w), author=u, body="Ý kiến"
                ),
                api=lambda w: (
                    f"/api/v1/plan-versions/{_version(w).pk}/comments/",
                    {"body": "Ý kiến"},
                ),
            ),
        ]
    return cases


def _movement_cases() -> list[Case]:
    fields = {"kind": "thematic", "starts_on": "2023-01-01", "ends_on": "2023-12-31"}
    return [
        Case(
            perm="planning.launch_movement",
            state="authority",
            allowed={"admin", "board"},
            arrange=lambda w: None,
            obj=lambda w: w.authority,
            # The button asks "some authority of the user": a board officer elsewhere sees it
            # too, and may launch only for their own authority.
            page_obj=lambda w: None,
            page=lambda w: "/planning/movements/",
            offer=lambda w: 'href="/planning/movements/new/"',
            post=lambda w: (
                "/planning/movements/new/",
                {
                    **fields,
                    "title": "Phong trào mới",
                    "authority": w.authority.pk,
                    "cluster_years": [w.cy.pk],
                },
            ),
            effect=lambda w: Movement.objects.count(),
            service=lambda w, u: services.launch_movement(
                authority=w.authority,
                kind=MovementKind.REGULAR,
                title="Phong trào mới",
                starts_on=dt.date(2023, 1, 1),
                ends_on=None,
                cluster_years=[w.cy],
                by=u,
            ),
        ),
        Case(
            perm="planning.change_movement",
            state="launched",
            allowed={"admin", "board"},
            arrange=_movement,
            obj=_the_movement,
            page=lambda w: f"/planning/movements/{_the_movement(w).pk}/",
            offer=lambda w: f'href="/planning/movements/{_the_movement(w).pk}/edit/"',
            post=lambda w: (
                f"/planning/movements/{_the_movement(w).pk}/edit/",
                {**fields, "title": "Đổi tên", "cluster_years": [w.cy.pk]},
            ),
            effect=lambda w: _the_movement(w).title,
            service=lambda w, u: services.update_movement(
                movement=_the_movement(w),
                kind=MovementKind.THEMATIC,
                title="Đổi tên",
                starts_on=dt.date(2023, 1, 1),
                ends_on=dt.date(2023, 12, 31),
                cluster_years=[w.cy],
                by=u,
            ),
        ),
    ]


def _drive_cases() -> list[Case]:
    cases = [
        Case(
            perm="planning.create_drive",
            state="year",
            allowed=MANAGERS,
            arrange=lambda w: None,
            obj=_year,
            page=lambda w: YEAR + "drives/",
            offer=lambda w: f'href="{YEAR}drives/new/"',
            post=lambda w: (
                YEAR + "drives/new/",
                {"name": "Đợt 2", "starts_on": "2023-05-01", "ends_on": "2023-06-30"},
            ),
            effect=lambda w: Drive.objects.count(),
            service=lambda w, u: services.create_drive(
                cluster_year=_year(w),
                name="Đợt 2",
                starts_on=dt.date(2023, 5, 1),
                ends_on=dt.date(2023, 6, 30),
                by=u,
            ),
        ),
        Case(
            perm="planning.change_drive",
            state="open",
            allowed=MANAGERS,
            arrange=_open_drive,
            obj=_drive,
            page=lambda w: D1,
            offer=lambda w: f'href="{D1}edit/"',
            post=lambda w: (
                D1 + "edit/",
                {"name": "Đợt 1 (sửa)", "starts_on": "2023-02-01", "ends_on": "2023-04-30"},
            ),
            effect=lambda w: _drive(w).name,
            service=lambda w, u: services.update_drive(
                drive=_drive(w),
                name="Đợt 1 (sửa)",
                starts_on=dt.date(2023, 2, 1),
                ends_on=dt.date(2023, 4, 30),
                by=u,
            ),
        ),
    ]
    for state, arrange, allowed in [
        ("open", _open_drive, MEMBER_UNITS),
        ("closed", _closed_drive, set()),
        ("reopened for the member", _reopened_drive, {"officer", "leader"}),
    ]:
        cases.append(
            Case(
                perm="planning.report_drive",
                state=state,
                allowed=allowed,
                arrange=arrange,
                obj=_drive,
                page=lambda w: D1,
                offer=lambda w: f'href="{D1}report/"',
                post=lambda w: (D1 + "report/", {"summary": "Kết quả"}),
                effect=lambda w: DriveReport.objects.count(),
                service=lambda w, u: services.submit_drive_report(
                    drive=_drive(w),
                    organization=u.organization or w.member,
                    summary="Kết quả",
                    by=u,
                ),
            )
        )
    for state, arrange, allowed in [
        ("without deadline", _open_drive, set()),
        ("closed", _closed_drive, MANAGERS),
    ]:
        cases.append(
            Case(
                perm="planning.reopen_drive_report",
                state=state,
                allowed=allowed,
                arrange=arrange,
                obj=_drive,
                page=lambda w: D1,
                offer=lambda w: f'action="{D1}reopen/"',
                post=lambda w: (
                    D1 + "reopen/",
                    {"organization": w.member.pk, "until": _until(), "reason": "Lý do"},
                ),
                effect=lambda w: DeadlineExtension.objects.count(),
                service=lambda w, u: services.reopen_drive_report(
                    drive=_drive(w),
                    organization=w.member,
                    until=timezone.now() + dt.timedelta(days=2),
                    reason="Lý do",
                    by=u,
                ),
            )
        )
    return cases


CASES = [*_plan_cases(), *_movement_cases(), *_drive_cases()]


# ---------------------------------------------------------------- the walk


class _Undo(Exception):
    pass


@contextmanager
def _undone() -> Iterator[None]:
    """Run the block in a savepoint and roll it back: the next persona meets the same state."""
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass


def _refused_visibly(response: Any) -> bool:
    """Refused with 403/404, or with the reason on the page (a message or a form error)."""
    if response.status_code in (403, 404):
        return True
    if response.status_code == 302:
        levels = [m.level for m in get_messages(response.wsgi_request)]
        return constants.ERROR in levels
    form = response.context.get("form") if response.context else None
    return response.status_code == 200 and form is not None and bool(form.errors)


def _check_page(case: Case, world: World, client: Client, user: User) -> None:
    response = client.get(case.page(world))
    page_obj = case.page_obj(world) if case.page_obj else case.obj(world)
    if response.status_code == 404:  # outside the user's scope: nothing is offered, nor allowed
        assert not user.has_perm(case.perm, case.obj(world))
        return
    assert response.status_code == 200
    offered = case.offer(world) in response.content.decode()
    assert offered == user.has_perm(case.perm, page_obj)


def _check_post(case: Case, world: World, client: Client, may: bool) -> None:
    with _undone():
        before = case.effect(world)
        url, data = case.post(world)
        response = client.post(url, data)
        changed = case.effect(world) != before
        assert changed == may, (response.status_code, response.content[:300])
        if not may:
            assert _refused_visibly(response), response.status_code


def _check_service(case: Case, world: World, user: User, may: bool) -> None:
    reason = denial_reason(user, case.perm, case.obj(world))
    with _undone():
        if may:
            case.service(world, user)
            return
        with pytest.raises(PermissionDenied) as refused:
            case.service(world, user)
        assert str(refused.value) == reason


def _check_api(case: Case, world: World, user: User, may: bool) -> None:
    assert case.api is not None
    client = APIClient()
    client.force_authenticate(user)
    url, data = case.api(world)
    with _undone():
        before = case.effect(world)
        response = client.post(url, data, format="json")
        assert (response.status_code == case.api_status) == may
        assert response.status_code in ((case.api_status,) if may else (403, 404))
        assert (case.effect(world) != before) == may


@pytest.mark.parametrize("case", CASES, ids=str)
def test_page_post_api_and_service_agree_with_the_permission(world: World, case: Case) -> None:
    case.arrange(world)
    obj = case.obj(world)
    allowed = {p for p in PERSONAS if world.user(p).has_perm(case.perm, obj)}
    assert allowed == case.allowed
    for persona in PERSONAS:
        user = world.user(persona)
        may = persona in allowed
        client = Client()
        client.force_login(user)
        _check_page(case, world, client, user)
        _check_post(case, world, client, may)
        _check_service(case, world, user, may)
        if case.api is not None:
            _check_api(case, world, user, may)


def test_the_walk_covers_every_planning_permission() -> None:
    from tests.planning.on_behalf.test_permission_agreement import COVERED as ON_BEHALF
    from thidua.core.permissions import ACTIONS

    declared = {name for name in ACTIONS if name.startswith("planning.")} - ON_BEHALF
    assert COVERED == declared == {case.perm for case in CASES}
