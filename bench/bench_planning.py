"""Timing of the planning pages on a larger data set (prints numbers; not a test).

    THIDUA_VAR_DIR=/tmp/bench-planning .venv/bin/python bench/bench_planning.py [movements]

Builds, in a fresh database (SQLite under THIDUA_VAR_DIR, or DATABASE_URL with BENCH_FLUSH_OK=1:
the database is emptied first): one authority with
100 cluster years of 10 units, ``movements`` movements (default 1000) each with 3 cluster years,
and one cluster year with 12 drives fully reported. Then times the movement list (first page,
search, filters), the drives page, a drive page and the two cluster-year sections.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.test_settings")
os.environ.setdefault("THIDUA_VAR_DIR", str(Path(tempfile.gettempdir()) / "bench-planning"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

RUNS = 15


def build(movement_count: int) -> None:
    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
    from thidua.organizations.models import Authority, Organization
    from thidua.planning import services
    from thidua.planning.enums import MovementKind

    authority = Authority.objects.create(
        code="BENCH", name="Hội đồng TĐKT thử tải", level="province"
    )
    years: list[ClusterYear] = []
    units: list[Organization] = []
    for n in range(100):
        cluster = Cluster.objects.create(
            authority=authority,
            kind="cluster",
            number=n + 1,
            code=f"B-C{n:03d}",
            name=f"Cụm số {n + 1}",
        )
        cy = ClusterYear.objects.create(cluster=cluster, year=2023)
        for m in range(10):
            org = Organization.objects.create(
                code=f"B-{n:03d}-{m}",
                name=f"Sở thử {n}-{m}",
                kind="department",
                authority=authority,
            )
            ClusterMembership.objects.create(
                cluster_year=cy, organization=org, year=2023, authority=authority, kind="cluster"
            )
            units.append(org)
        cy.head = units[-10]
        cy.save()
        years.append(cy)
    board = User.objects.create_user(
        username="bench-board", role=Role.BOARD_OFFICER, authority=authority
    )
    secretariat = User.objects.create_user(
        username="bench-sec", role=Role.CLUSTER_SECRETARIAT, organization=units[0]
    )
    words = ["cải cách hành chính", "nông thôn mới", "an toàn thực phẩm", "sáng kiến sáng tạo"]
    for n in range(movement_count):
        services.launch_movement(
            authority=authority,
            kind=MovementKind.THEMATIC if n % 2 else MovementKind.REGULAR,
            title=f"Phong trào thi đua {words[n % 4]} số {n}",
            starts_on=dt.date(2023, 1, 1),
            ends_on=dt.date(2023, 12, 31),
            cluster_years=[years[n % 100], years[(n + 1) % 100], years[(n + 2) % 100]],
            by=board,
        )
    first = years[0]
    for d in range(12):
        drive = services.create_drive(
            cluster_year=first,
            name=f"Đợt {d + 1}",
            starts_on=dt.date(2023, d + 1, 1),
            ends_on=dt.date(2023, d + 1, 20),
            by=secretariat,
        )
        for m, org in enumerate(units[:10]):
            user = User.objects.create_user(
                username=f"bench-u{d}-{m}", role=Role.UNIT_OFFICER, organization=org
            )
            services.submit_drive_report(drive=drive, organization=org, summary="Kết quả", by=user)


def timed(client: Client, url: str) -> tuple[float, int]:
    samples = []
    queries = 0
    for _ in range(RUNS):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(connection.queries)
    return statistics.median(samples), queries


def main() -> None:
    from thidua.accounts.models import User

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if os.environ.get("DATABASE_URL") and os.environ.get("BENCH_FLUSH_OK") != "1":
        sys.exit("DATABASE_URL is set: this bench empties the database; set BENCH_FLUSH_OK=1.")
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    build(count)
    print(
        f"data: {count} movements, 100 cluster years × 10 units, 12 drives × 10 reports "
        f"({time.perf_counter() - start:.1f} s to build, {connection.vendor})"
    )
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
        board, secretariat = Client(), Client()
        board.force_login(User.objects.get(username="bench-board"))
        secretariat.force_login(User.objects.get(username="bench-sec"))
        for label, client, url in [
            ("movements, first page", board, "/planning/movements/"),
            ("movements, search 'cai cach'", board, "/planning/movements/?q=cai+cach"),
            ("movements, year+kind", board, "/planning/movements/?year=2023&kind=thematic"),
            ("movements, last page", board, f"/planning/movements/?page={(count + 49) // 50}"),
            ("drives page (12 drives)", secretariat, "/planning/B-C000/2023/drives/"),
            ("drive page (10 reports)", secretariat, "/planning/B-C000/2023/drives/1/"),
            ("cluster-year page (sections)", secretariat, "/clusters/B-C000/2023/"),
            ("API movements", board, "/api/v1/movements/"),
        ]:
            median, queries = timed(client, url)
            print(f"{label:<32} median {median:7.1f} ms  {queries:3d} queries")


if __name__ == "__main__":
    main()
