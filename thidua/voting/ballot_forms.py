"""Input validation of the ballot pages; the services save."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardType
from thidua.clusters.candidates import ProposedCandidate
from thidua.organizations.models import Organization
from thidua.voting.enums import BallotMode, BallotPurpose
from thidua.voting.models import Candidate, Eligibility
from thidua.voting.services.casting import PaperEntry
from thidua.voting.services.recorded import Counts, Minutes, RecordedResult

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def count_field(label: Any, minimum: int = 0) -> forms.IntegerField:
    """A number of ballots or votes, with Vietnamese messages for bad input."""
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        initial=0,
        error_messages={
            "invalid": _("Nhập một số nguyên."),
            "min_value": _("Không được nhỏ hơn %(limit_value)s."),
            "required": _("Nhập số (0 nếu không có)."),
        },
    )


MODES = [
    (BallotMode.ONLINE, _("Trực tuyến")),
    (BallotMode.PAPER, _("Phiếu giấy")),
    (BallotMode.MIXED, _("Cả hai")),
]


class BallotCreateForm(forms.Form):
    """What to vote on: an award of the year's rules, or next year's head or deputy."""

    purpose = forms.ChoiceField(label=_("Nội dung bỏ phiếu"))
    mode = forms.ChoiceField(label=_("Hình thức"), choices=MODES, initial=BallotMode.ONLINE)
    title = forms.CharField(
        label=_("Tiêu đề (để trống: đặt tự động)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, award_types: Sequence[AwardType], noun: str, **kw: Any):
        super().__init__(*args, **kw)
        self.award_types = {str(a.pk): a for a in award_types}
        field = self.fields["purpose"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            *((f"acclaim-{a.pk}", _("Suy tôn: {award}").format(award=a.name)) for a in award_types),
            (BallotPurpose.HEAD, _("Bầu đơn vị {noun} trưởng năm sau").format(noun=noun)),
            (BallotPurpose.DEPUTY, _("Bầu đơn vị {noun} phó năm sau").format(noun=noun)),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value = str(data.get("purpose") or "")
        if value.startswith("acclaim-"):
            data["purpose"] = BallotPurpose.ACCLAIM
            data["award_type"] = self.award_types.get(value.removeprefix("acclaim-"))
        else:
            data["award_type"] = None
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=300)


class CandidatesForm(forms.Form):
    """The list as edited on the page: an order number and a "bỏ" box per candidate, one unit to
    add. ``cleaned_data["proposed"]`` is the new list for ``set_candidates``."""

    add = forms.TypedChoiceField(label=_("Thêm đơn vị"), coerce=int, required=False)

    def __init__(
        self,
        *args: Any,
        candidates: Sequence[Candidate],
        addable: Sequence[Organization],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.candidates = list(candidates)
        self.addable = {o.pk: o for o in addable}
        field = self.fields["add"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *((o.pk, o.name) for o in addable)]
        for c in self.candidates:
            self.fields[f"order-{c.uuid}"] = forms.IntegerField(
                label=_("Thứ tự của {name}").format(name=c.label),
                min_value=1,
                initial=c.order,
                error_messages={"invalid": _("Thứ tự phải là số nguyên dương.")},
            )
            self.fields[f"remove-{c.uuid}"] = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        kept = [
            (data[f"order-{c.uuid}"], c.order, c)
            for c in self.candidates
            if not data.get(f"remove-{c.uuid}")
        ]
        kept.sort(key=lambda row: (row[0], row[1]))
        proposed = [
            ProposedCandidate(
                organization=c.organization,  # type: ignore[arg-type]
                rank=c.ranking_position,
                score=c.ranking_score,
                registered=c.registered,
            )
            for _order, _old, c in kept
        ]
        added = data.get("add")
        if added:
            proposed.append(ProposedCandidate(organization=self.addable[added]))
        data["proposed"] = proposed
        return data


class PaperTallyForm(forms.Form):
    """The counting committee's count: which present units voted on paper, the ballots received,
    valid and invalid, and per candidate the yes and no votes."""

    voters = forms.TypedMultipleChoiceField(
        label=_("Đơn vị bỏ phiếu giấy"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    received = count_field(_("Số phiếu thu về"), 0)
    valid = count_field(_("Số phiếu hợp lệ"), 0)
    invalid = count_field(_("Số phiếu không hợp lệ"), 0)

    def __init__(
        self,
        *args: Any,
        candidates: Sequence[Candidate],
        voters: Sequence[Eligibility],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.candidates = list(candidates)
        self.units = {e.organization_id: e.organization for e in voters}
        field = self.fields["voters"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(e.organization_id, e.organization.name) for e in voters]
        for c in self.candidates:
            for mark, label in (("yes", _("tán thành")), ("no", _("không tán thành"))):
                self.fields[f"{mark}-{c.uuid}"] = count_field(f"{c.label}: {label}")

    def entry(self) -> PaperEntry:
        data = self.cleaned_data
        return PaperEntry(
            received=data["received"],
            valid=data["valid"],
            invalid=data["invalid"],
            counts={
                str(c.uuid): (data[f"yes-{c.uuid}"], data[f"no-{c.uuid}"]) for c in self.candidates
            },
            voters=[self.units[pk] for pk in data["voters"]],
        )


class RecordForm(BallotCreateForm):
    """One question of a conference held on paper, from its minutes: the totals, and per member
    unit whether it was a candidate, its yes and no votes and whether it was acclaimed/elected."""

    held_on = forms.DateField(label=_("Ngày họp (dd/mm/yyyy)"), input_formats=DATE_FORMATS)
    minutes_number = forms.CharField(label=_("Số biên bản"), max_length=100, required=False)
    minutes_date = forms.DateField(
        label=_("Ngày biên bản (dd/mm/yyyy)"), input_formats=DATE_FORMATS
    )
    present = count_field(_("Số đơn vị có mặt"), 1)
    received = count_field(_("Số phiếu thu về"), 0)
    valid = count_field(_("Số phiếu hợp lệ"), 0)
    invalid = count_field(_("Số phiếu không hợp lệ"), 0)

    def __init__(self, *args: Any, members: Sequence[Organization], **kw: Any) -> None:
        super().__init__(*args, **kw)
        del self.fields["mode"]
        self.members = list(members)
        for unit in self.members:
            self.fields[f"cand-{unit.pk}"] = forms.BooleanField(required=False)
            self.fields[f"yes-{unit.pk}"] = count_field(
                _("{unit}: tán thành").format(unit=unit.name)
            )
            self.fields[f"no-{unit.pk}"] = count_field(
                _("{unit}: không tán thành").format(unit=unit.name)
            )
            self.fields[f"elected-{unit.pk}"] = forms.BooleanField(required=False)

    def unit_rows(self) -> list[tuple[Organization, Any, Any, Any, Any]]:
        return [
            (
                u,
                self[f"cand-{u.pk}"],
                self[f"yes-{u.pk}"],
                self[f"no-{u.pk}"],
                self[f"elected-{u.pk}"],
            )
            for u in self.members
        ]

    def minutes(self) -> Minutes:
        data = self.cleaned_data
        return Minutes(data["held_on"], data["minutes_date"], data["minutes_number"])

    def counts(self) -> Counts:
        data = self.cleaned_data
        return Counts(data["present"], data["received"], data["valid"], data["invalid"])

    def results(self) -> list[RecordedResult]:
        data = self.cleaned_data
        return [
            RecordedResult(
                organization=u,
                yes=data[f"yes-{u.pk}"],
                no=data[f"no-{u.pk}"],
                elected=bool(data[f"elected-{u.pk}"]),
            )
            for u in self.members
            if data[f"cand-{u.pk}"] or data[f"elected-{u.pk}"]
        ]
