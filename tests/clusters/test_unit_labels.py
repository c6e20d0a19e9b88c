"""Units of the same name (every province has a “Sở Nội vụ”) are told apart by code and place."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import thidua
from tests.conftest import World
from tests.factories import AuthorityFactory, ClusterMembershipFactory, OrganizationFactory
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.django_db]

YEAR_URL = "/clusters/HN-C06/2023/"


def _two_noi_vu(world: World) -> None:
    OrganizationFactory(
        code="HN-SNV", name="Sở Nội vụ", province="Hà Nội", authority=world.authority
    )
    OrganizationFactory(
        code="HP-SNV", name="Sở Nội vụ", province="Hải Phòng", authority=world.other_authority
    )


def options(html: str, select_name: str) -> list[str]:
    select = re.search(rf'<select name="{select_name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, select_name
    return [text.strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", select[1])]


@pytest.mark.unit
def test_a_units_label_has_its_code_and_province(world: World) -> None:
    unit = OrganizationFactory.build(code="HN-SNV", name="Sở Nội vụ", province="Hà Nội")

    assert unit.label == "Sở Nội vụ — HN-SNV · Hà Nội"


@pytest.mark.unit
def test_without_a_province_the_label_names_the_authority(world: World) -> None:
    authority = AuthorityFactory(code="TW", name="Hội đồng TĐKT Trung ương", short_name="HĐTW")
    unit = OrganizationFactory(code="BNV", name="Bộ Nội vụ", province="", authority=authority)

    assert unit.label == "Bộ Nội vụ — BNV · HĐTW"
    assert OrganizationFactory.build(
        code="X", name="Đơn vị X", province="", authority=None
    ).label == ("Đơn vị X — X")


@pytest.mark.integration
def test_the_member_picker_tells_apart_units_of_the_same_name(client: Client, world: World) -> None:
    """The “Thêm thành viên” picker is a code with a search (``core.forms.UnitCodeField``): its
    results are labelled like the selects."""
    _two_noi_vu(world)
    client.force_login(world.admin)

    assert 'name="add-organization"' in client.get(YEAR_URL).content.decode()
    html = client.get("/organizations/search/", {"q": "so noi vu", "field": "x"}).content.decode()
    offered = [text.strip() for text in re.findall(r"</code> — ([^<]*)</li>", html)]

    assert "Sở Nội vụ — HN-SNV · Hà Nội" in offered
    assert "Sở Nội vụ — HP-SNV · Hải Phòng" in offered
    assert "Sở Nội vụ" not in offered


@pytest.mark.integration
def test_head_deputy_and_remove_selects_show_labels(client: Client, world: World) -> None:
    client.force_login(world.board)
    html = client.get(YEAR_URL).content.decode()

    member = world.member.label
    assert member in options(html, "head")
    assert member in options(html, "deputy")
    assert member in options(html, "remove-organization")


@pytest.mark.integration
def test_the_unit_list_shows_the_place_of_units_of_the_same_name(
    client: Client, world: World
) -> None:
    _two_noi_vu(world)
    client.force_login(world.admin)

    html = client.get("/organizations/", {"q": "so noi vu"}).content.decode()

    assert re.search(r"HN-SNV</td>\s*<td>Hà Nội</td>", html)
    assert re.search(r"HP-SNV</td>\s*<td>Hải Phòng</td>", html)


@pytest.mark.integration
def test_the_member_table_shows_code_and_place(client: Client, world: World) -> None:
    client.force_login(world.officer)
    html = client.get(YEAR_URL).content.decode()

    assert f"{world.member.code} · {world.member.place}" in html


@pytest.mark.integration
@pytest.mark.parametrize("extra_units", [1, 10])
def test_unit_list_query_count_does_not_grow_with_units_without_province(
    client: Client, world: World, django_assert_num_queries: Any, extra_units: int
) -> None:
    for _ in range(extra_units):
        OrganizationFactory(province="", authority=world.authority)
    client.force_login(world.admin)
    with django_assert_num_queries(4):
        response = client.get("/organizations/")
    assert len(response.context["page"].object_list) >= extra_units


# Placeholder ``Organization.objects.none()`` querysets replaced in ``__init__`` by something else.
NOT_UNIT_SELECTS: set[str] = set()


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(thidua.__path__, "thidua."):
        if module.name.rsplit(".", 1)[-1].endswith("forms"):
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type[forms.BaseForm]] = [forms.Form]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("thidua."):
                found.append(sub)
    return found


@pytest.mark.unit
def test_every_unit_select_of_our_forms_shows_the_one_label(world: World) -> None:
    """Every unit select of every form shows ``Organization.label`` (``core.forms.UnitChoiceField``),
    not the bare name nor a label of its own. A unit picked by code (``UnitCodeField``) has no
    options: its search results show the label (``tests/clusters/test_unit_picker.py``)."""
    unit = OrganizationFactory(code="HN-SNV", name="Sở Nội vụ", province="Hà Nội")
    plain = [
        f"{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
        and field.queryset is not None
        and field.queryset.model is Organization
        and not isinstance(field.widget, forms.HiddenInput)
        and f"{form.__name__}.{name}" not in NOT_UNIT_SELECTS
        and field.label_from_instance(unit) != "Sở Nội vụ — HN-SNV · Hà Nội"
    ]
    assert plain == []


@pytest.mark.integration
def test_the_picker_with_labels_keeps_the_page_query_count(client: Client, world: World) -> None:
    """Units without a province are labelled by their authority: loaded with them, not one by one."""
    client.force_login(world.board)

    def queries_with(extra: int) -> int:
        for _ in range(extra):
            ClusterMembershipFactory(cluster_year=world.cy, organization__province="")
            OrganizationFactory(province="")  # a candidate of the picker, without a province
        with CaptureQueriesContext(connection) as captured:
            assert client.get(YEAR_URL).status_code == 200
        return len(captured)

    assert queries_with(1) == queries_with(9)


@pytest.mark.integration
def test_the_api_gives_each_unit_its_label(client: Client, world: World) -> None:
    _two_noi_vu(world)
    client.force_login(world.admin)

    results = client.get("/api/v1/organizations/", {"q": "so noi vu"}).json()["results"]

    assert {r["label"] for r in results} >= {
        "Sở Nội vụ — HN-SNV · Hà Nội",
        "Sở Nội vụ — HP-SNV · Hải Phòng",
    }
