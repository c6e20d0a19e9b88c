"""A member unit's registration (đăng ký thi đua) and its one state machine: the unit edits and
submits it; whoever manages the cluster year accepts it or returns it with a reason."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.awards.models import AwardType
from thidua.awards.selectors import collective_awards_for, not_registrable_reason
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.start_of_year import notices
from thidua.start_of_year.enums import TRANSITIONS, ItemKind, RegistrationAction
from thidua.start_of_year.models import Registration, RegistrationEvent
from thidua.start_of_year.rules import EDIT_REGISTRATION, TRANSITION_ACTIONS
from thidua.start_of_year.selectors import item_limits

if TYPE_CHECKING:
    from thidua.accounts.models import User

REGISTRATION_FIELDS = ["status", "award_id", "goals", "submitted_at", "decided_at"]


def check_award(award: AwardType | None, cluster_year: ClusterYear) -> None:
    """Only a collective title or form that applies to the cluster's authority that year."""
    if award is None:
        return
    reason = not_registrable_reason(award)
    if reason:
        raise ValidationError(reason.format(award=award.name), code="award_not_registrable")
    allowed = collective_awards_for(
        year=cluster_year.year, authority=cluster_year.cluster.authority
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


def locked_registration(registration: Registration) -> Registration:
    """The registration's row, locked for the change (an unsaved one is returned as it is)."""
    if registration.pk is None:
        return registration
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("organization", "cluster_year__cluster__authority", "award")
        .get(pk=registration.pk)
    )


def _existing_registration(
    cluster_year: ClusterYear, organization: Organization
) -> Registration | None:
    return (
        Registration.objects.select_for_update()
        .filter(cluster_year=cluster_year, organization=organization)
        .first()
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
    """Create or change a unit's draft (or returned) registration: the title and the goals.

    Side effects: creates or writes the ``Registration``; audit event ``registration.create`` or
    ``registration.update``.
    """
    registration = _existing_registration(cluster_year, organization) or Registration(
        cluster_year=cluster_year, organization=organization
    )
    check(by, EDIT_REGISTRATION.name, registration)
    check_award(award, cluster_year)
    created = registration.pk is None
    if created:
        registration.award, registration.goals = award, goals.strip()
        registration.created_by = by
        try:
            with transaction.atomic():  # a savepoint: a concurrent first write may win the race
                registration.save()
        except IntegrityError:
            existing = _existing_registration(cluster_year, organization)
            if existing is None:  # not the unique row after all: let it surface
                raise
            check(by, EDIT_REGISTRATION.name, existing)  # the winner's row, as it now stands
            registration, created = existing, False
    before = None if created else snapshot(registration, REGISTRATION_FIELDS)
    if not created:
        registration.award, registration.goals = award, goals.strip()
        registration.save(update_fields=["award", "goals", "updated"])
    record_event(
        action="registration.create" if created else "registration.update",
        obj=registration,
        before=before,
        after=snapshot(registration, REGISTRATION_FIELDS),
    )
    return registration


def _check_submittable(registration: Registration) -> None:
    if registration.award_id is None:
        raise ValidationError(
            _("Cần chọn danh hiệu hoặc hình thức khen thưởng đăng ký trước khi gửi."),
            code="award_required",
        )
    check_award(registration.award, registration.cluster_year)
    for kind in (ItemKind.MODEL, ItemKind.TOPIC):
        low, high, label = item_limits(registration, kind)
        count = registration.items_of(kind).count()
        if not low <= count <= high:
            raise ValidationError(
                _(
                    "Cần đăng ký từ {min} đến {max} {label} (theo cài đặt của {noun} năm {year}); "
                    "{unit} đang có {count}."
                ).format(
                    min=low,
                    max=high,
                    label=label,
                    year=registration.cluster_year.year,
                    noun=registration.cluster_year.noun,
                    unit=registration.organization.name,
                    count=count,
                ),
                code=f"{kind}_count",
            )


def _record_transition(
    registration: Registration,
    *,
    action: str,
    from_status: str,
    by: User,
    reason: str,
    at: dt.datetime,
) -> None:
    RegistrationEvent.objects.create(
        registration=registration,
        action=action,
        from_status=from_status,
        to_status=registration.status,
        actor=by if by.pk else None,
        actor_name=str(by)[:200],
        at=at,
        reason=reason,
    )


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

    ``at`` is only for loading past years (demo data); the pages and the API never pass it.

    Side effects: writes the status and its time; a ``RegistrationEvent`` (who, when, why);
    audit event ``registration.<action>``.
    """
    if action not in TRANSITION_ACTIONS:
        raise ValidationError(_("Thao tác không hợp lệ."), code="bad_action")
    registration = locked_registration(registration)
    check(by, TRANSITION_ACTIONS[RegistrationAction(action)].name, registration)
    reason = reason.strip()
    if action == RegistrationAction.RETURN and not reason:
        raise ValidationError(
            _("Cần ghi lý do khi trả lại đăng ký thi đua."), code="reason_required"
        )
    return apply_transition(registration, action=action, by=by, reason=reason, at=at)


def apply_transition(
    registration: Registration,
    *,
    action: str,
    by: User,
    reason: str = "",
    at: dt.datetime | None = None,
) -> Registration:
    """The writes of :func:`transition_registration` (a submission checked complete first), for
    a caller that has checked its own permission (``submit_registration_on_behalf``)."""
    if action == RegistrationAction.SUBMIT:
        _check_submittable(registration)
    now = at or timezone.now()
    before = snapshot(registration, REGISTRATION_FIELDS)
    from_status = registration.status
    registration.status = TRANSITIONS[(from_status, action)][0]
    if action == RegistrationAction.SUBMIT:
        registration.submitted_at, registration.decided_at = now, None
    else:
        registration.decided_at = now
    registration.save(update_fields=["status", "submitted_at", "decided_at", "updated"])
    _record_transition(
        registration, action=action, from_status=from_status, by=by, reason=reason, at=now
    )
    record_event(
        action=f"registration.{action}",
        obj=registration,
        before=before,
        after=snapshot(registration, REGISTRATION_FIELDS),
        note=reason,
    )
    if action == RegistrationAction.RETURN and at is None:
        notices.registration_returned(registration, reason=reason)
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
