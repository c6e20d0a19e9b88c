from __future__ import annotations

from typing import Any

from thidua.eligibility.api import CheckViewSet


def register(router: Any) -> None:
    router.register("eligibility/checks", CheckViewSet, basename="eligibility-check")
