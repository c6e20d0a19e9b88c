"""Form fields every app uses. Only what belongs to no domain: see the README of ``core``."""

from __future__ import annotations

from typing import Any

from django import forms


class UnitChoiceField(forms.ModelChoiceField):
    """A unit select shows the unit's ``label`` (``Organization.label``: “Sở Nội vụ — HN-SNV ·
    Hà Nội”), so units of the same name are told apart. Give it a queryset with
    ``select_related("authority")`` (``clusters.selectors.units_active_in_year`` and
    ``cluster_year_units`` do). Lives in ``core`` so that every app, ``accounts`` included, uses
    this one label."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several units, each shown by its ``label`` (see ``UnitChoiceField``)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)
