"""Every scoring permission × every persona of ``world`` × the states of its object: the page,
the POST, the API (where the action has an endpoint) and the service all agree with
``user.has_perm``.

- The page offers the action (its form, button or link; for a ``view_*`` permission: the page
  itself) iff the person may.
- A POST changes the object iff the person may; otherwise nothing changes and the refusal is
  the house's: 403 (or 404 outside the person's scope) for someone who may never take the action
  ("not you"); for the right person stopped by the state or a deadline ("not now"), the reason
  (``core.web.refusal``) as a message after a redirect, or on the page shown again (400).
- The service raises ``PermissionDenied`` iff the person may not.

Scope comes first on the web and in the API: outside the cluster years a person sees, pages
and endpoints are 404 whatever the permission says (results published to an outsider, for
instance). Every write is undone (a savepoint) before the next person tries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from rest_framework.test import APIClient

from tests.conftest import World
from tests.factories_scoring import (
    approve_year,
    build_criteria_set,
    fill_sheet,
    fresh,
    use_cross_scoring,
    verify_all,
)
from thidua.clusters.deadlines import set_deadline
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, DeadlineExtension
from thidua.core.web import refusal
from thidua.scoring import selectors
from thidua.scoring.models import CriteriaSet, CrossEntry, CrossSheet, ScoreEntry, ScoringRound
from thidua.scoring.services import criteria, results, sheets, verification
from thidua.scoring.views.common import own_member_unit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

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
D = Decimal
REASON = "Lý do (thử)"


# ----------------------------------------------------------------- the states


@dataclass
class Ctx:
    """The world in one state; everything is read fresh (a write before may have been undone)."""

    w: World

    @property
    def cy(self) -> ClusterYear:
        return fresh(self.w.cy)

    def y(self, name: str, *args: Any) -> str:
        return reverse(f"scoring:{name}", args=["HN-C06", 2023, *args])

    def sheet(self) -> Any:
        return selectors.sheet_for(self.cy, self.w.member)

    def criterion(self, code: str) -> Any:
        return selectors.criteria_table(selectors.adopted_set(self.cy)).by_code[code]  # type: ignore[arg-type]

    def draft(self) -> CriteriaSet | None:
        return selectors.draft_set(self.cy)

    def criteria_set(self) -> CriteriaSet:
        found = selectors.draft_set(self.cy) or selectors.adopted_set(self.cy)
        assert found is not None
        return found

    def scorer(self, user: Any) -> Any:
        """The unit the person scores for (their own member unit), else the deputy unit."""
        return own_member_unit(self.cy, user) or self.w.deputy

    def cross(self, user: Any) -> CrossSheet:
        """The cross sheet the cross-scoring page works on for this person."""
        return selectors.cross_sheet_for(self.cy, own_member_unit(self.cy, user), self.w.member)

    def deputy_cross(self) -> CrossSheet:
        return selectors.cross_sheet_for(self.cy, self.w.deputy, self.w.member)


def _past_deadline(w: World) -> None:
    fill_sheet(fresh(w.cy), w.member, w.officer, submit=False)
    set_deadline(
        cluster_year=w.cy,
        step=CycleStep.SELF_SCORING,
        due_at=timezone.now() - dt.timedelta(hours=1),
    )


def _cross_saved(w: World, *, submit: bool) -> None:
    use_cross_scoring(w.cy, w.secretariat)
    fill_sheet(fresh(w.cy), w.member, w.officer)
    cy = fresh(w.cy)
    i1 = selectors.criteria_table(selectors.adopted_set(cy)).by_code["I.1"]  # type: ignore[arg-type]
    verification.save_cross_sheet(
        cluster_year=cy,
        scorer=w.deputy,
        target=w.member,
        user=w.deputy_officer,
        expected_version=0,
        values={i1.pk: D(35)},
    )
    if submit:
        verification.submit_cross_sheet(
            cluster_year=fresh(w.cy), scorer=w.deputy, target=w.member, user=w.deputy_officer
        )


def _cross_approved(w: World) -> None:
    """Approved results of a cross-scoring year in which the deputy unit sent its cross sheet
    for the member unit (reopening it is then refused for the state, not for lack of a sheet)."""
    _cross_saved(w, submit=True)
    for org, user in ((w.head, w.secretariat), (w.deputy, w.deputy_officer)):
        fill_sheet(fresh(w.cy), org, user)
    results.approve_results(cluster_year=fresh(w.cy), user=w.secretariat)


# Each state starts from ``world`` with the small criteria set adopted (except "no_set").
STATES: dict[str, Callable[[World], None]] = {
    "no_set": lambda w: None,
    "adopted": lambda w: None,
    "draft": lambda w: fill_sheet(fresh(w.cy), w.member, w.officer, submit=False),
    "past_deadline": _past_deadline,
    "submitted": lambda w: fill_sheet(fresh(w.cy), w.member, w.officer),
    "verified": lambda w: (
        fill_sheet(fresh(w.cy), w.member, w.officer),
        verification.verify_sheet(
            sheet=selectors.sheet_for(fresh(w.cy), w.member), user=w.secretariat
        ),
    ),
    "all_verified": verify_all,
    "approved": approve_year,
    "draft_set": lambda w: criteria.revise_criteria_set(
        criteria_set=selectors.adopted_set(fresh(w.cy)),  # type: ignore[arg-type]
        user=w.secretariat,
        reason="Sửa tiêu chí II.2",
    ),
    "cross": lambda w: (
        use_cross_scoring(w.cy, w.secretariat),
        fill_sheet(fresh(w.cy), w.member, w.officer),
    ),
    "cross_target_draft": lambda w: use_cross_scoring(w.cy, w.secretariat),
    "cross_saved": lambda w: _cross_saved(w, submit=False),
    "cross_submitted": lambda w: _cross_saved(w, submit=True),
    "cross_approved": _cross_approved,
}


# ----------------------------------------------------------------- what each action does


@dataclass(frozen=True)
class Walk:
    """One permission in the states of its object, and how the web, API and service do it."""

    perm: str
    states: tuple[str, ...]
    obj: Callable[[Ctx, Any], Any]  # the object the permission is asked about, per person
    offered: Callable[[Ctx, Client], bool] | None = None  # does the page offer the action?
    post: Callable[[Ctx, Client], Any] | None = None  # do it through the page
    snapshot: Callable[[Ctx], Any] | None = None  # what the action changes
    service: Callable[[Ctx, Any], Any] | None = None
    api: Callable[[Ctx, APIClient], Any] | None = None  # -> the response


def _same(page: bool, link: bool) -> bool:
    """A page and the link to it: both shown, or neither."""
    assert page == link
    return page


def _page(ctx: Ctx, client: Client, url: str, marker: str = "") -> bool:
    """The page is shown (and, with ``marker``, contains it)."""
    response = client.get(url)
    return response.status_code == 200 and marker in response.content.decode()


def _sheet_url(ctx: Ctx) -> str:
    return ctx.y("sheet", ctx.w.member.code)


def _verify_url(ctx: Ctx) -> str:
    return ctx.y("verify", ctx.w.member.code)


def _sheet_status(ctx: Ctx) -> Any:
    return ctx.sheet().status


def _my_sheet(ctx: Ctx, suffix: str = "") -> str:
    return f"/api/v1/scoring/my-sheets/{ctx.sheet().pk}/{suffix}"


def _ii2(ctx: Ctx) -> Any:
    entry = ScoreEntry.objects.filter(sheet__organization=ctx.w.member, criterion__code="II.2")
    return entry.values_list("self_value", flat=True).first()


def _save_ii2(ctx: Ctx, user: Any) -> Any:
    return sheets.save_sheet(
        cluster_year=ctx.cy,
        organization=ctx.w.member,
        user=user,
        expected_version=ctx.sheet().version,
        entries=[sheets.EntryInput(ctx.criterion("II.2").pk, value=D(11))],
    )


def _settings_data() -> dict[str, str]:
    return {
        "verification_mode": "head",
        "aggregation": "median",
        "bands": "Tốt: 80",
        "tie_break": "group:I",
    }


def _round(ctx: Ctx) -> Any:
    return list(
        ScoringRound.objects.filter(cluster_year=ctx.w.cy).values_list("status", "aggregation")
    )


def _cross_entries(ctx: Ctx) -> Any:
    return sorted(CrossEntry.objects.values_list("cross_sheet__scorer_id", "value"))


def _cross_score(ctx: Ctx, user: Any) -> Any:
    scorer = ctx.scorer(user)
    return verification.save_cross_sheet(
        cluster_year=ctx.cy,
        scorer=scorer,
        target=ctx.w.member,
        user=user,
        expected_version=selectors.cross_sheet_for(ctx.cy, scorer, ctx.w.member).version,
        values={ctx.criterion("I.1").pk: D(30)},
    )


def _cross_post(ctx: Ctx, client: Client) -> Any:
    """The page scores for the person's own unit; its version is read from the page."""
    url = ctx.y("cross_sheet", ctx.w.member.code)
    data = {f"score-{ctx.criterion('I.1').pk}": "30", "action": "save"}
    page = client.get(url)
    version = page.context["cross"].version if page.status_code == 200 else 0
    return client.post(url, {**data, "version": str(version)})


SHEET_STATES = ("draft", "past_deadline", "submitted", "approved")
WALKS = [
    Walk(
        "scoring.view_sheet",
        ("draft", "submitted", "approved"),
        obj=lambda ctx, user: ctx.sheet(),
        offered=lambda ctx, c: _page(ctx, c, _sheet_url(ctx)),
    ),
    Walk(
        "scoring.edit_sheet",
        SHEET_STATES,
        obj=lambda ctx, user: ctx.sheet(),
        offered=lambda ctx, c: _page(ctx, c, _sheet_url(ctx), 'name="self_report"'),
        post=lambda ctx, c: c.post(
            _sheet_url(ctx),
            {
                "version": str(ctx.sheet().version),
                f"value-{ctx.criterion('II.2').pk}": "11",
                "self_report": "Báo cáo tự đánh giá.",
                "action": "save",
            },
        ),
        snapshot=_ii2,
        service=_save_ii2,
        api=lambda ctx, api: api.patch(
            _my_sheet(ctx),
            {"version": ctx.sheet().version, "entries": [{"criterion": "II.2", "value": 11}]},
            format="json",
        ),
    ),
    Walk(
        "scoring.submit_sheet",
        ("draft", "past_deadline", "submitted"),
        obj=lambda ctx, user: ctx.sheet(),
        offered=lambda ctx, c: _page(ctx, c, _sheet_url(ctx), 'value="submit"'),
        post=lambda ctx, c: c.post(
            _sheet_url(ctx),
            {
                "version": str(ctx.sheet().version),
                "self_report": "Báo cáo tự đánh giá.",
                "action": "submit",
            },
        ),
        snapshot=_sheet_status,
        service=lambda ctx, user: sheets.submit_sheet(sheet=ctx.sheet(), user=user),
        api=lambda ctx, api: api.post(_my_sheet(ctx, "submit/")),
    ),
    Walk(
        "scoring.reopen_sheet",
        ("draft", "past_deadline", "submitted", "approved"),
        obj=lambda ctx, user: ctx.sheet(),
        offered=lambda ctx, c: _page(
            ctx, c, _sheet_url(ctx), ctx.y("sheet_reopen", ctx.w.member.code)
        ),
        post=lambda ctx, c: c.post(ctx.y("sheet_reopen", ctx.w.member.code), {"reason": REASON}),
        snapshot=lambda ctx: (_sheet_status(ctx), DeadlineExtension.objects.count()),
        service=lambda ctx, user: sheets.reopen_sheet(sheet=ctx.sheet(), user=user, reason=REASON),
    ),
    Walk(
        "scoring.view_verification",
        ("draft", "submitted", "verified"),
        obj=lambda ctx, user: ctx.sheet(),
        offered=lambda ctx, c: _page(ctx, c, _verify_url(ctx)),
    ),
    Walk(
        "scoring.verify_sheet",
        ("draft", "submitted", "verified", "approved"),
        obj=lambda ctx, user: ctx.sheet(),
        offered=lambda ctx, c: _page(ctx, c, _verify_url(ctx), 'name="adj-'),
        post=lambda ctx, c: c.post(ctx.y("verify_confirm", ctx.w.member.code)),
        snapshot=_sheet_status,
        service=lambda ctx, user: verification.verify_sheet(sheet=ctx.sheet(), user=user),
    ),
    Walk(
        "scoring.unverify_sheet",
        ("submitted", "verified", "approved"),
        obj=lambda ctx, user: ctx.sheet(),
        offered=lambda ctx, c: _page(ctx, c, _verify_url(ctx), 'value="undo"'),
        post=lambda ctx, c: c.post(
            ctx.y("verify_confirm", ctx.w.member.code), {"action": "undo", "reason": REASON}
        ),
        snapshot=_sheet_status,
        service=lambda ctx, user: verification.unverify_sheet(
            sheet=ctx.sheet(), user=user, reason=REASON
        ),
    ),
    Walk(
        "scoring.view_ranking",
        ("submitted", "approved"),
        obj=lambda ctx, user: ctx.cy,
        offered=lambda ctx, c: _page(ctx, c, ctx.y("ranking")),
        api=lambda ctx, api: api.get(f"/api/v1/scoring/rankings/{ctx.w.cy.pk}/"),
    ),
    Walk(
        "scoring.approve_results",
        ("all_verified", "approved"),
        obj=lambda ctx, user: ctx.cy,
        offered=lambda ctx, c: _page(ctx, c, ctx.y("ranking"), ctx.y("approve")),
        post=lambda ctx, c: c.post(ctx.y("approve")),
        snapshot=_round,
        service=lambda ctx, user: results.approve_results(cluster_year=ctx.cy, user=user),
    ),
    Walk(
        "scoring.reopen_results",
        ("all_verified", "approved"),
        obj=lambda ctx, user: ctx.cy,
        offered=lambda ctx, c: _page(ctx, c, ctx.y("ranking"), ctx.y("reopen_results")),
        post=lambda ctx, c: c.post(ctx.y("reopen_results"), {"reason": REASON}),
        snapshot=_round,
        service=lambda ctx, user: results.reopen_results(
            cluster_year=ctx.cy, user=user, reason=REASON
        ),
    ),
    Walk(
        "scoring.manage_round",
        ("submitted", "approved"),
        obj=lambda ctx, user: ctx.cy,
        offered=lambda ctx, c: _same(
            _page(ctx, c, ctx.y("settings"), 'name="aggregation"'),
            _page(ctx, c, ctx.y("overview"), ctx.y("settings")),
        ),
        post=lambda ctx, c: c.post(ctx.y("settings"), _settings_data()),
        snapshot=_round,
        service=lambda ctx, user: results.update_round_settings(
            cluster_year=ctx.cy,
            user=user,
            verification_mode="head",
            aggregation="median",
            outlier_mad_k=None,
            outlier_gap_points=None,
            bands=[{"label": "Tốt", "min": "80"}],
            tie_break=["group:I"],
        ),
    ),
    Walk(
        "scoring.view_draft_criteria",
        ("draft_set",),
        obj=lambda ctx, user: ctx.cy,
        offered=lambda ctx, c: _page(ctx, c, ctx.y("criteria"), "criteria.xlsx?v=2"),
        api=lambda ctx, api: [
            r["version"]
            for r in api.get("/api/v1/scoring/criteria-sets/?cluster=HN-C06").json()["results"]
        ],
    ),
    Walk(
        "scoring.create_criteria",
        ("no_set", "adopted", "approved"),
        obj=lambda ctx, user: ctx.cy,
        offered=lambda ctx, c: _page(ctx, c, ctx.y("criteria"), ctx.y("criteria_create")),
        post=lambda ctx, c: c.post(ctx.y("criteria_create"), {"name": "Bộ tiêu chí mới"}),
        snapshot=lambda ctx: CriteriaSet.objects.count(),
        service=lambda ctx, user: criteria.create_criteria_set(
            cluster_year=ctx.cy, user=user, name="Bộ tiêu chí mới"
        ),
    ),
    Walk(
        "scoring.edit_criteria",
        ("adopted", "draft_set"),
        obj=lambda ctx, user: ctx.criteria_set(),
        offered=lambda ctx, c: _page(ctx, c, ctx.y("criteria"), ctx.y("group_new")),
        post=lambda ctx, c: c.post(
            ctx.y("criteria_update"),
            {"name": "Đổi tên", "description": "", "max_total": "100", "bonus_cap": "10"},
        ),
        snapshot=lambda ctx: sorted(CriteriaSet.objects.values_list("name", flat=True)),
        service=lambda ctx, user: criteria.update_criteria_set(
            criteria_set=ctx.criteria_set(),
            user=user,
            name="Đổi tên",
            description="",
            max_total=D(100),
            bonus_cap=D(10),
            penalty_cap=None,
        ),
    ),
    Walk(
        "scoring.adopt_criteria",
        ("adopted", "draft_set"),
        obj=lambda ctx, user: ctx.criteria_set(),
        offered=lambda ctx, c: _page(ctx, c, ctx.y("criteria"), ctx.y("criteria_adopt")),
        post=lambda ctx, c: c.post(ctx.y("criteria_adopt"), {"adopted_on": "2023-06-01"}),
        snapshot=lambda ctx: sorted(CriteriaSet.objects.values_list("version", "status")),
        service=lambda ctx, user: criteria.adopt_criteria_set(
            criteria_set=ctx.criteria_set(), user=user, adopted_on=dt.date(2023, 6, 1)
        ),
    ),
    Walk(
        "scoring.revise_criteria",
        ("adopted", "draft_set", "approved"),
        obj=lambda ctx, user: selectors.adopted_set(ctx.cy),
        offered=lambda ctx, c: _page(ctx, c, ctx.y("criteria"), ctx.y("criteria_revise")),
        post=lambda ctx, c: c.post(ctx.y("criteria_revise"), {"reason": REASON}),
        snapshot=lambda ctx: CriteriaSet.objects.count(),
        service=lambda ctx, user: criteria.revise_criteria_set(
            criteria_set=selectors.adopted_set(ctx.cy),  # type: ignore[arg-type]
            user=user,
            reason=REASON,
        ),
    ),
    Walk(
        "scoring.view_cross",
        ("submitted", "cross"),
        obj=lambda ctx, user: ctx.cy,
        offered=lambda ctx, c: _same(
            _page(ctx, c, ctx.y("cross")), _page(ctx, c, ctx.y("overview"), ctx.y("cross"))
        ),
    ),
    Walk(
        "scoring.view_cross_matrix",
        ("submitted", "cross"),
        obj=lambda ctx, user: ctx.cy,
        offered=lambda ctx, c: _page(ctx, c, ctx.y("cross"), 'id="h-matrix"'),
    ),
    Walk(
        "scoring.view_cross_sheet",
        ("submitted", "cross"),
        obj=lambda ctx, user: ctx.cross(user),
        offered=lambda ctx, c: _page(ctx, c, ctx.y("cross_sheet", ctx.w.member.code)),
    ),
    Walk(
        "scoring.cross_score",
        ("cross", "cross_target_draft", "cross_submitted", "cross_approved"),
        obj=lambda ctx, user: ctx.cross(user),
        offered=lambda ctx, c: _page(
            ctx, c, ctx.y("cross_sheet", ctx.w.member.code), 'name="score-'
        ),
        post=_cross_post,
        snapshot=_cross_entries,
        service=_cross_score,
    ),
    Walk(
        "scoring.reopen_cross_sheet",
        ("cross_saved", "cross_submitted", "cross_approved"),
        obj=lambda ctx, user: ctx.deputy_cross(),
        post=lambda ctx, c: c.post(
            ctx.y("cross_reopen"),
            {"scorer": ctx.w.deputy.pk, "target": ctx.w.member.pk, "reason": REASON},
        ),
        snapshot=lambda ctx: list(CrossSheet.objects.values_list("status", flat=True)),
        service=lambda ctx, user: verification.reopen_cross_sheet(
            cross=ctx.deputy_cross(), user=user, reason=REASON
        ),
    ),
]
COVERED = {walk.perm for walk in WALKS}


# ----------------------------------------------------------------- the walk


@contextmanager
def undone() -> Iterator[None]:
    """Whatever happens inside is rolled back (a savepoint): the next person starts afresh."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _in_scope(user: Any, ctx: Ctx) -> bool:
    return selectors.scoring_cluster_years(user).filter(pk=ctx.w.cy.pk).exists()


def _reason_shown(response: Any, reason: str) -> bool:
    """The reason is a message after the redirect, or on the page shown again (400)."""
    if response.status_code == 302:
        return reason in [str(m) for m in get_messages(response.wsgi_request)]
    return response.status_code == 400 and escape(reason) in response.content.decode()


def _check_post(walk: Walk, ctx: Ctx, client: Client, user: Any, allowed: bool) -> None:
    assert walk.post is not None and walk.snapshot is not None
    # Asked before the POST: "not now" has a reason for this person, "not you" has none.
    not_now = refusal(user, walk.perm, walk.obj(ctx, user)) if _in_scope(user, ctx) else None
    with undone():
        before = walk.snapshot(ctx)
        response = walk.post(ctx, client)
        changed = walk.snapshot(ctx) != before
        assert changed == allowed
        if allowed:
            return
        if not_now is None:
            assert response.status_code in {403, 404}
        else:
            assert _reason_shown(response, not_now), (response.status_code, not_now)


def _check_service(walk: Walk, ctx: Ctx, user: Any, allowed: bool) -> None:
    assert walk.service is not None
    if allowed:
        with undone():
            walk.service(ctx, user)
    else:
        with pytest.raises(PermissionDenied), undone():
            walk.service(ctx, user)


def _check_api(walk: Walk, ctx: Ctx, user: Any, allowed: bool) -> None:
    assert walk.api is not None
    api = APIClient()
    api.force_authenticate(user)
    with undone():
        answer = walk.api(ctx, api)
    if isinstance(answer, list):  # a listing: the object is in it iff allowed
        assert (2 in answer) == allowed
        return
    assert (answer.status_code == 200) == allowed
    if not allowed:
        assert answer.status_code in {403, 404}


@pytest.mark.parametrize(
    ("perm", "state"),
    [(walk.perm, state) for walk in WALKS for state in walk.states],
)
def test_the_page_the_api_and_the_service_agree_with_the_permission(
    world: World, perm: str, state: str
) -> None:
    walk = next(w for w in WALKS if w.perm == perm)
    if state != "no_set":
        build_criteria_set(world.cy, world.secretariat)
    STATES[state](world)
    ctx = Ctx(world)
    decisions = {}
    for persona in PERSONAS:
        user = world.user(persona)
        allowed = user.has_perm(perm, walk.obj(ctx, user))
        decisions[persona] = allowed
        on_web = allowed and _in_scope(user, ctx)
        client = Client()
        client.force_login(user)
        if walk.offered is not None:
            assert (persona, walk.offered(ctx, client)) == (persona, on_web)
        if walk.post is not None:
            _check_post(walk, ctx, client, user, on_web)
        if walk.service is not None:
            _check_service(walk, ctx, user, allowed)
        if walk.api is not None:
            _check_api(walk, ctx, user, on_web)
    assert decisions == EXPECTED[perm, state]


# Who may, per permission and state (the personas not listed may not). Written out so that a
# change of who may do what is a visible change of this table.
MANAGERS = {"admin", "board", "secretariat"}
OWN_UNIT = {"officer", "leader"}
EVERYONE = set(PERSONAS)
_MAY: dict[tuple[str, str], set[str]] = {
    ("scoring.view_sheet", "draft"): MANAGERS | OWN_UNIT,
    ("scoring.view_sheet", "submitted"): MANAGERS | OWN_UNIT,
    ("scoring.view_sheet", "approved"): EVERYONE,
    ("scoring.edit_sheet", "draft"): OWN_UNIT,
    ("scoring.edit_sheet", "past_deadline"): set(),
    ("scoring.edit_sheet", "submitted"): set(),
    ("scoring.edit_sheet", "approved"): set(),
    ("scoring.submit_sheet", "draft"): OWN_UNIT,
    ("scoring.submit_sheet", "past_deadline"): set(),
    ("scoring.submit_sheet", "submitted"): set(),
    ("scoring.reopen_sheet", "draft"): set(),
    ("scoring.reopen_sheet", "past_deadline"): MANAGERS,
    ("scoring.reopen_sheet", "submitted"): MANAGERS,
    ("scoring.reopen_sheet", "approved"): set(),
    ("scoring.view_verification", "draft"): set(),
    ("scoring.view_verification", "submitted"): MANAGERS,
    ("scoring.view_verification", "verified"): MANAGERS,
    ("scoring.verify_sheet", "draft"): set(),
    ("scoring.verify_sheet", "submitted"): MANAGERS,
    ("scoring.verify_sheet", "verified"): set(),
    ("scoring.verify_sheet", "approved"): set(),
    ("scoring.unverify_sheet", "submitted"): set(),
    ("scoring.unverify_sheet", "verified"): MANAGERS,
    ("scoring.unverify_sheet", "approved"): set(),
    ("scoring.view_ranking", "submitted"): MANAGERS,
    ("scoring.view_ranking", "approved"): EVERYONE,
    ("scoring.approve_results", "all_verified"): MANAGERS,
    ("scoring.approve_results", "approved"): set(),
    ("scoring.reopen_results", "all_verified"): set(),
    ("scoring.reopen_results", "approved"): {"admin", "board"},
    ("scoring.manage_round", "submitted"): MANAGERS,
    ("scoring.manage_round", "approved"): set(),
    ("scoring.view_draft_criteria", "draft_set"): MANAGERS,
    ("scoring.create_criteria", "no_set"): MANAGERS,
    ("scoring.create_criteria", "adopted"): set(),
    ("scoring.create_criteria", "approved"): set(),
    ("scoring.edit_criteria", "adopted"): set(),
    ("scoring.edit_criteria", "draft_set"): MANAGERS,
    ("scoring.adopt_criteria", "adopted"): set(),
    ("scoring.adopt_criteria", "draft_set"): MANAGERS,
    ("scoring.revise_criteria", "adopted"): MANAGERS,
    ("scoring.revise_criteria", "draft_set"): set(),
    ("scoring.revise_criteria", "approved"): set(),
    ("scoring.view_cross", "submitted"): set(),
    ("scoring.view_cross", "cross"): MANAGERS | OWN_UNIT | {"deputy_officer"},
    ("scoring.view_cross_matrix", "submitted"): set(),
    ("scoring.view_cross_matrix", "cross"): MANAGERS,
    ("scoring.view_cross_sheet", "submitted"): set(),
    ("scoring.view_cross_sheet", "cross"): {"secretariat", "deputy_officer"},
    ("scoring.cross_score", "cross"): {"secretariat", "deputy_officer"},
    ("scoring.cross_score", "cross_target_draft"): set(),
    ("scoring.cross_score", "cross_submitted"): {"secretariat"},
    ("scoring.cross_score", "cross_approved"): set(),
    ("scoring.reopen_cross_sheet", "cross_saved"): set(),
    ("scoring.reopen_cross_sheet", "cross_submitted"): MANAGERS,
    ("scoring.reopen_cross_sheet", "cross_approved"): set(),
}
EXPECTED = {key: {p: p in may for p in PERSONAS} for key, may in _MAY.items()}


def test_the_expected_table_covers_every_walk() -> None:
    assert sorted(EXPECTED) == sorted((w.perm, s) for w in WALKS for s in w.states)
