"""The helpers that render long lists without a template include or a ``reverse()`` per row
give the same HTML and addresses as what they replace."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.template import engines
from django.urls import NoReverseMatch, reverse

from thidua.core.forms import PlainSelect
from thidua.core.urlfill import url_filler
from thidua.organizations.models import Authority

CHOICES = [("", "Tất cả"), ("cluster", "Cụm"), ("a&b", 'Khối "<số 1>"'), (2024, "2024")]
GROUPED = [("", "Tất cả"), ("Miền Bắc", [("HN", "Hà Nội"), ("HP", "Hải Phòng")]), ("x", "X")]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, "", "a&b", 2024, "HP", "not offered"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_kind"}, {"aria-invalid": "true", "x": False}])
def test_plain_select_renders_the_html_of_django_select(
    choices: list[Any], value: Any, attrs: dict[str, Any] | None
) -> None:
    expected = forms.Select(choices=choices).render("kind", value, attrs=attrs)
    assert PlainSelect(choices=choices).render("kind", value, attrs=attrs) == expected


class _Filter(forms.Form):
    authority = forms.ModelChoiceField(
        queryset=Authority.objects.order_by("code"), required=False, empty_label="Tất cả"
    )
    year = forms.TypedChoiceField(choices=[("", "Tất cả"), (2024, "2024")], coerce=int)


@pytest.mark.django_db
@pytest.mark.parametrize("data", [None, {"year": "2024"}, {"year": "1999", "authority": "x"}])
def test_plain_select_in_a_bound_form_matches_select(data: dict[str, str] | None) -> None:
    Authority.objects.create(code="HN", name="Hà Nội <TP>")
    Authority.objects.create(code="HP", name="Hải Phòng")

    class Plain(_Filter):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                field.widget = PlainSelect(choices=field.widget.choices)

    plain, django_form = Plain(data), _Filter(data)
    if data:  # errors make aria-invalid
        assert plain.is_valid() == django_form.is_valid()
    template = engines["django"].from_string("{{ form.authority }}|{{ form.year }}")
    assert template.render({"form": plain}) == template.render({"form": django_form})


@pytest.mark.parametrize(
    ("viewname", "kwargs"),
    [
        ("clusters:year", {"code": "HN-C06", "year": 2024}),
        ("clusters:year", {"code": "Hà Nội 1", "year": 7}),
        ("organizations:detail", {"pk": 42}),
    ],
)
def test_url_filler_gives_the_address_reverse_gives(viewname: str, kwargs: dict[str, Any]) -> None:
    assert url_filler(viewname, *kwargs)(**kwargs) == reverse(viewname, kwargs=kwargs)


def test_url_filler_refuses_an_argument_the_view_does_not_take() -> None:
    with pytest.raises(NoReverseMatch):
        url_filler("organizations:detail", "code")
