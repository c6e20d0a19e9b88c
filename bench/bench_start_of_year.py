"""Start of the year at scale: the follow-up list (late units) and the board roll-up.

Builds N cluster years of 8 units each (registrations with 2 models and 1 topic, an open
pledge signed by half the members, passed deadlines) in a throw-away SQLite database (or the
PostgreSQL of DATABASE_URL), then prints time and query count of ``late_rows`` and ``rollup``.

    .venv/bin/python bench/bench_start_of_year.py [N=50,200]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time

os.environ.setdefault("THIDUA_VAR_DIR", tempfile.mkdtemp(prefix="thidua-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from thidua.accounts.models import User  # noqa: E402
from thidua.awards.models import AwardType  # noqa: E402
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear, Deadline  # noqa: E402
from thidua.organizations.models import Authority, Organization  # noqa: E402
from thidua.start_of_year.followup import late_rows, late_unit_count  # noqa: E402
from thidua.start_of_year.models import (  # noqa: E402
    EmulationModel,
    Pledge,
    PledgeItem,
    PledgeSignature,
    Registration,
    Topic,
)
from thidua.start_of_year.rollup import rollup  # noqa: E402

MEMBERS = 8
YEAR = 2030


def build(n: int, tag: str) -> Authority:
    authority = Authority.objects.create(code=f"bench-{tag}", name=f"Bench {tag}", level="province")
    award = AwardType.objects.get(code="TTLDXS")
    past = timezone.now() - dt.timedelta(days=1)
    clusters = Cluster.objects.bulk_create(
        Cluster(authority=authority, kind="cluster", code=f"B{tag}-{i}", name=f"Cụm {i}", number=i)
        for i in range(n)
    )
    years = ClusterYear.objects.bulk_create(ClusterYear(cluster=c, year=YEAR) for c in clusters)
    orgs = Organization.objects.bulk_create(
        Organization(
            code=f"B{tag}-O{i}", name=f"Đơn vị {i}", kind="department", authority=authority
        )
        for i in range(n * MEMBERS)
    )
    ClusterMembership.objects.bulk_create(
        ClusterMembership(
            cluster_year=cy,
            organization=orgs[i * MEMBERS + j],
            year=YEAR,
            authority=authority,
            kind="cluster",
        )
        for i, cy in enumerate(years)
        for j in range(MEMBERS)
    )
    Deadline.objects.bulk_create(
        Deadline(cluster_year=cy, step=step, due_at=past)
        for cy in years
        for step in ("registration", "pledge", "progress")
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            cluster_year=cy,
            organization=orgs[i * MEMBERS + j],
            award=award,
            status="accepted",
            decided_at=past,
        )
        for i, cy in enumerate(years)
        for j in range(MEMBERS - 1)
    )
    EmulationModel.objects.bulk_create(
        EmulationModel(registration=r, name=f"Mô hình {k}") for r in registrations for k in range(2)
    )
    Topic.objects.bulk_create(Topic(registration=r, name="Chuyên đề") for r in registrations)
    pledges = Pledge.objects.bulk_create(
        Pledge(cluster_year=cy, version=1, status="open", title="Giao ước") for cy in years
    )
    PledgeItem.objects.bulk_create(
        PledgeItem(pledge=p, number=k + 1, text=f"Nội dung {k + 1}")
        for p in pledges
        for k in range(3)
    )
    PledgeSignature.objects.bulk_create(
        PledgeSignature(
            pledge=p,
            organization=orgs[i * MEMBERS + j],
            signer_name="X",
            signer_position="Y",
            signed_at=past,
        )
        for i, p in enumerate(pledges)
        for j in range(MEMBERS // 2)
    )
    return authority


def measure(label: str, fn: object) -> object:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = fn()  # type: ignore[operator]
        elapsed = time.perf_counter() - start
    print(f"  {label:<28} {elapsed * 1000:8.1f} ms  {len(queries):3d} queries")
    return result


def main() -> None:
    sizes = [int(x) for x in (sys.argv[1] if len(sys.argv) > 1 else "50,200").split(",")]
    call_command("migrate", verbosity=0)
    print(f"Database: {connection.vendor}")
    for n in sizes:
        authority = build(n, str(n))
        board = User.objects.create_user(
            username=f"bench-board-{n}", role="board_officer", authority=authority
        )
        years = list(
            ClusterYear.objects.filter(cluster__authority=authority).select_related("cluster")
        )
        print(f"{n} cluster years, {n * MEMBERS} units:")
        rows = measure("late_rows", lambda years=years: late_rows(years))
        measure("rollup", lambda board=board: rollup(board, year=YEAR))
        print(f"  late units: {late_unit_count(rows)}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
