"""``eligibility.check`` walked over the personas: the page, the API and the selector the page
and API use (``may_check``) agree with ``has_perm`` for the page itself and for a member unit's
person. A check writes nothing, so there is no service to walk.

The batch permissions (``run_batch``, ``view_batch``, ``cancel_batch``) walked over the personas
and the states of a batch (queued, running, done, cancelled): the pages, the API and the
services agree with ``has_perm``; a batch the person may not see is a 404 everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import World
from tests.eligibility.batches import csv_file
from tests.eligibility.data import D, people
from thidua.eligibility import services
from thidua.eligibility.batch_reader import BatchRow
from thidua.eligibility.enums import BatchStatus
from thidua.eligibility.models import CheckBatch
from thidua.eligibility.selectors import batches_for_user, may_check

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "eligibility.check",
    "eligibility.run_batch",
    "eligibility.view_batch",
    "eligibility.cancel_batch",
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


def _query(code: str) -> dict[str, str]:
    return {"subject_code": code, "award_code": "LDTT", "achievement_year": "2023"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_page_api_and_selector_agree_with_the_permission(world: World, persona: str) -> None:
    user = world.user(persona)
    (person,) = people(world.member, 1)
    client = Client()
    client.force_login(user)
    page_allowed = user.has_perm("eligibility.check")
    response = client.get("/eligibility/", _query(person.code))
    assert response.status_code == (200 if page_allowed else 403)
    on_member = user.has_perm("eligibility.check", world.member)
    assert may_check(user, person.code, "LDTT") == on_member
    if page_allowed:
        shown = "không tìm thấy" not in response.content.decode().lower()
        assert shown == on_member, persona
    api: Any = client.post(
        "/api/v1/eligibility/checks/", _query(person.code), content_type="application/json"
    )
    expected = 200 if on_member else (404 if page_allowed else 403)
    assert api.status_code == expected, persona


@pytest.mark.parametrize("persona", PERSONAS)
def test_run_batch_page_api_and_service_agree(world: World, persona: str) -> None:
    user = world.user(persona)
    (person,) = people(world.member, 1)
    client = Client()
    client.force_login(user)
    allowed = user.has_perm("eligibility.run_batch")
    assert client.get("/eligibility/batches/new/").status_code == (200 if allowed else 403)
    upload = SimpleUploadedFile("x.csv", csv_file("KHONG-CO,LDTT,2025,,,"))
    api: Any = client.post("/api/v1/eligibility/batches/", {"file": upload})
    assert api.status_code == (400 if allowed else 403), persona
    try:
        services.submit_batch(
            data=csv_file(f"{person.code},LDTT,2025,,,"),
            filename="x.csv",
            received_on=D(2026, 1, 15),
            user=user,
        )
        served = True
    except PermissionDenied:
        served = False
    assert served == allowed


@pytest.mark.parametrize("state", list(BatchStatus.values))
@pytest.mark.parametrize("persona", PERSONAS)
def test_view_and_cancel_batch_agree(world: World, persona: str, state: str) -> None:
    user = world.user(persona)
    batch = CheckBatch.objects.create(
        filename="dot.csv",
        sha256="0" * 64,
        authority=world.authority,
        received_on=D(2026, 1, 15),
        total=1,
        rows=[BatchRow(2, "P1", "LDTT", 2025).as_json()],
        created_by=world.council,  # not a board officer: only the authority's officers see it
        status=state,
    )
    client = Client()
    client.force_login(user)
    may_view = user.has_perm("eligibility.view_batch", batch)
    assert batches_for_user(user).filter(pk=batch.pk).exists() == may_view
    page = client.get(f"/eligibility/batches/{batch.uuid}/")
    assert page.status_code == (200 if may_view else 404), persona
    api: Any = client.get(f"/api/v1/eligibility/batches/{batch.uuid}/")
    assert api.status_code == (200 if may_view else 404), persona
    may_cancel = user.has_perm("eligibility.cancel_batch", batch)
    assert may_cancel == (may_view and state in ("queued", "running"))
    if may_view:
        shown = "Hủy đợt kiểm tra" in page.content.decode()
        assert shown == may_cancel
    try:
        services.cancel_batch(batch=batch, user=user)
        cancelled = True
    except PermissionDenied:
        cancelled = False
    assert cancelled == may_cancel
    response = client.post(f"/eligibility/batches/{batch.uuid}/cancel/")
    assert response.status_code == (302 if may_view else 404)


def test_the_creator_sees_their_batch(world: World) -> None:
    batch = CheckBatch.objects.create(
        filename="dot.csv",
        sha256="0" * 64,
        authority=None,
        received_on=D(2026, 1, 15),
        created_by=world.admin,
    )
    assert world.admin.has_perm("eligibility.view_batch", batch)
    assert world.admin.has_perm("eligibility.cancel_batch", batch)
    assert not world.board.has_perm("eligibility.view_batch", batch)
    assert list(batches_for_user(world.admin)) == [batch]
    assert list(batches_for_user(world.board)) == []
