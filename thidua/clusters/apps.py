from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "thidua.clusters"
    label = "clusters"
    verbose_name = _("Cụm, khối thi đua")

    def ready(self) -> None:
        from thidua.clusters.lineage_section import predecessor_section
        from thidua.clusters.sections import Section, register_section

        register_section(Section("clusters.predecessor", 5, predecessor_section))
