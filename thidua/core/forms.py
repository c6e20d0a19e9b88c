"""Form fields every app uses. Only what belongs to no domain: see the README of ``core``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _


class UnitChoiceField(forms.ModelChoiceField):
    """A unit select shows the unit's ``label`` (``Organization.label``: “Sở Nội vụ — HN-SNV ·
    Hà Nội”), so units of the same name are told apart. Give it a queryset with
    ``select_related("authority")`` (``clusters.selectors.units_active_in_year`` and
    ``cluster_year_units`` do). Lives in ``core`` so that every app, ``accounts`` included, uses
    this one label."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)

    def offer(self, units: Iterable[Any]) -> None:
        """Show ``units``, already loaded by the page (same order, same labels as the queryset),
        instead of querying the queryset each time the select is drawn; the queryset still
        checks a posted choice."""
        empty = [] if self.empty_label is None else [("", self.empty_label)]
        self.choices = [*empty, *((unit.pk, self.label_from_instance(unit)) for unit in units)]


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several units, each shown by its ``label`` (see ``UnitChoiceField``)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class UnitPickerInput(forms.TextInput):
    """The unit's code typed in a text box, with a search box under it (htmx, ``search_url``)
    whose results set the code (``data-set-code`` in ``core/js/thidua.js``). Without JavaScript
    the code is typed; without ``search_url`` there is no search box."""

    template_name = "core/widgets/unit_picker.html"

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        search_url: Any = "",
        search_params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.search_url = search_url
        self.search_params = dict(search_params or {})  # e.g. {"year": 2024}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["search_url"] = str(self.search_url) if self.search_url else ""
        # The search tells which field its "Chọn" buttons fill (``data-set-to``).
        widget["search_vals"] = json.dumps(
            {**self.search_params, "field": widget["attrs"].get("id", name)}
        )
        return context


class UnitCodeField(forms.Field):
    """A unit chosen by its code, for lists of units that may be long (a system administrator
    sees every unit of the country): a text box and a search instead of a select of thousands of
    options. Cleans to the ``Organization`` of that code within ``queryset`` (the scope: a code
    outside it is refused as unknown); an initial ``Organization`` or pk is shown as its code.
    The services still check the scope."""

    widget = UnitPickerInput
    default_error_messages = {
        "not_found": _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn."),
    }

    def __init__(self, *, queryset: QuerySet[Any], search_url: Any = "", **kwargs: Any) -> None:
        kwargs.setdefault("widget", UnitPickerInput(search_url=search_url))
        super().__init__(**kwargs)
        self.queryset = queryset

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Model):
            return getattr(value, "code", value)
        if isinstance(value, int):
            return self.queryset.filter(pk=value).values_list("code", flat=True).first() or ""
        return value

    def to_python(self, value: Any) -> Any:
        code = str(value or "").strip()
        if code in self.empty_values:
            return None
        found = (
            self.queryset.filter(code=code).first()
            or self.queryset.filter(code__iexact=code).first()
        )
        if found is None:
            raise ValidationError(self.error_messages["not_found"], "not_found", {"code": code})
        return found

    def has_changed(self, initial: Any, data: Any) -> bool:
        return str(self.prepare_value(initial) or "") != str(data or "").strip()


class PlainSelect(forms.Select):
    """A select rendered in Python, to the character the HTML of Django's ``Select`` (its
    ``select.html``, ``select_option.html`` and ``attrs.html`` templates), without two template
    includes per option: the filter selects of the long lists (``/clusters/``: ~50 options on
    every request). Escaping is ``format_html``'s, as the templates' autoescape."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    str(option["value"]),
                    _attrs(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """Django's ``attrs.html``: `` name="value"``, a bare `` name`` for True, nothing for False."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )
