from __future__ import annotations

from typing import Any

from thidua.awards.api import AwardTypeViewSet


def register(router: Any) -> None:
    router.register("award-types", AwardTypeViewSet, basename="award-type")
