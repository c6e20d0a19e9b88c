"""Forms parse input; the services validate the domain rules (one message for HTML and API)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.clusters.models import ClusterYear
from thidua.clusters.on_behalf import OnBehalfForm
from thidua.core.forms import UnitChoiceField
from thidua.organizations.models import Authority, Organization
from thidua.planning.enums import MovementKind
from thidua.planning.models import DriveEvidence, Movement, PlanAttachment

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; type and size are checked by ``validate_upload`` in services."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _datetime_field(label: Any, *, required: bool = False, help_text: Any = "") -> Any:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=help_text,
    )


class PlanVersionForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    body = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    change_note = forms.CharField(
        label=_("Điểm thay đổi so với bản trước"), required=False, max_length=500
    )
    new_files = MultipleFileField(
        label=_("Tệp đính kèm (PDF, DOCX)"),
        required=False,
        help_text=_("Có thể chọn nhiều tệp."),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Bỏ tệp đính kèm"),
        required=False,
        queryset=PlanAttachment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, attachments: QuerySet[PlanAttachment] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if attachments is None:
            del self.fields["remove_attachments"]
        else:
            self.fields["remove_attachments"].queryset = attachments  # type: ignore[attr-defined]


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Ngày thông qua"), widget=DATE_WIDGET)
    meeting = forms.CharField(
        label=_("Thông qua tại"),
        required=False,
        max_length=300,
        help_text=_("Ví dụ: Hội nghị triển khai kế hoạch công tác và ký giao ước thi đua"),
    )
    presented_by = forms.CharField(label=_("Người trình bày"), required=False, max_length=300)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CorrectAdoptionForm(forms.Form):
    """Correcting an adoption date recorded wrongly: the right date and why (audited)."""

    adopted_on = forms.DateField(label=_("Ngày thông qua đúng"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Lý do sửa"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: ghi nhầm năm; theo biên bản hội nghị ngày 15/01/2025"),
        error_messages={"required": _("Cần ghi lý do sửa ngày thông qua.")},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Ý kiến"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần nhập nội dung ý kiến.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MovementFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm (không cần dấu)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("vd: nong thon moi")}),
    )
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Loại phong trào"),
        required=False,
        choices=[("", _("Tất cả")), *MovementKind.choices],
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả")), *[(y, str(y)) for y in years]]  # type: ignore[attr-defined]


class ClusterYearChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ClusterYear) -> str:
        return f"{obj.cluster.name} — {obj.year}"


class MovementForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=_("Cơ quan phát động"), queryset=Authority.objects.none()
    )
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=MovementKind.choices)
    title = forms.CharField(label=_("Tên phong trào"), max_length=300)
    slogan = forms.CharField(label=_("Khẩu hiệu, chủ đề"), required=False, max_length=500)
    description = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    starts_on = forms.DateField(label=_("Bắt đầu"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Kết thúc"), required=False, widget=DATE_WIDGET)
    document_number = forms.CharField(
        label=_("Số văn bản phát động"), required=False, max_length=100
    )
    document_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE_WIDGET)
    document_file = forms.FileField(label=_("Tệp văn bản phát động (PDF, DOCX)"), required=False)
    remove_document_file = forms.BooleanField(label=_("Bỏ tệp văn bản hiện có"), required=False)
    cluster_years = ClusterYearChoiceField(
        label=_("Cụm, khối tham gia"),
        required=False,
        queryset=ClusterYear.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(
        self,
        *args: Any,
        authorities: QuerySet[Authority],
        cluster_years: QuerySet[ClusterYear],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities  # type: ignore[attr-defined]
        self.fields["cluster_years"].queryset = cluster_years  # type: ignore[attr-defined]
        if editing or authorities.count() == 1:
            # The authority of a board officer (or of an existing movement) is not a choice.
            del self.fields["authority"]
        if not editing:
            del self.fields["remove_document_file"]


class DriveForm(forms.Form):
    name = forms.CharField(label=_("Tên đợt"), max_length=300)
    starts_on = forms.DateField(label=_("Bắt đầu"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Kết thúc"), widget=DATE_WIDGET)
    occasion = forms.CharField(
        label=_("Dịp, sự kiện"),
        required=False,
        max_length=500,
        help_text=_("Ví dụ: chào mừng kỷ niệm ngày thành lập, bầu cử đại biểu Quốc hội…"),
    )
    movement = forms.ModelChoiceField(
        label=_("Thuộc phong trào"),
        required=False,
        queryset=Movement.objects.none(),
        empty_label=_("Không gắn với phong trào"),
    )
    description = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    report_due_at = _datetime_field(
        _("Hạn báo cáo kết quả"),
        help_text=_(
            "Để trống nếu không đặt hạn. Sau hạn, đơn vị trưởng có thể mở lại hạn cho từng đơn vị."
        ),
    )

    def __init__(self, *args: Any, movements: QuerySet[Movement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements  # type: ignore[attr-defined]


class DriveReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 8})
    )
    new_files = MultipleFileField(
        label=_("Minh chứng (PDF, DOCX, XLSX, PNG, JPG)"),
        required=False,
        help_text=_("Có thể chọn nhiều tệp."),
    )
    remove_evidence = forms.ModelMultipleChoiceField(
        label=_("Bỏ minh chứng"),
        required=False,
        queryset=DriveEvidence.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, evidence: QuerySet[DriveEvidence] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if evidence is None:
            del self.fields["remove_evidence"]
        else:
            self.fields["remove_evidence"].queryset = evidence  # type: ignore[attr-defined]


class ReopenForm(forms.Form):
    organization = UnitChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none())
    until = _datetime_field(_("Mở lại đến"), required=True)
    reason = forms.CharField(label=_("Lý do"), max_length=1000)

    def __init__(self, *args: Any, units: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]


class DriveReportOnBehalfForm(OnBehalfForm):
    """The board records a member's drive report sent on paper."""

    organization = UnitChoiceField(
        label=_("Đơn vị báo cáo bằng văn bản giấy"), queryset=Organization.objects.none()
    )
    summary = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 6})
    )
    new_files = MultipleFileField(
        label=_("Minh chứng, bản chụp văn bản (PDF, DOCX, XLSX, PNG, JPG)"), required=False
    )

    field_order = ["organization", "summary", "new_files", "reason", "paper_ref"]

    def __init__(self, *args: Any, units: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]
