"""Issuing a numbered document (N-7, N-8): the next number of the head unit's register in the
cluster's series, the date chosen by the person issuing; until then a blank number for the
records clerk; never the print date."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.conftest import World
from tests.documents.conftest import content_of
from tests.documents.pdftools import text_heights, text_of
from thidua.audit.models import AuditEvent
from thidua.documents.generate import render_kind
from thidua.documents.models import DocumentNumber
from thidua.documents.registry import KINDS, DocumentKind, register_document
from thidua.documents.services import issue_document

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

EVENT_DAY = dt.date(2023, 12, 20)


def _build(*, cluster_year: object, user: object = None, **options: object) -> object:
    content = content_of("documents_test/plain.html")
    return content.__class__(
        template_name=content.template_name,
        context={**content.context, "doc": {**content.context["doc"], "number": "", "date": None}},
        filename=content.filename,
    )


@pytest.fixture
def numbered_kind(test_templates: Path, world: World) -> Iterator[DocumentKind]:
    world.cy.cluster.number = 6
    world.cy.cluster.save()
    kind = DocumentKind(
        slug="numbered-test",
        title="Biên bản (thử nghiệm)",
        build=_build,  # type: ignore[arg-type]
        permission="documents.print_member_list",
        dated_by=lambda cluster_year: EVENT_DAY,
        type_code="BB",
    )
    register_document(kind)
    yield kind
    KINDS.remove(kind.slug)


def test_before_issuing_the_number_is_left_blank_for_the_clerk(
    numbered_kind: DocumentKind, world: World
) -> None:
    text = text_of(render_kind(numbered_kind, cluster_year=world.cy, fmt="pdf").data)
    assert "Số: /BB-CTĐ6" in " ".join(text.replace("\u00a0", " ").split())
    assert "ngày tháng năm" in " ".join(text.replace("\u00a0", " ").split())


def test_issuing_takes_the_next_number_and_the_chosen_date(
    numbered_kind: DocumentKind, world: World
) -> None:
    entry = issue_document(
        kind=numbered_kind, cluster_year=world.cy, document_date=EVENT_DAY, user=world.secretariat
    )
    assert (entry.number, entry.issuer, entry.year, entry.document_date) == (
        "01/BB-CTĐ6",
        world.head,
        2023,
        EVENT_DAY,
    )
    text = text_of(render_kind(numbered_kind, cluster_year=world.cy, fmt="pdf").data)
    assert "Số: 01/BB-CTĐ6" in text
    assert "ngày 20 tháng 12 năm 2023" in text
    event = AuditEvent.objects.get(action="documents.number_issued")
    assert event.after["document_date"] == "2023-12-20"
    with pytest.raises(ValidationError, match="đã được cấp số 01/BB-CTĐ6 ngày 20/12/2023"):
        issue_document(
            kind=numbered_kind, cluster_year=world.cy, document_date=EVENT_DAY, user=None
        )
    assert DocumentNumber.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (None, "Cần chọn ngày"),
        (dt.date(2100, 1, 1), "không thể sau hôm nay"),
    ],
    ids=["no-date", "future"],
)
def test_bad_dates_change_nothing(
    numbered_kind: DocumentKind, world: World, day: dt.date | None, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        issue_document(kind=numbered_kind, cluster_year=world.cy, document_date=day, user=None)
    assert not DocumentNumber.objects.exists()


def test_a_cluster_year_without_a_head_cannot_issue(
    numbered_kind: DocumentKind, world: World
) -> None:
    world.cy.head = None
    world.cy.save()
    with pytest.raises(ValidationError, match="Chưa có đơn vị cụm trưởng"):
        issue_document(
            kind=numbered_kind, cluster_year=world.cy, document_date=EVENT_DAY, user=None
        )


def _issue_url(world: World, slug: str) -> str:
    return reverse(
        "documents:issue", kwargs={"code": world.cy.cluster.code, "year": 2023, "slug": slug}
    )


def test_the_page_issues_and_shows_the_number(
    client: Client, numbered_kind: DocumentKind, world: World
) -> None:
    client.force_login(world.secretariat)
    page = client.get(reverse("documents:cluster_year", args=[world.cy.cluster.code, 2023]))
    assert 'value="2023-12-20"' in page.content.decode()  # the event's date, proposed
    response = client.post(
        _issue_url(world, numbered_kind.slug), {"document_date": "2023-12-20"}, follow=True
    )
    body = response.content.decode()
    assert "Đã cấp số 01/BB-CTĐ6" in body
    assert "01/BB-CTĐ6, ngày 20/12/2023" in body
    again = client.post(
        _issue_url(world, numbered_kind.slug), {"document_date": "2023-12-21"}, follow=True
    )
    assert "đã được cấp số" in again.content.decode()
    bad = client.post(_issue_url(world, numbered_kind.slug), {"document_date": "20/13/2023"})
    assert bad.status_code == 302
    assert DocumentNumber.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("board", 302), ("viewer", 403), ("officer", 403), ("outsider", 404)],
)
def test_who_may_issue(
    client: Client, numbered_kind: DocumentKind, world: World, persona: str, status: int
) -> None:
    client.force_login(world.user(persona))
    response = client.post(_issue_url(world, numbered_kind.slug), {"document_date": "2023-12-20"})
    assert response.status_code == status
    assert DocumentNumber.objects.exists() == (status == 302)


def test_an_unnumbered_kind_has_nothing_to_issue(client: Client, world: World) -> None:
    client.force_login(world.secretariat)
    response = client.post(_issue_url(world, "member-list"), {"document_date": "2023-12-20"})
    assert response.status_code == 404


def test_the_number_is_level_with_the_date_line(numbered_kind: DocumentKind, world: World) -> None:
    from docx import Document

    issue_document(kind=numbered_kind, cluster_year=world.cy, document_date=EVENT_DAY, user=None)
    pdf = render_kind(numbered_kind, cluster_year=world.cy, fmt="pdf").data
    heights = text_heights(pdf)
    number = next(y for text, y in heights if text.startswith("Số:"))
    date = next(y for text, y in heights if "ngày 20 tháng 12" in text)
    assert abs(number - date) < 3  # points: the same line, whatever the sizes (13 and 14 pt)
    docx = Document(io.BytesIO(render_kind(numbered_kind, cluster_year=world.cy, fmt="docx").data))
    header = docx.tables[0]
    row = next(r for r in header.rows if "Số:" in r.cells[0].text)
    assert "ngày 20 tháng 12 năm 2023" in row.cells[1].text


def test_a_document_that_cannot_be_printed_yet_cannot_be_issued(
    client: Client, world: World
) -> None:
    """No pledge this year: the pledge has nothing to number, on the page or in the service."""
    from thidua.documents.registry import get_document_kind

    pledge = get_document_kind("pledge")
    with pytest.raises(ValidationError, match="chưa có giao ước"):
        issue_document(kind=pledge, cluster_year=world.cy, document_date=EVENT_DAY, user=None)
    client.force_login(world.secretariat)
    page = client.get(reverse("documents:cluster_year", args=[world.cy.cluster.code, 2023]))
    assert f'action="{_issue_url(world, "pledge")}"' not in page.content.decode()
    assert not DocumentNumber.objects.exists()
