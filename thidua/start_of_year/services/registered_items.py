"""The models (mô hình) and topics (chuyên đề) of a unit's registration, within the year's
limits, while the unit may edit its registration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.core.permissions import check
from thidua.start_of_year.enums import ItemKind
from thidua.start_of_year.models import EmulationModel, Registration, Topic
from thidua.start_of_year.rules import EDIT_REGISTRATION
from thidua.start_of_year.selectors import item_limits
from thidua.start_of_year.services.common import require_text
from thidua.start_of_year.services.registrations import locked_registration

if TYPE_CHECKING:
    from thidua.accounts.models import User

ITEM_FIELDS = ["name", "description", "expected_result"]
ITEM_CLASSES: dict[str, type[EmulationModel] | type[Topic]] = {
    ItemKind.MODEL: EmulationModel,
    ItemKind.TOPIC: Topic,
}


def kind_of(item: EmulationModel | Topic) -> str:
    return ItemKind.MODEL if isinstance(item, EmulationModel) else ItemKind.TOPIC


def _check_room(registration: Registration, kind: str, label: str, high: int) -> None:
    count = registration.items_of(kind).count()
    if count >= high:
        raise ValidationError(
            _(
                "Mỗi đơn vị đăng ký tối đa {max} {label} (theo cài đặt của {noun} năm {year}); "
                "{unit} đã có {count}."
            ).format(
                max=high,
                label=label,
                year=registration.cluster_year.year,
                noun=registration.cluster_year.noun,
                unit=registration.organization.name,
                count=count,
            ),
            code="too_many",
        )


@transaction.atomic
def add_registered_item(
    *,
    registration: Registration,
    by: User,
    kind: str,
    name: str,
    description: str = "",
    expected_result: str = "",
    is_sample: bool = False,
) -> EmulationModel | Topic:
    """Add a model or a topic, within the year's maximum.

    Side effects: creates the item; audit event ``registration.<kind>.add``.
    """
    if kind not in ITEM_CLASSES:
        raise ValidationError(_("Loại nội dung đăng ký không hợp lệ."), code="bad_kind")
    registration = locked_registration(registration)
    check(by, EDIT_REGISTRATION.name, registration)
    _low, high, label = item_limits(registration, kind)
    name = require_text(name, _("Hãy nhập tên {label}.").format(label=label))
    _check_room(registration, kind, label, high)
    item = ITEM_CLASSES[kind].objects.create(
        registration=registration,
        name=name,
        description=description.strip(),
        expected_result=expected_result.strip(),
        is_sample=is_sample,
    )
    record_event(action=f"registration.{kind}.add", obj=item, after=snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def update_registered_item(
    *,
    item: EmulationModel | Topic,
    by: User,
    name: str,
    description: str = "",
    expected_result: str = "",
) -> EmulationModel | Topic:
    """Change a model's or a topic's name, description and expected result.

    Side effects: writes the item; audit event ``registration.<kind>.update``.
    """
    check(by, EDIT_REGISTRATION.name, locked_registration(item.registration))
    name = require_text(name, _("Hãy nhập tên."))
    before = snapshot(item, ITEM_FIELDS)
    item.name, item.description = name, description.strip()
    item.expected_result = expected_result.strip()
    item.save(update_fields=[*ITEM_FIELDS, "updated"])
    record_event(
        action=f"registration.{kind_of(item)}.update",
        obj=item,
        before=before,
        after=snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def remove_registered_item(*, item: EmulationModel | Topic, by: User) -> None:
    """Remove a model or a topic that has no progress report yet.

    Side effects: deletes the item; audit event ``registration.<kind>.remove``.
    """
    registration = locked_registration(item.registration)
    check(by, EDIT_REGISTRATION.name, registration)
    if item.progress_updates.exists():
        raise ValidationError(
            _("“{name}” đã có báo cáo tiến độ, không xóa được.").format(name=item.name),
            code="has_progress",
        )
    before = snapshot(item, ITEM_FIELDS)
    item.delete()
    record_event(action=f"registration.{kind_of(item)}.remove", obj=registration, before=before)
