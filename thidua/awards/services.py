"""Writes for the award catalogue: only loading it from ``catalogue.py`` (rows are data)."""

from __future__ import annotations

from django.db import transaction

from thidua.audit.services import record_event
from thidua.awards.catalogue import load_catalogue
from thidua.awards.models import AwardType


@transaction.atomic
def load_award_catalogue() -> tuple[int, int]:
    created, updated = load_catalogue(AwardType)
    if created or updated:
        record_event(
            action="awards.catalogue.load",
            object_type="awards.awardtype",
            after={"created": created, "updated": updated},
        )
    return created, updated
