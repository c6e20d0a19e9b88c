"""Authentication: Django's ModelBackend, loading the user's unit and authority in the same query.

Object permissions come from django-rules (ObjectPermissionBackend). Django's model permission
tables are only used by the admin site, so they are not queried for non-staff users.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

from thidua.accounts.models import User


class AuthBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        # on every signed-in request: ``get`` (no ORDER BY to compile) rather than ``first()``
        try:
            user = User.objects.select_related("organization", "authority").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not getattr(user_obj, "is_staff", False):
            return False
        return super().has_perm(user_obj, perm, obj)


class ThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, first of the backends: a locked-out account or address is refused
    before any password is compared. An ``authenticate()`` without a request (a command, a test
    client's ``login``) has nothing to count and is not throttled."""

    def authenticate(self, request: Any, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
