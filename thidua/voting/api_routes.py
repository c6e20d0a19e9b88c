"""Mounted under /api/v1/ by thidua.api_urls."""

from __future__ import annotations

from typing import Any

from thidua.voting.api import BallotViewSet


def register(router: Any) -> None:
    router.register("voting/ballots", BallotViewSet, basename="voting-ballot")
