"""The account pages: the managers' user list and user pages, the own-account page, the
forgotten-password flow from the login page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import World
from tests.factories import UserFactory
from thidua.accounts.enums import Role
from thidua.accounts.models import RoleAssignment, User, UserSession

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_board_officer_sees_the_accounts_of_their_authority_only(world: World) -> None:
    page = login(world.board).get("/accounts/users/").content.decode()
    assert world.officer.display_name in page and world.council.display_name in page
    assert world.outsider.display_name not in page
    assert world.admin.display_name not in page
    assert f"({world.member.code})" in page  # the unit with its code


def test_the_user_list_is_searched_without_accents(world: World) -> None:
    UserFactory(full_name="Đỗ Thị Hương", organization=world.member, role=Role.UNIT_OFFICER)
    page = login(world.board).get("/accounts/users/", {"q": "do thi huong"}).content.decode()
    assert "Đỗ Thị Hương" in page and world.officer.display_name not in page


def test_unit_officer_may_not_see_the_user_list(world: World) -> None:
    assert login(world.officer).get("/accounts/users/").status_code == 403


def test_the_menu_links_to_users_for_managers_only(world: World) -> None:
    assert 'href="/accounts/users/"' in login(world.board).get("/").content.decode()
    assert 'href="/accounts/users/"' not in login(world.officer).get("/").content.decode()


@pytest.mark.parametrize("extra", [0, 30])
def test_the_user_list_costs_the_same_queries_at_any_size(
    world: World, extra: int, django_assert_num_queries: Any
) -> None:
    for n in range(extra):
        UserFactory(username=f"u{n}", role=Role.UNIT_OFFICER, organization=world.member)
    client = login(world.board)
    client.get("/accounts/users/")  # the session's last activity is written once
    with django_assert_num_queries(4):  # session, user, count, page
        client.get("/accounts/users/")


def test_board_officer_of_another_authority_gets_404_on_a_user_page(world: World) -> None:
    assert login(world.other_board).get(f"/accounts/users/{world.officer.pk}/").status_code == 404
    response = login(world.other_board).post(f"/accounts/users/{world.officer.pk}/deactivate/")
    assert response.status_code == 404


def test_board_officer_creates_a_user_and_sees_the_temporary_password_once(
    world: World,
) -> None:
    response = login(world.board).post(
        "/accounts/users/new/",
        {
            "full_name": "Lê Văn Cường",
            "username": "cuonglv",
            "email": "",
            "position": "Chuyên viên",
            "role": Role.UNIT_OFFICER,
            "organization": world.member.code,
            "how": "temporary",
        },
    )
    page = response.content.decode()
    password = re.search(r'<code class="temporary-password">([^<]+)</code>', page)
    assert password is not None
    created = User.objects.get(username="cuonglv")
    assert created.check_password(password.group(1))
    detail = login(world.board).get(f"/accounts/users/{created.pk}/").content.decode()
    assert password.group(1) not in detail


def test_the_create_form_offers_no_system_administrator_to_a_board_officer(world: World) -> None:
    page = login(world.board).get("/accounts/users/new/").content.decode()
    assert f'value="{Role.SYSTEM_ADMIN}"' not in page
    assert world.outsider_org.name not in page
    assert (
        f'value="{Role.SYSTEM_ADMIN}"'
        in login(world.admin).get("/accounts/users/new/").content.decode()
    )


def test_a_users_page_shows_their_roles_by_year(world: World) -> None:
    RoleAssignment.objects.create(
        user=world.officer,
        role=Role.VIEWER,
        authority=world.authority,
        valid_from=dt.date(2023, 2, 1),
        valid_to=dt.date(2024, 5, 31),
    )
    RoleAssignment.objects.create(
        user=world.officer,
        role=Role.UNIT_OFFICER,
        organization=world.member,
        valid_from=dt.date(2024, 6, 1),
    )
    page = login(world.board).get(f"/accounts/users/{world.officer.pk}/").content.decode()
    assert "Vai trò theo năm" in page
    assert page.index(">2024<") < page.index(">2023<")  # newest first
    assert "01/06/2024" in page and "31/05/2024" in page


def test_assigning_a_role_from_the_users_page(world: World) -> None:
    response = login(world.board).post(
        f"/accounts/users/{world.officer.pk}/role/",
        {"role-role": Role.UNIT_LEADER, "role-organization": world.member.code},
    )
    assert response.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.role == Role.UNIT_LEADER


def test_a_role_outside_the_managers_authority_is_refused_on_the_page(world: World) -> None:
    response = login(world.board).post(
        f"/accounts/users/{world.officer.pk}/role/",
        {"role-role": Role.UNIT_LEADER, "role-organization": world.outsider_org.code},
    )
    assert response.status_code == 400
    assert f"Không có đơn vị mã “{world.outsider_org.code}”" in response.content.decode()
    world.officer.refresh_from_db()
    assert world.officer.role == Role.UNIT_OFFICER


def test_the_own_page_explains_why_one_cannot_change_ones_own_role(world: World) -> None:
    page = login(world.board).get(f"/accounts/users/{world.board.pk}/").content.decode()
    assert "Không thể tự đổi vai trò của chính mình." in page
    assert f'action="/accounts/users/{world.board.pk}/role/"' not in page


def test_board_officer_resets_a_password_by_email(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.officer.email = "officer@example.vn"
    world.officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.board).post(
            f"/accounts/users/{world.officer.pk}/reset-password/", {"reset-how": "email"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["officer@example.vn"]


def test_forgotten_password_is_reset_by_email_from_the_login_page(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.officer.email = "officer@example.vn"
    world.officer.save()
    client = Client()
    assert 'href="/accounts/password-reset/"' in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/password-reset/", {"email": "officer@example.vn"})
    assert response.status_code == 302
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert "Đặt mật khẩu mới" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Thi-dua-2025!", "new_password2": "Thi-dua-2025!"},
        follow=True,
    )
    assert "Đã đặt mật khẩu mới" in done.content.decode()
    assert User.objects.get(pk=world.officer.pk).check_password("Thi-dua-2025!")


def test_my_account_lists_my_sessions_and_signs_out_the_others(world: World) -> None:
    phone, laptop = Client(HTTP_USER_AGENT="Điện thoại"), Client(HTTP_USER_AGENT="Máy tính")
    for client in (phone, laptop):
        client.post("/accounts/login/", {"username": "officer", "password": "pw"})
    page = laptop.get("/accounts/me/").content.decode()
    assert "Điện thoại" in page and "Máy tính" in page and "phiên này" in page
    laptop.post("/accounts/me/sessions/end/")
    assert UserSession.objects.filter(user=world.officer).count() == 1
    assert phone.get("/accounts/me/").status_code == 302  # signed out
    assert laptop.get("/accounts/me/").status_code == 200


def test_ending_one_session_of_someone_else_changes_nothing(world: World) -> None:
    other = Client()
    other.post("/accounts/login/", {"username": "board", "password": "pw"})
    key = UserSession.objects.get(user=world.board).session_key
    login(world.officer).post("/accounts/me/sessions/end/", {"session": key})
    assert UserSession.objects.filter(session_key=key).exists()


def test_changing_my_password_keeps_me_signed_in(world: World) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "officer", "password": "pw"})
    wrong = client.post(
        "/accounts/me/password/",
        {"old_password": "sai", "new_password1": "Moi-2025-abc", "new_password2": "Moi-2025-abc"},
    )
    assert "Mật khẩu hiện tại không đúng." in wrong.content.decode()
    response = client.post(
        "/accounts/me/password/",
        {"old_password": "pw", "new_password1": "Moi-2025-abc", "new_password2": "Moi-2025-abc"},
    )
    assert response.status_code == 302
    assert client.get("/accounts/me/").status_code == 200
    assert User.objects.get(pk=world.officer.pk).check_password("Moi-2025-abc")


def test_an_invited_person_whose_link_expired_can_ask_for_a_new_one(world: World) -> None:
    invited = UserFactory(username="moi", email="moi@example.vn", role=Role.VIEWER)
    invited.set_unusable_password()
    invited.save()
    Client().post("/accounts/password-reset/", {"email": "MOI@example.vn"})
    assert [m.to for m in mail.outbox] == [["moi@example.vn"]]


def test_a_switched_off_account_gets_no_reset_email(world: World) -> None:
    UserFactory(username="off", email="off@example.vn", is_active=False)
    Client().post("/accounts/password-reset/", {"email": "off@example.vn"})
    assert mail.outbox == []


@pytest.mark.parametrize("years", [1, 8])
def test_a_users_page_costs_the_same_queries_however_long_the_history(
    world: World, years: int, django_assert_num_queries: Any
) -> None:
    for n in range(years):
        RoleAssignment.objects.create(
            user=world.officer,
            role=Role.UNIT_OFFICER,
            organization=world.member,
            valid_from=dt.date(2015 + n, 1, 1),
            valid_to=dt.date(2015 + n, 12, 31) if n < years - 1 else None,
        )
    client = login(world.board)
    client.get(f"/accounts/users/{world.officer.pk}/")
    with django_assert_num_queries(5):  # the unit of a new role is picked by code: no options
        client.get(f"/accounts/users/{world.officer.pk}/")


def test_a_temporary_password_must_be_changed_before_anything_else(world: World) -> None:
    from thidua.accounts import services

    password = services.reset_password(user=world.board, target=world.officer, by_email=False)
    client = Client()
    client.post("/accounts/login/", {"username": "officer", "password": password})
    response = client.get("/clusters/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/me/")
    assert "mật khẩu tạm thời" in client.get("/accounts/me/").content.decode()
    client.post(
        "/accounts/me/password/",
        {
            "old_password": password,
            "new_password1": "Rieng-2025-x",
            "new_password2": "Rieng-2025-x",
        },
    )
    assert client.get("/clusters/").status_code == 200


def test_a_new_password_from_an_emailed_link_ends_the_temporary_one(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.officer.email = "officer@example.vn"
    world.officer.must_change_password = True
    world.officer.save()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "officer@example.vn"})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Thi-dua-2025!", "new_password2": "Thi-dua-2025!"},
    )
    assert not User.objects.get(pk=world.officer.pk).must_change_password


def test_a_secretariats_years_name_the_clusters_its_unit_headed(world: World) -> None:
    RoleAssignment.objects.create(
        user=world.secretariat,
        role=Role.CLUSTER_SECRETARIAT,
        organization=world.head,
        valid_from=dt.date(2022, 1, 1),
    )
    page = login(world.board).get(f"/accounts/users/{world.secretariat.pk}/").content.decode()
    assert "đơn vị cụm trưởng: Cụm thi đua số 6" in page  # the world's head unit, in 2023
    assert page.count("đơn vị cụm trưởng: ") == 1  # 2022 and later years: it headed nothing
