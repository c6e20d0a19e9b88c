"""The sample kind "member-list": Danh sách thành viên cụm/khối thi đua of a cluster year."""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.documents import selectors
from thidua.documents.registry import UNDATED_WARNING, DocumentContent, DocumentKind
from thidua.documents.signatures import cluster_head_signature

SLUG = "member-list"  # the kind's address: /documents/member-list/<cluster>/<year>.<fmt>


def build_member_list(*, cluster_year: Any, user: Any = None, **options: Any) -> DocumentContent:
    cluster = cluster_year.cluster
    authority = cluster.authority
    day = options.get("date")  # none: blanks to fill by hand, never the print date
    rows = []
    order = options.get("order") or selectors.PROTOCOL
    for index, membership in enumerate(selectors.members_in_order(cluster_year, order), start=1):
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
    leader = selectors.leader_on(cluster_year.head, selectors.signing_day(cluster_year, day))
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
            "signatures": [cluster_head_signature(cluster_year, leader)],
            "drafter": selectors.drafting_unit(cluster_year),
            "heads_line": heads_line(cluster_year),
        },
        filename=f"danh-sach-thanh-vien-{cluster.code}-{cluster_year.year}",
    )


def heads_line(cluster_year: Any) -> str:
    """What the list says of the head and deputy when one is not known: "chưa chọn", or "không
    rõ (không có hồ sơ)" for a past year without records; and the source document if any."""
    parts = [
        f"{label}: {cluster_year.missing_head_text.lower()}"
        for label, unit_id in (
            (cluster_year.head_label, cluster_year.head_id),
            (cluster_year.deputy_label, cluster_year.deputy_id),
        )
        if unit_id is None
    ]
    if cluster_year.heads_source and not cluster_year.heads_unknown:
        parts.append(
            _("văn bản bầu / phân công: {source}").format(source=cluster_year.heads_source)
        )
    return "; ".join(parts)


def member_list_date(cluster_year: Any) -> None:
    """A member list has no date of its own: it is dated by hand when issued."""
    return None


MEMBER_LIST = DocumentKind(
    slug=SLUG,
    title=cast(str, gettext_lazy("Danh sách đơn vị thành viên")),
    build=build_member_list,
    permission="documents.print_member_list",
    dated_by=member_list_date,
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
            "summary": _("Bản in theo Nghị định 30/2020; {warning}").format(
                warning=str(UNDATED_WARNING)[0].lower() + str(UNDATED_WARNING)[1:]
            ),
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
