"""Correcting an adoption date recorded wrongly (issue 12): a 2023 plan "adopted" on
01/01/2022 before the date was validated. The people who record adoptions correct it with a
reason; the old and new dates and the reason are audited; the plan step's date follows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.planning import services
from thidua.planning.enums import PlanKind
from thidua.planning.models import PlanVersion, StepCompletion

pytestmark = [pytest.mark.django_db]

V1 = "/planning/HN-C06/2023/plans/work-plan/1/"
FIX = V1 + "correct-adoption/"
WRONG = dt.date(2022, 1, 1)


@pytest.fixture
def misdated(world: World, adopted: PlanVersion) -> PlanVersion:
    """Bản 1 adopted (and the plan step done) on 01/01/2022, as saved before the check existed."""
    PlanVersion.objects.filter(pk=adopted.pk).update(adopted_on=WRONG)
    StepCompletion.objects.filter(cluster_year=world.cy).update(done_on=WRONG)
    adopted.refresh_from_db()
    return adopted


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def _adopted_on(version: PlanVersion) -> dt.date | None:
    version.refresh_from_db()
    return version.adopted_on


def _step_done_on(world: World) -> dt.date:
    return StepCompletion.objects.get(cluster_year=world.cy).done_on


# ---------------------------------------------------------------- the service


@pytest.mark.unit
def test_the_secretariat_corrects_a_misdated_plan_and_the_plan_step_follows(
    world: World, misdated: PlanVersion
) -> None:
    services.correct_plan_adoption(
        user=world.secretariat,
        plan=misdated,
        adopted_on=dt.date(2023, 1, 15),
        reason="Ghi nhầm năm; theo biên bản hội nghị",
    )
    assert (_adopted_on(misdated), _step_done_on(world)) == (dt.date(2023, 1, 15),) * 2
    event = AuditEvent.objects.get(action="plan.version.correct_adoption")
    assert (event.before, event.after["adopted_on"], event.note, event.actor_id) == (
        {"adopted_on": "2022-01-01"},
        "2023-01-15",
        "Ghi nhầm năm; theo biên bản hội nghị",
        world.secretariat.pk,
    )
    step = AuditEvent.objects.get(action="cluster_year.step.correct")
    assert (step.before["done_on"], step.after["done_on"], step.note) == (
        "2022-01-01",
        "2023-01-15",
        "Ghi nhầm năm; theo biên bản hội nghị",
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    ("day", "reason", "message"),
    [
        (dt.date(2023, 1, 15), "  ", "Cần ghi lý do sửa ngày thông qua."),
        (
            dt.date(2022, 1, 2),
            "Ghi nhầm",
            "Ngày thông qua (02/01/2022) phải trong năm 2023 hoặc cuối năm 2022 (từ 01/10/2022).",
        ),
        (dt.date(2099, 1, 1), "Ghi nhầm", "Ngày thông qua (01/01/2099) không được ở tương lai."),
        (
            WRONG,
            "Ghi nhầm",
            "Ngày thông qua mới trùng với ngày đã ghi (01/01/2022); không có gì để sửa.",
        ),
    ],
)
def test_a_bad_correction_says_why_and_changes_nothing(
    world: World, misdated: PlanVersion, day: dt.date, reason: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.correct_plan_adoption(
            user=world.secretariat, plan=misdated, adopted_on=day, reason=reason
        )
    assert exc.value.messages == [message]
    assert (_adopted_on(misdated), _step_done_on(world)) == (WRONG, WRONG)
    assert not AuditEvent.objects.filter(action__endswith=".correct_adoption").exists()


@pytest.mark.unit
def test_a_draft_has_no_adoption_date_to_correct(world: World, draft: PlanVersion) -> None:
    with pytest.raises(PermissionDenied) as exc:
        services.correct_plan_adoption(
            user=world.secretariat, plan=draft, adopted_on=dt.date(2023, 1, 15), reason="x"
        )
    assert "chưa được thông qua" in str(exc.value)
    assert _adopted_on(draft) is None


@pytest.mark.unit
def test_a_member_unit_may_not_correct(world: World, misdated: PlanVersion) -> None:
    with pytest.raises(PermissionDenied):
        services.correct_plan_adoption(
            user=world.officer, plan=misdated, adopted_on=dt.date(2023, 1, 15), reason="x"
        )
    assert _adopted_on(misdated) == WRONG


@pytest.mark.unit
def test_an_amendment_cannot_be_dated_before_the_version_it_amends(
    world: World, adopted: PlanVersion
) -> None:
    amendment = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.WORK_PLAN, title="Sửa đổi", by=world.secretariat
    )
    services.adopt_plan_version(
        version=amendment, adopted_on=dt.date(2023, 6, 1), by=world.secretariat
    )
    with pytest.raises(ValidationError) as exc:
        services.correct_plan_adoption(
            user=world.secretariat, plan=amendment, adopted_on=dt.date(2023, 2, 1), reason="x"
        )
    assert exc.value.messages == [
        "Ngày thông qua (01/02/2023) không được trước ngày thông qua bản 1 (10/02/2023) "
        "mà bản này sửa đổi."
    ]
    with pytest.raises(ValidationError):
        services.correct_plan_adoption(
            user=world.secretariat, plan=adopted, adopted_on=dt.date(2023, 7, 1), reason="x"
        )
    # Correcting the amendment does not move the step: it was done by bản 1.
    services.correct_plan_adoption(
        user=world.secretariat, plan=amendment, adopted_on=dt.date(2023, 6, 2), reason="x"
    )
    assert _step_done_on(world) == dt.date(2023, 2, 10)


@pytest.mark.unit
def test_the_step_date_is_the_last_first_adoption_of_the_plan_documents(
    world: World, draft: PlanVersion
) -> None:
    rules = services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.RULES, title="Quy chế", by=world.secretariat
    )
    services.adopt_plan_version(
        version=draft, adopted_on=dt.date(2023, 2, 10), by=world.secretariat
    )
    services.adopt_plan_version(
        version=rules, adopted_on=dt.date(2023, 2, 12), by=world.secretariat
    )
    services.correct_plan_adoption(
        user=world.secretariat, plan=rules, adopted_on=dt.date(2023, 2, 1), reason="Nhầm ngày"
    )
    assert _step_done_on(world) == dt.date(2023, 2, 10)


# ---------------------------------------------------------------- the page


@pytest.mark.integration
def test_the_version_page_offers_the_correction_to_those_who_may(
    world: World, misdated: PlanVersion
) -> None:
    assert 'href="' + FIX + '"' in _client(world, "secretariat").get(V1).content.decode()
    assert FIX not in _client(world, "officer").get(V1).content.decode()


@pytest.mark.integration
def test_correcting_through_the_page_fixes_the_plans_page_too(
    world: World, misdated: PlanVersion
) -> None:
    client = _client(world, "board")
    assert client.get(FIX).status_code == 200
    response = client.post(FIX, {"adopted_on": "2023-01-15", "reason": "Ghi nhầm năm"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã sửa ngày thông qua bản 1 từ 01/01/2022 thành 15/01/2023."
    ]
    assert _adopted_on(misdated) == dt.date(2023, 1, 15)
    page = client.get("/planning/HN-C06/2023/plans/")
    assert page.context["completion"].done_on == dt.date(2023, 1, 15)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"adopted_on": "2023-01-15", "reason": ""}, "reason", "Cần ghi lý do sửa ngày thông qua."),
        (
            {"adopted_on": "2024-01-01", "reason": "Nhầm"},
            "__all__",
            "Ngày thông qua (01/01/2024) phải trong năm 2023 hoặc cuối năm 2022 (từ 01/10/2022).",
        ),
        ({"adopted_on": "15/13/2023", "reason": "Nhầm"}, "adopted_on", None),
    ],
)
def test_bad_input_on_the_page_changes_nothing(
    world: World, misdated: PlanVersion, data: dict[str, str], field: str, message: str | None
) -> None:
    response = _client(world, "secretariat").post(FIX, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert message in errors[field]
    assert (_adopted_on(misdated), _step_done_on(world)) == (WRONG, WRONG)
    assert not AuditEvent.objects.filter(action="plan.version.correct_adoption").exists()


@pytest.mark.integration
@pytest.mark.parametrize(("persona", "status"), [("officer", 403), ("outsider", 404)])
def test_people_who_may_not_correct_are_refused(
    world: World, misdated: PlanVersion, persona: str, status: int
) -> None:
    client = _client(world, persona)
    assert client.get(FIX).status_code == status
    response = client.post(FIX, {"adopted_on": "2023-01-15", "reason": "Nhầm"})
    assert response.status_code == status
    assert _adopted_on(misdated) == WRONG


@pytest.mark.integration
def test_the_page_of_a_draft_says_there_is_nothing_to_correct(
    world: World, draft: PlanVersion
) -> None:
    response = _client(world, "secretariat").post(
        FIX, {"adopted_on": "2023-01-15", "reason": "Nhầm"}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Bản 1 chưa được thông qua nên chưa có ngày thông qua để sửa; hãy ghi nhận thông qua."
    ]
    assert _adopted_on(draft) is None


# ---------------------------------------------------------------- the API


@pytest.mark.integration
@pytest.mark.parametrize(
    ("persona", "data", "status"),
    [
        ("secretariat", {"adopted_on": "2023-01-15", "reason": "Ghi nhầm năm"}, 200),
        ("secretariat", {"adopted_on": "2023-01-15", "reason": ""}, 400),
        ("secretariat", {"adopted_on": "2024-01-01", "reason": "Nhầm"}, 400),
        ("officer", {"adopted_on": "2023-01-15", "reason": "Nhầm"}, 403),
        ("outsider", {"adopted_on": "2023-01-15", "reason": "Nhầm"}, 404),
    ],
)
def test_the_api_corrects_with_the_same_rules(
    world: World, misdated: PlanVersion, persona: str, data: dict[str, str], status: int
) -> None:
    client = APIClient()
    client.force_authenticate(world.user(persona))
    url = f"/api/v1/plan-versions/{misdated.pk}/correct-adoption/"
    response = client.post(url, data, format="json")
    assert response.status_code == status, response.content
    expected = dt.date(2023, 1, 15) if status == 200 else WRONG
    assert _adopted_on(misdated) == expected
    if status == 200:
        assert response.json()["adopted_on"] == "2023-01-15"
