"""The database guards of the law (migration 0006): published versions of one family and
authority never overlap, and the parameters of a published version never change."""

from __future__ import annotations

from thidua.core.db import Guard, no_overlap

OVERLAP = "ruleset_no_overlap"
IMMUTABLE = "ruleparameter_published_immutable"

RULE_SET_OVERLAP = no_overlap(
    table="legal_ruleset",
    name=OVERLAP,
    keys=("family", "authority_id"),
    start="effective_from",
    end="effective_to",
    condition="{p}status = 'published'",
    nullable_keys=("authority_id",),
)

_PUBLISHED = "SELECT 1 FROM legal_ruleset WHERE id = {row}.rule_set_id AND status = 'published'"
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {IMMUTABLE}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF EXISTS ({_PUBLISHED.format(row="OLD")}) THEN
            RAISE EXCEPTION '{IMMUTABLE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF EXISTS ({_PUBLISHED.format(row="NEW")}) THEN
            RAISE EXCEPTION '{IMMUTABLE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$
"""


def _sqlite(op: str, rows: tuple[str, ...]) -> str:
    test = " OR ".join(f"EXISTS ({_PUBLISHED.format(row=row)})" for row in rows)
    return (
        f"CREATE TRIGGER {IMMUTABLE}_{op.lower()} BEFORE {op} ON legal_ruleparameter "
        f"WHEN {test} BEGIN SELECT RAISE(ABORT, '{IMMUTABLE}'); END"
    )


# SQLite: no DELETE trigger. Django empties a SQLite test database with ``DELETE FROM`` table
# by table in no fixed order, which such a trigger would refuse; services refuse the delete and
# PostgreSQL (emptied with TRUNCATE) refuses it in the database.
PARAMETERS_IMMUTABLE = Guard(
    name=IMMUTABLE,
    postgresql=(
        _PG_FUNCTION,
        f"CREATE TRIGGER {IMMUTABLE} BEFORE INSERT OR UPDATE OR DELETE ON legal_ruleparameter "
        f"FOR EACH ROW EXECUTE FUNCTION {IMMUTABLE}()",
    ),
    postgresql_reverse=(
        f"DROP TRIGGER IF EXISTS {IMMUTABLE} ON legal_ruleparameter",
        f"DROP FUNCTION IF EXISTS {IMMUTABLE}()",
    ),
    sqlite=(_sqlite("INSERT", ("NEW",)), _sqlite("UPDATE", ("OLD", "NEW"))),
    sqlite_reverse=tuple(f"DROP TRIGGER IF EXISTS {IMMUTABLE}_{op}" for op in ("insert", "update")),
)
