from __future__ import annotations

from typing import Any

from thidua.eligibility.api import BatchViewSet, CheckViewSet


def register(router: Any) -> None:
    router.register("eligibility/checks", CheckViewSet, basename="eligibility-check")
    router.register("eligibility/batches", BatchViewSet, basename="eligibility-batch")
