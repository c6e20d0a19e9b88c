"""Input of the authority pages; the services validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.organizations.enums import AuthorityLevel
from thidua.organizations.models import Authority

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuthorityChoiceField(forms.ModelChoiceField[Authority]):
    def label_from_instance(self, obj: Authority) -> str:
        return f"{obj.name} ({obj.get_level_display()}, {obj.code})"


class AuthorityForm(forms.Form):
    code = forms.CharField(
        label=_("Mã"),
        max_length=40,
        help_text=_("Chữ không dấu, số, dấu chấm, gạch ngang; không đổi được sau khi tạo."),
    )
    name = forms.CharField(label=_("Tên cơ quan"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("Cấp"), choices=AuthorityLevel.choices)
    province = forms.CharField(label=_("Tỉnh, thành phố"), max_length=100, required=False)
    parent = AuthorityChoiceField(
        label=_("Trực thuộc"),
        queryset=Authority.objects.none(),
        required=False,
        help_text=_(
            "Cấp xã, phường thuộc một tỉnh, thành phố; cấp tỉnh và bộ, ngành thuộc Trung ương."
        ),
    )
    valid_from = forms.DateField(label=_("Hoạt động từ"), required=False, widget=DATE_WIDGET)
    valid_to = forms.DateField(label=_("Hoạt động đến"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, authority: Authority | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Authority.objects.exclude(level=AuthorityLevel.COMMUNE).order_by("sort_key")
        if authority is not None:
            parents = parents.exclude(pk=authority.pk)
            del self.fields["code"]
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("short_name", "province"):
            data[name] = data.get(name) or ""
        return data


class AuthoritySuccessionForm(forms.Form):
    successor = AuthorityChoiceField(label=_("Cơ quan kế thừa"), queryset=Authority.objects.none())
    effective_date = forms.DateField(label=_("Ngày hiệu lực"), widget=DATE_WIDGET)
    decision_number = forms.CharField(
        label=_("Số văn bản, quyết định"), max_length=100, required=False
    )
    decision_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    close_predecessor = forms.BooleanField(
        label=_("Cơ quan cũ ngừng hoạt động từ ngày hiệu lực"), required=False, initial=True
    )

    def __init__(self, *args: Any, predecessor: Authority, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "succession")
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Authority.objects.exclude(  # type: ignore[attr-defined]
            pk=predecessor.pk
        ).order_by("sort_key")
