"""The conference pages: one page shows the conference and, to the people who run the year, its
forms; each form posts to its own URL and comes back to the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require, require_person, run_service
from thidua.voting import services
from thidua.voting.enums import CommitteeRole
from thidua.voting.forms import AgendaForm, CommitteeForm, ConferenceForm, RulesForm
from thidua.voting.rules import (
    CLOSE_SESSION,
    MANAGE_CONFERENCE,
    OPEN_SESSION,
    SET_RULES,
    VIEW_CONFERENCE,
    conference_of,
)
from thidua.voting.selectors import ConferencePage, conference_page, member_units


def _year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    return cluster_year_or_404(request.user, code, year)


def _back(cluster_year: ClusterYear) -> HttpResponse:
    return redirect("voting:conference", cluster_year.cluster.code, cluster_year.year)


def _initial_conference(page: ConferencePage) -> dict[str, Any]:
    c = page.conference
    if c is None:
        return {}
    return {
        "held_on": c.held_on.strftime("%d/%m/%Y"),
        "place": c.place,
        "chair_name": c.chair_name,
        "chair_position": c.chair_position,
        "chair_unit": c.chair_unit_id,
        "secretary_name": c.secretary_name,
        "minutes_number": c.minutes_number,
        "minutes_date": c.minutes_date.strftime("%d/%m/%Y") if c.minutes_date else "",
    }


def _initial_rules(page: ConferencePage) -> dict[str, Any]:
    r = page.rules
    if r is None:
        return {"self_vote_allowed": True}
    fields = ("source_text", "quorum_operator", "quorum_num", "quorum_den", "quorum_basis")
    return {name: getattr(r, name) for name in (*fields, "tie_break", "self_vote_allowed")}


@login_required
def conference(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _year(request, code, year)
    require(request, VIEW_CONFERENCE.name, cluster_year)
    page = conference_page(cluster_year)
    members = [row.organization for row in page.rows]
    c = page.conference
    context = {
        "cy": cluster_year,
        "page": page,
        "conference": c,
        "conference_form": ConferenceForm(initial=_initial_conference(page), members=members),
        "rules_form": RulesForm(initial=_initial_rules(page)),
        "agenda_text": "\n".join(a.title for a in c.agenda.all()) if c else "",
        "committee_text": "\n".join(
            f"{m.full_name}; {m.position}".rstrip("; ") for m in c.committee.all()
        )
        if c
        else "",
        "manage_refusal": refusal(request.user, MANAGE_CONFERENCE.name, cluster_year),
        "rules_refusal": refusal(request.user, SET_RULES.name, cluster_year),
        "open_refusal": refusal(request.user, OPEN_SESSION.name, cluster_year) if c else None,
    }
    return render(request, "voting/conference.html", context)


def _post(
    request: AuthedRequest, code: str, year: int, perm: str, work: Callable[[ClusterYear], Any]
) -> HttpResponse:
    cluster_year = _year(request, code, year)
    require_person(request, perm, cluster_year)
    work(cluster_year)
    return _back(cluster_year)


@login_required
@require_POST
def conference_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        form = ConferenceForm(request.POST, members=member_units(cy))
        exists = conference_of(cy) is not None

        def call() -> object:
            values = dict(form.cleaned_data)
            if exists:
                return services.update_conference(cluster_year=cy, user=request.user, **values)
            held_on = values.pop("held_on")
            return services.create_conference(
                cluster_year=cy, held_on=held_on, user=request.user, **values
            )

        run_service(request, call, form=form, flash=True, success=_("Đã lưu hội nghị."))

    return _post(request, code, year, MANAGE_CONFERENCE.name, work)


@login_required
@require_POST
def agenda_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        form = AgendaForm(request.POST)
        run_service(
            request,
            lambda: services.set_agenda(
                cluster_year=cy, items=form.cleaned_data["items"], user=request.user
            ),
            form=form,
            flash=True,
            success=_("Đã lưu chương trình."),
        )

    return _post(request, code, year, MANAGE_CONFERENCE.name, work)


@login_required
@require_POST
def committee_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        form = CommitteeForm(request.POST)

        def call() -> object:
            rows = form.cleaned_data["members"]
            entries = [
                services.CommitteeEntry(
                    full_name=name,
                    position=position,
                    role=CommitteeRole.HEAD if i == 0 else CommitteeRole.MEMBER,
                )
                for i, (name, position) in enumerate(rows)
            ]
            return services.set_committee(cluster_year=cy, members=entries, user=request.user)

        run_service(request, call, form=form, flash=True, success=_("Đã lưu ban kiểm phiếu."))

    return _post(request, code, year, MANAGE_CONFERENCE.name, work)


def _delegates(text: str) -> list[services.DelegateEntry]:
    rows = []
    for i, line in enumerate(line for line in text.splitlines() if line.strip()):
        name, _sep, position = line.partition(";")
        rows.append(services.DelegateEntry(name.strip(), position.strip(), i == 0))
    return rows


@login_required
@require_POST
def attendance_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        entries = [
            services.AttendanceEntry(
                organization=org,
                present=request.POST.get(f"present-{org.pk}") == "on",
                absence_reason=request.POST.get(f"reason-{org.pk}", ""),
                delegates=_delegates(request.POST.get(f"delegates-{org.pk}", "")),
            )
            for org in member_units(cy)
        ]
        run_service(
            request,
            lambda: services.record_attendance(cluster_year=cy, entries=entries, user=request.user),
            success=_("Đã lưu điểm danh."),
        )

    return _post(request, code, year, MANAGE_CONFERENCE.name, work)


@login_required
@require_POST
def rules_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        form = RulesForm(request.POST)
        run_service(
            request,
            lambda: services.set_voting_rules(
                cluster_year=cy, user=request.user, **form.cleaned_data
            ),
            form=form,
            flash=True,
            success=_("Đã lưu quy chế bình xét."),
        )

    return _post(request, code, year, SET_RULES.name, work)


@login_required
@require_POST
def session_open(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        run_service(
            request,
            lambda: services.open_session(cluster_year=cy, user=request.user),
            success=_("Đã khai mạc hội nghị."),
        )

    return _post(request, code, year, OPEN_SESSION.name, work)


@login_required
@require_POST
def session_close(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        run_service(
            request,
            lambda: services.close_session(cluster_year=cy, user=request.user),
            success=_("Đã bế mạc hội nghị."),
        )

    return _post(request, code, year, CLOSE_SESSION.name, work)
