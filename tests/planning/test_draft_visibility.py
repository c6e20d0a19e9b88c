"""Who sees drafts (issue 12, point 7) for drives: a drive report has no draft state — it exists
only once the unit sends it (``services.submit_drive_report``), and stays editable until the
deadline — so there is nothing to hide from the other member units. These tests hold the visibility
of a sent report and its evidence as it is: every member, the secretariat and the board read it,
on the pages and in the API alike; an outsider gets 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.conftest import World
from tests.factories_planning import pdf_upload
from thidua.planning import services
from thidua.planning.models import Drive, DriveEvidence

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

D1 = "/planning/HN-C06/2023/drives/1/"
SUMMARY = "Tổ chức 12 hoạt động chào mừng, 1.200 lượt người tham gia"


@pytest.fixture
def evidence(world: World, drive: Drive, settings: Any, tmp_path: Any) -> DriveEvidence:
    settings.MEDIA_ROOT = tmp_path
    report = services.submit_drive_report(
        drive=drive,
        organization=world.member,
        summary=SUMMARY,
        files=[pdf_upload("bao-cao-dot-1.pdf")],
        by=world.officer,
    )
    return report.evidence.get()


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _download(client: Client, evidence: DriveEvidence) -> int:
    response = client.get(f"{D1}files/{evidence.pk}/")
    if response.status_code == 200:
        b"".join(response.streaming_content)  # reading it all closes the file
    return response.status_code


def _api_summaries(user: Any) -> list[str]:
    client = APIClient()
    client.force_authenticate(user)
    drives = client.get("/api/v1/drives/?cluster=HN-C06&year=2023").json()["results"]
    return [r["summary"] for d in drives for r in d["reports"]]


@pytest.mark.parametrize(
    "persona", ["deputy_officer", "officer", "secretariat", "board", "admin", "council"]
)
def test_a_sent_drive_report_and_its_evidence_are_read_by_the_cluster(
    world: World, evidence: DriveEvidence, persona: str
) -> None:
    user = world.user(persona)
    client = _web(user)
    assert SUMMARY in client.get(D1).content.decode()
    assert _download(client, evidence) == 200
    assert _api_summaries(user) == [SUMMARY]


def test_an_outsider_reads_no_drive_report(world: World, evidence: DriveEvidence) -> None:
    client = _web(world.outsider)
    assert client.get(D1).status_code == 404
    assert _download(client, evidence) == 404
    assert _api_summaries(world.outsider) == []
