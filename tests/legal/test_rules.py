"""The national versions as migrated (docs/dev/awards-design.md §2.4) and the vocabulary."""

from __future__ import annotations

from fractions import Fraction

import pytest

from thidua.legal.definitions import BY_CODE, DEFINITIONS
from thidua.legal.models import ParameterDefinition, RuleParameter, RuleSet
from thidua.legal.selectors import ParameterBook

pytestmark = [pytest.mark.unit, pytest.mark.django_db]
ND91, ND98, ND152 = "luat-2003-nd91-2017", "luat-2022-nd98-2023", "luat-2022-nd152-2025"


def book(code: str) -> ParameterBook:
    return ParameterBook.load([RuleSet.objects.get(code=code)])


def test_the_vocabulary_is_loaded_from_the_definitions() -> None:
    assert ParameterDefinition.objects.count() == len(DEFINITIONS)
    assert set(ParameterDefinition.objects.values_list("code", flat=True)) == set(BY_CODE)


def test_every_definition_names_its_reader() -> None:
    assert [d.code for d in DEFINITIONS if not d.read_by] == []


def test_every_stored_parameter_is_defined_with_its_type() -> None:
    rows = RuleParameter.objects.values_list("code", "value_type")
    assert [(c, t) for c, t in rows if BY_CODE[c].value_type != t] == []


@pytest.mark.parametrize("code", [ND98, ND152])
def test_authority_only_codes_are_absent_from_the_law_2022_sets(code: str) -> None:
    authority_only = {d.code for d in DEFINITIONS if d.authority_only}
    assert authority_only == {
        "ldtt_min_months_employed",
        "ldtt_disqualifying_discipline",
        "cstdcs_max_ratio_of_ldtt",
        "ttldtt_min_ratio_ldtt",
        "ttldtt_disqualifying_discipline",
        "ctdcp_max_ratio_of_cluster_leaders",
        "predecessor_history_counts",
    }
    stored = set(RuleSet.objects.get(code=code).parameters.values_list("code", flat=True))
    assert stored & authority_only == set()


def test_every_ratio_has_an_operator_and_an_exact_fraction() -> None:
    ratios = RuleParameter.objects.filter(value_type="ratio")
    assert ratios.exists()
    assert [p.code for p in ratios if p.operator is None or not isinstance(p.value, Fraction)] == []


def test_the_three_national_versions_cover_the_transition() -> None:
    rows = {
        s.code: (
            s.effective_from.isoformat(),
            s.effective_to,
            s.achievement_year_from,
            s.achievement_year_to,
            s.status,
            s.authority_id,
        )
        for s in RuleSet.objects.filter(family="tdkt")
    }
    assert rows[ND98][0] == "2024-01-01" and rows[ND98][1].isoformat() == "2025-06-30"
    assert rows[ND98][2:] == (2023, 2025, "published", None)
    assert rows[ND152][:4] == ("2025-07-01", None, 2024, None)
    assert rows[ND91][1].isoformat() == "2023-12-31"


def test_nd98_and_nd152_differ_where_the_law_differs() -> None:
    old, new = book(ND98), book(ND152)
    assert old.value("council_vote_min_ratio_hero_cstd") == Fraction(9, 10)
    assert new.get("council_vote_min_ratio_hero_cstd") is None
    assert old.get("dissolved_unit_excluded") is None
    assert new.value("dissolved_unit_excluded") is True
    assert old.get("public_disclosure_days_hero").param.article == "khoản 1 Điều 46"  # type: ignore[union-attr]
    assert new.get("public_disclosure_days_hero").param.article == "khoản 2 Điều 44"  # type: ignore[union-attr]
    assert old.get("reward_multiple", "CTD_6X") is None
    assert str(new.value("reward_multiple", "CTD_6X")) == "6"
    assert str(new.value("reward_multiple", "CSTDTQ")) == "4.5"


def test_old_regime_keeps_its_values_marked_old() -> None:
    old = book(ND91)
    quota = old.get("ctdcp_max_ratio_of_cluster_leaders")
    assert quota is not None
    assert (quota.value, quota.param.operator, quota.param.mark) == (Fraction(1, 5), "lte", "S-old")
    assert old.value("ttldtt_min_ratio_ldtt") == Fraction(1, 2)
    assert old.get("ttldtt_min_ratio_ldtt").param.operator == "gt"  # type: ignore[union-attr]


def test_law_2022_standards_cite_their_article() -> None:
    entry = book(ND152).get("cstd_tinh_consecutive_cstdcs")
    assert entry is not None
    assert (entry.value, entry.param.operator, entry.param.mark) == (3, "gte", "S")
    assert f"{entry.param.article} {entry.param.instrument.short_name}" == "Điều 22 Luật TĐKT 2022"  # type: ignore[union-attr]


def test_the_scoring_scale_has_its_own_family() -> None:
    scale = RuleSet.objects.get(code="thang-diem-cum-khoi-mac-dinh")
    assert (scale.family, scale.status) == ("scoring_scale", "published")
    assert str(book(scale.code).value("max_total")) == "100"


def test_rule_sets_page_requires_login(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/legal/").url == "/accounts/login/?next=/legal/"
