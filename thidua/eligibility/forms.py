from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
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


class BatchForm(forms.Form):
    """The upload of a batch file: size and type here, the rows in ``batch_reader``."""

    file = forms.FileField(label=_("Tệp danh sách (XLSX hoặc CSV UTF-8)"))
    received_on = forms.DateField(
        label=_("Ngày nhận hồ sơ dự kiến"),
        help_text=_("Dùng cho các dòng không ghi ngày nhận hồ sơ"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        max_mb = settings.THIDUA_MAX_UPLOAD_MB
        if upload.size and upload.size > max_mb * 1024 * 1024:
            raise forms.ValidationError(
                _("Tệp “{name}” quá lớn ({size:.1f} MB). Tối đa {max} MB.").format(
                    name=upload.name, size=upload.size / 1024 / 1024, max=max_mb
                )
            )
        upload.seek(0)
        self.cleaned_data["data"] = upload.read()
        return upload
