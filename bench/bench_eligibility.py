"""The eligibility engine at the size of a province (docs/dev/awards-design.md §8).

Run: PYTHONPATH=$PWD .venv/bin/python bench/bench_eligibility.py   (a throw-away test database:
in-memory SQLite by default, or a test database next to DATABASE_URL's when it is set)

Writes with bulk_create: 300 units, 50,000 people (employments), 10 years of ratings
(500,000), LĐTT every year and CSTĐCS for one person in five (≈ 600,000 titles), 20,000
initiatives with their authors. Then checks 50,000 candidates (CSTĐ tỉnh, CSTĐCS, BK tỉnh,
LĐTT in turn) in one batch and prints: the preload (queries, s), the evaluation (checks/s) and
the whole (checks/s); then the same rows as a stored batch (the task's work: results rendered
and written). Target: ≥ 10,000 checks/s. Figures are printed, never asserted.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.test_settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", "300"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "50000"))
YEARS = range(2016, 2026)
INITIATIVES = PEOPLE * 2 // 5
BATCH = 5000
D = dt.date


def seed() -> None:
    from tests.factories import AuthorityFactory
    from thidua.organizations.models import Organization
    from thidua.people.models import Employment, Person, YearRecord

    authority = AuthorityFactory(code="BN", name="UBND tỉnh Mẫu")
    units = [
        Organization(code=f"U{i:03d}", name=f"Đơn vị {i}", kind="department", authority=authority)
        for i in range(UNITS)
    ]
    for u in units:
        u.derive_text_keys()
    units = Organization.objects.bulk_create(units)
    people = [
        Person(code=f"P{i:06d}", full_name=f"Người {i}", history_from=2016) for i in range(PEOPLE)
    ]
    for p in people:
        p.derive_text_keys()
    people = Person.objects.bulk_create(people, batch_size=BATCH)
    unit_of = {p.pk: units[i % UNITS] for i, p in enumerate(people)}
    Employment.objects.bulk_create(
        [
            Employment(
                person=p,
                organization=unit_of[p.pk],
                category="civil_servant",
                valid_from=D(2010, 1, 1),
            )
            for p in people
        ],
        batch_size=BATCH,
    )
    YearRecord.objects.bulk_create(
        (
            YearRecord(
                person=p, year=y, rating=4 if (i + y) % 3 == 0 else 3, organization=unit_of[p.pk]
            )
            for i, p in enumerate(people)
            for y in YEARS
        ),
        batch_size=BATCH,
    )
    _titles(people, unit_of)
    _initiatives(people)


def _titles(people: list[Any], unit_of: dict[int, Any]) -> None:
    from thidua.awards.models import AwardRecord, AwardType

    kinds = {
        c: AwardType.objects.filter(code=c).order_by("-effective_from").first()
        for c in ("LDTT", "CSTDCS")
    }
    records: list[AwardRecord] = []
    for i, p in enumerate(people):
        unit = unit_of[p.pk]
        for y in YEARS:
            # LĐTT every year (2025 only for odd people); CSTĐCS for one in five, with gaps
            codes = ["LDTT"] if y < 2025 or i % 2 else []
            if i % 5 == 0 and (i + y) % 7:
                codes.append("CSTDCS")
            records.extend(
                AwardRecord(
                    person=p,
                    award_type=kinds[code],
                    award_code=code,
                    annual=True,
                    achievement_year=y,
                    decision_number=f"{y}/QĐ",
                    decision_date=D(y + 1, 1, 10),
                    unit_at_time=unit,
                    source="import",
                )
                for code in codes
            )
        if len(records) > 50_000:
            AwardRecord.objects.bulk_create(records, batch_size=BATCH)
            records = []
    AwardRecord.objects.bulk_create(records, batch_size=BATCH)


def _initiatives(people: list[Any]) -> None:
    from thidua.people.models import Initiative, InitiativeAuthor

    initiatives = Initiative.objects.bulk_create(
        [
            Initiative(
                code=f"SK{i:06d}",
                title=f"Sáng kiến {i}",
                year=2016 + i % 10,
                recognition_ref=f"{i}/QĐ",
                recognised_on=D(2016 + i % 10, 12, 1),
                recognised_by="Đơn vị",
                scope=1 + i % 4,
            )
            for i in range(INITIATIVES)
        ],
        batch_size=BATCH,
    )
    InitiativeAuthor.objects.bulk_create(
        [
            InitiativeAuthor(initiative=s, person=people[(i * 5) % PEOPLE])
            for i, s in enumerate(initiatives)
        ],
        batch_size=BATCH,
    )


def run() -> None:
    from thidua.eligibility.engine import Candidate, evaluate_many
    from thidua.eligibility.preload import Snapshot

    awards = ("CSTD_TINH", "CSTDCS", "BK_TINH", "LDTT")
    received = D(2026, 1, 15)
    rows = [Candidate(f"P{i:06d}", awards[i % 4], 2025, received, i + 1) for i in range(PEOPLE)]
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        snapshot = Snapshot.load(rows)
    loaded = time.perf_counter()
    results = evaluate_many(rows, snapshot.batch)
    done = time.perf_counter()
    counts: dict[str, int] = {}
    for r in results:
        counts[str(r.verdict)] = counts.get(str(r.verdict), 0) + 1
    print(f"database: {connection.vendor}; candidates: {len(rows):,}")
    print(f"preload: {len(ctx.captured_queries)} queries, {loaded - start:.2f} s")
    print(f"evaluation: {len(rows) / (done - loaded):,.0f} checks/s ({done - loaded:.2f} s)")
    print(f"whole batch: {len(rows) / (done - start):,.0f} checks/s ({done - start:.2f} s)")
    print(f"verdicts: {counts}")


def run_stored() -> None:
    """The same rows as a stored batch (``services.execute_batch``, what the task runs): preload,
    evaluation, the reasons rendered and the results written by chunks of 2,000."""
    from thidua.eligibility.batch_reader import BatchRow
    from thidua.eligibility.models import CheckBatch
    from thidua.eligibility.services import execute_batch

    awards = ("CSTD_TINH", "CSTDCS", "BK_TINH", "LDTT")
    rows = [BatchRow(i + 2, f"P{i:06d}", awards[i % 4], 2025) for i in range(PEOPLE)]
    batch = CheckBatch.objects.create(
        filename="bench.csv",
        sha256="0" * 64,
        received_on=D(2026, 1, 15),
        total=len(rows),
        rows=[r.as_json() for r in rows],
    )
    start = time.perf_counter()
    status = execute_batch(batch.pk)
    spent = time.perf_counter() - start
    print(f"stored batch ({status}): {len(rows) / spent:,.0f} rows/s ({spent:.2f} s)")


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        start = time.perf_counter()
        seed()
        print(f"seeded {UNITS} units, {PEOPLE:,} people in {time.perf_counter() - start:.1f} s")
        run()
        run_stored()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
