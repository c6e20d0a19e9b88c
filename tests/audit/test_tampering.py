"""Someone with write access to the database (a DBA, a stolen backup restored, an SQL injection)
changes the audit trail behind the application's back: every field of every event, deletions
anywhere, the whole table, and a recomputed chain are caught by ``thidua audit-verify``; a
rewrite by someone who also holds the audit key is caught against a signed checkpoint."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import OrganizationFactory, UserFactory
from thidua.audit import chain
from thidua.audit.models import AuditChainHead, AuditEvent
from thidua.audit.selectors import ALTERED, HEAD, MISSING, TRUNCATED, verify_chain
from thidua.audit.services import record_event
from thidua.core import middleware

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

EVENTS = 5


@pytest.fixture
def trail() -> list[AuditEvent]:
    """Five events by a named person, from an address, in a request: every field is filled."""
    user, org = UserFactory(), OrganizationFactory(name="Sở Y tế")
    tokens = (
        middleware._actor.set(user),
        middleware._ip.set("203.0.113.7"),
        middleware._request_id.set("req-1"),
    )
    try:
        events = [
            record_event(
                action=f"test.step{n}",
                obj=org,
                before={"score": n, "nested": {"b": 1, "a": [1, 2]}},
                after={"score": n + 1},
                note=f"lần {n}",
            )
            for n in range(1, EVENTS + 1)
        ]
    finally:
        middleware._actor.reset(tokens[0])
        middleware._ip.reset(tokens[1])
        middleware._request_id.reset(tokens[2])
    assert verify_chain().ok
    return events


def _sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _recompute_from(sequence: int, mac: Callable[[AuditEvent], str]) -> None:
    """What a forger does after an edit: relink and rehash every later event, and the head."""
    prev = AuditEvent.objects.get(sequence=sequence - 1).hash if sequence > 1 else ""
    for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"):
        event.prev_hash = prev
        prev = mac(event)
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash=event.prev_hash, hash=prev)
    AuditChainHead.objects.update(last_hash=prev)


def _plain_sha256(event: AuditEvent) -> str:
    return hashlib.sha256(chain.canonical(event)).hexdigest()


def _wrong_key(event: AuditEvent) -> str:
    return hmac.new(b"a guessed key", chain.canonical(event), hashlib.sha256).hexdigest()


def _rewrite_with(mac: Callable[[AuditEvent], str]) -> None:
    AuditEvent.objects.filter(sequence=2).update(after={"score": 100})
    _recompute_from(2, mac)


TAMPERINGS: dict[str, tuple[Callable[[], None], int, str]] = {
    "1 action edited": (
        lambda: AuditEvent.objects.filter(sequence=2).update(action="test.innocent"),
        2,
        ALTERED,
    ),
    "2 before and after edited": (
        lambda: AuditEvent.objects.filter(sequence=2).update(before=None, after={"score": 9}),
        2,
        ALTERED,
    ),
    "3 actor_repr edited": (
        lambda: _sql("UPDATE audit_auditevent SET actor_repr = %s WHERE sequence = 3", "ai đó"),
        3,
        ALTERED,
    ),
    "4 object_repr edited": (
        lambda: _sql("UPDATE audit_auditevent SET object_repr = %s WHERE sequence = 3", "Sở X"),
        3,
        ALTERED,
    ),
    "5 ip_address edited": (
        lambda: _sql("UPDATE audit_auditevent SET ip_address = %s WHERE sequence = 2", "10.0.0.1"),
        2,
        ALTERED,
    ),
    "6 timestamp moved by a microsecond": (
        lambda: AuditEvent.objects.filter(sequence=4).update(
            at=AuditEvent.objects.get(sequence=4).at + dt.timedelta(microseconds=1)
        ),
        4,
        ALTERED,
    ),
    "7 middle event deleted": (
        lambda: _sql("DELETE FROM audit_auditevent WHERE sequence = 3"),
        3,
        MISSING,
    ),
    "8 newest events deleted": (
        lambda: AuditEvent.objects.filter(sequence__gte=4).delete(),
        4,
        TRUNCATED,
    ),
    "9 all events deleted": (lambda: _sql("DELETE FROM audit_auditevent"), 1, TRUNCATED),
    "10a rewritten, chain recomputed with plain SHA-256": (
        lambda: _rewrite_with(_plain_sha256),
        2,
        ALTERED,
    ),
    "10b rewritten, chain recomputed with a wrong key": (
        lambda: _rewrite_with(_wrong_key),
        2,
        ALTERED,
    ),
}


@pytest.mark.parametrize("name", TAMPERINGS)
def test_every_tampering_is_detected_at_the_first_bad_event(
    trail: list[AuditEvent], name: str
) -> None:
    tamper, first_bad, problem = TAMPERINGS[name]
    tamper()
    result = verify_chain()
    assert (result.ok, result.first_bad_sequence, result.problem) == (False, first_bad, problem)
    with pytest.raises(CommandError, match=f"Nhật ký bị sửa đổi: .*#{first_bad} "):
        call_command("audit-verify")


def test_an_untouched_trail_verifies(
    trail: list[AuditEvent], capsys: pytest.CaptureFixture
) -> None:
    call_command("audit-verify")
    assert "Nhật ký toàn vẹn: 5 sự kiện." in capsys.readouterr().out


def test_a_deleted_head_is_detected(trail: list[AuditEvent]) -> None:
    AuditChainHead.objects.all().delete()
    assert (verify_chain().first_bad_sequence, verify_chain().problem) == (EVENTS, HEAD)


def test_a_head_moved_back_is_detected(trail: list[AuditEvent]) -> None:
    AuditChainHead.objects.update(last_sequence=3)
    assert (verify_chain().first_bad_sequence, verify_chain().problem) == (4, HEAD)


def test_a_head_with_another_hash_is_detected(trail: list[AuditEvent]) -> None:
    AuditChainHead.objects.update(last_hash="0" * 64)
    assert (verify_chain().first_bad_sequence, verify_chain().problem) == (EVENTS, HEAD)


def test_a_forged_event_appended_without_the_key_is_detected(trail: list[AuditEvent]) -> None:
    last = trail[-1]
    forged = AuditEvent(
        sequence=EVENTS + 1, at=last.at, action="test.forged", object_type="x", prev_hash=last.hash
    )
    forged.hash = _plain_sha256(forged)
    forged.save()
    AuditChainHead.objects.update(last_sequence=EVENTS + 1, last_hash=forged.hash)
    assert (verify_chain().first_bad_sequence, verify_chain().problem) == (EVENTS + 1, ALTERED)


# --- with the key: only a checkpoint kept elsewhere tells -----------------------------------


@pytest.fixture
def checkpoint_file(trail: list[AuditEvent], tmp_path: Path) -> Path:
    path = tmp_path / "audit-checkpoint.json"
    call_command("audit-checkpoint", "-o", str(path))
    return path


def test_a_full_rewrite_with_the_key_is_detected_against_a_checkpoint(
    checkpoint_file: Path,
) -> None:
    _rewrite_with(chain.event_mac)
    assert verify_chain().ok  # consistent: the forger holds the key
    with pytest.raises(CommandError, match=f"sự kiện #{EVENTS} khác với điểm kiểm"):
        call_command("audit-verify", "--checkpoint", str(checkpoint_file))


def test_newest_events_deleted_and_head_moved_back_is_detected_against_a_checkpoint(
    checkpoint_file: Path,
) -> None:
    AuditEvent.objects.filter(sequence__gte=4).delete()
    AuditChainHead.objects.update(
        last_sequence=3, last_hash=AuditEvent.objects.get(sequence=3).hash
    )
    assert verify_chain().ok
    with pytest.raises(CommandError, match="dừng trước sự kiện #4"):
        call_command("audit-verify", "--checkpoint", str(checkpoint_file))


def test_events_after_the_checkpoint_keep_verifying(
    checkpoint_file: Path, capsys: pytest.CaptureFixture
) -> None:
    record_event(action="test.later", object_type="x")
    call_command("audit-verify", "--checkpoint", str(checkpoint_file))
    assert "6 sự kiện, khớp điểm kiểm #5" in capsys.readouterr().out
