"""Demo data of the start of the year from the news reports: facts as reported, loads twice
without duplicates."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.start_of_year.models import (
    EmulationModel,
    Pledge,
    PledgeSignature,
    PledgeTarget,
    Registration,
    Topic,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MODELS = [Pledge, PledgeSignature, PledgeTarget, Registration, EmulationModel, Topic, User]


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture
def demo(db: Any) -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_loads_twice_without_duplicates(demo: str) -> None:
    before, events = counts(), AuditEvent.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert (counts(), AuditEvent.objects.count()) == (before, events)


def test_cluster_10_pledge_has_the_six_commitments_of_the_report(demo: str) -> None:
    pledge = Pledge.objects.get(cluster_year__cluster__code="HN-C10", cluster_year__year=2020)
    texts = list(pledge.items.order_by("number").values_list("text", flat=True))
    assert len(texts) == 6
    assert [t.split(",")[0].split(" ")[0:3] for t in texts] == [
        ["Thi", "đua", "hoàn"],
        ["Tăng", "cường", "củng"],
        ["Tiếp", "tục", "nâng"],
        ["Tiếp", "tục", "đổi"],
        ["Chỉ", "đạo", "tốt"],
        ["Tiếp", "tục", "triển"],
    ]
    assert (pledge.status, pledge.conference_date.isoformat(), pledge.place) == (
        "in_force",
        "2020-02-07",
        "Sóc Sơn",
    )


def test_cluster_10_signatures_name_only_who_the_report_names(demo: str) -> None:
    signatures = PledgeSignature.objects.filter(
        pledge__cluster_year__cluster__code="HN-C10"
    ).order_by("organization__sort_key")
    assert [(s.organization.code, s.signer_name, s.signer_position) for s in signatures] == [
        ("HN-DONGANH", "", ""),
        ("HN-GIALAM", "", ""),
        ("HN-MELINH", "", ""),
        ("HN-SOCSON", "Phạm Văn Minh", "Chủ tịch UBND huyện"),
        ("HN-THANHTRI", "", ""),
    ]
    assert {s.signed_at.date().isoformat() for s in signatures} == {"2020-02-07"}
    assert {s.method for s in signatures} == {"recorded"}


def test_cluster_10_has_the_eight_models_by_unit_and_government_flag_registrations(
    demo: str,
) -> None:
    registrations = Registration.objects.filter(cluster_year__cluster__code="HN-C10")
    per_unit = {r.organization.code: r.emulation_models.count() for r in registrations}
    assert per_unit == {
        "HN-SOCSON": 1,
        "HN-THANHTRI": 2,
        "HN-DONGANH": 2,
        "HN-GIALAM": 2,
        "HN-MELINH": 1,
    }
    assert {(r.award.code, r.status) for r in registrations} == {("CTD_CP", "accepted")}
    assert (
        EmulationModel.objects.filter(registration__organization__code="HN-GIALAM")
        .order_by("pk")
        .first()
        .name
        == "Trường học điện tử"
    )  # type: ignore[union-attr]
    assert set(Topic.objects.values_list("is_sample", flat=True)) == {True}


def test_cluster_7_pledge_three_commitments_target_and_named_signers(demo: str) -> None:
    pledge = Pledge.objects.get(cluster_year__cluster__code="HN-C07", cluster_year__year=2021)
    assert pledge.items.count() == 3
    target = PledgeTarget.objects.get(item__pledge=pledge)
    assert (target.item.number, target.text, target.value, target.unit) == (
        3,
        "100% đơn vị đăng ký thi đua từ Cờ thi đua xuất sắc của UBND Thành phố trở lên",
        100,
        "%",
    )
    named = dict(
        pledge.signatures.exclude(signer_name="").values_list("organization__code", "signer_name")
    )
    assert named == {"HN-SLDTBXH": "Bạch Liên Hương", "HN-STTTT": "Nguyễn Thanh Liêm"}
    assert (pledge.signatures.count(), pledge.status) == (7, "in_force")


def test_cluster_7_units_register_for_the_citys_excellent_flag(demo: str) -> None:
    registrations = Registration.objects.filter(cluster_year__cluster__code="HN-C07")
    assert {(r.award.code, r.status) for r in registrations} == {("CTD_XS_HN", "submitted")}
    assert registrations.count() == 7


def test_demo_accounts_are_printed(demo: str) -> None:
    assert "demo-socson-ld" in demo
    assert "demo-thanhtri-cb" in demo
    leader = User.objects.get(username="demo-socson-ld")
    assert (leader.full_name, leader.role, leader.organization.code) == (  # type: ignore[union-attr]
        "Phạm Văn Minh",
        "unit_leader",
        "HN-SOCSON",
    )
