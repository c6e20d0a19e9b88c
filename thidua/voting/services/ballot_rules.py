"""The cluster's rules for each kind of ballot (``BallotRule``) and the weights of the member
units, as data with their source (docs/dev/voting-design.md §2). Same permission as the rules
themselves (``voting.set_rules``: until the session opens).

Side effects: the rows of ``BallotRule`` / ``VotingRules.weights`` and one audit event per call;
nothing is written when a check fails."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.awards.models import AwardType
from thidua.awards.selectors import collective_awards_for
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.core.permissions import check
from thidua.voting.enums import BallotKind, BallotPurpose, Operator, QuorumBasis
from thidua.voting.models import BallotRule, VotingRules
from thidua.voting.rules import SET_RULES, rules_of


@dataclass(frozen=True)
class BallotRuleEntry:
    purpose: str
    kind: str
    seats: int
    threshold_basis: str
    threshold_operator: str
    threshold_num: int
    threshold_den: int
    source_text: str
    award_type: AwardType | None = None


def _rules(cluster_year: ClusterYear) -> VotingRules:
    rules = rules_of(cluster_year)
    if rules is None:
        raise ValidationError(_("Nhập quy chế bình xét (căn cứ, tỷ lệ dự họp) trước."))
    return rules


def allowed_awards(cluster_year: ClusterYear) -> Any:
    """The collective titles and forms in force that year for the cluster's authority."""
    return collective_awards_for(year=cluster_year.year, authority=cluster_year.cluster.authority)


def _entry_errors(n: int, entry: BallotRuleEntry, allowed: set[int]) -> list[str]:
    line = _("Dòng {n}").format(n=n)
    errors = []
    if (
        entry.purpose not in BallotPurpose.values
        or entry.kind not in BallotKind.values
        or entry.threshold_basis not in QuorumBasis.values
        or entry.threshold_operator not in Operator.values
    ):
        errors.append(_("{line}: lựa chọn không hợp lệ.").format(line=line))
    if not 1 <= entry.threshold_num <= entry.threshold_den:
        errors.append(
            _("{line}: tỷ lệ phải là một phân số từ 1/{den} đến 1.").format(
                line=line, den=max(entry.threshold_den, 1)
            )
        )
    if entry.seats < 1 or (entry.kind == BallotKind.SINGLE_CHOICE and entry.seats != 1):
        errors.append(
            _("{line}: số đơn vị tối đa ít nhất là 1 (chọn một: đúng 1).").format(line=line)
        )
    if entry.purpose == BallotPurpose.ACCLAIM and entry.award_type is None:
        errors.append(_("{line}: suy tôn cần chọn danh hiệu, hình thức.").format(line=line))
    if entry.award_type is not None and entry.award_type.pk not in allowed:
        errors.append(
            _("{line}: “{award}” không phải danh hiệu, hình thức tập thể áp dụng năm này.").format(
                line=line, award=entry.award_type.name
            )
        )
    if entry.purpose != BallotPurpose.ACCLAIM and entry.award_type is not None:
        errors.append(_("{line}: chỉ nội dung suy tôn mới có danh hiệu.").format(line=line))
    if not entry.source_text.strip():
        errors.append(_("{line}: ghi rõ căn cứ (quy chế, điều).").format(line=line))
    return errors


def _check_entries(cluster_year: ClusterYear, entries: Sequence[BallotRuleEntry]) -> None:
    allowed = set(allowed_awards(cluster_year).values_list("pk", flat=True))
    errors: list[str] = []
    seen: set[tuple[str, int | None]] = set()
    for n, entry in enumerate(entries, start=1):
        errors += _entry_errors(n, entry, allowed)
        key = (entry.purpose, entry.award_type.pk if entry.award_type else None)
        if key in seen:
            errors.append(_("Dòng {n}: trùng với một dòng trên.").format(n=n))
        seen.add(key)
    if errors:
        raise ValidationError(errors)


def _summary(rule: BallotRule | BallotRuleEntry) -> dict[str, Any]:
    award = rule.award_type
    return {
        "purpose": rule.purpose,
        "award_type": award.code if award is not None else None,
        "kind": rule.kind,
        "seats": rule.seats,
        "threshold": f"{rule.threshold_operator} {rule.threshold_num}/{rule.threshold_den} "
        f"{rule.threshold_basis}",
        "source": rule.source_text.strip(),
    }


@transaction.atomic
def set_ballot_rules(
    *, cluster_year: ClusterYear, entries: Sequence[BallotRuleEntry], user: Any
) -> list[BallotRule]:
    """Replace every ballot rule of the year (an empty list removes them)."""
    check(user, SET_RULES.name, cluster_year)
    rules = _rules(cluster_year)
    _check_entries(cluster_year, entries)
    old = rules.ballot_rules.select_related("award_type")
    before = [_summary(r) for r in old]
    rules.ballot_rules.all().delete()
    created = BallotRule.objects.bulk_create(
        BallotRule(
            rules=rules,
            purpose=e.purpose,
            award_type=e.award_type,
            kind=e.kind,
            seats=e.seats,
            threshold_basis=e.threshold_basis,
            threshold_operator=e.threshold_operator,
            threshold_num=e.threshold_num,
            threshold_den=e.threshold_den,
            source_text=e.source_text.strip(),
        )
        for e in entries
    )
    record_event(
        action="voting.ballot_rules_set",
        obj=rules,
        actor=user,
        before={"rules": before},
        after={"rules": [_summary(e) for e in entries]},
    )
    return created


@transaction.atomic
def set_weights(*, cluster_year: ClusterYear, weights: Mapping[str, int], user: Any) -> VotingRules:
    """Set the number of votes of member units by unit code (an empty mapping: one each)."""
    check(user, SET_RULES.name, cluster_year)
    rules = _rules(cluster_year)
    codes = set(
        ClusterMembership.objects.filter(cluster_year=cluster_year).values_list(
            "organization__code", flat=True
        )
    )
    unknown = sorted(set(weights) - codes)
    if unknown:
        raise ValidationError(
            _("Không phải đơn vị thành viên năm này: {codes}.").format(codes=", ".join(unknown))
        )
    if any(not isinstance(w, int) or isinstance(w, bool) or w < 1 for w in weights.values()):
        raise ValidationError(_("Số phiếu của mỗi đơn vị là số nguyên từ 1 trở lên."))
    before = dict(rules.weights)
    rules.weights = {code: w for code, w in sorted(weights.items()) if w != 1}
    rules.save(update_fields=["weights", "updated"])
    record_event(
        action="voting.weights_set", obj=rules, actor=user, before=before, after=rules.weights
    )
    return rules
