"""The preload: real rows and rule sets from the database, a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.eligibility.data import D, pending, people
from thidua.eligibility.engine import Candidate
from thidua.eligibility.preload import check_many, check_one

pytestmark = pytest.mark.django_db


def test_cstd_tinh_from_the_database(world):
    (person,) = people(world.member, 1, years=(2021, 2023))
    result = check_one(person.code, "CSTD_TINH", 2023, D(2024, 1, 15))
    assert result.rule_set == "luat-2022-nd98-2023"
    assert result.verdict == "not_eligible"
    assert (
        "Chưa đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở (Điều 22 Luật TĐKT 2022): 2021, 2023 "
        "đạt; 2022 không đạt"
    ) in [r.text for r in result.reasons]


@pytest.mark.parametrize(
    ("received_on", "rule_set", "verdict"),
    [
        pytest.param(D(2025, 6, 30), "luat-2022-nd98-2023", "eligible", id="30-6-2025"),
        pytest.param(D(2025, 7, 1), "luat-2022-nd152-2025", "not_eligible", id="1-7-2025"),
    ],
)
def test_dossier_date_chooses_the_set(world, received_on, rule_set, verdict):
    (person,) = people(world.member, 1, years=(2024,))
    person.award_records.all().delete()
    pending(person, D(2025, 5, 1))
    result = check_one(person.code, "LDTT", 2024, received_on)
    assert (result.rule_set, result.verdict) == (rule_set, verdict)


def test_unknown_subject_and_missing_date(world):
    result = check_one("KHONG-CO", "LDTT", 2025)
    assert result.verdict == "not_eligible"
    texts = [r.text for r in result.reasons]
    assert "Không tìm thấy mã đối tượng “KHONG-CO” trong phạm vi của bạn" in texts
    assert any(t.startswith("Không ghi ngày nhận hồ sơ: dùng ngày mặc định") for t in texts)


def _queries(rows):
    with CaptureQueriesContext(connection) as ctx:
        results = check_many(rows)
    return len(ctx.captured_queries), results


def test_constant_queries_at_two_batch_sizes(world):
    made = people(world.member, 1000)
    rows = [Candidate(p.code, "CSTDCS", 2025, D(2026, 1, 15), i) for i, p in enumerate(made)]
    small, results_small = _queries(rows[:10])
    large, results_large = _queries(rows)
    assert small == large
    assert small <= 16
    assert len(results_large) == 1000
    assert {r.verdict for r in results_small} == {"not_eligible"}  # already CSTĐCS 2025


def test_merged_unit_reads_its_predecessor(world):
    from tests.factories import SuccessionFactory
    from thidua.awards.models import CollectiveYear

    old = world.outsider_org.__class__.objects.create(
        code="SO-TTTT",
        name="Sở TT&TT",
        kind=world.member.kind,
        authority=world.authority,
        valid_to=D(2025, 3, 1),
    )
    SuccessionFactory(predecessor=old, successor=world.member, effective_date=D(2025, 3, 1))
    CollectiveYear.objects.create(
        organization=old,
        year=2024,
        rating=4,
        members=10,
        completed=10,
        ldtt=7,
        cstdcs=1,
        source="import",
    )
    result = check_one(world.member.code, "TTLDXS", 2024, D(2025, 6, 1))
    assert result.verdict == "needs_review"
    assert (
        "Số liệu năm 2024 là của Sở TT&TT, trước khi hợp nhất 01/03/2025: chưa có quy định của "
        "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội về việc tính thành tích của đơn vị "
        "trước khi sắp xếp"
    ) in [r.text for r in result.reasons]
    merged_away = check_one("SO-TTTT", "TTLDXS", 2024, D(2025, 6, 1))
    assert merged_away.verdict == "not_eligible"
    assert any(
        f"Sở TT&TT đã sắp xếp từ ngày 01/03/2025: đề nghị qua đơn vị kế thừa {world.member.name}"
        in r.text
        for r in merged_away.reasons
    )
