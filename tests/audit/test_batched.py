"""``batched_events``: a block's audit events appended to the chain in one step at its end."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.factories import AuthorityFactory, OrganizationFactory
from tests.factories_import import csv_bytes, row
from thidua.audit.models import AuditChainHead, AuditEvent
from thidua.audit.selectors import verify_chain
from thidua.audit.services import batched_events, record_event
from thidua.clusters.imports import import_units

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _sequences() -> list[tuple[int, str]]:
    return list(AuditEvent.objects.order_by("sequence").values_list("sequence", "action"))


def test_batched_events_are_written_at_the_end_in_order_without_gaps() -> None:
    org = OrganizationFactory()
    record_event(action="before", obj=org)
    start = AuditChainHead.objects.get().last_sequence
    with transaction.atomic(), batched_events():
        for n in range(5):
            record_event(action=f"batched.{n}", obj=org, after={"n": n})
        assert AuditEvent.objects.filter(action__startswith="batched.").count() == 0
    record_event(action="after", obj=org)

    actions = [f"batched.{n}" for n in range(5)]
    assert _sequences()[-7:] == list(
        zip(range(start, start + 7), ["before", *actions, "after"], strict=True)
    )
    assert AuditChainHead.objects.get().last_sequence == start + 6
    assert verify_chain().ok is True


def test_more_events_than_one_insert_batch_stay_verifiable() -> None:
    org = OrganizationFactory()
    with transaction.atomic(), batched_events():
        for n in range(1203):
            record_event(action="many", obj=org, after={"n": n})
    events = list(AuditEvent.objects.filter(action="many").order_by("sequence"))
    assert [e.after["n"] for e in events] == list(range(1203))
    assert events[-1].sequence - events[0].sequence == 1202
    assert verify_chain().ok is True


def test_an_exception_inside_writes_no_event() -> None:
    org = OrganizationFactory()
    record_event(action="before", obj=org)
    head_before = AuditChainHead.objects.get()
    with pytest.raises(ValueError), transaction.atomic(), batched_events():
        record_event(action="lost", obj=org)
        raise ValueError("stop")
    assert not AuditEvent.objects.filter(action="lost").exists()
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (
        head_before.last_sequence,
        head_before.last_hash,
    )
    record_event(action="next", obj=org)  # the chain goes on from where it was
    assert verify_chain().ok is True


def test_nested_blocks_are_written_by_the_outer_one() -> None:
    org = OrganizationFactory()
    with transaction.atomic(), batched_events():
        record_event(action="outer.1", obj=org)
        with batched_events():
            record_event(action="inner", obj=org)
        assert not AuditEvent.objects.filter(action="inner").exists()
        record_event(action="outer.2", obj=org)
    assert [a for _s, a in _sequences()[-3:]] == ["outer.1", "inner", "outer.2"]
    assert verify_chain().ok is True


@pytest.mark.django_db(transaction=True)  # no transaction around the test
def test_batching_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match="transaction"), batched_events():
        record_event(action="unbatched", object_type="test")
    assert not AuditEvent.objects.filter(action="unbatched").exists()


def test_audit_verify_is_clean_after_an_import() -> None:
    AuthorityFactory(code="HN")
    record_event(action="before", obj=OrganizationFactory())  # some history before the import
    rows = [
        row(code=f"HN-{n:03d}", name=f"Đơn vị {n}", kind="Sở", cluster="HN-C1", year=2025,
            role={0: "Cụm trưởng", 1: "Cụm phó"}.get(n, ""), cluster_name="Cụm 1",
            authority="HN")
        for n in range(12)
    ]  # fmt: skip
    before = AuditChainHead.objects.get().last_sequence
    result = import_units(data=csv_bytes(rows), filename="don-vi.csv", user=None)
    assert result.errors == []

    events = _sequences()
    new = [(s, a) for s, a in events if s > before]
    assert [s for s, _a in new] == list(range(before + 1, before + 1 + len(new)))
    actions = [a for _s, a in new]
    assert actions[:2] == ["organization.create", "organization.create"]
    assert actions.count("organization.create") == 12
    assert actions.count("cluster_year.member.add") == 12
    assert actions[-2:] == ["cluster_year.heads.set", "import.units"]
    call_command("audit-verify")  # raises CommandError when the chain is broken
