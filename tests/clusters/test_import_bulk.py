"""The import writes units and members in bulk (``NewOrganizations``, ``NewMemberships``): the
same rows, stored sort keys and audit events as the single-row services, all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models, transaction

from tests.conftest import World
from tests.factories_import import csv_bytes, db_state, row
from thidua.audit.models import AuditEvent
from thidua.audit.selectors import verify_chain
from thidua.clusters import services as cluster_services
from thidua.clusters.imports import import_units
from thidua.clusters.known_memberships import KnownMemberships
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.organizations import services as org_services
from thidua.organizations.models import Authority, Organization

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

HN = {"authority": "HN"}
C20 = {"cluster": "HN-C20", "year": 2025, "cluster_name": "Cụm thi đua số 20", **HN}
K21 = {"cluster": "HN-K21", "year": 2025, "cluster_name": "Khối thi đua số 21", "cluster_kind": "Khối", **HN}  # fmt: skip


def mixed_rows(world: World) -> list[list[Any]]:
    """New units (one the parent of another, in the file), two new clusters (a cụm, a khối) with
    their heads, an existing unit joining, a new unit joining an existing cluster year."""
    return [
        row(code="HN-SCT", name="Sở Công Thương", short="Sở CT", kind="Sở", province="Hà Nội",
            start="01/01/2008", role="Cụm trưởng", **C20),
        row(code="HN-TT", name="Trung tâm Xúc tiến Đầu tư", kind="Khác",
            parent="HN-SCT", role="Cụm phó", **C20),
        row(code=world.member.code, **C20),
        row(code="HN-DA", name="Ủy ban nhân dân xã Đông Anh", kind="Xã", end="31/12/2030",
            role="Khối trưởng", **K21),
        row(code="HN-SCT", role="Khối phó", **K21),
        row(code="HN-VP", name="Văn phòng Đoàn đại biểu Quốc hội", kind="Sở", cluster="HN-C06",
            year=2023, **HN),
    ]  # fmt: skip


def rows_through_the_services(world: World) -> None:
    """What ``mixed_rows`` asks for, one row at a time through the single-row services, in the
    order the import carries a plan out: units (parents first), clusters, then for each cluster
    year its creation, members and heads."""
    hn = world.authority
    sct = org_services.create_organization(
        code="HN-SCT", name="Sở Công Thương", short_name="Sở CT", kind="department",
        province="Hà Nội", valid_from=dt.date(2008, 1, 1), authority=hn,
    )  # fmt: skip
    tt = org_services.create_organization(
        code="HN-TT", name="Trung tâm Xúc tiến Đầu tư", kind="other", parent=sct,
        authority=hn,
    )  # fmt: skip
    dong_anh = org_services.create_organization(
        code="HN-DA", name="Ủy ban nhân dân xã Đông Anh", kind="commune",
        valid_to=dt.date(2030, 12, 31), authority=hn,
    )  # fmt: skip
    vp = org_services.create_organization(
        code="HN-VP", name="Văn phòng Đoàn đại biểu Quốc hội", kind="department", authority=hn
    )
    c20 = cluster_services.create_cluster(
        authority=hn, kind="cluster", code="HN-C20", name="Cụm thi đua số 20", user=None
    )
    k21 = cluster_services.create_cluster(
        authority=hn, kind="bloc", code="HN-K21", name="Khối thi đua số 21", user=None
    )
    known = KnownMemberships()
    for cluster, units, head, deputy in (
        (c20, [sct, tt, world.member], sct, tt),
        (k21, [dong_anh, sct], dong_anh, sct),
    ):
        cy = cluster_services.create_cluster_year(cluster=cluster, year=2025, user=None)
        for unit in units:
            cluster_services.add_member(cluster_year=cy, organization=unit, user=None, known=known)
        cluster_services.set_heads(cluster_year=cy, head=head, deputy=deputy, user=None)
    cluster_services.add_member(cluster_year=world.cy, organization=vp, user=None, known=known)


# ------------------------------------------------------------------------ what was written

ORG_KEYS = {"organization_id", "parent_id", "head_id", "deputy_id"}
OBJECT_TYPES = {
    "organizations.organization": "org",
    "clusters.cluster": "cluster",
    "clusters.clusteryear": "cy",
}


def _labels() -> dict[str, dict[Any, str]]:
    """Primary keys differ from one run to the other: rows are compared by their codes."""
    return {
        "org": dict(Organization.objects.values_list("pk", "code")),
        "cluster": dict(Cluster.objects.values_list("pk", "code")),
        "cy": {cy.pk: f"{cy.cluster.code}/{cy.year}" for cy in ClusterYear.objects.all()},
        "authority": dict(Authority.objects.values_list("pk", "code")),
    }


def _label(labels: dict[str, dict[Any, str]], key: str, value: Any) -> Any:
    if key in ORG_KEYS:
        return labels["org"].get(value, value)
    which = {"cluster_id": "cluster", "cluster_year_id": "cy", "authority_id": "authority"}
    return labels[which[key]].get(value, value) if key in which else value


def _table(model: type[models.Model], labels: dict[str, dict[Any, str]]) -> list[dict[str, Any]]:
    fields = [
        f.attname for f in model._meta.concrete_fields if f.name not in {"id", "created", "updated"}
    ]
    rows = [
        {key: _label(labels, key, value) for key, value in values.items()}
        for values in model._default_manager.values(*fields)
    ]
    return sorted(rows, key=repr)


def _payload(labels: dict[str, dict[Any, str]], data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    return {key: _label(labels, key, value) for key, value in data.items()}


def written(since: int) -> dict[str, Any]:
    """Every row of the four tables and every event after ``since``, with codes for keys."""
    labels = _labels()
    events = [
        {
            "action": e.action,
            "object_type": e.object_type,
            "object_id": labels[OBJECT_TYPES[e.object_type]].get(int(e.object_id), e.object_id)
            if e.object_type in OBJECT_TYPES
            else e.object_id,
            "object_repr": e.object_repr,
            "before": _payload(labels, e.before),
            "after": _payload(labels, e.after),
            "note": e.note,
            "actor": (e.actor_id, e.actor_repr),
        }
        for e in AuditEvent.objects.filter(sequence__gt=since).order_by("sequence")
    ]
    return {
        "organizations": _table(Organization, labels),
        "clusters": _table(Cluster, labels),
        "cluster_years": _table(ClusterYear, labels),
        "memberships": _table(ClusterMembership, labels),
        "events": events,
    }


def _last_sequence() -> int:
    return AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


# ------------------------------------------------------------------------------------ tests


def test_bulk_import_writes_the_rows_sort_keys_and_events_of_the_single_row_services(
    world: World,
) -> None:
    since = _last_sequence()
    with transaction.atomic():
        result = import_units(data=csv_bytes(mixed_rows(world)), filename="x.csv", user=None)
        assert result.errors == []
        imported = written(since)
        transaction.set_rollback(True)
    with transaction.atomic():
        rows_through_the_services(world)
        one_by_one = written(since)
        transaction.set_rollback(True)

    assert imported["events"].pop()["action"] == "import.units"
    assert [e["action"] for e in imported["events"]] == (
        ["organization.create"] * 4
        + ["cluster.create"] * 2
        + ["cluster_year.create"] + ["cluster_year.member.add"] * 3 + ["cluster_year.heads.set"]
        + ["cluster_year.create"] + ["cluster_year.member.add"] * 2 + ["cluster_year.heads.set"]
        + ["cluster_year.member.add"]
    )  # fmt: skip
    assert imported == one_by_one
    tt = next(o for o in imported["organizations"] if o["code"] == "HN-TT")
    assert (tt["parent_id"], tt["sort_key"] != "", "xuc tien" in tt["search_text"]) == (
        "HN-SCT",
        True,
        True,
    )


def many_rows(count: int) -> list[list[Any]]:
    """``count`` new units, ten to a new cluster, its first two the head and deputy."""
    return [
        row(
            code=f"HN-B{i:04d}",
            name=f"Đơn vị số {i}",
            kind="Sở",
            cluster=f"HN-B{i // 10:03d}",
            year=2025,
            role={0: "Cụm trưởng", 1: "Cụm phó"}.get(i % 10, ""),
            cluster_name=f"Cụm số {i // 10}",
            authority="HN",
        )
        for i in range(count)
    ]


@pytest.mark.parametrize(
    ("last_row", "column", "message"),
    [
        (
            {"code": "HN-CUOI", "name": "Đơn vị cuối", "kind": "Sở", "start": "02/01/2025",
             "end": "01/01/2025"},
            "Giải thể ngày",
            "Ngày kết thúc (01/01/2025) đứng trước ngày bắt đầu (02/01/2025).",
        ),
        (
            {"code": "HN-B0003", "cluster": "HN-B099", "year": 2025},
            "Mã cụm",
            "Đơn vị số 3 đã là thành viên của Cụm số 0 năm 2025: một đơn vị chỉ thuộc một cụm "
            "thi đua của cùng cơ quan trong một năm.",
        ),
    ],
    ids=["unit_refused_by_create_organization_rules", "member_refused_by_add_member_rules"],
)  # fmt: skip
def test_an_error_in_the_last_row_of_a_long_file_writes_nothing(
    world: World, last_row: dict[str, Any], column: str, message: str
) -> None:
    rows = [*many_rows(1_000), row(**last_row)]  # more than two INSERTs of 500 units
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=None)

    assert [(e.row, e.column, e.message) for e in result.errors] == [(1_002, column, message)]
    assert db_state() == state


def test_audit_chain_verifies_after_a_bulk_import(world: World) -> None:
    result = import_units(data=csv_bytes(many_rows(1_200)), filename="x.csv", user=world.admin)

    assert result.errors == []
    assert (result.counts.units, result.counts.memberships, result.counts.heads) == (
        1_200,
        1_200,
        240,
    )
    assert AuditEvent.objects.filter(action="organization.create").count() == 1_200
    assert verify_chain().ok is True
    call_command("audit-verify")  # raises CommandError when the chain is broken


def test_new_units_get_the_sort_keys_that_save_derives(world: World) -> None:
    import_units(data=csv_bytes(mixed_rows(world)), filename="x.csv", user=None)

    for org in Organization.objects.filter(code__in=["HN-SCT", "HN-TT", "HN-DA", "HN-VP"]):
        stored = (org.sort_key, org.search_text)
        org.derive_text_keys()
        assert (org.sort_key, org.search_text) == stored != ("", "")


def test_import_statements_grow_by_batches_not_by_units(
    world: World, django_assert_max_num_queries: Any
) -> None:
    """New units joining one existing cluster year: units, members and their events are written
    in batches (500 a statement, fewer on SQLite, whose statements take fewer values), so 600
    units cost a few more statements than 5, never one or more each."""

    def file(first: int, count: int) -> bytes:
        return csv_bytes(
            [
                row(
                    code=f"HN-N{i:04d}",
                    name=f"Đơn vị {i}",
                    kind="Sở",
                    cluster="HN-C06",
                    year=2023,
                    authority="HN",
                )
                for i in range(first, first + count)
            ]
        )

    with django_assert_max_num_queries(20) as few:
        import_units(data=file(0, 5), filename="few.csv", user=None)
    with django_assert_max_num_queries(len(few) + 40):
        result = import_units(data=file(100, 600), filename="many.csv", user=None)
    assert result.counts.memberships == 600
    assert ClusterMembership.objects.filter(cluster_year=world.cy).count() == 3 + 605
