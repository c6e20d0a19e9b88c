from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page and the ``demo`` command: the top of the layers, above every domain app."""

    name = "thidua.home"
    label = "home"
    verbose_name = _("Trang chủ")

    def ready(self) -> None:
        # Building the panel list at start-up makes a duplicate slug fail now, not on a request.
        from thidua.home import panels  # noqa: F401
