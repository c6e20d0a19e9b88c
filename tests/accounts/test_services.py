"""Accounts through their services: creating, giving roles (with the history), switching off,
resetting passwords; nobody gives a role above their own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.conftest import World
from tests.factories import OrganizationFactory, UserFactory
from thidua.accounts import services
from thidua.accounts.enums import Role
from thidua.accounts.models import RoleAssignment, User, UserSession
from thidua.accounts.selectors import roles_by_year
from thidua.audit.models import AuditEvent

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_board_officer_creates_a_unit_officer_with_a_temporary_password(world: World) -> None:
    account = services.create_user(
        user=world.board,
        username="annv",
        full_name="Nguyễn Văn An",
        role=Role.UNIT_OFFICER,
        organization=world.member,
    )
    assert account.password and account.user.check_password(account.password)
    assert (account.user.role, account.user.organization) == (Role.UNIT_OFFICER, world.member)
    first = RoleAssignment.objects.get(user=account.user)
    assert (first.valid_to, first.assigned_by) == (None, world.board)
    event = AuditEvent.objects.get(action="accounts.create_user", object_id=str(account.user.pk))
    assert account.password not in str(event.after)


def test_an_invited_person_gets_a_set_password_link_by_email(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        account = services.create_user(
            user=world.board,
            username="binhtt",
            full_name="Trần Thị Bình",
            email="binh@example.vn",
            role=Role.COUNCIL_MEMBER,
            authority=world.authority,
            invite=True,
            base_url="http://thidua.test/",
        )
    assert account.password is None and not account.user.has_usable_password()
    assert mail.outbox[0].to == ["binh@example.vn"]
    assert "http://thidua.test/accounts/password-reset/" in mail.outbox[0].body


def test_an_invitation_needs_an_email_address(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_user(
            user=world.board,
            username="x",
            full_name="X",
            role=Role.VIEWER,
            authority=world.authority,
            invite=True,
        )
    assert "email" in error.value.message_dict


def test_board_officer_cannot_create_a_system_administrator(world: World) -> None:
    with pytest.raises(PermissionDenied, match="Quản trị hệ thống"):
        services.create_user(
            user=world.board, username="boss", full_name="Boss", role=Role.SYSTEM_ADMIN
        )
    assert not User.objects.filter(username="boss").exists()


def test_board_officer_cannot_create_a_board_officer_of_another_authority(world: World) -> None:
    with pytest.raises(PermissionDenied, match="phạm vi"):
        services.create_user(
            user=world.board,
            username="hp",
            full_name="Cán bộ Hải Phòng",
            role=Role.BOARD_OFFICER,
            authority=world.other_authority,
        )


def test_board_officer_may_create_a_board_officer_of_their_own_authority(world: World) -> None:
    account = services.create_user(
        user=world.board,
        username="hn2",
        full_name="Cán bộ 2",
        role=Role.BOARD_OFFICER,
        authority=world.authority,
    )
    assert account.user.authority == world.authority


@pytest.mark.parametrize(
    ("role", "unit", "authority", "field"),
    [
        (Role.BOARD_OFFICER, True, False, "role"),
        (Role.UNIT_OFFICER, False, True, "role"),
        (Role.UNIT_LEADER, False, False, "role"),
        (Role.VIEWER, True, True, "role"),
        (Role.SYSTEM_ADMIN, True, False, "role"),
    ],
)
def test_a_role_needs_its_kind_of_scope(
    world: World, role: str, unit: bool, authority: bool, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.validate_scope(
            role, world.member if unit else None, world.authority if authority else None
        )
    assert field in error.value.message_dict


def test_a_dissolved_unit_cannot_be_given(world: World) -> None:
    gone = OrganizationFactory(authority=world.authority, valid_to=dt.date(2025, 6, 30))
    with pytest.raises(ValidationError, match="giải thể"):
        services.validate_scope(Role.UNIT_OFFICER, gone, None)


def test_assigning_a_role_closes_the_previous_one_and_updates_the_current_role(
    world: World,
) -> None:
    person = services.create_user(
        user=world.admin,
        username="p",
        full_name="Phạm Văn P",
        role=Role.UNIT_OFFICER,
        organization=world.member,
    ).user
    RoleAssignment.objects.filter(user=person).update(valid_from=dt.date(2023, 3, 1))
    services.assign_role(
        user=world.board,
        target=person,
        role=Role.CLUSTER_SECRETARIAT,
        organization=world.head,
        valid_from=dt.date(2025, 1, 1),
        note="QĐ 12/QĐ-BTĐKT",
    )
    person.refresh_from_db()
    assert (person.role, person.organization) == (Role.CLUSTER_SECRETARIAT, world.head)
    old, new = RoleAssignment.objects.filter(user=person).order_by("valid_from")
    assert old.valid_to == dt.date(2024, 12, 31) and new.valid_to is None
    years = {y.year: [h.assignment.role for h in y.roles] for y in roles_by_year(person)}
    assert years[2023] == [Role.UNIT_OFFICER]
    assert years[2024] == [Role.UNIT_OFFICER]
    assert years[2025] == [Role.CLUSTER_SECRETARIAT]
    assert AuditEvent.objects.filter(action="accounts.assign_role").count() == 1


def test_a_new_role_cannot_start_before_the_current_one(world: World) -> None:
    RoleAssignment.objects.create(
        user=world.officer,
        role=Role.UNIT_OFFICER,
        organization=world.member,
        valid_from=dt.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError):
        services.assign_role(
            user=world.board,
            target=world.officer,
            role=Role.UNIT_LEADER,
            organization=world.member,
            valid_from=dt.date(2024, 1, 1),
        )


def test_board_officer_of_another_authority_cannot_assign_a_role(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.assign_role(
            user=world.other_board,
            target=world.officer,
            role=Role.UNIT_LEADER,
            organization=world.member,
        )


def test_nobody_changes_their_own_role(world: World) -> None:
    with pytest.raises(PermissionDenied, match="chính mình"):
        services.assign_role(
            user=world.board,
            target=world.board,
            role=Role.COUNCIL_MEMBER,
            authority=world.authority,
        )


def test_deactivating_an_account_ends_its_sessions(world: World) -> None:
    client = Client()
    client.force_login(world.officer)
    client.get("/accounts/me/")
    assert UserSession.objects.filter(user=world.officer).exists()
    services.set_active(user=world.board, target=world.officer, active=False)
    assert not UserSession.objects.filter(user=world.officer).exists()
    assert client.get("/accounts/me/").status_code == 302  # signed out
    services.set_active(user=world.board, target=world.officer, active=True)
    assert User.objects.get(pk=world.officer.pk).is_active


def test_reset_with_a_temporary_password(world: World) -> None:
    password = services.reset_password(user=world.board, target=world.officer, by_email=False)
    world.officer.refresh_from_db()
    assert password and world.officer.check_password(password)


def test_reset_by_email_needs_an_address(world: World) -> None:
    with pytest.raises(ValidationError, match="e-mail"):
        services.reset_password(user=world.board, target=world.officer, by_email=True)


def test_reset_by_email_sends_a_link(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    world.officer.email = "officer@example.vn"
    world.officer.save()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert (
            services.reset_password(user=world.board, target=world.officer, by_email=True) is None
        )
    assert mail.outbox[0].to == ["officer@example.vn"]
    assert "Đặt lại mật khẩu" in mail.outbox[0].subject


def test_a_user_without_role_history_shows_no_years() -> None:
    assert roles_by_year(UserFactory()) == []
