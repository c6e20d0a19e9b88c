"""Who may read and change the law. The object is a rule-set version: a national version is
the system administrator's; a local one also its authority's board officers (and those of the
authorities that succeeded it)."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role
from thidua.accounts.rules import is_system_admin
from thidua.core.permissions import action
from thidua.legal.enums import RuleSetStatus
from thidua.organizations.selectors import lineage_of_user


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated)


@rules.predicate
def is_board_officer_of_rule_set(user: Any, rule_set: Any) -> bool:
    """A local version of the officer's authority or one it succeeded."""
    if not (user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id):
        return False
    if rule_set is None:
        return True
    if rule_set.authority_id is None:
        return False
    if rule_set.authority_id == user.authority_id:
        return True
    lineage = lineage_of_user(user)
    return lineage is not None and lineage.includes(rule_set.authority_id)


@rules.predicate
def is_board_officer_of_authority(user: Any, authority: Any) -> bool:
    """The officer's authority or one it succeeded (without an object: may ever)."""
    if not (user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id):
        return False
    if authority is None or authority.pk == user.authority_id:
        return True
    lineage = lineage_of_user(user)
    return lineage is not None and lineage.includes(authority.pk)


@rules.predicate
def is_board_officer_of_instrument(user: Any, instrument: Any) -> bool:
    """A local instrument of the officer's authority or one it succeeded (an unsaved one when
    adding it; without an object: may ever)."""
    if not (user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id):
        return False
    if instrument is None:
        return True
    if instrument.authority_id is None:
        return False
    if instrument.authority_id == user.authority_id:
        return True
    lineage = lineage_of_user(user)
    return lineage is not None and lineage.includes(instrument.authority_id)


@rules.predicate
def is_draft(user: Any, rule_set: Any) -> bool:
    return rule_set is None or rule_set.status == RuleSetStatus.DRAFT


@rules.predicate
def is_published(user: Any, rule_set: Any) -> bool:
    return rule_set is None or rule_set.status == RuleSetStatus.PUBLISHED


manages_rule_set = is_system_admin | is_board_officer_of_rule_set
PUBLISHED_ONLY = _("Phiên bản đã ban hành không sửa được: hãy nhân bản để tạo phiên bản mới.")

VIEW_RULE_SETS = action(
    "legal.view_rule_sets", label=_("xem căn cứ pháp lý và tham số"), who=is_signed_in
)
CREATE_LOCAL_SET = action(
    "legal.create_local_set",
    label=_("tạo bộ quy định của bộ, tỉnh"),
    who=is_system_admin | is_board_officer_of_authority,
)
CLONE_RULE_SET = action(
    "legal.clone_rule_set",
    label=_("nhân bản bộ quy định"),
    who=manages_rule_set,
    when=[(is_published, _("Chỉ nhân bản được phiên bản đã ban hành."))],
)
EDIT_DRAFT = action(
    "legal.edit_draft",
    label=_("sửa bản nháp bộ quy định"),
    who=manages_rule_set,
    when=[(is_draft, PUBLISHED_ONLY)],
)
DELETE_DRAFT = action(
    "legal.delete_draft",
    label=_("xóa bản nháp bộ quy định"),
    who=manages_rule_set,
    when=[(is_draft, _("Phiên bản đã ban hành không xóa được; có thể cho hết hiệu lực."))],
)
PUBLISH_RULE_SET = action(
    "legal.publish_rule_set",
    label=_("ban hành bộ quy định"),
    who=manages_rule_set,
    when=[(is_draft, _("Phiên bản này đã được ban hành."))],
)
CLOSE_RULE_SET = action(
    "legal.close_rule_set",
    label=_("cho bộ quy định hết hiệu lực"),
    who=manages_rule_set,
    when=[(is_published, _("Chỉ phiên bản đã ban hành mới cho hết hiệu lực được."))],
)
MANAGE_INSTRUMENTS = action(
    "legal.manage_instruments",
    label=_("thêm văn bản, ghi ngày hết hiệu lực của văn bản"),
    who=is_system_admin | is_board_officer_of_instrument,
)
