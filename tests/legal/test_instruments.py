"""The instruments (văn bản): listed in scope with the versions citing them, a local one added by
its board officer, and recording an instrument's end closes the local versions citing it in
the same transaction — refused, nothing changed, when a version was used later."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.conftest import World
from tests.factories import AuthorityFactory, AuthoritySuccessionFactory
from tests.legal.helpers import ND152, local_set, national
from thidua.audit.models import AuditEvent
from thidua.awards.history_services import record_award
from thidua.awards.models import AwardType
from thidua.legal import instrument_services as services
from thidua.legal.models import LegalInstrument, RuleSet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def local_instrument(authority: Any, code: str = "QD-86-2025-HN", **kw: Any) -> LegalInstrument:
    values = {
        "kind": "decision",
        "number": "86/2025/QĐ-UBND",
        "short_name": "QĐ 86/2025",
        "title": "Quy định về công tác thi đua, khen thưởng",
        "issuer": "UBND Thành phố",
        "authority": authority,
        "signed_on": D(2025, 12, 1),
        "effective_from": D(2025, 12, 15),
        **kw,
    }
    return LegalInstrument.objects.create(code=code, **values)


def citing(instrument: LegalInstrument, rule_set: RuleSet) -> RuleSet:
    rule_set.instruments.add(instrument)
    return rule_set


def snapshot() -> list[object]:
    sets = list(RuleSet.objects.order_by("pk").values_list("pk", "effective_to"))
    instruments = list(
        LegalInstrument.objects.order_by("pk").values_list("pk", "effective_to", "replaced_by")
    )
    return [*sets, *instruments, AuditEvent.objects.count()]


# ---- the list


def test_the_list_shows_dates_replacements_and_the_versions_citing_each(world: World) -> None:
    instrument = local_instrument(world.authority)
    rule_set = citing(instrument, local_set(world.authority))
    body = client_for(world.viewer).get("/legal/instruments/").content.decode()
    assert "QĐ 86/2025" in body and world.authority.name in body
    assert f'href="/legal/{rule_set.code}/"' in body
    assert f'href="/legal/{ND152}/"' in body  # the national version cites Luật TĐKT 2022
    row = body.split('id="instrument-ND-91-2017"')[1].split("</tr>")[0]
    assert ("NĐ 98/2023" in row, "30/06/2025" not in row, "31/12/2023" in row) == (
        True,
        True,
        True,
    )


def test_a_local_instrument_is_seen_only_in_its_authority(world: World) -> None:
    local_instrument(world.authority)
    outsider = client_for(world.other_board).get("/legal/instruments/").content.decode()
    admin = client_for(world.admin).get("/legal/instruments/").content.decode()
    assert ("QĐ 86/2025" in outsider, "QĐ 86/2025" in admin) == (False, True)
    assert "Luật TĐKT 2022" in outsider


def test_the_list_filters_national_local_and_by_authority(world: World) -> None:
    local_instrument(world.authority)
    local_instrument(world.other_authority, code="QD-1-2026-HP", short_name="QĐ 1/2026 HP")
    client = client_for(world.admin)

    def shown(query: str) -> tuple[bool, bool, bool]:
        body = client.get(f"/legal/instruments/?{query}").content.decode()
        return ("QĐ 86/2025" in body, "QĐ 1/2026 HP" in body, "Luật TĐKT 2022" in body)

    assert shown("scope=national") == (False, False, True)
    assert shown("scope=local") == (True, True, False)
    assert shown(f"authority={world.other_authority.pk}") == (False, True, False)


def test_a_bad_filter_says_so_and_lists_everything(world: World) -> None:
    response = client_for(world.viewer).get("/legal/instruments/?scope=moon&authority=x")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Luật TĐKT 2022" in body and "Hãy chọn một lựa chọn hợp lệ" in body


def test_the_htmx_filter_answers_with_the_results_only(world: World) -> None:
    response = client_for(world.viewer).get(
        "/legal/instruments/?scope=national", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert (body.lstrip().startswith('<div id="results">'), "<h1>" in body) == (True, False)


def test_the_pages_need_a_login(client: Client) -> None:
    assert client.get("/legal/instruments/").url.startswith("/accounts/login/")
    assert client.get("/legal/instruments/new/").url.startswith("/accounts/login/")


def test_the_rule_sets_page_links_to_the_instruments(world: World) -> None:
    body = client_for(world.viewer).get("/legal/").content.decode()
    assert 'href="/legal/instruments/"' in body


def _grow(world: World, n: int) -> None:
    for i in range(n):
        instrument = local_instrument(world.authority, code=f"QD-{i}", short_name=f"QĐ {i}")
        rule_set = local_set(
            world.authority, code=f"local-{i}", start=D(2030 + i, 1, 1), version=i + 1
        )
        RuleSet.objects.filter(pk=rule_set.pk).update(effective_to=D(2030 + i, 12, 31))
        rule_set.instruments.add(instrument)


@pytest.mark.parametrize("size", [1, 12])
def test_the_list_reads_a_constant_number_of_queries(
    world: World, size: int, django_assert_max_num_queries: Any
) -> None:
    _grow(world, size)
    client = client_for(world.board)
    with django_assert_max_num_queries(7):
        response = client.get("/legal/instruments/")
    assert response.content.decode().count("local-") >= size


# ---- adding a local instrument


NEW = {
    "code": "QD-9-2026-HN",
    "kind": "decision",
    "number": "9/2026/QĐ-UBND",
    "short_name": "QĐ 9/2026",
    "title": "Quy định thi đua, khen thưởng",
    "issuer": "UBND Thành phố Hà Nội",
    "signed_on": "2026-01-05",
    "effective_from": "2026-01-15",
    "dates_mark": "S",
}


def test_a_board_officer_adds_a_local_instrument_of_their_authority(world: World) -> None:
    client = client_for(world.board)
    assert 'href="/legal/instruments/new/"' in client.get("/legal/instruments/").content.decode()
    response = client.post("/legal/instruments/new/", {**NEW, "authority": world.authority.pk})
    assert response.url == "/legal/instruments/"
    made = LegalInstrument.objects.get(code="QD-9-2026-HN")
    assert (made.authority, made.effective_from, made.short_name) == (
        world.authority,
        D(2026, 1, 15),
        "QĐ 9/2026",
    )
    event = AuditEvent.objects.get(action="legal.instrument.create")
    assert (event.actor, event.after["Số, ký hiệu"]) == (world.board, "9/2026/QĐ-UBND")


def test_a_board_officer_adds_nothing_for_another_authority(world: World) -> None:
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.create_instrument(
            user=world.other_board, authority=world.authority, **_service_values()
        )
    response = client_for(world.other_board).post(
        "/legal/instruments/new/", {**NEW, "authority": world.authority.pk}
    )
    assert response.status_code == 400  # the form offers only their own authority
    assert snapshot() == before


def _service_values() -> dict[str, Any]:
    values: dict[str, Any] = {k: v for k, v in NEW.items() if k not in {"signed_on"}}
    values["effective_from"] = D(2026, 1, 15)
    return values


@pytest.mark.parametrize("persona", ["officer", "viewer", "outsider"])
def test_other_people_add_no_instrument(world: World, persona: str) -> None:
    client = client_for(world.user(persona))
    assert (
        'href="/legal/instruments/new/"' not in client.get("/legal/instruments/").content.decode()
    )
    assert client.get("/legal/instruments/new/").status_code == 403
    response = client.post("/legal/instruments/new/", {**NEW, "authority": world.authority.pk})
    assert response.status_code == 403
    assert not LegalInstrument.objects.filter(code=NEW["code"]).exists()


def test_only_a_system_admin_adds_a_national_instrument(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.create_instrument(user=world.board, **_service_values())
    response = client_for(world.admin).post("/legal/instruments/new/", NEW)
    assert response.status_code == 302
    assert LegalInstrument.objects.get(code=NEW["code"]).authority is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"code": "LUAT-2022"}, "code", "đã được dùng"),
        ({"effective_to": "2026-01-01"}, "effective_to", "từ ngày có hiệu lực trở đi"),
        ({"effective_from": "2025-12-31"}, "effective_from", "từ ngày ký trở đi"),
        ({"short_name": "  "}, "short_name", "Trường này là bắt buộc"),
        ({"signed_on": "31/31/2026"}, "signed_on", "Nhập một ngày hợp lệ"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_adds_nothing(
    world: World, change: dict[str, str], field: str, message: str
) -> None:
    before = snapshot()
    response = client_for(world.board).post(
        "/legal/instruments/new/", {**NEW, "authority": world.authority.pk, **change}
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert snapshot() == before


def test_the_service_refuses_empty_text_and_unknown_choices(world: World) -> None:
    values = {**_service_values(), "number": " ", "kind": "edict", "dates_mark": "Z"}
    with pytest.raises(ValidationError) as refused:
        services.create_instrument(user=world.admin, **values)
    assert set(refused.value.message_dict) == {"number", "kind", "dates_mark"}


# ---- recording an instrument's end


def test_ending_a_local_instrument_closes_the_local_versions_citing_it(world: World) -> None:
    instrument = local_instrument(world.authority)
    ended_early = citing(instrument, local_set(world.authority, code="earlier"))
    RuleSet.objects.filter(pk=ended_early.pk).update(effective_to=D(2025, 12, 20))
    open_set = citing(instrument, local_set(world.authority, start=D(2025, 12, 21), version=2))
    national_set = national()
    national_set.instruments.add(instrument)
    replacement = local_instrument(world.authority, code="QD-5-2026-HN", short_name="QĐ 5/2026")
    closed = services.end_instrument(
        user=world.board,
        instrument=instrument,
        effective_to=D(2026, 6, 30),
        replaced_by=replacement,
    )
    assert [s.code for s in closed] == [open_set.code]
    open_set.refresh_from_db()
    ended_early.refresh_from_db()
    national_set.refresh_from_db()
    assert (open_set.effective_to, ended_early.effective_to, national_set.effective_to) == (
        D(2026, 6, 30),
        D(2025, 12, 20),
        None,
    )
    instrument.refresh_from_db()
    assert (instrument.effective_to, instrument.replaced_by) == (D(2026, 6, 30), replacement)
    close = AuditEvent.objects.get(action="legal.rule_set.close")
    end = AuditEvent.objects.get(action="legal.instrument.end")
    assert (close.object_id, close.actor, close.after["Nhận hồ sơ"]) == (
        str(open_set.pk),
        world.board,
        "21/12/2025 – 30/06/2026",
    )
    assert end.after["Được thay thế bởi"] == "QĐ 5/2026"
    assert end.after["Bộ quy định hết hiệu lực theo"] == [open_set.code]


def test_the_end_is_refused_when_a_version_was_used_later(world: World) -> None:
    instrument = local_instrument(world.authority)
    rule_set = citing(instrument, local_set(world.authority))
    kind = AwardType.objects.get(code="TTLDTT")
    record_award(
        user=world.admin,
        award_type=kind,
        organization=world.member,
        achievement_year=2025,
        decision_number="12/QĐ-UBND",
        decision_date=D(2026, 8, 1),
        received_on=D(2026, 7, 10),
        rule_set=rule_set,
    )
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        services.end_instrument(
            user=world.admin, instrument=instrument, effective_to=D(2026, 6, 30)
        )
    message = refused.value.messages[0]
    assert rule_set.code in message and "10/07/2026" in message
    assert "khen thưởng ghi trong sổ khen thưởng" in message
    assert snapshot() == before
    closed = services.end_instrument(
        user=world.admin, instrument=instrument, effective_to=D(2026, 7, 10)
    )
    assert [s.code for s in closed] == [rule_set.code]


def test_the_end_is_refused_before_a_version_begins(world: World) -> None:
    instrument = local_instrument(world.authority, effective_from=None)
    citing(instrument, local_set(world.authority, start=D(2026, 1, 1)))
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        services.end_instrument(
            user=world.admin, instrument=instrument, effective_to=D(2025, 12, 31)
        )
    assert "sau ngày bắt đầu" in refused.value.messages[0]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("day", "replaced", "field"),
    [(D(2025, 12, 1), False, "effective_to"), (D(2026, 6, 30), True, "replaced_by")],
)
def test_bad_end_input_is_refused(world: World, day: dt.date, replaced: bool, field: str) -> None:
    instrument = local_instrument(world.authority)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        services.end_instrument(
            user=world.admin,
            instrument=instrument,
            effective_to=day,
            replaced_by=instrument if replaced else None,
        )
    assert set(refused.value.message_dict) == {field}
    assert snapshot() == before


def test_the_end_page_lists_the_versions_and_records_the_end(world: World) -> None:
    instrument = local_instrument(world.authority)
    rule_set = citing(instrument, local_set(world.authority))
    client = client_for(world.board)
    url = f"/legal/instruments/{instrument.code}/end/"
    page = client.get(url).content.decode()
    assert f'href="/legal/{rule_set.code}/"' in page
    list_page = client.get("/legal/instruments/").content.decode()
    assert f'href="{url}"' in list_page
    response = client.post(url, {"effective_to": "2026-06-30"}, follow=True)
    assert "bộ quy định hết hiệu lực theo: bac-ninh-2025" in response.content.decode()
    rule_set.refresh_from_db()
    assert rule_set.effective_to == D(2026, 6, 30)


def test_the_end_page_shows_a_refusal_on_the_form(world: World) -> None:
    instrument = local_instrument(world.authority)
    citing(instrument, local_set(world.authority))
    response = client_for(world.board).post(
        f"/legal/instruments/{instrument.code}/end/", {"effective_to": "2025-12-10"}
    )
    assert response.status_code == 400
    assert "Ngày hết hiệu lực phải từ ngày 15/12/2025" in response.content.decode()


def test_the_end_page_is_404_outside_the_authority_and_403_when_not_theirs(world: World) -> None:
    instrument = local_instrument(world.authority)
    url = f"/legal/instruments/{instrument.code}/end/"
    assert client_for(world.other_board).get(url).status_code == 404
    assert client_for(world.viewer).get(url).status_code == 403
    assert client_for(world.board).get("/legal/instruments/LUAT-2022/end/").status_code == 403
    assert client_for(world.board).get("/legal/instruments/NO-SUCH/end/").status_code == 404
    response = client_for(world.viewer).post(url, {"effective_to": "2026-06-30"})
    assert response.status_code == 403
    instrument.refresh_from_db()
    assert instrument.effective_to is None


def test_a_successor_board_officer_manages_the_predecessors_instrument(world: World) -> None:
    old = AuthorityFactory(name="Hội đồng TĐKT tỉnh cũ")
    AuthoritySuccessionFactory(predecessor=old, successor=world.authority)
    instrument = local_instrument(old)
    assert world.board.has_perm("legal.manage_instruments", instrument)
    assert not world.other_board.has_perm("legal.manage_instruments", instrument)


def test_ending_an_instrument_no_version_cites_closes_nothing(world: World) -> None:
    instrument = local_instrument(world.authority)
    url = f"/legal/instruments/{instrument.code}/end/"
    client = client_for(world.board)
    assert "Không có bộ quy định đã ban hành nào" in client.get(url).content.decode()
    response = client.post(url, {"effective_to": "2026-06-30"}, follow=True)
    assert "Đã ghi ngày hết hiệu lực của văn bản." in response.content.decode()
    assert not AuditEvent.objects.filter(action="legal.rule_set.close").exists()
