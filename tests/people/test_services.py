"""The people services: what they write, what they refuse (in Vietnamese, writing nothing)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.conftest import World
from tests.people.helpers import D, person
from thidua.audit.models import AuditEvent
from thidua.people import services
from thidua.people.enums import DisciplineLevel, InitiativeScope, TaskRating
from thidua.people.models import Discipline, Employment, Initiative, Person, YearRecord

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_a_new_person_gets_a_first_period_and_one_audit_event(world: World) -> None:
    p = person(world.officer, world.member, name="Nguyễn Thị Bình")
    employment = p.employments.get()
    assert employment.organization == world.member and employment.valid_to is None
    assert p.search_text.strip() == "nguyen thi binh p-001"
    assert events("people.create_person") == 1


def test_a_duplicate_code_is_refused_and_writes_nothing(world: World) -> None:
    person(world.board, world.member)
    with pytest.raises(ValidationError, match="Mã cá nhân P-001 đã có"):
        person(world.board, world.head, name="Khác")
    assert Person.objects.count() == 1 and Employment.objects.count() == 1


def test_a_person_in_two_units_at_once_is_refused_with_the_message(world: World) -> None:
    p = person(world.board, world.member, valid_from=D(2020, 3, 1))
    with pytest.raises(ValidationError) as caught:
        services.record_employment(
            user=world.board,
            person=p,
            organization=world.head,
            category="civil_servant",
            valid_from=D(2024, 1, 1),
        )
    assert caught.value.messages == [
        "Nguyễn Văn An đang công tác tại Sở Nội vụ từ 01/03/2020: một người chỉ thuộc một "
        "đơn vị tại một thời điểm"
    ]
    assert Employment.objects.count() == 1
    assert events("people.record_employment") == 0


def test_a_move_after_ending_the_period_is_accepted(world: World) -> None:
    p = person(world.board, world.member, valid_from=D(2020, 3, 1))
    services.end_employment(
        user=world.board, employment=p.employments.get(), valid_to=D(2023, 12, 31)
    )
    services.record_employment(
        user=world.board,
        person=p,
        organization=world.head,
        category="civil_servant",
        valid_from=D(2024, 1, 1),
    )
    assert [e.organization for e in p.employments.order_by("valid_from")] == [
        world.member,
        world.head,
    ]
    assert events("people.end_employment") == 1
    assert events("people.record_employment") == 1


def test_an_ended_period_cannot_end_again_nor_before_it_began(world: World) -> None:
    p = person(world.board, world.member, valid_from=D(2020, 3, 1))
    employment = p.employments.get()
    with pytest.raises(ValidationError, match="phải từ ngày bắt đầu"):
        services.end_employment(user=world.board, employment=employment, valid_to=D(2019, 1, 1))
    services.end_employment(user=world.board, employment=employment, valid_to=D(2021, 1, 1))
    with pytest.raises(ValidationError, match="đã kết thúc ngày 01/01/2021"):
        services.end_employment(user=world.board, employment=employment, valid_to=D(2022, 1, 1))


def test_a_rating_keeps_the_unit_of_31_december(world: World) -> None:
    p = person(world.board, world.member, valid_from=D(2020, 1, 1))
    services.end_employment(
        user=world.board, employment=p.employments.get(), valid_to=D(2022, 6, 30)
    )
    services.record_employment(
        user=world.board,
        person=p,
        organization=world.head,
        category="cadre",
        valid_from=D(2022, 7, 1),
    )
    record = services.record_rating(user=world.board, person=p, year=2022, rating="HTXS")
    assert record.organization == world.head and record.rating == TaskRating.EXCELLENT
    assert (
        services.record_rating(user=world.board, person=p, year=2021, rating="htt").organization
        == world.member
    )
    assert events("people.record_rating") == 2


def test_a_future_year_is_refused_and_writes_nothing(world: World) -> None:
    p = person(world.board, world.member)
    future = timezone.localdate().year + 1
    with pytest.raises(ValidationError, match=f"Năm {future} chưa đến"):
        services.record_rating(user=world.board, person=p, year=future, rating="HTT")
    assert YearRecord.objects.count() == 0
    assert events("people.record_rating") == 0


def test_a_second_rating_of_a_year_and_a_bad_rating_are_refused(world: World) -> None:
    p = person(world.board, world.member)
    services.record_rating(user=world.board, person=p, year=2023, rating="HT")
    with pytest.raises(ValidationError, match="đã có xếp loại năm 2023: Hoàn thành nhiệm vụ"):
        services.record_rating(user=world.board, person=p, year=2023, rating="HTXS")
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.record_rating(user=world.board, person=p, year=2022, rating="giỏi")
    with pytest.raises(ValidationError, match="không công tác tại đơn vị nào trong năm 2010"):
        services.record_rating(user=world.board, person=p, year=2010, rating="HT")
    assert YearRecord.objects.count() == 1


def test_discipline_needs_a_level_and_is_recorded_by_the_leader(world: World) -> None:
    p = person(world.board, world.member)
    with pytest.raises(ValidationError, match="hình thức kỷ luật"):
        services.record_discipline(
            user=world.leader, person=p, kind="discipline", effective_from=D(2023, 5, 1)
        )
    row = services.record_discipline(
        user=world.leader,
        person=p,
        kind="discipline",
        level=DisciplineLevel.WARNING,
        effective_from=D(2023, 5, 1),
        decision_ref="12/QĐ-SNV",
    )
    assert row.get_level_display() == "Cảnh cáo"
    with pytest.raises(PermissionDenied):  # the unit officer does not record discipline
        services.record_discipline(
            user=world.officer, person=p, kind="pending", effective_from=D(2024, 1, 1)
        )
    assert Discipline.objects.count() == 1 and events("people.record_discipline") == 1


def initiative(
    world: World, authors: list[Person], code: str = "SK-2023-01", **kw: object
) -> Initiative:
    return services.record_initiative(
        user=kw.pop("user", world.board),
        code=code,
        title="Số hoá hồ sơ thi đua",
        year=kw.pop("year", 2023),
        authors=authors,
        recognition_ref="45/QĐ-SNV",
        recognised_on=D(2023, 11, 20),
        recognised_by="Sở Nội vụ",
        scope=InitiativeScope.PROVINCE,
    )


def test_an_initiative_is_recorded_once_with_its_authors(world: World) -> None:
    a = person(world.board, world.member)
    b = person(world.board, world.member, code="P-002", name="Trần Văn Bảo")
    made = initiative(world, [a, b])
    assert list(made.authors.order_by("code")) == [a, b]
    with pytest.raises(ValidationError, match="SK-2023-01 đã được công nhận"):
        initiative(world, [a])
    with pytest.raises(ValidationError, match="chưa đến"):
        initiative(world, [a], code="SK-X", year=timezone.localdate().year + 1)
    assert Initiative.objects.count() == 1 and events("people.record_initiative") == 1


def test_people_of_a_dissolved_unit_take_no_new_person(world: World) -> None:
    world.member.valid_to = D(2025, 3, 1)
    world.member.save()
    with pytest.raises(PermissionDenied, match="đã giải thể ngày 01/03/2025"):
        person(world.board, world.member)
    assert Person.objects.count() == 0


def test_a_transfer_after_retirement_keeps_the_last_category(world: World) -> None:
    p = person(world.board, world.member, valid_from=D(2020, 3, 1), category="public_employee")
    assert services.transfer_person(user=world.board, person=p, ended_on=D(2023, 12, 31)) is None

    again = services.transfer_person(
        user=world.board, person=p, organization=world.head, started_on=D(2025, 2, 1)
    )

    assert again is not None
    assert (again.organization, again.category, again.valid_to) == (
        world.head,
        "public_employee",
        None,
    )
    assert events("people.end_employment") == 1 and events("people.record_employment") == 1


def test_a_rating_is_corrected_only_by_those_who_may_record_it(world: World) -> None:
    p = person(world.board, world.member)
    record = services.record_rating(user=world.board, person=p, year=2023, rating="HT")
    with pytest.raises(PermissionDenied):
        services.change_rating(user=world.viewer, record=record, rating="HTXS")
    with pytest.raises(ValidationError, match="Mức xếp loại “XX” không hợp lệ"):
        services.change_rating(user=world.board, record=record, rating="XX")
    with pytest.raises(ValidationError, match="Số tháng công tác từ 0 đến 12"):
        services.change_rating(user=world.board, record=record, rating="HTT", months_worked=13)
    assert YearRecord.objects.get().rating == TaskRating.DONE
    assert events("people.change_rating") == 0

    services.change_rating(user=world.officer, record=record, rating="HTT", months_worked=10)

    assert (YearRecord.objects.get().rating, YearRecord.objects.get().months_worked) == (3, 10)
    assert events("people.change_rating") == 1
