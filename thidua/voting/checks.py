"""``check --deploy``: the two voting keys are real secrets, apart from each other and from the
secret key (docs/ballot-secrecy.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

MIN_LENGTH = 32


@register(Tags.security, deploy=True)
def voting_keys(app_configs: Any, **kwargs: Any) -> list[Warning]:
    seal_key = str(settings.VOTING_SEAL_KEY)
    pass_key = str(settings.VOTING_PASS_KEY)
    problems = []
    if seal_key in (settings.SECRET_KEY, pass_key) or pass_key == settings.SECRET_KEY:
        problems.append(
            Warning(
                "THIDUA_VOTING_SEAL_KEY, THIDUA_VOTING_PASS_KEY and THIDUA_SECRET_KEY must differ.",
                id="voting.W001",
            )
        )
    if min(len(seal_key), len(pass_key)) < MIN_LENGTH or "dev-insecure" in seal_key + pass_key:
        problems.append(
            Warning(
                f"The voting keys must be random secrets of at least {MIN_LENGTH} characters.",
                id="voting.W002",
            )
        )
    return problems
