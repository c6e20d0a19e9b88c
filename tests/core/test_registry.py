"""Registries (cluster-year sections, home panels, document kinds): typed entries, unique slugs."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from thidua.clusters.sections import SECTIONS, Section, register_section
from thidua.core.cards import Card, as_card
from thidua.documents.member_list import MEMBER_LIST
from thidua.documents.registry import KINDS, DocumentKind, register_document
from thidua.home.panels import PANELS

pytestmark = pytest.mark.unit


def no_card(*args: Any) -> None:
    return None


def test_a_second_section_with_the_same_slug_fails_loudly() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"'start_of_year\.pledge' is registered twice"):
        register_section(Section("start_of_year.pledge", 1, no_card))


def test_a_second_document_kind_with_the_same_slug_fails_loudly() -> None:
    with pytest.raises(ImproperlyConfigured, match="'member-list' is registered twice"):
        register_document(MEMBER_LIST)


def test_a_document_kind_needs_a_declared_permission() -> None:
    kind = DocumentKind(
        slug="typo-test",
        title="Thử",
        build=MEMBER_LIST.build,
        permission="documents.print_membr_list",
    )
    with pytest.raises(
        ImproperlyConfigured, match=r"'documents\.print_membr_list' is not declared"
    ):
        register_document(kind)
    assert "typo-test" not in KINDS


def test_sections_are_in_page_order() -> None:
    assert [section.slug for section in SECTIONS] == [
        "clusters.predecessor",
        "planning.plans",
        "start_of_year.pledge",
        "start_of_year.registrations",
        "planning.drives",
        "scoring.scores",
        "planning.summary-report",
        "voting.conference",
        "start_of_year.follow_up",
        "documents.member_list_pdf",
        "documents.member_list_docx",
        "documents.all",
    ]


def test_home_panels_are_listed_in_page_order() -> None:
    assert [panel.slug for panel in PANELS] == [
        "start_of_year.late_units",
        "start_of_year.unit_todo",
        "planning.drive_report",
        "scoring.pending_sheet",
        "planning.movements",
        "scoring.verification",
    ]


def test_every_document_kind_names_a_permission_and_the_kinds_are_listed_by_slug() -> None:
    assert [(kind.slug, kind.permission) for kind in KINDS] == [
        ("conference-minutes", "voting.print_minutes"),
        ("member-list", "documents.print_member_list"),
        ("pledge", "start_of_year.view_pledge"),
        ("registration-summary", "start_of_year.view_pledge"),
        ("score-matrix", "scoring.view_ranking"),
        ("score-summary", "scoring.view_ranking"),
        ("vote-count-minutes", "voting.print_minutes"),
    ]


def test_a_contributed_mapping_becomes_a_card_and_a_card_stays_one() -> None:
    card = Card(title="Giao ước", url="/cycle/", summary="")
    assert as_card({"title": "Giao ước", "url": "/cycle/"}) == card
    assert as_card(card) is card
    with pytest.raises(KeyError):
        as_card({"title": "Không có địa chỉ"})
