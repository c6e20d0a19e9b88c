"""From codes (the wizard's fields, the API's JSON, the import's rows) to a ``Spec``.

Unknown codes — or codes of units outside the person's scope — are bad input (``ValidationError``
naming the code); a unit the person sees but may not restructure is refused by the service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.clusters.selectors import organizations_for_user
from thidua.organizations.models import Authority, Organization
from thidua.restructuring.plan import Decision, NewUnit, Spec

if TYPE_CHECKING:
    from thidua.accounts.models import User


def units_by_code(codes: Iterable[str], user: User | None, field: str) -> list[Organization]:
    wanted = [code.strip() for code in codes if code and code.strip()]
    qs = Organization.objects.all() if user is None else organizations_for_user(user)
    found = qs.select_related("authority", "parent").in_bulk(wanted, field_name="code")
    missing = [code for code in wanted if code not in found]
    if missing:
        raise ValidationError(
            {field: _("Không tìm thấy đơn vị có mã: {codes}.").format(codes=", ".join(missing))}
        )
    return [found[code] for code in wanted]


def authority_by_code(code: str) -> Authority | None:
    if not code:
        return None
    authority = Authority.objects.filter(code=code.strip()).first()
    if authority is None:
        raise ValidationError(
            {"target_authority": _("Không tìm thấy cơ quan có mã “{code}”.").format(code=code)}
        )
    return authority


def build_spec(
    *,
    kind: str,
    decision: Decision,
    unit_codes: Sequence[str],
    user: User | None,
    successor_codes: Sequence[str] = (),
    new_units: Sequence[NewUnit] = (),
    target_authority: str = "",
    assignments: Mapping[int, str] | None = None,
) -> Spec:
    existing = units_by_code(successor_codes, user, "successors")
    return Spec(
        kind=kind,
        decision=decision,
        units=tuple(units_by_code(unit_codes, user, "units")),
        successors=(*existing, *new_units),
        target_authority=authority_by_code(target_authority),
        assignments=dict(assignments or {}),
    )
