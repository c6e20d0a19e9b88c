"""Building import files in tests (CSV text or real XLSX workbooks) and checking that nothing moved."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from thidua.audit.models import AuditEvent
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.organizations.models import Organization

HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Tỉnh/Thành phố",
    "Hoạt động từ",
    "Giải thể ngày",
    "Mã cụm",
    "Năm",
    "Vai trò trong cụm",
    "Tên cụm",
    "Loại cụm",
    "Mã cơ quan tổ chức",
]


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str] = HEADERS,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str] | None = HEADERS,
    *,
    title_rows: Sequence[Sequence[Any]] = (),
    sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]] = (),
    first_sheet: str = "Đơn vị",
) -> bytes:
    """A real workbook: optional title rows, the header, the rows; then any extra sheets."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = first_sheet
    for row in title_rows:
        sheet.append(list(row))
    if headers is not None:
        sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for name, extra_rows in sheets:
        extra = workbook.create_sheet(name)
        for row in extra_rows:
            extra.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(**values: Any) -> list[Any]:
    """A row in HEADERS order from keyword names: code, name, short, kind, parent, province,
    start, end, cluster, year, role, cluster_name, cluster_kind, authority."""
    keys = [
        "code",
        "name",
        "short",
        "kind",
        "parent",
        "province",
        "start",
        "end",
        "cluster",
        "year",
        "role",
        "cluster_name",
        "cluster_kind",
        "authority",
    ]
    unknown = set(values) - set(keys)
    assert not unknown, unknown
    return [values.get(key, "") for key in keys]


def db_state() -> dict[str, Any]:
    """Everything an import may touch, to assert that a rejected file changed nothing."""
    return {
        "organizations": Organization.objects.count(),
        "clusters": Cluster.objects.count(),
        "cluster_years": ClusterYear.objects.count(),
        "memberships": ClusterMembership.objects.count(),
        "heads": sorted(ClusterYear.objects.values_list("pk", "head_id", "deputy_id")),
        "audit_events": AuditEvent.objects.count(),
    }
