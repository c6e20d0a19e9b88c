"""The demo authorities: the 2025 merger of Nam Định and Hà Nam into Ninh Bình, idempotent."""

from __future__ import annotations

import io

import pytest

from tests.factories import AuthorityFactory
from thidua.audit.models import AuditEvent
from thidua.organizations import demo
from thidua.organizations.models import Authority, AuthoritySuccession
from thidua.organizations.selectors import authority_lineage

pytestmark = [pytest.mark.django_db]


def test_the_demo_merges_two_provincial_councils_into_ninh_binh_once() -> None:
    hanoi = AuthorityFactory(code="HN")
    demo.load(io.StringIO())
    counts = (
        Authority.objects.count(),
        AuthoritySuccession.objects.count(),
        AuditEvent.objects.count(),
    )
    demo.load(io.StringIO())

    ninh_binh = Authority.objects.get(code="NBI")
    assert (Authority.objects.count(), AuthoritySuccession.objects.count()) == counts[:2]
    assert AuditEvent.objects.count() == counts[2]
    assert set(authority_lineage(ninh_binh.pk).passed_on) == set(
        Authority.objects.filter(code__in=["NBI", "NDI", "HNA"]).values_list("pk", flat=True)
    )
    hanoi.refresh_from_db()
    assert hanoi.parent == Authority.objects.get(code="TW")
