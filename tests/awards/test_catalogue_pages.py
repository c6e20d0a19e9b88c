"""The catalogue page by date and the administrator's page that adds an order or a medal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.awards import services
from thidua.awards.models import AwardDecider, AwardType
from thidua.awards.selectors import collective_awards_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
PAGE, NEW = "/awards/catalogue/", "/awards/catalogue/new/"


def row(response: Any, code: str) -> Any:
    return next(r for _l, rows in response.context["groups"] for r in rows if r.award.code == code)


def test_the_old_address_leads_to_the_catalogue(client: Client, world: World) -> None:
    client.force_login(world.viewer)
    assert client.get("/awards/").url == PAGE


def test_the_page_shows_who_decides_on_the_chosen_day(client: Client, world: World) -> None:
    client.force_login(world.viewer)
    before = client.get(PAGE, {"on": "2025-06-30"})
    after = client.get(PAGE, {"on": "01/07/2025"})
    assert [d.row.decider for d in row(before, "TTLDTT").deciders] == [
        "head_of_unit",
        "district_chair",
    ]
    assert [d.row.decider for d in row(after, "TTLDTT").deciders] == [
        "head_of_unit",
        "commune_chair",
    ]
    assert "Chủ tịch UBND cấp xã (Điều 59 NĐ 129/2025)" in " ".join(
        after.content.decode().split()
    ).replace("</span>", "").replace('<span class="help">', "")


def test_both_periods_are_shown_where_the_deciding_level_changed(
    client: Client, world: World
) -> None:
    client.force_login(world.viewer)
    response = client.get(PAGE, {"on": "2025-12-01"})
    periods = row(response, "CSTDCS").periods
    assert [(p.start, p.end, current) for p, current in periods] == [
        (dt.date(2024, 1, 1), dt.date(2025, 6, 30), False),
        (dt.date(2025, 7, 1), None, True),
    ]
    assert row(response, "CTD_CP").periods == []
    assert "Theo thời kỳ" in response.content.decode()


def test_the_page_shows_the_reward_with_its_article(client: Client, world: World) -> None:
    client.force_login(world.viewer)
    response = client.get(PAGE, {"on": "2025-12-01"})
    national = row(response, "CSTDTQ")
    assert national.reward == "4,5 × 2.340.000 ₫ = 10.530.000 ₫ (Điều 50 NĐ 152/2025)"
    assert (national.reward_mark, row(response, "CTD_6X").reward_mark) == ("S", "S-mirror")
    assert national.reward in response.content.decode()
    old = row(client.get(PAGE, {"on": "2025-06-30"}), "CSTDTQ")
    assert old.reward.endswith("(Điều 54 NĐ 98/2023)")


def test_local_and_armed_forces_names_share_the_national_reward(
    client: Client, world: World
) -> None:
    client.force_login(world.viewer)
    response = client.get(PAGE, {"on": "2025-12-01"})
    assert row(response, "CTD_TP_HN").reward == row(response, "CTD_TINH").reward
    assert row(response, "DVQT").reward == row(response, "TTLDXS").reward
    assert row(response, "GK").reward == ""


def test_the_default_day_is_today_and_a_bad_day_says_so(client: Client, world: World) -> None:
    client.force_login(world.viewer)
    assert client.get(PAGE).context["is_today"] is True
    response = client.get(PAGE, {"on": "31/02/2025"})
    assert response.status_code == 200
    assert response.context["is_today"] is True
    assert response.context["form"].errors["on"]


def test_the_six_times_flag_is_listed_only_from_decree_152(client: Client, world: World) -> None:
    client.force_login(world.viewer)

    def codes(day: str) -> set[str]:
        groups = client.get(PAGE, {"on": day}).context["groups"]
        return {r.award.code for _label, rows in groups for r in rows}

    assert ("CTD_6X" in codes("2025-06-30"), "CTD_6X" in codes("2025-07-01")) == (False, True)


def grow_catalogue(extra: int) -> None:
    for i in range(extra):
        award = AwardType.objects.create(
            code=f"HC_{i}",
            name=f"Huân chương {i}",
            category="form",
            subject="any",
            level="state",
            deciding_authority="Chủ tịch nước",
            legal_basis="Điều 9",
            effective_from=dt.date(2024, 1, 1),
        )
        AwardDecider.objects.create(
            award_type=award, valid_from=dt.date(2024, 1, 1), decider="president", text="CTN"
        )


@pytest.mark.parametrize("extra", [0, 40])
def test_the_page_costs_the_same_queries_whatever_its_size(
    client: Client, world: World, django_assert_max_num_queries: Any, extra: int
) -> None:
    grow_catalogue(extra)
    client.force_login(world.admin)
    with django_assert_max_num_queries(8):
        response = client.get(PAGE, {"on": "2025-12-01"})
    assert len([r for _l, rows in response.context["groups"] for r in rows]) >= 25 + extra


FORM = {
    "code": "HCLD3",
    "name": "Huân chương Lao động hạng Ba",
    "category": "form",
    "subject": "any",
    "level": "state",
    "deciding_authority": "Chủ tịch nước",
    "decider": "president",
    "article": "Điều 44",
    "legal_basis": "Luật Thi đua, khen thưởng 2022, Điều 44",
    "confidence": "R",
    "effective_from": "01/01/2024",
    "rank": "95",
}


def test_the_administrator_adds_an_order_with_who_decides_it(client: Client, world: World) -> None:
    client.force_login(world.admin)
    response = client.post(NEW, FORM)
    assert response.url == PAGE
    order = AwardType.objects.get(code="HCLD3")
    assert (order.category, order.annual, order.rank) == ("form", False, 95)
    decider = AwardDecider.objects.get(award_type=order)
    assert (decider.decider, decider.valid_from, decider.article, decider.mark) == (
        "president",
        dt.date(2024, 1, 1),
        "Điều 44",
        "R",
    )
    event = AuditEvent.objects.get(action="awards.award_type_added")
    assert (event.actor, event.after["code"], event.after["decider"]) == (
        world.admin,
        "HCLD3",
        "Chủ tịch nước",
    )
    listed = row(client.get(PAGE, {"on": "2025-12-01"}), "HCLD3")
    assert [d.row.decider for d in listed.deciders] == ["president"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"code": "GK"}, "code", "Mã “GK” đã có trong danh mục."),
        ({"code": "hc ld"}, "code", "Mã gồm chữ in hoa"),
        ({"name": "  "}, "name", "bắt buộc"),
        ({"effective_from": "31/02/2024"}, "effective_from", ""),
        ({"decider": "king"}, "decider", ""),
    ],
)
def test_bad_input_changes_nothing(
    client: Client, world: World, change: dict[str, str], field: str, message: str
) -> None:
    client.force_login(world.admin)
    count, deciders = AwardType.objects.count(), AwardDecider.objects.count()
    response = client.post(NEW, {**FORM, **change})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert errors and (message in errors or message == "")
    assert (AwardType.objects.count(), AwardDecider.objects.count()) == (count, deciders)
    assert not AuditEvent.objects.filter(action="awards.award_type_added").exists()


def test_someone_else_is_refused_and_nothing_is_written(client: Client, world: World) -> None:
    client.force_login(world.board)
    assert client.post(NEW, FORM).status_code == 403
    assert not AwardType.objects.filter(code="HCLD3").exists()


def test_the_pages_need_a_sign_in(client: Client) -> None:
    assert client.get(PAGE).url == f"/accounts/login/?next={PAGE}"
    assert client.get(NEW).url == f"/accounts/login/?next={NEW}"


def test_the_service_refuses_values_outside_the_catalogue_and_writes_nothing(
    world: World,
) -> None:
    count = AwardType.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.add_award_type(
            user=world.admin,
            code="HCLD3",
            name="Huân chương Lao động hạng Ba",
            category="medal",
            subject="any",
            level="state",
            deciding_authority="Chủ tịch nước",
            legal_basis="Điều 44",
            confidence="S",
            effective_from=dt.date(2024, 1, 1),
            decider="king",
        )
    assert set(refused.value.message_dict) == {"category", "decider"}
    assert AwardType.objects.count() == count
    assert not AuditEvent.objects.filter(action="awards.award_type_added").exists()


def test_the_administrator_adds_a_local_variant_for_an_authority(
    client: Client, world: World
) -> None:
    client.force_login(world.admin)
    national = AwardType.objects.get(code="TTLDXS")
    local = {
        **FORM,
        "code": "TTLDXS_HP",
        "name": "Tập thể lao động xuất sắc (Hải Phòng)",
        "authority": world.other_authority.pk,
        "variant_of": national.pk,
    }
    assert client.post(NEW, local).url == PAGE
    variant = AwardType.objects.get(code="TTLDXS_HP")
    assert (variant.authority, variant.variant_of) == (world.other_authority, national)
    event = AuditEvent.objects.get(action="awards.award_type_added")
    assert (event.after["authority"], event.after["variant_of"]) == ("HP", "TTLDXS")
    codes = set(
        collective_awards_for(year=2025, authority=world.other_authority).values_list(
            "code", flat=True
        )
    )
    assert ("TTLDXS_HP" in codes, "TTLDXS" in codes) == (True, False)
    body = client.get(PAGE, {"on": "2025-12-01"}).content.decode()
    assert f'badge-deputy">{world.other_authority}</span>' in body


@pytest.mark.parametrize(
    ("change", "field"),
    [({"authority": ""}, "authority"), ({"variant_of": "BK_TP_HN"}, "variant_of")],
)
def test_a_variant_needs_an_authority_and_a_national_row(
    client: Client, world: World, change: dict[str, str], field: str
) -> None:
    client.force_login(world.admin)
    values = {
        **FORM,
        "code": "BK_X",
        "authority": world.authority.pk,
        "variant_of": AwardType.objects.get(code="BK_TINH").pk,
    }
    if "variant_of" in change:
        change = {"variant_of": AwardType.objects.get(code=change["variant_of"]).pk}
    response = client.post(NEW, {**values, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not AwardType.objects.filter(code="BK_X").exists()
