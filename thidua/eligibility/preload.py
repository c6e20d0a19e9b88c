"""The only module of the eligibility app that queries: the facts of a batch in a constant
number of queries (≈15, whatever its size), then the pure engine evaluates every row.

Small batches filter by code; large ones read whole tables (bounded by the year range) and
filter in Python, so a batch never sends more bound parameters than a database accepts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from thidua.awards.models import AwardNomination, AwardRecord, CollectiveYear
from thidua.eligibility.engine import (
    AwardFact,
    Batch,
    Candidate,
    CollectiveFact,
    DisciplineFact,
    ForebearFacts,
    InitiativeFact,
    P,
    Params,
    PersonFacts,
    Result,
    UnitFacts,
    evaluate_many,
)
from thidua.legal.enums import Family
from thidua.legal.models import RuleParameter, RuleSet
from thidua.legal.selectors import published_sets, select_rule_sets
from thidua.legal.wording import citation
from thidua.organizations.models import Organization, Succession
from thidua.organizations.selectors import Lineage, authority_lineage
from thidua.people.enums import DisciplineKind
from thidua.people.models import Discipline, Employment, InitiativeAuthor, Person, YearRecord

SMALL = 900  # up to this many codes, filter in the database
HISTORY_YEARS = 10  # the longest chain read (BK TTg: 5 years; CSTĐTQ: 2 cycles of 3)


def _subset(qs: QuerySet[Any], field: str, keys: Sequence[Any]) -> QuerySet[Any]:
    return qs.filter(**{f"{field}__in": keys}) if len(keys) <= SMALL else qs


@dataclass
class Snapshot:
    """The facts and rule parameters of one batch; ``batch`` is what the engine reads."""

    batch: Batch

    @classmethod
    def load(cls, candidates: Sequence[Candidate]) -> Snapshot:
        years = [c.year for c in candidates] or [timezone.localdate().year]
        low, high = min(years) - HISTORY_YEARS, max(years)
        person_codes = sorted({c.subject_code for c in candidates if not c.collective})
        unit_codes = sorted({c.subject_code for c in candidates if c.collective})
        people, authorities = _people(person_codes, low, high)
        units = _units(unit_codes, low, high, authorities)
        chooser = _Chooser(authorities)
        batch = Batch(
            people=people,
            units=units,
            params_for=chooser,
            ldtt_counts=_ldtt_counts(low, high),
            leaders=_leaders(low, high),
        )
        return cls(batch)


def _people(
    codes: Sequence[str], low: int, high: int
) -> tuple[dict[str, PersonFacts], dict[str, tuple[int | None, str]]]:
    """People by code, and each subject's authority (id, name) for choosing the rule set."""
    rows = list(
        _subset(Person.objects.all(), "code", codes).values_list(
            "id", "code", "full_name", "history_from"
        )
    )
    wanted = set(codes)
    rows = [r for r in rows if r[1] in wanted]
    ids = [r[0] for r in rows]
    units: dict[int, tuple[int, int | None, str]] = {}
    for pid, org, auth, name in (
        _subset(Employment.objects.all(), "person_id", ids)
        .order_by("valid_from")
        .values_list(
            "person_id",
            "organization_id",
            "organization__authority_id",
            "organization__authority__name",
        )
    ):
        units[pid] = (org, auth, name or "")
    ratings: dict[int, dict[int, int]] = defaultdict(dict)
    months: dict[int, dict[int, int]] = defaultdict(dict)
    for pid, year, rating, worked in _subset(
        YearRecord.objects.filter(year__gte=low, year__lte=high), "person_id", ids
    ).values_list("person_id", "year", "rating", "months_worked"):
        ratings[pid][year] = rating
        if worked is not None:
            months[pid][year] = worked
    disciplines = _disciplines(ids)
    initiatives = _initiatives(ids)
    awards = _awards(
        _subset(AwardRecord.objects.filter(person__isnull=False), "person_id", ids), "person_id"
    )
    people: dict[str, PersonFacts] = {}
    authorities: dict[str, tuple[int | None, str]] = {}
    for pid, code, name, start in rows:
        unit, auth, auth_name = units.get(pid, (None, None, ""))
        people[code] = PersonFacts(
            code,
            name,
            unit,
            start,
            ratings.get(pid, {}),
            months.get(pid, {}),
            awards.get(pid, ()),
            disciplines.get(pid, ()),
            initiatives.get(pid, ()),
        )
        authorities[code] = (auth, auth_name)
    return people, authorities


def _disciplines(ids: Sequence[int]) -> dict[int, tuple[DisciplineFact, ...]]:
    found: dict[int, list[DisciplineFact]] = defaultdict(list)
    for pid, kind, level, start, end in _subset(
        Discipline.objects.all(), "person_id", ids
    ).values_list("person_id", "kind", "level", "effective_from", "effective_to"):
        found[pid].append(DisciplineFact(level, start, end, kind == DisciplineKind.PENDING))
    return {k: tuple(v) for k, v in found.items()}


def _initiatives(ids: Sequence[int]) -> dict[int, tuple[InitiativeFact, ...]]:
    found: dict[int, list[InitiativeFact]] = defaultdict(list)
    rows = _subset(InitiativeAuthor.objects.all(), "person_id", ids).values_list(
        "person_id",
        "initiative__code",
        "initiative__year",
        "initiative__scope",
        "initiative__use__award_record__award_code",
        "initiative__use__award_record__achievement_year",
        "initiative__use__proposal_ref",
    )
    for pid, code, year, scope, award, award_year, proposal in rows:
        used = f"{award} {award_year}" if award else (proposal or "")
        found[pid].append(InitiativeFact(code, year, scope, used))
    return {k: tuple(v) for k, v in found.items()}


def _awards(qs: QuerySet[Any], key: str) -> dict[int, tuple[AwardFact, ...]]:
    found: dict[int, list[AwardFact]] = defaultdict(list)
    for owner, code, year, day, number in qs.filter(revoked_on__isnull=True).values_list(
        key, "award_code", "achievement_year", "decision_date", "decision_number"
    ):
        found[owner].append(AwardFact(code, year, day, number))
    return {k: tuple(v) for k, v in found.items()}


def _units(
    codes: Sequence[str], low: int, high: int, authorities: dict[str, tuple[int | None, str]]
) -> dict[str, UnitFacts]:
    wanted = set(codes)
    rows = [
        r
        for r in _subset(Organization.objects.all(), "code", codes).values_list(
            "id", "code", "name", "valid_to", "authority_id", "authority__name"
        )
        if r[1] in wanted
    ]
    ids = [r[0] for r in rows]
    successors, forebears = _successions(ids)
    every = [*ids, *{f for chain in forebears.values() for f, *_ in chain}]
    years = _collective_years(every, low, high)
    awards = _awards(
        _subset(AwardRecord.objects.filter(organization__isnull=False), "organization_id", every),
        "organization_id",
    )
    leads, clusters = _leads(low, high)
    past = {
        pk: tuple(
            ForebearFacts(name, kind, day, years.get(f, {}), awards.get(f, ()))
            for f, name, kind, day in chain
        )
        for pk, chain in forebears.items()
    }
    units = {}
    for pk, code, name, valid_to, auth, auth_name in rows:
        units[code] = UnitFacts(
            code,
            name,
            pk,
            valid_to,
            successors.get(pk, ""),
            years.get(pk, {}),
            awards.get(pk, ()),
            {y: frozenset(a) for y, a in leads[pk].items()},
            clusters[pk],
            past.get(pk, ()),
        )
        authorities[code] = (auth, auth_name or "")
    return units


def _collective_years(
    ids: Sequence[int], low: int, high: int
) -> dict[int, dict[int, CollectiveFact]]:
    years: dict[int, dict[int, CollectiveFact]] = defaultdict(dict)
    for org, year, *counts in _subset(
        CollectiveYear.objects.filter(year__gte=low, year__lte=high), "organization_id", ids
    ).values_list(
        "organization_id",
        "year",
        "rating",
        "members",
        "completed",
        "ldtt",
        "cstdcs",
        "max_discipline",
    ):
        years[org][year] = CollectiveFact(*counts)
    return years


def _leads(low: int, high: int) -> tuple[dict[int, dict[int, set[str]]], dict[int, dict[int, str]]]:
    """Flags each unit was acclaimed for by its cluster, and its cluster, by year."""
    leads: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    clusters: dict[int, dict[int, str]] = defaultdict(dict)
    for org, year, award, cluster in _nominations(low, high).values_list(
        "organization_id", "cluster_year__year", "award_type__code", "cluster_year__cluster__code"
    ):
        leads[org][year].add(award)
        clusters[org][year] = cluster
    return leads, clusters


Link = tuple[int, str, str, dt.date]


def _successions(ids: Sequence[int]) -> tuple[dict[int, str], dict[int, list[Link]]]:
    """Every succession (one query; restructurings are few): each unit's successor's name, and
    its forebears transitively (predecessor id, name, kind, date), latest link first."""
    links = list(
        Succession.objects.values_list(
            "predecessor_id",
            "successor_id",
            "successor__name",
            "predecessor__name",
            "kind",
            "effective_date",
        )
    )
    successor = {pred: succ_name for pred, _s, succ_name, *_rest in links}
    into: dict[int, list[Link]] = defaultdict(list)
    for pred, succ, _sn, pred_name, kind, day in links:
        into[succ].append((pred, pred_name, kind, day))
    forebears: dict[int, list[Link]] = {}
    for pk in ids:
        seen, todo, chain = {pk}, [pk], []
        while todo:
            for link in into.get(todo.pop(), []):
                if link[0] not in seen:
                    seen.add(link[0])
                    chain.append(link)
                    todo.append(link[0])
        if chain:
            forebears[pk] = sorted(chain, key=lambda link: link[3], reverse=True)
    wanted = set(ids)
    return {k: v for k, v in successor.items() if k in wanted}, forebears


def _nominations(low: int, high: int) -> QuerySet[AwardNomination]:
    return AwardNomination.objects.filter(
        cluster_year__year__gte=low, cluster_year__year__lte=high
    ).exclude(status=AwardNomination.Status.WITHDRAWN)


def _leaders(low: int, high: int) -> dict[int, int]:
    """Cluster leaders of each year (units acclaimed for a flag)."""
    rows = (
        _nominations(low, high)
        .values("cluster_year__year")
        .annotate(n=Count("organization", distinct=True))
    )
    return {r["cluster_year__year"]: r["n"] for r in rows}


def _ldtt_counts(low: int, high: int) -> dict[tuple[int, int], int]:
    rows = (
        AwardRecord.objects.filter(
            award_code="LDTT",
            revoked_on__isnull=True,
            achievement_year__gte=low,
            achievement_year__lte=high,
            unit_at_time__isnull=False,
        )
        .values("unit_at_time_id", "achievement_year")
        .annotate(n=Count("id"))
    )
    return {(r["unit_at_time_id"], r["achievement_year"]): r["n"] for r in rows}


class _Chooser:
    """Chooses the rule sets of a row (§2.2) over the published sets, loaded once."""

    def __init__(self, authorities: dict[str, tuple[int | None, str]]) -> None:
        self.authorities = authorities
        self.sets = published_sets(Family.TDKT)
        by_set: dict[int, dict[tuple[str, str], P]] = defaultdict(dict)
        for param in RuleParameter.objects.filter(
            rule_set__in=[s.pk for s in self.sets]
        ).select_related("instrument"):
            by_set[param.rule_set_id][(param.code, param.award_code)] = P(
                param.code,
                param.value,
                param.operator,
                citation(param),
                param.mark,
                param.award_code,
            )
        self.by_set = by_set
        self.lineages: dict[int, Lineage] = {}
        self.cache: dict[tuple[Any, ...], Params] = {}

    def __call__(self, candidate: Candidate, facts: object) -> Params:
        auth, name = self.authorities.get(candidate.subject_code, (None, ""))
        lineage = None
        if auth is not None:
            if auth not in self.lineages:  # one query per authority of the batch
                self.lineages[auth] = authority_lineage(auth)
            lineage = self.lineages[auth]
        chosen = select_rule_sets(
            auth, candidate.year, candidate.received_on, self.sets, lineage=lineage
        )
        key = (*(s.pk for s in chosen.rule_sets), name)
        if key not in self.cache:
            self.cache[key] = self._params(chosen.rule_sets, name)
        return self.cache[key]

    def _params(self, rule_sets: Sequence[RuleSet], authority: str) -> Params:
        if not rule_sets:
            return Params(authority=authority)
        entries: dict[tuple[str, str], P] = {}
        for rule_set in reversed(rule_sets):  # national first, the local set over it
            entries.update(self.by_set.get(rule_set.pk, {}))
        return Params(rule_sets[0].code, entries, authority)


def check_many(rows: Iterable[Candidate]) -> list[Result]:
    """Evaluate rows (subject, award, year, dossier date): one preload, then the pure engine."""
    candidates = list(rows)
    snapshot = Snapshot.load(candidates)
    return evaluate_many(candidates, snapshot.batch)


def check_one(
    subject_code: str, award_code: str, achievement_year: int, received_on: dt.date | None = None
) -> Result:
    """One check; without a dossier date, today's date is used and the reason says so."""
    day = received_on or timezone.localdate()
    candidate = Candidate(
        subject_code, award_code, achievement_year, day, 1, received_on is not None
    )
    return check_many([candidate])[0]
