"""Which versions judge a dossier (docs/dev/awards-design.md §2.2), at the boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import AuthorityFactory, RuleSetFactory
from thidua.legal.models import RuleParameter
from thidua.legal.selectors import ParameterBook, published_sets, select_rule_sets
from thidua.organizations.selectors import Lineage

pytestmark = [pytest.mark.unit, pytest.mark.django_db]
D = dt.date
ND91, ND98, ND152 = "luat-2003-nd91-2017", "luat-2022-nd98-2023", "luat-2022-nd152-2025"


@pytest.mark.parametrize(
    ("year", "received_on", "expected"),
    [
        (2023, D(2023, 12, 31), ND91),
        (2023, D(2024, 1, 1), ND98),
        (2024, D(2025, 6, 30), ND98),
        (2025, D(2025, 6, 30), ND98),
        (2024, D(2025, 7, 1), ND152),
        (2025, D(2025, 7, 1), ND152),
        (2025, D(2026, 1, 15), ND152),
        (2022, D(2026, 1, 10), None),
        (2023, D(2025, 7, 1), None),
        (2024, D(2023, 12, 31), None),
    ],
    ids=str,
)
def test_the_transition_rule(year: int, received_on: dt.date, expected: str | None) -> None:
    chosen = select_rule_sets(None, year, received_on, published_sets())
    assert (chosen.national.code if chosen.national else None) == expected
    assert chosen.found is (expected is not None)


def test_a_local_version_is_layered_over_the_national_one() -> None:
    authority = AuthorityFactory()
    local = RuleSetFactory(authority=authority, effective_from=D(2025, 12, 15))
    RuleParameter.objects.create(
        rule_set=local,
        code="ttldtt_min_ratio_ldtt",
        value_type="ratio",
        operator="gte",
        num=7,
        den=10,
    )
    local.status = "published"
    local.save()
    chosen = select_rule_sets(authority.pk, 2025, D(2026, 1, 5), published_sets())
    assert [s.code for s in chosen.rule_sets] == [local.code, ND152]
    assert select_rule_sets(authority.pk, 2025, D(2025, 12, 14), published_sets()).local is None
    book = ParameterBook.load(chosen.rule_sets)
    assert str(book.value("ttldtt_min_ratio_ldtt")) == "7/10"
    assert book.get("ttldtt_min_ratio_ldtt").rule_set == local  # type: ignore[union-attr]
    assert book.value("cstd_tinh_consecutive_cstdcs") == 3


def test_a_predecessors_local_version_applies_before_its_work_passed_on() -> None:
    old, new = AuthorityFactory(), AuthorityFactory()
    local = RuleSetFactory(status="published", authority=old, effective_from=D(2024, 1, 1))
    lineage = Lineage(authority_id=new.pk, passed_on={new.pk: None, old.pk: D(2025, 7, 1)})
    sets = published_sets()
    before = select_rule_sets(new.pk, 2025, D(2025, 6, 30), sets, lineage=lineage)
    after = select_rule_sets(new.pk, 2025, D(2025, 7, 1), sets, lineage=lineage)
    assert (before.local, after.local) == (local, None)
    own = RuleSetFactory(status="published", authority=new, effective_from=D(2025, 1, 1))
    chosen = select_rule_sets(new.pk, 2025, D(2025, 6, 30), published_sets(), lineage=lineage)
    assert chosen.local == own


def test_drafts_are_never_selected() -> None:
    authority = AuthorityFactory()
    RuleSetFactory(authority=authority, effective_from=D(2020, 1, 1))
    assert select_rule_sets(authority.pk, 2025, D(2026, 1, 5), published_sets()).local is None


def test_the_book_reads_all_parameters_in_one_query(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    chosen = select_rule_sets(None, 2025, D(2026, 1, 5), published_sets())
    with django_assert_num_queries(1):
        book = ParameterBook.load(chosen.rule_sets)
        values = [e.value for e in book.entries.values()]
    assert len(values) > 40
