"""Django's admin does not bypass the services: the models a service owns are read-only lists
there, for superusers too, so every change leaves an audit event."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client

from tests.conftest import World
from tests.factories import AuthoritySuccessionFactory, DeadlineFactory
from thidua.accounts.models import User
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear, Deadline
from thidua.core.admin import ReadOnlyAdminMixin
from thidua.organizations.models import (
    Authority,
    AuthoritySuccession,
    Organization,
    OrganizationLeader,
    Succession,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SERVICE_OWNED: list[type[Model]] = [
    Authority,
    Organization,
    OrganizationLeader,
    Succession,
    AuthoritySuccession,
    Cluster,
    ClusterYear,
    ClusterMembership,
    Deadline,
    User,
]


def _url(model: type[Model], view: str) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{view}"


def _any_row(world: World, model: type[Model]) -> Any:
    if model is AuthoritySuccession:
        return AuthoritySuccessionFactory()
    if model is Deadline:
        return DeadlineFactory(cluster_year=world.cy)
    if model is OrganizationLeader:
        return OrganizationLeader.objects.create(
            organization=world.member, full_name="Nguyễn Văn A", position="Giám đốc"
        )
    if model is Succession:
        return Succession.objects.create(
            predecessor=world.member,
            successor=world.head,
            kind="merge",
            effective_date="2025-03-01",
        )
    return model._default_manager.first()


@pytest.mark.parametrize("model", SERVICE_OWNED, ids=lambda m: m.__name__)
def test_every_service_owned_model_is_read_only_in_the_admin(model: type[Model]) -> None:
    assert isinstance(admin.site._registry[model], ReadOnlyAdminMixin)


@pytest.mark.parametrize("model", SERVICE_OWNED, ids=lambda m: m.__name__)
def test_a_superuser_may_list_but_not_add_or_change_in_the_admin(
    world: World, model: type[Model]
) -> None:
    row = _any_row(world, model)
    client = Client()
    client.force_login(world.admin)

    listing = client.get(_url(model, ""))
    add = client.get(_url(model, "add/"))
    change = client.get(_url(model, f"{row.pk}/change/"))
    posted = client.post(_url(model, f"{row.pk}/change/"), {})
    delete = client.post(_url(model, f"{row.pk}/delete/"), {"post": "yes"})

    assert (listing.status_code, add.status_code, change.status_code) == (200, 403, 403)
    assert (posted.status_code, delete.status_code) == (403, 403)
    assert model._default_manager.filter(pk=row.pk).exists()
    assert 'href="' + _url(model, f"{row.pk}/change/") not in listing.content.decode()


def test_the_admin_tells_where_to_make_the_change(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    body = client.get(_url(Authority, "add/")).content.decode()
    assert "trang của phần mềm" in body


# Registered admins that may add, change or delete, and why. Everything else is read-only.
WRITABLE_IN_ADMIN: dict[str, str] = {
    "auth.Group": "not used by Thi Đua (roles are accounts.RoleAssignment, changed through audited "
    "services); nobody can be put in a group, since users are read-only in the admin",
}


@pytest.mark.parametrize(
    "model_admin", list(admin.site._registry.values()), ids=lambda a: a.model._meta.label
)
def test_no_registered_admin_adds_changes_or_deletes_outside_the_allow_list(
    rf: Any, model_admin: admin.ModelAdmin[Any]
) -> None:
    request = rf.get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    rights = (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
    )
    if model_admin.model._meta.label in WRITABLE_IN_ADMIN:
        return
    assert rights == (False, False, False)


def test_every_allow_listed_admin_is_registered() -> None:
    registered = {model._meta.label for model in admin.site._registry}
    assert set(WRITABLE_IN_ADMIN) <= registered
