from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import OrganizationFactory, UserFactory
from thidua.audit.models import AuditChainHead, AuditEvent
from thidua.audit.selectors import events_for_object, verify_chain
from thidua.audit.services import record_event, snapshot
from thidua.organizations import services as org_services

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_record_event_chains_hashes() -> None:
    org = OrganizationFactory()
    first = record_event(action="test.one", obj=org, after={"a": 1})
    second = record_event(action="test.two", obj=org, before={"a": 1}, after={"a": 2})
    assert second.prev_hash == first.hash
    assert verify_chain().ok is True
    assert [e.action for e in events_for_object(org).order_by("id")] == ["test.one", "test.two"]


def test_tampering_with_a_past_event_is_detected() -> None:
    org = OrganizationFactory()
    first = record_event(action="test.one", obj=org, after={"name": "A"})
    record_event(action="test.two", obj=org)
    AuditEvent.objects.filter(pk=first.pk).update(after={"name": "B"})  # a DBA edits history
    result = verify_chain()
    assert (result.ok, result.first_bad_sequence) == (False, first.sequence)
    with pytest.raises(CommandError, match="Nhật ký bị sửa đổi"):
        call_command("audit-verify")


def test_deleting_a_past_event_is_detected() -> None:
    org = OrganizationFactory()
    record_event(action="a", obj=org)
    middle = record_event(action="b", obj=org)
    record_event(action="c", obj=org)
    AuditEvent.objects.filter(pk=middle.pk).delete()
    assert verify_chain().first_bad_sequence == middle.sequence


def test_service_change_records_actor_before_and_after() -> None:
    user = UserFactory()
    org = OrganizationFactory(name="Sở Cũ")
    from thidua.core import middleware

    token = middleware._actor.set(user)
    try:
        org_services.update_organization(organization=org, name="Sở Mới")
    finally:
        middleware._actor.reset(token)
    event = AuditEvent.objects.get(action="organization.update")
    assert (event.actor, event.before["name"], event.after["name"]) == (user, "Sở Cũ", "Sở Mới")


def test_request_id_is_stored_and_echoed(client: Any) -> None:
    user = UserFactory(role="system_admin", is_superuser=True)
    client.force_login(user)
    response = client.get("/organizations/", HTTP_X_REQUEST_ID="req-abc-123")
    assert response["X-Request-ID"] == "req-abc-123"


def test_snapshot_serialises_dates_and_foreign_keys() -> None:
    org = OrganizationFactory()
    data = snapshot(org, ["code", "authority_id", "valid_from"])
    assert data == {"code": org.code, "authority_id": org.authority_id, "valid_from": None}


def test_an_address_is_hashed_as_the_database_stores_it() -> None:
    from thidua.core import middleware

    token = middleware._ip.set("2001:0DB8:0:0::0001")  # stored as 2001:db8::1
    try:
        event = record_event(action="test.ipv6", object_type="x")
    finally:
        middleware._ip.reset(token)
    assert AuditEvent.objects.get(pk=event.pk).ip_address == "2001:db8::1"
    assert verify_chain().ok is True


def test_every_event_takes_the_next_number_and_the_head_follows() -> None:
    events = [record_event(action=f"test.{n}", object_type="x") for n in range(3)]
    head = AuditChainHead.objects.get(pk=1)
    assert [e.sequence for e in events] == [1, 2, 3]
    assert (head.last_sequence, head.last_hash) == (3, events[-1].hash)
