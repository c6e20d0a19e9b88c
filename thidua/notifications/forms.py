from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.notifications.enums import EmailChoice, NotificationKind
from thidua.notifications.selectors import Choice


class PreferencesForm(forms.Form):
    """One row per kind: shown in the app (yes/no) and by e-mail (off, at once, daily digest)."""

    def __init__(self, *args: Any, current: dict[str, Choice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[f"{kind}-in_app"] = forms.BooleanField(
                label=_("{kind}: hiện trên hệ thống").format(kind=label),
                required=False,
                initial=current[kind].in_app,
            )
            self.fields[f"{kind}-email"] = forms.ChoiceField(
                label=_("{kind}: e-mail").format(kind=label),
                choices=EmailChoice.choices,
                initial=current[kind].email,
            )

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (str(label), self[f"{kind}-in_app"], self[f"{kind}-email"])
            for kind, label in NotificationKind.choices
        ]

    def choices(self) -> dict[str, Choice]:
        data = self.cleaned_data
        return {
            kind: Choice(in_app=data[f"{kind}-in_app"], email=data[f"{kind}-email"])
            for kind in NotificationKind.values
        }
