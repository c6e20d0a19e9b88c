from __future__ import annotations

from typing import Any

from thidua.legal.api import RuleSetViewSet


def register(router: Any) -> None:
    router.register("legal/rule-sets", RuleSetViewSet, basename="rule-set")
