"""The form partials are shared from core; the old planning names still render them."""

from __future__ import annotations

import pytest
from django import forms
from django.template.loader import render_to_string

pytestmark = [pytest.mark.unit]


class _Form(forms.Form):
    name = forms.CharField(label="Tên")


@pytest.mark.parametrize("app", ["core", "planning"])
def test_a_field_renders_with_its_label_under_either_name(app: str) -> None:
    form = _Form({"name": ""})
    assert not form.is_valid()
    field_html = render_to_string(f"{app}/_field.html", {"field": form["name"]})
    errors_html = render_to_string(f"{app}/_form_errors.html", {"form": form})
    assert ('for="id_name"' in field_html, 'role="alert"' in errors_html) == (True, True)
