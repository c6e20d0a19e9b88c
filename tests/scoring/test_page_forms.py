"""The scoring pages show the form's own message when a field is invalid (a too-long name, a
date that is not a date, a stray control character), and change nothing. Before, six places
ignored ``form.is_valid()``: they answered "name required", or went on with the field dropped."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import World
from tests.factories_scoring import fill_sheet
from tests.scoring.conftest import ScoringWorld
from thidua.scoring import selectors
from thidua.scoring.enums import RoundStatus, SheetStatus
from thidua.scoring.forms import AdoptForm, CriteriaSetCreateForm, ReopenSheetForm
from thidua.scoring.models import CriteriaSet, ScoreSheet, ScoringRound
from thidua.scoring.services import criteria, results, verification

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Y = ("HN-C06", 2023)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_message(form_class: Any, data: dict[str, str], field: str) -> str:
    """The form's own message for ``field`` (in Vietnamese, as the page shows it)."""
    with translation.override("vi"):
        form = form_class(data)
        assert not form.is_valid()
        return f"{form.fields[field].label}: {form.errors[field][0]}"


def refused_for_nul(response: Any) -> bool:
    """A NUL character is refused before the form sees it (``core.middleware.RejectNulMiddleware``):
    400 with the one message, nothing changed."""
    return response.status_code == 400 and "Yêu cầu chứa ký tự không hợp lệ." in (
        response.content.decode()
    )


def _all_verified(sw: ScoringWorld) -> None:
    w = sw.w
    for org, user in ((w.head, w.secretariat), (w.deputy, w.deputy_officer), (w.member, w.officer)):
        fill_sheet(sw.cy, org, user)
    verification.verify_sheet(sheet=selectors.sheet_for(sw.cy, w.head), user=w.deputy_officer)
    for org in (w.deputy, w.member):
        verification.verify_sheet(sheet=selectors.sheet_for(sw.cy, org), user=w.secretariat)


def test_a_too_long_criteria_set_name_shows_the_forms_message(world: World) -> None:
    data = {"name": "Bộ tiêu chí " + "x" * 300}
    page = (
        client_for(world.secretariat)
        .post(reverse("scoring:criteria_create", args=Y), data, follow=True)
        .content.decode()
    )
    assert form_message(CriteriaSetCreateForm, data, "name") in page
    assert "Cần đặt tên cho bộ tiêu chí." not in page
    assert CriteriaSet.objects.count() == 0


def test_a_too_long_pledge_reference_shows_the_forms_message(sw: ScoringWorld) -> None:
    criteria.revise_criteria_set(criteria_set=sw.cs, user=sw.w.secretariat, reason="Sửa")
    data = {"adopted_on": "2023-06-01", "pledge_ref": "G" * 301}
    page = (
        client_for(sw.w.secretariat)
        .post(reverse("scoring:criteria_adopt", args=Y), data, follow=True)
        .content.decode()
    )
    assert form_message(AdoptForm, data, "pledge_ref") in page
    assert "Cần ghi ngày thông qua bộ tiêu chí." not in page
    assert selectors.draft_set(sw.cy) is not None  # still a draft


def test_a_revision_reason_with_a_nul_character_is_refused(
    sw: ScoringWorld,
) -> None:
    response = client_for(sw.w.secretariat).post(
        reverse("scoring:criteria_revise", args=Y), {"reason": "Sửa\x00"}, follow=True
    )
    assert refused_for_nul(response)
    assert CriteriaSet.objects.filter(cluster_year=sw.w.cy).count() == 1


def test_an_approval_note_with_a_nul_character_approves_nothing(sw: ScoringWorld) -> None:
    _all_verified(sw)
    response = client_for(sw.w.secretariat).post(
        reverse("scoring:approve", args=Y), {"note": "Hội nghị\x00"}, follow=True
    )
    assert refused_for_nul(response)
    assert ScoringRound.objects.get().status == RoundStatus.OPEN


def test_a_reopening_reason_with_a_nul_character_is_refused(
    sw: ScoringWorld,
) -> None:
    _all_verified(sw)
    results.approve_results(cluster_year=sw.cy, user=sw.w.secretariat)
    response = client_for(sw.w.board).post(
        reverse("scoring:reopen_results", args=Y), {"reason": "Khiếu nại\x00"}, follow=True
    )
    assert refused_for_nul(response)
    assert ScoringRound.objects.get().status == RoundStatus.APPROVED


def test_reopening_a_sheet_with_a_date_that_is_not_a_date_changes_nothing(
    sw: ScoringWorld,
) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    data = {"reason": "Thiếu số liệu", "until": "31/02/2024"}
    url = reverse("scoring:sheet_reopen", args=[*Y, sw.w.member.code])
    page = client_for(sw.w.secretariat).post(url, data, follow=True).content.decode()
    assert form_message(ReopenSheetForm, data, "until") in page
    assert ScoreSheet.objects.get(organization=sw.w.member).status == SheetStatus.SUBMITTED


def test_a_valid_reopening_date_is_the_units_new_deadline(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    until = timezone.localdate() + dt.timedelta(days=3)
    url = reverse("scoring:sheet_reopen", args=[*Y, sw.w.member.code])
    page = (
        client_for(sw.w.secretariat)
        .post(url, {"reason": "Thiếu số liệu", "until": until.isoformat()}, follow=True)
        .content.decode()
    )
    assert "Đã mở lại bảng điểm cho Sở Nội vụ." in page
    assert ScoreSheet.objects.get(organization=sw.w.member).status == SheetStatus.DRAFT
