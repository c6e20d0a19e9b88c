"""The lineage of an authority: itself and every authority it succeeded, in one query."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories import AuthorityFactory, AuthoritySuccessionFactory, ClusterYearFactory
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Authority
from thidua.organizations.selectors import (
    authority_lineage,
    lineage_ids_subquery,
    runners_of_year_subquery,
)

pytestmark = [pytest.mark.django_db]

JULY_2025 = dt.date(2025, 7, 1)


def test_a_merged_province_council_is_in_the_lineage_of_its_successor() -> None:
    nam_dinh = AuthorityFactory(code="ND", name="Hội đồng TĐKT tỉnh Nam Định")
    ninh_binh = AuthorityFactory(code="NB", name="Hội đồng TĐKT tỉnh Ninh Bình")
    AuthoritySuccessionFactory(predecessor=nam_dinh, successor=ninh_binh, effective_date=JULY_2025)

    lineage = authority_lineage(ninh_binh.pk)

    assert lineage.passed_on == {ninh_binh.pk: None, nam_dinh.pk: JULY_2025}
    assert (lineage.manages_year(nam_dinh.pk, 2025), lineage.manages_year(nam_dinh.pk, 2024)) == (
        True,
        False,
    )
    assert authority_lineage(nam_dinh.pk).passed_on == {nam_dinh.pk: None}


def test_the_lineage_is_transitive_and_work_passes_at_the_latest_date_on_the_path(
    django_assert_num_queries: Any,
) -> None:
    a, b, c, unrelated = AuthorityFactory.create_batch(4)
    AuthoritySuccessionFactory(predecessor=a, successor=b, effective_date=JULY_2025)
    AuthoritySuccessionFactory(predecessor=b, successor=c, effective_date=dt.date(2030, 1, 1))
    AuthoritySuccessionFactory(
        predecessor=unrelated, successor=a, effective_date=dt.date(2020, 1, 1)
    )

    with django_assert_num_queries(1):
        lineage = authority_lineage(c.pk)

    assert lineage.passed_on == {
        c.pk: None,
        b.pk: dt.date(2030, 1, 1),
        a.pk: dt.date(2030, 1, 1),
        unrelated.pk: dt.date(2030, 1, 1),
    }


def test_a_cycle_does_not_loop_and_the_authority_keeps_all_its_years() -> None:
    a, b = AuthorityFactory.create_batch(2)
    AuthoritySuccessionFactory(predecessor=a, successor=b, effective_date=JULY_2025)
    AuthoritySuccessionFactory(predecessor=b, successor=a, effective_date=dt.date(2026, 1, 1))

    assert authority_lineage(a.pk).passed_on == {a.pk: None, b.pk: dt.date(2026, 1, 1)}


def test_the_lineage_subquery_filters_without_a_query_of_its_own() -> None:
    nam_dinh, ninh_binh, other = AuthorityFactory.create_batch(3)
    AuthoritySuccessionFactory(predecessor=nam_dinh, successor=ninh_binh, effective_date=JULY_2025)
    years = [ClusterYearFactory(cluster__authority=a) for a in (nam_dinh, ninh_binh, other)]

    scoped = ClusterYear.objects.filter(
        cluster__authority_id__in=lineage_ids_subquery(ninh_binh.pk)
    )

    assert set(scoped) == set(years[:2])


def test_the_runners_of_a_year_are_the_authority_and_the_heirs_its_work_had_reached() -> None:
    a, b, c = AuthorityFactory.create_batch(3)
    AuthoritySuccessionFactory(predecessor=a, successor=b, effective_date=JULY_2025)
    AuthoritySuccessionFactory(predecessor=b, successor=c, effective_date=dt.date(2030, 1, 1))

    def runners(year: int) -> set[int]:
        qs = Authority.objects.filter(pk__in=runners_of_year_subquery(a.pk, year))
        return set(qs.values_list("pk", flat=True))

    assert (runners(2024), runners(2025), runners(2030)) == (
        {a.pk},
        {a.pk, b.pk},
        {a.pk, b.pk, c.pk},
    )
    for year in (2024, 2025, 2030):
        assert {x for x in (a, b, c) if authority_lineage(x.pk).manages_year(a.pk, year)} == {
            x for x in (a, b, c) if x.pk in runners(year)
        }
