"""Two people save the same sheet at the same moment: exactly one wins, the others get the
conflict; nothing is silently overwritten (needs PostgreSQL for real parallel writers)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection

from tests.conftest import World
from tests.factories_scoring import build_criteria_set, default_rule_set, fresh
from thidua.scoring import selectors
from thidua.scoring.models import ScoreEntry, ScoreSheet
from thidua.scoring.services.common import SheetConflict
from thidua.scoring.services.sheets import EntryInput, save_sheet

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_parallel_saves_of_one_sheet_let_exactly_one_through(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    default_rule_set()  # a transactional test starts from a flushed database
    cs = build_criteria_set(world.cy, world.secretariat)
    criterion = selectors.criteria_table(cs).by_code["II.2"]
    barrier = threading.Barrier(6)
    saved: list[Decimal] = []
    conflicts: list[int] = []
    errors: list[BaseException] = []

    def save(value: int) -> None:
        try:
            cy = fresh(world.cy)
            barrier.wait()
            save_sheet(
                cluster_year=cy,
                organization=world.member,
                user=world.officer,
                expected_version=1,
                entries=[EntryInput(criterion.pk, value=Decimal(value))],
            )
            saved.append(Decimal(value))
        except SheetConflict as exc:
            conflicts.append(exc.current_version)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(value,)) for value in range(6, 12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert (len(saved), conflicts) == (1, [2] * 5)
    assert ScoreSheet.objects.get(organization=world.member).version == 2
    assert ScoreEntry.objects.get().self_value == saved[0]
