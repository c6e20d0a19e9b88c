"""The conference services: allowed and denied, and nothing partial on bad input."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.factories import OrganizationFactory
from tests.voting.helpers import HELD_ON, fresh, make_conference, make_rules, mark_present
from thidua.audit.models import AuditEvent
from thidua.voting import services
from thidua.voting.enums import DEFAULT_AGENDA, AgendaKind, ConferenceStatus
from thidua.voting.models import Attendance, Conference, Delegate

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_secretariat_schedules_the_conference_with_the_default_agenda(world: World) -> None:
    conference = services.create_conference(
        cluster_year=fresh(world.cy), held_on=HELD_ON, user=world.secretariat
    )
    assert conference.chair_unit == world.head
    assert [a.kind for a in conference.agenda.all()] == list(DEFAULT_AGENDA)
    assert AuditEvent.objects.filter(action="voting.conference_created").count() == 1


@pytest.mark.parametrize("persona", ["officer", "leader", "viewer", "other_board", "outsider"])
def test_others_may_not_schedule_it(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        services.create_conference(
            cluster_year=fresh(world.cy), held_on=HELD_ON, user=world.user(persona)
        )
    assert not Conference.objects.exists()


def test_a_second_conference_of_the_year_is_refused(world: World) -> None:
    make_conference(world)
    with pytest.raises(ValidationError):
        make_conference(world)


def test_agenda_and_committee_are_replaced(world: World) -> None:
    make_conference(world)
    cy = fresh(world.cy)
    services.set_agenda(
        cluster_year=cy,
        items=[(AgendaKind.ELECT, ""), (AgendaKind.OTHER, "Khác")],
        user=world.board,
    )
    services.set_committee(
        cluster_year=cy,
        members=[services.CommitteeEntry("Trần B", role="head"), services.CommitteeEntry("Lê C")],
        user=world.board,
    )
    conference = Conference.objects.get()
    assert [a.title for a in conference.agenda.all()] == [str(AgendaKind.ELECT.label), "Khác"]
    assert [m.full_name for m in conference.committee.all()] == ["Trần B", "Lê C"]


def test_two_committee_heads_are_refused(world: World) -> None:
    make_conference(world)
    with pytest.raises(ValidationError):
        services.set_committee(
            cluster_year=fresh(world.cy),
            members=[
                services.CommitteeEntry("A", role="head"),
                services.CommitteeEntry("B", role="head"),
            ],
            user=world.admin,
        )


def test_attendance_is_all_or_nothing_when_a_unit_is_not_a_member(world: World) -> None:
    make_conference(world)
    stranger = OrganizationFactory(authority=world.authority, name="Sở lạ")
    good = services.AttendanceEntry(
        organization=world.head, present=True, delegates=[services.DelegateEntry("Nguyễn A")]
    )
    bad = services.AttendanceEntry(organization=stranger, present=False, absence_reason="ốm")
    with pytest.raises(ValidationError, match="không phải đơn vị thành viên"):
        services.record_attendance(
            cluster_year=fresh(world.cy), entries=[good, bad], user=world.admin
        )
    assert not Attendance.objects.exists() and not Delegate.objects.exists()


def test_present_without_delegates_is_refused(world: World) -> None:
    make_conference(world)
    entry = services.AttendanceEntry(organization=world.head, present=True)
    with pytest.raises(ValidationError, match="ít nhất một đại biểu"):
        services.record_attendance(cluster_year=fresh(world.cy), entries=[entry], user=world.admin)


def test_the_session_does_not_open_without_rules(world: World) -> None:
    make_conference(world)
    mark_present(world, world.head, world.deputy, world.member)
    with pytest.raises(PermissionDenied, match="Chưa có quy chế"):
        services.open_session(cluster_year=fresh(world.cy), user=world.admin)


def test_the_session_does_not_open_without_quorum(world: World) -> None:
    make_conference(world)
    make_rules(world)  # ≥ 2/3 of 3 members
    mark_present(world, world.head)
    with pytest.raises(PermissionDenied, match="có mặt 1/3"):
        services.open_session(cluster_year=fresh(world.cy), user=world.admin)
    assert Conference.objects.get().status == ConferenceStatus.DRAFT


def test_open_then_close_freezes_rules_and_conference(world: World) -> None:
    make_conference(world)
    make_rules(world)
    mark_present(world, world.head, world.deputy)  # 2/3 of 3: met
    services.open_session(cluster_year=fresh(world.cy), user=world.secretariat)
    with pytest.raises(PermissionDenied, match="đã khai mạc"):
        make_rules(world, num=1, den=2)
    services.close_session(cluster_year=fresh(world.cy), user=world.secretariat)
    assert Conference.objects.get().status == ConferenceStatus.CLOSED
    with pytest.raises(PermissionDenied, match="bế mạc"):
        services.update_conference(cluster_year=fresh(world.cy), place="Khác", user=world.admin)


def test_rules_with_a_fraction_above_one_are_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        make_rules(world, num=4, den=3)


def test_every_change_leaves_an_audit_event(world: World) -> None:
    make_conference(world)
    cy = fresh(world.cy)
    services.update_conference(cluster_year=cy, place="Hội trường A", user=world.admin)
    services.set_agenda(cluster_year=cy, items=[(AgendaKind.OTHER, "Khác")], user=world.admin)
    services.set_committee(
        cluster_year=cy, members=[services.CommitteeEntry("Trần B")], user=world.admin
    )
    make_rules(world)
    mark_present(world, world.head, world.deputy)
    services.open_session(cluster_year=fresh(world.cy), user=world.admin)
    services.close_session(cluster_year=fresh(world.cy), user=world.admin)
    actions = list(
        AuditEvent.objects.filter(action__startswith="voting.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "voting.conference_created",
        "voting.conference_updated",
        "voting.agenda_set",
        "voting.committee_set",
        "voting.rules_set",
        "voting.attendance_recorded",
        "voting.session_opened",
        "voting.session_closed",
    ]
