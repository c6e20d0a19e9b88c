"""The REST API: criteria sets (read, scoped), my sheet (read, update with the version,
submit) and rankings (read, 403 before publication)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories_scoring import build_criteria_set, fill_sheet
from tests.scoring.conftest import ScoringWorld
from thidua.scoring.models import ScoreEntry, ScoreSheet
from thidua.scoring.services.criteria import revise_criteria_set

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_criteria_sets_are_read_within_the_scope(sw: ScoringWorld) -> None:
    body = api(sw.w.officer).get("/api/v1/scoring/criteria-sets/?cluster=HN-C06&year=2023").json()
    assert body["count"] == 1
    result = body["results"][0]
    assert (result["cluster"], result["year"], result["status"], result["max_total"]) == (
        "HN-C06",
        2023,
        "adopted",
        "100.00",
    )
    assert [g["code"] for g in result["groups"]] == ["I", "II", "III", "TH", "TR"]
    assert [c["code"] for c in result["groups"][0]["criteria"]] == ["I.1", "I.2"]
    assert api(sw.w.outsider).get("/api/v1/scoring/criteria-sets/").json()["count"] == 0


def test_draft_versions_are_visible_only_to_the_secretariat(sw: ScoringWorld) -> None:
    revise_criteria_set(criteria_set=sw.cs, user=sw.w.secretariat, reason="Sửa II.2")
    officer = api(sw.w.officer).get("/api/v1/scoring/criteria-sets/").json()
    secretariat = api(sw.w.secretariat).get("/api/v1/scoring/criteria-sets/").json()
    assert [r["version"] for r in officer["results"]] == [1]
    assert [r["version"] for r in secretariat["results"]] == [2, 1]


def test_my_sheet_is_read_and_updated_with_its_version(sw: ScoringWorld) -> None:
    client = api(sw.w.officer)
    sheets = client.get("/api/v1/scoring/my-sheets/").json()["results"]
    assert [(s["organization"], s["status"], s["version"]) for s in sheets] == [
        (sw.w.member.code, "draft", 1)
    ]
    url = f"/api/v1/scoring/my-sheets/{sheets[0]['id']}/"
    response = client.patch(
        url,
        {
            "version": 1,
            "self_report": "Tốt",
            "entries": [{"criterion": "I.1", "value": "36.5"}, {"criterion": "I.2", "measure": 90}],
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["self_report"]) == (2, "Tốt")
    assert {e["criterion"]: e["self_value"] for e in body["entries"]} == {
        "I.1": "36.50",
        "I.2": "18.00",
    }


def test_a_stale_version_gets_409_with_the_differences(sw: ScoringWorld) -> None:
    client = api(sw.w.officer)
    sheet_id = ScoreSheet.objects.get(organization=sw.w.member).pk
    url = f"/api/v1/scoring/my-sheets/{sheet_id}/"
    client.patch(url, {"version": 1, "entries": [{"criterion": "I.1", "value": 30}]}, format="json")
    response = api(sw.w.leader).patch(
        url, {"version": 1, "entries": [{"criterion": "I.1", "value": 39}]}, format="json"
    )
    body = response.json()
    assert response.status_code == 409
    assert (body["current_version"], body["conflicts"]) == (
        2,
        [{"criterion": "I.1", "theirs": "30.00", "yours": "39.00"}],
    )
    assert ScoreEntry.objects.get().self_value == Decimal(30)


def test_bad_values_get_400_with_the_vietnamese_message(sw: ScoringWorld) -> None:
    sheet_id = ScoreSheet.objects.get(organization=sw.w.member).pk
    response = api(sw.w.officer).patch(
        f"/api/v1/scoring/my-sheets/{sheet_id}/",
        {
            "version": 1,
            "entries": [{"criterion": "I.1", "value": 41}, {"criterion": "X.9", "value": 1}],
        },
        format="json",
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Mã tiêu chí “X.9” không có trong bộ tiêu chí.", "code": "unknown_criterion"},
    )
    response = api(sw.w.officer).patch(
        f"/api/v1/scoring/my-sheets/{sheet_id}/",
        {"version": 1, "entries": [{"criterion": "I.1", "value": 41}]},
        format="json",
    )
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Tiêu chí I.1: 41 vượt điểm tối đa 40",
    )
    assert ScoreEntry.objects.count() == 0


def test_another_units_sheet_is_not_found(sw: ScoringWorld) -> None:
    other = ScoreSheet.objects.get(organization=sw.w.deputy).pk
    response = api(sw.w.officer).patch(
        f"/api/v1/scoring/my-sheets/{other}/", {"version": 1, "entries": []}, format="json"
    )
    assert response.status_code == 404


def test_submit_through_the_api_reports_what_is_missing(sw: ScoringWorld) -> None:
    sheet_id = ScoreSheet.objects.get(organization=sw.w.member).pk
    response = api(sw.w.officer).post(f"/api/v1/scoring/my-sheets/{sheet_id}/submit/")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Chưa nộp được bảng tự chấm điểm. Còn thiếu: ")


def test_ranking_is_forbidden_to_units_before_publication(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"II.2": Decimal(10)})
    url = f"/api/v1/scoring/rankings/{sw.w.cy.pk}/"
    assert api(sw.w.officer).get(url).status_code == 403
    assert api(sw.w.outsider).get(url).status_code == 404
    body = api(sw.w.secretariat).get(url).json()
    assert (body["approved"], body["rows"][0]["organization"], body["rows"][0]["total"]) == (
        False,
        sw.w.member.code,
        "95.00",
    )
    assert body["rows"][0]["groups"] == {
        "I": "60.00",
        "II": "20.00",
        "III": "15.00",
        "TH": "0.00",
        "TR": "0.00",
    }
    listed = api(sw.w.board).get("/api/v1/scoring/rankings/?cluster=HN-C06").json()
    assert [r["cluster"] for r in listed] == ["HN-C06"]


def test_a_second_cluster_is_not_listed_to_its_outsiders(sw: ScoringWorld) -> None:
    build_criteria_set(sw.w.other_cy, sw.w.admin)
    listed = api(sw.w.board).get("/api/v1/scoring/rankings/").json()
    assert [r["cluster"] for r in listed] == ["HN-C06"]
