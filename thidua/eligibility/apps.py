from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "thidua.eligibility"
    label = "eligibility"
    verbose_name = _("Kiểm tra điều kiện khen thưởng")

    def ready(self) -> None:
        from thidua.eligibility import rules

        del rules  # imported for its permissions
        from thidua.eligibility import sections  # noqa: F401  -- registers its person-page section
