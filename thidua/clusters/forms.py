from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from thidua.clusters import imports
from thidua.clusters.enums import ClusterKind
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_units, in_cluster_authority
from thidua.core.forms import PlainSelect, UnitChoiceField, UnitCodeField
from thidua.core.uploads import validate_upload
from thidua.organizations.models import Authority, Organization


class ClusterFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Tên hoặc mã cụm, khối")}),
    )
    # PlainSelect: the same HTML as Select, without two template includes per option
    year = forms.TypedChoiceField(
        label=_("Năm"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    authority = forms.ModelChoiceField(
        label=_("Cơ quan tổ chức"),
        required=False,
        queryset=Authority.objects.none(),
        empty_label=_("Tất cả"),
        widget=PlainSelect,
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        required=False,
        choices=[("", _("Tất cả")), *ClusterKind.choices],
        widget=PlainSelect,
    )

    def __init__(self, *args: Any, years: list[int], authorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả")), *[(y, str(y)) for y in years]]  # type: ignore[attr-defined]
        self.fields["authority"].queryset = authorities  # type: ignore[attr-defined]


NOT_A_MEMBER = _("Đơn vị được chọn không phải thành viên trong năm này.")


class HeadsForm(forms.Form):
    head = UnitChoiceField(
        label=_("Đơn vị trưởng"),
        queryset=Organization.objects.none(),
        required=False,
        error_messages={"invalid_choice": NOT_A_MEMBER},
    )
    deputy = UnitChoiceField(
        label=_("Đơn vị phó"),
        queryset=Organization.objects.none(),
        required=False,
        error_messages={"invalid_choice": NOT_A_MEMBER},
    )
    decision_ref = forms.CharField(
        label=_("Văn bản bầu / phân công"), required=False, max_length=200
    )
    decision_date = forms.DateField(
        label=_("Ngày văn bản"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(
        self,
        *args: Any,
        cluster_year: ClusterYear,
        units: Sequence[Organization] | None = None,
        **kwargs: Any,
    ) -> None:
        """``units``: the cluster year's units as ``cluster_year_units`` gives them, when the page
        has them already (the selects then show them without a query)."""
        super().__init__(*args, **kwargs)
        # Only members can be head or deputy; another unit gets NOT_A_MEMBER.
        for name in ("head", "deputy"):
            field: Any = self.fields[name]
            field.queryset = cluster_year_units(cluster_year)
            if units is not None:
                field.offer(units)
        self.fields["head"].label = cluster_year.head_label
        self.fields["deputy"].label = cluster_year.deputy_label


class ThemeForm(forms.Form):
    theme = forms.CharField(
        label=_("Chủ đề năm"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AddMemberForm(forms.Form):
    """“Thêm thành viên”: the unit's code, or a search among the units the cluster year may take
    (``selectors.member_candidates``: no select of the whole country). A code outside the
    person's scope (``candidates``) is unknown; one outside the cluster's authority is refused
    here; not active in the year, already a member: the service refuses."""

    organization = UnitCodeField(
        label=_("Đơn vị"),
        queryset=Organization.objects.none(),
        search_url=reverse_lazy("organizations:search"),
    )

    def __init__(
        self, *args: Any, candidates: Any, cluster_year: ClusterYear, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cluster_year = cluster_year
        field = self.fields["organization"]
        field.queryset = candidates  # type: ignore[attr-defined]
        # the search offers what this cluster year may take (checked again by the server)
        field.widget.search_params = {
            "cluster": cluster_year.cluster.code,
            "year": cluster_year.year,
        }

    def clean_organization(self) -> Organization:
        unit: Organization = self.cleaned_data["organization"]
        if not in_cluster_authority(self.cluster_year, unit):
            raise ValidationError(
                _(
                    "{unit} ({code}) không thuộc {authority}, cơ quan tổ chức {noun} này (hay cơ "
                    "quan tiền thân): chỉ thêm được đơn vị của cơ quan đó."
                ).format(
                    unit=unit.name,
                    code=unit.code,
                    authority=self.cluster_year.cluster.authority,
                    noun=self.cluster_year.noun,
                ),
                code="other_authority",
            )
        return unit


class RemoveMemberForm(forms.Form):
    organization = UnitChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none())
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(
        self,
        *args: Any,
        cluster_year: ClusterYear,
        units: Sequence[Organization] | None = None,
        **kwargs: Any,
    ) -> None:
        """``units``: as for ``HeadsForm``."""
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organization"]
        field.queryset = cluster_year_units(cluster_year)
        if units is not None:
            field.offer(units)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp dữ liệu (XLSX hoặc CSV)"))
    dry_run = forms.BooleanField(
        label=_("Chỉ kiểm tra, chưa ghi dữ liệu"),
        required=False,
        help_text=_("Báo lỗi hoặc cho biết sẽ tạo những gì, nhưng không ghi gì vào hệ thống."),
    )

    def clean_file(self) -> Any:
        """Size, then type by extension and content; a CSV must be UTF-8 (its rows come later)."""
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        max_mb = settings.THIDUA_MAX_UPLOAD_MB
        try:
            if name.lower().endswith(".xlsx"):
                validate_upload(upload, allowed=("xlsx",), max_mb=max_mb)
            elif upload.size and upload.size > max_mb * 1024 * 1024:
                raise ValidationError(
                    _("Tệp “{name}” quá lớn ({size:.1f} MB). Tối đa {max} MB.").format(
                        name=name, size=upload.size / 1024 / 1024, max=max_mb
                    )
                )
            upload.seek(0)
            data = upload.read()
            if imports.file_kind(data, name) == "csv":
                imports.decode_csv(data, name)
        except imports.ImportFileError as exc:
            raise ValidationError(exc.message) from None
        self.cleaned_data["data"] = data
        return upload


class NewClusterForm(forms.Form):
    """ "Tạo cụm, khối": the cluster and its first year; members, head and deputy come next, on
    the year's page (or by the import)."""

    authority = forms.ModelChoiceField(
        label=_("Cơ quan tổ chức"), queryset=Authority.objects.none()
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=ClusterKind.choices)
    code = forms.CharField(
        label=_("Mã cụm, khối"),
        max_length=40,
        help_text=_("Chữ không dấu, số, dấu chấm, gạch ngang; ví dụ HN-C07."),
    )
    name = forms.CharField(label=_("Tên"), max_length=255)
    number = forms.IntegerField(label=_("Số"), required=False, min_value=1)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    year = forms.IntegerField(label=_("Năm hoạt động đầu tiên"), min_value=1990, max_value=2100)
    theme = forms.CharField(
        label=_("Chủ đề năm"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, authorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities  # type: ignore[attr-defined]
