"""The world of the permission matrix: the demo data (Hà Nội's Cụm 6, 7 and 10) plus what the demo
does not make (a board officer of another authority, an API token, a batch of checks, a
restructuring, uploaded files), and the personas, resolved around the cluster year a URL is about.

A persona is a role, not a fixed account: "secretariat" is the secretariat of the URL's cluster
year, "officer" and "leader" are a member unit's officer and head (not the head unit), "peer" is
the officer of another member unit of that cluster year, and the
``other_*`` personas are the same roles one step outside: the board officer of another authority,
the secretariat and an officer of another cluster of the same authority.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from tests.factories import AuthorityFactory, UserFactory
from thidua.accounts import services as account_services
from thidua.accounts.enums import Role
from thidua.accounts.models import ApiToken, User
from thidua.clusters.models import ClusterYear
from thidua.eligibility.enums import BatchStatus
from thidua.eligibility.models import CheckBatch
from thidua.organizations.models import Organization
from thidua.planning.models import (
    DriveEvidence,
    DriveReport,
    Movement,
    PlanAttachment,
    PlanVersion,
)
from thidua.restructuring import services as restructuring_services
from thidua.restructuring.models import Restructuring
from thidua.restructuring.plan import Decision, NewUnit
from thidua.start_of_year.enums import ExportKind, ExportStatus
from thidua.start_of_year.models import (
    EmulationModel,
    Evidence,
    ExportJob,
    ProgressUpdate,
    Registration,
)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Every persona, in the order of the matrix's columns.
PERSONAS = (
    "anonymous",
    "admin",
    "board",
    "council",
    "viewer",
    "secretariat",
    "officer",
    "leader",
    "peer",
    "other_board",
    "other_secretariat",
    "other_officer",
)
OUTSIDERS = ("other_board", "other_secretariat", "other_officer")

# The demo accounts of each cluster year: secretariat, officer, leader, peer (the officer of
# another member unit of the same cluster year), other secretariat, other officer. Cụm 6 2023
# (head: Văn phòng UBND TP) is also the home of the pages that belong to no cluster year.
LOCAL = ("secretariat", "officer", "leader", "peer", "other_secretariat", "other_officer")
HOMES: dict[str, tuple[str, ...]] = {
    "C06": ("thuky", "donvi", "lanhdao", "demo-stp", "thuky-c10", "demo-donganh-cb"),
    "C07": ("thuky-c07", "demo-sgddt-cb", "demo-sgddt-ld", "demo-skhcn-cb", "thuky", "donvi"),
    "C10": (
        "thuky-c10",
        "demo-donganh-cb",
        "demo-donganh-ld",
        "demo-melinh-cb",
        "thuky",
        "donvi",
    ),
}
CLUSTER_YEARS = {"C06": ("HN-C06", 2023), "C07": ("HN-C07", 2021), "C10": ("HN-C10", 2020)}


@dataclass
class MatrixWorld:
    users: dict[str, User]
    cy: dict[str, ClusterYear]
    objects: dict[str, Any] = field(default_factory=dict)

    def persona(self, persona: str, home: str | None) -> User | None:
        """The account playing ``persona`` for a URL about the cluster year ``home``."""
        if persona == "anonymous":
            return None
        fixed = {"admin": "admin", "board": "bantdkt", "council": "hoidong", "viewer": "xem"}
        if persona in fixed:
            return self.users[fixed[persona]]
        if persona == "other_board":
            return self.users["other_board"]
        names = dict(zip(LOCAL, HOMES[home or "C06"], strict=True))
        return self.users[names[persona]]

    def unit(self, code: str) -> Organization:
        return Organization.objects.get(code=code)


def build_world() -> MatrixWorld:
    call_command("demo", stdout=io.StringIO())
    other = AuthorityFactory(code="HP", name="Hội đồng Thi đua - Khen thưởng Thành phố Hải Phòng")
    UserFactory(username="other_board", role=Role.BOARD_OFFICER, authority=other)
    world = MatrixWorld(
        users={u.username: u for u in User.objects.all()},
        cy={
            home: ClusterYear.objects.get(cluster__code=code, year=year)
            for home, (code, year) in CLUSTER_YEARS.items()
        },
    )
    _add_files(world)
    _add_others(world)
    return world


def _add_files(world: MatrixWorld) -> None:
    officer = world.users["demo-sgddt-cb"]
    version = PlanVersion.objects.filter(document__cluster_year=world.cy["C07"]).first()
    assert version is not None, "the demo has no plan in Cụm 7"
    world.objects["plan_attachment"] = PlanAttachment.objects.create(
        version=version,
        file=ContentFile(PDF, name="ke-hoach.pdf"),
        original_name="ke-hoach.pdf",
        uploaded_by=world.users["thuky-c07"],
    )
    report = DriveReport.objects.filter(drive__cluster_year=world.cy["C10"]).first()
    assert report is not None, "the demo has no drive report in Cụm 10"
    world.objects["drive_evidence"] = DriveEvidence.objects.create(
        report=report,
        file=ContentFile(PDF, name="minh-chung.pdf"),
        original_name="minh-chung.pdf",
        uploaded_by=world.users["thuky-c10"],
    )
    movement = Movement.objects.filter(authority=world.users["bantdkt"].authority).first()
    assert movement is not None, "the demo has no movement of Hà Nội"
    movement.document_file = ContentFile(PDF, name="phat-dong.pdf")
    movement.document_file_name = "phat-dong.pdf"
    movement.save()
    world.objects["movement"] = movement
    registration = Registration.objects.get(
        cluster_year=world.cy["C07"], organization=officer.organization
    )
    world.objects["registration"] = registration
    item = registration.emulation_models.first() or registration.topics.first()
    assert item is not None, "the demo registration of Sở GD&ĐT has no model nor topic"
    world.objects["registration_item"] = item
    update = ProgressUpdate.objects.create(
        registration=registration,
        text="Đã triển khai",
        reported_at=timezone.now(),
        author=officer,
        **{"emulation_model" if isinstance(item, EmulationModel) else "topic": item},
    )
    world.objects["progress_evidence"] = Evidence.objects.create(
        progress=update,
        file=ContentFile(PDF, name="minh-chung.pdf"),
        original_name="minh-chung.pdf",
        uploaded_by=officer,
    )


def _add_others(world: MatrixWorld) -> None:
    board = world.users["bantdkt"]
    world.objects["token"] = account_services.create_api_token(
        user=world.users["donvi"], name="Máy chấm điểm", expires_at=None
    ).token
    assert isinstance(world.objects["token"], ApiToken)
    world.objects["batch"] = CheckBatch.objects.create(
        filename="dot.csv",
        sha256="0" * 64,
        authority=board.authority,
        received_on=dt.date(2026, 1, 15),
        total=0,
        rows=[],
        created_by=board,
        status=BatchStatus.DONE,
    )
    export = ExportJob(
        kind=ExportKind.ROLLUP,
        requested_by=board,
        parameters={"year": 2021},
        status=ExportStatus.DONE,
        filename="tong-hop-dang-ky-2021.xlsx",
    )
    export.file.save("tong-hop.xlsx", ContentFile(b"PK"), save=True)
    world.objects["export"] = export  # the board officer's own export: nobody else sees it
    unit = Organization.objects.get(code="HN-UBND")
    restructuring_services.rename_unit(
        unit=unit,
        new_unit=NewUnit("HN-UBND2", "Ủy ban nhân dân Thành phố Hà Nội (mới)"),
        decision=Decision(
            number="01/QĐ-UBND",
            date=dt.date(2025, 1, 2),
            effective_date=dt.date(2025, 1, 2),
            issuing_body="UBND TP",
        ),
        user=world.users["admin"],
    )
    world.objects["restructuring"] = Restructuring.objects.latest("pk")
