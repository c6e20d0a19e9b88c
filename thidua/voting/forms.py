"""Input validation of the conference pages; the services save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import UnitChoiceField
from thidua.organizations.models import Organization
from thidua.voting.enums import AgendaKind, Operator, QuorumBasis, TieBreak


class ConferenceForm(forms.Form):
    held_on = forms.DateField(
        label=_("Ngày họp (dd/mm/yyyy)"), input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chair_name = forms.CharField(label=_("Người chủ trì"), max_length=200, required=False)
    chair_position = forms.CharField(
        label=_("Chức vụ người chủ trì"), max_length=200, required=False
    )
    chair_unit = UnitChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Organization.objects.none(), required=False
    )
    secretary_name = forms.CharField(label=_("Thư ký hội nghị"), max_length=200, required=False)
    minutes_number = forms.CharField(label=_("Số biên bản"), max_length=100, required=False)
    minutes_date = forms.DateField(
        label=_("Ngày biên bản (dd/mm/yyyy)"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        required=False,
    )

    def __init__(self, *args: object, members: list[Organization], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["chair_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(pk__in=[m.pk for m in members]).select_related(
            "authority"
        )


class RulesForm(forms.Form):
    source_text = forms.CharField(
        label=_("Căn cứ (quy chế, điều)"),
        max_length=500,
        help_text=_("Ví dụ: Quy chế hoạt động, bản thông qua ngày 15/03/2023, Điều 9"),
    )
    quorum_operator = forms.ChoiceField(label=_("Số đơn vị dự họp"), choices=Operator.choices)
    quorum_num = forms.IntegerField(label=_("Tử số"), min_value=1)
    quorum_den = forms.IntegerField(label=_("Mẫu số"), min_value=1)
    quorum_basis = forms.ChoiceField(label=_("Tính trên"), choices=QuorumBasis.choices)
    tie_break = forms.ChoiceField(label=_("Khi bằng phiếu"), choices=TieBreak.choices)
    self_vote_allowed = forms.BooleanField(
        label=_("Đơn vị được tự bỏ phiếu cho mình"), required=False
    )


class AgendaForm(forms.Form):
    """One line per item: ``kind: title`` or just a title (other)."""

    items = forms.CharField(label=_("Chương trình (mỗi dòng một nội dung)"), widget=forms.Textarea)

    def clean_items(self) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = []
        labels = {str(label).lower(): value for value, label in AgendaKind.choices}
        for raw in self.cleaned_data["items"].splitlines():
            line = raw.strip()
            if line:
                items.append((labels.get(line.lower(), AgendaKind.OTHER), line))
        if not items:
            raise forms.ValidationError(_("Chương trình cần ít nhất một nội dung."))
        return items


class CommitteeForm(forms.Form):
    """One line per member ``Họ tên; chức vụ``; the first line is the head (trưởng ban)."""

    members = forms.CharField(
        label=_("Ban kiểm phiếu (mỗi dòng: Họ tên; chức vụ — dòng đầu là trưởng ban)"),
        widget=forms.Textarea,
        required=False,
    )

    def clean_members(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data["members"].splitlines():
            if line.strip():
                name, _sep, position = line.partition(";")
                if not name.strip():
                    raise forms.ValidationError(_("Mỗi dòng cần họ và tên."))
                rows.append((name.strip(), position.strip()))
        return rows
