"""Carrying the conference's results on (design §1): the acclaimed units become award
nominations (``awards.services.record_nomination``), the elected head and deputy open next year
(``clusters.services.open_next_year``). Keyword-only, atomic, permission first, audited; the
results are read from the closed ballots (``voting.results``), never typed in again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.awards.models import AwardNomination
from thidua.awards.services import record_nomination
from thidua.clusters import services as cluster_services
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.voting.enums import BallotMode
from thidua.voting.models import Conference
from thidua.voting.results import ConferenceResults, Elected, conference_results
from thidua.voting.rules import APPLY_OUTCOMES


def minutes_ref(conference: Conference) -> str:
    """“Biên bản hội nghị tổng kết số …, ngày …”: the document the outcomes rest on."""
    day = conference.minutes_date if conference.recorded_after_fact else conference.held_on
    text = _("Biên bản hội nghị tổng kết {cluster} năm {year}").format(
        cluster=conference.cluster_year.cluster.name, year=conference.cluster_year.year
    )
    if conference.minutes_number:
        text += " " + _("số {number}").format(number=conference.minutes_number)
    if day is not None:
        text += " " + _("ngày {day}").format(day=date_format(day, "d/m/Y"))
    return text


def _results(cluster_year: ClusterYear) -> tuple[Conference, ConferenceResults]:
    results = conference_results(cluster_year)
    if results.conference is None:
        raise ValidationError(_("Chưa tạo hội nghị tổng kết của năm này."))
    if results.unsettled:
        raise ValidationError(
            _("Phiếu “{title}” chưa kết thúc: chưa ghi nhận được kết quả.").format(
                title=results.unsettled[0].title
            )
        )
    return results.conference, results


def _record(elected: Elected, conference: Conference, user: Any) -> AwardNomination:
    ballot = elected.result.ballot
    assert ballot.award_type is not None
    return record_nomination(
        cluster_year=conference.cluster_year,
        organization=elected.organization,
        award_type=ballot.award_type,
        votes_for=elected.line.yes,
        votes_against=elected.line.no,
        electorate=ballot.electorate_weight,
        present=ballot.present_weight,
        threshold_text=elected.result.threshold,
        decided_on=ballot.closed_on or conference.held_on,
        minutes_ref=minutes_ref(conference),
        source_ref=f"voting.ballot:{ballot.uuid}",
        recorded_after_fact=conference.recorded_after_fact or ballot.mode == BallotMode.RECORDED,
        sample_data=ballot.sample_data,
        user=user,
    )


@transaction.atomic
def apply_acclamations(*, cluster_year: ClusterYear, user: Any) -> list[AwardNomination]:
    """Record a nomination for every unit acclaimed by a settled question (its last round
    closed), with its votes and the threshold in words. Again after a change: the rows are
    refreshed, a nomination already put into a proposal is left as it is.

    Side effects: the nominations and their events; one ``voting.acclamations_applied`` event."""
    if user is not None:  # None: a trusted caller (the demo, the command line)
        check(user, APPLY_OUTCOMES.name, cluster_year)
    conference, results = _results(cluster_year)
    acclaimed = [e for e in results.acclaimed if e.result.ballot.award_type_id is not None]
    if not acclaimed:
        raise ValidationError(_("Không có đơn vị nào được suy tôn: không có gì để ghi nhận."))
    used = set(
        AwardNomination.objects.filter(
            cluster_year=cluster_year, status=AwardNomination.Status.USED
        ).values_list("organization_id", "award_type_id")
    )
    nominations = [
        _record(e, conference, user)
        for e in acclaimed
        if (e.organization.pk, e.result.ballot.award_type_id) not in used
    ]
    record_event(
        action="voting.acclamations_applied",
        obj=conference,
        actor=user,
        after={
            "nominations": [
                {"organization": n.organization_id, "award_type": n.award_type.code}
                for n in nominations
            ]
        },
    )
    return nominations


def _elected_pair(results: ConferenceResults) -> tuple[Organization, Organization | None]:
    if results.undecided and any(b.purpose in ("head", "deputy") for b in results.undecided):
        raise ValidationError(
            _("Cuộc bầu đơn vị trưởng, phó cần bỏ phiếu lại: chưa mở được năm sau.")
        )
    if len(results.heads) > 1 or len(results.deputies) > 1:
        raise ValidationError(
            _("Có hơn một đơn vị trúng cử cùng một chức danh: kiểm tra lại các phiếu bầu.")
        )
    if results.head is None:
        raise ValidationError(_("Hội nghị chưa bầu được đơn vị trưởng năm sau."))
    head = results.head.organization
    deputy = results.deputy.organization if results.deputy else None
    if deputy is not None and deputy.pk == head.pk:
        raise ValidationError(_("Một đơn vị không thể vừa là đơn vị trưởng vừa là đơn vị phó."))
    return head, deputy


@transaction.atomic
def open_next_year_from_election(
    *,
    cluster_year: ClusterYear,
    members: Iterable[Organization],
    user: Any,
    carryovers: Iterable[str] = (),
) -> ClusterYear:
    """Open next year with the head and deputy the conference elected (the last round of each
    election), the decision being the conference minutes and its date. ``clusters``' own
    permission to open the next year is asked too.

    Side effects: those of ``clusters.services.open_next_year``; one
    ``voting.next_year_opened`` event."""
    if user is not None:  # None: a trusted caller (the demo, the command line)
        check(user, APPLY_OUTCOMES.name, cluster_year)
    conference, results = _results(cluster_year)
    head, deputy = _elected_pair(results)
    new_year = cluster_services.open_next_year(
        cluster_year=cluster_year,
        members=list(members),
        head=head,
        deputy=deputy,
        carryovers=carryovers,
        decision_ref=minutes_ref(conference)[:200],
        decision_date=conference.held_on,
        user=user,
    )
    record_event(
        action="voting.next_year_opened",
        obj=conference,
        actor=user,
        after={"year": new_year.year, "head": head.pk, "deputy": deputy.pk if deputy else None},
    )
    return new_year
