"""The database refuses what the services refuse, whoever writes: the same annual title twice,
a record with two subjects or none, a decision missing outside the press, an initiative used
twice (D-6), counts over the members — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tests.awards.history.helpers import D, award, award_type, collective_type
from tests.conftest import World
from tests.people.helpers import person
from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse
from thidua.people import services as people_services
from thidua.people.enums import InitiativeScope

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def row(**kw: object) -> AwardRecord:
    kind = kw.pop("award_type")
    defaults: dict[str, object] = {
        "award_code": kind.code,  # type: ignore[attr-defined]
        "annual": True,
        "achievement_year": 2023,
        "decision_number": "1/QĐ",
        "decision_date": D(2024, 1, 1),
        "source": "import",
    }
    defaults.update(kw)
    return AwardRecord.objects.create(award_type=kind, **defaults)


def test_the_same_annual_title_twice_is_refused_by_the_database(world: World) -> None:
    p = person(world.board, world.member)
    kind = award_type()
    first = row(award_type=kind, person=p)
    with pytest.raises(IntegrityError), transaction.atomic():
        row(award_type=kind, person=p, decision_number="2/QĐ")
    with pytest.raises(IntegrityError), transaction.atomic():
        row(award_type=collective_type(), organization=world.member)
        row(award_type=collective_type(), organization=world.member)
    row(award_type=kind, person=p, achievement_year=2022)  # another year
    row(award_type=kind, person=p, annual=False)  # not annual
    AwardRecord.objects.filter(pk=first.pk).update(revoked_on=D(2024, 5, 1), revocation_ref="x")
    row(award_type=kind, person=p)  # once revoked, given again
    assert AwardRecord.objects.count() == 4


def test_one_subject_and_a_decision_unless_press(world: World) -> None:
    p = person(world.board, world.member)
    kind = award_type()
    with pytest.raises(IntegrityError), transaction.atomic():
        row(award_type=kind, person=p, organization=world.member)
    with pytest.raises(IntegrityError), transaction.atomic():
        row(award_type=kind)
    with pytest.raises(IntegrityError), transaction.atomic():
        row(award_type=kind, person=p, decision_number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        row(award_type=kind, person=p, revoked_on=D(2024, 1, 1))  # no revocation decision
    row(award_type=kind, person=p, decision_number="", decision_date=None, source="press")
    assert AwardRecord.objects.count() == 1


def test_an_initiative_has_one_use_in_the_database(world: World) -> None:
    p = person(world.board, world.member)
    sk = people_services.record_initiative(
        user=world.board,
        code="SK-1",
        title="Sáng kiến",
        year=2022,
        authors=[p],
        recognition_ref="1/QĐ",
        recognised_on=D(2022, 12, 1),
        recognised_by="Sở Nội vụ",
        scope=InitiativeScope.UNIT,
    )
    record = award(world.board, award_type(), person=p, year=2022)
    InitiativeUse.objects.create(initiative=sk, award_record=record, used_on=D(2023, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeUse.objects.create(initiative=sk, proposal_ref="TT-2", used_on=D(2024, 1, 1))
    assert InitiativeUse.objects.count() == 1


def test_collective_counts_stay_within_members(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CollectiveYear.objects.create(
            organization=world.member,
            year=2023,
            members=10,
            completed=11,
            ldtt=1,
            cstdcs=0,
            source="entry",
        )
    assert CollectiveYear.objects.count() == 0
