from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "thidua.clusters"
    label = "clusters"
    verbose_name = _("Cụm, khối thi đua")

    def ready(self) -> None:
        from thidua.accounts.notes import RoleNote, register_role_note
        from thidua.clusters.role_notes import headed_years

        register_role_note(RoleNote("clusters.headed_years", headed_years))
        from thidua.clusters.unit_sections import (
            UnitSection,
            memberships_section,
            register_unit_section,
        )

        register_unit_section(UnitSection("clusters.memberships", 10, memberships_section))
        from thidua.clusters.lineage_section import predecessor_section
        from thidua.clusters.sections import Section, register_section

        register_section(Section("clusters.predecessor", 5, predecessor_section))
