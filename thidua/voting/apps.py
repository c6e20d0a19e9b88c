from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def zero_deleted_pages(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Every SQLite connection (the default file, or one given by DATABASE_URL) zeroes the pages
    it frees, so the urn of a closed or cancelled ballot leaves nothing on disk (design §4.3)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


class VotingConfig(AppConfig):
    name = "thidua.voting"
    label = "voting"
    verbose_name = _("Hội nghị tổng kết và bình xét")

    def ready(self) -> None:
        from thidua.clusters.carryovers import register_carryover
        from thidua.clusters.sections import Section, register_section

        # rules declares the permissions, documents registers the two minutes
        from thidua.voting import documents, panels, rules  # noqa: F401
        from thidua.voting.carryover import RULES_CARRYOVER

        register_section(Section("voting.conference", 80, panels.conference_section))
        register_carryover(RULES_CARRYOVER)
        connection_created.connect(zero_deleted_pages, dispatch_uid="voting.secure_delete")
