"""The planning migrations keep every drive deadline, every reopening and every stored file."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BEFORE = [
    ("accounts", "0001_initial"),
    ("clusters", "0003_cluster_ordering"),
    ("planning", "0001_initial"),
]
AFTER = [("clusters", "0004_deadline_key"), ("planning", "0005_stored_files")]
PDF = b"%PDF-1.4\n% minh chung\n"


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps() -> Iterator[Any]:
    """The database as it was before the change; back to the latest schema afterwards."""
    apps = _migrate(BEFORE)
    try:
        yield apps
    finally:
        executor = MigrationExecutor(connection)
        _migrate(executor.loader.graph.leaf_nodes())


def _old_world(apps: Any) -> dict[str, Any]:
    authority = apps.get_model("organizations", "Authority").objects.create(
        code="HN", name="Hà Nội"
    )
    cluster = apps.get_model("clusters", "Cluster").objects.create(
        authority=authority, kind="cluster", number=6, code="HN-C06", name="Cụm 6"
    )
    cluster_year = apps.get_model("clusters", "ClusterYear").objects.create(
        cluster=cluster, year=2023
    )
    unit = apps.get_model("organizations", "Organization").objects.create(
        code="SNV", name="Sở Nội vụ", kind="department", authority=authority
    )
    user = apps.get_model("accounts", "User").objects.create(username="thuky")
    return {"cy": cluster_year, "unit": unit, "user": user}


def _old_drives(apps: Any, world: dict[str, Any]) -> dict[str, Any]:
    """Drive 1 closed two days ago and reopened for the unit; drive 2 without a deadline."""
    Drive = apps.get_model("planning", "Drive")
    due = timezone.now() - dt.timedelta(days=2)
    until = timezone.now() + dt.timedelta(days=3)
    closed = Drive.objects.create(
        cluster_year=world["cy"],
        number=1,
        name="Đợt 1",
        starts_on=dt.date(2023, 2, 1),
        ends_on=dt.date(2023, 4, 30),
        report_due_at=due,
    )
    Drive.objects.create(
        cluster_year=world["cy"],
        number=2,
        name="Đợt 2",
        starts_on=dt.date(2023, 5, 1),
        ends_on=dt.date(2023, 6, 30),
    )
    apps.get_model("planning", "DriveReopening").objects.create(
        drive=closed,
        organization=world["unit"],
        until=until,
        reason="Đơn vị bận bầu cử",
        granted_by=world["user"],
    )
    return {"due": due, "until": until}


def _old_attachments(apps: Any, world: dict[str, Any]) -> str:
    """One attachment whose file is stored, one whose file is missing from the storage."""
    document = apps.get_model("planning", "PlanDocument").objects.create(
        cluster_year=world["cy"], kind="work-plan"
    )
    version = apps.get_model("planning", "PlanVersion").objects.create(
        document=document, number=1, title="Kế hoạch"
    )
    name = default_storage.save("planning/HN-C06/2023/plans/abc/ke-hoach.pdf", ContentFile(PDF))
    Attachment = apps.get_model("planning", "PlanAttachment")
    Attachment.objects.create(
        version=version, file=name, original_name="Kế hoạch.pdf", size=len(PDF)
    )
    Attachment.objects.create(
        version=version, file="planning/gone.docx", original_name="Mất.docx", size=10
    )
    return name


def test_deadlines_reopenings_and_files_are_carried_over(old_apps: Any) -> None:
    world = _old_world(old_apps)
    drives = _old_drives(old_apps, world)
    name = _old_attachments(old_apps, world)

    apps = _migrate(AFTER)

    # The drive's deadline is a step deadline of the cluster year; the reopening its extension.
    deadline = apps.get_model("clusters", "Deadline").objects.get()
    assert (deadline.step, deadline.key, deadline.due_at) == (
        "drive_report",
        "drive-1",
        drives["due"],
    )
    rows = apps.get_model("planning", "Drive").objects.order_by("number")
    assert [d.report_deadline_id for d in rows] == [deadline.pk, None]
    extension = apps.get_model("clusters", "DeadlineExtension").objects.get()
    assert (
        extension.deadline_id,
        extension.organization_id,
        extension.until,
        extension.reason,
        extension.granted_by_id,
    ) == (deadline.pk, world["unit"].pk, drives["until"], "Đơn vị bận bầu cử", world["user"].pk)
    # Every file keeps its stored name; type and hash are filled in when the file is there.
    attachments = apps.get_model("planning", "PlanAttachment").objects.order_by("pk")
    assert [(r.file.name, r.content_type, r.sha256) for r in attachments] == [
        (name, "application/pdf", hashlib.sha256(PDF).hexdigest()),
        (
            "planning/gone.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "",
        ),
    ]
    with default_storage.open(name) as handle:
        assert handle.read() == PDF
