"""Demo data of accounts: every demo user's current role as the start of their role history
(the other apps' demos create users directly). Running it again adds nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.accounts.models import RoleAssignment, User

# The demo's cluster years start in 2023: its people have held their roles since then.
DEMO_START = dt.date(2023, 1, 1)


def load(stdout: Any) -> None:
    missing = User.objects.filter(role_assignments__isnull=True)
    created = RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=user,
            role=user.role,
            organization_id=user.organization_id,
            authority_id=user.authority_id,
            valid_from=min(user.date_joined.date(), DEMO_START),
            note="Dữ liệu mẫu",
        )
        for user in missing
    )
    if created:
        stdout.write(f"Lịch sử vai trò: {len(created)} người dùng.\n")
