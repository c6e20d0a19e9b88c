"""The award history registers its use of a rule-set version: closing a version before the last
dossier an award record judged under it is refused, with the use named."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import Client

from tests.conftest import World
from tests.legal.helpers import local_set
from thidua.awards.history import AwardRecord
from thidua.awards.history_services import record_award
from thidua.awards.models import AwardType
from thidua.awards.rule_set_uses import AWARD_RECORDS, last_award_record
from thidua.legal.models import RuleSet
from thidua.legal.services import close_rule_set
from thidua.legal.uses import RULE_SET_USES, register_use

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date


def used(world: World, rule_set: RuleSet, **kw: Any) -> AwardRecord:
    kw.setdefault("decision_date", D(2026, 8, 1))
    kw.setdefault("organization", world.member)
    return record_award(
        user=world.admin,
        award_type=AwardType.objects.get(code="TTLDTT"),
        achievement_year=2025,
        decision_number="12/QĐ-UBND",
        rule_set=rule_set,
        **kw,
    )


def test_the_award_history_is_registered_once() -> None:
    assert [u.slug for u in RULE_SET_USES].count("awards.records") == 1
    with pytest.raises(ImproperlyConfigured):
        register_use(AWARD_RECORDS)


def test_closing_before_a_recorded_award_is_refused_naming_the_use(world: World) -> None:
    rule_set = local_set(world.authority)
    used(world, rule_set, received_on=D(2026, 7, 10))
    with pytest.raises(ValidationError) as refused:
        close_rule_set(user=world.board, rule_set=rule_set, effective_to=D(2026, 7, 9))
    assert refused.value.messages == [
        "Bộ quy định đã được dùng đến ngày 10/07/2026 (khen thưởng ghi trong sổ khen thưởng): "
        "không thể cho hết hiệu lực trước ngày đó."
    ]
    rule_set.refresh_from_db()
    assert rule_set.effective_to is None
    close_rule_set(user=world.board, rule_set=rule_set, effective_to=D(2026, 7, 10))
    rule_set.refresh_from_db()
    assert rule_set.effective_to == D(2026, 7, 10)


def test_the_use_is_the_received_day_else_the_decision_date(world: World) -> None:
    rule_set = local_set(world.authority)
    assert last_award_record(rule_set.pk) is None
    used(world, rule_set, decision_date=D(2026, 3, 2))
    assert last_award_record(rule_set.pk) == D(2026, 3, 2)
    record = used(
        world,
        rule_set,
        organization=world.deputy,
        decision_date=D(2026, 9, 1),
        received_on=D(2026, 2, 1),
    )
    assert record.rule_set == rule_set
    assert last_award_record(rule_set.pk) == D(2026, 3, 2)


def test_the_version_page_says_until_when_it_was_used(world: World) -> None:
    rule_set = local_set(world.authority)
    used(world, rule_set, received_on=D(2026, 7, 10))
    client = Client()
    client.force_login(world.board)
    body = client.get(f"/legal/{rule_set.code}/").content.decode()
    assert "Được dùng đến ngày 10/07/2026 (khen thưởng ghi trong sổ khen thưởng)." in body
