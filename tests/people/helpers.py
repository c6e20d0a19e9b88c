"""People for tests, written through the services (as the board officer of Hà Nội)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.organizations.models import Organization
from thidua.people import services
from thidua.people.models import Person

D = dt.date


def person(
    user: Any, unit: Organization, code: str = "P-001", name: str = "Nguyễn Văn An", **kw: Any
) -> Person:
    return services.create_person(
        user=user,
        organization=unit,
        code=code,
        full_name=name,
        category=kw.pop("category", "civil_servant"),
        valid_from=kw.pop("valid_from", D(2018, 1, 1)),
        **kw,
    )
