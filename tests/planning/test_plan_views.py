"""Plan pages through the client: who may read, draft, comment, adopt; bad input; downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client, override_settings

from tests.conftest import World
from tests.factories_planning import exe_upload, fake_pdf_upload, pdf_upload
from thidua.planning import services
from thidua.planning.models import PlanAttachment, PlanComment, PlanVersion

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BASE = "/planning/HN-C06/2023/plans/"
V1 = BASE + "work-plan/1/"


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def _messages(response: object) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize("persona", ["officer", "council", "viewer", "board", "secretariat"])
def test_people_in_scope_read_the_plans_page(
    world: World, draft: PlanVersion, persona: str
) -> None:
    response = _client(world, persona).get(BASE)
    assert response.status_code == 200
    assert [s.summary for s in response.context["statuses"]] == [
        "Kế hoạch: bản 1, chờ thông qua",
        "Quy chế: chưa có",
    ]


@pytest.mark.parametrize("persona", ["outsider", "other_board"])
def test_people_outside_the_cluster_get_404(world: World, draft: PlanVersion, persona: str) -> None:
    client = _client(world, persona)
    assert [client.get(url).status_code for url in (BASE, V1, BASE + "work-plan/")] == [
        404,
        404,
        404,
    ]


def test_version_page_shows_the_text_and_threads(world: World, draft: PlanVersion) -> None:
    root = services.add_plan_comment(version=draft, author=world.officer, body="Đề nghị bổ sung")
    services.add_plan_comment(
        version=draft, author=world.secretariat, body="Tiếp thu", parent_id=root.pk
    )
    response = _client(world, "council").get(V1)
    assert response.status_code == 200
    threads = response.context["threads"]
    assert [(t.root.body, [r.body for r in t.replies]) for t in threads] == [
        ("Đề nghị bổ sung", ["Tiếp thu"])
    ]
    # Council members read but do not comment, edit or adopt.
    html = response.content.decode()
    assert ("Gửi ý kiến" in html, "Sửa dự thảo" in html, "Ghi nhận thông qua" in html) == (
        False,
        False,
        False,
    )


def test_document_url_redirects_to_the_latest_version(world: World, draft: PlanVersion) -> None:
    response = _client(world, "officer").get(BASE + "work-plan/")
    assert (response.status_code, response["Location"]) == (302, V1)


def test_unknown_kind_is_404(world: World) -> None:
    assert _client(world, "secretariat").get(BASE + "budget/new/").status_code == 404


# ---------------------------------------------------------------- drafting


def test_secretariat_drafts_with_a_pdf(world: World) -> None:
    client = _client(world, "secretariat")
    assert client.get(BASE + "work-plan/new/").status_code == 200
    response = client.post(
        BASE + "work-plan/new/",
        {"title": "Kế hoạch năm 2023", "body": "Nội dung", "new_files": [pdf_upload()]},
    )
    assert (response.status_code, response["Location"]) == (302, V1)
    version = PlanVersion.objects.get()
    assert (version.title, version.created_by) == ("Kế hoạch năm 2023", world.secretariat)
    assert [a.original_name for a in version.attachments.all()] == ["ke-hoach.pdf"]


@pytest.mark.parametrize("persona", ["officer", "council", "viewer", "deputy_officer"])
def test_non_secretariat_cannot_draft(world: World, persona: str) -> None:
    client = _client(world, persona)
    assert client.get(BASE + "rules/new/").status_code == 403
    assert client.post(BASE + "rules/new/", {"title": "Quy chế"}).status_code == 403
    assert PlanVersion.objects.count() == 0


def test_outsider_drafting_gets_404(world: World) -> None:
    assert _client(world, "outsider").post(BASE + "rules/new/", {"title": "X"}).status_code == 404
    assert PlanVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "settings_mb", "message"),
    [
        (exe_upload, 20, "Tệp “virus.exe” không đúng loại. Chỉ nhận: PDF, Word (DOCX)."),
        (fake_pdf_upload, 20, "Nội dung tệp “gia-mao.pdf” không phải PDF hợp lệ."),
        (
            lambda: pdf_upload("lon.pdf", size=1_200_000),
            1,
            "Tệp “lon.pdf” quá lớn (1.1 MB). Tối đa 1 MB.",
        ),
    ],
)
def test_bad_attachment_is_refused_with_a_message_and_nothing_saved(
    world: World, upload: object, settings_mb: int, message: str
) -> None:
    with override_settings(THIDUA_MAX_UPLOAD_MB=settings_mb):
        response = _client(world, "secretariat").post(
            BASE + "work-plan/new/",
            {"title": "Kế hoạch", "new_files": [upload()]},  # type: ignore[operator]
        )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert (PlanVersion.objects.count(), PlanAttachment.objects.count()) == (0, 0)


def test_draft_link_goes_to_the_pending_draft(world: World, draft: PlanVersion) -> None:
    response = _client(world, "secretariat").get(BASE + "work-plan/new/")
    assert (response.status_code, response["Location"]) == (302, V1 + "edit/")


def test_secretariat_edits_a_draft_and_removes_an_attachment(
    world: World, draft: PlanVersion
) -> None:
    services.update_plan_version(
        version=draft, title=draft.title, files=[pdf_upload()], by=world.secretariat
    )
    attachment = draft.attachments.get()
    response = _client(world, "secretariat").post(
        V1 + "edit/",
        {"title": "Kế hoạch (bản sửa)", "body": "Mới", "remove_attachments": [attachment.pk]},
    )
    assert (response.status_code, response["Location"]) == (302, V1)
    draft.refresh_from_db()
    assert (draft.title, draft.attachments.count()) == ("Kế hoạch (bản sửa)", 0)


def test_officer_cannot_edit_a_draft(world: World, draft: PlanVersion) -> None:
    response = _client(world, "officer").post(V1 + "edit/", {"title": "Sửa"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title == "Kế hoạch công tác thi đua, khen thưởng năm 2023"


def test_editing_an_adopted_version_says_why_and_changes_nothing(
    world: World, adopted: PlanVersion
) -> None:
    response = _client(world, "secretariat").post(V1 + "edit/", {"title": "Sửa lén"})
    assert (response.status_code, response["Location"]) == (302, V1)
    assert _messages(response) == [
        "Bản 1 đã được thông qua ngày 10/02/2023 nên không thể sửa. "
        "Muốn thay đổi, hãy tạo bản mới và thông qua lại."
    ]
    adopted.refresh_from_db()
    assert adopted.title == "Kế hoạch công tác thi đua, khen thưởng năm 2023"


# ---------------------------------------------------------------- adoption


def test_secretariat_adopts(world: World, draft: PlanVersion) -> None:
    response = _client(world, "secretariat").post(
        V1 + "adopt/", {"adopted_on": "2023-02-10", "meeting": "Hội nghị triển khai"}
    )
    assert response.status_code == 302
    assert _messages(response) == [
        "Đã ghi nhận thông qua bản 1 ngày 10/02/2023. Bản này đã được khóa."
    ]
    draft.refresh_from_db()
    assert (draft.adopted_on, draft.adopted_at_meeting) == (
        dt.date(2023, 2, 10),
        "Hội nghị triển khai",
    )


def test_officer_cannot_adopt(world: World, draft: PlanVersion) -> None:
    response = _client(world, "officer").post(V1 + "adopt/", {"adopted_on": "2023-02-10"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.adopted_on is None


def test_adopting_again_says_it_is_already_adopted(world: World, adopted: PlanVersion) -> None:
    response = _client(world, "secretariat").post(V1 + "adopt/", {"adopted_on": "2023-03-01"})
    assert _messages(response) == ["Bản 1 đã được thông qua ngày 10/02/2023."]
    adopted.refresh_from_db()
    assert adopted.adopted_on == dt.date(2023, 2, 10)


def test_adoption_without_a_date_says_so(world: World, draft: PlanVersion) -> None:
    response = _client(world, "secretariat").post(V1 + "adopt/", {"adopted_on": ""})
    assert _messages(response) == ["Ngày thông qua: Trường này là bắt buộc."]
    draft.refresh_from_db()
    assert draft.adopted_on is None


# ---------------------------------------------------------------- comments


@pytest.mark.parametrize("persona", ["officer", "deputy_officer", "board", "secretariat", "leader"])
def test_members_board_and_secretariat_comment(
    world: World, draft: PlanVersion, persona: str
) -> None:
    response = _client(world, persona).post(V1 + "comments/", {"body": "Nhất trí"})
    assert (response.status_code, response["Location"]) == (302, V1 + "#comments")
    assert list(PlanComment.objects.values_list("author__username", "body")) == [
        (persona, "Nhất trí")
    ]


@pytest.mark.parametrize("persona", ["council", "viewer"])
def test_council_and_viewers_cannot_comment(world: World, draft: PlanVersion, persona: str) -> None:
    response = _client(world, persona).post(V1 + "comments/", {"body": "Ý kiến"})
    assert response.status_code == 403
    assert PlanComment.objects.count() == 0


def test_commenting_on_a_cluster_year_you_are_not_part_of_is_404(
    world: World, draft: PlanVersion
) -> None:
    response = _client(world, "outsider").post(V1 + "comments/", {"body": "Ý kiến"})
    assert response.status_code == 404
    assert PlanComment.objects.count() == 0


def test_htmx_reply_returns_the_refreshed_thread_only(world: World, draft: PlanVersion) -> None:
    root = services.add_plan_comment(version=draft, author=world.officer, body="Đề nghị bổ sung")
    response = _client(world, "secretariat").post(
        V1 + "comments/",
        {"body": "Xin tiếp thu", "parent": root.pk},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="comments"')
    assert "Xin tiếp thu" in html
    assert "<html" not in html
    assert PlanComment.objects.get(body="Xin tiếp thu").parent == root


def test_empty_comment_is_refused_with_a_message(world: World, draft: PlanVersion) -> None:
    response = _client(world, "officer").post(V1 + "comments/", {"body": "   "})
    assert _messages(response) == ["Cần nhập nội dung ý kiến."]
    htmx = _client(world, "officer").post(V1 + "comments/", {"body": ""}, HTTP_HX_REQUEST="true")
    assert 'role="alert">Cần nhập nội dung ý kiến.</p>' in htmx.content.decode()
    assert PlanComment.objects.count() == 0


def test_comment_on_adopted_version_is_refused_with_a_message(
    world: World, adopted: PlanVersion
) -> None:
    response = _client(world, "officer").post(V1 + "comments/", {"body": "Muộn"})
    assert _messages(response) == [
        "Bản 1 đã được thông qua nên không nhận thêm ý kiến; hãy góp ý vào bản sửa đổi tiếp theo."
    ]
    assert PlanComment.objects.count() == 0


# ---------------------------------------------------------------- downloads


def test_member_downloads_an_attachment_through_the_scoped_view(
    world: World, draft: PlanVersion
) -> None:
    services.update_plan_version(
        version=draft,
        title=draft.title,
        files=[pdf_upload("Kế hoạch 2023.pdf")],
        by=world.secretariat,
    )
    attachment = draft.attachments.get()
    url = f"{V1}files/{attachment.pk}/"
    response = _client(world, "officer").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert _client(world, "outsider").get(url).status_code == 404
    # Same attachment id under another version's URL: not found.
    assert _client(world, "officer").get(f"{BASE}rules/1/files/{attachment.pk}/").status_code == 404


def test_media_are_not_served_directly(world: World, draft: PlanVersion) -> None:
    services.update_plan_version(
        version=draft, title=draft.title, files=[pdf_upload()], by=world.secretariat
    )
    name = draft.attachments.get().file.name
    assert _client(world, "officer").get(f"/media/{name}").status_code == 404
