"""Each kind of restructuring on both sides of its effective date: memberships of the years
before stay as they were, those from the effective date pass on (or end)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AuthorityFactory, OrganizationFactory
from tests.restructuring.conftest import MID_2025, Communes, decision
from thidua.audit.models import AuditEvent
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization, Succession
from thidua.restructuring import services
from thidua.restructuring.plan import NewUnit

pytestmark = pytest.mark.django_db

LEFT = {"joined_on": None, "left_on": dt.date(2025, 6, 30)}
STAYS = {"joined_on": None, "left_on": None}
JOINED = {"joined_on": MID_2025, "left_on": None}
WARD = NewUnit(code="PHUONG-X", name="Phường X")


def _ward() -> Organization:
    return Organization.objects.get(code="PHUONG-X")


def test_merge_mid_year_keeps_last_year_ends_old_units_and_moves_next_year(
    communes: Communes,
) -> None:
    services.merge_units(
        units=[communes.a, communes.b], new_unit=WARD, decision=decision(), user=None
    )

    assert communes.members(2024) == {"XA-A": STAYS, "XA-B": STAYS, "XA-C": STAYS}
    assert communes.members(2025) == {
        "XA-A": LEFT,
        "XA-B": LEFT,
        "XA-C": STAYS,
        "PHUONG-X": JOINED,
    }
    assert communes.members(2026) == {"XA-C": STAYS, "PHUONG-X": STAYS}
    ward = _ward()
    assert ward.valid_from == MID_2025
    assert Organization.objects.get(code="XA-A").valid_to == dt.date(2025, 6, 30)
    assert set(Succession.objects.values_list("predecessor__code", "successor__code")) == {
        ("XA-A", "PHUONG-X"),
        ("XA-B", "PHUONG-X"),
    }
    year = ClusterYear.objects.get(pk=communes.years[2025].pk)
    assert (year.head, year.deputy) == (ward, None)  # the head passes; the deputy merged into it
    assert ClusterYear.objects.get(pk=communes.years[2024].pk).head == communes.a
    assert "Kế thừa Xã A, Xã B" in communes.years[2026].memberships.get(organization=ward).note


def test_merge_from_the_first_of_january_leaves_the_year_before_untouched(
    communes: Communes,
) -> None:
    services.merge_units(
        units=[communes.a, communes.b],
        new_unit=WARD,
        decision=decision(dt.date(2026, 1, 1)),
        user=None,
    )

    assert communes.members(2025) == {"XA-A": STAYS, "XA-B": STAYS, "XA-C": STAYS}
    assert communes.members(2026) == {"XA-C": STAYS, "PHUONG-X": STAYS}


def test_merge_on_the_last_day_of_the_year_changes_only_the_next_year(communes: Communes) -> None:
    services.merge_units(
        units=[communes.a, communes.b],
        new_unit=WARD,
        decision=decision(dt.date(2025, 12, 31)),
        user=None,
    )

    assert communes.members(2025) == {"XA-A": STAYS, "XA-B": STAYS, "XA-C": STAYS}
    assert set(communes.members(2026)) == {"XA-C", "PHUONG-X"}


def test_merge_into_an_existing_member_keeps_one_membership(communes: Communes) -> None:
    services.merge_units(units=[communes.a], into=communes.c, decision=decision(), user=None)

    assert communes.members(2025) == {"XA-A": LEFT, "XA-B": STAYS, "XA-C": STAYS}
    assert set(communes.members(2026)) == {"XA-B", "XA-C"}
    assert ClusterYear.objects.get(pk=communes.years[2026].pk).head == communes.c


def test_split_gives_each_membership_to_the_chosen_successor(communes: Communes) -> None:
    row_2026 = communes.years[2026].memberships.get(organization=communes.a)
    services.split_unit(
        unit=communes.a,
        into=[NewUnit("XA-A1", "Xã A Bắc"), NewUnit("XA-A2", "Xã A Nam")],
        decision=decision(),
        user=None,
        assignments={row_2026.pk: "XA-A2"},
    )

    assert communes.members(2024)["XA-A"] == STAYS
    assert communes.members(2025)["XA-A"] == LEFT
    assert communes.members(2025)["XA-A1"] == JOINED
    assert set(communes.members(2026)) == {"XA-A2", "XA-B", "XA-C"}
    assert Succession.objects.filter(predecessor=communes.a).count() == 2


def test_rename_before_and_after(communes: Communes) -> None:
    services.rename_unit(
        unit=communes.b,
        new_unit=NewUnit("PHUONG-B", "Phường B"),
        decision=decision(),
        user=None,
    )

    assert communes.members(2024)["XA-B"] == STAYS
    assert (communes.members(2025)["XA-B"], communes.members(2025)["PHUONG-B"]) == (LEFT, JOINED)
    assert "XA-B" not in communes.members(2026)
    assert ClusterYear.objects.get(pk=communes.years[2026].pk).deputy.code == "PHUONG-B"  # type: ignore[union-attr]


def test_move_to_another_authority_leaves_the_old_authoritys_clusters(communes: Communes) -> None:
    other = AuthorityFactory(code="TW")
    services.move_unit(unit=communes.c, authority=other, decision=decision(), user=None)

    assert communes.members(2024)["XA-C"] == STAYS
    assert communes.members(2025)["XA-C"] == LEFT
    assert "XA-C" not in communes.members(2026)
    unit = Organization.objects.get(pk=communes.c.pk)
    assert (unit.authority, unit.valid_to) == (other, None)


def test_dissolve_before_and_after(communes: Communes) -> None:
    services.dissolve_unit(units=[communes.a], decision=decision(), user=None)

    assert communes.members(2024)["XA-A"] == STAYS
    assert communes.members(2025)["XA-A"] == LEFT
    assert "XA-A" not in communes.members(2026)
    assert ClusterYear.objects.get(pk=communes.years[2025].pk).head is None
    assert Organization.objects.get(pk=communes.a.pk).valid_to == dt.date(2025, 6, 30)


def test_a_year_with_approved_results_stays_as_it_was(communes: Communes) -> None:
    from thidua.scoring.models import ScoringRound

    ScoringRound.objects.create(cluster_year=communes.years[2025], status="approved")
    plan = services.preview(services.Spec("dissolve", decision(), (communes.a,)), user=None)

    assert [(m.year, m.action, m.reason) for m in plan.memberships] == [
        (2024, "keep", "năm đã qua"),
        (2025, "keep", "năm đã phê duyệt kết quả"),
        (2026, "drop", "đơn vị không còn trong cụm"),
    ]


def test_every_change_is_audited(communes: Communes) -> None:
    services.merge_units(
        units=[communes.a, communes.b], new_unit=WARD, decision=decision(), user=None
    )

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "restructuring.commit",
        "organization.create",
        "organization.succession.create",
        "organization.update",
        "cluster_year.member.restructure.join",
        "cluster_year.member.restructure.move",
        "cluster_year.member.restructure.drop",
        "cluster_year.heads.restructure",
    } <= actions


def test_preview_equals_what_commit_does(communes: Communes) -> None:
    spec = services.Spec("merge", decision(), (communes.a, communes.b), (WARD,))
    plan = services.preview(spec, user=None)

    restructuring = services.restructure(spec, user=None)

    assert restructuring.plan == plan.as_dict()
    assert plan.summary() == "1 cụm, khối bị ảnh hưởng."
    moved = {m.membership_id for m in plan.changes if m.action == "move"}
    assert (
        set(
            communes.years[2026]
            .memberships.filter(organization=_ward())
            .values_list("pk", flat=True)
        )
        == moved
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"number": ""}, "Cần nhập số quyết định."),
        ({"effective": dt.date(2000, 1, 1)}, "Ngày hiệu lực phải sau ngày"),
        ({"code": "XA-C"}, "đã tồn tại"),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_written(
    communes: Communes, change: dict[str, object], message: str
) -> None:
    communes.a.valid_from = dt.date(2010, 1, 1)
    communes.a.save()
    effective = change.get("effective", MID_2025)
    dec = decision(effective)  # type: ignore[arg-type]
    if "number" in change:
        dec = decision(number="")
    with pytest.raises(ValidationError, match=message):
        services.merge_units(
            units=[communes.a, communes.b],
            new_unit=NewUnit(str(change.get("code", "NEW")), "Mới"),
            decision=dec,
            user=None,
        )
    assert not Succession.objects.exists()
    assert Organization.objects.get(pk=communes.a.pk).valid_to is None


def test_a_closed_unit_cannot_be_restructured_again(communes: Communes) -> None:
    services.dissolve_unit(units=[communes.a], decision=decision(), user=None)
    with pytest.raises(ValidationError, match="đã ngừng hoạt động"):
        services.dissolve_unit(
            units=[Organization.objects.get(pk=communes.a.pk)], decision=decision(), user=None
        )


def test_units_of_another_cluster_kind_keep_their_other_membership(communes: Communes) -> None:
    """The successor already in another cluster of the same kind that year: the old unit only
    leaves (one unit, one cluster of a kind a year)."""
    other = OrganizationFactory(code="PHUONG-Y", authority=communes.authority, kind="commune")
    from tests.factories import ClusterMembershipFactory, ClusterYearFactory

    cy = ClusterYearFactory(cluster__authority=communes.authority, year=2026)
    ClusterMembershipFactory(cluster_year=cy, organization=other)
    services.merge_units(units=[communes.a], into=other, decision=decision(), user=None)
    assert "XA-A" not in communes.members(2026)
    assert "PHUONG-Y" not in communes.members(2026)


def test_the_preview_counts_the_open_work_of_the_years_that_change(communes: Communes) -> None:
    from thidua.scoring.models import ScoreSheet
    from thidua.start_of_year.models import Pledge

    for year in (2024, 2025, 2026):
        Pledge.objects.create(
            cluster_year=communes.years[year], version=1, status="open", title="Giao ước"
        )
    ScoreSheet.objects.create(cluster_year=communes.years[2024], organization=communes.a)
    ScoreSheet.objects.create(cluster_year=communes.years[2025], organization=communes.a)
    spec = services.Spec("merge", decision(), (communes.a, communes.b), (WARD,))

    plan = services.preview(spec, user=None)

    assert plan.impacts == (("giao ước đang mở", 2), ("bảng tự chấm điểm", 1))
    assert plan.summary() == (
        "1 cụm, khối, 2 giao ước đang mở và 1 bảng tự chấm điểm bị ảnh hưởng."
    )


NEXT_YEAR = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("kind", "call", "after_2026"),
    [
        (
            "merge",
            lambda c: services.merge_units(
                units=[c.a, c.b], new_unit=WARD, decision=decision(NEXT_YEAR), user=None
            ),
            {"PHUONG-X", "XA-C"},
        ),
        (
            "split",
            lambda c: services.split_unit(
                unit=c.a,
                into=[NewUnit("XA-A1", "Xã A Bắc"), NewUnit("XA-A2", "Xã A Nam")],
                decision=decision(NEXT_YEAR),
                user=None,
            ),
            {"XA-A1", "XA-B", "XA-C"},
        ),
        (
            "rename",
            lambda c: services.rename_unit(
                unit=c.a,
                new_unit=NewUnit("PHUONG-A", "Phường A"),
                decision=decision(NEXT_YEAR),
                user=None,
            ),
            {"PHUONG-A", "XA-B", "XA-C"},
        ),
        (
            "move",
            lambda c: services.move_unit(
                unit=c.a, authority=AuthorityFactory(), decision=decision(NEXT_YEAR), user=None
            ),
            {"XA-B", "XA-C"},
        ),
        (
            "dissolve",
            lambda c: services.dissolve_unit(units=[c.a], decision=decision(NEXT_YEAR), user=None),
            {"XA-B", "XA-C"},
        ),
    ],
)
def test_each_kind_from_new_year_leaves_the_years_before_as_they_were(
    communes: Communes, kind: str, call: Any, after_2026: set[str]
) -> None:
    before = {year: communes.members(year) for year in (2024, 2025)}

    restructuring = call(communes)

    assert restructuring.kind == kind
    assert {year: communes.members(year) for year in (2024, 2025)} == before
    assert set(communes.members(2026)) == after_2026
    assert all(m["left_on"] is None for m in communes.members(2026).values())


def test_a_rename_makes_a_new_unit_and_never_links_an_existing_one(communes: Communes) -> None:
    with pytest.raises(ValidationError, match="Đổi tên tạo một đơn vị mới"):
        services.restructure(
            services.Spec("rename", decision(), (communes.a,), (communes.c,)), user=None
        )
