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
    received = forms.IntegerField(label=_("Số phiếu thu về"), min_value=0)
    valid = forms.IntegerField(label=_("Số phiếu hợp lệ"), min_value=0)
    invalid = forms.IntegerField(label=_("Số phiếu không hợp lệ"), min_value=0)

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
                self.fields[f"{mark}-{c.uuid}"] = forms.IntegerField(
                    label=f"{c.label}: {label}", min_value=0, initial=0
                )

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
