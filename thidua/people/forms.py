"""Input of the people pages; ``services`` validates again and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import UnitCodeField
from thidua.organizations.models import Organization
from thidua.people.enums import (
    DisciplineKind,
    DisciplineLevel,
    Gender,
    InitiativeKind,
    InitiativeScope,
    StaffCategory,
    TaskRating,
)
from thidua.people.models import Person


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


class PersonForm(forms.Form):
    code = forms.CharField(label=_("Mã cá nhân"), max_length=40)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900)
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False
    )
    category = forms.ChoiceField(label=_("Đối tượng"), choices=StaffCategory.choices)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    valid_from = date_field(_("Công tác tại đơn vị từ ngày"))
    history_from = forms.IntegerField(
        label=_("Dữ liệu đầy đủ từ năm"), required=False, min_value=1945
    )


class RatingChangeForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Xếp loại"), choices=TaskRating.choices, coerce=int)
    months_worked = forms.IntegerField(
        label=_("Số tháng công tác"), required=False, min_value=0, max_value=12
    )


class RatingForm(RatingChangeForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1945)

    field_order = ["year", "rating", "months_worked"]


class TransferForm(forms.Form):
    """Chuyển đơn vị / kết thúc công tác: end the open period, open one at another unit, or both."""

    ended_on = date_field(
        _("Kết thúc công tác tại đơn vị hiện tại ngày"),
        required=False,
        help_text=_("Để trống nếu chỉ ghi thêm quá trình công tác tại đơn vị mới."),
    )
    organization = UnitCodeField(
        label=_("Chuyển đến đơn vị"),
        queryset=Organization.objects.none(),
        required=False,
        search_url=reverse_lazy("organizations:search"),
        help_text=_("Mã đơn vị; để trống khi nghỉ hưu, thôi việc. Tìm theo tên để điền mã."),
    )
    started_on = date_field(
        _("Công tác tại đơn vị mới từ ngày"),
        required=False,
        help_text=_("Để trống: ngày sau ngày kết thúc."),
    )
    category = forms.ChoiceField(
        label=_("Đối tượng tại đơn vị mới"),
        choices=[("", _("Như hiện tại")), *StaffCategory.choices],
        required=False,
    )
    position = forms.CharField(label=_("Chức vụ tại đơn vị mới"), max_length=200, required=False)

    def __init__(self, *args: Any, units: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, UnitCodeField)
        field.queryset = units


class DisciplineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=DisciplineKind.choices)
    level = forms.TypedChoiceField(
        label=_("Hình thức kỷ luật"),
        choices=[("", "—"), *DisciplineLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Bắt buộc với kỷ luật; bỏ trống khi đang bị thanh tra, kiểm tra, xem xét."),
    )
    decision_ref = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    decided_on = date_field(_("Ngày quyết định"), required=False)
    effective_from = date_field(_("Từ ngày"))
    effective_to = date_field(_("Đến ngày"), required=False)


class InitiativeForm(forms.Form):
    """A recognised initiative; this person is its first author, co-authors by their codes."""

    code = forms.CharField(label=_("Mã sáng kiến"), max_length=60)
    kind = forms.ChoiceField(label=_("Loại"), choices=InitiativeKind.choices)
    title = forms.CharField(label=_("Tên"), max_length=500)
    year = forms.IntegerField(label=_("Năm"), min_value=1945)
    recognition_ref = forms.CharField(label=_("Số quyết định công nhận"), max_length=100)
    recognised_on = date_field(_("Ngày công nhận"))
    recognised_by = forms.CharField(label=_("Cơ quan công nhận"), max_length=300)
    scope = forms.TypedChoiceField(
        label=_("Phạm vi ảnh hưởng"), choices=InitiativeScope.choices, coerce=int
    )
    effect = forms.CharField(
        label=_("Hiệu quả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    co_authors = forms.CharField(
        label=_("Đồng tác giả"),
        required=False,
        help_text=_("Mã cá nhân, cách nhau bởi dấu phẩy, theo thứ tự tác giả."),
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people

    def clean_co_authors(self) -> list[Person]:
        codes = [c.strip() for c in self.cleaned_data["co_authors"].split(",") if c.strip()]
        found = self.people.in_bulk(codes, field_name="code")
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                gettext("Không có cá nhân mã “{codes}” trong phạm vi của bạn.").format(
                    codes=", ".join(unknown)
                ),
                code="not_found",
            )
        return [found[c] for c in codes]
