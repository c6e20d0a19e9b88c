"""The wizard's form and the import form (input validation only; the services write)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.clusters.forms import ImportForm
from thidua.organizations.models import Authority
from thidua.restructuring.enums import RestructuringKind
from thidua.restructuring.plan import Decision, NewUnit

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CODES_HELP = _("Mã đơn vị, cách nhau bởi dấu phẩy hoặc xuống dòng; tìm mã ở ô tìm kiếm bên dưới.")


def split_codes(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", text or "") if code]


class RestructuringForm(forms.Form):
    units = forms.CharField(
        label=_("Đơn vị cũ (mã)"), widget=forms.Textarea(attrs={"rows": 2}), help_text=CODES_HELP
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    effective_date = forms.DateField(
        label=_("Ngày hiệu lực"),
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        help_text=_("Đơn vị cũ hoạt động đến hết ngày hôm trước."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    successors = forms.CharField(
        label=_("Đơn vị có sẵn tiếp nhận (mã)"),
        required=False,
        help_text=_(
            "Sáp nhập vào một đơn vị đang hoạt động, hoặc chia tách cho các đơn vị có sẵn."
        ),
    )
    new_units = forms.CharField(
        label=_("Đơn vị mới"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "NB-P-HOALU; Phường Hoa Lư"}),
        help_text=_(
            "Mỗi dòng một đơn vị: mã; tên. Đơn vị mới thuộc cùng cơ quan, cùng loại với đơn vị cũ."
        ),
    )
    target_authority = forms.ModelChoiceField(
        label=_("Cơ quan quản lý mới"),
        required=False,
        queryset=Authority.objects.order_by("sort_key"),
        to_field_name="code",
    )

    FIELDS_BY_KIND = {
        RestructuringKind.MERGE: {"successors", "new_units"},
        RestructuringKind.SPLIT: {"successors", "new_units"},
        RestructuringKind.RENAME: {"new_units"},
        RestructuringKind.MOVE: {"target_authority"},
        RestructuringKind.DISSOLVE: set(),
    }
    OPTIONAL = {"successors", "new_units", "target_authority"}

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in self.OPTIONAL - self.FIELDS_BY_KIND[RestructuringKind(kind)]:
            del self.fields[name]

    def clean_new_units(self) -> list[NewUnit]:
        units = []
        for number, line in enumerate((self.cleaned_data.get("new_units") or "").splitlines(), 1):
            if not line.strip():
                continue
            code, _sep, name = line.partition(";")
            if not name.strip():
                raise ValidationError(_("Dòng {n}: ghi “mã; tên” của đơn vị mới.").format(n=number))
            units.append(NewUnit(code=code.strip(), name=name.strip()))
        return units

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(
            number=data["decision_number"].strip(),
            date=data["decision_date"],
            effective_date=data["effective_date"],
            issuing_body=data.get("issuing_body", "").strip(),
            note=data.get("note", ""),
        )


class RestructuringImportForm(ImportForm):
    """The unit import's upload checks (size, type), with its "only check" box as the preview."""
