"""Award history services: records, revocation (never deleted), collective years, the one use
of an initiative; bad input refused with a Vietnamese message and nothing written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.awards.history.helpers import D, award, award_type, collective_type, form_type
from tests.conftest import World
from tests.people.helpers import person
from thidua.audit.models import AuditEvent
from thidua.awards import history_services
from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse
from thidua.people import services as people_services
from thidua.people.enums import InitiativeScope
from thidua.people.models import Initiative, Person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_a_person_award_keeps_the_unit_of_the_year_and_the_annual_flag(world: World) -> None:
    p = person(world.board, world.member)
    record = award(world.board, award_type(), person=p, decided_by="Giám đốc Sở")
    assert record.unit_at_time == world.member and record.annual is True
    assert record.award_code == "T-CSTDCS"
    assert award(world.board, form_type(), person=p).annual is False
    assert events("awards.record_award") == 2


def test_the_same_annual_title_twice_is_refused_and_writes_nothing(world: World) -> None:
    p = person(world.board, world.member)
    kind = award_type()
    award(world.board, kind, person=p)
    with pytest.raises(ValidationError) as caught:
        award(world.board, kind, person=p, decision_number="99/QĐ")
    assert caught.value.messages == [
        "Nguyễn Văn An đã có Chiến sĩ thi đua cơ sở (thử) năm 2023 (quyết định 2023/QĐ-SNV)."
    ]
    assert AwardRecord.objects.count() == 1 and events("awards.record_award") == 1


def test_a_form_may_be_received_twice_in_a_year(world: World) -> None:
    kind = form_type()
    award(world.board, kind, organization=world.member)
    award(world.board, kind, organization=world.member, decision_number="2/QĐ")
    assert AwardRecord.objects.count() == 2


def test_a_revoked_title_is_kept_and_may_be_given_again(world: World) -> None:
    kind = collective_type()
    first = award(world.board, kind, organization=world.member)
    history_services.revoke_award(
        user=world.board, record=first, revoked_on=D(2024, 6, 1), revocation_ref="7/QĐ-UBND"
    )
    with pytest.raises(PermissionDenied, match="đã bị thu hồi"):
        history_services.revoke_award(
            user=world.board, record=first, revoked_on=D(2024, 7, 1), revocation_ref="8/QĐ"
        )
    award(world.board, kind, organization=world.member, decision_number="3/QĐ")
    assert AwardRecord.objects.count() == 2
    assert events("awards.revoke_award") == 1


def test_bad_input_is_refused_in_vietnamese(world: World) -> None:
    p = person(world.board, world.member)
    kind = award_type()
    future = timezone.localdate().year + 1
    with pytest.raises(ValidationError, match=f"Năm {future} chưa đến"):
        award(world.board, kind, person=p, year=future)
    with pytest.raises(ValidationError, match="số và ngày quyết định"):
        award(world.board, kind, person=p, decision_number="")
    with pytest.raises(ValidationError, match="không dành cho tập thể"):
        award(world.board, kind, organization=world.member)
    with pytest.raises(ValidationError, match="một tập thể hoặc một cá nhân"):
        award(world.board, kind)
    with pytest.raises(ValidationError, match="không công tác tại đơn vị nào trong năm 2001"):
        award(world.board, kind, person=p, year=2001)
    assert AwardRecord.objects.count() == 0


def test_a_press_record_needs_no_decision(world: World) -> None:
    record = award(
        world.board,
        collective_type(),
        organization=world.member,
        year=2020,
        decision_number="",
        decision_date=None,
        source="press",
        source_ref="Bản tin Cụm 7, 2021",
    )
    assert record.decision_number == ""


def test_a_dissolved_unit_is_not_commended_after_its_end(world: World) -> None:
    world.member.valid_to = D(2024, 1, 1)
    world.member.save()
    with pytest.raises(ValidationError, match="đã giải thể ngày 01/01/2024"):
        award(world.board, collective_type(), organization=world.member, year=2023)
    award(
        world.board,
        collective_type(),
        organization=world.member,
        year=2022,
        decision_date=D(2023, 1, 5),
    )


def test_who_may_record_and_revoke(world: World) -> None:
    p = person(world.board, world.member)
    # the unit's officer: grassroots awards of their own unit only
    award(world.officer, award_type(), person=p)
    with pytest.raises(PermissionDenied):
        award(world.officer, form_type(), person=p)
    with pytest.raises(PermissionDenied):
        award(world.other_board, collective_type(), organization=world.member)
    record = AwardRecord.objects.get()
    with pytest.raises(PermissionDenied):
        history_services.revoke_award(
            user=world.officer, record=record, revoked_on=D(2024, 6, 1), revocation_ref="x"
        )
    assert AwardRecord.objects.filter(revoked_on__isnull=False).count() == 0


def test_a_collective_year_counts_within_its_members(world: World) -> None:
    row = history_services.record_collective_year(
        user=world.officer,
        organization=world.member,
        year=2023,
        members=20,
        completed=20,
        ldtt=15,
        cstdcs=3,
    )
    assert row.ldtt == 15
    with pytest.raises(ValidationError, match=r"Số đạt Lao động tiên tiến \(21\) phải từ 0"):
        history_services.record_collective_year(
            user=world.board,
            organization=world.head,
            year=2023,
            members=20,
            completed=20,
            ldtt=21,
            cstdcs=3,
        )
    with pytest.raises(ValidationError, match="đã có số liệu năm 2023"):
        history_services.record_collective_year(
            user=world.board,
            organization=world.member,
            year=2023,
            members=5,
            completed=5,
            ldtt=1,
            cstdcs=0,
        )
    with pytest.raises(PermissionDenied):
        history_services.record_collective_year(
            user=world.outsider,
            organization=world.member,
            year=2022,
            members=5,
            completed=5,
            ldtt=1,
            cstdcs=0,
        )
    assert CollectiveYear.objects.count() == 1 and events("awards.record_collective_year") == 1


def _initiative(world: World, authors: list[Person]) -> Initiative:
    return people_services.record_initiative(
        user=world.board,
        code="SK-2022-01",
        title="Số hoá hồ sơ",
        year=2022,
        authors=authors,
        recognition_ref="45/QĐ-SNV",
        recognised_on=D(2022, 11, 20),
        recognised_by="Sở Nội vụ",
        scope=InitiativeScope.UNIT,
    )


def test_an_initiative_is_used_once(world: World) -> None:
    p = person(world.board, world.member)
    sk = _initiative(world, [p])
    cstdcs = award(world.board, award_type(), person=p, year=2022)
    history_services.use_initiative(
        user=world.officer, initiative=sk, award_record=cstdcs, used_on=D(2023, 1, 15)
    )
    bk = award(world.board, form_type(), person=p, year=2023)
    with pytest.raises(ValidationError) as caught:
        history_services.use_initiative(
            user=world.board, initiative=sk, award_record=bk, used_on=D(2024, 1, 15)
        )
    assert caught.value.messages == [
        "Sáng kiến SK-2022-01 đã dùng cho Chiến sĩ thi đua cơ sở (thử) năm 2022"
    ]
    with pytest.raises(ValidationError, match="đã dùng"):
        history_services.use_initiative(
            user=world.board, initiative=sk, proposal_ref="TT-1/2024", used_on=D(2024, 1, 15)
        )
    assert InitiativeUse.objects.count() == 1 and events("awards.use_initiative") == 1


def test_only_an_author_uses_an_initiative(world: World) -> None:
    author = person(world.board, world.member)
    other = person(world.board, world.member, code="P-002", name="Trần Văn Bảo")
    sk = _initiative(world, [author])
    record = award(world.board, award_type(), person=other, year=2022)
    with pytest.raises(ValidationError, match="Trần Văn Bảo không phải tác giả sáng kiến"):
        history_services.use_initiative(
            user=world.board, initiative=sk, award_record=record, used_on=D(2023, 1, 15)
        )
    assert InitiativeUse.objects.count() == 0
