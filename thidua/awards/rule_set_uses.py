"""The award history's use of a rule-set version (``legal.uses.RULE_SET_USES``): a version
cannot be closed before the last dossier an award record judged under it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from thidua.awards.history import AwardRecord
from thidua.legal.uses import RuleSetUse, register_use


def last_award_record(rule_set_id: int) -> dt.date | None:
    """The latest day an award record used the version: its dossier's received day (what the
    version's dates are about), else its decision date. One query."""
    found = AwardRecord.objects.filter(rule_set_id=rule_set_id).aggregate(
        last=Max(Coalesce("received_on", "decision_date"))
    )
    day: dt.date | None = found["last"]
    return day


AWARD_RECORDS = RuleSetUse(
    slug="awards.records",
    label=_("khen thưởng ghi trong sổ khen thưởng"),
    last_use=last_award_record,
)


def register() -> None:
    register_use(AWARD_RECORDS)
