"""Reward money: the multiple of the rule set in force at the decision date × the base salary
of that day, rounded up as the set says (domain-rules §1.6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thidua.awards.models import BaseSalary
from thidua.awards.rewards import Reward, reward_amount, reward_inputs, reward_words, salary_on

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date


def reward(code: str, day: dt.date) -> Reward | None:
    book, salaries = reward_inputs(day)
    return reward_amount(code, day, book, salary_on(salaries, day))


def test_a_national_fighter_gets_4_5_times_the_base_salary_under_decree_152() -> None:
    assert reward("CSTDTQ", D(2025, 12, 1)) == (
        Decimal("4.5"),
        10_530_000,
        "Điều 50 NĐ 152/2025",
    )


def test_a_decision_of_30_june_2025_cites_decree_98() -> None:
    assert reward("CSTDTQ", D(2025, 6, 30)) == (Decimal("4.5"), 10_530_000, "Điều 54 NĐ 98/2023")


def test_amounts_are_rounded_up_to_ten_thousand_dong() -> None:
    # 0,3 × 2.340.000 = 702.000 → 710.000; 0,8 × 2.340.000 = 1.872.000 → 1.880.000
    assert reward("LDTT", D(2025, 12, 1)) == (Decimal("0.3"), 710_000, "Điều 50 NĐ 152/2025")
    assert reward("TTLDTT", D(2025, 12, 1)).amount == 1_880_000  # type: ignore[union-attr]


def test_the_six_times_flag_exists_only_from_decree_152() -> None:
    assert reward("CTD_6X", D(2025, 6, 30)) is None
    assert reward("CTD_6X", D(2025, 7, 1)) == (Decimal(6), 14_040_000, "Điều 50 NĐ 152/2025")


def test_no_amount_without_a_base_salary_for_the_day_or_a_multiple_for_the_award() -> None:
    assert reward("CSTDTQ", D(2024, 6, 30)) is None
    assert reward("GK", D(2025, 12, 1)) is None


def test_a_salary_of_another_period_is_not_used() -> None:
    book, salaries = reward_inputs(D(2025, 12, 1))
    assert reward_amount("CSTDTQ", D(2024, 6, 30), book, salaries[0]) is None


def test_a_new_base_salary_changes_the_amount_from_its_first_day() -> None:
    # 4,5 × 2.530.000 = 11.385.000 → 11.390.000
    BaseSalary.objects.filter(valid_to__isnull=True).update(valid_to=D(2026, 6, 30))
    BaseSalary.objects.create(amount=2_530_000, valid_from=D(2026, 7, 1), mark="R")
    assert reward("CSTDTQ", D(2026, 6, 30)).amount == 10_530_000  # type: ignore[union-attr]
    assert reward("CSTDTQ", D(2026, 7, 1)).amount == 11_390_000  # type: ignore[union-attr]


def test_the_reward_in_words_names_the_article() -> None:
    day = D(2025, 12, 1)
    book, salaries = reward_inputs(day)
    salary = salary_on(salaries, day)
    assert salary is not None
    found = reward_amount("CSTDTQ", day, book, salary)
    assert found is not None
    assert reward_words(found, salary) == "4,5 × 2.340.000 ₫ = 10.530.000 ₫ (Điều 50 NĐ 152/2025)"
