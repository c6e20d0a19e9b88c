"""The groups a plan is made of (one per unit, cluster and cluster year) and who imports.

Each group that cannot be used is marked ``ok = False`` after its error is logged, so that
rows depending on it are skipped quietly instead of repeating the same problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.clusters.enums import HEAD_LABELS, ClusterKind
from thidua.clusters.imports.columns import RowRole, header_label, same_text
from thidua.clusters.imports.rows import ErrorLog, Row
from thidua.clusters.models import Cluster, ClusterYear
from thidua.clusters.selectors import organizations_for_user
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Authority, Organization

if TYPE_CHECKING:
    from thidua.accounts.models import User

CHUNK = 500  # codes per IN (…) query; keeps far below SQLite's variable limit


@dataclass
class Scope:
    """Who imports: the command (``user=None``) and system admins reach everything; a board
    officer reaches the units and clusters of their own authority."""

    user: User | None

    @property
    def restricted(self) -> bool:
        return self.user is not None and not self.user.is_system_admin

    @property
    def authority_id(self) -> int | None:
        return self.user.authority_id if self.user is not None else None

    @property
    def default_authority(self) -> Authority | None:
        return self.user.authority if self.user is not None else None

    def visible_unit_ids(self, ids: Iterable[int]) -> set[int]:
        ids = list(ids)
        if not self.restricted or self.user is None:
            return set(ids)
        visible: set[int] = set()
        for chunk in chunks(ids):
            visible |= set(
                organizations_for_user(self.user).filter(pk__in=chunk).values_list("pk", flat=True)
            )
        return visible


@dataclass
class UnitEntry:
    code: str
    rows: list[Row] = field(default_factory=list)
    data: dict[str, tuple[Any, int]] = field(default_factory=dict)  # value, row that gave it
    existing: Organization | None = None
    created: Organization | None = None
    authority: Authority | None = None
    ok: bool = True

    @property
    def organization(self) -> Organization | None:
        return self.existing or self.created

    @property
    def define_row(self) -> int:
        return self.data["name"][1] if "name" in self.data else self.rows[0].number

    def value(self, key: str, default: Any = "") -> Any:
        return self.data[key][0] if key in self.data else default


@dataclass
class ClusterEntry:
    code: str
    rows: list[Row] = field(default_factory=list)
    data: dict[str, tuple[Any, int]] = field(default_factory=dict)
    existing: Cluster | None = None
    created: Cluster | None = None
    authority: Authority | None = None
    kind: str = ""
    ok: bool = True

    @property
    def cluster(self) -> Cluster | None:
        return self.existing or self.created

    @property
    def name(self) -> str:
        return self.existing.name if self.existing else str(self.data.get("cluster_name", ("",))[0])

    @property
    def define_row(self) -> int:
        return self.data["cluster_name"][1] if "cluster_name" in self.data else self.rows[0].number


@dataclass
class YearEntry:
    cluster: ClusterEntry
    year: int
    existing: ClusterYear | None = None
    created: ClusterYear | None = None
    rows: dict[str, Row] = field(default_factory=dict)  # unit code → its row
    to_add: list[tuple[Row, UnitEntry]] = field(default_factory=list)
    head: tuple[Row, UnitEntry] | None = None
    deputy: tuple[Row, UnitEntry] | None = None
    ok: bool = True
    added: int = 0

    @property
    def cluster_year(self) -> ClusterYear | None:
        return self.existing or self.created

    def label(self, role: RowRole) -> str:
        head, deputy = HEAD_LABELS[ClusterKind(self.cluster.kind or ClusterKind.CLUSTER)]
        return str(head if role is RowRole.HEAD else deputy)


@dataclass
class Plan:
    scope: Scope
    units: dict[str, UnitEntry] = field(default_factory=dict)
    parents: dict[str, Organization] = field(default_factory=dict)  # in the DB, not in the file
    creation_order: list[UnitEntry] = field(default_factory=list)  # new units, parents first
    clusters: dict[str, ClusterEntry] = field(default_factory=dict)
    years: dict[tuple[str, int], YearEntry] = field(default_factory=dict)


def chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


UNIT_ATTRS = {
    "name": "name",
    "short_name": "short_name",
    "kind": "kind",
    "province": "province",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
}


def show(key: str, value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if key == "kind" and value in OrganizationKind.values:
        return str(OrganizationKind(value).label)
    if key == "cluster_kind" and value in ClusterKind.values:
        return str(ClusterKind(value).label)
    return "" if value is None else str(value)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return same_text(a, b)
    return bool(a == b)


def merge(entry: UnitEntry | ClusterEntry, attr: str, errors: ErrorLog, what: str) -> None:
    """Gather the values a group's rows give; two rows giving different values is an error."""
    for row in entry.rows:
        for key, value in getattr(row, attr).items():
            if key not in entry.data:
                entry.data[key] = (value, row.number)
                continue
            first, first_row = entry.data[key]
            if not same(first, value):
                errors.add(
                    row.number,
                    key,
                    _(
                        "{what} “{code}” đã có ở dòng {row} với “{column}” là “{first}”, dòng này "
                        "ghi “{value}”. Các dòng của cùng một mã phải ghi giống nhau."
                    ).format(
                        what=what,
                        code=entry.code,
                        row=first_row,
                        column=header_label(key),
                        first=show(key, first),
                        value=show(key, value),
                    ),
                )
                entry.ok = False
