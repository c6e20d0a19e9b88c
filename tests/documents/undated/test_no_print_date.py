"""Documents never fall back silently to the print date: a document without a date of its own
prints ``ngày … tháng … năm …`` to fill by hand, and the page offering it says so. The heads of a
year without records print as "không rõ (không có hồ sơ)", distinct from "chưa chọn"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from tests.conftest import World
from tests.documents.pdftools import text_of
from tests.factories_start_of_year import make_pledge
from thidua.accounts.models import User
from thidua.clusters.enums import HeadsStatus
from thidua.clusters.models import ClusterYear
from thidua.documents.formatting import nd30_date
from thidua.documents.registry import UNDATED_WARNING, get_document_kind
from thidua.documents.rendering import render_pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BLANK_DATE = "ngày tháng năm"  # the blanks, as the PDF's text reads them back


def _pdf(slug: str, cluster_year: ClusterYear) -> str:
    kind = get_document_kind(slug)
    assert kind is not None
    return text_of(render_pdf(kind.build(cluster_year=cluster_year)))


def _today() -> str:
    return nd30_date(timezone.localdate()).lower()


@pytest.mark.parametrize("slug", ["member-list", "registration-summary", "score-summary"])
def test_a_document_without_a_date_prints_blanks_not_today(
    world: World, leaders: dict[str, User], slug: str
) -> None:
    if slug == "score-summary":
        from tests.factories_scoring import build_criteria_set

        build_criteria_set(world.cy, world.board)  # adopted, results not approved: no date
    text = _pdf(slug, world.cy)
    assert BLANK_DATE in text.lower()
    assert _today() not in text.lower()


def test_a_pledge_in_force_carries_the_day_it_came_into_force_not_the_print_day(
    world: World, leaders: dict[str, User]
) -> None:
    from thidua.start_of_year.services.signatures import sign_pledge

    with freeze_time("2023-03-01 09:00:00+07:00"):
        pledge = make_pledge(world.cy, world.secretariat)
        sign_pledge(pledge=pledge, by=leaders["head"], organization=world.head)
        sign_pledge(pledge=pledge, by=leaders["deputy"], organization=world.deputy)
        sign_pledge(pledge=pledge, by=world.leader, organization=world.member)
    text = _pdf("pledge", world.cy)
    assert "Hà Nội, ngày 01 tháng 3 năm 2023" in text
    assert _today() not in text.lower()


def test_the_documents_page_warns_of_the_undated_kinds(client: Client, world: World) -> None:
    client.force_login(world.board)
    page = client.get("/documents/HN-C06/2023/").content.decode()
    assert str(UNDATED_WARNING) in page


def test_the_registrations_page_warns_that_the_summary_prints_blank_dates(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    client.force_login(world.board)
    page = client.get("/start-of-year/HN-C06/2023/registrations/").content.decode()
    assert str(UNDATED_WARNING) in page


def test_member_list_tells_unknown_heads_from_not_chosen(world: World) -> None:
    ClusterYear.objects.filter(pk=world.cy.pk).update(
        head=None, deputy=None, heads_status=HeadsStatus.UNKNOWN
    )
    unknown = _pdf("member-list", ClusterYear.objects.get(pk=world.cy.pk))
    assert "Cụm trưởng: không rõ (không có hồ sơ)" in unknown
    ClusterYear.objects.filter(pk=world.cy.pk).update(heads_status=HeadsStatus.NOT_CHOSEN_YET)
    not_chosen = _pdf("member-list", ClusterYear.objects.get(pk=world.cy.pk))
    assert "Cụm trưởng: chưa chọn" in not_chosen and "không rõ" not in not_chosen


def test_member_list_names_the_source_of_the_heads(world: World) -> None:
    ClusterYear.objects.filter(pk=world.cy.pk).update(
        deputy=None, head_decision_ref="QĐ số 12/QĐ-CTĐ"
    )
    text = _pdf("member-list", ClusterYear.objects.get(pk=world.cy.pk))
    assert "Cụm phó: chưa chọn" in text
    assert "văn bản bầu / phân công: QĐ số 12/QĐ-CTĐ" in text
