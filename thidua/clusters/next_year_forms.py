"""Forms of opening the next year and of recording a past year's heads (input only; the
services write)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.clusters.enums import HeadsStatus
from thidua.clusters.models import ClusterYear
from thidua.clusters.next_year import NextYearProposal
from thidua.clusters.selectors import cluster_year_units
from thidua.core.forms import UnitChoiceField, UnitMultipleChoiceField
from thidua.organizations.models import Organization

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NextYearForm(forms.Form):
    members = UnitMultipleChoiceField(
        label=_("Thành viên năm mới"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cần chọn ít nhất một đơn vị thành viên cho năm mới.")},
    )
    head = UnitChoiceField(
        label=_("Đơn vị trưởng"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Chưa chọn"),
    )
    deputy = UnitChoiceField(
        label=_("Đơn vị phó"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Chưa chọn"),
    )
    decision_ref = forms.CharField(
        label=_("Văn bản bầu / phân công"), required=False, max_length=200
    )
    decision_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE_WIDGET)
    carryovers = forms.MultipleChoiceField(
        label=_("Sao chép sang năm mới"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, proposal: NextYearProposal, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "members": proposal.checked_ids,
                "head": proposal.head.pk if proposal.head else None,
                "deputy": proposal.deputy.pk if proposal.deputy else None,
                "carryovers": [c.slug for c in proposal.carryovers if c.available],
            },
        )
        super().__init__(*args, **kwargs)
        units = (
            Organization.objects.filter(pk__in=[unit.organization.pk for unit in proposal.units])
            .select_related("authority")
            .order_by("sort_key")
        )
        for name in ("members", "head", "deputy"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]
        self.fields["head"].label = proposal.source.head_label
        self.fields["deputy"].label = proposal.source.deputy_label
        self.fields["carryovers"].choices = [  # type: ignore[attr-defined]
            (c.slug, c.label) for c in proposal.carryovers if c.available
        ]


class PastHeadsForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=HeadsStatus.choices)
    head = UnitChoiceField(
        label=_("Đơn vị trưởng"), queryset=Organization.objects.none(), required=False
    )
    deputy = UnitChoiceField(
        label=_("Đơn vị phó"), queryset=Organization.objects.none(), required=False
    )
    decision_ref = forms.CharField(
        label=_("Văn bản nguồn (số quyết định, biên bản)"),
        required=False,
        max_length=200,
        help_text=_("Ví dụ: Biên bản hội nghị ký kết giao ước số 01/BB-CTĐ."),
    )
    decision_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE_WIDGET)

    def __init__(
        self,
        *args: Any,
        cluster_year: ClusterYear,
        units: Sequence[Organization] | None = None,
        **kwargs: Any,
    ) -> None:
        """``units``: as for ``clusters.forms.HeadsForm``."""
        super().__init__(*args, **kwargs)
        for name in ("head", "deputy"):
            field: Any = self.fields[name]
            field.queryset = cluster_year_units(cluster_year)
            if units is not None:
                field.offer(units)
        self.fields["head"].label = cluster_year.head_label
        self.fields["deputy"].label = cluster_year.deputy_label
