"""Writes for accounts: keyword-only, one transaction, audited, permission checked first.

``user=None`` is a trusted caller that has checked its own permission (the command line, the
demo, the import once it has checked ``accounts.import_users``).
"""

from __future__ import annotations

from thidua.accounts.services.passwords import (
    change_own_password,
    generate_password,
    reset_password,
    send_password_link,
)
from thidua.accounts.services.roles import assign_role, check_grant, validate_scope
from thidua.accounts.services.sessions import (
    end_other_sessions,
    end_session,
    end_sessions_of,
    record_sign_in,
    touch_session,
)
from thidua.accounts.services.tokens import NewToken, create_api_token, revoke_api_token
from thidua.accounts.services.users import NewAccount, create_user, set_active, update_profile

__all__ = [
    "NewAccount",
    "NewToken",
    "assign_role",
    "change_own_password",
    "check_grant",
    "create_api_token",
    "create_user",
    "end_other_sessions",
    "end_session",
    "end_sessions_of",
    "generate_password",
    "record_sign_in",
    "reset_password",
    "revoke_api_token",
    "send_password_link",
    "set_active",
    "touch_session",
    "update_profile",
    "validate_scope",
]
