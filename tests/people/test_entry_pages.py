"""The entry pages of a person's facts through the client: who sees each button and page (403,
404 outside the scope), what each writes, and bad input shown on the form with nothing written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.people.helpers import D, person
from thidua.audit.models import AuditEvent
from thidua.people import services
from thidua.people.models import (
    Discipline,
    Employment,
    Initiative,
    InitiativeAuthor,
    Person,
    YearRecord,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BUTTONS = {
    "transfer": "Chuyển đơn vị / kết thúc công tác",
    "rating": "Ghi xếp loại năm",
    "discipline": "Ghi kỷ luật",
    "initiative": "Ghi sáng kiến",
}
PAGES = {
    "transfer": "employment",
    "rating": "rating",
    "discipline": "discipline",
    "initiative": "initiative",
}
SHOWN = {
    "admin": {"transfer", "rating", "discipline", "initiative"},
    "board": {"transfer", "rating", "discipline", "initiative"},
    "officer": {"transfer", "rating", "initiative"},
    "leader": {"discipline"},
    "viewer": set(),
    "council": set(),
}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def an(world: World) -> Person:
    return person(world.board, world.member, valid_from=D(2020, 3, 1))


def periods(p: Person) -> list[tuple[str, dt.date, dt.date | None]]:
    rows = Employment.objects.filter(person=p).order_by("valid_from")
    return [(e.organization.name, e.valid_from, e.valid_to) for e in rows]


@pytest.mark.parametrize("persona", sorted(SHOWN))
def test_each_button_and_page_follows_its_permission(
    world: World, an: Person, persona: str
) -> None:
    client = client_for(world.user(persona))
    text = client.get(f"/people/{an.code}/").content.decode()
    for key, label in BUTTONS.items():
        allowed = key in SHOWN[persona]
        assert (f'href="/people/{an.code}/{PAGES[key]}/"' in text) is allowed, (key, label)
        page = client.get(f"/people/{an.code}/{PAGES[key]}/")
        assert page.status_code == (200 if allowed else 403), key
        if allowed:
            assert label in page.content.decode()


@pytest.mark.parametrize("page", sorted(PAGES.values()))
def test_the_pages_are_404_outside_the_scope(world: World, an: Person, page: str) -> None:
    for persona in ("other_board", "outsider", "deputy_officer"):
        client = client_for(world.user(persona))
        assert client.get(f"/people/{an.code}/{page}/").status_code == 404, persona
        assert client.post(f"/people/{an.code}/{page}/", {}).status_code == 404, persona
    assert client_for(world.board).get(f"/people/NO-SUCH/{page}/").status_code == 404


def test_a_transfer_ends_the_period_and_opens_one_at_the_new_unit(world: World, an: Person) -> None:
    response = client_for(world.board).post(
        f"/people/{an.code}/employment/",
        {"ended_on": "2024-12-31", "organization": world.head.code, "position": "Phó phòng"},
        follow=True,
    )

    assert "Đã ghi nhận Nguyễn Văn An công tác tại Văn phòng UBND Thành phố." in (
        response.content.decode()
    )
    assert periods(an) == [
        ("Sở Nội vụ", D(2020, 3, 1), D(2024, 12, 31)),
        ("Văn phòng UBND Thành phố", D(2025, 1, 1), None),
    ]
    new = Employment.objects.get(person=an, valid_to__isnull=True)
    assert (new.category, new.position) == ("civil_servant", "Phó phòng")


def test_a_person_in_two_units_at_once_gets_the_overlap_message_and_nothing_is_written(
    world: World, an: Person
) -> None:
    url = f"/people/{an.code}/employment/"
    client = client_for(world.board)

    without_end = client.post(url, {"organization": world.head.code, "started_on": "2024-01-01"})
    with_end_after = client.post(
        url,
        {"ended_on": "2024-12-31", "organization": world.head.code, "started_on": "2024-06-01"},
    )

    message = (
        "Nguyễn Văn An đang công tác tại Sở Nội vụ từ 01/03/2020: một người chỉ thuộc một "
        "đơn vị tại một thời điểm"
    )
    assert without_end.status_code == 400 and message in without_end.content.decode()
    assert with_end_after.status_code == 400 and "một người chỉ thuộc một đơn vị" in (
        with_end_after.content.decode()
    )
    assert periods(an) == [("Sở Nội vụ", D(2020, 3, 1), None)]  # the end was rolled back too
    assert not AuditEvent.objects.filter(action="people.end_employment").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Hãy nhập ngày kết thúc công tác hoặc chọn đơn vị mới."),
        ({"organization": "NO-UNIT"}, "Không có đơn vị mã “NO-UNIT” trong phạm vi của bạn."),
        ({"ended_on": "2019-01-01"}, "phải từ ngày bắt đầu"),
        ({"organization": "{head}"}, "Hãy nhập ngày bắt đầu công tác tại đơn vị mới."),
    ],
)
def test_bad_transfers_show_the_message_and_write_nothing(
    world: World, an: Person, data: dict[str, str], message: str
) -> None:
    data = {k: v.format(head=world.head.code) for k, v in data.items()}
    response = client_for(world.board).post(f"/people/{an.code}/employment/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert periods(an) == [("Sở Nội vụ", D(2020, 3, 1), None)]


def test_a_unit_officer_ends_a_period_but_cannot_place_someone_in_another_unit(
    world: World, an: Person
) -> None:
    url = f"/people/{an.code}/employment/"
    client = client_for(world.officer)
    refused = client.post(url, {"ended_on": "2024-12-31", "organization": world.head.code})
    assert refused.status_code == 400
    assert "Bạn không có quyền ghi nhận quá trình công tác tại đơn vị." in (
        refused.content.decode()
    )
    assert periods(an) == [("Sở Nội vụ", D(2020, 3, 1), None)]

    ended = client.post(url, {"ended_on": "2024-12-31"}, follow=True)
    assert "Đã kết thúc quá trình công tác của Nguyễn Văn An." in ended.content.decode()
    assert periods(an) == [("Sở Nội vụ", D(2020, 3, 1), D(2024, 12, 31))]
    again = client.post(url, {"ended_on": "2025-01-31"})
    assert "không có quá trình công tác đang mở" in again.content.decode()


def test_a_rating_of_a_future_year_or_a_year_already_rated_is_refused(
    world: World, an: Person
) -> None:
    url = f"/people/{an.code}/rating/"
    client = client_for(world.officer)
    future = timezone.localdate().year + 1
    refused = client.post(url, {"year": future, "rating": 4})
    assert refused.status_code == 400 and f"Năm {future} chưa đến" in refused.content.decode()
    assert client.post(url, {"year": 2023, "rating": 3}).status_code == 302
    again = client.post(url, {"year": 2023, "rating": 4})
    assert "Nguyễn Văn An đã có xếp loại năm 2023: Hoàn thành tốt nhiệm vụ." in (
        again.content.decode()
    )
    assert list(YearRecord.objects.values_list("year", "rating")) == [(2023, 3)]


def test_a_rating_already_recorded_is_corrected_and_audited(world: World, an: Person) -> None:
    services.record_rating(user=world.board, person=an, year=2023, rating="HTT")
    url = f"/people/{an.code}/rating/2023/"
    assert f'href="{url}"' in client_for(world.officer).get(f"/people/{an.code}/").content.decode()
    assert f'href="{url}"' not in (
        client_for(world.viewer).get(f"/people/{an.code}/").content.decode()
    )
    assert client_for(world.viewer).post(url, {"rating": 4}).status_code == 403
    assert client_for(world.board).get(f"/people/{an.code}/rating/2022/").status_code == 404
    bad = client_for(world.officer).post(url, {"rating": 9})
    assert bad.status_code == 400 and YearRecord.objects.get().rating == 3

    response = client_for(world.officer).post(url, {"rating": 4, "months_worked": 12}, follow=True)

    assert "Đã sửa xếp loại năm 2023." in response.content.decode()
    record = YearRecord.objects.get()
    assert (record.rating, record.months_worked) == (4, 12)
    event = AuditEvent.objects.get(action="people.change_rating")
    assert event.before["rating"] == "Hoàn thành tốt nhiệm vụ"
    assert event.after["rating"] == "Hoàn thành xuất sắc nhiệm vụ"


def test_discipline_is_recorded_by_the_leader_and_hidden_from_the_viewer(
    world: World, an: Person
) -> None:
    url = f"/people/{an.code}/discipline/"
    client = client_for(world.leader)
    missing_level = client.post(url, {"kind": "discipline", "effective_from": "2024-03-01"})
    assert missing_level.status_code == 400
    assert "Hãy chọn hình thức kỷ luật." in missing_level.content.decode()
    assert not Discipline.objects.exists()
    assert client_for(world.officer).post(url, {"kind": "pending"}).status_code == 403

    done = client.post(
        url,
        {"kind": "discipline", "level": 2, "decision_ref": "12/QĐ", "effective_from": "2024-03-01"},
        follow=True,
    )

    assert "Đã ghi nhận kỷ luật của Nguyễn Văn An." in done.content.decode()
    assert "Cảnh cáo" in client_for(world.officer).get(f"/people/{an.code}/").content.decode()
    hidden = client_for(world.viewer).get(f"/people/{an.code}/").content.decode()
    assert "Cảnh cáo" not in hidden and "12/QĐ" not in hidden


def test_an_initiative_is_recorded_with_its_co_authors_in_order(world: World, an: Person) -> None:
    other = person(world.board, world.member, code="P-2", name="Trần Thị Bích")
    stranger = person(world.admin, world.outsider_org, code="P-HP", name="Ở Hải Phòng")
    url = f"/people/{an.code}/initiative/"
    data = {
        "code": "SK-2024-01",
        "kind": "initiative",
        "title": "Số hóa hồ sơ thi đua",
        "year": 2024,
        "recognition_ref": "15/QĐ-SNV",
        "recognised_on": "2024-12-20",
        "recognised_by": "Sở Nội vụ",
        "scope": 1,
    }
    client = client_for(world.officer)
    unknown = client.post(url, {**data, "co_authors": f"P-2, {stranger.code}"})
    assert "Không có cá nhân mã “P-HP” trong phạm vi của bạn." in unknown.content.decode()
    twice = client.post(url, {**data, "co_authors": an.code})
    assert "Một tác giả được nêu hai lần." in twice.content.decode()
    assert not Initiative.objects.exists()

    assert client.post(url, {**data, "co_authors": "P-2"}).status_code == 302

    initiative = Initiative.objects.get()
    assert list(
        InitiativeAuthor.objects.filter(initiative=initiative)
        .order_by("order")
        .values_list("person__code", flat=True)
    ) == [an.code, other.code]
    duplicate = client.post(url, {**data, "co_authors": ""})
    assert "Sáng kiến SK-2024-01 đã được công nhận" in duplicate.content.decode()
    assert "Số hóa hồ sơ thi đua" in client.get(f"/people/{other.code}/").content.decode()


def test_the_unit_page_offers_adding_a_person_only_to_those_who_may(world: World) -> None:
    url = f"/people/units/{world.member.pk}/"
    assert 'id="h-add"' in client_for(world.officer).get(url).content.decode()
    assert 'id="h-add"' not in client_for(world.viewer).get(url).content.decode()


def eligibility_link(code: str, award: str) -> str:
    year = timezone.localdate().year - 1
    return (
        f'href="/eligibility/?subject_code={code}&amp;award_code={award}'
        f'&amp;achievement_year={year}"'
    )


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("admin", True),
        ("board", True),
        ("council", True),
        ("officer", True),
        ("leader", True),
        ("viewer", False),
    ],
)
def test_the_eligibility_links_show_to_those_who_may_check(
    world: World, an: Person, persona: str, shown: bool
) -> None:
    text = client_for(world.user(persona)).get(f"/people/{an.code}/").content.decode()
    assert ("Kiểm tra điều kiện khen thưởng" in text) is shown
    for award in ("LDTT", "CSTDCS", "CSTD_TINH", "CSTDTQ", "BK_TINH", "BK_TTG"):
        assert (eligibility_link(an.code, award) in text) is shown, award


def test_the_eligibility_link_opens_the_check_filled_in(world: World, an: Person) -> None:
    year = timezone.localdate().year - 1
    page = client_for(world.board).get(
        "/eligibility/",
        {"subject_code": an.code, "award_code": "LDTT", "achievement_year": year},
    )
    assert page.status_code == 200
    assert page.context["form"].is_valid()


@pytest.mark.parametrize("years", [1, 6])
@pytest.mark.parametrize("persona", ["officer", "council"])
def test_the_person_page_with_its_buttons_and_links_reads_a_constant_number_of_queries(
    world: World, an: Person, years: int, persona: str, django_assert_max_num_queries: Any
) -> None:
    for year in range(2020, 2020 + years):
        services.record_rating(user=world.board, person=an, year=year, rating="HTT")
    client = client_for(world.user(persona))
    with django_assert_max_num_queries(9):
        assert client.get(f"/people/{an.code}/").status_code == 200
