"""A NUL character anywhere a request carries text (query string, path, form field, JSON string)
is refused with 400 and one Vietnamese message before any view or query runs
(``core.middleware.RejectNulMiddleware``). PostgreSQL refuses NUL in text (a DataError, a 500);
SQLite stores it: the same tests run on both databases in CI."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from tests.conftest import World
from thidua.core.middleware import has_nul
from thidua.planning import services
from thidua.planning.enums import PlanKind
from thidua.planning.models import PlanComment, PlanVersion

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MESSAGE = "Yêu cầu chứa ký tự không hợp lệ."
V1 = "/planning/HN-C06/2023/plans/work-plan/1/"


@pytest.fixture
def draft(world: World) -> PlanVersion:
    return services.draft_plan_version(
        cluster_year=world.cy, kind=PlanKind.WORK_PLAN, title="Kế hoạch 2023", by=world.secretariat
    )


def _client(world: World, persona: str) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.user(persona))
    return client


def _refused(response: Any) -> bool:
    return response.status_code == 400 and MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/?q=%00",
        "/planning/movements/?q=%00",
        "/planning/movements/?q=phong%00trao&year=2023",
        "/authorities/?q=%00",
        "/clusters/?q=ha%00noi",
        "/planning/HN-C06/2023/plans/?kind=%00",
        "/planning/HN%00C06/2023/plans/",  # in the path: a cluster code looked up in the database
        "/api/v1/movements/?q=%00",
        "/api/v1/plan-versions/?cluster=HN%00",
        "/api/v1/authorities/?q=k%00x",
    ],
)
def test_a_nul_in_the_address_is_refused_with_400(world: World, url: str) -> None:
    response = _client(world, "board").get(url)
    assert _refused(response), (response.status_code, response.content[:200])


def test_the_api_answers_the_refusal_in_json(world: World) -> None:
    response = _client(world, "board").get("/api/v1/movements/", {"q": "a\x00"})
    assert (response.status_code, response.json()) == (
        400,
        {"detail": MESSAGE, "code": "nul_character"},
    )


def test_the_same_searches_without_nul_work(world: World) -> None:
    client = _client(world, "board")
    for url in ("/planning/movements/?q=phong", "/api/v1/movements/?q=phong", "/authorities/?q=k"):
        assert client.get(url).status_code == 200, url


def test_a_nul_in_the_sign_in_form_is_refused_before_any_lookup(world: World) -> None:
    response = Client().post("/accounts/login/", {"username": "admin\x00", "password": "x"})
    assert _refused(response)


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_nul_in_a_form_value_is_refused_and_nothing_is_written(
    world: World, draft: PlanVersion, encoding: str
) -> None:
    client = _client(world, "officer")
    data = {"body": "Đề nghị bổ sung\x00"}
    if encoding == "multipart":
        response = client.post(V1 + "comments/", data)
    else:
        response = client.post(
            V1 + "comments/", urlencode(data), content_type="application/x-www-form-urlencoded"
        )
    assert _refused(response)
    assert PlanComment.objects.count() == 0


def test_a_nul_in_a_field_name_is_refused(world: World, draft: PlanVersion) -> None:
    response = _client(world, "officer").post(V1 + "comments/", {"body": "Ý kiến", "x\x00": "1"})
    assert _refused(response)


def test_nul_bytes_inside_an_uploaded_file_are_not_refused(
    world: World, draft: PlanVersion
) -> None:
    """File contents are binary: only the fields and the file names are text."""
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\x00\x00binary", "application/pdf")
    response = _client(world, "officer").post(
        V1 + "comments/", {"body": "Ý kiến kèm tệp", "file": upload}
    )
    assert response.status_code == 302
    assert PlanComment.objects.count() == 1


def _api(world: World, persona: str) -> APIClient:
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(world.user(persona))
    return client


def test_a_nul_in_a_json_string_is_refused_and_nothing_is_written(
    world: World, draft: PlanVersion
) -> None:
    url = f"/api/v1/plan-versions/{draft.pk}/comments/"
    response = _api(world, "officer").post(url, {"body": "Ý kiến\x00"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "nul_character")
    assert PlanComment.objects.count() == 0


def test_a_backslash_followed_by_u0000_in_a_json_string_is_text(
    world: World, draft: PlanVersion
) -> None:
    """``"C:\\\\u0000"`` in JSON is the text ``C:\\u0000`` (a backslash), not a NUL."""
    url = f"/api/v1/plan-versions/{draft.pk}/comments/"
    response = _api(world, "officer").post(url, {"body": "C:\\u0000"}, format="json")
    assert response.status_code == 201, response.content
    assert PlanComment.objects.get().body == "C:\\u0000"


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b'{"a": "x\\u0000"}', True),
        (b'{"a\\u0000": 1}', True),
        (b'{"a": "\\\\\\u0000"}', True),  # an escaped backslash, then a NUL
        (b'{"a": "\\\\u0000"}', False),  # a backslash, then the text "u0000"
        (b'{"a": "x\x00"}', True),
        (b'{"a": "x"}', False),
    ],
)
def test_nul_in_json_bodies_is_found_exactly(body: bytes, found: bool) -> None:
    request = RequestFactory().patch("/api/v1/x/", body, content_type="application/json")
    assert has_nul(request) is found
    json.loads(body.replace(b"\x00", b""))  # each case is JSON (but for the raw NUL)


def test_nul_in_a_urlencoded_body_of_a_patch_is_found() -> None:
    factory = RequestFactory()
    ctype = "application/x-www-form-urlencoded"
    assert has_nul(factory.patch("/api/v1/x/", "a=b%00", content_type=ctype))
    assert not has_nul(factory.patch("/api/v1/x/", "a=b%2500", content_type=ctype))
