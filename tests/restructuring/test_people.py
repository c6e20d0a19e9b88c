"""The people of the old units: after a merge or a rename they continue at the successor from
the effective date, after a dissolution their periods end the day before; a split leaves them
to be moved one by one. The preview counts them; one audit event per restructuring."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import UserFactory
from tests.restructuring.conftest import Communes, decision
from thidua.accounts.enums import Role
from thidua.audit.models import AuditEvent
from thidua.organizations.models import Organization
from thidua.people.models import Employment, Person
from thidua.restructuring import services
from thidua.restructuring.plan import NewUnit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

D = dt.date
WARD = NewUnit(code="PHUONG-X", name="Phường X")
EVE = D(2025, 6, 30)  # the day before the effective date (MID_2025)


def worker(code: str, unit: Organization, start: dt.date, end: dt.date | None = None) -> Person:
    person = Person.objects.create(code=code, full_name=f"Cán bộ {code}")
    Employment.objects.create(
        person=person,
        organization=unit,
        category="civil_servant",
        position="Chuyên viên",
        valid_from=start,
        valid_to=end,
    )
    return person


def periods(code: str) -> list[tuple[str, dt.date, dt.date | None, str]]:
    rows = Employment.objects.filter(person__code=code).order_by("valid_from")
    return [(e.organization.code, e.valid_from, e.valid_to, e.position) for e in rows]


@pytest.fixture
def staff(communes: Communes) -> None:
    worker("P-OPEN", communes.a, D(2020, 1, 1))
    worker("P-UNTIL", communes.b, D(2019, 5, 1), D(2026, 12, 31))
    worker("P-GONE", communes.a, D(2015, 1, 1), D(2024, 12, 31))
    worker("P-LATE", communes.a, D(2025, 9, 1))
    worker("P-OTHER", communes.c, D(2020, 1, 1))


def test_a_merge_moves_the_open_periods_to_the_successor(communes: Communes, staff: None) -> None:
    services.merge_units(
        units=[communes.a, communes.b], new_unit=WARD, decision=decision(), user=None
    )

    assert periods("P-OPEN") == [
        ("XA-A", D(2020, 1, 1), EVE, "Chuyên viên"),
        ("PHUONG-X", D(2025, 7, 1), None, "Chuyên viên"),
    ]
    assert periods("P-UNTIL") == [
        ("XA-B", D(2019, 5, 1), EVE, "Chuyên viên"),
        ("PHUONG-X", D(2025, 7, 1), D(2026, 12, 31), "Chuyên viên"),
    ]
    assert periods("P-GONE") == [("XA-A", D(2015, 1, 1), D(2024, 12, 31), "Chuyên viên")]
    assert periods("P-LATE") == [("PHUONG-X", D(2025, 9, 1), None, "Chuyên viên")]
    assert periods("P-OTHER") == [("XA-C", D(2020, 1, 1), None, "Chuyên viên")]
    event = AuditEvent.objects.get(action="people.restructure")
    assert event.after["moved"] == 3 and event.after["ended"] == 0
    assert event.after["units"] == {"XA-A": "PHUONG-X", "XA-B": "PHUONG-X"}


def test_the_preview_says_how_many_people_move_and_equals_the_commit(
    communes: Communes, staff: None
) -> None:
    spec = services.Spec("merge", decision(), (communes.a, communes.b), (WARD,))
    plan = services.preview(spec, user=None)

    assert plan.impacts == (("cá nhân chuyển sang đơn vị Phường X", 3),)
    assert plan.summary() == "1 cụm, khối và 3 cá nhân chuyển sang đơn vị Phường X bị ảnh hưởng."
    assert [(c.unit, c.count, c.action, c.successor) for c in plan.people] == [
        ("XA-A", 2, "move", "PHUONG-X"),
        ("XA-B", 1, "move", "PHUONG-X"),
    ]
    assert Employment.objects.count() == 5  # the preview writes nothing
    assert services.restructure(spec, user=None).plan == plan.as_dict()


def test_a_merge_into_an_existing_unit_and_a_rename_move_the_people(
    communes: Communes, staff: None
) -> None:
    services.merge_units(units=[communes.b], into=communes.c, decision=decision(), user=None)
    services.rename_unit(
        unit=communes.a, new_unit=NewUnit("PHUONG-A", "Phường A"), decision=decision(), user=None
    )

    assert periods("P-UNTIL")[-1] == ("XA-C", D(2025, 7, 1), D(2026, 12, 31), "Chuyên viên")
    assert periods("P-OPEN")[-1] == ("PHUONG-A", D(2025, 7, 1), None, "Chuyên viên")
    assert AuditEvent.objects.filter(action="people.restructure").count() == 2


def test_a_dissolution_ends_the_open_periods(communes: Communes) -> None:
    worker("P-OPEN", communes.a, D(2020, 1, 1))
    worker("P-UNTIL", communes.a, D(2019, 5, 1), D(2026, 12, 31))
    spec = services.Spec("dissolve", decision(), (communes.a,))
    assert services.preview(spec, user=None).impacts == (
        ("cá nhân kết thúc công tác (đơn vị giải thể)", 2),
    )

    services.dissolve_unit(units=[communes.a], decision=decision(), user=None)

    assert periods("P-OPEN") == [("XA-A", D(2020, 1, 1), EVE, "Chuyên viên")]
    assert periods("P-UNTIL") == [("XA-A", D(2019, 5, 1), EVE, "Chuyên viên")]
    event = AuditEvent.objects.get(action="people.restructure")
    assert (event.after["moved"], event.after["ended"]) == (0, 2)


def test_a_dissolution_before_a_planned_start_is_refused_and_writes_nothing(
    communes: Communes, staff: None
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.dissolve_unit(units=[communes.a], decision=decision(), user=None)

    assert caught.value.messages == [
        "Cán bộ P-LATE bắt đầu công tác tại Xã A từ 01/09/2025, không trước ngày giải thể: "
        "hãy sửa quá trình công tác của người này trước."
    ]
    assert Organization.objects.get(pk=communes.a.pk).valid_to is None
    assert periods("P-OPEN") == [("XA-A", D(2020, 1, 1), None, "Chuyên viên")]
    assert not AuditEvent.objects.filter(action="people.restructure").exists()


def test_a_split_leaves_the_people_to_be_moved_one_by_one(communes: Communes) -> None:
    worker("P-OPEN", communes.a, D(2020, 1, 1))
    spec = services.Spec(
        "split", decision(), (communes.a,), (NewUnit("XA-A1", "Xã A Bắc"), NewUnit("XA-A2", "B"))
    )
    assert services.preview(spec, user=None).impacts == (
        ("cá nhân còn ghi ở Xã A: chuyển từng người sang đơn vị mới", 1),
    )

    services.restructure(spec, user=None)

    assert periods("P-OPEN") == [("XA-A", D(2020, 1, 1), None, "Chuyên viên")]
    assert not AuditEvent.objects.filter(action="people.restructure").exists()


def test_a_move_to_another_authority_keeps_the_people(communes: Communes) -> None:
    from tests.factories import AuthorityFactory

    worker("P-OPEN", communes.a, D(2020, 1, 1))
    spec = services.Spec(
        "move", decision(), (communes.a,), target_authority=AuthorityFactory(code="HP")
    )
    assert services.preview(spec, user=None).people == ()


def test_the_wizard_preview_shows_the_people_who_move(communes: Communes, staff: Any) -> None:
    client = Client()
    client.force_login(UserFactory(role=Role.BOARD_OFFICER, authority=communes.authority))
    response = client.post(
        "/restructuring/new/merge/",
        {
            "units": "XA-A, XA-B",
            "decision_number": "1656/NQ-UBTVQH15",
            "decision_date": "16/06/2025",
            "issuing_body": "Ủy ban Thường vụ Quốc hội",
            "effective_date": "2025-07-01",
            "new_units": "PHUONG-X; Phường X",
        },
    )

    assert "3 cá nhân chuyển sang đơn vị Phường X" in response.content.decode()
    assert Employment.objects.count() == 5
