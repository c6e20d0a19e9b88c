"""The scoring pages through the Django test client: one allowed and one denied test for every
protected view (404 outside the scope, 403 when visible but not allowed), and the behaviour of
the main pages (save, conflict, htmx row, submit, verification, approval)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, ClusterYearFactory
from tests.factories_scoring import fill_sheet, fresh, pdf
from tests.scoring.conftest import ScoringWorld
from thidua.clusters.deadlines import set_deadline
from thidua.clusters.enums import CycleStep
from thidua.scoring import selectors
from thidua.scoring.enums import SheetStatus, VerificationMode
from thidua.scoring.models import (
    CriteriaGroup,
    Criterion,
    Evidence,
    ScoreEntry,
    ScoreSheet,
    ScoringRound,
)
from thidua.scoring.services import criteria, results, verification

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = Decimal


@pytest.fixture
def ready(sw: ScoringWorld) -> ScoringWorld:
    """The member unit has submitted its sheet (with evidence); results not approved."""
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    return sw


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


Y = ("HN-C06", 2023)


def _url(sw: ScoringWorld, name: str) -> str:
    evidence = Evidence.objects.first()
    criteria_set = selectors.draft_set(sw.cy) or sw.cs
    group = CriteriaGroup.objects.filter(criteria_set=criteria_set).first()
    criterion = Criterion.objects.filter(criteria_set=criteria_set).first()
    member = sw.w.member.code
    args: dict[str, tuple[Any, ...]] = {
        "overview": Y,
        "criteria": Y,
        "criteria_xlsx": Y,
        "criteria_create": Y,
        "criteria_update": Y,
        "criteria_adopt": Y,
        "criteria_revise": Y,
        "criteria_import": Y,
        "group_new": Y,
        "group_edit": (*Y, group.pk if group else 0),
        "group_delete": (*Y, group.pk if group else 0),
        "criterion_new": Y,
        "criterion_edit": (*Y, criterion.pk if criterion else 0),
        "criterion_delete": (*Y, criterion.pk if criterion else 0),
        "settings": Y,
        "ranking": Y,
        "approve": Y,
        "reopen_results": Y,
        "export_xlsx": Y,
        "sheet": (*Y, member),
        "sheet_reopen": (*Y, member),
        "sheet_row": (*Y, member, criterion.pk if criterion else 0),
        "sheet_xlsx": (*Y, member),
        "sheet_import": (*Y, member),
        "verify": (*Y, member),
        "verify_confirm": (*Y, member),
        "cross": Y,
        "cross_reopen": Y,
        "evidence": (evidence.pk if evidence else 0,),
        "evidence_delete": (evidence.pk if evidence else 0,),
    }
    return reverse(f"scoring:{name}", args=args[name])


def _approve(sw: ScoringWorld) -> None:
    w = sw.w
    fill_sheet(sw.cy, w.head, w.secretariat)
    fill_sheet(sw.cy, w.deputy, w.deputy_officer)
    verification.verify_sheet(sheet=selectors.sheet_for(sw.cy, w.head), user=w.deputy_officer)
    for org in (w.deputy, w.member):
        verification.verify_sheet(sheet=selectors.sheet_for(sw.cy, org), user=w.secretariat)
    results.approve_results(cluster_year=sw.cy, user=w.secretariat)


def _cross_year(sw: ScoringWorld) -> None:
    results.update_round_settings(
        cluster_year=sw.cy,
        user=sw.w.secretariat,
        verification_mode=VerificationMode.CROSS,
        aggregation="mean",
        outlier_mad_k=D(3),
        outlier_gap_points=D(3),
        bands=[{"label": "Tốt", "min": "0"}],
        tie_break=["group:I"],
    )


def _next_year(sw: ScoringWorld) -> None:
    """2024 of the same cluster, same members and head, no criteria set yet."""
    w = sw.w
    cy = ClusterYearFactory(cluster=w.cy.cluster, year=2024, head=w.head, deputy=w.deputy)
    for org in (w.head, w.deputy, w.member):
        ClusterMembershipFactory(cluster_year=cy, organization=org)


# The state each action needs (the permission includes the state): a draft criteria set (a
# new version being written), the unit's sheet back in draft, approved results, a
# cross-scoring year. In the state of ``ready`` (adopted set, the member's sheet submitted,
# head-unit verification, results open) these actions are refused to everyone (403).
STATES: dict[str, Any] = {
    "draft_set": lambda sw: criteria.revise_criteria_set(
        criteria_set=sw.cs, user=sw.w.secretariat, reason="Sửa"
    ),
    "draft_sheet": lambda sw: ScoreSheet.objects.filter(organization=sw.w.member).update(
        status=SheetStatus.DRAFT
    ),
    "approved": _approve,
    "cross": _cross_year,
    "next_year": _next_year,
}

# view, method, allowed persona (status), denied persona (status), state
PERMISSIONS = [
    ("overview", "get", ("officer", 200), ("outsider", 404), None),
    ("criteria", "get", ("viewer", 200), ("outsider", 404), None),
    ("criteria_xlsx", "get", ("officer", 200), ("outsider", 404), None),
    ("criteria_create", "post", ("secretariat", 302), ("officer", 403), "next_year"),
    ("criteria_update", "post", ("secretariat", 302), ("officer", 403), "draft_set"),
    ("criteria_adopt", "post", ("secretariat", 302), ("deputy_officer", 403), "draft_set"),
    ("criteria_revise", "post", ("secretariat", 302), ("officer", 403), None),
    ("criteria_import", "get", ("secretariat", 200), ("officer", 403), "draft_set"),
    ("group_new", "get", ("secretariat", 200), ("officer", 403), "draft_set"),
    ("group_edit", "get", ("board", 200), ("officer", 403), "draft_set"),
    ("group_delete", "post", ("secretariat", 302), ("other_board", 404), "draft_set"),
    ("criterion_new", "get", ("secretariat", 200), ("leader", 403), "draft_set"),
    ("criterion_edit", "get", ("secretariat", 200), ("officer", 403), "draft_set"),
    ("criterion_delete", "post", ("secretariat", 302), ("officer", 403), "draft_set"),
    ("settings", "get", ("secretariat", 200), ("officer", 403), None),
    ("ranking", "get", ("secretariat", 200), ("officer", 403), None),
    ("approve", "post", ("secretariat", 302), ("officer", 403), None),
    ("reopen_results", "post", ("board", 302), ("secretariat", 403), "approved"),
    ("export_xlsx", "get", ("board", 200), ("council", 403), None),
    ("sheet", "get", ("officer", 200), ("deputy_officer", 404), None),
    ("sheet", "post", ("officer", 302), ("secretariat", 403), "draft_sheet"),
    ("sheet_row", "post", ("officer", 302), ("secretariat", 403), "draft_sheet"),
    ("sheet_reopen", "post", ("secretariat", 302), ("officer", 403), None),
    ("sheet_xlsx", "get", ("leader", 200), ("outsider", 404), None),
    ("sheet_import", "get", ("officer", 200), ("secretariat", 403), "draft_sheet"),
    ("verify", "get", ("secretariat", 200), ("officer", 403), None),
    ("verify_confirm", "post", ("secretariat", 302), ("leader", 403), None),
    ("cross", "get", ("secretariat", 200), ("viewer", 403), "cross"),
    ("cross_reopen", "post", ("secretariat", 302), ("officer", 403), "cross"),
    ("evidence", "get", ("officer", 200), ("deputy_officer", 404), None),
    ("evidence_delete", "post", ("officer", 302), ("secretariat", 403), "draft_sheet"),
]


@pytest.mark.parametrize(("view", "method", "allowed", "denied", "state"), PERMISSIONS)
def test_each_view_allows_its_users_and_denies_the_others(
    ready: ScoringWorld,
    *,
    view: str,
    method: str,
    allowed: tuple[str, int],
    denied: tuple[str, int],
    state: str | None,
) -> None:
    if state is not None:
        STATES[state](ready)
    url = _url(ready, view)
    if state == "next_year":  # a year without a criteria set
        url = reverse(f"scoring:{view}", args=["HN-C06", 2024])
    data = {}
    if view == "sheet" and method == "post":
        data = {"version": str(ScoreSheet.objects.get(organization=ready.w.member).version)}
    results_of = {}
    for persona, expected in (denied, allowed):  # denied first: it must change nothing
        client = client_for(ready.w.user(persona))
        response = getattr(client, method)(url, data)
        if response.streaming:  # reading a download to the end closes its file
            b"".join(response.streaming_content)
        results_of[persona] = response.status_code
        assert (persona, response.status_code) == (persona, expected)
    assert results_of == {denied[0]: denied[1], allowed[0]: allowed[1]}


ADOPTED = "Bộ tiêu chí “Bộ tiêu chí thử” (phiên bản 1) đã được thông qua, không sửa trực tiếp được."
HANDED_IN = "Bảng tự chấm điểm đã nộp, không sửa được nữa."


@pytest.mark.parametrize(
    ("view", "method", "persona", "reason", "form_field"),
    [
        ("criteria_update", "post", "secretariat", ADOPTED, None),
        ("group_new", "get", "secretariat", ADOPTED, 'name="code"'),
        (
            "reopen_results",
            "post",
            "board",
            "Kết quả chấm điểm chưa được phê duyệt, không có gì để mở lại.",
            None,
        ),
        ("sheet_row", "post", "officer", HANDED_IN, None),
        ("sheet_import", "get", "officer", HANDED_IN, 'name="file"'),
    ],
)
def test_the_right_person_in_the_wrong_state_reads_why_where_they_work(
    ready: ScoringWorld,
    *,
    view: str,
    method: str,
    persona: str,
    reason: str,
    form_field: str | None,
) -> None:
    """Adopted criteria, a submitted sheet, open results stop the people who take these
    actions: a page offers no form and says why; a POST sends them back to the page with the
    reason as a message (not a 403, which is for people who may never act)."""
    client = client_for(ready.w.user(persona))
    data = {  # valid input: the state is what stops the person
        "criteria_update": {"name": "Đổi tên", "max_total": "100", "bonus_cap": "10"},
        "reopen_results": {"reason": "Lý do"},
    }.get(view, {})
    response = getattr(client, method)(_url(ready, view), data)
    if method == "post":
        assert response.status_code == 302
        response = client.get(response["Location"])
    page = response.content.decode()
    assert (response.status_code, reason in page) == (200, True)
    if form_field is not None:
        assert form_field not in page


def test_anonymous_users_are_sent_to_the_login_page(ready: ScoringWorld) -> None:
    response = Client().get(_url(ready, "sheet"))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")


def test_a_unit_sees_only_its_own_sheet_until_results_are_published(ready: ScoringWorld) -> None:
    w = ready.w
    fill_sheet(ready.cy, w.head, w.secretariat)
    fill_sheet(ready.cy, w.deputy, w.deputy_officer)
    url = _url(ready, "sheet")
    assert client_for(w.deputy_officer).get(url).status_code == 404
    assert client_for(w.viewer).get(url).status_code == 404
    overview = client_for(w.deputy_officer).get(_url(ready, "overview")).content.decode()
    assert ("Sở Nội vụ" in overview, "Sở Ngoại vụ" in overview) == (False, True)
    verification.verify_sheet(sheet=selectors.sheet_for(ready.cy, w.head), user=w.deputy_officer)
    for org in (w.deputy, w.member):
        verification.verify_sheet(sheet=selectors.sheet_for(ready.cy, org), user=w.secretariat)
    results.approve_results(cluster_year=fresh(w.cy), user=w.secretariat)
    assert client_for(w.deputy_officer).get(url).status_code == 200
    assert client_for(w.officer).get(_url(ready, "ranking")).status_code == 200


def test_the_unit_saves_its_sheet_through_the_page(sw: ScoringWorld, media: Any) -> None:
    w = sw.w
    i1, i2 = sw.c("I.1"), sw.c("I.2")
    response = client_for(w.officer).post(
        _url(sw, "sheet"),
        {
            "version": "1",
            f"value-{i1.pk}": "35,5",
            f"orig-{i1.pk}": "",
            f"note-{i1.pk}": "Hoàn thành 240/247 nhiệm vụ",
            f"measure-{i2.pk}": "95",
            f"evidence-{i1.pk}": pdf("bao-cao.pdf"),
            "self_report": "Đơn vị hoàn thành tốt nhiệm vụ.",
            "action": "save",
        },
        follow=True,
    )
    entries = {
        e.criterion.code: (e.self_value, e.measure, e.note)
        for e in ScoreEntry.objects.filter(sheet__organization=w.member).select_related("criterion")
    }
    assert entries == {
        "I.1": (D("35.5"), None, "Hoàn thành 240/247 nhiệm vụ"),
        "I.2": (D(19), D(95), ""),
    }
    assert Evidence.objects.get().original_name == "bao-cao.pdf"
    assert "Đã lưu bảng điểm." in response.content.decode()


def test_a_bad_cell_is_shown_and_nothing_is_saved(sw: ScoringWorld) -> None:
    i1 = sw.c("I.1")
    response = client_for(sw.w.officer).post(
        _url(sw, "sheet"), {"version": "1", f"value-{i1.pk}": "45", "action": "save"}
    )
    assert response.status_code == 400
    assert "Tiêu chí I.1: 45 vượt điểm tối đa 40" in response.content.decode()
    assert ScoreEntry.objects.count() == 0
    response = client_for(sw.w.officer).post(
        _url(sw, "sheet"), {"version": "1", f"value-{i1.pk}": "abc", "action": "save"}
    )
    assert (
        response.status_code,
        "Tiêu chí I.1: “abc” không phải là số." in response.content.decode(),
    ) == (400, True)


def test_the_second_person_to_save_sees_what_changed(sw: ScoringWorld) -> None:
    w = sw.w
    i1 = sw.c("I.1")
    first = client_for(w.officer).post(
        _url(sw, "sheet"), {"version": "1", f"value-{i1.pk}": "30", f"orig-{i1.pk}": ""}
    )
    assert first.status_code == 302
    second = client_for(w.leader).post(
        _url(sw, "sheet"), {"version": "1", f"value-{i1.pk}": "38", f"orig-{i1.pk}": ""}
    )
    page = second.content.decode()
    assert second.status_code == 409
    assert "Xung đột: bảng điểm vừa được người khác lưu" in page
    assert "Đang lưu: 30 — của bạn: 38" in page
    assert 'name="version" id="sheet-version" value="2"' in page
    assert ScoreEntry.objects.get().self_value == D(30)


def test_one_row_is_saved_with_htmx(sw: ScoringWorld) -> None:
    i1 = sw.c("II.2")
    url = reverse("scoring:sheet_row", args=[*Y, sw.w.member.code, i1.pk])
    response = client_for(sw.w.officer).post(
        url, {"version": "1", f"value-{i1.pk}": "12", f"orig-{i1.pk}": ""}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<tr id="row-{i1.pk}"')
    assert 'id="sheet-version" value="2" hx-swap-oob="true"' in page
    assert "Đã chấm 1/5 tiêu chí" in page
    assert ScoreEntry.objects.get().self_value == D(12)


def test_a_row_of_a_submitted_sheet_says_why_in_the_row(ready: ScoringWorld) -> None:
    """htmx: the refusal is in the row's error cell (200, as for a bad value); nothing saved."""
    ii2 = ready.c("II.2")
    before = ScoreEntry.objects.get(sheet__organization=ready.w.member, criterion=ii2).self_value
    version = ScoreSheet.objects.get(organization=ready.w.member).version
    url = reverse("scoring:sheet_row", args=[*Y, ready.w.member.code, ii2.pk])
    response = client_for(ready.w.officer).post(
        url, {"version": str(version), f"value-{ii2.pk}": "1"}, HTTP_HX_REQUEST="true"
    )
    row = response.content.decode()
    assert (response.status_code, 'class="row-error"' in row, HANDED_IN in row) == (200, True, True)
    after = ScoreEntry.objects.get(sheet__organization=ready.w.member, criterion=ii2).self_value
    assert after == before


def test_after_the_deadline_the_unit_reads_until_when_it_could_score(sw: ScoringWorld) -> None:
    due = timezone.localtime(timezone.now() - dt.timedelta(hours=2))
    set_deadline(cluster_year=sw.w.cy, step=CycleStep.SELF_SCORING, due_at=due)
    url = reverse("scoring:sheet", args=[*Y, sw.w.member.code])
    page = client_for(sw.w.officer).get(url).content.decode()
    assert f"Đã quá hạn “Tự chấm điểm” ({due:%H:%M %d/%m/%Y})." in page
    assert 'name="self_report"' not in page
    other = client_for(sw.w.secretariat).get(url).content.decode()
    assert "Đã quá hạn" not in other  # the reason is for the unit that would act


def test_submit_from_the_page_lists_what_is_missing(sw: ScoringWorld) -> None:
    i1 = sw.c("I.1")
    response = client_for(sw.w.officer).post(
        _url(sw, "sheet"), {"version": "1", f"value-{i1.pk}": "30", "action": "submit"}, follow=True
    )
    page = response.content.decode()
    assert "Chưa nộp được bảng tự chấm điểm. Còn thiếu:" in page
    assert "Tiêu chí I.1: thiếu minh chứng (bắt buộc)." in page
    assert ScoreSheet.objects.get(organization=sw.w.member).status == SheetStatus.DRAFT


def test_the_head_adjusts_a_score_with_a_reason_on_the_verification_page(
    ready: ScoringWorld,
) -> None:
    ii2 = ready.c("II.2")
    client = client_for(ready.w.secretariat)
    missing = client.post(_url(ready, "verify"), {f"adj-{ii2.pk}": "12", f"reason-{ii2.pk}": ""})
    assert missing.status_code == 400
    assert "Tiêu chí II.2: cần ghi lý do điều chỉnh điểm (15 → 12)." in missing.content.decode()
    client.post(
        _url(ready, "verify"), {f"adj-{ii2.pk}": "12", f"reason-{ii2.pk}": "Thiếu minh chứng"}
    )
    page = client_for(ready.w.officer).get(_url(ready, "sheet")).content.decode()
    assert "Lý do: Thiếu minh chứng" in page
    assert ScoreEntry.objects.get(criterion=ii2).adjusted_value == D(12)


def test_approving_and_reopening_through_the_ranking_page(ready: ScoringWorld) -> None:
    w = ready.w
    fill_sheet(ready.cy, w.head, w.secretariat)
    fill_sheet(ready.cy, w.deputy, w.deputy_officer)
    verification.verify_sheet(sheet=selectors.sheet_for(ready.cy, w.head), user=w.deputy_officer)
    for org in (w.deputy, w.member):
        verification.verify_sheet(sheet=selectors.sheet_for(ready.cy, org), user=w.secretariat)
    page = client_for(w.secretariat).post(_url(ready, "approve"), follow=True).content.decode()
    assert "Đã phê duyệt và khóa kết quả chấm điểm." in page
    no_reason = client_for(w.board).post(_url(ready, "reopen_results"), {"reason": ""}, follow=True)
    assert "Cần ghi lý do khi mở lại kết quả đã phê duyệt." in no_reason.content.decode()
    assert fresh(w.cy).scoring_round.status == "approved"
    client_for(w.board).post(_url(ready, "reopen_results"), {"reason": "Khiếu nại"})
    assert fresh(w.cy).scoring_round.status == "open"


def test_cross_scoring_pages_exclude_the_own_unit(ready: ScoringWorld) -> None:
    w = ready.w
    results.update_round_settings(
        cluster_year=ready.cy,
        user=w.secretariat,
        verification_mode=VerificationMode.CROSS,
        aggregation="mean",
        outlier_mad_k=D(3),
        outlier_gap_points=D(3),
        bands=[{"label": "Tốt", "min": "0"}],
        tie_break=["group:I"],
    )
    client = client_for(w.deputy_officer)
    index = client.get(_url(ready, "cross")).content.decode()
    assert ("Sở Nội vụ" in index, "Văn phòng UBND Thành phố" in index) == (True, True)
    assert "Sở Ngoại vụ</a>" not in index  # never itself
    own = client.get(reverse("scoring:cross_sheet", args=[*Y, w.deputy.code]), follow=True)
    assert "Đơn vị không được chấm chéo cho chính mình." in own.content.decode()
    i1 = ready.c("I.1")
    target = reverse("scoring:cross_sheet", args=[*Y, w.member.code])
    assert client.get(target).status_code == 200
    client.post(target, {"version": "0", f"score-{i1.pk}": "36", "action": "submit"})
    assert selectors.cross_values(ready.cy)[w.member.pk][i1.pk] == {w.deputy.pk: D(36)}
    assert client_for(w.viewer).get(target).status_code == 403


def test_the_cluster_year_page_and_home_show_scoring(ready: ScoringWorld, world: World) -> None:
    page = client_for(world.secretariat).get(reverse("clusters:year", args=Y)).content.decode()
    assert "Chấm điểm thi đua" in page
    assert "1/3 đơn vị đã nộp tự chấm · chưa phê duyệt" in page
    home = client_for(world.secretariat).get("/").content.decode()
    assert "Bảng điểm chờ thẩm định" in home
    assert "Cụm thi đua số 6 — năm 2023: 1 bảng điểm đã nộp" in home
    deputy_home = client_for(world.deputy_officer).get("/").content.decode()
    assert "Bảng tự chấm điểm chưa nộp" in deputy_home
    assert "Cụm thi đua số 6 — năm 2023: đã chấm 0/5 tiêu chí, chưa nộp" in deputy_home


def test_editing_an_adopted_criterion_through_the_page_is_refused(sw: ScoringWorld) -> None:
    criterion = sw.c("I.1")
    url = reverse("scoring:criterion_edit", args=[*Y, criterion.pk])
    response = client_for(sw.w.secretariat).post(
        url,
        {
            "group": criterion.group_id,
            "code": "I.1",
            "name": "Đổi",
            "max_points": "30",
            "method": "manual",
        },
    )
    assert response.status_code == 400
    assert "đã được thông qua, không sửa trực tiếp được" in response.content.decode()
    criterion.refresh_from_db()
    assert (criterion.name, criterion.max_points) == ("Tiêu chí I.1", D(40))


def test_reopening_a_sheet_without_a_reason_is_refused_on_the_page(ready: ScoringWorld) -> None:
    response = client_for(ready.w.secretariat).post(
        _url(ready, "sheet_reopen"), {"reason": ""}, follow=True
    )
    assert "Cần ghi lý do khi mở lại bảng tự chấm điểm." in response.content.decode()
    assert ScoreSheet.objects.get(organization=ready.w.member).status == SheetStatus.SUBMITTED


def test_a_band_above_the_maximum_is_refused_on_the_settings_page(sw: ScoringWorld) -> None:
    response = client_for(sw.w.secretariat).post(
        reverse("scoring:settings", args=Y),
        {
            "verification_mode": "head",
            "aggregation": "mean",
            "bands": "Xuất sắc: 120\nTốt: 80",
            "tie_break": "group:I",
        },
    )
    assert response.status_code == 400
    assert "Mức xếp loại “Xuất sắc” (120) cao hơn tổng điểm tối đa" in response.content.decode()
    assert all(b["min"] != "120" for r in ScoringRound.objects.all() for b in r.bands)
