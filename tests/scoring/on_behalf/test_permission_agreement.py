"""``scoring.submit_sheet_on_behalf`` (ghi thay đơn vị, có lý do): every persona × each state of
the member unit's sheet — the page (403 not you / the reason not now / the form), the POST and
the service agree with ``user.has_perm``; only the system administrator and the board officer of
the cluster's authority may, in the states and before the deadline of the unit's own act."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from tests.conftest import World
from tests.factories_scoring import build_criteria_set, fill_sheet, fresh, pdf
from thidua.audit.models import AuditEvent
from thidua.clusters.deadlines import set_deadline
from thidua.clusters.enums import CycleStep
from thidua.core.web import refusal
from thidua.scoring import excel, selectors
from thidua.scoring.enums import SheetStatus
from thidua.scoring.services.on_behalf import submit_sheet_on_behalf
from thidua.scoring.services.sheets import EntryInput

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERM = "scoring.submit_sheet_on_behalf"
COVERED = {PERM}
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
MARKS = {"I.1": ("D", 38), "I.2": ("E", 100), "II.1": ("D", 10), "II.2": ("D", 15)}
MARKS_MEASURE = {"III.1": ("E", 100)}


def _late(world: World) -> None:
    set_deadline(
        cluster_year=world.cy,
        step=CycleStep.SELF_SCORING,
        due_at=timezone.now() - dt.timedelta(hours=1),
    )


STATES: dict[str, Callable[[World], None]] = {
    "nothing yet": lambda world: None,
    "a draft": lambda world: fill_sheet(fresh(world.cy), world.member, world.officer, submit=False),
    "submitted": lambda world: fill_sheet(fresh(world.cy), world.member, world.officer),
    "past the deadline": _late,
}
# Who may, in which state (the rest are refused).
EXPECTED = {("admin", "nothing yet"), ("board", "nothing yet"), ("admin", "a draft")}
EXPECTED |= {("board", "a draft")}


def paper_sheet(world: World) -> SimpleUploadedFile:
    """The unit's blank Excel sheet, filled as on its paper sheet."""
    table = selectors.criteria_table(selectors.adopted_set(world.cy))  # type: ignore[arg-type]
    content = excel.unit_sheet_xlsx(table=table, cluster_year=world.cy, organization=world.member)
    workbook = load_workbook(io.BytesIO(content))
    ws = workbook.worksheets[0]
    for code, (column, value) in {**MARKS, **MARKS_MEASURE}.items():
        row = next(r for r in range(7, ws.max_row + 1) if ws[f"A{r}"].value == code)
        ws[f"{column}{row}"] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("tu-cham.xlsx", buffer.getvalue(), excel.XLSX_TYPE)


def entries(world: World) -> list[EntryInput]:
    table = selectors.criteria_table(selectors.adopted_set(world.cy))  # type: ignore[arg-type]
    return [
        EntryInput(table.by_code[c].pk, value=D(v))
        if col == "D"
        else EntryInput(table.by_code[c].pk, measure=D(v))
        for c, (col, v) in {**MARKS, **MARKS_MEASURE}.items()
    ]


def url(world: World) -> str:
    return f"/scoring/{world.cy.cluster.code}/{world.cy.year}/sheets/{world.member.code}/on-behalf/"


def post_data(world: World) -> dict[str, Any]:
    return {
        "file": paper_sheet(world),
        "self_report": "Báo cáo tự đánh giá (văn bản giấy).",
        "scan": pdf("ban-chup.pdf"),
        "reason": "Đơn vị chỉ gửi văn bản giấy",
        "paper_ref": "Công văn 12/SNV-VP ngày 05/12/2023",
    }


def status(world: World) -> str:
    return selectors.sheet_for(world.cy, world.member).status


def _sheet(world: Any) -> Any:
    return selectors.sheet_for(fresh(world.cy), world.member)


def api_agrees(user: Any, world: World, allowed: bool) -> None:
    """The API answers 200 iff allowed (403 or 404 otherwise); whatever it wrote is undone."""
    api = APIClient()
    api.force_authenticate(user)
    entries_in = [
        {"criterion": c, "value" if col == "D" else "measure": str(v)}
        for c, (col, v) in {**MARKS, **MARKS_MEASURE}.items()
    ]
    with transaction.atomic():
        answer = api.post(
            "/api/v1/scoring/sheets-on-behalf/",
            {
                "cluster": world.cy.cluster.code,
                "year": world.cy.year,
                "organization": world.member.code,
                "entries": json.dumps(entries_in),
                "self_report": "Báo cáo",
                "reason": "Văn bản giấy",
                "paper_ref": "CV 1",
                "scan": pdf("ban-chup.pdf"),
            },
            format="multipart",
        )
        transaction.set_rollback(True)
    if allowed:
        assert answer.status_code == 200, answer.content
    else:
        assert answer.status_code in {403, 404}, answer.content


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_page_the_post_and_the_service_agree(
    world: World, media: Any, persona: str, state: str
) -> None:
    build_criteria_set(world.cy, world.secretariat)
    STATES[state](world)
    user = world.user(persona)
    allowed = user.has_perm(PERM, _sheet(world))
    assert allowed == ((persona, state) in EXPECTED)
    client = Client()
    client.force_login(user)
    page = client.get(url(world))
    not_now = refusal(user, PERM, _sheet(world))
    if page.status_code == 200:
        assert allowed or not_now
        if not_now:
            assert not_now.split("(")[0].strip()[:30] in page.content.decode()
    else:
        assert page.status_code in {403, 404} and not allowed
    api_agrees(user, world, allowed)
    before = status(world)
    response = client.post(url(world), post_data(world))
    assert (status(world) == SheetStatus.SUBMITTED and before != SheetStatus.SUBMITTED) == allowed
    if allowed:
        assert response.status_code == 302
        return
    with pytest.raises(PermissionDenied):
        submit_sheet_on_behalf(
            cluster_year=fresh(world.cy),
            organization=world.member,
            user=user,
            entries=entries(world),
            self_report="x",
            reason="r",
            paper_ref="p",
        )


def test_recorded_on_behalf_with_reason_audit_and_note_on_the_sheet(
    world: World, media: Any
) -> None:
    build_criteria_set(world.cy, world.secretariat)
    client = Client()
    client.force_login(world.board)
    assert client.post(url(world), post_data(world)).status_code == 302
    event = AuditEvent.objects.get(action="scoring.sheet.submit.on_behalf")
    assert event.after["on_behalf_of"] == world.member.pk
    assert event.after["reason"] == "Đơn vị chỉ gửi văn bản giấy"
    assert event.after["paper_ref"] == "Công văn 12/SNV-VP ngày 05/12/2023"
    sheet = _sheet(world)
    assert (sheet.status, sheet.submitted_by) == (SheetStatus.SUBMITTED, world.board)
    client.force_login(world.officer)
    page = client.get(
        f"/scoring/{world.cy.cluster.code}/{world.cy.year}/sheets/{world.member.code}/"
    )
    html = page.content.decode()
    assert "ghi thay bởi" in html
    assert "lý do: Đơn vị chỉ gửi văn bản giấy" in html


def test_a_reason_and_the_paper_reference_are_required(world: World, media: Any) -> None:
    build_criteria_set(world.cy, world.secretariat)
    with pytest.raises(ValidationError) as exc:
        submit_sheet_on_behalf(
            cluster_year=fresh(world.cy),
            organization=world.member,
            user=world.board,
            entries=entries(world),
            self_report="Báo cáo",
            scan=pdf(),
            reason=" ",
            paper_ref="",
        )
    assert set(exc.value.message_dict) == {"reason", "paper_ref"}
    assert (
        status(world) == SheetStatus.DRAFT
        and not AuditEvent.objects.filter(action__endswith=".on_behalf").exists()
    )


def test_an_incomplete_paper_sheet_is_refused_like_the_units_own(world: World, media: Any) -> None:
    build_criteria_set(world.cy, world.secretariat)
    with pytest.raises(ValidationError):
        submit_sheet_on_behalf(
            cluster_year=fresh(world.cy),
            organization=world.member,
            user=world.board,
            entries=entries(world)[:1],
            self_report="Báo cáo",
            scan=pdf(),
            reason="Giấy",
            paper_ref="CV 1",
        )
    sheet = selectors.sheet_for(world.cy, world.member)
    assert sheet.status == SheetStatus.DRAFT  # nothing written: no score, no evidence
    assert not selectors.entries_by_criterion(sheet)
