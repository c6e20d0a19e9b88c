"""The conference pages: one page shows the conference and, to the people who run the year, its
forms; each form posts to its own URL and comes back to the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.numbers import is_digits
from thidua.core.web import flash_form_errors, refusal, require, require_person, run_service
from thidua.voting import services
from thidua.voting.enums import CommitteeRole
from thidua.voting.forms import (
    AgendaForm,
    CommitteeForm,
    ConferenceForm,
    DecisionForm,
    RulesForm,
    WeightsForm,
    ballot_rule_formset,
)
from thidua.voting.rules import (
    CLOSE_SESSION,
    MANAGE_CONFERENCE,
    OPEN_SESSION,
    RECORD_DECISION,
    SET_RULES,
    VIEW_CONFERENCE,
    conference_of,
)
from thidua.voting.selectors import (
    ConferencePage,
    conference_page,
    conference_year,
    describe_rule,
    member_units,
    staff_users,
)
from thidua.voting.services.ballot_rules import allowed_awards


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
        "secretary_user": c.secretary_user_id,
        "minutes_number": c.minutes_number,
        "minutes_date": c.minutes_date.strftime("%d/%m/%Y") if c.minutes_date else "",
    }


def _initial_rules(page: ConferencePage) -> dict[str, Any]:
    r = page.rules
    if r is None:
        return {}  # self_vote_allowed: nobody decided yet, nothing pre-selected
    fields = ("source_text", "quorum_operator", "quorum_num", "quorum_den", "quorum_basis")
    initial = {name: getattr(r, name) for name in (*fields, "tie_break")}
    return {**initial, "self_vote_allowed": "yes" if r.self_vote_allowed else "no"}


RULE_FIELDS = (
    "purpose",
    "kind",
    "seats",
    "threshold_operator",
    "threshold_num",
    "threshold_den",
    "threshold_basis",
    "source_text",
)


def _initial_ballot_rules(page: ConferencePage) -> list[dict[str, Any]]:
    return [
        {**{name: getattr(r, name) for name in RULE_FIELDS}, "award_type": r.award_type_id}
        for r in page.ballot_rules
    ]


def _extra_rows(request: AuthedRequest) -> int:
    """Blank rows of the ballot rules table: one, or more after "Thêm dòng" (at most 10)."""
    raw = request.GET.get("rows", "1")
    return min(max(int(raw), 1), 10) if is_digits(raw) else 1


def _rules_context(request: AuthedRequest, cy: ClusterYear, page: ConferencePage) -> dict[str, Any]:
    """The ballot rules in words and, for who may set them, the table and the weights form."""
    members = [row.organization for row in page.rows]
    weights = page.rules.weights if page.rules is not None else {}
    context: dict[str, Any] = {
        "rule_lines": [describe_rule(r) for r in page.ballot_rules],
        "weight_lines": [(org, weights[org.code]) for org in members if org.code in weights],
        "extra_rows": _extra_rows(request) + 1,
    }
    if page.rules is not None and request.user.has_perm(SET_RULES.name, cy):
        context["ballot_rules_formset"] = ballot_rule_formset(
            list(allowed_awards(cy)),
            initial=_initial_ballot_rules(page),
            extra=_extra_rows(request),
        )
        context["weights_form"] = WeightsForm(
            initial={f"weight-{org.pk}": weights.get(org.code, 1) for org in members},
            members=members,
        )
    return context


@login_required
def conference(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    queryset = conference_year(ClusterYear.objects.all())
    cluster_year = cluster_year_or_404(request.user, code, year, queryset=queryset)
    require(request, VIEW_CONFERENCE.name, cluster_year)
    page = conference_page(cluster_year)
    members = [row.organization for row in page.rows]
    c = page.conference
    context = {
        "cy": cluster_year,
        "page": page,
        "conference": c,
        "conference_form": ConferenceForm(
            initial=_initial_conference(page), members=members, users=staff_users(cluster_year)
        ),
        "rules_form": RulesForm(initial=_initial_rules(page)),
        "agenda_text": "\n".join(a.title for a in c.agenda.all()) if c else "",
        "committee_text": "\n".join(_committee_line(m) for m in c.committee.all()) if c else "",
        "manage_refusal": refusal(request.user, MANAGE_CONFERENCE.name, cluster_year),
        "rules_refusal": refusal(request.user, SET_RULES.name, cluster_year),
        "open_refusal": refusal(request.user, OPEN_SESSION.name, cluster_year) if c else None,
        "decision_refusal": refusal(request.user, RECORD_DECISION.name, cluster_year)
        if c
        else None,
        **_rules_context(request, cluster_year, page),
        **_agenda_context(cluster_year, c),
    }
    return render(request, "voting/conference.html", context)


def _agenda_context(cluster_year: ClusterYear, conference: Any) -> dict[str, Any]:
    """Each agenda item with the work it links to (the summary report, next year's pledge)."""
    from thidua.voting.documents import CONFERENCE_MINUTES_KIND, VOTE_COUNT_KIND
    from thidua.voting.selectors_agenda import agenda_links

    if conference is None:
        return {}
    links = agenda_links(cluster_year)
    return {
        "agenda_rows": [(item, links.get(item.kind)) for item in conference.agenda.all()],
        "minutes_kinds": [VOTE_COUNT_KIND, CONFERENCE_MINUTES_KIND],
    }


def _committee_line(member: Any) -> str:
    username = member.user.username if member.user_id else ""
    return "; ".join((member.full_name, member.position, username)).rstrip("; ")


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
        form = ConferenceForm(request.POST, members=member_units(cy), users=staff_users(cy))
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
        form = CommitteeForm(request.POST, users=staff_users(cy))

        def call() -> object:
            rows = form.cleaned_data["members"]
            entries = [
                services.CommitteeEntry(
                    full_name=name,
                    position=position,
                    role=CommitteeRole.HEAD if i == 0 else CommitteeRole.MEMBER,
                    user=user,
                )
                for i, (name, position, user) in enumerate(rows)
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


def _rule_entries(formset: Any) -> list[services.BallotRuleEntry]:
    return [
        services.BallotRuleEntry(
            award_type=form.cleaned_data["award_type"],
            **{name: form.cleaned_data[name] for name in RULE_FIELDS},
        )
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE")
    ]


@login_required
@require_POST
def ballot_rules_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        formset = ballot_rule_formset(list(allowed_awards(cy)), data=request.POST)
        if not formset.is_valid():
            for n, form in enumerate(formset.forms, start=1):
                if form.errors:
                    messages.error(request, _("Dòng {n}:").format(n=n))
                    flash_form_errors(request, form)
            for error in formset.non_form_errors():
                messages.error(request, error)
            return
        run_service(
            request,
            lambda: services.set_ballot_rules(
                cluster_year=cy, entries=_rule_entries(formset), user=request.user
            ),
            success=_("Đã lưu quy định bỏ phiếu."),
        )

    return _post(request, code, year, SET_RULES.name, work)


@login_required
@require_POST
def weights_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        form = WeightsForm(request.POST, members=member_units(cy))
        run_service(
            request,
            lambda: services.set_weights(
                cluster_year=cy, weights=form.weights(), user=request.user
            ),
            form=form,
            flash=True,
            success=_("Đã lưu số phiếu của các đơn vị."),
        )

    return _post(request, code, year, SET_RULES.name, work)


@login_required
@require_POST
def decision_save(request: AuthedRequest, code: str, year: int, item_id: int) -> HttpResponse:
    def work(cy: ClusterYear) -> None:
        form = DecisionForm(request.POST)
        run_service(
            request,
            lambda: services.record_decision(
                cluster_year=cy,
                item_id=item_id,
                decision_text=form.cleaned_data["decision_text"],
                user=request.user,
            ),
            form=form,
            flash=True,
            success=_("Đã ghi kết luận."),
        )

    return _post(request, code, year, RECORD_DECISION.name, work)
