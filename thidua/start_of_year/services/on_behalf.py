"""Recording a unit's own act of the start of the year on its behalf (ghi thay đơn vị, có lý
do): its signature on the pledge and its registration, when the unit only sent paper. Only the
system administrator and the board officer of the cluster's authority (``clusters.on_behalf``),
in the states and before the deadlines of the unit's own act, with a reason and the paper's
reference; the audit event names the unit (``on_behalf_of``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.awards.models import AwardType
from thidua.clusters.models import ClusterYear
from thidua.clusters.on_behalf import clean_on_behalf, record_on_behalf
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import ItemKind, RegistrationAction, SignatureMethod
from thidua.start_of_year.models import Pledge, PledgeSignature, Registration
from thidua.start_of_year.rules import SIGN_PLEDGE_ON_BEHALF, SUBMIT_REGISTRATION_ON_BEHALF
from thidua.start_of_year.services.common import require_text
from thidua.start_of_year.services.registered_items import ITEM_CLASSES
from thidua.start_of_year.services.registrations import apply_transition, check_award
from thidua.start_of_year.services.signatures import _add_signature, _locked

if TYPE_CHECKING:
    from thidua.accounts.models import User


@transaction.atomic
def sign_pledge_on_behalf(
    *,
    pledge: Pledge,
    organization: Organization,
    by: User,
    signer_name: str,
    signer_position: str,
    reason: str,
    paper_ref: str,
) -> PledgeSignature:
    """Record the signature the unit's leader gave on paper (``start_of_year.sign_pledge_on_
    behalf``: a current version, a member that has not signed, before its pledge deadline).

    Side effects: the ``PledgeSignature`` (recorded, not signed in the app; the note says who
    recorded it and from which document), ``pledge.sign`` and maybe ``pledge.in_force`` as a
    signature in the app, then ``pledge.sign.on_behalf`` with the unit and the reason.
    """
    pledge = _locked(pledge)
    check(by, SIGN_PLEDGE_ON_BEHALF.name, PledgeSignature(pledge=pledge, organization=organization))
    reason, paper_ref = clean_on_behalf(reason, paper_ref)
    signature = _add_signature(
        pledge=pledge,
        organization=organization,
        signer_name=require_text(signer_name, _("Cần ghi họ tên người ký.")),
        signer_position=require_text(signer_position, _("Cần ghi chức vụ người ký.")),
        signed_at=timezone.now(),
        method=SignatureMethod.RECORDED,
        signed_by=None,
        note=_("Ghi thay bởi {who}: {ref}").format(who=by, ref=paper_ref)[:300],
    )
    record_on_behalf(
        action="pledge.sign",
        obj=pledge,
        organization=organization,
        reason=reason,
        paper_ref=paper_ref,
        actor=by,
        after={"signer_name": signature.signer_name},
    )
    return signature


@transaction.atomic
def submit_registration_on_behalf(
    *,
    cluster_year: ClusterYear,
    organization: Organization,
    by: User,
    award: AwardType | None,
    goals: str,
    models: Sequence[str],
    topics: Sequence[str],
    reason: str,
    paper_ref: str,
) -> Registration:
    """Record the registration the unit sent on paper and submit it for the unit
    (``start_of_year.submit_registration_on_behalf``: a draft or returned registration, before
    the unit's registration deadline): the title, the goals, the models and topics named on the
    paper (added to those already there), then the same completeness checks as the unit's own
    submission — all or nothing.

    Side effects: the registration (created if needed) and its items, ``registration.create`` /
    ``registration.update``, ``registration.submit`` (its history names the reason), then
    ``registration.submit.on_behalf`` with the unit and the reason.
    """
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .filter(cluster_year=cluster_year, organization=organization)
        .first()
    ) or Registration(cluster_year=cluster_year, organization=organization)
    registration.cluster_year, registration.organization = cluster_year, organization
    check(by, SUBMIT_REGISTRATION_ON_BEHALF.name, registration)
    reason, paper_ref = clean_on_behalf(reason, paper_ref)
    check_award(award, cluster_year)
    created = registration.pk is None
    registration.award, registration.goals = award, goals.strip()
    if created:
        registration.created_by = by
    registration.save()
    record_event(
        action="registration.create" if created else "registration.update",
        obj=registration,
        after={"award_id": registration.award_id, "goals": registration.goals},
    )
    _add_items(registration, ItemKind.MODEL, models)
    _add_items(registration, ItemKind.TOPIC, topics)
    apply_transition(
        registration,
        action=RegistrationAction.SUBMIT,
        by=by,
        reason=_("Ghi thay đơn vị: {reason} ({ref})").format(reason=reason, ref=paper_ref),
    )
    record_on_behalf(
        action="registration.submit",
        obj=registration,
        organization=organization,
        reason=reason,
        paper_ref=paper_ref,
        actor=by,
        after={"status": registration.status},
    )
    return registration


def _add_items(registration: Registration, kind: str, names: Sequence[str]) -> None:
    """The paper's models or topics not already on the registration (the count is checked by
    the submission, as for the unit's own)."""
    existing = set(registration.items_of(kind).values_list("name", flat=True))
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        if name in existing:
            continue
        item = ITEM_CLASSES[kind].objects.create(registration=registration, name=name)
        record_event(action=f"registration.{kind}.add", obj=registration, after={"name": item.name})
