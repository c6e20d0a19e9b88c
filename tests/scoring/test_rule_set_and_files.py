"""The scoring scale comes only from the rule set in force (no second copy in code or in the
models), and scoring cannot start without one: the person reads why. Evidence files are stored
files (random storage name, type, hash), and the migration keeps the files already stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from tests.conftest import World
from tests.factories_scoring import pdf
from tests.scoring.conftest import ScoringWorld
from thidua.legal.models import RuleParameter, RuleSet
from thidua.scoring import selectors
from thidua.scoring.models import CriteriaSet, Evidence, ScoreEntry, ScoringRound
from thidua.scoring.services import criteria
from thidua.scoring.services.sheets import EntryInput, save_sheet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Y = ("HN-C06", 2023)
NO_RULE_SET = "Chưa có bộ quy định về thang điểm chấm điểm thi đua có hiệu lực ngày 01/01/2023"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def no_rule_set(world: World) -> World:
    RuleSet.objects.update(status="draft")  # published parameters cannot be deleted
    RuleSet.objects.all().delete()
    return world


def test_the_models_keep_no_copy_of_the_rule_set_defaults() -> None:
    fields = [
        CriteriaSet._meta.get_field("max_total"),
        CriteriaSet._meta.get_field("bonus_cap"),
        ScoringRound._meta.get_field("aggregation"),
        ScoringRound._meta.get_field("outlier_mad_k"),
        ScoringRound._meta.get_field("outlier_gap_points"),
    ]
    assert [f.name for f in fields if f.has_default()] == []


def test_a_local_rule_set_gives_the_scale_of_its_clusters(world: World) -> None:
    local = RuleSet.objects.create(
        code="thang-diem-ha-noi",
        name="Thang điểm cụm, khối của Hà Nội",
        legal_basis="Quyết định của UBND Thành phố (thử)",
        effective_from=dt.date(2020, 1, 1),
        authority=world.authority,
        family="scoring_scale",
    )
    RuleParameter.objects.create(
        rule_set=local, code="max_total", value_type="number", decimal_value=200
    )
    local.status = "published"  # its parameters are written while it is a draft
    local.save()
    cs = criteria.create_criteria_set(cluster_year=world.cy, user=world.secretariat, name="X")
    assert (cs.max_total, cs.bonus_cap) == (Decimal(200), Decimal(10))
    assert world.cy.scoring_round.defaults_source == (
        "Thang điểm cụm, khối của Hà Nội; Thang điểm cụm/khối (mặc định)"
    )


def test_without_a_rule_set_in_force_scoring_cannot_start_and_says_why(
    no_rule_set: World,
) -> None:
    w = no_rule_set
    with pytest.raises(ValidationError) as exc:
        criteria.create_criteria_set(cluster_year=w.cy, user=w.secretariat, name="X")
    assert exc.value.messages[0].startswith(NO_RULE_SET)
    assert "thiếu tham số: max_total, bonus_cap" in exc.value.messages[0]
    assert (CriteriaSet.objects.count(), ScoringRound.objects.count()) == (0, 0)


def test_without_a_rule_set_the_pages_show_the_message_not_an_error(no_rule_set: World) -> None:
    client = client_for(no_rule_set.secretariat)
    created = client.post(
        reverse("scoring:criteria_create", args=Y), {"name": "Bộ tiêu chí"}, follow=True
    )
    settings_page = client.get(reverse("scoring:settings", args=Y))
    saved = client.post(
        reverse("scoring:settings", args=Y),
        {
            "verification_mode": "head",
            "aggregation": "mean",
            "bands": "Tốt: 80",
            "tie_break": "group:I",
        },
    )
    assert (created.status_code, settings_page.status_code, saved.status_code) == (200, 200, 400)
    for response in (created, settings_page, saved):
        assert NO_RULE_SET in response.content.decode()
    assert ScoringRound.objects.count() == 0


def test_evidence_is_stored_under_a_random_name_with_its_type_and_hash(
    sw: ScoringWorld, media: Any
) -> None:
    upload = pdf("Báo cáo kết quả.pdf")
    content = upload.read()
    upload.seek(0)
    save_sheet(
        cluster_year=sw.cy,
        organization=sw.w.member,
        user=sw.w.officer,
        expected_version=selectors.sheet_for(sw.cy, sw.w.member).version,
        entries=[EntryInput(sw.c("I.1").pk, value=Decimal(30))],
        evidence={sw.c("I.1").pk: [upload]},
    )
    evidence = Evidence.objects.get()
    folder, _year, _month, stored = evidence.file.name.split("/")[-4:]
    assert (evidence.file.name.startswith("scoring/evidence/"), folder) == (True, "evidence")
    assert stored.endswith(".pdf") and "Báo" not in stored
    assert (evidence.original_name, evidence.size, evidence.content_type) == (
        "Báo cáo kết quả.pdf",
        len(content),
        "application/pdf",
    )
    assert (evidence.sha256, evidence.uploaded_by) == (
        hashlib.sha256(content).hexdigest(),
        sw.w.officer,
    )
    response = client_for(sw.w.officer).get(reverse("scoring:evidence", args=[evidence.pk]))
    assert b"".join(response.streaming_content) == content


def test_the_migration_keeps_stored_evidence_and_fills_its_type_and_hash(
    sw: ScoringWorld, media: Any
) -> None:
    entry = ScoreEntry.objects.create(
        sheet=selectors.sheet_for(sw.cy, sw.w.member), criterion=sw.c("I.1")
    )
    name = default_storage.save(
        "scoring/evidence/2023/05/bao-cao-2023.pdf", ContentFile(b"%PDF-1.4 ok")
    )
    old = Evidence.objects.create(entry=entry, original_name="bao-cao-2023.pdf", file=name)
    missing = Evidence.objects.create(
        entry=entry, original_name="mat.pdf", file="scoring/evidence/2023/05/mat.pdf"
    )
    migration = importlib.import_module(
        "thidua.scoring.migrations.0003_evidence_stored_file_scale_from_rule_set"
    )
    migration.fill_type_and_hash(apps, None)
    old.refresh_from_db()
    missing.refresh_from_db()
    assert (old.file.name, old.sha256, old.content_type) == (
        "scoring/evidence/2023/05/bao-cao-2023.pdf",
        hashlib.sha256(b"%PDF-1.4 ok").hexdigest(),
        "application/pdf",
    )
    assert (missing.file.name, missing.sha256) == ("scoring/evidence/2023/05/mat.pdf", "")
