"""Who sees a unit's draft registration (issue 12, point 7): the unit itself, the cluster's
secretariat, the board and the system administrator; never another member unit, on the pages and
in the API alike (one rule: ``selectors.draft_visibility``). Its models, topics, progress reports
and evidence follow the registration. Once sent, every member sees it, as before."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import CLUSTER_RUNNERS, Personas, World
from tests.factories_start_of_year import make_registration
from thidua.accounts.models import User
from thidua.start_of_year.enums import RegistrationAction, RegistrationStatus
from thidua.start_of_year.models import Evidence, Registration
from thidua.start_of_year.services import progress, registered_items, registrations

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MODEL_NAME = "Mô hình “Một cửa liên thông” chưa gửi"
LIST = "/start-of-year/HN-C06/2023/registrations/"
OTHER_UNITS = ["deputy_officer", "deputy_leader"]
OWN_UNIT = ["officer", "leader"]


@pytest.fixture
def personas(personas: Personas, leaders: dict[str, User]) -> Personas:
    """The shared personas, and the deputy unit's leader as ``deputy_leader``."""
    personas.extra["deputy_leader"] = leaders["deputy"]
    return personas


@pytest.fixture
def draft(world: World, leaders: dict[str, User]) -> Registration:
    """The member unit's registration, started and not sent, with one model and one topic."""
    registration = make_registration(world.cy, world.member, world.officer, models=0)
    registered_items.add_registered_item(
        registration=registration, by=world.officer, kind="model", name=MODEL_NAME
    )
    return registration


@pytest.fixture
def evidence(world: World, leaders: dict[str, User], settings: Any, tmp_path: Any) -> Evidence:
    """A progress report with evidence on a registration that stands as a draft. The services
    take progress only on an accepted registration; the rule follows the registration whatever
    path stored the report, so the registration is set back to a draft directly."""
    settings.MEDIA_ROOT = tmp_path
    registration = make_registration(
        world.cy, world.member, world.officer, accept_by=world.secretariat
    )
    update = progress.post_progress(
        item=registration.topics.get(),
        by=world.officer,
        text="Biên bản nghiệm thu",
        files=[SimpleUploadedFile("bb.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")],
    )
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.DRAFT)
    return update.evidence.get()


def _download(client: Client, evidence: Evidence) -> int:
    """The status of the evidence download (the file read through, which closes it)."""
    response = client.get(f"/start-of-year/evidence/{evidence.pk}/")
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response.status_code


def _detail(registration: Registration) -> str:
    return f"{LIST}{registration.organization.code}/"


def _listed(client: Client, registration: Registration) -> Any:
    rows = client.get(LIST).context["rows"]
    return next(r for r in rows if r.organization.pk == registration.organization_id).registration


@pytest.mark.parametrize("persona", OTHER_UNITS)
def test_another_unit_does_not_see_a_draft_registration_on_the_pages(
    world: World, personas: Personas, draft: Registration, persona: str
) -> None:
    client = personas.web(persona)
    page = client.get(_detail(draft))
    # shown exactly as a unit that has not started: nothing tells a peer that a draft exists
    assert page.status_code == 200
    assert page.context["page"].registration.pk is None
    assert MODEL_NAME not in page.content.decode()
    assert _listed(client, draft) is None
    assert MODEL_NAME not in client.get(LIST).content.decode()
    unit_page = client.get(f"/organizations/{world.member.pk}/").content.decode()
    assert _detail(draft) not in unit_page


@pytest.mark.parametrize("persona", OTHER_UNITS)
def test_another_unit_does_not_get_a_draft_registration_from_the_api(
    personas: Personas, draft: Registration, persona: str
) -> None:
    client = personas.api(persona)
    assert client.get("/api/v1/registrations/").json()["count"] == 0
    assert client.get(f"/api/v1/registrations/{draft.pk}/").status_code == 404
    model = draft.emulation_models.get()
    assert client.get("/api/v1/emulation-models/").json()["count"] == 0
    assert client.get(f"/api/v1/emulation-models/{model.pk}/").status_code == 404
    assert client.get("/api/v1/topics/").json()["count"] == 0


@pytest.mark.parametrize("persona", OWN_UNIT + CLUSTER_RUNNERS)
def test_own_unit_secretariat_board_and_admin_see_the_draft(
    personas: Personas, draft: Registration, persona: str
) -> None:
    client, api = personas.web(persona), personas.api(persona)
    page = client.get(_detail(draft))
    assert page.status_code == 200
    assert MODEL_NAME in page.content.decode()
    assert _listed(client, draft) == draft
    assert api.get(f"/api/v1/registrations/{draft.pk}/").status_code == 200
    model = draft.emulation_models.get()
    assert api.get(f"/api/v1/emulation-models/{model.pk}/").status_code == 200


@pytest.mark.parametrize("persona", OTHER_UNITS)
def test_once_sent_another_unit_sees_the_registration_as_before(
    world: World, personas: Personas, draft: Registration, persona: str
) -> None:
    registrations.transition_registration(
        registration=draft, action=RegistrationAction.SUBMIT, by=world.officer
    )
    client, api = personas.web(persona), personas.api(persona)
    page = client.get(_detail(draft))
    assert (page.status_code, MODEL_NAME in page.content.decode()) == (200, True)
    assert _listed(client, draft) == draft
    assert api.get(f"/api/v1/registrations/{draft.pk}/").status_code == 200
    assert api.get("/api/v1/emulation-models/").json()["count"] == 1


@pytest.mark.parametrize("persona", OTHER_UNITS)
def test_another_unit_cannot_download_evidence_of_a_draft_registration(
    personas: Personas, evidence: Evidence, persona: str
) -> None:
    client = personas.web(persona)
    assert _download(client, evidence) == 404


@pytest.mark.parametrize("persona", OWN_UNIT + CLUSTER_RUNNERS)
def test_own_unit_secretariat_board_and_admin_download_evidence_of_a_draft(
    personas: Personas, evidence: Evidence, persona: str
) -> None:
    client = personas.web(persona)
    assert _download(client, evidence) == 200


@pytest.mark.parametrize("persona", OTHER_UNITS)
def test_another_unit_downloads_evidence_of_an_accepted_registration_as_before(
    personas: Personas, evidence: Evidence, persona: str
) -> None:
    Registration.objects.filter(pk=evidence.progress.registration_id).update(
        status=RegistrationStatus.ACCEPTED
    )
    client = personas.web(persona)
    assert _download(client, evidence) == 200
