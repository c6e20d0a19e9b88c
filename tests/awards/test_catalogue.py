"""The award catalogue: data from the law (and Hà Nội's variants), a read-only page and API."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import AuthorityFactory
from thidua.audit.models import AuditEvent
from thidua.awards.catalogue import CATALOGUE, authority_for
from thidua.awards.models import AwardType
from thidua.awards.selectors import collective_awards_for
from thidua.awards.services import load_award_catalogue

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def loaded(world: World) -> None:
    """The catalogue with Hà Nội's local variants (they belong to ``world.authority``)."""
    load_award_catalogue()


def test_catalogue_has_every_title_and_form_of_the_brief(loaded: None) -> None:
    codes = set(AwardType.objects.values_list("code", flat=True))
    assert {
        "CTD_CP",
        "CTD_TINH",
        "CTD_XS_HN",
        "BK_TINH",
        "BK_TTG",
        "TTLDXS",
        "TTLDTT",
        "CSTDCS",
        "LDTT",
        "GK",
    } <= codes
    assert AwardType.objects.count() == len(CATALOGUE)


def test_government_flag_row_carries_its_legal_basis_and_authority(loaded: None) -> None:
    flag = AwardType.objects.get(code="CTD_CP")
    assert (flag.name, flag.category, flag.subject, flag.level, flag.deciding_authority) == (
        "Cờ thi đua của Chính phủ",
        "title",
        "collective",
        "government",
        "Thủ tướng Chính phủ",
    )
    assert flag.legal_basis.startswith("Luật Thi đua, khen thưởng 2022, Điều 25")


def test_loading_the_catalogue_twice_creates_nothing(loaded: None) -> None:
    before = AwardType.objects.count()
    assert load_award_catalogue() == (0, 0)
    assert AwardType.objects.count() == before
    assert AuditEvent.objects.filter(action="awards.catalogue.load").count() == 0


def test_a_changed_row_is_updated_in_place(loaded: None) -> None:
    AwardType.objects.filter(code="LDTT").update(name="Sai tên")
    assert load_award_catalogue() == (0, 1)
    assert AwardType.objects.get(code="LDTT").name == "Lao động tiên tiến"
    assert AuditEvent.objects.filter(action="awards.catalogue.load").count() == 1


def test_hanoi_variants_replace_the_national_provincial_flag_for_hanoi_clusters(
    world: World, loaded: None
) -> None:
    def codes(authority: Any) -> set[str]:
        return set(
            collective_awards_for(year=2021, authority=authority).values_list("code", flat=True)
        )

    hanoi, elsewhere = codes(world.authority), codes(world.other_authority)
    assert ("CTD_XS_HN" in hanoi, "CTD_TP_HN" in hanoi, "CTD_TINH" in hanoi) == (True, True, False)
    assert ("CTD_XS_HN" in elsewhere, "CTD_TINH" in elsewhere) == (False, True)
    assert ("BK_TP_HN" in hanoi, "BK_TINH" in hanoi) == (True, False)
    assert codes(None) == elsewhere


def test_the_variants_of_a_province_apply_to_the_commune_councils_under_it(
    world: World, loaded: None
) -> None:
    commune = AuthorityFactory(level="commune", parent=world.authority, name="Hội đồng phường X")
    codes = set(collective_awards_for(year=2021, authority=commune).values_list("code", flat=True))
    assert ("CTD_TP_HN" in codes, "CTD_TINH" in codes) == (True, False)


def test_units_register_only_collective_titles_and_forms_in_force_that_year(loaded: None) -> None:
    in_2020 = set(collective_awards_for(year=2020, authority=None).values_list("code", flat=True))
    in_2024 = set(collective_awards_for(year=2024, authority=None).values_list("code", flat=True))
    assert {"LDTT", "CSTDCS", "CSTDTQ", "GD_VH", "HUY_CHUONG"} & in_2020 == set()
    assert ("XA_TIEU_BIEU" in in_2020, "XA_TIEU_BIEU" in in_2024) == (False, True)


def test_the_migration_leaves_no_variant_without_its_authority(db: Any) -> None:
    """A fresh database has no Hà Nội council: the migration dropped its unused variants rather
    than leave them national."""
    assert not AwardType.objects.filter(variant_of__isnull=False, authority=None).exists()
    assert AwardType.objects.filter(authority=None).count() == len(CATALOGUE) - 3


def test_a_local_variant_waits_for_its_authority(db: Any) -> None:
    """Without Hà Nội's council the variants are not loaded (nor national); they come with it."""
    load_award_catalogue()
    assert not AwardType.objects.filter(code__endswith="_HN").exists()
    hanoi = AuthorityFactory(name="Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội")
    assert load_award_catalogue() == (3, 0)
    assert set(AwardType.objects.filter(authority=hanoi).values_list("code", flat=True)) == {
        "CTD_XS_HN",
        "CTD_TP_HN",
        "BK_TP_HN",
    }


@pytest.mark.parametrize(
    ("authorities", "expected"),
    [
        ([("Hội đồng TĐKT Thành phố Hà Nội", "province", "")], 0),
        ([("Hội đồng TĐKT tỉnh Hà Nam", "province", "Hà Nội")], 0),  # the old province text
        ([("Hội đồng TĐKT tỉnh Hà Nam", "province", "Hà Nam")], None),
        ([("Hội đồng phường Hà Nội", "commune", ""), ("HĐ TĐKT  hà  nội", "province", "")], 1),
        ([], None),
    ],
)
def test_a_place_is_mapped_to_the_authority_whose_name_ends_with_it(
    authorities: list[tuple[str, str, str]], expected: int | None
) -> None:
    rows = [
        SimpleNamespace(pk=i, name=name, level=level, province=province, valid_to=None)
        for i, (name, level, province) in enumerate(authorities)
    ]
    found = authority_for("Hà Nội", rows)
    assert (found.pk if found else None) == expected
    assert authority_for("", rows) is None


def test_the_excellent_flag_ranks_between_the_city_flag_and_the_government_flag(
    loaded: None,
) -> None:
    ranks = dict(AwardType.objects.values_list("code", "rank"))
    assert ranks["CTD_TP_HN"] < ranks["CTD_XS_HN"] < ranks["CTD_CP"]


def test_catalogue_page_lists_titles_then_forms_for_any_signed_in_user(
    client: Client, world: World, loaded: None
) -> None:
    client.force_login(world.viewer)
    response = client.get("/awards/catalogue/")
    groups = response.context["groups"]
    assert [label for label, _rows in groups] == ["Danh hiệu thi đua", "Hình thức khen thưởng"]
    assert groups[0][1][0].award.code == "CTD_CP"
    assert "Cờ thi đua xuất sắc của UBND Thành phố" in response.content.decode()


def test_catalogue_page_filters_by_category_and_subject(
    client: Client, world: World, loaded: None
) -> None:
    client.force_login(world.officer)
    response = client.get("/awards/catalogue/", {"category": "title", "subject": "individual"})
    codes = [r.award.code for _label, rows in response.context["groups"] for r in rows]
    assert codes == ["CSTDTQ", "CSTD_TINH", "CSTDCS", "LDTT", "CSTT"]


def test_catalogue_page_needs_login(client: Client, loaded: None) -> None:
    assert client.get("/awards/catalogue/").url == "/accounts/login/?next=/awards/catalogue/"


def test_award_types_api_lists_the_catalogue(client: Client, world: World, loaded: None) -> None:
    client.force_login(world.officer)
    data = client.get("/api/v1/award-types/", {"category": "form"}).json()
    assert [row["code"] for row in data][:3] == ["DHVD", "GIAI_THUONG", "HUAN_CHUONG"]
    variant = next(r for r in data if r["code"] == "BK_TP_HN")
    assert (variant["variant_of"], variant["authority"]) == ("BK_TINH", "HN")
    assert next(r for r in data if r["code"] == "BK_TINH")["authority"] is None
