"""Opening the next year may copy this year's voting rules (quy chế bình xét: quorum, tie-break,
weights and the rule of each kind of ballot) as next year's: the entry of
``clusters.carryovers`` registered in ``VotingConfig.ready``. A weight of a unit that is not a
member next year, and a ballot rule whose award is not in force next year, are left out."""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.services import record_event
from thidua.clusters.carryovers import Carryover
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.voting.models import BallotRule, VotingRules
from thidua.voting.services.ballot_rules import allowed_awards

SLUG = "voting.rules"
RULE_FIELDS = (
    "source_text",
    "quorum_basis",
    "quorum_operator",
    "quorum_num",
    "quorum_den",
    "tie_break",
    "self_vote_allowed",
)
BALLOT_RULE_FIELDS = (
    "purpose",
    "award_type_id",
    "kind",
    "seats",
    "threshold_basis",
    "threshold_operator",
    "threshold_num",
    "threshold_den",
    "source_text",
)


def _source_rules(source: ClusterYear) -> VotingRules | None:
    return VotingRules.objects.filter(cluster_year=source).first()


def describe_rules(source: ClusterYear, next_year: int) -> str | None:
    rules = _source_rules(source)
    if rules is None:
        return None
    return _(
        "Quy chế bình xét ({source}): tỷ lệ dự họp, cách xử lý khi bằng phiếu, số phiếu của "
        "đơn vị và {count} quy định bỏ phiếu — sao chép sang năm {next_year}."
    ).format(source=rules.source_text, count=rules.ballot_rules.count(), next_year=next_year)


def copy_rules(*, source: ClusterYear, target: ClusterYear, user: Any) -> str:
    """Inside ``open_next_year``'s transaction (its permission checked): a trusted call.
    Side effects: ``VotingRules`` and ``BallotRule`` rows of ``target``, a ``voting.rules_set``
    event."""
    rules = _source_rules(source)
    if rules is None:
        return ""
    codes = set(
        ClusterMembership.objects.filter(cluster_year=target).values_list(
            "organization__code", flat=True
        )
    )
    copy = VotingRules.objects.create(
        cluster_year=target,
        weights={code: w for code, w in rules.weights.items() if code in codes},
        **{name: getattr(rules, name) for name in RULE_FIELDS},
    )
    allowed = set(allowed_awards(target).values_list("pk", flat=True))
    kept = [
        r for r in rules.ballot_rules.all() if r.award_type_id is None or r.award_type_id in allowed
    ]
    BallotRule.objects.bulk_create(
        BallotRule(rules=copy, **{name: getattr(r, name) for name in BALLOT_RULE_FIELDS})
        for r in kept
    )
    record_event(
        action="voting.rules_set",
        obj=copy,
        actor=user,
        after={"copied_from": rules.pk, "ballot_rules": len(kept), "weights": copy.weights},
    )
    return f"{copy.source_text} (#{copy.pk}, từ #{rules.pk})"


RULES_CARRYOVER = Carryover(
    slug=SLUG,
    order=30,
    label=cast(str, gettext_lazy("Quy chế bình xét (hội nghị tổng kết)")),
    describe=describe_rules,
    copy=copy_rules,
)
