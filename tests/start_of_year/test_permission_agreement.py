"""Every permission of the start of the year agrees everywhere.

For each action × each persona of the ``world`` fixture × the states of the action's object
(pledge none/draft/open/in force/superseded; registration none/draft/submitted/returned/accepted;
the step's deadline open, passed, or reopened for the unit), ``user.has_perm`` must say the same
as:

- the page: it offers the form or button iff allowed;
- a POST to the action's address: it changes something iff allowed (else 403, 404 or a message,
  and nothing changed);
- the API, where the action has an endpoint: 2xx iff allowed (else 403 or 404);
- the service: it raises ``PermissionDenied`` iff not allowed.

Each case also pins who is allowed, so the table below is the rule written out. Every request and
service call runs in a transaction that is rolled back, so each persona starts from the same
state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.factories_start_of_year import award, make_pledge, make_registration
from thidua.accounts.models import User
from thidua.clusters.deadlines import reopen_for_unit, set_deadline
from thidua.clusters.models import Deadline, DeadlineExtension
from thidua.start_of_year.enums import ExportKind
from thidua.start_of_year.models import (
    ExportJob,
    Pledge,
    PledgeItem,
    PledgeSignature,
    ProgressUpdate,
    Registration,
    YearSettings,
)
from thidua.start_of_year.services import (
    exports,
    pledges,
    progress,
    registrations,
    signatures,
    year_settings,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "start_of_year.view_pledge",
    "start_of_year.create_pledge",
    "start_of_year.edit_pledge",
    "start_of_year.open_pledge",
    "start_of_year.sign_pledge",
    "start_of_year.edit_settings",
    "start_of_year.view_follow_up",
    "start_of_year.view_rollup",
    "start_of_year.export_rollup",
    "start_of_year.export_follow_up",
    "start_of_year.download_export",
    "start_of_year.edit_registration",
    "start_of_year.submit_registration",
    "start_of_year.accept_registration",
    "start_of_year.return_registration",
    "start_of_year.report_progress",
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
MEMBER_UNIT = {"officer", "leader"}
IN_SCOPE = set(PERSONAS) - {"other_board", "outsider"}
BASE = "/start-of-year/HN-C06/2023/"
REGISTRATION = BASE + "registrations/{code}/"
SETTINGS = {
    "pledge_min_items": 3,
    "pledge_max_items": 10,
    "models_min": 1,
    "models_max": 2,
    "topics_min": 1,
    "topics_max": 2,
    "progress_stale_days": 60,
    "basis": "Kế hoạch năm 2023",
}


# ---------------------------------------------------------------- the three ways to ask


def rolled_back(call: Callable[[], Any]) -> Any:
    """Run ``call`` and undo whatever it wrote."""
    with transaction.atomic():
        result = call()
        transaction.set_rollback(True)
    return result


def service_allows(call: Callable[[], Any]) -> bool:
    """The service went through (``False`` when it raised ``PermissionDenied``)."""
    try:
        rolled_back(call)
    except PermissionDenied:
        return False
    return True


def offers(client: Client, page: str, action: str) -> bool:
    """The page (when the user may open it) has a form posting to ``action``."""
    return f'action="{action}"' in _page(client, page)


def offers_link(client: Client, page: str, href: str) -> bool:
    return f'href="{href}"' in _page(client, page)


def _page(client: Client, url: str) -> str:
    """The page's HTML ("" unless 200), read once per client and state: nothing a test posts
    is kept (every POST is rolled back)."""
    cache: dict[str, str] = client.__dict__.setdefault("_pages", {})
    if url not in cache:
        response = client.get(url)
        cache[url] = response.content.decode() if response.status_code == 200 else ""
    return cache[url]


def post_changes(client: Client, url: str, data: dict[str, Any], state: Callable[[], Any]) -> bool:
    """A POST to ``url`` changed ``state()``; a refusal must be a 403, a 404 or a redirect."""

    def post() -> tuple[Any, Any, int]:
        before = state()
        status = client.post(url, data).status_code
        return before, state(), status

    before, after, status = rolled_back(post)
    assert status in {302, 403, 404}, (url, status)
    return bool(before != after)


def api_allows(client: Client, url: str, data: dict[str, Any] | None = None) -> bool:
    def post() -> int:
        return client.post(url, data or {}, content_type="application/json").status_code

    status = rolled_back(post)
    assert status in {200, 403, 404}, (url, status)
    return status == 200


@dataclass
class Walk:
    """One state of an object: ``has_perm`` for each persona, next to what each surface did."""

    world: World
    clients: dict[str, Client]

    def user(self, persona: str) -> User:
        return self.world.user(persona)

    def check(
        self, perm: str, load: Callable[[], Any], expected: set[str], **surfaces: Any
    ) -> None:
        allowed = {p for p in PERSONAS if self.user(p).has_perm(perm, load())}
        assert allowed == expected, perm
        for persona in PERSONAS:
            want = persona in allowed
            for surface, ask in surfaces.items():
                got = ask(persona, self.clients[persona], self.user(persona))
                assert got == want, (perm, persona, surface)


@pytest.fixture
def walk(world: World, leaders: dict[str, User]) -> Walk:
    clients = {}
    for persona in PERSONAS:
        clients[persona] = Client()
        clients[persona].force_login(world.user(persona))
    return Walk(world=world, clients=clients)


def _past() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=1)


def _reopen(world: World, step: str) -> None:
    reopen_for_unit(
        deadline=Deadline.objects.get(cluster_year=world.cy, step=step),
        organization=world.member,
        until=timezone.now() + dt.timedelta(days=2),
        reason="Đơn vị xin thêm thời gian",
        granted_by=world.secretariat,
    )


# ---------------------------------------------------------------- the pledge of the year


def arrange_pledge(world: World, leaders: dict[str, User], state: str) -> None:
    if state == "none":
        return
    pledge = make_pledge(world.cy, world.secretariat, open_it=state != "draft")
    if state == "in_force":
        for leader in leaders.values():
            signatures.sign_pledge(pledge=pledge, by=leader, organization=leader.organization)


PLEDGE_STATES = ["none", "draft", "open", "in_force"]


def _pledge_state() -> list[tuple[int, str]]:
    return list(Pledge.objects.order_by("version").values_list("version", "status"))


def _item_count() -> int:
    return PledgeItem.objects.count()


@pytest.mark.parametrize("state", PLEDGE_STATES)
def test_the_pledge_of_the_year(walk: Walk, leaders: dict[str, User], state: str) -> None:
    arrange_pledge(walk.world, leaders, state)
    cy = walk.world.cy
    check_view_pledge(walk, state)
    walk.check(  # the pledge page links to the editor: to draft one, or to change it
        "start_of_year.create_pledge" if state == "none" else "start_of_year.edit_pledge",
        lambda: cy,
        MANAGERS,
        link=lambda p, client, u: offers_link(client, BASE + "pledge/", BASE + "pledge/edit/"),
    )
    walk.check(
        "start_of_year.create_pledge",
        lambda: cy,
        MANAGERS if state == "none" else set(),
        page=lambda p, client, u: offers(client, BASE + "pledge/edit/", BASE + "pledge/create/"),
        post=lambda p, client, u: post_changes(
            client, BASE + "pledge/create/", {"title": "Giao ước 2023"}, _pledge_state
        ),
        service=lambda p, client, user: service_allows(
            lambda: pledges.create_pledge(cluster_year=cy, by=user)
        ),
    )
    walk.check(
        "start_of_year.edit_pledge",
        lambda: cy,
        set() if state == "none" else MANAGERS,
        page=lambda p, client, u: offers(client, BASE + "pledge/edit/", BASE + "pledge/items/add/"),
        post=lambda p, client, u: post_changes(
            client, BASE + "pledge/items/add/", {"text": "Nội dung thứ tư"}, _item_count
        ),
        service=lambda p, client, user: service_allows(
            lambda: pledges.add_pledge_item(cluster_year=cy, by=user, text="Nội dung thứ tư")
        ),
    )
    walk.check(
        "start_of_year.open_pledge",
        lambda: cy,
        MANAGERS if state == "draft" else set(),
        page=lambda p, client, u: offers(client, BASE + "pledge/edit/", BASE + "pledge/open/"),
        post=lambda p, client, u: post_changes(client, BASE + "pledge/open/", {}, _pledge_state),
        service=lambda p, client, user: service_allows(
            lambda: pledges.open_pledge(cluster_year=cy, by=user)
        ),
    )


def check_view_pledge(walk: Walk, state: str) -> None:
    surfaces: dict[str, Any] = {
        "page": lambda p, client, u: bool(_page(client, BASE + "pledge/")),
        "registrations": lambda p, client, u: bool(_page(client, BASE + "registrations/")),
    }
    if state != "none":  # a pledge to list and to print
        surfaces["api"] = lambda p, client, u: (
            client.get("/api/v1/pledges/", {"cluster": "HN-C06"}).json()["count"] == 1
        )
        surfaces["document"] = lambda p, client, u: (
            client.get("/documents/pledge/HN-C06/2023.docx").status_code == 200
        )
    walk.check("start_of_year.view_pledge", lambda: walk.world.cy, IN_SCOPE, **surfaces)


# ---------------------------------------------------------------- signing one version

SIGN_STATES = {
    # state: who may sign (only ``leader`` is a unit leader among the personas)
    "draft": set(),
    "open": {"leader"},
    "signed_by_the_unit": set(),
    "in_force": set(),
    "superseded": set(),
    "after_the_deadline": set(),
    "reopened_for_the_unit": {"leader"},
}


def arrange_signing(world: World, leaders: dict[str, User], state: str) -> Pledge:
    pledge = make_pledge(world.cy, world.secretariat, open_it=state != "draft")
    if state in {"signed_by_the_unit", "in_force", "superseded"}:
        signatures.sign_pledge(pledge=pledge, by=world.leader, organization=world.member)
    if state == "in_force":
        for leader in (leaders["head"], leaders["deputy"]):
            signatures.sign_pledge(pledge=pledge, by=leader, organization=leader.organization)
    if state == "superseded":  # v2 replaces v1; the page and the service are asked about v1
        pledges.add_pledge_item(cluster_year=world.cy, by=world.secretariat, text="Thứ tư")
        pledges.open_pledge(cluster_year=world.cy, by=world.secretariat)
    if state in {"after_the_deadline", "reopened_for_the_unit"}:
        set_deadline(cluster_year=world.cy, step="pledge", due_at=_past())
    if state == "reopened_for_the_unit":
        _reopen(world, "pledge")
    return pledge


@pytest.mark.parametrize("state", list(SIGN_STATES))
def test_sign_pledge(walk: Walk, leaders: dict[str, User], state: str) -> None:
    pledge = arrange_signing(walk.world, leaders, state)
    surfaces: dict[str, Any] = {
        "page": lambda p, client, u: offers(
            client, BASE + f"pledge/?v={pledge.version}", BASE + "pledge/sign/"
        ),
        "service": lambda p, client, user: service_allows(
            lambda: signatures.sign_pledge(
                pledge=pledge, by=user, organization=user.organization or walk.world.member
            )
        ),
    }
    if state != "superseded":  # the page's form signs the current version: this one
        surfaces["post"] = lambda p, client, user: post_changes(
            client,
            BASE + "pledge/sign/",
            {"organization": user.organization_id or ""},
            PledgeSignature.objects.count,
        )
    walk.check(
        "start_of_year.sign_pledge",
        lambda: Pledge.objects.get(pk=pledge.pk),
        SIGN_STATES[state],
        **surfaces,
    )


# ---------------------------------------------------------------- a unit's registration

REGISTRATION_STATES = [
    "none",
    "draft",
    "submitted",
    "returned",
    "accepted",
    "draft_after_the_deadline",
    "draft_reopened_for_the_unit",
    "returned_after_the_deadline",
]


def arrange_registration(world: World, state: str) -> None:
    if state == "none":
        return
    status = state.split("_", maxsplit=1)[0]
    registration = make_registration(
        world.cy,
        world.member,
        world.officer,
        submit=status in {"submitted", "returned"},
        accept_by=world.secretariat if status == "accepted" else None,
    )
    if status == "returned":
        registrations.return_registration(
            registration=registration, by=world.secretariat, reason="Bổ sung mô hình"
        )
    if "after_the_deadline" in state or "reopened" in state:
        set_deadline(cluster_year=world.cy, step="registration", due_at=_past())
    if "reopened" in state:
        _reopen(world, "registration")


def _registration(world: World) -> Registration:
    """The member's registration, or the unsaved one the pages ask about before it exists."""
    return Registration.objects.filter(
        cluster_year=world.cy, organization=world.member
    ).first() or Registration(cluster_year=world.cy, organization=world.member)


def _registration_state() -> list[tuple[Any, ...]]:
    return list(Registration.objects.values_list("status", "award_id", "goals"))


def _may(state: str, allowed_states: set[str], who: set[str]) -> set[str]:
    return who if state in allowed_states else set()


TRANSITION_CASES: dict[str, tuple[set[str], set[str], dict[str, str]]] = {
    # action: (the states it leaves, who takes it, extra POST data)
    "submit": ({"draft", "returned", "draft_reopened_for_the_unit"}, MEMBER_UNIT, {}),
    "accept": ({"submitted"}, MANAGERS, {}),
    "return": ({"submitted", "accepted"}, MANAGERS, {"reason": "Bổ sung mô hình"}),
}
EDITABLE = {"none", "draft", "returned", "draft_reopened_for_the_unit"}


@pytest.mark.parametrize("state", REGISTRATION_STATES)
def test_a_units_registration(walk: Walk, state: str) -> None:
    arrange_registration(walk.world, state)
    check_edit_registration(walk, state)
    for action in TRANSITION_CASES:
        check_transition(walk, state, action)
    if state != "none":
        check_report_progress(walk, state)


def check_edit_registration(walk: Walk, state: str) -> None:
    world = walk.world
    url = REGISTRATION.format(code=world.member.code)
    walk.check(
        "start_of_year.edit_registration",
        lambda: _registration(world),
        _may(state, EDITABLE, MEMBER_UNIT),
        page=lambda p, client, u: offers(client, url, url + "save/"),
        post=lambda p, client, u: post_changes(
            client,
            url + "save/",
            {"award": award("CTD_XS_HN").pk, "goals": "Dẫn đầu cụm"},
            _registration_state,
        ),
        service=lambda p, client, user: service_allows(
            lambda: registrations.save_registration(
                cluster_year=world.cy,
                organization=world.member,
                by=user,
                award=award("CTD_XS_HN"),
                goals="Dẫn đầu cụm",
            )
        ),
    )


def check_transition(walk: Walk, state: str, action: str) -> None:
    allowed_states, who, data = TRANSITION_CASES[action]
    world = walk.world
    url = REGISTRATION.format(code=world.member.code)
    surfaces: dict[str, Any] = {
        "page": lambda p, client, u: offers(client, url, url + f"do/{action}/"),
        "post": lambda p, client, u: post_changes(
            client, url + f"do/{action}/", data, _registration_state
        ),
        "service": lambda p, client, user: service_allows(
            lambda: registrations.transition_registration(
                registration=_registration(world), action=action, by=user, **data
            )
        ),
    }
    existing = Registration.objects.filter(organization=world.member).first()
    if existing is not None:  # the API addresses an existing registration
        surfaces["api"] = lambda p, client, u: api_allows(
            client, f"/api/v1/registrations/{existing.pk}/{action}/", data
        )
    walk.check(
        f"start_of_year.{action}_registration",
        lambda: _registration(world),
        _may(state, allowed_states, who),
        **surfaces,
    )


def check_report_progress(walk: Walk, state: str) -> None:
    world = walk.world
    topic = Registration.objects.get(organization=world.member).topics.get()
    url = REGISTRATION.format(code=world.member.code)
    progress_url = url + f"topic/{topic.pk}/progress/"
    walk.check(
        "start_of_year.report_progress",
        lambda: _registration(world),
        MEMBER_UNIT if state == "accepted" else set(),
        page=lambda p, client, u: offers(client, url, progress_url),
        post=lambda p, client, u: post_changes(
            client, progress_url, {"text": "Đã triển khai"}, ProgressUpdate.objects.count
        ),
        service=lambda p, client, user: service_allows(
            lambda: progress.post_progress(item=topic, by=user, text="Đã triển khai")
        ),
    )


# ---------------------------------------------------------------- the year's management


def test_set_deadlines_on_the_years_page(walk: Walk) -> None:
    """The deadlines are the clusters' action (``clusters.set_deadline``, walked there through the
    service); its page is this app's."""
    walk.check(
        "clusters.set_deadline",
        lambda: walk.world.cy,
        MANAGERS,
        page=lambda p, client, u: offers(client, BASE + "deadlines/", BASE + "deadlines/set/"),
        tab=lambda p, client, u: offers_link(client, BASE + "pledge/", BASE + "deadlines/"),
        post=lambda p, client, u: post_changes(
            client,
            BASE + "deadlines/set/",
            {"step": "registration", "due_at": "2023-03-31T17:00"},
            Deadline.objects.count,
        ),
    )


def test_reopen_a_step_on_the_years_page(walk: Walk) -> None:
    world = walk.world
    set_deadline(cluster_year=world.cy, step="registration", due_at=_past())
    until = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    walk.check(
        "clusters.reopen_step",
        lambda: world.cy,
        MANAGERS,
        page=lambda p, client, u: offers(client, BASE + "deadlines/", BASE + "deadlines/reopen/"),
        post=lambda p, client, u: post_changes(
            client,
            BASE + "deadlines/reopen/",
            {
                "step": "registration",
                "organization": world.member.pk,
                "until": until,
                "reason": "Đơn vị xin thêm thời gian",
            },
            DeadlineExtension.objects.count,
        ),
    )


def test_edit_settings(walk: Walk) -> None:
    cy = walk.world.cy
    walk.check(
        "start_of_year.edit_settings",
        lambda: cy,
        MANAGERS,
        page=lambda p, client, u: offers(client, BASE + "deadlines/", BASE + "settings/"),
        post=lambda p, client, u: post_changes(
            client, BASE + "settings/", SETTINGS, YearSettings.objects.count
        ),
        service=lambda p, client, user: service_allows(
            lambda: year_settings.update_settings(cluster_year=cy, by=user, **SETTINGS)
        ),
    )


def test_view_follow_up_of_a_year(walk: Walk) -> None:
    walk.check(
        "start_of_year.view_follow_up",
        lambda: walk.world.cy,
        MANAGERS,
        page=lambda p, client, u: client.get(BASE + "follow-up/").status_code == 200,
        export=lambda p, client, u: client.get(BASE + "follow-up.csv").status_code == 200,
        tab=lambda p, client, u: offers_link(client, BASE + "pledge/", BASE + "follow-up/"),
    )


def test_view_follow_up_across_clusters(walk: Walk) -> None:
    walk.check(
        "start_of_year.view_follow_up",
        lambda: None,
        MANAGERS | {"other_board"},
        page=lambda p, client, u: client.get("/start-of-year/follow-up/").status_code == 200,
    )


def test_view_rollup(walk: Walk) -> None:
    walk.check(
        "start_of_year.view_rollup",
        lambda: None,
        {"admin", "board", "other_board"},
        page=lambda p, client, u: client.get("/start-of-year/rollup/").status_code == 200,
        menu=lambda p, client, u: offers_link(client, "/", "/start-of-year/rollup/"),
    )


def test_export_rollup(walk: Walk) -> None:
    walk.check(
        "start_of_year.export_rollup",
        lambda: None,
        {"admin", "board", "other_board"},
        page=lambda p, client, u: offers(
            client, "/start-of-year/rollup/?year=2023", "/start-of-year/rollup/export/"
        ),
        post=lambda p, client, u: post_changes(
            client, "/start-of-year/rollup/export/", {"year": 2023}, ExportJob.objects.count
        ),
        service=lambda p, client, user: service_allows(
            lambda: exports.queue_export(user=user, kind=ExportKind.ROLLUP, data={"year": "2023"})
        ),
    )


def test_export_follow_up(walk: Walk) -> None:
    walk.check(
        "start_of_year.export_follow_up",
        lambda: None,
        MANAGERS | {"other_board"},
        page=lambda p, client, u: offers(
            client, "/start-of-year/follow-up/?year=2023", "/start-of-year/follow-up/export/"
        ),
        post=lambda p, client, u: post_changes(
            client, "/start-of-year/follow-up/export/", {"year": 2023}, ExportJob.objects.count
        ),
        service=lambda p, client, user: service_allows(
            lambda: exports.queue_export(
                user=user, kind=ExportKind.FOLLOW_UP, data={"year": "2023"}
            )
        ),
    )


def _downloads(client: Client, url: str) -> bool:
    response = client.get(url)
    if response.status_code != 200:
        return False
    body = b"".join(response.streaming_content)  # read to the end: the file is closed
    return body.startswith(b"PK")  # an XLSX (a zip)


def test_download_export(walk: Walk) -> None:
    job = exports.queue_export(user=walk.world.board, kind=ExportKind.ROLLUP, data={"year": "2023"})
    exports.execute_export(job.pk)
    url = f"/start-of-year/exports/{job.uuid}/"
    walk.check(
        "start_of_year.download_export",
        lambda: job,
        {"board"},
        page=lambda p, client, u: client.get(url).status_code == 200,
        file=lambda p, client, u: _downloads(client, url + "file/"),
        listed=lambda p, client, u: url in client.get("/start-of-year/exports/").content.decode(),
    )
