"""Recording a conference held on paper (ghi nhận hội nghị đã họp): the secretary enters the
minutes' final tallies; the question is stored closed, marked recorded after the fact, with no
board; bad input and the wrong year change nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.voting.ballots import award, in_session, rule
from tests.voting.helpers import make_rules
from thidua.audit.models import AuditEvent
from thidua.clusters.models import ClusterYear
from thidua.voting.enums import BallotMode, BallotState, ConferenceStatus
from thidua.voting.models import Ballot, Conference

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/voting/HN-C06/2023/conference/record/"


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def minutes(world: World, **changes: Any) -> dict[str, Any]:
    data = {
        "purpose": f"acclaim-{award().pk}",
        "title": "",
        "held_on": "20/12/2023",
        "minutes_number": "05/BB-CTĐ",
        "minutes_date": "20/12/2023",
        "present": 3,
        "received": 3,
        "valid": 3,
        "invalid": 0,
        f"cand-{world.member.pk}": "on",
        f"yes-{world.member.pk}": 3,
        f"no-{world.member.pk}": 0,
        f"elected-{world.member.pk}": "on",
        f"cand-{world.deputy.pk}": "on",
        f"yes-{world.deputy.pk}": 1,
        f"no-{world.deputy.pk}": 2,
        f"yes-{world.head.pk}": 0,
        f"no-{world.head.pk}": 0,
    }
    data.update(changes)
    return data


def ready(world: World) -> None:
    make_rules(world)
    rule(world)


def test_the_secretariat_records_a_past_acclamation_from_the_minutes(world: World) -> None:
    ready(world)
    client = client_for(world.secretariat)
    assert 'id="record-form"' in client.get(URL).content.decode()
    response = client.post(URL, minutes(world))
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    conference = Conference.objects.get()
    assert (ballot.mode, ballot.state, ballot.outcome) == (
        BallotMode.RECORDED,
        BallotState.CLOSED,
        "passed",
    )
    assert conference.recorded_after_fact and conference.status == ConferenceStatus.RECORDED
    assert conference.minutes_number == "05/BB-CTĐ"
    member = ballot.candidates.get(organization=world.member)
    assert (member.yes_weight, member.passed, member.elected) == (3, True, True)
    base = f"/voting/HN-C06/2023/conference/ballots/{ballot.uuid}/"
    reader = client_for(world.officer)
    for tail in ("", "board/", "verify/"):
        assert "Ghi nhận sau hội nghị" in reader.get(base + tail).content.decode(), tail
    page = reader.get(base).content.decode()
    assert "Được suy tôn" in page and "100,00%" in page
    assert "không có bảng phiếu" in reader.get(base + "board/").content.decode()
    assert reader.get(base + "board.json").status_code == 404
    assert (
        "Ghi nhận sau hội nghị" in reader.get(URL.replace("record/", "ballots/")).content.decode()
    )
    out = StringIO()
    call_command("ballot", "verify", "--all", stdout=out)
    assert "Đã kiểm lại 0 phiếu" in out.getvalue()  # nothing to recount: no board
    # the same question cannot be recorded twice
    again = client.post(URL, minutes(world)).content.decode()
    assert "Đã ghi nhận kết quả của nội dung này" in again and Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"yes-{member}": 1, "no-{member}": 2}, "không đạt tỷ lệ"),
        ({"invalid": 1}, "phải bằng số phiếu thu về"),
        ({"held_on": "20/12/2020", "minutes_date": "20/12/2020"}, "Ngày họp phải trong năm 2023"),
        ({"minutes_date": "19/12/2023"}, "không được trước ngày họp"),
        ({"elected-{deputy}": "on"}, "vượt chỉ tiêu"),
        ({"present": "x"}, "Nhập một số nguyên"),
    ],
)
def test_bad_minutes_change_nothing(world: World, changes: dict[str, Any], message: str) -> None:
    ready(world)
    events = AuditEvent.objects.count()
    data = minutes(world)
    for key, value in changes.items():
        data[key.format(member=world.member.pk, deputy=world.deputy.pk)] = value
    response = client_for(world.board).post(URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Ballot.objects.exists() and not Conference.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_conference_held_in_the_app_is_not_recorded_after_the_fact(world: World) -> None:
    in_session(world)
    client = client_for(world.secretariat)
    page = client.get(URL).content.decode()
    assert 'id="record-refusal"' in page and 'id="record-form"' not in page
    response = client.post(URL, minutes(world)).content.decode()
    assert "đã họp hoặc đang bỏ phiếu trên hệ thống" in response
    assert not Ballot.objects.exists()


def test_the_current_year_is_not_recorded_after_the_fact(world: World) -> None:
    ready(world)
    ClusterYear.objects.filter(pk=world.cy.pk).update(year=timezone.localdate().year)
    url = URL.replace("2023", str(timezone.localdate().year))
    page = client_for(world.secretariat).get(url).content.decode()
    assert "Chỉ ghi nhận hội nghị của những năm trước" in page


def test_only_the_people_who_run_the_year_record(world: World) -> None:
    ready(world)
    assert client_for(world.officer).get(URL).status_code == 403
    assert client_for(world.officer).post(URL, minutes(world)).status_code == 403
    assert client_for(world.other_board).get(URL).status_code == 404
    assert not Ballot.objects.exists()
