"""Evidence is a stored file like every other upload: random name under its folder, size, type,
hash and uploader; files stored before keep their name and get the new facts filled in."""

from __future__ import annotations

import hashlib
import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from tests.conftest import World
from tests.factories_start_of_year import make_registration
from thidua.accounts.models import User
from thidua.start_of_year.models import Evidence, ProgressUpdate
from thidua.start_of_year.services import progress

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PDF = b"%PDF-1.4\n%%EOF\n"
SHA = hashlib.sha256(PDF).hexdigest()


def test_new_evidence_is_stored_under_the_apps_folder_with_its_facts(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(
        world.cy, world.member, world.officer, accept_by=world.secretariat
    )
    update = progress.post_progress(
        item=registration.topics.get(),
        by=world.leader,
        text="Biên bản nghiệm thu",
        files=[SimpleUploadedFile("Biên bản.PDF", PDF, content_type="application/pdf")],
    )
    evidence = update.evidence.get()
    now = timezone.now()
    assert re.fullmatch(
        rf"start_of_year/evidence/{now:%Y/%m}/[0-9a-f]{{32}}\.pdf", evidence.file.name
    )
    assert (
        evidence.original_name,
        evidence.size,
        evidence.content_type,
        evidence.sha256,
        evidence.uploaded_by,
    ) == ("Biên bản.PDF", len(PDF), "application/pdf", SHA, world.leader)


def test_the_migration_keeps_old_files_and_fills_their_facts(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(
        world.cy, world.member, world.officer, accept_by=world.secretariat
    )
    update = ProgressUpdate.objects.create(
        registration=registration,
        topic=registration.topics.get(),
        text="Báo cáo trước khi minh chứng là tệp lưu trữ chung",
        reported_at=timezone.now(),
        author=world.officer,
    )
    stored = default_storage.save("cycle/evidence/0123456789abcdef.pdf", ContentFile(PDF))
    kept = Evidence.objects.create(progress=update, file=stored, original_name="bb.pdf", size=0)
    lost = Evidence.objects.create(
        progress=update, file="cycle/evidence/missing.docx", original_name="mat.docx", size=7
    )
    migration = importlib.import_module(
        "thidua.start_of_year.migrations.0003_evidence_is_a_stored_file"
    )

    # the migration's data step, run on today's models (it only reads and fills these fields)
    migration.fill_stored_file_fields(apps, SimpleNamespace(connection=connection))

    kept.refresh_from_db()
    lost.refresh_from_db()
    assert (kept.file.name, kept.size, kept.sha256, kept.content_type, kept.uploaded_by) == (
        stored,
        len(PDF),
        SHA,
        "application/pdf",
        world.officer,
    )
    assert (lost.file.name, lost.size, lost.sha256, lost.content_type) == (
        "cycle/evidence/missing.docx",
        7,
        "",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
