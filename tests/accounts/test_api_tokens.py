"""Personal API tokens: created and revoked by their owner on “Mã truy cập API”, the secret shown
once and stored hashed, the token acting as its owner; HTTP Basic is gone, wrong → 401."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from thidua.accounts import services
from thidua.accounts.models import ApiToken, User
from thidua.audit.models import AuditEvent

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAGE = "/accounts/me/tokens/"
USERS = "/api/v1/users/"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def bearer(secret: str, keyword: str = "Bearer") -> Client:
    return Client(HTTP_AUTHORIZATION=f"{keyword} {secret}")


def new_secret(user: User, name: str = "Bảng tính") -> str:
    return services.create_api_token(user=user, name=name).secret


# --- the page -------------------------------------------------------------------------------


def test_creating_a_token_shows_the_secret_once_and_keeps_only_its_hash(world: World) -> None:
    client = signed_in(world.board)
    response = client.post(f"{PAGE}new/", {"name": "Bảng tính tổng hợp"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = re.search(r'class="api-token-secret">([^<]+)<', response.content.decode())
    assert match is not None
    secret = match.group(1)
    token = ApiToken.objects.get(user=world.board)
    assert token.name == "Bảng tính tổng hợp" and secret.startswith(token.prefix)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str([getattr(token, f.attname) for f in ApiToken._meta.fields])
    listing = client.get(PAGE).content.decode()
    assert token.prefix in listing and secret not in listing
    event = AuditEvent.objects.get(action="accounts.create_api_token")
    assert event.actor_id == world.board.pk and secret not in str(event.after)


def test_a_token_needs_a_name(world: World) -> None:
    response = signed_in(world.board).post(f"{PAGE}new/", {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_an_expiry_in_the_past_is_refused(world: World) -> None:
    response = signed_in(world.board).post(f"{PAGE}new/", {"name": "x", "expires_on": "01/01/2020"})
    assert response.status_code == 400
    assert "Ngày hết hạn phải sau hôm nay" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_expiry_date_is_kept_to_the_end_of_that_day(world: World) -> None:
    day = timezone.localdate() + dt.timedelta(days=30)
    signed_in(world.board).post(
        f"{PAGE}new/", {"name": "x", "expires_on": day.strftime("%d/%m/%Y")}
    )
    token = ApiToken.objects.get()
    assert token.expires_at is not None
    assert timezone.localtime(token.expires_at).date() == day + dt.timedelta(days=1)


def test_the_page_needs_a_sign_in(world: World) -> None:
    assert Client().get(PAGE).status_code == 302
    assert Client().post(f"{PAGE}new/", {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token_and_it_stops_working(world: World) -> None:
    secret = new_secret(world.board)
    token = ApiToken.objects.get()
    response = signed_in(world.board).post(f"{PAGE}{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="accounts.revoke_api_token").count() == 1
    assert bearer(secret).get(USERS).status_code == 401


def test_someone_elses_token_is_404(world: World) -> None:
    new_secret(world.board)
    token = ApiToken.objects.get()
    assert signed_in(world.admin).post(f"{PAGE}{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get().revoked_at is None
    assert token.prefix not in signed_in(world.admin).get(PAGE).content.decode()


def test_a_revoked_token_cannot_be_revoked_again(world: World) -> None:
    new_secret(world.board)
    token = ApiToken.objects.get()
    services.revoke_api_token(user=world.board, token=token)
    client = signed_in(world.board)
    assert "Thu hồi</button>" not in client.get(PAGE).content.decode()
    response = client.post(f"{PAGE}{token.pk}/revoke/", follow=True)
    assert "Mã truy cập này đã bị thu hồi" in response.content.decode()
    assert AuditEvent.objects.filter(action="accounts.revoke_api_token").count() == 1


def test_an_inactive_person_may_not_create_a_token(world: World) -> None:
    world.viewer.is_active = False
    with pytest.raises(Exception, match="quyền"):
        services.create_api_token(user=world.viewer, name="x")


def test_the_token_list_costs_the_same_few_queries_for_one_or_many_tokens(
    world: World, django_assert_max_num_queries: object
) -> None:
    client = signed_in(world.board)
    new_secret(world.board)
    with django_assert_max_num_queries(12) as few:  # type: ignore[operator]
        assert client.get(PAGE).status_code == 200
    for i in range(10):
        new_secret(world.board, name=f"mã {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        assert client.get(PAGE).status_code == 200


# --- the API --------------------------------------------------------------------------------


def test_a_bearer_token_acts_as_its_owner_with_the_owners_scope(world: World) -> None:
    names = {r["username"] for r in bearer(new_secret(world.board)).get(USERS).json()["results"]}
    assert {"board", "officer"} <= names and "outsider" not in names
    assert bearer(new_secret(world.officer), "Token").get(USERS).json()["results"] == []


def test_an_api_write_by_token_is_audited_as_the_owner(world: World) -> None:
    url = f"{USERS}{world.officer.pk}/deactivate/"
    assert bearer(new_secret(world.board)).post(url).status_code in (200, 204)
    event = AuditEvent.objects.filter(object_id=str(world.officer.pk)).latest("pk")
    assert event.actor_id == world.board.pk


def test_the_last_use_is_noted_at_most_once_a_minute(world: World) -> None:
    secret = new_secret(world.board)
    client = bearer(secret)
    client.get(USERS)
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    client.get(USERS)
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - dt.timedelta(minutes=2))
    client.get(USERS)
    assert ApiToken.objects.get().last_used_at > first - dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    "header",
    ["Bearer thidua_khong-phai-ma-that", "Bearer", "Bearer a b", "Token sai", "Bearer ma\u00e9"],
)
def test_a_wrong_token_answers_401_with_a_challenge(world: World, header: str) -> None:
    response = Client(HTTP_AUTHORIZATION=header).get(USERS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_or_an_inactive_owner_answers_401(world: World) -> None:
    secret = new_secret(world.board)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert bearer(secret).get(USERS).status_code == 401
    other = new_secret(world.officer)
    User.objects.filter(pk=world.officer.pk).update(is_active=False)
    assert bearer(other).get(USERS).status_code == 401


def test_http_basic_is_no_longer_accepted(world: World) -> None:
    basic = base64.b64encode(b"board:pw").decode()
    response = Client(HTTP_AUTHORIZATION=f"Basic {basic}").get(USERS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_api_call_without_credentials_is_401(world: World) -> None:
    assert Client().get(USERS).status_code == 401


def test_the_browser_session_still_works_for_the_api(world: World) -> None:
    assert signed_in(world.board).get(USERS).status_code == 200


def test_the_schema_declares_the_bearer_scheme_only(world: World) -> None:
    schema = signed_in(world.board).get("/api/schema/", {"format": "json"}).json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["apiToken"]["scheme"] == "bearer"
    assert "basicAuth" not in schemes


def test_a_name_of_spaces_is_refused_by_the_service_too(world: World) -> None:
    with pytest.raises(ValidationError, match="Hãy đặt tên"):
        services.create_api_token(user=world.board, name="   ")


def test_a_person_keeps_at_most_twenty_live_tokens(world: World) -> None:
    for i in range(20):
        new_secret(world.board, name=f"mã {i}")
    response = signed_in(world.board).post(f"{PAGE}new/", {"name": "mã 21"})
    assert response.status_code == 400
    assert "thu hồi mã không cần nữa" in response.content.decode()
    services.revoke_api_token(user=world.board, token=ApiToken.objects.first())  # type: ignore[arg-type]
    assert new_secret(world.board, name="mã 21")
