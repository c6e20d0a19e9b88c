from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AuthorityFactory, OrganizationFactory
from thidua.audit.models import AuditEvent
from thidua.organizations import services
from thidua.organizations.models import Organization, Succession
from thidua.organizations.selectors import search_organizations, succession_chain

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_create_organization_is_audited_and_searchable() -> None:
    org = services.create_organization(
        code="HN-SNV", name="Sở Nội vụ", kind="department", authority=AuthorityFactory()
    )
    assert AuditEvent.objects.get(action="organization.create").after["name"] == "Sở Nội vụ"
    assert list(search_organizations(Organization.objects.all(), "so noi vu")) == [org]


def test_duplicate_code_is_refused_and_nothing_written() -> None:
    OrganizationFactory(code="HN-SNV")
    with pytest.raises(ValidationError, match="Mã đơn vị “HN-SNV” đã tồn tại"):
        services.create_organization(code="HN-SNV", name="Sở khác", kind="department")
    assert Organization.objects.count() == 1


def test_dates_out_of_order_are_refused() -> None:
    with pytest.raises(ValidationError, match="đứng trước ngày bắt đầu"):
        services.create_organization(
            code="X1",
            name="Xã A",
            kind="commune",
            valid_from=dt.date(2025, 7, 1),
            valid_to=dt.date(2025, 1, 1),
        )
    assert Organization.objects.count() == 0


def test_invalid_code_is_refused() -> None:
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.create_organization(code="Sở nội vụ", name="Sở Nội vụ", kind="department")


def test_merge_dissolves_predecessor_and_links_both_ways() -> None:
    old = OrganizationFactory(name="Sở Lao động - Thương binh và Xã hội")
    new = OrganizationFactory(name="Sở Nội vụ")
    services.record_succession(
        predecessor=old, successor=new, kind="merge", effective_date=dt.date(2025, 3, 1)
    )
    old.refresh_from_db()
    assert old.valid_to == dt.date(2025, 2, 28)
    earlier, later = succession_chain(new)
    assert ([link.predecessor for link in earlier], later) == ([old], [])
    assert [link.successor for link in succession_chain(old)[1]] == [new]


def test_succession_chain_follows_several_steps() -> None:
    a, b, c = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    services.record_succession(
        predecessor=a, successor=b, kind="rename", effective_date=dt.date(2020, 1, 1)
    )
    services.record_succession(
        predecessor=b, successor=c, kind="merge", effective_date=dt.date(2025, 3, 1)
    )
    assert {link.predecessor for link in succession_chain(c)[0]} == {a, b}


def test_self_succession_is_refused() -> None:
    a = OrganizationFactory()
    with pytest.raises(ValidationError, match="không thể kế thừa chính nó"):
        services.record_succession(
            predecessor=a, successor=a, kind="rename", effective_date=dt.date(2025, 1, 1)
        )
    assert Succession.objects.count() == 0


def test_new_leader_closes_previous_term() -> None:
    org = OrganizationFactory()
    first = services.set_leader(
        organization=org,
        full_name="Nguyễn Văn A",
        position="Giám đốc",
        valid_from=dt.date(2020, 1, 1),
    )
    services.set_leader(
        organization=org,
        full_name="Trần Thị B",
        position="Giám đốc",
        valid_from=dt.date(2023, 6, 1),
    )
    first.refresh_from_db()
    assert first.valid_to == dt.date(2023, 5, 31)
