"""Writes of the start of the year: settings, the pledge and its versions and signatures,
registrations with their models and topics, and progress reports with evidence.

Every function validates first and raises ``ValidationError`` with a Vietnamese message
(nothing is written then), and records an audit event for each change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.enums import UNIT_ROLES, Role
from thidua.audit.services import record_event, snapshot
from thidua.awards.models import AwardType
from thidua.awards.selectors import collective_awards_for
from thidua.clusters.deadlines import check_step_open, is_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear
from thidua.clusters.rules import can_manage_cluster_year
from thidua.core.uploads import EVIDENCE_TYPES, validate_upload
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import (
    CURRENT_PLEDGE_STATUSES,
    EDITABLE_STATUSES,
    TRANSITIONS,
    Actor,
    ItemKind,
    PledgeStatus,
    RegistrationAction,
    RegistrationStatus,
    SignatureMethod,
)
from thidua.start_of_year.models import (
    EmulationModel,
    Evidence,
    Pledge,
    PledgeItem,
    PledgeSignature,
    PledgeTarget,
    ProgressUpdate,
    Registration,
    RegistrationEvent,
    Topic,
    YearSettings,
)
from thidua.start_of_year.selectors import default_signer, settings_for

if TYPE_CHECKING:
    from thidua.accounts.models import User

MAX_FILES_PER_UPDATE = 10
SETTINGS_FIELDS = [
    "pledge_min_items",
    "pledge_max_items",
    "models_min",
    "models_max",
    "topics_min",
    "topics_max",
    "progress_stale_days",
    "basis",
]
PLEDGE_FIELDS = [
    "version",
    "status",
    "title",
    "preamble",
    "doc_number",
    "place",
    "conference_date",
    "change_note",
]
REGISTRATION_FIELDS = ["status", "award_id", "goals", "submitted_at", "decided_at"]
ITEM_FIELDS = ["name", "description", "expected_result"]


# ---------------------------------------------------------------- checks shared by the services


def _check_manager(user: User, cluster_year: ClusterYear) -> None:
    if not can_manage_cluster_year(user, cluster_year):
        raise ValidationError(
            _(
                "Chỉ đơn vị {head} (thư ký cụm), Ban Thi đua - Khen thưởng hoặc quản trị hệ thống "
                "mới được làm việc này."
            ).format(head=cluster_year.head_label.lower()),
            code="not_manager",
        )


def _member_ids(cluster_year: ClusterYear) -> set[int]:
    return set(cluster_year.memberships.values_list("organization_id", flat=True))


def _check_member(cluster_year: ClusterYear, organization: Organization) -> None:
    if organization.pk not in _member_ids(cluster_year):
        raise ValidationError(
            _("{unit} không phải thành viên của {cluster} năm {year}.").format(
                unit=organization.name, cluster=cluster_year.cluster.name, year=cluster_year.year
            ),
            code="not_member",
        )


def _check_unit_user(user: User, organization: Organization) -> None:
    if user.role not in UNIT_ROLES or user.organization_id != organization.pk:
        raise ValidationError(
            _(
                "Chỉ cán bộ hoặc lãnh đạo của {unit} mới được làm việc này với đăng ký thi đua "
                "của đơn vị."
            ).format(unit=organization.name),
            code="not_own_unit",
        )


def _require_text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return value


# ---------------------------------------------------------------- settings


@transaction.atomic
def update_settings(
    *,
    cluster_year: ClusterYear,
    by: User,
    pledge_min_items: int,
    pledge_max_items: int,
    models_min: int,
    models_max: int,
    topics_min: int,
    topics_max: int,
    progress_stale_days: int,
    basis: str = "",
) -> YearSettings:
    _check_manager(by, cluster_year)
    pairs = [
        (pledge_min_items, pledge_max_items, _("nội dung giao ước")),
        (models_min, models_max, _("mô hình")),
        (topics_min, topics_max, _("chuyên đề")),
    ]
    for low, high, label in pairs:
        if low < 0 or high < 0 or low > high:
            raise ValidationError(
                _("Số {label} tối thiểu ({low}) phải không lớn hơn số tối đa ({high}).").format(
                    label=label, low=low, high=high
                ),
                code="min_gt_max",
            )
    if pledge_min_items < 1:
        raise ValidationError(_("Giao ước cần ít nhất 1 nội dung cam kết."), code="min_items")
    row = YearSettings.objects.select_for_update().filter(cluster_year=cluster_year).first()
    before = snapshot(row, SETTINGS_FIELDS) if row else None
    row = row or YearSettings(cluster_year=cluster_year)
    row.pledge_min_items, row.pledge_max_items = pledge_min_items, pledge_max_items
    row.models_min, row.models_max = models_min, models_max
    row.topics_min, row.topics_max = topics_min, topics_max
    row.progress_stale_days = progress_stale_days
    row.basis = basis.strip()
    row.save()
    record_event(
        action="start_of_year.settings.update",
        obj=cluster_year,
        before=before,
        after=snapshot(row, SETTINGS_FIELDS),
    )
    return row


# ---------------------------------------------------------------- pledge


def default_pledge_title(cluster_year: ClusterYear) -> str:
    return _("Giao ước thi đua năm {year}").format(year=cluster_year.year)


@transaction.atomic
def create_pledge(
    *,
    cluster_year: ClusterYear,
    by: User,
    title: str = "",
    preamble: str = "",
    doc_number: str = "",
    place: str = "",
    conference_date: dt.date | None = None,
) -> Pledge:
    """Start the year's pledge as a draft (version 1)."""
    _check_manager(by, cluster_year)
    if Pledge.objects.filter(cluster_year=cluster_year).exists():
        raise ValidationError(
            _("{cluster} năm {year} đã có giao ước; hãy sửa giao ước hiện có.").format(
                cluster=cluster_year.cluster.name, year=cluster_year.year
            ),
            code="pledge_exists",
        )
    pledge = Pledge.objects.create(
        cluster_year=cluster_year,
        version=1,
        status=PledgeStatus.DRAFT,
        title=title.strip() or default_pledge_title(cluster_year),
        preamble=preamble.strip(),
        doc_number=doc_number.strip(),
        place=place.strip(),
        conference_date=conference_date,
        created_by=by if by.pk else None,
    )
    record_event(action="pledge.create", obj=pledge, after=snapshot(pledge, PLEDGE_FIELDS))
    return pledge


def _new_version(current: Pledge, by: User, change_note: str) -> tuple[Pledge, dict[int, int]]:
    """Copy a signed version into the next draft version; returns it and old→new target ids."""
    latest = Pledge.objects.filter(cluster_year_id=current.cluster_year_id).aggregate(
        Max("version")
    )["version__max"]
    new = Pledge.objects.create(
        cluster_year_id=current.cluster_year_id,
        version=(latest or 0) + 1,
        status=PledgeStatus.DRAFT,
        title=current.title,
        preamble=current.preamble,
        doc_number=current.doc_number,
        place=current.place,
        conference_date=current.conference_date,
        change_note=change_note.strip(),
        created_by=by if by.pk else None,
    )
    mapping: dict[int, int] = {}
    for item in current.items.prefetch_related("targets").order_by("number"):
        copy = PledgeItem.objects.create(
            pledge=new, number=item.number, title=item.title, text=item.text
        )
        for target in item.targets.all():
            mapping[target.pk] = PledgeTarget.objects.create(
                item=copy,
                text=target.text,
                metric=target.metric,
                value=target.value,
                unit=target.unit,
                organization_id=target.organization_id,
            ).pk
    record_event(
        action="pledge.version.create",
        obj=new,
        before={"version": current.version, "pledge_id": current.pk},
        after=snapshot(new, PLEDGE_FIELDS),
        note=change_note,
    )
    return new, mapping


def _pledge_for_change(
    cluster_year: ClusterYear, by: User, change_note: str = ""
) -> tuple[Pledge, dict[int, int]]:
    """The version a change goes into: the draft; else the current version while nobody has
    signed it; else a new draft version (a signed text is never changed)."""
    draft = (
        Pledge.objects.select_for_update()
        .filter(cluster_year=cluster_year, status=PledgeStatus.DRAFT)
        .first()
    )
    if draft is not None:
        return draft, {}
    current = (
        Pledge.objects.select_for_update()
        .filter(cluster_year=cluster_year, status__in=CURRENT_PLEDGE_STATUSES)
        .first()
    )
    if current is None:
        raise ValidationError(
            _("Chưa có giao ước để sửa. Hãy tạo dự thảo giao ước trước."), code="no_pledge"
        )
    if not current.signatures.exists():
        return current, {}
    return _new_version(current, by, change_note)


@transaction.atomic
def update_pledge_header(
    *,
    cluster_year: ClusterYear,
    by: User,
    title: str,
    preamble: str = "",
    doc_number: str = "",
    place: str = "",
    conference_date: dt.date | None = None,
    change_note: str = "",
) -> Pledge:
    _check_manager(by, cluster_year)
    title = _require_text(title, _("Hãy nhập tiêu đề giao ước."))
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    before = snapshot(pledge, PLEDGE_FIELDS)
    pledge.title, pledge.preamble = title, preamble.strip()
    pledge.doc_number, pledge.place = doc_number.strip(), place.strip()
    pledge.conference_date = conference_date
    if change_note.strip():
        pledge.change_note = change_note.strip()
    pledge.save()
    record_event(
        action="pledge.update", obj=pledge, before=before, after=snapshot(pledge, PLEDGE_FIELDS)
    )
    return pledge


@transaction.atomic
def add_pledge_item(
    *, cluster_year: ClusterYear, by: User, text: str, title: str = "", change_note: str = ""
) -> PledgeItem:
    _check_manager(by, cluster_year)
    text = _require_text(text, _("Hãy nhập nội dung cam kết."))
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    limits = settings_for(cluster_year)
    count = pledge.items.count()
    if count >= limits.pledge_max_items:
        raise ValidationError(
            _(
                "Giao ước của {cluster} năm {year} có tối đa {max} nội dung cam kết; "
                "đã có {count}, không thêm được."
            ).format(
                cluster=cluster_year.cluster.name,
                year=cluster_year.year,
                max=limits.pledge_max_items,
                count=count,
            ),
            code="too_many_items",
        )
    item = PledgeItem.objects.create(
        pledge=pledge, number=count + 1, title=title.strip(), text=text
    )
    record_event(
        action="pledge.item.add",
        obj=pledge,
        after={"number": item.number, "title": item.title, "text": item.text},
    )
    return item


def _item(pledge: Pledge, number: int) -> PledgeItem:
    item = pledge.items.filter(number=number).first()
    if item is None:
        raise ValidationError(
            _("Giao ước không có nội dung cam kết số {number}.").format(number=number),
            code="no_item",
        )
    return item


@transaction.atomic
def update_pledge_item(
    *,
    cluster_year: ClusterYear,
    by: User,
    number: int,
    text: str,
    title: str = "",
    change_note: str = "",
) -> PledgeItem:
    _check_manager(by, cluster_year)
    text = _require_text(text, _("Hãy nhập nội dung cam kết."))
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    item = _item(pledge, number)
    before = snapshot(item, ["number", "title", "text"])
    item.title, item.text = title.strip(), text
    item.save(update_fields=["title", "text", "updated"])
    record_event(
        action="pledge.item.update",
        obj=pledge,
        before=before,
        after=snapshot(item, ["number", "title", "text"]),
    )
    return item


@transaction.atomic
def remove_pledge_item(
    *, cluster_year: ClusterYear, by: User, number: int, change_note: str = ""
) -> Pledge:
    """Remove a commitment; the following ones move up a number."""
    _check_manager(by, cluster_year)
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    item = _item(pledge, number)
    before = snapshot(item, ["number", "title", "text"])
    item.delete()
    for later in pledge.items.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number", "updated"])
    record_event(action="pledge.item.remove", obj=pledge, before=before)
    return pledge


@transaction.atomic
def add_pledge_target(
    *,
    cluster_year: ClusterYear,
    by: User,
    item_number: int,
    text: str,
    metric: str = "",
    value: Decimal | None = None,
    unit: str = "",
    organization: Organization | None = None,
    change_note: str = "",
) -> PledgeTarget:
    _check_manager(by, cluster_year)
    text = _require_text(text, _("Hãy nhập nội dung chỉ tiêu."))
    if organization is not None:
        _check_member(cluster_year, organization)
    pledge, _mapping = _pledge_for_change(cluster_year, by, change_note)
    item = _item(pledge, item_number)
    target = PledgeTarget.objects.create(
        item=item,
        text=text,
        metric=metric.strip(),
        value=value,
        unit=unit.strip(),
        organization=organization,
    )
    record_event(
        action="pledge.target.add",
        obj=pledge,
        after={"item": item.number, **snapshot(target, ["text", "metric", "value", "unit"])},
    )
    return target


@transaction.atomic
def remove_pledge_target(
    *, cluster_year: ClusterYear, by: User, target_id: int, change_note: str = ""
) -> Pledge:
    _check_manager(by, cluster_year)
    pledge, mapping = _pledge_for_change(cluster_year, by, change_note)
    target = PledgeTarget.objects.filter(
        pk=mapping.get(target_id, target_id), item__pledge=pledge
    ).first()
    if target is None:
        raise ValidationError(_("Chỉ tiêu không thuộc bản giao ước đang soạn."), code="no_target")
    before = snapshot(target, ["text", "metric", "value", "unit", "organization_id"])
    target.delete()
    record_event(action="pledge.target.remove", obj=pledge, before=before)
    return pledge


@transaction.atomic
def open_pledge(*, cluster_year: ClusterYear, by: User, at: dt.datetime | None = None) -> Pledge:
    """Open the draft for signing; it replaces the previous version (kept with its signatures).

    ``at`` is only for loading past years (demo data); the pages never pass it."""
    _check_manager(by, cluster_year)
    draft = (
        Pledge.objects.select_for_update()
        .filter(cluster_year=cluster_year, status=PledgeStatus.DRAFT)
        .first()
    )
    if draft is None:
        raise ValidationError(_("Không có dự thảo giao ước để mở ký."), code="no_draft")
    limits = settings_for(cluster_year)
    count = draft.items.count()
    if not limits.pledge_min_items <= count <= limits.pledge_max_items:
        raise ValidationError(
            _(
                "Giao ước cần từ {min} đến {max} nội dung cam kết (theo cài đặt của {cluster} năm "
                "{year}); dự thảo đang có {count}."
            ).format(
                min=limits.pledge_min_items,
                max=limits.pledge_max_items,
                cluster=cluster_year.cluster.name,
                year=cluster_year.year,
                count=count,
            ),
            code="item_count",
        )
    now = at or timezone.now()
    previous = (
        Pledge.objects.select_for_update()
        .filter(cluster_year=cluster_year, status__in=CURRENT_PLEDGE_STATUSES)
        .first()
    )
    if previous is not None:
        before = snapshot(previous, ["status"])
        previous.status, previous.superseded_at = PledgeStatus.SUPERSEDED, now
        previous.save(update_fields=["status", "superseded_at", "updated"])
        record_event(
            action="pledge.supersede",
            obj=previous,
            before=before,
            after={"status": previous.status, "replaced_by_version": draft.version},
        )
    before = snapshot(draft, ["status"])
    draft.status, draft.opened_at = PledgeStatus.OPEN, now
    draft.save(update_fields=["status", "opened_at", "updated"])
    record_event(action="pledge.open", obj=draft, before=before, after={"status": draft.status})
    return draft


def _check_signable(pledge: Pledge, organization: Organization) -> None:
    if pledge.status == PledgeStatus.DRAFT:
        raise ValidationError(
            _("Giao ước phiên bản {v} còn là dự thảo, chưa mở ký.").format(v=pledge.version),
            code="not_open",
        )
    if pledge.status == PledgeStatus.SUPERSEDED:
        raise ValidationError(
            _(
                "Giao ước phiên bản {v} đã được thay bằng phiên bản mới; hãy ký phiên bản hiện hành."
            ).format(v=pledge.version),
            code="superseded",
        )
    existing = pledge.signatures.filter(organization=organization).first()
    if existing is not None:
        raise ValidationError(
            _("{unit} đã ký giao ước phiên bản {v} lúc {at}; không ký lại.").format(
                unit=organization.name,
                v=pledge.version,
                at=timezone.localtime(existing.signed_at).strftime("%H:%M %d/%m/%Y"),
            ),
            code="already_signed",
        )


def _add_signature(
    *,
    pledge: Pledge,
    organization: Organization,
    signer_name: str,
    signer_position: str,
    signed_at: dt.datetime,
    method: str,
    signed_by: User | None,
    note: str = "",
) -> PledgeSignature:
    try:
        with transaction.atomic():
            signature = PledgeSignature.objects.create(
                pledge=pledge,
                organization=organization,
                signer_name=signer_name,
                signer_position=signer_position,
                signed_at=signed_at,
                method=method,
                signed_by=signed_by,
                note=note,
            )
    except IntegrityError as exc:  # a concurrent signature won the race
        raise ValidationError(
            _("{unit} đã ký giao ước phiên bản {v}; không ký lại.").format(
                unit=organization.name, v=pledge.version
            ),
            code="already_signed",
        ) from exc
    record_event(
        action="pledge.sign",
        obj=pledge,
        after={
            "organization_id": organization.pk,
            "organization": organization.name,
            "signer_name": signer_name,
            "signer_position": signer_position,
            "signed_at": signed_at,
            "method": method,
        },
        note=note,
    )
    members = _member_ids(pledge.cluster_year)
    signed = set(pledge.signatures.values_list("organization_id", flat=True))
    if pledge.status == PledgeStatus.OPEN and members and members <= signed:
        pledge.status, pledge.in_force_at = PledgeStatus.IN_FORCE, signed_at
        pledge.save(update_fields=["status", "in_force_at", "updated"])
        record_event(
            action="pledge.in_force",
            obj=pledge,
            before={"status": PledgeStatus.OPEN},
            after={"status": pledge.status, "signed": len(signed), "members": len(members)},
        )
    return signature


@transaction.atomic
def sign_pledge(
    *,
    pledge: Pledge,
    by: User,
    organization: Organization,
    signer_name: str = "",
    signer_position: str = "",
) -> PledgeSignature:
    """A member unit's leader signs the current version for the unit, in the app."""
    if by.role != Role.UNIT_LEADER:
        raise ValidationError(
            _("Chỉ thủ trưởng đơn vị (tài khoản lãnh đạo đơn vị) mới được ký giao ước."),
            code="not_leader",
        )
    if by.organization_id != organization.pk:
        raise ValidationError(
            _(
                "Bạn chỉ được ký giao ước cho đơn vị của mình ({own}), không ký thay {other}."
            ).format(own=by.organization.name if by.organization else "—", other=organization.name),
            code="other_unit",
        )
    pledge = (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("cluster_year__cluster")
        .get(pk=pledge.pk)
    )
    _check_member(pledge.cluster_year, organization)
    _check_signable(pledge, organization)
    check_step_open(
        cluster_year=pledge.cluster_year, step=CycleStep.PLEDGE, organization=organization
    )
    default_name, default_position = default_signer(by, organization)
    name = signer_name.strip() or default_name
    position = signer_position.strip() or default_position
    if not name or not position:
        raise ValidationError(_("Cần ghi họ tên và chức vụ người ký."), code="signer_required")
    return _add_signature(
        pledge=pledge,
        organization=organization,
        signer_name=name,
        signer_position=position,
        signed_at=timezone.now(),
        method=SignatureMethod.IN_APP,
        signed_by=by,
    )


@transaction.atomic
def import_signature(
    *,
    pledge: Pledge,
    organization: Organization,
    signer_name: str,
    signer_position: str,
    signed_at: dt.datetime,
    source: str,
) -> PledgeSignature:
    """Record a signature made on paper before the app was used (data import, demo data).

    Not reachable from any view: in the app, only the unit's leader signs (``sign_pledge``).
    """
    source = _require_text(source, _("Cần ghi nguồn của chữ ký được ghi nhận."))
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    _check_member(pledge.cluster_year, organization)
    _check_signable(pledge, organization)
    return _add_signature(
        pledge=pledge,
        organization=organization,
        signer_name=_require_text(signer_name, _("Cần ghi họ tên người ký.")),
        signer_position=_require_text(signer_position, _("Cần ghi chức vụ người ký.")),
        signed_at=signed_at,
        method=SignatureMethod.RECORDED,
        signed_by=None,
        note=source,
    )


# ---------------------------------------------------------------- registrations


def _check_registration_open(registration_or_year: Any, organization: Organization) -> None:
    cluster_year = getattr(registration_or_year, "cluster_year", registration_or_year)
    check_step_open(
        cluster_year=cluster_year, step=CycleStep.REGISTRATION, organization=organization
    )


def _check_editable(registration: Registration) -> None:
    if registration.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "Đăng ký thi đua của {unit} đang ở trạng thái “{status}”, không sửa được; chỉ sửa "
                "khi đang soạn hoặc bị trả lại."
            ).format(unit=registration.organization.name, status=registration.get_status_display()),
            code="not_editable",
        )


def _check_award(award: AwardType | None, cluster_year: ClusterYear) -> None:
    if award is None:
        return
    allowed = collective_awards_for(
        year=cluster_year.year, province=cluster_year.cluster.authority.province
    )
    if not allowed.filter(pk=award.pk).exists():
        raise ValidationError(
            _(
                "“{award}” không phải danh hiệu, hình thức khen thưởng dành cho tập thể áp dụng "
                "trong năm {year} tại {province}."
            ).format(
                award=award.name,
                year=cluster_year.year,
                province=cluster_year.cluster.authority.province or _("địa phương này"),
            ),
            code="award_not_allowed",
        )


@transaction.atomic
def save_registration(
    *,
    cluster_year: ClusterYear,
    organization: Organization,
    by: User,
    award: AwardType | None,
    goals: str = "",
) -> Registration:
    """Create or change a unit's draft (or returned) registration: the title and the goals."""
    _check_unit_user(by, organization)
    _check_member(cluster_year, organization)
    _check_registration_open(cluster_year, organization)
    _check_award(award, cluster_year)
    registration = (
        Registration.objects.select_for_update()
        .filter(cluster_year=cluster_year, organization=organization)
        .first()
    )
    if registration is None:
        registration = Registration.objects.create(
            cluster_year=cluster_year,
            organization=organization,
            award=award,
            goals=goals.strip(),
            created_by=by,
        )
        record_event(
            action="registration.create",
            obj=registration,
            after=snapshot(registration, REGISTRATION_FIELDS),
        )
        return registration
    _check_editable(registration)
    before = snapshot(registration, REGISTRATION_FIELDS)
    registration.award, registration.goals = award, goals.strip()
    registration.save(update_fields=["award", "goals", "updated"])
    record_event(
        action="registration.update",
        obj=registration,
        before=before,
        after=snapshot(registration, REGISTRATION_FIELDS),
    )
    return registration


ITEM_CLASSES: dict[str, type[EmulationModel] | type[Topic]] = {
    ItemKind.MODEL: EmulationModel,
    ItemKind.TOPIC: Topic,
}


def _limits(registration: Registration, kind: str) -> tuple[int, int, str]:
    limits = settings_for(registration.cluster_year)
    if kind == ItemKind.MODEL:
        return limits.models_min, limits.models_max, _("mô hình")
    return limits.topics_min, limits.topics_max, _("chuyên đề")


def _count(registration: Registration, kind: str) -> int:
    if kind == ItemKind.MODEL:
        return registration.emulation_models.count()
    return registration.topics.count()


def _check_item_change(registration: Registration, by: User) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    _check_unit_user(by, registration.organization)
    _check_editable(registration)
    _check_registration_open(registration, registration.organization)
    return registration


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
    if kind not in ITEM_CLASSES:
        raise ValidationError(_("Loại nội dung đăng ký không hợp lệ."), code="bad_kind")
    registration = _check_item_change(registration, by)
    _low, high, label = _limits(registration, kind)
    name = _require_text(name, _("Hãy nhập tên {label}.").format(label=label))
    count = _count(registration, kind)
    if count >= high:
        raise ValidationError(
            _(
                "Mỗi đơn vị đăng ký tối đa {max} {label} (theo cài đặt của cụm năm {year}); "
                "{unit} đã có {count}."
            ).format(
                max=high,
                label=label,
                year=registration.cluster_year.year,
                unit=registration.organization.name,
                count=count,
            ),
            code="too_many",
        )
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
    _check_item_change(item.registration, by)
    name = _require_text(name, _("Hãy nhập tên."))
    before = snapshot(item, ITEM_FIELDS)
    item.name, item.description = name, description.strip()
    item.expected_result = expected_result.strip()
    item.save(update_fields=[*ITEM_FIELDS, "updated"])
    kind = ItemKind.MODEL if isinstance(item, EmulationModel) else ItemKind.TOPIC
    record_event(
        action=f"registration.{kind}.update",
        obj=item,
        before=before,
        after=snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def remove_registered_item(*, item: EmulationModel | Topic, by: User) -> None:
    _check_item_change(item.registration, by)
    if item.progress_updates.exists():
        raise ValidationError(
            _("“{name}” đã có báo cáo tiến độ, không xóa được.").format(name=item.name),
            code="has_progress",
        )
    kind = ItemKind.MODEL if isinstance(item, EmulationModel) else ItemKind.TOPIC
    before = snapshot(item, ITEM_FIELDS)
    registration = item.registration
    item.delete()
    record_event(action=f"registration.{kind}.remove", obj=registration, before=before)


def _check_submittable(registration: Registration) -> None:
    if registration.award_id is None:
        raise ValidationError(
            _("Cần chọn danh hiệu hoặc hình thức khen thưởng đăng ký trước khi gửi."),
            code="award_required",
        )
    _check_award(registration.award, registration.cluster_year)
    for kind in (ItemKind.MODEL, ItemKind.TOPIC):
        low, high, label = _limits(registration, kind)
        count = _count(registration, kind)
        if not low <= count <= high:
            raise ValidationError(
                _(
                    "Cần đăng ký từ {min} đến {max} {label} (theo cài đặt của cụm năm {year}); "
                    "{unit} đang có {count}."
                ).format(
                    min=low,
                    max=high,
                    label=label,
                    year=registration.cluster_year.year,
                    unit=registration.organization.name,
                    count=count,
                ),
                code=f"{kind}_count",
            )
    _check_registration_open(registration, registration.organization)


def _transition_error(registration: Registration, action: str) -> ValidationError:
    status = registration.get_status_display()
    unit = registration.organization.name
    if action == RegistrationAction.ACCEPT:
        message = _(
            "Chỉ chấp nhận được đăng ký đã gửi; đăng ký của {unit} đang “{status}”."
        ).format(unit=unit, status=status)
    elif action == RegistrationAction.RETURN:
        message = _(
            "Chỉ trả lại được đăng ký đã gửi hoặc đã chấp nhận; đăng ký của {unit} đang “{status}”."
        ).format(unit=unit, status=status)
    elif action == RegistrationAction.SUBMIT:
        message = _("Đăng ký của {unit} đang “{status}”, không gửi lại được.").format(
            unit=unit, status=status
        )
    else:
        message = _("Thao tác không hợp lệ.")
    return ValidationError(message, code="bad_transition")


@transaction.atomic
def transition_registration(
    *,
    registration: Registration,
    action: str,
    by: User,
    reason: str = "",
    at: dt.datetime | None = None,
) -> Registration:
    """The one state machine of a registration (``enums.TRANSITIONS``), with its history.

    ``at`` is only for loading past years (demo data); the pages and the API never pass it."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("organization", "cluster_year__cluster__authority", "award")
        .get(pk=registration.pk)
    )
    key = (registration.status, action)
    if key not in TRANSITIONS:
        raise _transition_error(registration, action)
    to_status, actor = TRANSITIONS[key]
    if actor == Actor.UNIT:
        _check_unit_user(by, registration.organization)
    else:
        _check_manager(by, registration.cluster_year)
    reason = reason.strip()
    if action == RegistrationAction.RETURN and not reason:
        raise ValidationError(
            _("Cần ghi lý do khi trả lại đăng ký thi đua."), code="reason_required"
        )
    if action == RegistrationAction.SUBMIT:
        _check_submittable(registration)
    now = at or timezone.now()
    before = snapshot(registration, REGISTRATION_FIELDS)
    from_status = registration.status
    registration.status = to_status
    if action == RegistrationAction.SUBMIT:
        registration.submitted_at, registration.decided_at = now, None
    else:
        registration.decided_at = now
    registration.save(update_fields=["status", "submitted_at", "decided_at", "updated"])
    RegistrationEvent.objects.create(
        registration=registration,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=by if by.pk else None,
        actor_name=str(by)[:200],
        at=now,
        reason=reason,
    )
    record_event(
        action=f"registration.{action}",
        obj=registration,
        before=before,
        after=snapshot(registration, REGISTRATION_FIELDS),
        note=reason,
    )
    return registration


def submit_registration(*, registration: Registration, by: User) -> Registration:
    return transition_registration(
        registration=registration, action=RegistrationAction.SUBMIT, by=by
    )


def accept_registration(*, registration: Registration, by: User) -> Registration:
    return transition_registration(
        registration=registration, action=RegistrationAction.ACCEPT, by=by
    )


def return_registration(*, registration: Registration, by: User, reason: str) -> Registration:
    return transition_registration(
        registration=registration, action=RegistrationAction.RETURN, by=by, reason=reason
    )


# ---------------------------------------------------------------- progress and evidence


@transaction.atomic
def post_progress(
    *,
    item: EmulationModel | Topic,
    by: User,
    text: str,
    files: Sequence[UploadedFile] = (),
) -> ProgressUpdate:
    """A unit reports progress on one of its models or topics, with evidence files."""
    registration = item.registration
    _check_unit_user(by, registration.organization)
    if registration.status != RegistrationStatus.ACCEPTED:
        raise ValidationError(
            _("Chỉ báo cáo tiến độ khi đăng ký thi đua đã được chấp nhận."), code="not_accepted"
        )
    text = _require_text(text, _("Hãy nhập kết quả thực hiện."))
    if len(files) > MAX_FILES_PER_UPDATE:
        raise ValidationError(
            _("Mỗi lần báo cáo đính kèm tối đa {max} tệp.").format(max=MAX_FILES_PER_UPDATE),
            code="too_many_files",
        )
    for upload in files:
        validate_upload(upload, allowed=EVIDENCE_TYPES, max_mb=settings.THIDUA_MAX_UPLOAD_MB)
    now = timezone.now()
    late = not is_step_open(
        cluster_year=registration.cluster_year,
        step=CycleStep.PROGRESS,
        organization=registration.organization,
        at=now,
    )
    is_model = isinstance(item, EmulationModel)
    update = ProgressUpdate.objects.create(
        registration=registration,
        emulation_model=item if isinstance(item, EmulationModel) else None,
        topic=item if isinstance(item, Topic) else None,
        text=text,
        reported_at=now,
        author=by,
        after_deadline=late,
    )
    names = []
    for upload in files:
        name = (upload.name or "")[-255:]
        Evidence.objects.create(
            progress=update, file=upload, original_name=name, size=upload.size or 0
        )
        names.append(name)
    record_event(
        action="registration.progress.add",
        obj=update,
        after={
            "kind": ItemKind.MODEL if is_model else ItemKind.TOPIC,
            "item_id": item.pk,
            "text": text,
            "files": names,
            "after_deadline": late,
        },
    )
    return update
