from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Danh hiệu và hình thức khen thưởng")

    def ready(self) -> None:
        from thidua.awards import history_rules, history_sections  # award history (issue 10)

        del history_rules  # imported for its permissions
        from thidua.awards import import_rules  # noqa: F401  -- the history import's permission

        history_sections.register()
        from thidua.awards import rule_set_uses  # the award history uses rule-set versions

        rule_set_uses.register()
