"""Many members added to cluster years in one transaction (the import), with ``add_member``'s
rules and events but one ``INSERT`` for up to 500 of them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.clusters.known_memberships import KnownMemberships
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.clusters.services import build_membership, record_member_added
from thidua.organizations.models import Organization

BULK_SIZE = 500  # rows per INSERT: far below SQLite's variable limit


class NewMemberships:
    """Many members added together (the import), for a trusted caller that has checked its own
    permission: each ``add`` checks the unit as ``add_member`` does (against ``known``, which it
    keeps up to date) and raises the same ``ValidationError``; ``save`` writes the accepted ones
    with ``bulk_create`` and records the same ``cluster_year.member.add`` events, in order.

    Inside the caller's transaction; a concurrent insert that wins the race makes ``save`` raise a
    ``ValidationError`` (the caller's transaction then rolls everything back)."""

    def __init__(self, known: KnownMemberships) -> None:
        self.known = known
        self._added: list[ClusterMembership] = []

    def add(self, *, cluster_year: ClusterYear, organization: Organization) -> ClusterMembership:
        membership = build_membership(
            cluster_year=cluster_year, organization=organization, known=self.known
        )
        self.known.add(membership)
        self._added.append(membership)
        return membership

    def save(self) -> list[ClusterMembership]:
        added, self._added = self._added, []
        if not added:
            return added
        try:
            with transaction.atomic():  # one savepoint for all of them, not one per member
                ClusterMembership.objects.bulk_create(added, batch_size=BULK_SIZE)
        except IntegrityError as exc:  # a concurrent insert won the race
            raise ValidationError(
                _(
                    "Trong lúc ghi, một đơn vị vừa được thêm vào một cụm, khối khác cùng loại "
                    "trong cùng năm; hãy thử lại."
                )
            ) from exc
        for membership in added:
            record_member_added(membership)
        return added
