"""Official documents of the start of the year (Nghị định 30/2020 layout), registered with the
documents engine: the pledge (giao ước thi đua) and the registration summary (bảng tổng hợp
đăng ký thi đua). Builders only gather data; the templates under ``start_of_year/documents/`` lay it out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.clusters.models import ClusterYear
from thidua.documents.registry import (
    DocumentContent,
    DocumentKind,
    DocumentUnavailable,
    register_document,
)
from thidua.organizations.models import Organization, OrganizationLeader
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES, PledgeStatus
from thidua.start_of_year.models import Pledge
from thidua.start_of_year.selectors import pledge_detail_qs, registration_detail_qs


@dataclass
class SignatureBlock:
    unit: str
    position: str
    name: str
    note: str


def _leaders(organization_ids: list[int], on: dt.date) -> dict[int, OrganizationLeader]:
    leaders: dict[int, OrganizationLeader] = {}
    for leader in (
        OrganizationLeader.objects.filter(organization_id__in=organization_ids)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("valid_from", "pk")
    ):
        leaders[leader.organization_id] = leader  # the latest one wins
    return leaders


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


def _members(cluster_year: ClusterYear) -> list[Organization]:
    return [
        m.organization
        for m in cluster_year.memberships.select_related("organization").order_by(
            "organization__sort_key"
        )
    ]


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


def build_pledge(
    *, cluster_year: ClusterYear, user: Any = None, version: Any = None, **options: Any
) -> DocumentContent:
    pledge = _pledge_for_document(cluster_year, version)
    members = _members(cluster_year)
    day = pledge.conference_date or (
        timezone.localtime(pledge.in_force_at).date()
        if pledge.in_force_at
        else timezone.localdate()
    )
    leaders = _leaders([o.pk for o in members], day)
    signed = {s.organization_id: s for s in pledge.signatures.all()}
    blocks = []
    for organization in members:
        signature = signed.get(organization.pk)
        leader = leaders.get(organization.pk)
        if signature is not None:
            blocks.append(
                SignatureBlock(
                    unit=organization.name.upper(),
                    position=signature.signer_position.upper(),
                    name=signature.signer_name,
                    note=_("(Đã ký ngày {day})").format(
                        day=timezone.localtime(signature.signed_at).strftime("%d/%m/%Y")
                    ),
                )
            )
        else:
            blocks.append(
                SignatureBlock(
                    unit=organization.name.upper(),
                    position=leader.position.upper() if leader else "",
                    name=leader.full_name if leader else "",
                    note="",
                )
            )
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
        r.organization_id: r for r in registration_detail_qs().filter(cluster_year=cluster_year)
    }
    members = _members(cluster_year)
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
    today = timezone.localdate()
    head_leader = (
        _leaders([cluster_year.head_id], today).get(cluster_year.head_id)
        if cluster_year.head_id
        else None
    )
    context = {
        "doc": _header(
            cluster_year,
            type_title=_("BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA"),
            number="",
            place="",
            day=today,
        ),
        "cy": cluster_year,
        "rows": rows,
        "head": cluster_year.head,
        "head_leader": head_leader,
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
    )
)
REGISTRATION_SUMMARY_DOCUMENT = register_document(
    DocumentKind(
        slug=REGISTRATION_SUMMARY_SLUG,
        title=cast(str, gettext_lazy("Bảng tổng hợp đăng ký thi đua")),
        build=build_registration_summary,
        permission="start_of_year.view_pledge",
    )
)
