from __future__ import annotations

from collections.abc import Collection

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartOfYearConfig(AppConfig):
    name = "thidua.start_of_year"
    label = "start_of_year"
    verbose_name = _("Đầu năm: kế hoạch, giao ước, đăng ký thi đua")

    def ready(self) -> None:
        from thidua.clusters.carryovers import register_carryover
        from thidua.clusters.sections import Section, register_section
        from thidua.clusters.unit_sections import UnitSection, register_unit_section
        from thidua.start_of_year import panels
        from thidua.start_of_year.carryover import PLEDGE_CARRYOVER

        register_section(Section("start_of_year.pledge", 20, panels.pledge_section))
        register_section(Section("start_of_year.registrations", 30, panels.registration_section))
        register_section(Section("start_of_year.follow_up", 90, panels.follow_up_section))
        register_carryover(PLEDGE_CARRYOVER)
        from thidua.clusters.agenda import register_agenda_link
        from thidua.start_of_year.agenda import PLEDGE_NEXT_YEAR_LINK

        register_agenda_link(PLEDGE_NEXT_YEAR_LINK)
        from thidua.restructuring.impacts import Impact, register_impact
        from thidua.start_of_year import documents  # noqa: F401 -- registers the document kinds

        register_impact(Impact("start_of_year.pledges", 20, _("giao ước đang mở"), _pledges))
        register_impact(
            Impact("start_of_year.registrations", 30, _("bản đăng ký thi đua"), _registrations)
        )
        from thidua.start_of_year import notices

        notices.register_reminder_steps()
        from thidua.start_of_year import unit_history

        register_unit_section(
            UnitSection("start_of_year.registrations", 20, unit_history.registrations_section)
        )
        from thidua.clusters.candidates import register_candidate_source
        from thidua.start_of_year.candidates import REGISTRATIONS_SOURCE

        register_candidate_source(REGISTRATIONS_SOURCE)


def _pledges(organization_ids: Collection[int], cluster_year_ids: Collection[int]) -> int:
    """The pledges (draft, open for signing, in force) of the cluster years a restructuring moves."""
    from thidua.start_of_year.enums import PledgeStatus
    from thidua.start_of_year.models import Pledge

    live = [PledgeStatus.DRAFT, PledgeStatus.OPEN, PledgeStatus.IN_FORCE]
    return Pledge.objects.filter(cluster_year_id__in=cluster_year_ids, status__in=live).count()


def _registrations(organization_ids: Collection[int], cluster_year_ids: Collection[int]) -> int:
    from thidua.start_of_year.models import Registration

    return Registration.objects.filter(
        cluster_year_id__in=cluster_year_ids, organization_id__in=organization_ids
    ).count()
