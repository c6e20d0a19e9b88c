"""Forms of the scoring pages. Numbers go through ``validators.parse_decimal`` so that "9,5" and
"9.5" both work and the messages match the API and the Excel import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.clusters.enums import ClusterKind
from thidua.clusters.on_behalf import OnBehalfForm
from thidua.core.forms import UnitChoiceField, UnitMultipleChoiceField
from thidua.organizations.models import Organization
from thidua.scoring.enums import (
    Aggregation,
    ScoringMethod,
    Section,
    VerificationMode,
    verification_mode_choices,
)
from thidua.scoring.models import CriteriaGroup
from thidua.scoring.services.results import parse_bands, parse_tie_break
from thidua.scoring.validators import parse_decimal


class PointsField(forms.CharField):
    """A Decimal typed the Vietnamese way or the English way; blank is None."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("size", "6")

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        return parse_decimal(value, label=str(self.label or ""))


class CriteriaSetCreateForm(forms.Form):
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=300)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CriteriaSetEditForm(CriteriaSetCreateForm):
    max_total = PointsField(label=_("Thang điểm"), required=True)
    bonus_cap = PointsField(label=_("Điểm thưởng tối đa"), required=True)
    penalty_cap = PointsField(label=_("Điểm trừ tối đa (để trống: không giới hạn)"))


class GroupForm(forms.Form):
    code = forms.CharField(label=_("Mã nhóm"), max_length=20)
    name = forms.CharField(label=_("Tên nhóm"), max_length=500)
    section = forms.ChoiceField(label=_("Loại"), choices=Section.choices)
    max_points = PointsField(label=_("Điểm tối đa của nhóm"))
    parent = forms.ModelChoiceField(
        label=_("Thuộc nhóm (nếu là nhóm con)"),
        queryset=CriteriaGroup.objects.none(),
        required=False,
    )
    position = forms.IntegerField(label=_("Thứ tự"), required=False, min_value=0)

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = groups  # type: ignore[attr-defined]


class CriterionForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Nhóm"), queryset=CriteriaGroup.objects.none())
    code = forms.CharField(label=_("Mã tiêu chí"), max_length=20)
    name = forms.CharField(
        label=_("Nội dung tiêu chí"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    max_points = PointsField(label=_("Điểm tối đa"), required=True)
    method = forms.ChoiceField(label=_("Cách chấm"), choices=ScoringMethod.choices)
    target = PointsField(label=_("Chỉ tiêu (cách chấm tỷ lệ)"))
    measure_label = forms.CharField(label=_("Đơn vị tính"), max_length=50, required=False)
    tiers = forms.CharField(
        label=_("Các mức (cách chấm theo mức), ví dụ 100:5; 80:3; 50:1"),
        required=False,
        max_length=500,
    )
    evidence_required = forms.BooleanField(label=_("Bắt buộc minh chứng"), required=False)
    guidance = forms.CharField(
        label=_("Hướng dẫn chấm"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    position = forms.IntegerField(label=_("Thứ tự"), required=False, min_value=0)

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Ngày thông qua (hội nghị ký giao ước)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    pledge_ref = forms.CharField(
        label=_("Giao ước, hội nghị thông qua (không bắt buộc)"), max_length=300, required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReopenSheetForm(ReasonForm):
    until = forms.DateField(
        label=_("Gia hạn đến ngày (nếu đã quá hạn)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ApproveForm(forms.Form):
    approved_on = forms.DateField(
        label=_("Ngày thông qua kết quả"),
        help_text=_(
            "Ngày của cuộc họp, hội nghị thông qua; là ngày ghi trên bảng tổng hợp. Để trống: hôm nay."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Ghi chú phê duyệt (không bắt buộc)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (XLSX)"))


class RoundSettingsForm(forms.Form):
    verification_mode = forms.ChoiceField(
        label=_("Hình thức thẩm định"), choices=VerificationMode.choices
    )
    aggregation = forms.ChoiceField(label=_("Tổng hợp điểm chấm chéo"), choices=Aggregation.choices)
    outlier_mad_k = PointsField(label=_("Điểm bất thường khi lệch trung vị quá k × MAD, với k ="))
    outlier_gap_points = PointsField(label=_("Điểm bất thường khi lệch trung vị quá (điểm)"))
    bands = forms.CharField(
        label=_("Xếp loại (mỗi dòng: Tên: điểm tối thiểu)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tie_break = forms.CharField(
        label=_("Thứ tự phân hạng khi bằng điểm (group:<mã nhóm>, bonus, penalty)"),
        max_length=300,
    )
    verifier_units = UnitMultipleChoiceField(
        label=_("Đơn vị trong tổ thẩm định"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    verifier_users = forms.ModelMultipleChoiceField(
        label=_("Người trong tổ thẩm định"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, units: Any, users: Any, kind: str = ClusterKind.CLUSTER, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verification_mode"].choices = verification_mode_choices(kind)  # type: ignore[attr-defined]
        self.fields["verifier_units"].queryset = units  # type: ignore[attr-defined]
        self.fields["verifier_users"].queryset = users  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["bands"] = parse_bands(data.get("bands", ""))
        except ValidationError as exc:
            self.add_error("bands", exc)
        try:
            data["tie_break"] = parse_tie_break(data.get("tie_break", ""))
        except ValidationError as exc:
            self.add_error("tie_break", exc)
        return data


class CrossReopenForm(ReasonForm):
    scorer = UnitChoiceField(label=_("Đơn vị chấm"), queryset=Organization.objects.none())
    target = UnitChoiceField(label=_("Đơn vị được chấm"), queryset=Organization.objects.none())

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scorer"].queryset = units  # type: ignore[attr-defined]
        self.fields["target"].queryset = units  # type: ignore[attr-defined]


class SheetOnBehalfForm(OnBehalfForm):
    """The board records a unit's paper sheet: its filled Excel sheet, its report, the scan."""

    file = forms.FileField(label=_("Bảng tự chấm của đơn vị (tệp Excel XLSX)"))
    self_report = forms.CharField(
        label=_("Báo cáo tự đánh giá của đơn vị"), widget=forms.Textarea(attrs={"rows": 4})
    )
    scan = forms.FileField(
        label=_("Bản chụp văn bản giấy (làm minh chứng cho các tiêu chí bắt buộc)"),
        required=False,
    )
