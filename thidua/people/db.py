"""The database guard of employments: a person's periods never overlap (PostgreSQL exclusion
constraint, SQLite triggers), whoever writes — a service, the import or raw SQL."""

from __future__ import annotations

from thidua.core.db import no_overlap

OVERLAP = "employment_no_overlap"

EMPLOYMENT_OVERLAP = no_overlap(
    table="people_employment",
    name=OVERLAP,
    keys=("person_id",),
    start="valid_from",
    end="valid_to",
)
