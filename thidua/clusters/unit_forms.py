"""Input of "Thêm đơn vị" and "Sửa đơn vị"; ``clusters.unit_services`` validates and saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from thidua.clusters.authority_forms import DATE_WIDGET, AuthorityChoiceField
from thidua.core.forms import UnitCodeField
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Authority, Organization
from thidua.organizations.validators import validate_period


class UnitForm(forms.Form):
    code = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=40,
        help_text=_("Chữ không dấu, số, dấu chấm, gạch ngang; không đổi được sau khi tạo."),
    )
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=OrganizationKind.choices)
    parent = UnitCodeField(
        label=_("Cơ quan chủ quản"),
        queryset=Organization.objects.none(),
        required=False,
        search_url=reverse_lazy("organizations:search"),
        help_text=_("Mã đơn vị; để trống nếu không có. Tìm theo tên để điền mã."),
    )
    authority = AuthorityChoiceField(
        label=_("Thuộc cơ quan tổ chức cụm, khối"), queryset=Authority.objects.none()
    )
    province = forms.CharField(label=_("Tỉnh, thành phố"), max_length=100, required=False)
    valid_from = forms.DateField(
        label=_("Hoạt động từ"), required=False, widget=DATE_WIDGET, help_text=_("ngày/tháng/năm")
    )
    valid_to = forms.DateField(
        label=_("Giải thể ngày"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Để trống khi đơn vị đang hoạt động."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        parents: Any,
        authorities: Any,
        unit: Organization | None = None,
        authority_required: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if unit is not None:
            del self.fields["code"]
            parents = parents.exclude(pk=unit.pk)
            self.fields["name"].help_text = _(
                "Chỉ để sửa lỗi chính tả. Đổi tên, sáp nhập, chia tách, chuyển cơ quan theo "
                "quyết định: dùng “Sắp xếp lại đơn vị”."
            )
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["authority"].queryset = authorities  # type: ignore[attr-defined]
        self.fields["authority"].required = authority_required

    def clean(self) -> dict[str, Any]:
        """The dates' order is told with the other mistakes (the service checks it again)."""
        data = super().clean() or {}
        try:
            validate_period(data.get("valid_from"), data.get("valid_to"))
        except ValidationError as exc:
            self.add_error("valid_to", exc)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("short_name", "province", "note"):
            data[name] = data.get(name) or ""
        return data
