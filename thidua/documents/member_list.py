"""The sample kind "member-list": Danh sách thành viên cụm/khối thi đua of a cluster year."""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.documents import selectors
from thidua.documents.registry import DocumentContent, DocumentKind

SLUG = "member-list"  # the kind's address: /documents/member-list/<cluster>/<year>.<fmt>


def build_member_list(*, cluster_year: Any, user: Any = None, **options: Any) -> DocumentContent:
    cluster = cluster_year.cluster
    authority = cluster.authority
    day = options.get("date") or timezone.localdate()
    rows = []
    for index, membership in enumerate(selectors.members_in_order(cluster_year), start=1):
        org = membership.organization
        if org.pk == cluster_year.head_id:
            role = cluster_year.head_label
        elif org.pk == cluster_year.deputy_id:
            role = cluster_year.deputy_label
        else:
            role = "Thành viên"
        note = membership.note
        if membership.left_on:
            note = f"Rời {cluster_year.noun} ngày {membership.left_on:%d/%m/%Y}. {note}"
        rows.append({"index": index, "name": org.name, "role": role, "note": note.strip()})
    leader = selectors.leader_on(cluster_year.head, day)
    return DocumentContent(
        template_name="documents/member_list.html",
        context={
            "doc": {
                "issuer_parent": authority.name,
                "issuer": cluster.name,
                "place": authority.province,
                "date": day,
                "type_title": "Danh sách",
                "summary": f"Thành viên {cluster.name} năm {cluster_year.year}",
            },
            "cy": cluster_year,
            "rows": rows,
            "head": cluster_year.head,
            "leader": leader,
        },
        filename=f"danh-sach-thanh-vien-{cluster.code}-{cluster_year.year}",
    )


MEMBER_LIST = DocumentKind(
    slug=SLUG,
    title=cast(str, gettext_lazy("Danh sách đơn vị thành viên")),
    build=build_member_list,
    permission="documents.print_member_list",
)


def member_list_section(fmt: str, label: str) -> Any:
    def section(request: Any, cluster_year: Any) -> dict[str, str] | None:
        url = reverse(
            "documents:download",
            kwargs={
                "slug": SLUG,
                "code": cluster_year.cluster.code,
                "year": cluster_year.year,
                "fmt": fmt,
            },
        )
        return {
            "title": _("Danh sách thành viên ({fmt})").format(fmt=label),
            "url": url,
            "summary": _("Bản in theo Nghị định 30/2020"),
        }

    return section


def documents_section(request: Any, cluster_year: Any) -> dict[str, str]:
    return {
        "title": _("Tất cả văn bản in"),
        "url": reverse(
            "documents:cluster_year",
            kwargs={"code": cluster_year.cluster.code, "year": cluster_year.year},
        ),
        "summary": _("Văn bản theo Nghị định 30/2020 và lịch sử tạo văn bản"),
    }
