from __future__ import annotations

from django.contrib import admin

from thidua.organizations.models import Authority, Organization, OrganizationLeader, Succession


class LeaderInline(admin.TabularInline[OrganizationLeader, Organization]):
    model = OrganizationLeader
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = ["name", "code", "kind", "authority", "valid_from", "valid_to"]
    list_filter = ["kind", "authority"]
    search_fields = ["name", "code", "short_name"]
    inlines = [LeaderInline]


admin.site.register(Authority)
admin.site.register(Succession)
