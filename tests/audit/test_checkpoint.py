"""Checkpoints an operator keeps elsewhere, and the switch of an existing trail to the keyed
chain (migration ``audit.0003_rekey_chain``)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import OrganizationFactory
from thidua.audit import chain
from thidua.audit.models import AuditChainHead, AuditEvent
from thidua.audit.selectors import verify_chain
from thidua.audit.services import record_event

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

rekey_migration = importlib.import_module("thidua.audit.migrations.0003_rekey_chain")


@pytest.fixture
def checkpoint_file(tmp_path: Path) -> Path:
    org = OrganizationFactory()
    for n in range(3):
        record_event(action=f"test.{n}", obj=org)
    path = tmp_path / "cp.json"
    call_command("audit-checkpoint", "--output", str(path))
    return path


def test_the_checkpoint_names_the_last_event_and_is_signed(checkpoint_file: Path) -> None:
    data = json.loads(checkpoint_file.read_text())
    last = AuditEvent.objects.get(sequence=3)
    assert (data["sequence"], data["hash"], data["public_key"]) == (
        3,
        last.hash,
        chain.public_key_text(),
    )
    assert chain.load_checkpoint(checkpoint_file.read_text()).sequence == 3


def test_the_public_key_is_printed_for_the_operator(capsys: pytest.CaptureFixture) -> None:
    call_command("audit-checkpoint", "--public-key")
    assert capsys.readouterr().out.strip() == chain.public_key_text()


def test_a_checkpoint_goes_to_the_screen_without_a_file(capsys: pytest.CaptureFixture) -> None:
    call_command("audit-checkpoint")
    data = json.loads(capsys.readouterr().out)
    assert (data["sequence"], data["hash"]) == (0, "")


def test_a_checkpoint_verifies_with_the_public_key_kept_beside_it(
    checkpoint_file: Path, capsys: pytest.CaptureFixture
) -> None:
    key = chain.public_key_text()
    call_command("audit-verify", "--checkpoint", str(checkpoint_file), "--public-key", key)
    assert "khớp điểm kiểm #3" in capsys.readouterr().out


def test_an_edited_checkpoint_is_refused(checkpoint_file: Path) -> None:
    data = json.loads(checkpoint_file.read_text())
    data["sequence"] = 2
    checkpoint_file.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="chữ ký của điểm kiểm không hợp lệ"):
        call_command("audit-verify", "--checkpoint", str(checkpoint_file))


def test_a_checkpoint_of_another_key_is_refused(checkpoint_file: Path, settings: object) -> None:
    settings.AUDIT_KEY = "another-audit-key-" + "x" * 30  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="ký bằng một khóa khác"):
        call_command("audit-verify", "--checkpoint", str(checkpoint_file))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "tệp điểm kiểm hỏng"),
        ('{"format": "x"}', "không phải tệp điểm kiểm"),
        (json.dumps({"format": chain.CHECKPOINT_FORMAT}), "tệp điểm kiểm hỏng"),
    ],
)
def test_a_broken_checkpoint_file_is_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "cp.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("audit-verify", "--checkpoint", str(path))


def test_a_missing_checkpoint_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không dùng được điểm kiểm"):
        call_command("audit-verify", "--checkpoint", str(tmp_path / "absent.json"))


def test_no_checkpoint_is_signed_for_a_tampered_trail(checkpoint_file: Path) -> None:
    AuditEvent.objects.filter(sequence=2).update(action="x")
    with pytest.raises(CommandError, match="không ký điểm kiểm"):
        call_command("audit-checkpoint")


def test_an_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không ghi được tệp"):
        call_command("audit-checkpoint", "-o", str(tmp_path / "no-such-dir" / "cp.json"))


# --- the switch from the plain SHA-256 chain -------------------------------------------------


def _as_old_chain(events: list[AuditEvent]) -> None:
    """The trail as the previous version wrote it: no sequence, plain SHA-256 of some fields."""
    prev = ""
    for event in events:
        event.prev_hash = prev
        prev = rekey_migration._old_digest(event)
        AuditEvent.objects.filter(pk=event.pk).update(
            sequence=event.sequence + 1000, prev_hash=event.prev_hash, hash=prev
        )
    AuditChainHead.objects.update(last_sequence=0, last_hash=prev)


def _rekey() -> AuditEvent:
    rekey_migration.rekey(apps, SimpleNamespace(connection=connection))
    return AuditEvent.objects.order_by("sequence").last()  # type: ignore[return-value]


def test_an_intact_old_trail_is_rehashed_and_the_switch_recorded() -> None:
    events = [record_event(action=f"old.{n}", object_type="x") for n in range(3)]
    _as_old_chain(events)
    old_last = AuditEvent.objects.get(pk=events[-1].pk).hash
    switch = _rekey()
    assert verify_chain().ok
    assert (switch.sequence, switch.action) == (4, "audit.chain_rekeyed")
    assert switch.after == {
        "scheme": chain.SCHEME,
        "events": 3,
        "old_chain_intact": True,
        "old_first_bad_id": None,
        "old_last_hash": old_last,
    }


def test_a_break_in_the_old_trail_stays_on_record_after_the_switch() -> None:
    events = [record_event(action=f"old.{n}", object_type="x") for n in range(3)]
    _as_old_chain(events)
    AuditEvent.objects.filter(pk=events[1].pk).update(after={"edited": True})
    switch = _rekey()
    assert verify_chain().ok
    assert (switch.after["old_chain_intact"], switch.after["old_first_bad_id"]) == (
        False,
        events[1].pk,
    )


def test_an_empty_trail_switches_without_an_event() -> None:
    assert _rekey() is None
    assert (AuditChainHead.objects.get(pk=1).last_sequence, AuditEvent.objects.count()) == (0, 0)
