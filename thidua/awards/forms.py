"""Input of the catalogue pages; the service checks the catalogue's own rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import AwardCategory, AwardLevel, AwardSubject, Decider
from thidua.awards.models import AwardType
from thidua.legal.enums import Confidence
from thidua.legal.models import LegalInstrument
from thidua.organizations.models import Authority

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters; ``on`` is the day whose deciders and rewards are shown."""

    category = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả")), *AwardCategory.choices], required=False
    )
    subject = forms.ChoiceField(
        label=_("Đối tượng"), choices=[("", _("Tất cả")), *AwardSubject.choices], required=False
    )
    on = forms.DateField(
        label=_("Tại ngày"),
        input_formats=DATE_FORMATS,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Thẩm quyền và tiền thưởng theo quy định tại ngày này (mặc định: hôm nay)."),
    )
    all = forms.BooleanField(label=_("Gồm cả danh hiệu đã hết áp dụng"), required=False)


class AwardTypeForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=40, help_text=_("Ví dụ: HCLD3"))
    name = forms.CharField(label=_("Tên"), max_length=255)
    category = forms.ChoiceField(
        label=_("Loại"), choices=AwardCategory.choices, initial=AwardCategory.FORM
    )
    subject = forms.ChoiceField(label=_("Đối tượng"), choices=AwardSubject.choices)
    level = forms.ChoiceField(label=_("Cấp"), choices=AwardLevel.choices, initial=AwardLevel.STATE)
    deciding_authority = forms.CharField(label=_("Thẩm quyền quyết định"), max_length=300)
    decider = forms.ChoiceField(
        label=_("Cấp quyết định"), choices=[("", "—"), *Decider.choices], required=False
    )
    instrument = forms.ModelChoiceField(
        label=_("Văn bản quy định thẩm quyền"),
        queryset=LegalInstrument.objects.all(),
        required=False,
    )
    article = forms.CharField(label=_("Điều, khoản"), max_length=120, required=False)
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), max_length=400)
    confidence = forms.ChoiceField(label=_("Mức tin cậy"), choices=Confidence.choices)
    effective_from = forms.DateField(
        label=_("Áp dụng từ"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    rank = forms.IntegerField(label=_("Thứ bậc"), min_value=0, initial=0)
    authority = forms.ModelChoiceField(
        label=_("Chỉ áp dụng tại cơ quan (để trống: toàn quốc)"),
        queryset=Authority.objects.order_by("sort_key"),
        required=False,
    )
    variant_of = forms.ModelChoiceField(
        label=_("Biến thể địa phương của (danh hiệu, hình thức toàn quốc)"),
        queryset=AwardType.objects.filter(authority__isnull=True).order_by(
            "category", "sort_order"
        ),
        required=False,
    )
    annual = forms.BooleanField(label=_("Xét theo năm thành tích"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
