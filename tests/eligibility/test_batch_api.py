"""The batch API: POST a file → 202 with the queued batch (400 with the report for a bad
file); GET its status and its results, paginated and filtered; other people's batches → 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.eligibility.batches import csv_file
from tests.eligibility.data import people
from thidua.eligibility.models import CheckBatch

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
URL = "/api/v1/eligibility/batches/"


def _post(client, data: bytes, **extra):
    upload = SimpleUploadedFile("api.csv", data, content_type="text/csv")
    return client.post(URL, {"file": upload, **extra}, format="multipart")


def test_post_runs_a_batch_and_reads_its_results(client, world, django_capture_on_commit_callbacks):
    a, b = people(world.member, 2)
    client.force_login(world.board)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            csv_file(f"{a.code},LDTT,2025,,,", f"{b.code},BK_TINH,2025,,,b"),
            received_on="2026-01-15",
        )
    assert response.status_code == 202
    data = response.json()
    assert (data["filename"], data["status"], data["total"], data["authority"]) == (
        "api.csv",
        "queued",
        2,
        "HN",
    )
    status = client.get(f"{URL}{data['uuid']}/").json()
    assert (status["status"], status["done"], status["not_eligible"], status["needs_review"]) == (
        "done",
        2,
        1,
        1,
    )
    page = client.get(f"{URL}{data['uuid']}/results/", {"limit": 1}).json()
    assert page["count"] == 2
    assert page["next"] is not None
    (first,) = page["results"]
    assert (first["row"], first["subject_code"], first["verdict"]) == (2, a.code, "not_eligible")
    assert first["failing_rules"] == ["common.duplicate"]
    assert first["reasons"][0]["rule"] == "common.rule_set"
    review = client.get(f"{URL}{data['uuid']}/results/", {"verdict": "needs_review"}).json()
    assert [r["award_code"] for r in review["results"]] == ["BK_TINH"]


def test_a_bad_file_is_400_with_the_report(client, world):
    client.force_login(world.board)
    response = _post(client, csv_file("KHONG-CO,LDTT,2025,,,"))
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "row": 2,
            "column": "Mã đối tượng",
            "message": "Không tìm thấy cá nhân mã “KHONG-CO” trong phạm vi của bạn.",
        }
    ]
    assert _post(client, b"").status_code == 400
    assert CheckBatch.objects.count() == 0


def test_who_may_post_and_read(client, world, django_capture_on_commit_callbacks):
    (person,) = people(world.member, 1)
    client.force_login(world.officer)
    assert _post(client, csv_file(f"{person.code},LDTT,2025,,,")).status_code == 403
    client.force_login(world.board)
    with django_capture_on_commit_callbacks(execute=True):
        uuid = _post(client, csv_file(f"{person.code},LDTT,2025,,,")).json()["uuid"]
    client.force_login(world.other_board)
    assert client.get(f"{URL}{uuid}/").status_code == 404
    assert client.get(f"{URL}{uuid}/results/").status_code == 404
    client.logout()
    assert client.get(f"{URL}{uuid}/").status_code == 401  # no credentials: 401, not 403


def test_the_schema_documents_the_batch_endpoints(client, world):
    client.force_login(world.board)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {
        "/api/v1/eligibility/batches/",
        "/api/v1/eligibility/batches/{uuid}/",
        "/api/v1/eligibility/batches/{uuid}/results/",
    } <= set(schema["paths"])
    post = schema["paths"]["/api/v1/eligibility/batches/"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "202" in post["responses"]


def test_a_file_over_the_size_limit_is_400(client, world, settings):
    settings.THIDUA_MAX_UPLOAD_MB = 0
    client.force_login(world.board)
    response = _post(client, csv_file("P1,LDTT,2025,,,"))
    assert response.status_code == 400
    assert "Tệp “api.csv” quá lớn" in str(response.json())
