"""Time to render the member list of a 12-member cluster year as PDF and as DOCX (and of
a 200-member list, to show the cost per table row).

Run: .venv/bin/python bench/bench_documents.py [runs]   (a throw-away test database is used)
Prints the first (cold) render and the median of the following runs, in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def timed(fn: Callable[[], bytes], runs: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    size = len(fn())
    cold = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return cold, statistics.median(samples), size


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from tests.factories import (
            ClusterMembershipFactory,
            ClusterYearFactory,
            OrganizationLeaderFactory,
        )
        from thidua.documents.member_list import MEMBER_LIST
        from thidua.documents.rendering import render_docx, render_pdf

        cy = ClusterYearFactory(cluster__name="Cụm thi đua số 10", year=2020)
        members = [
            ClusterMembershipFactory(
                cluster_year=cy, organization__name=f"Ủy ban nhân dân xã Đức Hòa {n:02d}"
            ).organization
            for n in range(12)
        ]
        cy.head, cy.deputy = members[0], members[1]
        cy.save()
        OrganizationLeaderFactory(organization=members[0], full_name="Phạm Văn Minh")

        def content() -> object:
            return MEMBER_LIST.build(cluster_year=cy, date=dt.date(2020, 2, 7))

        for count in (12, 200):
            for n in range(len(members), count):  # the long list shows the cost per row
                ClusterMembershipFactory(
                    cluster_year=cy, organization__name=f"Trường Tiểu học Hòa Bình {n:03d}"
                )
            for label, render in (("PDF ", render_pdf), ("DOCX", render_docx)):
                cold, median, size = timed(lambda r=render: r(content()), runs)  # type: ignore[misc]
                print(
                    f"member-list {label} ({count:3d} members): first {cold:7.1f} ms, "
                    f"median of {runs} {median:7.1f} ms, {size / 1024:6.1f} KiB"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
