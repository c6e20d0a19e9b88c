"""Who may change the award catalogue. Reading it needs only a sign-in (it is public law);
adding an order or a medal (a row of the catalogue) is the system administrator's."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.accounts.rules import is_system_admin
from thidua.core.permissions import action

ADD_AWARD_TYPE = action(
    "awards.add_award_type",
    label=_("thêm danh hiệu, hình thức khen thưởng vào danh mục"),
    who=is_system_admin,
)
