"""Each kind of restructuring on both sides of its effective date: memberships of the years
before stay as they were, those from the effective date pass on (or end)."""

from __future__ import annotations

import datetime as dt

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
