"""Demo data of accounts: every demo user's current role as the start of their role history
(the other apps' demos create users directly). Running it again adds nothing."""

from __future__ import annotations

from typing import Any

from thidua.accounts.models import RoleAssignment, User


def load(stdout: Any) -> None:
    missing = User.objects.filter(role_assignments__isnull=True)
    created = RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=user,
            role=user.role,
            organization_id=user.organization_id,
            authority_id=user.authority_id,
            valid_from=user.date_joined.date(),
            note="Dữ liệu mẫu",
        )
        for user in missing
    )
    if created:
        stdout.write(f"Lịch sử vai trò: {len(created)} người dùng.\n")
