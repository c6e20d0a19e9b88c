"""``check --deploy``: the audit key is a real secret, apart from the other keys (docs/audit.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

MIN_LENGTH = 32


@register(Tags.security, deploy=True)
def audit_key(app_configs: Any, **kwargs: Any) -> list[Warning]:
    key = str(settings.AUDIT_KEY)
    others = {
        str(settings.SECRET_KEY),
        str(getattr(settings, "VOTING_SEAL_KEY", "")),
        str(getattr(settings, "VOTING_PASS_KEY", "")),
    }
    problems = []
    if key in others:
        problems.append(
            Warning(
                "THIDUA_AUDIT_KEY must differ from THIDUA_SECRET_KEY and the voting keys.",
                id="audit.W001",
            )
        )
    if len(key) < MIN_LENGTH or "dev-insecure" in key:
        problems.append(
            Warning(
                f"THIDUA_AUDIT_KEY must be a random secret of at least {MIN_LENGTH} characters.",
                id="audit.W002",
            )
        )
    return problems
