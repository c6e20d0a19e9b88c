"""Two first writes of the same unit's registration at once: the loser does not crash on the
unique constraint (one registration per unit and cluster year); its write becomes an update of
the winner's row under the usual rules (a row already submitted is refused clearly)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from tests.conftest import World
from tests.factories_start_of_year import award
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.start_of_year.enums import RegistrationStatus
from thidua.start_of_year.models import Registration
from thidua.start_of_year.services import registrations

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def rival(world: World) -> Iterator[dict[str, Any]]:
    """Right after the service's existence check has found no row, another writer inserts the
    same unit's row (what a concurrent request does between our check and our insert)."""
    plan: dict[str, Any] = {"status": RegistrationStatus.DRAFT, "fired": False}

    def insert_after_the_check(execute: Any, sql: str, params: Any, many: bool, ctx: Any) -> Any:
        result = execute(sql, params, many, ctx)
        table = f"FROM {connection.ops.quote_name(Registration._meta.db_table)}"
        if not plan["fired"] and sql.startswith("SELECT") and table in sql:
            plan["fired"] = True
            Registration.objects.create(
                cluster_year=world.cy,
                organization=world.member,
                created_by=world.officer,
                award=award("TTLDXS"),
                goals="Của người ghi trước",
                status=plan["status"],
            )
        return result

    with connection.execute_wrapper(insert_after_the_check):
        yield plan


def test_the_losing_first_write_becomes_an_update(
    world: World, leaders: dict[str, User], rival: dict[str, Any]
) -> None:
    registration = registrations.save_registration(
        cluster_year=world.cy,
        organization=world.member,
        by=world.officer,
        award=award("CTD_CP"),
        goals="  Của người ghi sau  ",
    )
    assert rival["fired"]
    assert Registration.objects.count() == 1
    registration.refresh_from_db()
    assert (registration.award_id, registration.goals) == (award("CTD_CP").pk, "Của người ghi sau")
    event = AuditEvent.objects.get(action__startswith="registration.")
    assert event.action == "registration.update"


def test_the_losing_first_write_is_refused_when_the_winner_already_submitted(
    world: World, leaders: dict[str, User], rival: dict[str, Any]
) -> None:
    rival["status"] = RegistrationStatus.SUBMITTED
    with pytest.raises(PermissionDenied, match="không sửa được"):
        registrations.save_registration(
            cluster_year=world.cy, organization=world.member, by=world.officer, award=None
        )
    assert rival["fired"]
    # the rival's row shared our test transaction, so it is rolled back with the refusal too;
    # what matters is that nothing of the refused write is left
    assert not Registration.objects.filter(award=None).exists()
    assert not AuditEvent.objects.filter(action__startswith="registration.").exists()
