"""Input of the /legal/ workflow pages; the services check the law's own rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.legal.enums import Confidence, Family, InstrumentKind, Operator
from thidua.legal.models import LegalInstrument, ParameterDefinition, RuleSet
from thidua.legal.values import parse
from thidua.organizations.models import Authority

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class ParameterForm(forms.Form):
    code = forms.ChoiceField(label=_("Tham số"))
    award_code = forms.CharField(
        label=_("Danh hiệu (nếu theo danh hiệu)"), max_length=30, required=False
    )
    operator = forms.ChoiceField(
        label=_("So sánh"), choices=[("", "—"), *Operator.choices], required=False
    )
    value = forms.CharField(
        label=_("Giá trị"), max_length=100, help_text=_("Ví dụ: 7/10, 70 %, 3, 4,5, HTT, có")
    )
    instrument = forms.ModelChoiceField(
        label=_("Văn bản"), queryset=LegalInstrument.objects.all(), required=False
    )
    article = forms.CharField(label=_("Điều, khoản"), max_length=120, required=False)
    mark = forms.ChoiceField(label=_("Mức tin cậy"), choices=Confidence.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args: Any, rule_set: RuleSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definitions = {
            d.code: d for d in ParameterDefinition.objects.filter(family=rule_set.family)
        }
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(code, f"{d.name} ({code})") for code, d in self.definitions.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        definition = self.definitions.get(data.get("code", ""))
        if definition is not None and "value" in data:
            try:
                data["value"] = parse(definition.value_type, data["value"])
            except ValidationError as exc:
                self.add_error("value", exc)
        data["operator"] = data.get("operator") or None
        return data


class RemoveForm(forms.Form):
    code = forms.CharField(max_length=80)
    award_code = forms.CharField(max_length=30, required=False)


class CloneForm(forms.Form):
    code = forms.SlugField(
        label=_("Mã phiên bản mới (để trống: tự đặt)"), max_length=60, required=False
    )


class NewLocalForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Authority.objects.none())
    family = forms.ChoiceField(label=_("Nhóm quy định"), choices=Family.choices)
    code = forms.SlugField(label=_("Mã (ví dụ ha-noi-2026)"), max_length=60)
    name = forms.CharField(label=_("Tên"), max_length=300)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)
        every = Authority.objects.order_by("name")
        field.queryset = every if user.is_system_admin else every.filter(pk=user.authority_id)


class PublishForm(forms.Form):
    legal_basis = forms.CharField(
        label=_("Căn cứ pháp lý"), widget=forms.Textarea(attrs={"rows": 3})
    )
    instruments = forms.ModelMultipleChoiceField(
        label=_("Văn bản căn cứ"), queryset=LegalInstrument.objects.all(), required=False
    )
    effective_from = forms.DateField(
        label=_("Nhận hồ sơ từ ngày (dd/mm/yyyy)"), input_formats=DATE_FORMATS
    )
    effective_to = forms.DateField(
        label=_("Nhận hồ sơ đến ngày (để trống: chưa hết hạn)"),
        input_formats=DATE_FORMATS,
        required=False,
    )
    achievement_year_from = forms.IntegerField(
        label=_("Thành tích từ năm"), required=False, min_value=1990
    )
    achievement_year_to = forms.IntegerField(
        label=_("Thành tích đến năm"), required=False, min_value=1990
    )
    change_note = forms.CharField(
        label=_("Nội dung thay đổi"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CloseForm(forms.Form):
    effective_to = forms.DateField(
        label=_("Nhận hồ sơ đến ngày (dd/mm/yyyy)"), input_formats=DATE_FORMATS
    )


def _date(label: Any, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class InstrumentFilterForm(forms.Form):
    SCOPES = [("", _("Tất cả")), ("national", _("Toàn quốc")), ("local", _("Của bộ, tỉnh"))]

    scope = forms.ChoiceField(label=_("Phạm vi"), choices=SCOPES, required=False)
    authority = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Authority.objects.none(), required=False
    )

    def __init__(self, *args: Any, authorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = authorities


class InstrumentForm(forms.Form):
    """A new instrument; the authority is required unless the person is a system administrator
    (who may add a national one)."""

    authority = forms.ModelChoiceField(
        label=_("Cơ quan (văn bản của bộ, tỉnh)"), queryset=Authority.objects.none()
    )
    code = forms.SlugField(label=_("Mã (ví dụ QD-86-2025-BN)"), max_length=40)
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=InstrumentKind.choices)
    number = forms.CharField(label=_("Số, ký hiệu (ví dụ 86/2025/QĐ-UBND)"), max_length=60)
    short_name = forms.CharField(
        label=_("Tên viết tắt (in trong căn cứ, ví dụ QĐ 86/2025)"), max_length=80
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    signed_on = _date(_("Ngày ký"))
    effective_from = _date(_("Hiệu lực từ ngày"))
    effective_to = _date(_("Hết hiệu lực (để trống: còn hiệu lực)"))
    dates_mark = forms.ChoiceField(label=_("Mức tin cậy của ngày"), choices=Confidence.choices)
    source_note = forms.CharField(label=_("Nguồn"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["authority"]
        assert isinstance(field, forms.ModelChoiceField)
        every = Authority.objects.order_by("sort_key")
        if user.is_system_admin:
            field.queryset, field.required = every, False
            field.empty_label = str(_("— Toàn quốc —"))
        else:
            field.queryset = every.filter(pk=user.authority_id)


class EndInstrumentForm(forms.Form):
    effective_to = _date(_("Còn hiệu lực đến hết ngày"), required=True)
    replaced_by = forms.ModelChoiceField(
        label=_("Được thay thế bởi (nếu có)"),
        queryset=LegalInstrument.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["replaced_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = choices
