"""The form of a pledge signed on paper at a conference: the conference's date and place, and
one row per member unit that has not signed yet (name, position, date of signing). A row left
empty is a unit that did not sign on paper."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.organizations.models import Organization
from thidua.start_of_year.services.signatures import PaperSignature

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PaperSigningForm(forms.Form):
    conference_date = forms.DateField(label=_("Ngày hội nghị ký kết"), widget=DATE_WIDGET)
    conference_place = forms.CharField(
        label=_("Nơi tổ chức hội nghị"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Hội trường UBND huyện Sóc Sơn."),
    )
    place = forms.CharField(
        label=_("Địa danh ghi trên văn bản"),
        max_length=100,
        required=False,
        help_text=_("Ví dụ: Sóc Sơn (dòng “Sóc Sơn, ngày … tháng … năm …”)."),
    )

    def __init__(self, *args: Any, units: Sequence[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = list(units)
        for unit in self.units:
            self.fields[f"name_{unit.pk}"] = forms.CharField(
                label=_("Họ tên người ký"), max_length=150, required=False
            )
            self.fields[f"position_{unit.pk}"] = forms.CharField(
                label=_("Chức vụ"), max_length=200, required=False
            )
            self.fields[f"signed_on_{unit.pk}"] = forms.DateField(
                label=_("Ngày ký"),
                required=False,
                widget=DATE_WIDGET,
                help_text=_("Để trống: ngày hội nghị."),
            )

    def rows(self) -> list[tuple[Organization, Any, Any, Any]]:
        """(unit, name field, position field, date field) for the template."""
        return [
            (
                unit,
                self[f"name_{unit.pk}"],
                self[f"position_{unit.pk}"],
                self[f"signed_on_{unit.pk}"],
            )
            for unit in self.units
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for unit in self.units:
            name = data.get(f"name_{unit.pk}", "")
            position = data.get(f"position_{unit.pk}", "")
            if bool(name) != bool(position):
                field = f"position_{unit.pk}" if name else f"name_{unit.pk}"
                self.add_error(field, _("Cần ghi cả họ tên và chức vụ người ký."))
        return data

    def signatures(self) -> list[PaperSignature]:
        data = self.cleaned_data
        return [
            PaperSignature(
                organization=unit,
                signer_name=data[f"name_{unit.pk}"],
                signer_position=data[f"position_{unit.pk}"],
                signed_on=data.get(f"signed_on_{unit.pk}"),
            )
            for unit in self.units
            if data.get(f"name_{unit.pk}")
        ]
