"""The database itself keeps a person in one unit at a time, whoever writes: the ORM or raw SQL,
on SQLite (triggers) and PostgreSQL (exclusion constraint)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from tests.conftest import World
from tests.people.helpers import D, person
from thidua.people.db import OVERLAP
from thidua.people.models import Employment

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def refused():  # type: ignore[no-untyped-def]
    return pytest.raises(IntegrityError, match=OVERLAP)


def test_an_overlapping_period_is_refused_by_the_orm(world: World) -> None:
    p = person(world.board, world.member, valid_from=D(2020, 1, 1))
    with refused(), transaction.atomic():
        Employment.objects.create(
            person=p, organization=world.head, category="cadre", valid_from=D(2030, 1, 1)
        )
    with refused(), transaction.atomic():  # an update that makes two periods overlap
        other = Employment.objects.create(
            person=p,
            organization=world.head,
            category="cadre",
            valid_from=D(2010, 1, 1),
            valid_to=D(2019, 12, 31),
        )
        other.valid_to = D(2020, 1, 1)
        other.save()
    assert Employment.objects.count() == 1


def test_an_overlapping_period_is_refused_through_raw_sql(world: World) -> None:
    p = person(world.board, world.member, valid_from=D(2020, 1, 1))
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    sql = (
        "INSERT INTO people_employment (created, updated, person_id, organization_id, category,"
        " position, valid_from, valid_to) VALUES (%s, %s, %s, %s, 'cadre', '', %s, NULL)"
    )
    with refused(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [now, now, p.pk, world.head.pk, D(2025, 1, 1)])
    assert Employment.objects.count() == 1


def test_touching_periods_are_refused_and_adjacent_ones_accepted(world: World) -> None:
    p = person(world.board, world.member, valid_from=D(2020, 1, 1))
    first = p.employments.get()
    first.valid_to = D(2022, 12, 31)
    first.save()
    with refused(), transaction.atomic():  # the same last day
        Employment.objects.create(
            person=p, organization=world.head, category="cadre", valid_from=D(2022, 12, 31)
        )
    Employment.objects.create(
        person=p, organization=world.head, category="cadre", valid_from=D(2023, 1, 1)
    )
    other = person(world.board, world.head, code="P-002", valid_from=D(2020, 1, 1))
    assert other.employments.count() == 1 and Employment.objects.count() == 3
