from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.eligibility.engine.evaluate import RULES
from thidua.eligibility.engine.wording import AWARDS


class CheckForm(forms.Form):
    subject_code = forms.CharField(label=_("Mã đối tượng (cá nhân hoặc đơn vị)"), max_length=60)
    award_code = forms.ChoiceField(
        label=_("Danh hiệu, hình thức"), choices=[(c, AWARDS[c]) for c in RULES]
    )
    achievement_year = forms.IntegerField(label=_("Năm thành tích"), min_value=1990)
    received_on = forms.DateField(
        label=_("Ngày nhận hồ sơ"),
        required=False,
        help_text=_("Để trống: dùng ngày hôm nay"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def clean_achievement_year(self) -> int:
        year = self.cleaned_data["achievement_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Năm thành tích không được sau năm hiện tại."))
        return year
