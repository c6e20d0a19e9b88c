"""The unit picker's field: a unit chosen by its code, within the form's scope."""

from __future__ import annotations

import pytest
from django import forms

from tests.conftest import World
from thidua.core.forms import UnitCodeField
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.django_db]


class PickForm(forms.Form):
    unit = UnitCodeField(queryset=Organization.objects.none(), required=False)

    def __init__(self, *args: object, scope: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["unit"].queryset = scope  # type: ignore[attr-defined]


def test_a_code_in_scope_cleans_to_its_unit(world: World) -> None:
    form = PickForm({"unit": f"  {world.member.code} "}, scope=Organization.objects.all())

    assert form.is_valid(), form.errors
    assert form.cleaned_data["unit"] == world.member


def test_an_unknown_code_is_told_in_vietnamese(world: World) -> None:
    form = PickForm({"unit": "KHONG-CO"}, scope=Organization.objects.all())

    assert not form.is_valid()
    assert form.errors["unit"] == ["Không có đơn vị mã “KHONG-CO” trong phạm vi của bạn."]


def test_a_code_outside_the_scope_is_refused_like_an_unknown_one(world: World) -> None:
    scope = Organization.objects.filter(authority=world.authority)
    form = PickForm({"unit": world.outsider_org.code}, scope=scope)

    assert not form.is_valid()
    assert world.outsider_org.code in form.errors["unit"][0]


def test_an_empty_code_is_no_unit_when_not_required(world: World) -> None:
    form = PickForm({"unit": ""}, scope=Organization.objects.all())

    assert form.is_valid()
    assert form.cleaned_data["unit"] is None


def test_the_initial_unit_is_shown_as_its_code_in_a_text_box(world: World) -> None:
    by_unit = str(PickForm(initial={"unit": world.member}, scope=Organization.objects.all()))
    by_pk = str(PickForm(initial={"unit": world.member.pk}, scope=Organization.objects.all()))

    for html in (by_unit, by_pk):
        assert f'value="{world.member.code}"' in html
        assert 'type="text"' in html
        assert "<option" not in html
