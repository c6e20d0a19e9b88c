"""/documents/<slug>/<cluster>/<year>.<fmt>: who may download, what is served and recorded."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.documents.models import GeneratedDocument
from thidua.documents.registry import DocumentKind
from thidua.documents.views import content_disposition

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PDF_URL = "/documents/member-list/HN-C06/2023.pdf"
DOCX_URL = "/documents/member-list/HN-C06/2023.docx"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def client_for(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


@pytest.mark.parametrize("persona", ["board", "officer", "secretariat", "council", "admin"])
def test_people_who_see_the_cluster_year_download_the_member_list_pdf(
    world: World, persona: str
) -> None:
    response = client_for(world, persona).get(PDF_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="danh-sach-thanh-vien-HN-C06-2023.pdf"; '
        "filename*=UTF-8''danh-sach-thanh-vien-HN-C06-2023.pdf"
    )
    assert response.content.startswith(b"%PDF-")


def test_docx_is_served_as_an_attachment_and_recorded_with_its_hash(world: World) -> None:
    response = client_for(world, "officer").get(DOCX_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"].startswith(
        'attachment; filename="danh-sach-thanh-vien-HN-C06-2023.docx"'
    )
    assert response.content[:2] == b"PK"
    record = GeneratedDocument.objects.get()
    assert (record.kind, record.cluster_year, record.format, record.channel) == (
        "member-list",
        world.cy,
        "docx",
        "web",
    )
    assert record.generated_by == world.officer
    assert record.sha256 == hashlib.sha256(response.content).hexdigest()
    assert record.size == len(response.content)
    event = AuditEvent.objects.get(action="documents.generated")
    assert (event.object_id, event.actor_id) == (str(record.pk), world.officer.pk)
    assert event.after["sha256"] == record.sha256
    assert (record.mode, event.after["mode"]) == ("original", "original")


def test_a_copy_is_recorded_as_a_copy_and_the_history_says_so(world: World) -> None:
    client = client_for(world, "board")
    assert client.get(PDF_URL + "?ban=copy").status_code == 200

    record = GeneratedDocument.objects.get()
    assert record.mode == "copy"
    event = AuditEvent.objects.get(action="documents.generated")
    assert event.after["mode"] == "copy"
    page = client.get("/documents/HN-C06/2023/").content.decode()
    assert f"{record.filename} (bản sao)" in page


@pytest.mark.parametrize("persona", ["outsider", "other_board"])
def test_people_outside_the_scope_get_404_and_nothing_is_recorded(
    world: World, persona: str
) -> None:
    response = client_for(world, persona).get(PDF_URL)

    assert response.status_code == 404
    assert GeneratedDocument.objects.count() == 0
    assert AuditEvent.objects.filter(action="documents.generated").count() == 0


def test_a_kind_the_user_may_not_view_is_403(world: World, secret_kind: DocumentKind) -> None:
    response = client_for(world, "board").get("/documents/secret-test/HN-C06/2023.pdf")

    assert response.status_code == 403
    assert GeneratedDocument.objects.count() == 0


def test_outside_the_scope_is_404_before_the_kind_is_asked(
    world: World, secret_kind: DocumentKind
) -> None:
    response = client_for(world, "outsider").get("/documents/secret-test/HN-C06/2023.pdf")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/documents/no-such-kind/HN-C06/2023.pdf",
        "/documents/member-list/HN-C06/2023.odt",
        "/documents/member-list/HN-C06/1999.pdf",
        "/documents/member-list/NO-SUCH/2023.pdf",
    ],
)
def test_unknown_kind_format_year_or_cluster_is_404(world: World, url: str) -> None:
    response = client_for(world, "board").get(url)

    assert response.status_code == 404


def test_anonymous_users_are_sent_to_the_login_page(world: World) -> None:
    response = Client().get(PDF_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={PDF_URL}"


def test_post_is_not_allowed(world: World) -> None:
    response = client_for(world, "board").post(PDF_URL)

    assert response.status_code == 405


def test_cluster_year_page_links_to_the_member_list_pdf_and_docx(world: World) -> None:
    response = client_for(world, "officer").get("/clusters/HN-C06/2023/")

    content = response.content.decode()
    assert response.status_code == 200
    assert f'href="{PDF_URL}"' in content
    assert f'href="{DOCX_URL}"' in content
    assert "Danh sách thành viên (PDF)" in content


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        (
            "giao-ước-HN-C10-2020.pdf",
            'attachment; filename="giao-uoc-HN-C10-2020.pdf"; '
            "filename*=UTF-8''giao-%C6%B0%E1%BB%9Bc-HN-C10-2020.pdf",
        ),
        (
            "Biên bản họp Đoàn.docx",
            'attachment; filename="Bien-ban-hop-Doan.docx"; '
            "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20%C4%90o%C3%A0n.docx",
        ),
    ],
)
def test_filenames_are_ascii_safe_with_the_utf8_original(filename: str, expected: Any) -> None:
    assert content_disposition(filename, inline=False) == expected


def test_documents_page_lists_the_kinds_and_shows_history_to_managers(
    world: World, secret_kind: DocumentKind
) -> None:
    client_for(world, "officer").get(PDF_URL)
    page = client_for(world, "secretariat").get("/documents/HN-C06/2023/")

    content = page.content.decode()
    assert page.status_code == 200
    assert f'href="{PDF_URL}"' in content
    assert "secret-test" not in content  # nobody may print it
    assert "Lịch sử văn bản đã tạo" in content
    assert "danh-sach-thanh-vien-HN-C06-2023.pdf" in content
    assert "Tải về trên trang" in content


def test_documents_page_hides_the_history_from_member_units(world: World) -> None:
    page = client_for(world, "officer").get("/documents/HN-C06/2023/")

    assert page.status_code == 200
    assert "Lịch sử văn bản đã tạo" not in page.content.decode()


def test_documents_page_is_404_outside_the_scope(world: World) -> None:
    page = client_for(world, "outsider").get("/documents/HN-C06/2023/")

    assert page.status_code == 404


@pytest.mark.parametrize("extra_rows", [1, 8])
def test_documents_page_runs_a_constant_number_of_queries(
    world: World, extra_rows: int, django_assert_num_queries: Any
) -> None:
    for index in range(extra_rows):
        GeneratedDocument.objects.create(
            kind="member-list",
            title="Danh sách",
            cluster_year=world.cy,
            format="pdf",
            filename=f"f{index}.pdf",
            sha256="0" * 64,
            size=1,
            channel="web",
            generated_by=world.board,
        )
    client = client_for(world, "board")
    # + 3: the date the dated kinds will carry (the pledge: current, then draft; the scoring
    # round), looked up once per kind both to warn of a document printed with blank dates and to
    # propose the date of issuing a numbered kind; + 1: whether the year has a conference (who
    # may print the two voting minutes); + 1: the numbers issued
    with django_assert_num_queries(10):
        client.get("/documents/HN-C06/2023/")
