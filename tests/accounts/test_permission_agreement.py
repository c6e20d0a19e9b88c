"""Every action of accounts × every persona × each account: the page, the view, the API and the
service give the same answer as ``user.has_perm``.

Accounts outside a person's scope (``users_for_user``) are a 404 before any permission is asked;
inside it, someone who is not among the action's people gets a 403 with the reason, and a
refusal by state (one's own account, an account already switched off) writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from tests.factories_import import xlsx_bytes
from thidua.accounts import services
from thidua.accounts.enums import Role
from thidua.accounts.imports import import_users
from thidua.accounts.models import User
from thidua.accounts.selectors import users_for_user
from thidua.core.permissions import ACTIONS, denial_reason

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "accounts.view_users",
    "accounts.create_user",
    "accounts.import_users",
    "accounts.change_user",
    "accounts.assign_role",
    "accounts.deactivate_user",
    "accounts.reactivate_user",
    "accounts.reset_password",
    "accounts.create_api_token",
    "accounts.revoke_api_token",
}
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
]
TARGETS = ["officer", "outsider", "board", "admin"]


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _new_role(world: World, target: User) -> dict[str, Any]:
    """A role any manager of ``target`` may give: over the target's own unit or authority."""
    if target.organization_id:
        return {"role": Role.UNIT_LEADER, "organization": target.organization, "authority": None}
    if target.authority_id:
        return {"role": Role.COUNCIL_MEMBER, "organization": None, "authority": target.authority}
    return {"role": Role.VIEWER, "organization": None, "authority": world.authority}


@dataclass
class AccountAction:
    path: str  # under /accounts/users/<pk>/
    post: Callable[[World, User], dict[str, Any]]
    done: Callable[[User], bool]
    service: Callable[[World, User, User], object]
    inactive_first: bool = False


def _role_post(world: World, target: User) -> dict[str, Any]:
    role = _new_role(world, target)
    scope = role["organization"] or role["authority"]
    key = "role-organization" if role["organization"] else "role-authority"
    value = role["organization"].code if role["organization"] else scope.pk
    return {"role-role": role["role"], key: value}


ACCOUNT_ACTIONS = {
    "accounts.change_user": AccountAction(
        path="profile/",
        post=lambda w, t: {
            "profile-full_name": "Tên đã sửa",
            "profile-email": "",
            "profile-position": "",
        },
        done=lambda t: User.objects.get(pk=t.pk).full_name == "Tên đã sửa",
        service=lambda w, u, t: services.update_profile(
            user=u, target=t, full_name="Tên đã sửa", email="", position=""
        ),
    ),
    "accounts.assign_role": AccountAction(
        path="role/",
        post=_role_post,
        done=lambda t: User.objects.get(pk=t.pk).role != t.role,
        service=lambda w, u, t: services.assign_role(user=u, target=t, **_new_role(w, t)),
    ),
    "accounts.deactivate_user": AccountAction(
        path="deactivate/",
        post=lambda w, t: {},
        done=lambda t: not User.objects.get(pk=t.pk).is_active,
        service=lambda w, u, t: services.set_active(user=u, target=t, active=False),
    ),
    "accounts.reactivate_user": AccountAction(
        path="reactivate/",
        post=lambda w, t: {},
        done=lambda t: User.objects.get(pk=t.pk).is_active and not t.is_active,
        service=lambda w, u, t: services.set_active(user=u, target=t, active=True),
        inactive_first=True,
    ),
    "accounts.reset_password": AccountAction(
        path="reset-password/",
        post=lambda w, t: {"reset-how": "temporary"},
        done=lambda t: User.objects.get(pk=t.pk).password != t.password,
        service=lambda w, u, t: services.reset_password(user=u, target=t, by_email=False),
    ),
}


def _targets(world: World, action: AccountAction, user: User) -> list[User]:
    """The accounts to act on; switched off first for reactivation (except the person's own)."""
    targets = [world.user(name) for name in TARGETS]
    if action.inactive_first:
        others = [t.pk for t in targets if t.pk != user.pk]
        User.objects.filter(pk__in=others).update(is_active=False)
        targets = [User.objects.get(pk=t.pk) for t in targets]
    return targets


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", sorted(ACCOUNT_ACTIONS))
def test_user_page_and_view_agree_with_the_permission(
    world: World, persona: str, perm: str
) -> None:
    user = world.user(persona)
    action = ACCOUNT_ACTIONS[perm]
    client = _login(user)
    for target in _targets(world, action, user):
        url = f"/accounts/users/{target.pk}/"
        allowed = user.has_perm(perm, target)
        page = client.get(url)
        if not users_for_user(user).filter(pk=target.pk).exists():
            assert (allowed, page.status_code) == (False, 404), target
            assert client.post(url + action.path, action.post(world, target)).status_code == 404
            continue
        offered = f'action="{url}{action.path}"' in page.content.decode()
        assert offered == allowed, target
        response = client.post(url + action.path, action.post(world, target))
        assert action.done(target) == allowed, target
        if not ACTIONS[perm].who.test(user, target):
            assert response.status_code == 403, target
        elif not allowed:
            assert response.status_code in {302, 400}, target


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", sorted(ACCOUNT_ACTIONS))
def test_account_services_agree_with_the_permission(world: World, persona: str, perm: str) -> None:
    user = world.user(persona)
    action = ACCOUNT_ACTIONS[perm]
    for target in _targets(world, action, user):
        allowed = user.has_perm(perm, target)
        try:
            action.service(world, user, target)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, perm, target)
        assert refused == (not allowed), target


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_deactivation_agrees_with_the_permission(world: World, persona: str) -> None:
    user = world.user(persona)
    client = _login(user)
    for target in [world.user(name) for name in TARGETS]:
        allowed = user.has_perm("accounts.deactivate_user", target)
        response = client.post(f"/api/v1/users/{target.pk}/deactivate/")
        if not users_for_user(user).filter(pk=target.pk).exists():
            assert (allowed, response.status_code) == (False, 404), target
        else:
            assert response.status_code == (200 if allowed else 403), target


GENERAL_PAGES = {
    "accounts.view_users": "/accounts/users/",
    "accounts.create_user": "/accounts/users/new/",
    "accounts.import_users": "/accounts/users/import/",
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", sorted(GENERAL_PAGES))
def test_manager_pages_agree_with_the_permission(world: World, persona: str, perm: str) -> None:
    user = world.user(persona)
    status = _login(user).get(GENERAL_PAGES[perm]).status_code
    assert status == (200 if user.has_perm(perm) else 403)


def _own_unit(world: World, user: User) -> Any:
    return world.outsider_org if user.authority_id == world.other_authority.pk else world.member


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_and_import_services_agree_with_the_permission(world: World, persona: str) -> None:
    user = world.user(persona)
    unit = _own_unit(world, user)
    try:
        services.create_user(
            user=user, username="moi", full_name="Người mới", role=Role.VIEWER, organization=unit
        )
        refused = False
    except PermissionDenied:
        refused = True
    assert refused == (not user.has_perm("accounts.create_user"))
    data = xlsx_bytes(
        [["Người mới", "", "moi2", unit.code, "", "Người xem"]],
        ["Họ và tên", "E-mail", "Tên đăng nhập", "Mã đơn vị", "Mã cơ quan", "Vai trò"],
    )
    try:
        import_users(data=data, filename="ds.xlsx", user=user, dry_run=True, send_invitations=False)
        refused = False
    except PermissionDenied:
        refused = True
    assert refused == (not user.has_perm("accounts.import_users"))


# --- personal API tokens: everyone for their own, nobody for someone else's ------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_token_creation_page_and_service_agree_with_the_permission(
    world: World, persona: str
) -> None:
    user = world.user(persona)
    allowed = user.has_perm("accounts.create_api_token")
    assert allowed  # every active person
    page = _login(user).get("/accounts/me/tokens/").content.decode()
    assert ('action="/accounts/me/tokens/new/"' in page) == allowed
    response = _login(user).post("/accounts/me/tokens/new/", {"name": "x"})
    assert response.status_code == 200
    assert services.create_api_token(user=user, name="y").token.user_id == user.pk


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("owner", ["board", "officer"])
@pytest.mark.parametrize("revoked", [False, True])
def test_token_revocation_view_and_service_agree_with_the_permission(
    world: World, persona: str, owner: str, revoked: bool
) -> None:
    user, holder = world.user(persona), world.user(owner)
    token = services.create_api_token(user=holder, name="x").token
    if revoked:
        services.revoke_api_token(user=holder, token=token)
        token.refresh_from_db()
    allowed = user.has_perm("accounts.revoke_api_token", token)
    assert allowed == (user.pk == holder.pk and not revoked)
    if not allowed:
        assert denial_reason(user, "accounts.revoke_api_token", token)
        with pytest.raises(PermissionDenied):
            services.revoke_api_token(user=user, token=token)
    response = _login(user).post(f"/accounts/me/tokens/{token.pk}/revoke/")
    assert response.status_code == (302 if user.pk == holder.pk else 404)
    token.refresh_from_db()
    assert (token.revoked_at is not None) == (allowed or revoked)
