from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardType
from thidua.clusters.on_behalf import OnBehalfForm
from thidua.core.forms import UnitChoiceField
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import YEAR_STEPS
from thidua.start_of_year.models import YearSettings


class PledgeHeaderForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    doc_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    conference_date = forms.DateField(
        label=_("Ngày hội nghị ký kết"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    preamble = forms.CharField(
        label=_("Lời mở đầu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    change_note = forms.CharField(
        label=_("Nội dung thay đổi (khi tạo phiên bản mới)"), required=False, max_length=1000
    )

    HEADER_FIELDS = ("title", "preamble", "doc_number", "place", "conference_date")

    def header(self) -> dict[str, Any]:
        """The pledge header as keyword arguments of create_pledge / update_pledge_header."""
        return {name: self.cleaned_data[name] for name in self.HEADER_FIELDS}


class PledgeItemForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề ngắn"), max_length=300, required=False)
    text = forms.CharField(
        label=_("Nội dung cam kết"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    change_note = forms.CharField(
        label=_("Nội dung thay đổi (khi tạo phiên bản mới)"), required=False, max_length=1000
    )


class PledgeTargetForm(forms.Form):
    text = forms.CharField(label=_("Chỉ tiêu"), max_length=500, required=False)
    metric = forms.CharField(label=_("Thước đo"), max_length=200, required=False)
    value = forms.DecimalField(label=_("Giá trị"), required=False, max_digits=14, decimal_places=2)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)
    organization = UnitChoiceField(
        label=_("Áp dụng cho"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Tất cả đơn vị thành viên"),
    )
    change_note = forms.CharField(
        label=_("Nội dung thay đổi (khi tạo phiên bản mới)"), required=False, max_length=1000
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = members  # type: ignore[attr-defined]


class SignForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Ký cho đơn vị"), queryset=Organization.objects.all(), widget=forms.HiddenInput
    )
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)


class SettingsForm(forms.Form):
    """The per-year limits. A plain form: the service checks min ≤ max with a clear message."""

    def __init__(self, *args: Any, instance: YearSettings, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", forms.model_to_dict(instance, fields=list(YearSettings.EDITABLE_FIELDS))
        )
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(YearSettings, fields=list(YearSettings.EDITABLE_FIELDS))
        )
        if "basis" in self.fields:  # the model's example says “Cụm”; a bloc reads “Khối”
            self.fields["basis"].help_text = _(
                "Ví dụ: Kế hoạch công tác thi đua, khen thưởng năm 2020 của {noun}."
            ).format(noun=capfirst(instance.cluster_year.noun))


YEAR_STEP_CHOICES = [(step.value, step.label) for step in YEAR_STEPS]


class DeadlineForm(forms.Form):
    step = forms.ChoiceField(label=_("Bước"), choices=YEAR_STEP_CHOICES)
    due_at = forms.DateTimeField(
        label=_("Hạn chót"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)
    reason = forms.CharField(
        label=_("Lý do sửa (khi đổi hạn chót đã đặt)"), max_length=1000, required=False
    )


class ReopenForm(forms.Form):
    step = forms.ChoiceField(label=_("Bước"), choices=YEAR_STEP_CHOICES)
    organization = UnitChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none())
    until = forms.DateTimeField(
        label=_("Mở lại đến"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    reason = forms.CharField(label=_("Lý do"), max_length=1000, required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = members  # type: ignore[attr-defined]


class RegistrationForm(forms.Form):
    award = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đăng ký"),
        queryset=AwardType.objects.none(),
        required=False,
        empty_label=_("— Chọn —"),
    )
    goals = forms.CharField(
        label=_("Mục tiêu, chỉ tiêu chính"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, awards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = awards  # type: ignore[attr-defined]


class ItemForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_result = forms.CharField(
        label=_("Kết quả dự kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ProgressForm(forms.Form):
    text = forms.CharField(
        label=_("Kết quả thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = MultipleFileField(label=_("Minh chứng (PDF, Word, Excel, ảnh)"), required=False)


class SignOnBehalfForm(OnBehalfForm):
    """The board records a member's signature given on paper: which unit, who signed."""

    organization = UnitChoiceField(
        label=_("Đơn vị đã ký trên văn bản giấy"), queryset=Organization.objects.none()
    )
    signer_name = forms.CharField(label=_("Họ và tên người ký"), max_length=150)
    signer_position = forms.CharField(label=_("Chức vụ"), max_length=200)

    field_order = ["organization", "signer_name", "signer_position", "reason", "paper_ref"]

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]


class RegistrationOnBehalfForm(OnBehalfForm):
    """The board records a unit's registration sent on paper: the title, the goals, the models
    and topics named on the paper (one per line)."""

    award = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đăng ký"),
        queryset=AwardType.objects.none(),
        empty_label=_("— Chọn —"),
    )
    goals = forms.CharField(
        label=_("Mục tiêu, chỉ tiêu chính"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    models = forms.CharField(
        label=_("Mô hình thi đua (mỗi dòng một mô hình)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    topics = forms.CharField(
        label=_("Chuyên đề thi đua (mỗi dòng một chuyên đề)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["award", "goals", "models", "topics", "reason", "paper_ref"]

    def __init__(self, *args: Any, awards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = awards  # type: ignore[attr-defined]

    def lines(self, name: str) -> list[str]:
        return [line.strip() for line in self.cleaned_data[name].splitlines() if line.strip()]
