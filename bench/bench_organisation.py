"""Time the organisation jobs of issue 8 on generated data (prints numbers, asserts nothing).

    .venv/bin/python bench/bench_organisation.py [COMMUNES ...]     # default: 300 1200

For each size, in a fresh SQLite database in a temporary folder (or the PostgreSQL database named
by DATABASE_URL, which must be empty and disposable):

- the province-wide reform: COMMUNES communes in COMMUNES/30 clusters of 2025 (and 2024, closed),
  merged three by three into wards from 01/07/2025 by one decisions file — the dry run (preview)
  and the import (all or nothing);
- the bulk creation of one unit officer per commune from one users file (dry run, import);
- a ward's page with the history of its three communes over two years, as the administrator:
  queries and milliseconds per request;
- opening 2026 of one cluster (its members, the successors proposed) through the service.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("THIDUA_VAR_DIR", tempfile.mkdtemp(prefix="thidua-bench-organisation-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from thidua.accounts.enums import Role  # noqa: E402
from thidua.accounts.imports import service as user_imports  # noqa: E402
from thidua.accounts.models import User  # noqa: E402
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear  # noqa: E402
from thidua.clusters.services import open_next_year  # noqa: E402
from thidua.organizations.models import Authority, Organization  # noqa: E402
from thidua.restructuring.imports.columns import COLUMNS  # noqa: E402
from thidua.restructuring.imports.service import import_restructurings  # noqa: E402

DECISION = {
    "decision_number": "1656/NQ-UBTVQH15",
    "decision_date": "16/06/2025",
    "issuing_body": "Ủy ban Thường vụ Quốc hội",
    "effective_date": "01/07/2025",
}


def xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_province(tag: str, communes: int) -> tuple[Authority, list[ClusterYear]]:
    authority = Authority.objects.create(
        code=f"B{tag}", name=f"Hội đồng thử {tag}", level="province"
    )
    units = Organization.objects.bulk_create(
        Organization(
            code=f"{tag}-X{i:05d}",
            name=f"Xã thử nghiệm {tag} số {i}",
            kind="commune",
            authority=authority,
            sort_key=f"{i:08x}",
            search_text=f"xa thu nghiem {i}",
        )
        for i in range(communes)
    )
    open_years = []
    for c in range(communes // 30):
        cluster = Cluster.objects.create(
            authority=authority, kind="cluster", code=f"{tag}-C{c:04d}", name=f"Cụm {tag} {c}"
        )
        for year in (2024, 2025):
            cy = ClusterYear.objects.create(cluster=cluster, year=year)
            ClusterMembership.objects.bulk_create(
                ClusterMembership(
                    cluster_year=cy,
                    organization=unit,
                    year=year,
                    authority=authority,
                    kind="cluster",
                )
                for unit in units[c * 30 : (c + 1) * 30]
            )
            if year == 2025:
                open_years.append(cy)
    return authority, open_years


def reform_file(tag: str, communes: int) -> bytes:
    keys = [c.key for c in COLUMNS]
    rows = []
    for i in range(communes):
        ward = i // 3
        values = {
            **DECISION,
            "old_code": f"{tag}-X{i:05d}",
            "kind": "Sáp nhập",
            "new_code": f"{tag}-P{ward:05d}",
            "new_name": f"Phường thử nghiệm {tag} số {ward}",
        }
        rows.append([values.get(key) for key in keys])
    return xlsx([c.header for c in COLUMNS], rows)


def users_file(tag: str, communes: int) -> bytes:
    rows = [
        [
            f"Cán bộ thi đua phường {i}",
            f"cb{tag.lower()}{i}@example.gov.vn",
            f"cb-{tag}-{i}",
            "",
            f"{tag}-P{i:05d}",
            "",
            "Cán bộ thi đua",
        ]
        for i in range(communes // 3)
    ]
    header = [
        "Họ và tên",
        "E-mail",
        "Tên đăng nhập",
        "Chức vụ",
        "Mã đơn vị",
        "Mã cơ quan",
        "Vai trò",
    ]
    return xlsx(header, rows)


def timed(job: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = job()
    return time.perf_counter() - start, value


def unit_page(ward: Organization) -> tuple[int, float]:
    admin = User.objects.filter(username="bench-admin").first() or User.objects.create(
        username="bench-admin", role=Role.SYSTEM_ADMIN, is_superuser=True
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(admin)
    url = f"/organizations/{ward.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    count = len(queries)  # now: every request empties Django's query log
    runs = 20
    seconds, _ = timed(lambda: [client.get(url) for _ in range(runs)])
    return count, seconds / runs * 1000


def main(sizes: list[int]) -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")
    print(
        f"{'communes':>8} {'reform dry s':>12} {'reform s':>9} {'users':>6} {'users dry s':>11} "
        f"{'users s':>8} {'page q':>6} {'page ms':>8} {'next year s':>11}"
    )
    for n, communes in enumerate(sizes):
        run(n, communes)


def run(n: int, communes: int) -> None:
    tag = f"T{n}"
    _authority, open_years = build_province(tag, communes)
    data = reform_file(tag, communes)
    dry, checked = timed(
        lambda: import_restructurings(data=data, filename="r.xlsx", user=None, dry_run=True)
    )
    assert checked.ok, checked.errors[:3]
    wet, result = timed(lambda: import_restructurings(data=data, filename="r.xlsx", user=None))
    assert result.ok, result.errors[:3]
    people = users_file(tag, communes)
    users_dry, checked_users = timed(
        lambda: user_imports.import_users(
            data=people, filename="u.xlsx", user=None, dry_run=True, send_invitations=False
        )
    )
    assert checked_users.ok, checked_users.errors[:3]
    users_wet, users = timed(
        lambda: user_imports.import_users(
            data=people, filename="u.xlsx", user=None, send_invitations=False
        )
    )
    assert users.ok, users.errors[:3]
    ward = Organization.objects.get(code=f"{tag}-P00000")
    queries, page_ms = unit_page(ward)
    source = open_years[0]
    members = Organization.objects.filter(
        cluster_memberships__cluster_year=source, valid_to__isnull=True
    )
    next_year, _ = timed(
        lambda: open_next_year(cluster_year=source, user=None, members=list(members))
    )
    print(
        f"{communes:>8} {dry:>12.2f} {wet:>9.2f} {communes // 3:>6} {users_dry:>11.2f} "
        f"{users_wet:>8.2f} {queries:>6} {page_ms:>8.1f} {next_year:>11.3f}"
    )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 1200])
