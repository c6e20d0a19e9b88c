"""Time ``thidua.clusters.imports.import_units`` on generated files (prints numbers, asserts nothing).

    .venv/bin/python bench/bench_import.py [UNITS ...]        # default: 100 1000 5000

Each run uses a fresh SQLite database in a temporary folder (or the PostgreSQL database named by
DATABASE_URL, which must be empty and disposable) and imports UNITS new units spread over
UNITS/10 new clusters of one year (a head and a deputy each), then the same file again.

Goal (issue 13): 10,000 units in at most 30 s, all or nothing. The time per unit should not grow
with the file: the audit events are chained in one step at the end (``audit.batched_events``)
and each year's memberships are read once (``clusters.known_memberships``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("THIDUA_VAR_DIR", tempfile.mkdtemp(prefix="thidua-bench-import-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from tests.factories_import import csv_bytes, row  # noqa: E402
from thidua.clusters.imports import ImportResult, import_units  # noqa: E402
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear  # noqa: E402
from thidua.organizations import services as org_services  # noqa: E402
from thidua.organizations.models import Authority, Organization  # noqa: E402


def build(units: int, offset: int) -> bytes:
    rows = []
    for i in range(units):
        cluster = (offset + i) // 10
        role = {0: "Cụm trưởng", 1: "Cụm phó"}.get(i % 10, "")
        rows.append(
            row(
                code=f"B-{offset + i:06d}",
                name=f"Đơn vị thử nghiệm số {offset + i}",
                kind="Sở",
                start="01/01/2020",
                cluster=f"B-C{cluster:05d}",
                year=2025,
                role=role,
                cluster_name=f"Cụm thử nghiệm {cluster}",
                authority="BENCH",
            )
        )
    return csv_bytes(rows)


def timed(data: bytes, *, dry_run: bool = False) -> tuple[float, ImportResult]:
    start = time.perf_counter()
    result = import_units(data=data, filename="bench.csv", user=None, dry_run=dry_run)
    return time.perf_counter() - start, result


def main(sizes: list[int]) -> None:
    call_command("migrate", verbosity=0)
    if not Authority.objects.filter(code="BENCH").exists():
        org_services.create_authority(code="BENCH", name="Hội đồng thử nghiệm", level="province")
    print(f"database: {django.db.connection.vendor}")
    print(
        f"{'units':>7} {'bytes':>9} {'dry run s':>9} {'import s':>9} {'units/s':>8} {'again s':>8}"
    )
    offset = 0
    for units in sizes:
        data = build(units, offset)
        offset += units + (10 - units % 10) % 10
        dry, checked = timed(data, dry_run=True)
        assert checked.ok, checked.errors[:3]
        first, result = timed(data)
        assert result.ok, result.errors[:3]
        second, again = timed(data)
        assert again.ok and again.counts.total == 0
        print(
            f"{units:>7} {len(data):>9} {dry:>9.2f} {first:>9.2f} {units / first:>8.0f} {second:>8.2f}"
        )
    print(
        f"totals: {Organization.objects.count()} units, {Cluster.objects.count()} clusters, "
        f"{ClusterYear.objects.count()} cluster years, {ClusterMembership.objects.count()} memberships"
    )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
