"""Official documents of the start of the year (Nghị định 30/2020 layout), registered with the
documents engine: the pledge (giao ước thi đua) and the registration summary (bảng tổng hợp
đăng ký thi đua). Builders only gather data; the templates under ``start_of_year/documents/`` lay it out."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.clusters.models import ClusterYear
from thidua.documents.formatting import nd30_day_month
from thidua.documents.registry import (
    DocumentContent,
    DocumentKind,
    DocumentUnavailable,
    register_document,
)
from thidua.documents.selectors import (
    PROTOCOL,
    drafting_unit,
    leader_on,
    leaders_on,
    organizations_in_order,
    signing_day,
)
from thidua.documents.signatures import Signature, cluster_head_signature, unit_signature
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import (
    CURRENT_PLEDGE_STATUSES,
    REGISTERED_STATUSES,
    PledgeStatus,
)
from thidua.start_of_year.models import Pledge
from thidua.start_of_year.selectors import pledge_detail_qs, registration_detail_qs


def _header(
    cluster_year: ClusterYear, *, type_title: str, number: str, place: str, day: Any
) -> dict[str, Any]:
    return {
        "issuer_parent": cluster_year.cluster.authority.name.upper(),
        "issuer": cluster_year.cluster.name.upper(),
        "number": number,
        "place": place or cluster_year.cluster.authority.province,
        "date": day,
        "type_title": type_title,
        "summary": _("Năm {year}").format(year=cluster_year.year),
    }


def _members(cluster_year: ClusterYear, order: str = PROTOCOL) -> list[Organization]:
    return organizations_in_order(cluster_year, order or PROTOCOL)


def _pledge_for_document(cluster_year: ClusterYear, version: Any = None) -> Pledge:
    qs = pledge_detail_qs().filter(cluster_year=cluster_year)
    if version:
        pledge = qs.filter(version=int(version)).first()
    else:
        pledge = (
            qs.filter(status__in=CURRENT_PLEDGE_STATUSES).first()
            or qs.filter(status=PledgeStatus.DRAFT).first()
        )
    if pledge is None:
        raise DocumentUnavailable(_("Cụm, khối chưa có giao ước thi đua năm này."))
    return pledge


def pledge_date(pledge: Pledge) -> dt.date | None:
    """The date a pledge carries: its conference's, else the day it came into force (the last
    signature); never the print date — ``None`` prints blanks to fill by hand."""
    if pledge.conference_date:
        return pledge.conference_date
    if pledge.in_force_at:
        return timezone.localtime(pledge.in_force_at).date()
    return None


def pledge_document_date(cluster_year: ClusterYear) -> dt.date | None:
    return pledge_date(_pledge_for_document(cluster_year))


def _signature_block(organization: Organization, signature: Any, leader: Any) -> Signature:
    """The unit's block: who signed (name blank when the record does not say), else its
    leader of the day, to sign."""
    if signature is None:
        return unit_signature(
            organization,
            name=leader.full_name if leader else "",
            position=leader.position if leader else "",
        )
    day = timezone.localtime(signature.signed_at).strftime("%d/%m/%Y")
    note = (
        _("(Đã ký trên giấy ngày {day})") if signature.is_recorded else _("(Đã ký ngày {day})")
    ).format(day=day)
    return unit_signature(
        organization,
        name=signature.signer_name,
        position=signature.signer_position,
        note=note,
        signed=True,
    )


def _paper_statement(pledge: Pledge) -> str:
    """For a pledge signed on paper: where and when, and that this is printed from the records."""
    if pledge.conference_date is None or not any(s.is_recorded for s in pledge.signatures.all()):
        return ""
    day, month = nd30_day_month(pledge.conference_date)
    when = _("ngày {day} tháng {month} năm {year}").format(
        day=day, month=month, year=pledge.conference_date.year
    )
    where = f" ({pledge.conference_place})" if pledge.conference_place else ""
    return _(
        "Giao ước này đã được các đơn vị ký trên giấy tại hội nghị {when}{where}; văn bản in lại "
        "từ hồ sơ, chữ ký ghi theo bản giấy đã ký."
    ).format(when=when, where=where)


def build_pledge(
    *, cluster_year: ClusterYear, user: Any = None, version: Any = None, **options: Any
) -> DocumentContent:
    pledge = _pledge_for_document(cluster_year, version)
    members = _members(cluster_year, options.get("order", PROTOCOL))
    day = options.get("date") or pledge_date(pledge)
    leaders = leaders_on([o.pk for o in members], signing_day(cluster_year, day))
    signed = {s.organization_id: s for s in pledge.signatures.all()}
    blocks = [
        _signature_block(organization, signed.get(organization.pk), leaders.get(organization.pk))
        for organization in members
    ]
    context = {
        "doc": _header(
            cluster_year,
            type_title=_("GIAO ƯỚC THI ĐUA"),
            number=pledge.doc_number,
            place=pledge.place,
            day=day,
        ),
        "cy": cluster_year,
        "pledge": pledge,
        "is_draft": pledge.status == PledgeStatus.DRAFT,
        "members": members,
        "signatures": blocks,
        "drafter": drafting_unit(cluster_year),
        "paper_statement": _paper_statement(pledge),
    }
    return DocumentContent(
        template_name="start_of_year/documents/pledge.html",
        context=context,
        filename=f"giao-uoc-{cluster_year.cluster.code}-{cluster_year.year}",
    )


def build_registration_summary(
    *, cluster_year: ClusterYear, user: Any = None, **options: Any
) -> DocumentContent:
    registrations = {
        r.organization_id: r
        # An official summary lists what was registered (sent or accepted): a draft or a
        # registration sent back reads "Chưa đăng ký", as there is no status column.
        for r in registration_detail_qs().filter(
            cluster_year=cluster_year, status__in=REGISTERED_STATUSES
        )
    }
    members = _members(cluster_year, options.get("order", PROTOCOL))
    rows = [
        {
            "organization": organization,
            "registration": registrations.get(organization.pk),
            "models": list(registrations[organization.pk].emulation_models.all())
            if organization.pk in registrations
            else [],
            "topics": list(registrations[organization.pk].topics.all())
            if organization.pk in registrations
            else [],
        }
        for organization in members
    ]
    day = options.get("date")  # a summary has no date of its own: blanks to fill by hand
    head_leader = leader_on(cluster_year.head, signing_day(cluster_year, day))
    context = {
        "doc": _header(
            cluster_year,
            type_title=_("BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA"),
            number="",
            place="",
            day=day,
        ),
        "cy": cluster_year,
        "rows": rows,
        "signatures": [cluster_head_signature(cluster_year, head_leader)],
        "drafter": drafting_unit(cluster_year),
    }
    return DocumentContent(
        template_name="start_of_year/documents/registration_summary.html",
        context=context,
        filename=f"tong-hop-dang-ky-{cluster_year.cluster.code}-{cluster_year.year}",
        landscape=True,
    )


# The kinds' addresses: /documents/<slug>/<cluster>/<year>.<fmt> (``{% document_url %}``).
PLEDGE_SLUG = "pledge"
REGISTRATION_SUMMARY_SLUG = "registration-summary"

PLEDGE_DOCUMENT = register_document(
    DocumentKind(
        slug=PLEDGE_SLUG,
        title=cast(str, gettext_lazy("Giao ước thi đua")),
        build=build_pledge,
        permission="start_of_year.view_pledge",
        dated_by=pledge_document_date,
        type_code="GƯ",
    )
)
REGISTRATION_SUMMARY_DOCUMENT = register_document(
    DocumentKind(
        slug=REGISTRATION_SUMMARY_SLUG,
        title=cast(str, gettext_lazy("Bảng tổng hợp đăng ký thi đua")),
        build=build_registration_summary,
        permission="start_of_year.view_pledge",
        dated_by=lambda cluster_year: None,  # dated by hand when issued
    )
)
