"""The pages of the start of the year through the test client: for every protected view one
allowed and one denied case (404 outside scope, 403 not allowed), bad input → a Vietnamese
message and nothing changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from tests.conftest import World
from tests.factories_start_of_year import award, make_pledge, make_registration
from thidua.accounts.models import User
from thidua.clusters.deadlines import set_deadline
from thidua.clusters.models import Deadline, DeadlineExtension
from thidua.planning import services as planning_services
from thidua.start_of_year.enums import RegistrationAction
from thidua.start_of_year.models import (
    EmulationModel,
    Evidence,
    Pledge,
    PledgeItem,
    PledgeSignature,
    Registration,
    YearSettings,
)
from thidua.start_of_year.services import pledges, registrations, signatures

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BASE = "/start-of-year/HN-C06/2023/"
PDF = b"%PDF-1.4\n%%EOF\n"


def msgs(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def as_user(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


# ---------------------------------------------------------------- pledge pages


@pytest.mark.parametrize("persona", ["officer", "leader", "council", "board", "secretariat"])
def test_pledge_page_is_readable_by_everyone_in_scope(
    client: Client, world: World, leaders: dict[str, User], persona: str
) -> None:
    make_pledge(world.cy, world.secretariat)
    response = as_user(client, world.user(persona)).get(BASE + "pledge/")
    assert (response.status_code, response.context["pledge"].version) == (200, 1)
    assert [r.organization.name for r in response.context["rows"]] == [
        "Sở Ngoại vụ",
        "Sở Nội vụ",
        "Văn phòng UBND Thành phố",
    ]


@pytest.mark.parametrize("persona", ["outsider", "other_board"])
def test_pledge_page_is_404_outside_scope(client: Client, world: World, persona: str) -> None:
    assert as_user(client, world.user(persona)).get(BASE + "pledge/").status_code == 404


def test_old_versions_stay_readable_with_their_signatures(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    v1 = make_pledge(world.cy, world.secretariat)
    signatures.sign_pledge(pledge=v1, by=world.leader, organization=world.member)
    pledges.add_pledge_item(cluster_year=world.cy, by=world.secretariat, text="Thứ tư")
    pledges.open_pledge(cluster_year=world.cy, by=world.secretariat)
    client.force_login(world.officer)
    current = client.get(BASE + "pledge/")
    old = client.get(BASE + "pledge/", {"v": 1})
    assert (current.context["pledge"].version, current.context["page"].signed_count) == (2, 0)
    assert (old.context["pledge"].status, old.context["page"].signed_count) == ("superseded", 1)
    assert "Nguyễn Thị Liễu" in old.content.decode()
    assert client.get(BASE + "pledge/", {"v": 9}).status_code == 404


def test_leader_sees_the_sign_form_with_defaults_and_signs(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat)
    client.force_login(world.leader)
    form = client.get(BASE + "pledge/").context["sign_form"]
    assert (form["signer_name"].value(), form["signer_position"].value()) == (
        "Nguyễn Thị Liễu",
        "Phó Giám đốc",
    )
    response = client.post(
        BASE + "pledge/sign/",
        {"organization": world.member.pk, "signer_name": "", "signer_position": ""},
    )
    assert (response.url, msgs(response)) == (
        BASE + "pledge/",
        ["Đã ký giao ước thay mặt Sở Nội vụ."],
    )
    assert list(PledgeSignature.objects.values_list("organization__name", flat=True)) == [
        "Sở Nội vụ"
    ]


def test_officer_gets_no_sign_form_and_a_crafted_post_is_refused(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat)
    client.force_login(world.officer)
    assert client.get(BASE + "pledge/").context["sign_form"] is None
    response = client.post(BASE + "pledge/sign/", {"organization": world.member.pk})
    assert response.status_code == 403
    assert "chỉ thủ trưởng đơn vị thành viên" in response.content.decode()
    assert PledgeSignature.objects.count() == 0


def test_after_the_signing_deadline_a_leader_reads_why_instead_of_the_form(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat)
    due = timezone.now() - dt.timedelta(1)
    set_deadline(cluster_year=world.cy, step="pledge", due_at=due)
    page = as_user(client, world.leader).get(BASE + "pledge/")
    body = page.content.decode()
    assert (page.context["sign_form"], 'action="' + BASE + 'pledge/sign/"' in body) == (None, False)
    why = (
        "Đã quá hạn “Ký giao ước thi đua” ({due}). Hãy đề nghị đơn vị trưởng mở lại hạn cho đơn vị."
    ).format(due=timezone.localtime(due).strftime("%H:%M %d/%m/%Y"))
    assert page.context["sign_refusal"] == why
    assert escape(why) in body
    refused = client.post(BASE + "pledge/sign/", {"organization": world.member.pk})
    assert msgs(refused)[-1] == why
    assert PledgeSignature.objects.count() == 0


def test_after_the_registration_deadline_the_unit_reads_why_it_cannot_edit(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_registration(world.cy, world.member, world.officer)
    set_deadline(
        cluster_year=world.cy, step="registration", due_at=timezone.now() - dt.timedelta(1)
    )
    url = BASE + f"registrations/{world.member.code}/"
    body = as_user(client, world.officer).get(url).content.decode()
    assert (f'action="{url}save/"' in body, "Đã quá hạn “Đăng ký thi đua”" in body) == (
        False,
        True,
    )
    peer = as_user(client, world.deputy_officer).get(url).content.decode()
    assert "Đã quá hạn" not in peer  # not theirs to edit: nothing to explain


def test_signing_for_another_unit_through_the_page_is_refused(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat)
    response = as_user(client, world.leader).post(
        BASE + "pledge/sign/", {"organization": world.head.pk}
    )
    assert msgs(response) == [
        "Bạn chỉ được ký giao ước cho đơn vị của mình (Sở Nội vụ), không ký thay Văn phòng UBND Thành phố."
    ]
    assert PledgeSignature.objects.count() == 0


def test_sign_outside_scope_is_404(client: Client, world: World, leaders: dict[str, User]) -> None:
    make_pledge(world.cy, world.secretariat)
    response = as_user(client, world.outsider).post(BASE + "pledge/sign/", {})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["secretariat", "board", "admin"])
def test_pledge_editor_is_for_those_who_manage_the_year(
    client: Client, world: World, leaders: dict[str, User], persona: str
) -> None:
    response = as_user(client, world.user(persona)).get(BASE + "pledge/edit/")
    assert (response.status_code, response.context["pledge"]) == (200, None)


@pytest.mark.parametrize("persona", ["officer", "leader", "council", "deputy_officer"])
def test_pledge_editor_is_403_for_members(client: Client, world: World, persona: str) -> None:
    assert as_user(client, world.user(persona)).get(BASE + "pledge/edit/").status_code == 403


def test_pledge_editor_is_404_outside_scope(client: Client, world: World) -> None:
    assert as_user(client, world.other_board).get(BASE + "pledge/edit/").status_code == 404


def test_secretariat_drafts_edits_and_opens_through_the_pages(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    client.force_login(world.secretariat)
    client.post(BASE + "pledge/create/", {"title": "Giao ước thi đua năm 2023", "place": "Hà Nội"})
    for text in ("Một", "Hai", "Ba"):
        client.post(BASE + "pledge/items/add/", {"text": text})
    client.post(BASE + "pledge/items/2/edit/", {"title": "Quốc phòng", "text": "Hai (sửa)"})
    client.post(
        BASE + "pledge/items/3/targets/add/",
        {"text": "100% đơn vị đăng ký", "metric": "Tỷ lệ", "value": "100", "unit": "%"},
    )
    response = client.post(BASE + "pledge/open/")
    pledge = Pledge.objects.get()
    assert (response.url, msgs(response)[-1]) == (
        BASE + "pledge/",
        "Đã mở ký giao ước. Các đơn vị thành viên ký trên trang giao ước.",
    )
    assert (pledge.status, pledge.place) == ("open", "Hà Nội")
    assert list(pledge.items.values_list("number", "title", "text")) == [
        (1, "", "Một"),
        (2, "Quốc phòng", "Hai (sửa)"),
        (3, "", "Ba"),
    ]
    assert pledge.items.get(number=3).targets.get().value == 100


def test_opening_with_too_few_commitments_shows_the_message(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat, items=["Một"], open_it=False)
    response = as_user(client, world.secretariat).post(BASE + "pledge/open/")
    assert msgs(response) == [
        "Giao ước cần từ 3 đến 10 nội dung cam kết (theo cài đặt của Cụm thi đua số 6 năm 2023); "
        "dự thảo đang có 1."
    ]
    assert (response.url, Pledge.objects.get().status) == (BASE + "pledge/edit/", "draft")


def test_an_empty_commitment_is_refused(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    response = as_user(client, world.secretariat).post(BASE + "pledge/items/add/", {"text": " "})
    assert (msgs(response), PledgeItem.objects.count()) == (["Hãy nhập nội dung cam kết."], 3)


def test_a_too_long_commitment_title_shows_the_forms_message_and_adds_nothing(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    response = as_user(client, world.secretariat).post(
        BASE + "pledge/items/add/", {"title": "x" * 301, "text": "Nội dung thứ tư"}
    )
    assert msgs(response) == ["Tiêu đề ngắn: Giá trị này chỉ có tối đa 300 kí tự (hiện có 301)"]
    assert PledgeItem.objects.count() == 3


@pytest.mark.parametrize(
    "path",
    [
        "pledge/create/",
        "pledge/header/",
        "pledge/items/add/",
        "pledge/items/1/edit/",
        "pledge/items/1/delete/",
        "pledge/items/1/targets/add/",
        "pledge/targets/1/delete/",
        "pledge/open/",
    ],
)
def test_pledge_changes_are_403_for_a_unit_officer(
    client: Client, world: World, leaders: dict[str, User], path: str
) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    response = as_user(client, world.officer).post(BASE + path, {"text": "Chen", "title": "X"})
    assert (response.status_code, PledgeItem.objects.count()) == (403, 3)


# ---------------------------------------------------------------- registrations


@pytest.mark.parametrize("persona", ["officer", "deputy_officer", "council", "board"])
def test_registration_list_for_people_in_scope(
    client: Client, world: World, leaders: dict[str, User], persona: str
) -> None:
    make_registration(world.cy, world.member, world.officer, submit=True)
    response = as_user(client, world.user(persona)).get(BASE + "registrations/")
    rows = [
        (r.organization.name, r.registration.status if r.registration else None)
        for r in response.context["rows"]
    ]
    assert rows == [
        ("Sở Ngoại vụ", None),
        ("Sở Nội vụ", "submitted"),
        ("Văn phòng UBND Thành phố", None),
    ]


def test_the_pages_link_the_official_documents(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat)
    client.force_login(world.officer)
    pledge_page = client.get(BASE + "pledge/").content.decode()
    summary_page = client.get(BASE + "registrations/").content.decode()
    assert [
        'href="/documents/pledge/HN-C06/2023.pdf"' in pledge_page,
        'href="/documents/pledge/HN-C06/2023.docx"' in pledge_page,
        'href="/documents/registration-summary/HN-C06/2023.pdf"' in summary_page,
        'href="/documents/registration-summary/HN-C06/2023.docx"' in summary_page,
    ] == [True, True, True, True]


def test_registration_pages_are_404_outside_scope(client: Client, world: World) -> None:
    client.force_login(world.outsider)
    assert client.get(BASE + "registrations/").status_code == 404
    assert client.get(BASE + f"registrations/{world.member.code}/").status_code == 404


def test_registration_of_a_unit_that_is_not_a_member_is_404(client: Client, world: World) -> None:
    response = as_user(client, world.board).get(BASE + f"registrations/{world.outsider_org.code}/")
    assert response.status_code == 404


@pytest.mark.parametrize("size", [0, 6], ids=["3 units", "9 units"])
def test_registration_list_query_count_is_constant(
    client: Client,
    world: World,
    leaders: dict[str, User],
    django_assert_num_queries: Any,
    size: int,
) -> None:
    from tests.factories import ClusterMembershipFactory, UserFactory

    for _ in range(size):
        org = ClusterMembershipFactory(cluster_year=world.cy).organization
        make_registration(
            world.cy, org, UserFactory(role="unit_officer", organization=org), models=2
        )
    client.force_login(world.board)
    with django_assert_num_queries(5):
        response = client.get(BASE + "registrations/")
    assert len(response.context["rows"]) == 3 + size


def test_officer_registers_a_title_two_models_and_a_topic_and_submits(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    url = BASE + f"registrations/{world.member.code}/"
    client.force_login(world.officer)
    assert f'action="{url}save/"' in client.get(url).content.decode()
    client.post(url + "save/", {"award": award("CTD_XS_HN").pk, "goals": "Dẫn đầu cụm"})
    client.post(url + "model/add/", {"name": "Một cửa điện tử", "expected_result": "100% hồ sơ"})
    client.post(url + "model/add/", {"name": "Sổ tay thi đua số"})
    client.post(url + "topic/add/", {"name": "Cải cách hành chính"})
    response = client.post(url + "do/submit/")
    registration = Registration.objects.get()
    assert msgs(response)[-1] == "Đã gửi đăng ký thi đua tới đơn vị trưởng."
    assert (registration.status, registration.award.code, registration.goals) == (
        "submitted",
        "CTD_XS_HN",
        "Dẫn đầu cụm",
    )
    assert list(registration.emulation_models.values_list("name", flat=True)) == [
        "Một cửa điện tử",
        "Sổ tay thi đua số",
    ]
    assert f'action="{url}save/"' not in client.get(url).content.decode()


def test_a_third_model_shows_the_limit_message(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_registration(world.cy, world.member, world.officer, models=2)
    url = BASE + f"registrations/{world.member.code}/"
    response = as_user(client, world.officer).post(url + "model/add/", {"name": "Thứ ba"})
    assert msgs(response) == [
        "Mỗi đơn vị đăng ký tối đa 2 mô hình (theo cài đặt của cụm năm 2023); Sở Nội vụ đã có 2."
    ]
    assert EmulationModel.objects.count() == 2


def test_a_too_long_model_name_shows_the_forms_message_not_name_required(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer)
    url = BASE + f"registrations/{world.member.code}/model/"
    client.force_login(world.officer)
    added = client.post(url + "add/", {"name": "x" * 501})
    model = registration.emulation_models.get()
    edited = client.post(f"{url}{model.pk}/edit/", {"name": "y" * 501})
    too_long = "Tên: Giá trị này chỉ có tối đa 500 kí tự (hiện có 501)"
    assert (msgs(added), msgs(edited)[-1]) == ([too_long], too_long)
    assert list(EmulationModel.objects.values_list("name", flat=True)) == ["Mô hình 1"]


@pytest.mark.parametrize("path", ["save/", "model/add/", "do/submit/"])
def test_another_units_draft_registration_is_403_to_change_as_if_not_started(
    client: Client, world: World, leaders: dict[str, User], path: str
) -> None:
    """Another unit's draft is out of sight (docs/start-of-year.md “Ai xem bản đang soạn”): a
    peer is refused as for a unit that has not started, so nothing tells it a draft exists."""
    registration = make_registration(world.cy, world.member, world.officer)
    url = BASE + f"registrations/{world.member.code}/" + path
    response = as_user(client, world.deputy_officer).post(url, {"name": "Chen", "award": ""})
    assert response.status_code == 403
    assert (Registration.objects.get().status, EmulationModel.objects.count()) == ("draft", 1)
    assert registration.award_id == award("TTLDXS").pk


@pytest.mark.parametrize("path", ["save/", "model/add/", "do/submit/"])
def test_another_units_returned_registration_is_403_to_change(
    client: Client, world: World, leaders: dict[str, User], path: str
) -> None:
    """A registration sent once is seen by every member, but only its unit changes it."""
    registration = make_registration(world.cy, world.member, world.officer, submit=True)
    registrations.transition_registration(
        registration=registration,
        action=RegistrationAction.RETURN,
        by=world.secretariat,
        reason="Thiếu chuyên đề",
    )
    url = BASE + f"registrations/{world.member.code}/" + path
    response = as_user(client, world.deputy_officer).post(url, {"name": "Chen", "award": ""})
    assert response.status_code == 403
    assert (Registration.objects.get().status, EmulationModel.objects.count()) == ("returned", 1)


def test_item_edit_and_delete_by_the_unit(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer, models=2)
    first, second = registration.emulation_models.order_by("pk")
    url = BASE + f"registrations/{world.member.code}/model/"
    client.force_login(world.leader)
    edited = client.post(
        f"{url}{first.pk}/edit/", {"name": "Mô hình (sửa)", "description": "Mô tả"}
    )
    deleted = client.post(f"{url}{second.pk}/delete/")
    assert (msgs(edited)[-1], msgs(deleted)[-1]) == (
        "Đã lưu “Mô hình (sửa)”.",
        f"Đã xóa “{second.name}”.",
    )
    assert list(EmulationModel.objects.values_list("name", "description")) == [
        ("Mô hình (sửa)", "Mô tả")
    ]
    assert client.post(f"{url}999999/delete/").status_code == 404


def test_secretariat_accepts_and_returns_with_a_reason(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer, submit=True)
    url = BASE + f"registrations/{world.member.code}/do/"
    client.force_login(world.secretariat)
    page = client.get(BASE + f"registrations/{world.member.code}/").content.decode()
    assert (f'action="{url}accept/"' in page, f'action="{url}return/"' in page) == (True, True)
    response = client.post(url + "return/", {"reason": ""})
    assert msgs(response) == ["Cần ghi lý do khi trả lại đăng ký thi đua."]
    assert Registration.objects.get().status == "submitted"
    client.post(url + "return/", {"reason": "Mô hình chưa có kết quả dự kiến"})
    assert Registration.objects.get().status == "returned"
    history = client.get(BASE + f"registrations/{world.member.code}/").content.decode()
    assert "Mô hình chưa có kết quả dự kiến" in history
    registrations.submit_registration(registration=registration, by=world.officer)
    response = client.post(url + "accept/")
    assert (msgs(response)[-1], Registration.objects.get().status) == (
        "Đã chấp nhận đăng ký thi đua.",
        "accepted",
    )


def test_accepting_a_draft_through_the_page_says_it_is_not_submitted(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_registration(world.cy, world.member, world.officer)
    response = as_user(client, world.secretariat).post(
        BASE + f"registrations/{world.member.code}/do/accept/"
    )
    assert msgs(response) == [
        "Chỉ chấp nhận được đăng ký đã gửi; đăng ký của Sở Nội vụ đang “Đang soạn”."
    ]


@pytest.mark.parametrize("action", ["accept", "return"])
def test_members_cannot_accept_or_return(
    client: Client, world: World, leaders: dict[str, User], action: str
) -> None:
    make_registration(world.cy, world.member, world.officer, submit=True)
    response = as_user(client, world.officer).post(
        BASE + f"registrations/{world.member.code}/do/{action}/", {"reason": "x"}
    )
    assert (response.status_code, Registration.objects.get().status) == (403, "submitted")


def test_progress_upload_and_scoped_download(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(
        world.cy, world.member, world.officer, accept_by=world.secretariat
    )
    topic = registration.topics.get()
    url = BASE + f"registrations/{world.member.code}/topic/{topic.pk}/progress/"
    client.force_login(world.officer)
    bad = client.post(
        url, {"text": "Tiến độ", "evidence": SimpleUploadedFile("anh.jpg", b"GIF89a....")}
    )
    assert msgs(bad) == ["Nội dung tệp “anh.jpg” không phải JPEG hợp lệ."]
    assert Evidence.objects.count() == 0
    good = client.post(
        url, {"text": "Tiến độ quý I", "evidence": SimpleUploadedFile("bb.pdf", PDF)}
    )
    assert msgs(good)[-1] == f"Đã gửi báo cáo tiến độ của “{topic.name}”."
    evidence = Evidence.objects.get()
    download = client.get(f"/start-of-year/evidence/{evidence.pk}/")
    body = b"".join(download.streaming_content)  # reading it all closes the file
    assert (download["Content-Type"], body) == ("application/pdf", PDF)
    assert 'filename="bb.pdf"' in download["Content-Disposition"]
    client.force_login(world.deputy_officer)  # a peer in the same cluster year may read it
    peer = client.get(f"/start-of-year/evidence/{evidence.pk}/")
    assert (peer.status_code, b"".join(peer.streaming_content)) == (200, PDF)
    client.force_login(world.outsider)
    assert client.get(f"/start-of-year/evidence/{evidence.pk}/").status_code == 404


def test_progress_by_another_unit_is_403(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(
        world.cy, world.member, world.officer, accept_by=world.secretariat
    )
    topic = registration.topics.get()
    url = BASE + f"registrations/{world.member.code}/topic/{topic.pk}/progress/"
    response = as_user(client, world.deputy_officer).post(url, {"text": "Chen"})
    assert (response.status_code, topic.progress_updates.count()) == (403, 0)


# ---------------------------------------------------------------- deadlines and settings


@pytest.mark.parametrize("persona", ["secretariat", "board", "admin"])
def test_deadlines_page_for_those_who_manage(client: Client, world: World, persona: str) -> None:
    response = as_user(client, world.user(persona)).get(BASE + "deadlines/")
    assert [label for _v, label, _d in response.context["steps"]][:3] == [
        "Thông qua kế hoạch, quy chế",
        "Ký giao ước thi đua",
        "Đăng ký thi đua",
    ]


@pytest.mark.parametrize(
    ("persona", "status"), [("officer", 403), ("council", 403), ("outsider", 404)]
)
def test_deadlines_page_denied(client: Client, world: World, persona: str, status: int) -> None:
    assert as_user(client, world.user(persona)).get(BASE + "deadlines/").status_code == status


def test_set_a_deadline_and_reopen_for_a_unit(client: Client, world: World) -> None:
    client.force_login(world.secretariat)
    done = client.post(
        BASE + "deadlines/set/", {"step": "registration", "due_at": "2023-03-31T17:00"}
    )
    assert msgs(done) == ["Đã đặt hạn chót “Đăng ký thi đua”."]
    deadline = Deadline.objects.get()
    assert (deadline.step, timezone.localtime(deadline.due_at).strftime("%d/%m/%Y %H:%M")) == (
        "registration",
        "31/03/2023 17:00",
    )
    until = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    no_reason = client.post(
        BASE + "deadlines/reopen/",
        {"step": "registration", "organization": world.member.pk, "until": until, "reason": ""},
    )
    assert msgs(no_reason)[-1] == "Cần ghi lý do khi mở lại hạn cho đơn vị."
    assert DeadlineExtension.objects.count() == 0
    reopened = client.post(
        BASE + "deadlines/reopen/",
        {
            "step": "registration",
            "organization": world.member.pk,
            "until": until,
            "reason": "Bổ sung hồ sơ",
        },
    )
    assert msgs(reopened)[-1] == "Đã mở lại “Đăng ký thi đua” cho Sở Nội vụ."
    assert list(DeadlineExtension.objects.values_list("organization__name", "reason")) == [
        ("Sở Nội vụ", "Bổ sung hồ sơ")
    ]


def test_reopening_a_step_without_deadline_is_explained(client: Client, world: World) -> None:
    until = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = as_user(client, world.secretariat).post(
        BASE + "deadlines/reopen/",
        {"step": "pledge", "organization": world.member.pk, "until": until, "reason": "x"},
    )
    assert msgs(response) == ["Bước “Ký giao ước thi đua” chưa có hạn chót nên không cần mở lại."]


def _drive_with_report_deadline(world: World) -> Deadline:
    """A drive of the year whose report is due in ten days (planning keeps it as the step
    ``drive_report`` with the drive's key)."""
    return planning_services.create_drive(
        cluster_year=world.cy,
        name="Đợt 1",
        starts_on=dt.date(2023, 3, 1),
        ends_on=dt.date(2023, 6, 30),
        report_due_at=timezone.now() + dt.timedelta(days=10),
        by=world.secretariat,
    ).report_deadline


def test_a_drives_report_deadline_is_not_shown_as_the_years_deadline(
    client: Client, world: World
) -> None:
    deadline = _drive_with_report_deadline(world)
    response = as_user(client, world.secretariat).get(BASE + "deadlines/")
    steps = {value: d for value, _label, d in response.context["steps"]}
    assert "drive_report" not in steps
    assert 'href="/planning/HN-C06/2023/drives/"' in response.content.decode()  # set there
    assert timezone.localtime(deadline.due_at).strftime("%d/%m/%Y") not in response.content.decode()


def test_the_year_page_cannot_reopen_a_drives_report_deadline(client: Client, world: World) -> None:
    deadline = _drive_with_report_deadline(world)
    Deadline.objects.filter(pk=deadline.pk).update(due_at=timezone.now() - dt.timedelta(days=1))
    until = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = as_user(client, world.secretariat).post(
        BASE + "deadlines/reopen/",
        {"step": "drive_report", "organization": world.member.pk, "until": until, "reason": "x"},
    )
    assert DeadlineExtension.objects.count() == 0
    assert msgs(response) == [
        "Bước: Hãy chọn một lựa chọn hợp lệ. drive_report không phải là một trong các lựa chọn "
        "khả thi."
    ]


def test_settings_are_saved_and_a_bad_pair_is_refused(client: Client, world: World) -> None:
    client.force_login(world.secretariat)
    values = {
        "pledge_min_items": 3,
        "pledge_max_items": 6,
        "models_min": 1,
        "models_max": 2,
        "topics_min": 1,
        "topics_max": 2,
        "progress_stale_days": 60,
        "basis": "Kế hoạch năm 2023",
    }
    client.post(BASE + "settings/", values)
    bad = client.post(BASE + "settings/", {**values, "topics_min": 3})
    assert msgs(bad)[-1] == "Số chuyên đề tối thiểu (3) phải không lớn hơn số tối đa (2)."
    row = YearSettings.objects.get()
    assert (row.pledge_max_items, row.topics_min, row.progress_stale_days) == (6, 1, 60)


def test_settings_and_deadline_posts_are_403_for_members(client: Client, world: World) -> None:
    client.force_login(world.officer)
    assert client.post(BASE + "settings/", {}).status_code == 403
    assert client.post(BASE + "deadlines/set/", {}).status_code == 403
    assert client.post(BASE + "deadlines/reopen/", {}).status_code == 403
    assert (YearSettings.objects.count(), Deadline.objects.count()) == (0, 0)


def test_a_negative_percentage_target_is_refused_on_the_page(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    response = as_user(client, world.secretariat).post(
        BASE + "pledge/items/1/targets/add/",
        {"text": "Tỷ lệ", "value": "-5", "unit": "%"},
    )
    assert msgs(response)[-1] == "Giá trị chỉ tiêu phải là một số không âm."
    assert not Pledge.objects.get().items.get(number=1).targets.exists()


def test_a_deadline_in_1990_is_refused_on_the_page(client: Client, world: World) -> None:
    response = as_user(client, world.secretariat).post(
        BASE + "deadlines/set/", {"step": "registration", "due_at": "1990-03-31T17:00"}
    )
    assert msgs(response) == ["Hạn chót phải trong khoảng năm 2022–2025 (năm thi đua 2023)."]
    assert not Deadline.objects.exists()


def test_a_deadline_is_corrected_on_the_page_with_a_reason(client: Client, world: World) -> None:
    client.force_login(world.secretariat)
    client.post(BASE + "deadlines/set/", {"step": "registration", "due_at": "2023-03-31T17:00"})
    client.post(
        BASE + "deadlines/set/",
        {"step": "registration", "due_at": "2023-04-30T17:00", "reason": "Nhập nhầm"},
    )
    assert timezone.localtime(Deadline.objects.get().due_at).month == 4


def test_the_registration_page_does_not_offer_a_community_title_or_an_order(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    page = as_user(client, world.officer).get(BASE + "registrations/" + world.member.code + "/")
    content = page.content.decode()
    assert page.status_code == 200
    assert "Thôn, tổ dân phố văn hóa" not in content
    assert "Huân chương" not in content
