"""Dates typed dd/mm/yyyy are read day-first in every language: forms, admin, API, imports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.test import RequestFactory
from django.utils import translation
from rest_framework import serializers

from thidua.clusters.imports.columns import parse_date
from thidua.legal.models import RuleSet

JULY_FIRST = dt.date(2025, 7, 1)
LANGUAGES = ["vi", "en"]


@pytest.mark.unit
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "typed", ["01/07/2025", "1/7/2025", "2025-07-01", "01-07-2025", "01.07.2025"]
)
def test_a_form_date_field_reads_day_first(language: str, typed: str) -> None:
    with translation.override(language):
        assert forms.DateField().clean(typed) == JULY_FIRST


@pytest.mark.unit
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_datetime_field_reads_day_first(language: str) -> None:
    with translation.override(language):
        value = forms.DateTimeField().clean("01/07/2025 08:30")
    assert (value.date(), value.hour, value.minute) == (JULY_FIRST, 8, 30)


@pytest.mark.unit
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_date_widget_shows_day_first(language: str) -> None:
    with translation.override(language):
        assert 'value="01/07/2025"' in AdminDateWidget().render("d", JULY_FIRST)


@pytest.mark.integration
@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_typed_in_an_admin_form_is_read_day_first(admin_user: Any, language: str) -> None:
    # the admin only lists rule sets (they change through /legal/), but its form reads dates
    # the way every admin form does
    request = RequestFactory().get("/admin/legal/ruleset/add/")
    request.user = admin_user
    form_class = admin.site._registry[RuleSet].get_form(request)
    with translation.override(language):
        form = form_class(
            {"code": "nd-152", "name": "Nghị định 152/2025", "effective_from": "01/07/2025"}
        )
        form.is_valid()
    assert form.cleaned_data["effective_from"] == JULY_FIRST


@pytest.mark.unit
@pytest.mark.parametrize("typed", ["2025-07-01", "01/07/2025"])
def test_the_api_accepts_iso_and_day_first_dates(typed: str) -> None:
    assert serializers.DateField().to_internal_value(typed) == JULY_FIRST


@pytest.mark.unit
def test_the_api_reads_a_day_first_datetime() -> None:
    value = serializers.DateTimeField().to_internal_value("01/07/2025 08:30")
    assert (value.date(), value.hour) == (JULY_FIRST, 8)


@pytest.mark.unit
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_text_date_in_an_imported_cell_is_day_first(language: str) -> None:
    with translation.override(language):
        assert parse_date("01/07/2025") == JULY_FIRST


def _all_form_classes() -> list[type[forms.BaseForm]]:
    import importlib
    import pkgutil

    import thidua

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
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_picker_of_our_forms_shows_the_iso_value_browsers_expect(language: str) -> None:
    """<input type="date"> only takes yyyy-mm-dd; the day-first input format must not leak in."""
    pickers = [
        (form.__name__, name, field)
        for form in _all_form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField) and getattr(field.widget, "input_type", "") == "date"
    ]
    assert pickers
    with translation.override(language):
        wrong = [
            f"{form}.{name}"
            for form, name, field in pickers
            if 'value="2025-07-01"' not in field.widget.render(name, JULY_FIRST)
        ]
    assert wrong == []


@pytest.mark.unit
def test_with_no_language_active_dates_are_still_day_first() -> None:
    with translation.override(None):
        assert forms.DateField().clean("01/07/2025") == JULY_FIRST
