"""Forms of the documents pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class IssueForm(forms.Form):
    """Issue a document: the date it carries (that of its event, or chosen by the issuer)."""

    document_date = forms.DateField(
        label=_("Ngày văn bản"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Cần chọn ngày của văn bản."),
            "invalid": _("Ngày văn bản không hợp lệ."),
        },
    )
