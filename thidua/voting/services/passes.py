"""Voting cards (thẻ biểu quyết, design §4.2): one live card per member unit per conference.
The code is shown once, to be printed or read out; only its HMAC is stored.

Side effects: ``VoterPass`` rows; one audit event per card naming the unit, never the code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.voting import seal
from thidua.voting.models import VoterPass
from thidua.voting.rules import ISSUE_PASSES, conference_of


@dataclass(frozen=True)
class IssuedPass:
    """A card as printed: the unit, the person and the code (never stored in clear)."""

    organization: Organization
    issued_to: str
    code: str

    @property
    def shown(self) -> str:
        return seal.show(self.code)


def find_pass(code: str) -> VoterPass | None:
    """The live card with this code, or ``None``."""
    if len(seal.normalize(code)) != seal.PASS_LENGTH:
        return None
    return (
        VoterPass.objects.select_related("conference__cluster_year", "organization")
        .filter(code_hmac=seal.pass_hmac(code), revoked=False)
        .first()
    )


@transaction.atomic
def issue_passes(
    *,
    cluster_year: ClusterYear,
    units: Sequence[Organization],
    user: Any,
    issued_to: dict[int, str] | None = None,
) -> list[IssuedPass]:
    """A new card for each unit; a unit's previous card is revoked (reissue)."""
    check(user, ISSUE_PASSES.name, cluster_year)
    conference = conference_of(cluster_year)
    members = set(
        ClusterMembership.objects.filter(cluster_year=cluster_year).values_list(
            "organization_id", flat=True
        )
    )
    strangers = [u.name for u in units if u.pk not in members]
    if strangers:
        raise ValidationError(
            _("Không phải đơn vị thành viên: {units}.").format(units=", ".join(strangers))
        )
    VoterPass.objects.filter(conference=conference, organization__in=units, revoked=False).update(
        revoked=True
    )
    names = issued_to or {}
    issued = [IssuedPass(unit, names.get(unit.pk, ""), seal.new_pass_code()) for unit in units]
    VoterPass.objects.bulk_create(
        VoterPass(
            conference=conference,
            organization=p.organization,
            code_hmac=seal.pass_hmac(p.code),
            issued_to=p.issued_to,
        )
        for p in issued
    )
    record_event(
        action="voting.passes_issued",
        obj=conference,
        actor=user,
        after={"units": sorted(u.name for u in units)},
    )
    return issued


@transaction.atomic
def revoke_pass(*, cluster_year: ClusterYear, organization: Organization, user: Any) -> int:
    check(user, ISSUE_PASSES.name, cluster_year)
    revoked = VoterPass.objects.filter(
        conference=conference_of(cluster_year), organization=organization, revoked=False
    ).update(revoked=True)
    record_event(
        action="voting.pass_revoked",
        obj=conference_of(cluster_year),
        actor=user,
        after={"unit": organization.name},
    )
    return revoked
