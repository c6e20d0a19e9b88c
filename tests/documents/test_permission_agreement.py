"""Every action of documents × every persona × each cluster year (or issuing unit): the page,
the download view and the service give the same answer as ``user.has_perm``.

Printing a kind is asked with its own permission (``DocumentKind.permission``); the kinds of the
start of the year and of scoring use permissions of those apps, walked by their own tests.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.permissions import denial_reason
from thidua.documents.enums import Channel
from thidua.documents.generate import generate_and_record
from thidua.documents.member_list import MEMBER_LIST
from thidua.documents.registry import get_document_kind
from thidua.documents.services import issue_document, issue_document_number

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "documents.print_member_list",
    "documents.view_history",
    "documents.issue_number",
    "documents.issue_document",
}
PERSONAS = [
    "admin",
    "board",
    "other_board",
    "secretariat",
    "officer",
    "leader",
    "council",
    "viewer",
    "outsider",
    "deputy_officer",
]


def _years(world: World) -> list[ClusterYear]:
    return [world.cy, world.other_cy]


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_printing_the_member_list_agrees_with_the_permission(world: World, persona: str) -> None:
    user = world.user(persona)
    client = _client(world, persona)
    visible = set(cluster_years_for_user(user))
    for cy in _years(world):
        allowed = user.has_perm("documents.print_member_list", cy)
        url = f"/documents/member-list/{cy.cluster.code}/{cy.year}.docx"
        listing = client.get(f"/documents/{cy.cluster.code}/{cy.year}/")
        download = client.get(url)
        if cy not in visible:
            assert (allowed, listing.status_code, download.status_code) == (False, 404, 404)
        else:
            assert (url in listing.content.decode(), download.status_code) == (
                (True, 200) if allowed else (False, 403)
            ), cy
        try:
            generate_and_record(
                MEMBER_LIST, cluster_year=cy, fmt="docx", channel=Channel.WEB, user=user
            )
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, "documents.print_member_list", cy)
        assert refused == (not allowed), cy


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_history_of_printed_documents_agrees_with_the_permission(
    world: World, persona: str
) -> None:
    user = world.user(persona)
    client = _client(world, persona)
    visible = set(cluster_years_for_user(user))
    for cy in _years(world):
        allowed = user.has_perm("documents.view_history", cy)
        page = client.get(f"/documents/{cy.cluster.code}/{cy.year}/")
        if cy not in visible:
            assert (allowed, page.status_code) == (False, 404)
        else:
            assert ("Lịch sử văn bản đã tạo" in page.content.decode()) == allowed, cy


@pytest.mark.parametrize("persona", PERSONAS)
def test_taking_a_document_number_agrees_with_the_permission(world: World, persona: str) -> None:
    user = world.user(persona)
    for issuer in (world.head, world.member, world.deputy, world.outsider_org):
        allowed = user.has_perm("documents.issue_number", issuer)
        try:
            issue_document_number(issuer=issuer, year=2024, type_code="GƯ", user=user)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, "documents.issue_number", issuer)
        assert refused == (not allowed), issuer


@pytest.mark.parametrize(
    ("persona", "issuers"),
    [
        ("admin", ["head", "member", "deputy", "outsider_org"]),
        ("secretariat", ["head"]),
        ("officer", ["member"]),
        ("leader", ["member"]),
        ("deputy_officer", ["deputy"]),
        ("outsider", ["outsider_org"]),
        ("board", []),
        ("council", []),
        ("viewer", []),
    ],
)
def test_who_takes_numbers_of_which_unit(world: World, persona: str, issuers: list[str]) -> None:
    user = world.user(persona)
    assert [
        name
        for name in ("head", "member", "deputy", "outsider_org")
        if user.has_perm("documents.issue_number", getattr(world, name))
    ] == issuers


@pytest.mark.parametrize("persona", PERSONAS)
def test_issuing_a_cluster_document_agrees_with_the_permission(world: World, persona: str) -> None:
    """The documents page (the form), the issue view and the service answer alike."""
    import datetime as dt

    from django.core.exceptions import ValidationError

    from thidua.documents.models import DocumentNumber

    kind = get_document_kind("conference-minutes")
    assert kind is not None and kind.type_code
    user = world.user(persona)
    client = _client(world, persona)
    visible = set(cluster_years_for_user(user))
    for cy in _years(world):
        allowed = user.has_perm("documents.issue_document", cy)
        url = f"/documents/{cy.cluster.code}/{cy.year}/conference-minutes/issue/"
        response = client.post(url, {"document_date": "2024-02-22"})
        if cy not in visible:
            assert (allowed, response.status_code) == (False, 404)
        else:
            assert response.status_code == (302 if allowed else 403), cy
        try:
            issue_document(
                kind=kind, cluster_year=cy, document_date=dt.date(2024, 2, 22), user=user
            )
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, "documents.issue_document", cy)
        except ValidationError:  # allowed, but no conference this year: nothing to number
            refused = False
        assert refused == (not allowed), cy
    assert not DocumentNumber.objects.exists()
