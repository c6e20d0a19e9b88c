"""View plumbing shared by every app: ask a permission, run a service from a POST.

Views stay thin: they load objects through a scoped selector (404 outside the user's scope), ask
the one named permission of the action, and hand the write to a service through
:func:`run_service`, which shows the form's own errors, the service's ``ValidationError``
messages and the reason of a ``PermissionDenied`` the same way everywhere.

Two kinds of refusal, the same in every app:

- **not you** — the person is not among those who may ever take this action on the object
  (the action's ``who``): :func:`require_person` answers 403 with the reason (so does
  :func:`require`, for pages that only show);
- **not now** — the right person, but the object's state or a deadline stops them (the action's
  ``when``): the page does not offer the action and says why (:func:`refusal`); a POST that
  arrives anyway (a deadline passed while the page was open) reaches the service, whose
  ``PermissionDenied`` reason :func:`run_service` shows where the person is working; nothing is
  written. The API answers 403 for both (``core.api``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest

from thidua.core.permissions import ACTIONS, check

T = TypeVar("T")


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """403 (with the reason a person can act on) when the user sees ``obj`` but may not do this."""
    check(request.user, perm, obj)


def require_person(request: HttpRequest, perm: str, obj: Any = None) -> None:
    """403 (with the reason) when the user is not among the people who may ever take the action
    ``perm`` on ``obj``; a refusal by state or deadline is left to the page and the service."""
    declared = ACTIONS[perm]
    if not declared.who.test(request.user, obj):
        check(request.user, perm, obj)


def refusal(user: Any, perm: str, obj: Any) -> str | None:
    """Why someone who may take the action ``perm`` on ``obj`` cannot now (state, deadline), for
    a page to explain the missing button; ``None`` when they can, or when it is not theirs."""
    declared = ACTIONS[perm]
    if obj is None or not declared.who.test(user, obj):
        return None
    return declared.denial(user, obj)


@dataclass
class Outcome(Generic[T]):
    """What :func:`run_service` did: ``ok`` with the service's ``value``, or why not."""

    ok: bool
    value: T | None = None
    denied: bool = False  # refused by the action's state or deadline ("not now"), not by input

    def __bool__(self) -> bool:
        return self.ok


def run_service(
    request: HttpRequest,
    service: Callable[[], T],
    *,
    form: forms.BaseForm | None = None,
    flash: bool = False,
    success: str | Callable[[T], str] | None = None,
) -> Outcome[T]:
    """Validate ``form`` (if any), then call ``service()``; collect every error on the way.

    When the service succeeds and ``success`` is given, it becomes a success message: a string,
    or a function of the service's return value (for a message that names what was saved).

    With ``flash=False`` (a page that renders the form again) the errors go on the form: the
    form's own field errors stay where they are, a service ``ValidationError`` is added to the
    field it names (or to the form), a ``PermissionDenied`` reason to the form. With
    ``flash=True`` (a page that redirects) every error becomes a message, field errors with the
    field's label. Without a form, errors are always messages.
    """
    if form is not None and not form.is_valid():
        if flash:
            flash_form_errors(request, form)
        return Outcome(ok=False)
    try:
        value = service()
    except ValidationError as exc:
        if form is not None and not flash:
            add_service_errors(form, exc)
        else:
            flash_errors(request, exc)
        return Outcome(ok=False)
    except PermissionDenied as exc:
        reason = str(exc) or None
        if reason:
            if form is not None and not flash:
                form.add_error(None, reason)
            else:
                messages.error(request, reason)
            return Outcome(ok=False, denied=True)
        raise
    if success is not None:
        messages.success(request, success(value) if callable(success) else success)
    return Outcome(ok=True, value=value)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's errors on the form: on the field they name when the form has it."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = name if name in form.fields else None
            for error in errors:
                form.add_error(field, error.messages if field is None else error)
        return
    form.add_error(None, exc.messages)


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def flash_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """Flash the errors of an invalid form, each with its field's label (for redirects)."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            if label and name != NON_FIELD_ERRORS:
                messages.error(request, f"{label}: {error}")
            else:
                messages.error(request, str(error))
