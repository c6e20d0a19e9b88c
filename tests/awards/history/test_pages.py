"""Award history on the unit page ("Khen thưởng", across the lineage) and on the person page
(titles and commendations with the decision): through the client, with query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.awards.history.helpers import D, award, award_type, collective_type, form_type
from tests.conftest import World
from tests.factories import OrganizationFactory, SuccessionFactory
from tests.people.helpers import person
from thidua.awards import history_services

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_unit_page_lists_awards_of_the_unit_and_its_predecessor(world: World) -> None:
    old = OrganizationFactory(
        name="Sở Thông tin và Truyền thông", authority=world.authority, valid_to=D(2025, 2, 28)
    )
    SuccessionFactory(predecessor=old, successor=world.member, effective_date=D(2025, 3, 1))
    kind = collective_type()
    award(world.board, kind, organization=world.member, year=2024, decided_by="Giám đốc Sở")
    old_record = award(world.board, kind, organization=old, year=2022, decision_date=D(2023, 1, 9))
    history_services.revoke_award(
        user=world.board, record=old_record, revoked_on=D(2023, 6, 1), revocation_ref="5/QĐ-UBND"
    )
    page = client_for(world.board).get(f"/organizations/{world.member.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Khen thưởng" in text and "Tập thể lao động tiên tiến (thử)" in text
    assert "QĐ 2024/QĐ-SNV ngày 15/01/2025 — Giám đốc Sở" in text
    assert "Đã thu hồi ngày 01/06/2023 (5/QĐ-UBND)" in text and "badge-revoked" in text
    assert "Sở Thông tin và Truyền thông" in text  # the predecessor's marker
    assert (
        client_for(world.other_board).get(f"/organizations/{world.member.pk}/").status_code == 404
    )


def test_the_person_page_lists_titles_and_commendations_with_the_decision(world: World) -> None:
    p = person(world.board, world.member)
    award(world.board, award_type(), person=p, year=2022)
    revoked = award(world.board, form_type(), person=p, year=2023)
    history_services.revoke_award(
        user=world.board, record=revoked, revoked_on=D(2024, 6, 1), revocation_ref="8/QĐ-UBND"
    )
    page = client_for(world.officer).get(f"/people/{p.code}/")
    text = page.content.decode()
    assert "Danh hiệu thi đua, hình thức khen thưởng" in text
    assert "Chiến sĩ thi đua cơ sở (thử) (Sở Nội vụ)" in text
    assert "QĐ 2022/QĐ-SNV ngày 15/01/2023" in text
    assert "<s>Bằng khen của Chủ tịch UBND tỉnh (thử) (Sở Nội vụ)</s>" in text
    assert client_for(world.outsider).get(f"/people/{p.code}/").status_code == 404


@pytest.mark.parametrize("size", [1, 8])
def test_the_history_sections_read_a_constant_number_of_queries(
    world: World, size: int, django_assert_max_num_queries: Any
) -> None:
    p = person(world.board, world.member, valid_from=D(2010, 1, 1))
    for year in range(2015, 2015 + size):
        award(world.board, award_type(), person=p, year=year)
        award(world.board, collective_type(), organization=world.member, year=year)
    client = client_for(world.board)
    with django_assert_max_num_queries(20):
        assert client.get(f"/people/{p.code}/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(f"/organizations/{world.member.pk}/").status_code == 200
