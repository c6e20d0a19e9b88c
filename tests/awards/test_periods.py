"""The catalogue by period: codes of the law, who decides on each side of 1/7/2025 (NĐ
129/2025 Điều 59), corrected marks and notes (docs/dev/awards-design.md §3)."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps

from thidua.awards.models import AwardDecider, AwardType, BaseSalary
from thidua.awards.periods import load_periods
from thidua.awards.selectors import decider_on, decider_periods, with_deciders
from thidua.legal.models import LegalInstrument

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date
LAST_DISTRICT_DAY, FIRST_COMMUNE_DAY = D(2025, 6, 30), D(2025, 7, 1)


def award(code: str) -> AwardType:
    return with_deciders(AwardType.objects.filter(code=code, authority=None)).get()


def deciders(code: str, day: dt.date) -> list[str]:
    return [d.decider for d in decider_on(award(code), day)]


def test_the_catalogue_uses_the_codes_of_the_issue_and_the_rule_sets() -> None:
    codes = set(AwardType.objects.values_list("code", flat=True))
    assert {"GK", "THON_VAN_HOA", "CTD_6X"} <= codes
    assert {"GIAY_KHEN", "THON_VH"} & codes == set()


def test_the_six_times_flag_starts_with_decree_152_and_is_marked_mirror() -> None:
    flag = AwardType.objects.get(code="CTD_6X")
    assert (flag.effective_from, flag.confidence, flag.category, flag.annual) == (
        FIRST_COMMUNE_DAY,
        "S-mirror",
        "title",
        True,
    )


def test_titles_are_annual_and_forms_are_not() -> None:
    annual = dict(AwardType.objects.values_list("code", "annual"))
    assert (annual["LDTT"], annual["CTD_CP"], annual["TTLDTT"]) == (True, True, True)
    assert (annual["GK"], annual["BK_TINH"], annual["HUAN_CHUONG"]) == (False, False, False)


def test_marks_are_corrected_and_notes_state_no_old_quota_as_national_rule() -> None:
    marks = dict(AwardType.objects.values_list("code", "confidence"))
    assert (marks["CSTD_TINH"], marks["CTD_TINH"], marks["GK"]) == ("S", "S", "S-mirror")
    notes = " ".join(AwardType.objects.values_list("note", flat=True))
    assert ("20%" in notes, "20 %" in notes, "trên 50%" in notes) == (False, False, False)


def test_the_district_chair_decides_grassroots_titles_until_30_june_2025() -> None:
    assert deciders("TTLDTT", LAST_DISTRICT_DAY) == ["head_of_unit", "district_chair"]
    assert deciders("CSTDCS", LAST_DISTRICT_DAY) == ["head_of_unit", "district_chair"]
    assert deciders("LDTT", LAST_DISTRICT_DAY) == [
        "head_of_unit",
        "commune_chair",
        "district_chair",
    ]


def test_the_commune_chair_decides_them_from_1_july_2025_by_decree_129() -> None:
    assert deciders("TTLDTT", FIRST_COMMUNE_DAY) == ["head_of_unit", "commune_chair"]
    assert deciders("THON_VAN_HOA", FIRST_COMMUNE_DAY) == ["commune_chair"]
    commune = next(
        d for d in decider_on(award("CSTDCS"), FIRST_COMMUNE_DAY) if d.decider == "commune_chair"
    )
    assert (commune.article, commune.instrument.short_name, commune.mark) == (
        "Điều 59",
        "NĐ 129/2025",
        "S-mirror",
    )


def test_provincial_and_government_awards_keep_one_level_marked_unconfirmed() -> None:
    assert deciders("CTD_TINH", FIRST_COMMUNE_DAY) == ["provincial_chair", "minister"]
    pm = decider_on(award("CTD_CP"), LAST_DISTRICT_DAY)
    assert [(d.decider, d.mark) for d in pm] == [("prime_minister", "R")]


def test_the_periods_of_a_title_merge_days_where_nothing_changes() -> None:
    periods = decider_periods(award("TTLDTT"))
    assert [(p.start, p.end, [d.decider for d in p.deciders]) for p in periods] == [
        (D(2024, 1, 1), LAST_DISTRICT_DAY, ["head_of_unit", "district_chair"]),
        (FIRST_COMMUNE_DAY, None, ["head_of_unit", "commune_chair"]),
    ]
    assert len(decider_periods(award("CTD_CP"))) == 1


def test_no_decider_is_known_before_the_2022_law_took_effect() -> None:
    assert deciders("TTLDTT", D(2023, 12, 31)) == []


def test_base_salary_is_2_340_000_from_1_july_2024_by_decree_73() -> None:
    salary = BaseSalary.objects.select_related("instrument").get()
    assert (salary.amount, salary.valid_from, salary.valid_to, salary.mark) == (
        2_340_000,
        D(2024, 7, 1),
        None,
        "S-mirror",
    )
    assert f"{salary.article} {salary.instrument.short_name}" == "khoản 2 Điều 3 NĐ 73/2024"


def test_the_migration_renames_giay_khen_keeping_its_id_and_its_links() -> None:
    gk = AwardType.objects.get(code="GK")
    AwardType.objects.filter(pk=gk.pk).update(code="GIAY_KHEN")
    migration = importlib.import_module("thidua.awards.migrations.0006_catalogue_periods")
    migration.forward(django_apps, None)
    assert AwardType.objects.get(pk=gk.pk).code == "GK"
    assert not AwardType.objects.filter(code="GIAY_KHEN").exists()
    assert AwardDecider.objects.filter(award_type=gk).count() == 4


def test_loading_the_periods_twice_creates_nothing() -> None:
    before = AwardDecider.objects.count()
    assert load_periods(AwardType, AwardDecider, BaseSalary, LegalInstrument) == 0
    assert AwardDecider.objects.count() == before > 20
