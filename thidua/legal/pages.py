"""What the /legal/ pages show, in words: versions by family and authority, parameters grouped
by rule, and what differs between two versions. A constant number of queries per page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.legal.enums import Family
from thidua.legal.models import LegalInstrument, RuleParameter, RuleSet
from thidua.legal.selectors import rule_sets_page
from thidua.legal.uses import last_use
from thidua.legal.wording import GROUPS, Row, group_of, row
from thidua.organizations.models import Authority
from thidua.organizations.selectors import lineage_of_user


def visible_rule_sets(user: Any) -> QuerySet[RuleSet]:
    """National versions for everyone; local ones to the system administrator and to the
    people of that authority or of the authorities that succeeded it."""
    return rule_sets_page().filter(visible_to(user))


def visible_to(user: Any) -> Q:
    if user.is_system_admin:
        return Q()
    lineage = lineage_of_user(user)
    ids = lineage.ids if lineage is not None else frozenset()
    return Q(authority__isnull=True) | Q(authority_id__in=ids)


def rule_set_or_404(user: Any, code: str) -> RuleSet:
    found = visible_rule_sets(user).filter(code=code).first()
    if found is None:
        raise Http404(_("Không có bộ quy định này."))
    return found


@dataclass(frozen=True)
class Group:
    name: str
    rows: list[Row]


def grouped(params: Iterable[RuleParameter]) -> list[Group]:
    """Parameters grouped by the rule they belong to, in the order of ``GROUPS``."""

    def order(r: Row) -> tuple[int, str, str]:
        return (GROUPS[group_of(r.code)][0], r.code, r.award_code)

    rows = sorted((row(p) for p in params), key=order)
    return [
        Group(str(GROUPS[key][1]), list(items))
        for key, items in groupby(rows, key=lambda r: group_of(r.code))
    ]


@dataclass(frozen=True)
class Change:
    kind: str  # added / removed / changed
    name: str
    award: str
    old: Row | None
    new: Row | None


def diff(old: Sequence[RuleParameter], new: Sequence[RuleParameter]) -> list[Change]:
    """Added, removed and changed parameters (value, operator or citation), in words."""
    before = {(p.code, p.award_code): row(p) for p in old}
    after = {(p.code, p.award_code): row(p) for p in new}
    changes = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (GROUPS[group_of(k[0])][0], k)):
        a, b = before.get(key), after.get(key)
        if a and b and (a.value, a.citation, a.mark) == (b.value, b.citation, b.mark):
            continue
        kind = "added" if a is None else "removed" if b is None else "changed"
        some = b or a
        assert some is not None
        changes.append(Change(kind, some.name, some.award if some.award_code else "", a, b))
    return changes


@dataclass(frozen=True)
class Version:
    rule_set: RuleSet
    groups: list[Group]


@dataclass(frozen=True)
class FamilyBlock:
    family: str
    label: str
    authorities: list[tuple[str, list[Version]]]


def families(sets: Iterable[RuleSet]) -> list[FamilyBlock]:
    """Versions by family, then authority (national first), newest first."""
    blocks = []
    by_family: dict[str, list[RuleSet]] = {}
    for rule_set in sets:
        by_family.setdefault(rule_set.family, []).append(rule_set)
    for family in Family:
        members = by_family.get(family.value, [])
        if not members:
            continue
        by_authority: dict[str, list[Version]] = {}
        for rule_set in sorted(
            members, key=lambda s: (s.authority_id is not None, -s.effective_from.toordinal())
        ):
            name = rule_set.authority.name if rule_set.authority else _("Toàn quốc")
            version = Version(rule_set, grouped(rule_set.parameters.all()))
            by_authority.setdefault(name, []).append(version)
        blocks.append(FamilyBlock(family.value, str(family.label), list(by_authority.items())))
    return blocks


@dataclass(frozen=True)
class VersionPage:
    rule_set: RuleSet
    groups: list[Group]
    changes: list[Change] | None
    last_use: tuple[dt.date, str] | None


def version_page(rule_set: RuleSet) -> VersionPage:
    old = rule_set.supersedes
    changes = None
    if old is not None:
        old_params = list(old.parameters.select_related("instrument"))
        changes = diff(old_params, list(rule_set.parameters.all()))
    return VersionPage(rule_set, grouped(rule_set.parameters.all()), changes, last_use(rule_set.pk))


def instrument_list(
    user: Any, *, scope: str = "", authority: Authority | None = None
) -> QuerySet[LegalInstrument]:
    """The instruments the person sees (national ones, and local ones as for the rule sets),
    national first then newest, each with the visible versions citing it (``citing``):
    three queries whatever the number of rows (the count, the page, the versions)."""
    qs = LegalInstrument.objects.filter(visible_to(user))
    if scope == "national":
        qs = qs.filter(authority__isnull=True)
    elif scope == "local":
        qs = qs.filter(authority__isnull=False)
    if authority is not None:
        qs = qs.filter(authority=authority)
    citing = RuleSet.objects.filter(visible_to(user)).order_by("family", "-effective_from")
    return (
        qs.select_related("authority", "replaced_by")
        .prefetch_related(Prefetch("rule_sets", queryset=citing, to_attr="citing"))
        .order_by(
            F("authority__sort_key").asc(nulls_first=True),
            F("effective_from").desc(nulls_last=True),
            "code",
        )
    )


def instrument_authorities(user: Any) -> QuerySet[Authority]:
    """The authorities with a local instrument the person sees (the page's filter)."""
    seen = LegalInstrument.objects.filter(visible_to(user), authority__isnull=False)
    return Authority.objects.filter(pk__in=seen.values("authority_id")).order_by("sort_key")


def instrument_or_404(user: Any, code: str) -> LegalInstrument:
    found = (
        LegalInstrument.objects.filter(visible_to(user), code=code)
        .select_related("authority", "replaced_by")
        .first()
    )
    if found is None:
        raise Http404(_("Không có văn bản này."))
    return found
