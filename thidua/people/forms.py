from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.people.enums import Gender, StaffCategory, TaskRating


class PersonForm(forms.Form):
    code = forms.CharField(label=_("Mã cá nhân"), max_length=40)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900)
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False
    )
    category = forms.ChoiceField(label=_("Đối tượng"), choices=StaffCategory.choices)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    valid_from = forms.DateField(
        label=_("Công tác tại đơn vị từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    history_from = forms.IntegerField(
        label=_("Dữ liệu đầy đủ từ năm"), required=False, min_value=1945
    )


class RatingForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1945)
    rating = forms.TypedChoiceField(label=_("Xếp loại"), choices=TaskRating.choices, coerce=int)
    months_worked = forms.IntegerField(
        label=_("Số tháng công tác"), required=False, min_value=0, max_value=12
    )
