"""Home-page panels: the to-do cards of the domain apps (late units, sheets to score, drives to
report…), chosen by role.

``home`` sits above every domain app, so it lists their panels here, explicitly, as it lists
their URLs: a domain app never imports ``home``. A panel's function takes the request and
returns a :class:`~thidua.core.cards.Card` (or a mapping with ``title``, ``url``, ``summary``),
or ``None`` to stay hidden; it runs a constant number of queries. A second panel with the same
slug fails when the project starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.http import HttpRequest

from thidua.core.cards import Card, as_card
from thidua.core.registry import Registry, page_order
from thidua.planning import panels as planning_panels
from thidua.scoring import panels as scoring_panels
from thidua.start_of_year import panels as start_of_year_panels


class PanelBuilder(Protocol):
    def __call__(self, request: HttpRequest, /) -> Card | Mapping[str, Any] | None: ...


@dataclass(frozen=True)
class Panel:
    slug: str  # "<app>.<what>", unique
    order: int  # smaller first
    build: PanelBuilder


PANELS: Registry[Panel] = Registry("home panels", sort_key=page_order)
for _panel in (
    Panel("start_of_year.late_units", 20, start_of_year_panels.late_panel),
    Panel("start_of_year.unit_todo", 30, start_of_year_panels.unit_todo_panel),
    Panel("planning.drive_report", 40, planning_panels.drive_report_panel),
    Panel("scoring.pending_sheet", 40, scoring_panels.pending_sheet_panel),
    Panel("planning.movements", 45, planning_panels.movements_panel),
    Panel("scoring.verification", 45, scoring_panels.verification_panel),
):
    PANELS.add(_panel)


def panels_for(request: HttpRequest) -> list[Card]:
    """The cards of the panels that have something for this user, in page order."""
    return [as_card(card) for panel in PANELS if (card := panel.build(request))]
