"""The person page's "Kiểm tra điều kiện khen thưởng": one link per individual award to the
check page (/eligibility/), for last year's achievements, shown only to those who may check
this person (``eligibility.check`` on the unit that answers for them, as the check page asks)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.eligibility import rules
from thidua.eligibility.engine.wording import AWARDS
from thidua.eligibility.selectors import subject_unit
from thidua.people.sections import (
    PersonHistory,
    PersonLink,
    PersonSection,
    register_person_section,
)

if TYPE_CHECKING:
    from thidua.people.models import Person

INDIVIDUAL_AWARDS = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTDTQ", "BK_TINH", "BK_TTG")


def person_eligibility_section(request: HttpRequest, person: Person) -> PersonHistory | None:
    """One query (the person's unit); ``None`` for those who may not check them."""
    unit = subject_unit(person.code, INDIVIDUAL_AWARDS[0])
    if unit is None or not request.user.has_perm(rules.CHECK.name, unit):
        return None
    year = timezone.localdate().year - 1
    base = reverse("eligibility:check")
    links = [
        PersonLink(
            label=_("{award} năm {year}").format(award=AWARDS[code], year=year),
            url=f"{base}?"
            + urlencode(
                {"subject_code": person.code, "award_code": code, "achievement_year": year}
            ),
        )
        for code in INDIVIDUAL_AWARDS
    ]
    return PersonHistory(title=_("Kiểm tra điều kiện khen thưởng"), links=links)


# Registered on import, from ``EligibilityConfig.ready`` (as ``rules`` declares its actions).
SECTION = register_person_section(
    PersonSection("eligibility.check", 30, person_eligibility_section)
)
