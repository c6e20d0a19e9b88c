from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "thidua.people"
    label = "people"
    verbose_name = _("Cá nhân và quá trình công tác")

    def ready(self) -> None:
        from thidua.people import rules

        del rules  # imported for its permissions
