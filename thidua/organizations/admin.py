"""Read-only lists: authorities, units and their links change through the services (the
/authorities/ pages, the unit import, the restructuring), never here."""

from __future__ import annotations

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdminMixin
from thidua.organizations.models import (
    Authority,
    AuthoritySuccession,
    Organization,
    OrganizationLeader,
    Succession,
)


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Organization]):
    list_display = ["name", "code", "kind", "authority", "valid_from", "valid_to"]
    list_filter = ["kind", "authority"]
    search_fields = ["name", "code", "short_name"]


@admin.register(OrganizationLeader)
class OrganizationLeaderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[OrganizationLeader]):
    list_display = ["full_name", "position", "organization", "valid_from", "valid_to"]
    search_fields = ["full_name", "organization__name"]


@admin.register(Authority)
class AuthorityAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Authority]):
    list_display = ["name", "code", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["name", "code", "short_name"]


@admin.register(Succession)
class SuccessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Succession]):
    list_display = ["predecessor", "successor", "kind", "effective_date", "decision_ref"]
    list_filter = ["kind"]


@admin.register(AuthoritySuccession)
class AuthoritySuccessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[AuthoritySuccession]):
    list_display = ["predecessor", "successor", "effective_date", "decision_number"]
