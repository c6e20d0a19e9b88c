"""The registry of conference agenda links (``clusters.agenda``): typed entries, unique slugs,
page order, and the two apps that fill it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from thidua.clusters.agenda import AGENDA_LINKS, AgendaLink, AgendaStatus, register_agenda_link

pytestmark = pytest.mark.unit


def _nothing(cluster_year: Any) -> None:
    return None


def test_a_second_link_with_the_same_slug_fails_loudly() -> None:
    with pytest.raises(
        ImproperlyConfigured, match=r"'planning\.summary-report' is registered twice"
    ):
        register_agenda_link(AgendaLink("planning.summary-report", 1, "Trùng", _nothing, _nothing))


def test_the_links_of_planning_and_the_start_of_year_are_registered_in_order() -> None:
    assert [(link.slug, link.order, str(link.label)) for link in AGENDA_LINKS] == [
        ("planning.summary-report", 10, "Báo cáo tổng kết"),
        ("start_of_year.pledge-next-year", 50, "Giao ước thi đua năm sau"),
    ]


def test_a_registered_link_is_found_by_slug_and_can_be_removed() -> None:
    link = register_agenda_link(AgendaLink("tests.extra", 99, "Thử", _nothing, _nothing))
    try:
        assert (AGENDA_LINKS.get("tests.extra"), "tests.extra" in AGENDA_LINKS) == (link, True)
        assert [entry.slug for entry in AGENDA_LINKS][-1] == "tests.extra"
    finally:
        AGENDA_LINKS.remove("tests.extra")
    assert AGENDA_LINKS.get("tests.extra") is None


def test_a_status_is_a_value() -> None:
    status = AgendaStatus("Đã thông qua ngày 20/12/2023", done=True)
    assert status == AgendaStatus("Đã thông qua ngày 20/12/2023", done=True)
    with pytest.raises(AttributeError):
        status.done = False  # type: ignore[misc]
