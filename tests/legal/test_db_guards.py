"""The database itself refuses overlapping published versions and changes to published
parameters, whatever writes: the ORM or raw SQL, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from tests.factories import AuthorityFactory, RuleSetFactory
from thidua.legal.db import IMMUTABLE, OVERLAP
from thidua.legal.models import RuleParameter, RuleSet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
ND152 = "luat-2022-nd152-2025"


def published(**kw: object) -> RuleSet:
    return RuleSetFactory(status="published", family="tdkt", **kw)


def refused(name: str):  # type: ignore[no-untyped-def]
    return pytest.raises(IntegrityError, match=name)


def test_an_overlapping_published_national_version_is_refused_by_the_orm() -> None:
    with refused(OVERLAP), transaction.atomic():
        published(effective_from=dt.date(2026, 1, 1))
    with refused(OVERLAP), transaction.atomic():  # touches the last day of ND 98
        published(effective_from=dt.date(2025, 6, 30), effective_to=dt.date(2025, 6, 30))


def test_an_overlapping_version_is_refused_through_raw_sql() -> None:
    sql = (
        "INSERT INTO legal_ruleset (created, updated, code, name, legal_basis, family, version,"
        " status, effective_from, effective_to, change_note) VALUES (%s, %s, 'x', 'x', 'x',"
        " 'tdkt', 9, 'published', %s, NULL, '')"
    )
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with refused(OVERLAP), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [now, now, dt.date(2030, 1, 1)])


def test_an_update_into_overlap_is_refused() -> None:
    draft = RuleSetFactory(family="tdkt", effective_from=dt.date(2026, 1, 1))
    draft.status = "published"
    with refused(OVERLAP), transaction.atomic():
        draft.save()


def test_drafts_other_families_and_other_authorities_may_overlap() -> None:
    RuleSetFactory(family="tdkt", effective_from=dt.date(2026, 1, 1))
    published(effective_from=dt.date(2026, 1, 1), authority=AuthorityFactory())
    RuleSetFactory(
        status="published",
        family="scoring_scale",
        effective_from=dt.date(2026, 1, 1),
        authority=AuthorityFactory(),
    )
    nd152 = RuleSet.objects.get(code=ND152)
    nd152.effective_to = dt.date(2026, 12, 31)
    nd152.save()
    published(effective_from=dt.date(2027, 1, 1))
    assert RuleSet.objects.filter(family="tdkt", status="published").count() == 5


def test_a_published_parameter_cannot_change_through_the_orm() -> None:
    param = RuleParameter.objects.get(rule_set__code=ND152, code="cstd_tinh_consecutive_cstdcs")
    param.int_value = 2
    with refused(IMMUTABLE), transaction.atomic():
        param.save()
    with refused(IMMUTABLE), transaction.atomic():
        RuleParameter.objects.create(
            rule_set=param.rule_set,
            code="state_forms_per_year_max",
            value_type="count",
            operator="lte",
            int_value=1,
        )
    param.refresh_from_db()
    assert param.int_value == 3


def test_a_published_parameter_cannot_change_through_raw_sql() -> None:
    param = RuleParameter.objects.get(rule_set__code=ND152, code="cstd_tinh_consecutive_cstdcs")
    with refused(IMMUTABLE), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE legal_ruleparameter SET int_value = 2 WHERE id = %s", [param.pk])
    param.refresh_from_db()
    assert param.int_value == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite: services refuse deletes")
def test_a_published_parameter_cannot_be_deleted_on_postgresql() -> None:
    param = RuleParameter.objects.get(rule_set__code=ND152, code="cstd_tinh_consecutive_cstdcs")
    with refused(IMMUTABLE), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM legal_ruleparameter WHERE id = %s", [param.pk])
    assert RuleParameter.objects.filter(pk=param.pk).exists()


def test_parameters_of_a_draft_change_freely() -> None:
    draft = RuleSetFactory(family="tdkt")
    param = RuleParameter.objects.create(
        rule_set=draft,
        code="ldtt_min_months_employed",
        value_type="months",
        operator="gte",
        int_value=10,
    )
    param.int_value = 6
    param.save()
    param.delete()
    assert not draft.parameters.exists()


@pytest.mark.parametrize(
    ("columns", "why"),
    [
        ({"value_type": "ratio", "num": 7, "den": 10}, "ruleparameter_ratio_well_formed"),
        (
            {"value_type": "ratio", "operator": "gte", "num": 11, "den": 10},
            "ruleparameter_ratio_well_formed",
        ),
        (
            {"value_type": "count", "int_value": 1, "text_value": "HTT"},
            "ruleparameter_one_value_per_type",
        ),
        ({"value_type": "bool"}, "ruleparameter_one_value_per_type"),
    ],
)
def test_ill_formed_values_are_refused_by_the_database(
    columns: dict[str, object], why: str
) -> None:
    draft = RuleSetFactory(family="tdkt")
    with pytest.raises(IntegrityError), transaction.atomic():
        RuleParameter.objects.create(rule_set=draft, code="x", **columns)
