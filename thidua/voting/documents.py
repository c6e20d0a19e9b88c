"""The conference's official documents (Nghị định 30/2020 layout), registered with the
documents engine: the vote-count minutes (biên bản kiểm phiếu, ``vote-count-minutes``) and the
conference minutes (biên bản hội nghị tổng kết, ``conference-minutes``). Builders gather the
data; the templates under ``voting/documents/`` lay it out. Both carry the conference's date
(or the minutes' date when recorded after the fact), never the day they are printed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.clusters.candidates import CANDIDATE_SOURCES, ProposedCandidate
from thidua.clusters.models import ClusterYear
from thidua.documents.registry import (
    DocumentContent,
    DocumentKind,
    DocumentUnavailable,
    register_document,
)
from thidua.documents.signatures import Signature, person_signature
from thidua.voting.enums import CommitteeRole
from thidua.voting.models import Conference
from thidua.voting.results import BallotResult, Elected, conference_results
from thidua.voting.rules import PRINT_MINUTES
from thidua.voting.selectors import conference_page

VOTE_COUNT_MINUTES = "vote-count-minutes"
CONFERENCE_MINUTES = "conference-minutes"


def _conference(cluster_year: ClusterYear) -> Conference:
    conference = Conference.objects.filter(cluster_year=cluster_year).first()
    if conference is None:
        raise DocumentUnavailable(_("Chưa có hội nghị tổng kết của năm này."))
    return conference


def minutes_date(cluster_year: ClusterYear) -> dt.date | None:
    """The conference's date; when recorded after the fact, the paper minutes' date."""
    conference = _conference(cluster_year)
    if conference.recorded_after_fact and conference.minutes_date:
        return conference.minutes_date
    return conference.held_on


def _header(
    cluster_year: ClusterYear, conference: Conference, *, title: str, number: str = ""
) -> dict[str, Any]:
    authority = cluster_year.cluster.authority
    return {
        "issuer_parent": authority.name,
        "issuer": cluster_year.cluster.name,
        "number": number,
        "place": conference.place or authority.province,
        "date": minutes_date(cluster_year),
        "type_title": title,
        "summary": _("Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}").format(
            year=cluster_year.year
        ),
    }


def _chosen(closed: Iterable[BallotResult], ballot: Any) -> list[BallotResult]:
    if not ballot:
        return list(closed)
    return [r for r in closed if str(r.ballot.uuid) == str(ballot)]


def build_vote_count_minutes(
    *, cluster_year: ClusterYear, user: Any = None, ballot: Any = None, **options: Any
) -> DocumentContent:
    """Every closed ballot of the conference (or the one ``ballot=<uuid>``)."""
    results = conference_results(cluster_year)
    conference = results.conference
    if conference is None:
        raise DocumentUnavailable(_("Chưa có hội nghị tổng kết của năm này."))
    closed = _chosen(results.closed, ballot)
    if not closed:
        raise DocumentUnavailable(_("Chưa có phiếu nào kết thúc: chưa có biên bản kiểm phiếu."))
    committee = list(conference.committee.select_related("organization"))
    return DocumentContent(
        template_name="voting/documents/vote_count_minutes.html",
        context={
            "doc": _header(cluster_year, conference, title=_("Biên bản kiểm phiếu")),
            "cy": cluster_year,
            "conference": conference,
            "results": closed,
            "committee": committee,
            "signatures": _committee_signatures(committee),
            "sample_data": any(r.ballot.sample_data for r in closed),
        },
        filename=f"bien-ban-kiem-phieu-{cluster_year.cluster.code}-{cluster_year.year}",
    )


def _committee_signatures(committee: list[Any]) -> list[Signature]:
    """The counting committee signs the vote-count minutes: its members, then its head."""
    head = next((m for m in committee if m.role == CommitteeRole.HEAD), None)
    members = [m for m in committee if m.role != CommitteeRole.HEAD]
    return [
        *(person_signature(_("THÀNH VIÊN"), m.full_name) for m in members),
        person_signature(_("TRƯỞNG BAN KIỂM PHIẾU"), head.full_name if head else ""),
    ]


def _by_award(acclaimed: list[Elected]) -> list[tuple[str, list[Elected]]]:
    groups: dict[str, list[Elected]] = {}
    for elected in acclaimed:
        award = elected.result.ballot.award_type
        groups.setdefault(award.name if award else "", []).append(elected)
    return list(groups.items())


def ranking(cluster_year: ClusterYear) -> list[ProposedCandidate]:
    """The year's ranking as the first candidate source that ranks units gives it (scoring's,
    through ``clusters.candidates``); empty when none does."""
    for source in CANDIDATE_SOURCES:
        ranked = [c for c in source.propose(cluster_year, None) if c.rank is not None]
        if ranked:
            return sorted(ranked, key=lambda c: c.rank or 0)
    return []


def build_conference_minutes(
    *, cluster_year: ClusterYear, user: Any = None, **options: Any
) -> DocumentContent:
    page = conference_page(cluster_year)
    conference = page.conference
    if conference is None:
        raise DocumentUnavailable(_("Chưa có hội nghị tổng kết của năm này."))
    results = conference_results(cluster_year)
    return DocumentContent(
        template_name="voting/documents/conference_minutes.html",
        context={
            "doc": _header(
                cluster_year,
                conference,
                title=_("Biên bản hội nghị"),
                number=conference.minutes_number,
            ),
            "cy": cluster_year,
            "conference": conference,
            "page": page,
            "present": [row for row in page.rows if row.present],
            "absent": [row for row in page.rows if not row.present],
            "agenda": list(conference.agenda.all()),
            "ranking": ranking(cluster_year),
            "awards": _by_award(results.acclaimed),
            "head": results.head,
            "deputy": results.deputy,
            "next_year": cluster_year.year + 1,
            "signatures": [
                person_signature(_("THƯ KÝ"), conference.secretary_name),
                person_signature(_("CHỦ TRÌ HỘI NGHỊ"), conference.chair_name),
            ],
            "sample_data": any(r.ballot.sample_data for r in results.closed),
        },
        filename=f"bien-ban-hoi-nghi-tong-ket-{cluster_year.cluster.code}-{cluster_year.year}",
    )


VOTE_COUNT_KIND = register_document(
    DocumentKind(
        slug=VOTE_COUNT_MINUTES,
        title=cast(str, gettext_lazy("Biên bản kiểm phiếu")),
        build=build_vote_count_minutes,
        permission=PRINT_MINUTES.name,
        dated_by=minutes_date,
        type_code="BB",
    )
)
CONFERENCE_MINUTES_KIND = register_document(
    DocumentKind(
        slug=CONFERENCE_MINUTES,
        title=cast(str, gettext_lazy("Biên bản hội nghị tổng kết")),
        build=build_conference_minutes,
        permission=PRINT_MINUTES.name,
        dated_by=minutes_date,
        type_code="BB",
    )
)
