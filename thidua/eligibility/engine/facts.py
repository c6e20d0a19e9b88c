"""The facts the rules read: frozen, slotted, built once per batch by the preload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

# Codes of the parameter data → the integer orders of the people app (higher is better/heavier/
# wider). Kept here so the engine imports no model enums.
RATING = {"HTXS": 4, "HTT": 3, "HT": 2, "KHT": 1}
DISCIPLINE = {
    "khien_trach": 1,
    "canh_cao": 2,
    "ha_bac_luong": 3,
    "cach_chuc": 4,
    "buoc_thoi_viec": 5,
}
SCOPE = {"unit": 1, "commune": 2, "province": 3, "national": 4}
SCOPE_CODES = {v: k for k, v in SCOPE.items()}
COLLECTIVE_AWARDS = frozenset({"TTLDTT", "TTLDXS", "CTD_TINH", "CTD_CP", "CTD_6X"})


@dataclass(frozen=True, slots=True)
class AwardFact:
    """A title or form received (not revoked)."""

    award_code: str
    year: int
    decided_on: dt.date | None = None
    decision: str = ""


@dataclass(frozen=True, slots=True)
class DisciplineFact:
    level: int | None
    effective_from: dt.date
    effective_to: dt.date | None = None
    pending: bool = False

    def open_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True, slots=True)
class InitiativeFact:
    code: str
    year: int
    scope: int
    used_for: str = ""  # "CSTDCS 2023" when already used (InitiativeUse)


@dataclass(frozen=True, slots=True)
class PersonFacts:
    code: str
    name: str
    unit_id: int | None = None
    history_from: int | None = None
    ratings: Mapping[int, int] = field(default_factory=dict)
    months: Mapping[int, int] = field(default_factory=dict)
    awards: tuple[AwardFact, ...] = ()
    disciplines: tuple[DisciplineFact, ...] = ()
    initiatives: tuple[InitiativeFact, ...] = ()

    def award_years(self, award_code: str) -> frozenset[int]:
        return frozenset(a.year for a in self.awards if a.award_code == award_code)


@dataclass(frozen=True, slots=True)
class CollectiveFact:
    rating: int | None
    members: int
    completed: int
    ldtt: int
    cstdcs: int
    max_discipline: int | None = None


@dataclass(frozen=True, slots=True)
class ForebearFacts:
    """A predecessor of a unit (transitively) and how it became part of it."""

    name: str
    kind: str  # merge / rename / split / transfer
    effective_date: dt.date
    years: Mapping[int, CollectiveFact] = field(default_factory=dict)
    awards: tuple[AwardFact, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitFacts:
    code: str
    name: str
    unit_id: int
    valid_to: dt.date | None = None
    successor: str = ""  # the unit that took over its work, if merged away
    years: Mapping[int, CollectiveFact] = field(default_factory=dict)
    awards: tuple[AwardFact, ...] = ()
    lead_years: Mapping[int, frozenset[str]] = field(default_factory=dict)  # nominations
    clusters: Mapping[int, str] = field(default_factory=dict)  # year → cluster code
    forebears: tuple[ForebearFacts, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One row to check: a subject, an award, an achievement year, a dossier date."""

    subject_code: str
    award_code: str
    year: int
    received_on: dt.date
    row: int = 0
    date_given: bool = True
    # Initiatives the proposer names for this row (the file's "Sáng kiến" column): only these
    # count for the row's initiative requirement. ``None``: the oldest unused ones are picked.
    initiatives: tuple[str, ...] | None = None
    # BK tỉnh: the point of khoản 1 Điều 74 proposed ("a"–"d"; "" is the data route, d).
    route: str = ""

    @property
    def collective(self) -> bool:
        return self.award_code in COLLECTIVE_AWARDS
