"""Scoring at the size of a large cluster: 12 units × 60 criteria.

Run: .venv/bin/python bench/bench_scoring.py   (a throw-away test database is used: in-memory
SQLite by default, or a test database next to DATABASE_URL's when it is set)

Prints, in milliseconds:
- self-scoring: one save of a whole sheet (60 criteria), first save and a later save;
- submitting a sheet;
- a full cross-scoring round: 12 × 11 sheets, each saved (60 scores) and submitted;
- the ranking page rendered through the Django test Client (cold, then the median), with its
  number of SQL queries; the approval (which stores the ranking).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

UNITS = 12
GROUPS = [("I", 60, 30), ("II", 25, 20), ("III", 15, 10)]  # code, points, criteria


def ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def build() -> tuple[Any, list[tuple[Any, Any]], Any]:
    from tests.factories import (
        AuthorityFactory,
        ClusterFactory,
        ClusterMembershipFactory,
        ClusterYearFactory,
        UserFactory,
    )
    from tests.factories_scoring import build_criteria_set
    from thidua.accounts.enums import Role
    from thidua.scoring.enums import ScoringMethod, Section

    authority = AuthorityFactory(code="HN")
    cy = ClusterYearFactory(cluster=ClusterFactory(authority=authority, code="HN-C99"), year=2023)
    units = []
    for n in range(UNITS):
        org = ClusterMembershipFactory(
            cluster_year=cy, organization__name=f"Sở thử nghiệm {n:02d}"
        ).organization
        role = Role.CLUSTER_SECRETARIAT if n == 0 else Role.UNIT_OFFICER
        units.append((org, UserFactory(username=f"unit{n}", role=role, organization=org)))
    cy.head, cy.deputy = units[0][0], units[1][0]
    cy.save()
    spec = []
    for code, points, count in GROUPS:
        share = Decimal(points) / count
        items = [(f"{code}.{i}", share, ScoringMethod.MANUAL, {}) for i in range(1, count + 1)]
        spec.append((code, f"Nhóm {code}", Section.NORMAL, points, items))
    build_criteria_set(cy, units[0][1], spec=spec)
    return cy, units, units[0][1]


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from django.test import Client

        from tests.factories_scoring import fresh
        from thidua.scoring import selectors
        from thidua.scoring.services import results, sheets, verification

        cy, units, secretariat = build()
        table = selectors.criteria_table(selectors.adopted_set(cy))  # type: ignore[arg-type]
        print(f"Cụm thử: {UNITS} đơn vị × {len(table.criteria)} tiêu chí ({connection.vendor})")

        def save(org: Any, user: Any, delta: int) -> Any:
            year = fresh(cy)
            entries = [
                sheets.EntryInput(c.pk, value=max(c.max_points - Decimal(delta), Decimal(0)))
                for c in table.criteria
            ]
            return sheets.save_sheet(
                cluster_year=year,
                organization=org,
                user=user,
                expected_version=selectors.sheet_for(year, org).version,
                entries=entries,
                self_report="Báo cáo tự đánh giá",
            )

        first, later, submits = [], [], []
        for n, (org, user) in enumerate(units):
            first.append(ms(lambda org=org, user=user, n=n: save(org, user, n % 3))[0])
            later.append(ms(lambda org=org, user=user, n=n: save(org, user, (n + 1) % 3))[0])
            submits.append(
                ms(
                    lambda org=org, user=user: sheets.submit_sheet(
                        sheet=selectors.sheet_for(fresh(cy), org), user=user
                    )
                )[0]
            )
        print(
            f"Tự chấm: lưu cả bảng (60 tiêu chí) lần đầu {statistics.median(first):.1f} ms, "
            f"lưu lại {statistics.median(later):.1f} ms, nộp {statistics.median(submits):.1f} ms "
            "(trung vị 12 đơn vị)"
        )

        results.update_round_settings(
            cluster_year=fresh(cy),
            user=secretariat,
            verification_mode="cross",
            aggregation="mean",
            outlier_mad_k=Decimal(3),
            outlier_gap_points=Decimal(3),
            bands=[{"label": "Xuất sắc", "min": "90"}, {"label": "Tốt", "min": "0"}],
            tie_break=["group:I", "group:II", "group:III"],
        )

        def cross_round() -> int:
            count = 0
            year = fresh(cy)
            for scorer, user in units:
                for target, _target_user in units:
                    if scorer.pk == target.pk:
                        continue
                    values = {
                        c.pk: c.max_points - Decimal((scorer.pk + c.pk) % 2) for c in table.criteria
                    }
                    verification.save_cross_sheet(
                        cluster_year=year,
                        scorer=scorer,
                        target=target,
                        user=user,
                        expected_version=0,
                        values=values,
                    )
                    verification.submit_cross_sheet(
                        cluster_year=year, scorer=scorer, target=target, user=user
                    )
                    count += 1
            return count

        elapsed, count = ms(cross_round)
        print(
            f"Chấm chéo: {count} phiếu (12 × 11) trong {elapsed / 1000:.2f} s, "
            f"{elapsed / count:.1f} ms mỗi phiếu (lưu 60 điểm + gửi)"
        )

        client = Client()
        client.force_login(secretariat)
        client.get("/")
        url = f"/scoring/{cy.cluster.code}/{cy.year}/ranking/"
        cold, response = ms(lambda: client.get(url))
        assert response.status_code == 200, response.status_code
        samples = [ms(lambda: client.get(url))[0] for _ in range(7)]
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"Trang xếp hạng (chấm chéo, {count * len(table.criteria)} điểm chấm chéo): "
            f"lần đầu {cold:.1f} ms, trung vị {statistics.median(samples):.1f} ms, "
            f"{len(queries)} truy vấn SQL"
        )
        approve_ms, _round = ms(
            lambda: results.approve_results(cluster_year=fresh(cy), user=secretariat)
        )
        samples = [ms(lambda: client.get(url))[0] for _ in range(7)]
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"Phê duyệt kết quả: {approve_ms:.1f} ms; trang xếp hạng sau phê duyệt: trung vị "
            f"{statistics.median(samples):.1f} ms, {len(queries)} truy vấn SQL"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
