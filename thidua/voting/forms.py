"""Input validation of the conference pages; the services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.awards.models import AwardType
from thidua.core.forms import UnitChoiceField
from thidua.core.numbers import is_digits
from thidua.organizations.models import Organization
from thidua.voting.enums import (
    AgendaKind,
    BallotKind,
    BallotPurpose,
    Operator,
    QuorumBasis,
    TieBreak,
)

OPERATOR_CHOICES = Operator.choices
BLANK: list[tuple[Any, Any]] = [("", "—")]


class StaffUserField(forms.ModelChoiceField):
    """A user of the year's member units or of the board: "Họ tên (tên đăng nhập) — đơn vị"."""

    def label_from_instance(self, obj: Any) -> str:
        unit = obj.organization.name if obj.organization_id else _("Ban Thi đua - Khen thưởng")
        return f"{obj.display_name} ({obj.username}) — {unit}"


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
    secretary_user = StaffUserField(
        label=_("Tài khoản thư ký (người kết thúc bỏ phiếu, ghi kết luận)"),
        queryset=User.objects.none(),
        required=False,
    )
    minutes_number = forms.CharField(label=_("Số biên bản"), max_length=100, required=False)
    minutes_date = forms.DateField(
        label=_("Ngày biên bản (dd/mm/yyyy)"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        required=False,
    )

    def __init__(
        self,
        *args: object,
        members: list[Organization],
        users: QuerySet[User] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["chair_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(pk__in=[m.pk for m in members]).select_related(
            "authority"
        )
        secretary = self.fields["secretary_user"]
        assert isinstance(secretary, forms.ModelChoiceField)
        secretary.queryset = users if users is not None else User.objects.none()


class RulesForm(forms.Form):
    source_text = forms.CharField(
        label=_("Căn cứ (quy chế, điều)"),
        max_length=500,
        help_text=_("Ví dụ: Quy chế hoạt động, bản thông qua ngày 15/03/2023, Điều 9"),
    )
    quorum_operator = forms.ChoiceField(label=_("Số đơn vị dự họp"), choices=OPERATOR_CHOICES)
    quorum_num = forms.IntegerField(label=_("Tử số"), min_value=1)
    quorum_den = forms.IntegerField(label=_("Mẫu số"), min_value=1)
    quorum_basis = forms.ChoiceField(label=_("Tính trên"), choices=QuorumBasis.choices)
    tie_break = forms.ChoiceField(label=_("Khi bằng phiếu"), choices=TieBreak.choices)
    # a choice nobody has made yet, not a ticked box: the conference decides it
    self_vote_allowed = forms.TypedChoiceField(
        label=_("Đơn vị có được tự bỏ phiếu cho mình không?"),
        choices=[
            ("yes", _("Có — đơn vị được tự bỏ phiếu cho mình")),
            ("no", _("Không — đơn vị không bỏ phiếu cho mình")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
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
    """One line per member ``Họ tên; chức vụ; tên đăng nhập`` (the account is optional: it may
    enter paper tallies); the first line is the head (trưởng ban)."""

    members = forms.CharField(
        label=_(
            "Ban kiểm phiếu (mỗi dòng: Họ tên; chức vụ; tên đăng nhập nếu có — dòng đầu là "
            "trưởng ban)"
        ),
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.users = users

    def clean_members(self) -> list[tuple[str, str, User | None]]:
        rows: list[tuple[str, str, str]] = []
        for line in self.cleaned_data["members"].splitlines():
            if line.strip():
                name, position, username = [*(p.strip() for p in line.split(";")), "", ""][:3]
                if not name:
                    raise forms.ValidationError(_("Mỗi dòng cần họ và tên."))
                rows.append((name, position, username))
        wanted = {username for _n, _p, username in rows if username}
        found = {u.username: u for u in self.users.filter(username__in=wanted)}
        unknown = sorted(wanted - set(found))
        if unknown:
            raise forms.ValidationError(
                _(
                    "Không có tài khoản {names} trong các đơn vị thành viên hoặc Ban Thi đua - "
                    "Khen thưởng."
                ).format(names=", ".join(unknown))
            )
        return [(name, position, found.get(username)) for name, position, username in rows]


class DecisionForm(forms.Form):
    decision_text = forms.CharField(
        label=_("Kết luận (để trống: chưa kết luận)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )


class BallotRuleForm(forms.Form):
    """One row of the ballot rules table; a row left blank is ignored."""

    purpose = forms.ChoiceField(label=_("Nội dung"), choices=BLANK + BallotPurpose.choices)
    award_type = forms.ChoiceField(label=_("Danh hiệu, hình thức"), required=False)
    kind = forms.ChoiceField(label=_("Cách bỏ phiếu"), choices=BLANK + BallotKind.choices)
    seats = forms.IntegerField(label=_("Số đơn vị tối đa"), min_value=1)
    threshold_operator = forms.ChoiceField(label=_("Tán thành"), choices=BLANK + OPERATOR_CHOICES)
    threshold_num = forms.IntegerField(label=_("Tử số"), min_value=1)
    threshold_den = forms.IntegerField(label=_("Mẫu số"), min_value=1)
    threshold_basis = forms.ChoiceField(label=_("Tính trên"), choices=BLANK + QuorumBasis.choices)
    source_text = forms.CharField(label=_("Căn cứ"), max_length=500)

    def __init__(self, *args: Any, awards: list[AwardType], **kwargs: Any) -> None:
        """``awards``: the allowed awards, loaded once for every row of the table."""
        super().__init__(*args, **kwargs)
        self.awards = {str(a.pk): a for a in awards}
        field = self.fields["award_type"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = BLANK + [(str(a.pk), a.name) for a in awards]
        row = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
        for each in self.fields.values():  # a cell has no <label>: its column says what it is
            each.widget.attrs["aria-label"] = (
                f"{each.label} ({int(row) + 1})" if is_digits(row) else str(each.label)
            )

    def clean_award_type(self) -> AwardType | None:
        return self.awards.get(self.cleaned_data["award_type"])


class BaseBallotRuleFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Xóa dòng")


def ballot_rule_formset(
    awards: list[AwardType], *, data: Any = None, initial: Any = None, extra: int = 1
) -> Any:
    formset_class = forms.formset_factory(
        BallotRuleForm,
        formset=BaseBallotRuleFormSet,
        extra=extra,
        can_delete=True,
        max_num=30,
        validate_max=True,
    )
    return formset_class(data=data, initial=initial, prefix="rule", form_kwargs={"awards": awards})


class WeightsForm(forms.Form):
    """The number of votes of each member unit (blank: one)."""

    def __init__(self, *args: Any, members: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for org in members:
            self.fields[f"weight-{org.pk}"] = forms.IntegerField(
                label=org.name, min_value=1, required=False
            )

    def weights(self) -> dict[str, int]:
        return {
            org.code: self.cleaned_data[f"weight-{org.pk}"]
            for org in self.members
            if self.cleaned_data.get(f"weight-{org.pk}") not in (None, 1)
        }
