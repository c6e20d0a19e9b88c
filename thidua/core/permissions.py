"""One permission vocabulary: every action a person can take is one named django-rules permission.

An action is declared once, in its app's ``rules.py``::

    EDIT_SHEET = action(
        "scoring.edit_sheet",
        label=_("sửa bảng điểm"),
        who=is_own_unit_sheet,
        when=[
            (sheet_is_editable, _("Bảng điểm đã nộp; chỉ sửa được khi thư ký cụm mở lại.")),
            (self_scoring_open, _("Đã quá hạn tự chấm điểm.")),
        ],
    )

``who`` says which people may act on the object; each ``when`` condition says in which state of
the object (status, deadline) they may, with the message a person reads when that condition is
what stops them. A message that names the object (its number, its date, the deadline) is a
function ``(user, obj) -> str``, called only when the condition fails. The permission registered with django-rules is ``who & every condition``, so
``user.has_perm("scoring.edit_sheet", sheet)``, ``{% has_perm "scoring.edit_sheet" user sheet as
can_edit %}`` in templates, the API and the service all ask the same question. Services call
:func:`check`, which raises :class:`~django.core.exceptions.PermissionDenied` with the message of
the first condition that fails (or "you may not …" when the person is the wrong one); the API's
exception handler turns that into a 403 and views show the message.

A denial caused by state is still a denial (403 in the API): the action is not possible now. A
``ValidationError`` is kept for bad input (a value out of range, a missing reason).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import rules
from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext as _

# What a person reads when a condition stops them: a (lazy) string, or a function of the person
# and the object for a message that names the object.
Message: TypeAlias = str | Promise | Callable[[Any, Any], str]


@dataclass(frozen=True)
class Action:
    """A named permission: who may act, and in which states of the object."""

    name: str
    label: str | Promise
    who: Any  # rules.Predicate
    conditions: tuple[tuple[Any, Message], ...] = field(default=())

    @property
    def app_label(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def predicate(self) -> Any:
        combined = self.who
        for condition, _message in self.conditions:
            combined = combined & condition
        return combined

    def denial(self, user: Any, obj: Any = None) -> str | None:
        """Why ``user`` may not do this to ``obj`` now (``None`` when they may)."""
        if not _test(self.who, user, obj):
            return _("Bạn không có quyền {action}.").format(action=self.label)
        for condition, message in self.conditions:
            if not _test(condition, user, obj):
                return str(message(user, obj) if callable(message) else message)
        return None


def _test(predicate: Any, user: Any, obj: Any) -> bool:
    return bool(predicate.test(user, obj))


ACTIONS: dict[str, Action] = {}


def action(
    name: str,
    *,
    label: str | Promise,
    who: Any,
    when: Iterable[tuple[Any, Message]] = (),
) -> Action:
    """Declare (and register with django-rules) the permission ``name`` = ``who`` & ``when``."""
    if "." not in name:
        raise ValueError(f"permission {name!r} needs the form 'app.verb_object'")
    declared = Action(name=name, label=label, who=who, conditions=tuple(when))
    ACTIONS[name] = declared
    rules.set_perm(name, declared.predicate)
    return declared


def check(user: Any, name: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` (with a message a person can act on) unless ``user`` may."""
    if user.has_perm(name, obj):
        return
    declared = ACTIONS.get(name)
    reason = declared.denial(user, obj) if declared else None
    raise PermissionDenied(reason or _("Bạn không có quyền thực hiện thao tác này."))


def denial_reason(user: Any, name: str, obj: Any = None) -> str | None:
    """The message :func:`check` would raise, or ``None`` when the user may act."""
    if user.has_perm(name, obj):
        return None
    declared = ACTIONS.get(name)
    return (declared.denial(user, obj) if declared else None) or _(
        "Bạn không có quyền thực hiện thao tác này."
    )
