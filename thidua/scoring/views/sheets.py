"""A unit's self-scoring sheet: the whole-page form (works without JavaScript), the htmx save of
one row, submit, the secretariat's reopen, and Excel out/in. Evidence files are in
``views.evidence``; the page data is ``selectors.sheet_page_data``.

Each action asks who may take it (``core.web.require_person``: 403 for anyone else); when the
sheet's state or the deadline stops the unit, the page says why and the service's refusal of a
POST that comes anyway is shown as before: a message on the page (400), in the row's error cell
(htmx), or after a redirect."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.on_behalf import on_behalf_notes
from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest, is_htmx
from thidua.core.numbers import is_digits
from thidua.core.web import refusal, require_person, run_service
from thidua.scoring import excel, selectors
from thidua.scoring.forms import ReopenSheetForm, UploadForm
from thidua.scoring.models import ScoreSheet
from thidua.scoring.selectors import CriteriaTable, Posted, Typed, scoring_cluster_years
from thidua.scoring.services.common import SheetConflict
from thidua.scoring.services.imports import import_unit_sheet
from thidua.scoring.services.sheets import EntryInput, reopen_sheet, save_sheet, submit_sheet
from thidua.scoring.validators import parse_decimal
from thidua.scoring.views.common import (
    load_sheet,
    nav_context,
    table_or_404,
    xlsx_response,
)

# ----------------------------------------------------------------- reading the form


def posted_rows(
    table: CriteriaTable, data: QueryDict, only: int | None = None
) -> dict[int, Posted]:
    """The rows the form sent (``value-<id>``, ``measure-<id>``, ``note-<id>``, ``orig-<id>``)."""
    posted = {}
    for criterion in table.criteria:
        cid = criterion.pk
        if only is not None and cid != only:
            continue
        if any(f"{name}-{cid}" in data for name in ("value", "measure", "note")):
            posted[cid] = Posted(
                value=data.get(f"value-{cid}", ""),
                measure=data.get(f"measure-{cid}", ""),
                note=data.get(f"note-{cid}", ""),
                original=data.get(f"orig-{cid}", ""),
                has_original=f"orig-{cid}" in data,
            )
    return posted


def entry_inputs(
    table: CriteriaTable, posted: dict[int, Posted]
) -> tuple[list[EntryInput], dict[int, str]]:
    """The typed rows as service input; rows whose numbers do not parse get their message."""
    inputs, errors = [], {}
    for cid, item in posted.items():
        label = _("Tiêu chí {code}").format(code=table.by_id[cid].code)
        try:
            value = parse_decimal(item.value, label=label)
            measure = parse_decimal(item.measure, label=label)
            original = parse_decimal(item.original, label=label)
        except ValidationError as exc:
            errors[cid] = exc.messages[0]
            continue
        inputs.append(
            EntryInput(
                criterion_id=cid,
                value=value,
                measure=measure,
                note=item.note,
                original=original,
                has_original=item.has_original,
            )
        )
    return inputs, errors


def _files(request: AuthedRequest, table: CriteriaTable, only: int | None = None) -> Any:
    return {
        c.pk: request.FILES.getlist(f"evidence-{c.pk}")
        for c in table.criteria
        if (only is None or c.pk == only) and request.FILES.getlist(f"evidence-{c.pk}")
    }


def _version(data: QueryDict) -> int:
    raw = data.get("version", "0")
    return int(raw) if is_digits(raw) else -1


def _save_or_conflict(**kwargs: Any) -> ScoreSheet | SheetConflict:
    """``save_sheet``, with its conflict as a value: the page shows the differences."""
    try:
        return save_sheet(**kwargs)
    except SheetConflict as exc:
        return exc


# ----------------------------------------------------------------- the page


def _render(
    request: AuthedRequest,
    cy: ClusterYear,
    sheet: ScoreSheet,
    *,
    typed: Typed | None = None,
    conflict: SheetConflict | None = None,
    self_report: str | None = None,
    version: int | None = None,
    status: int = 200,
) -> HttpResponse:
    page = selectors.sheet_page_data(cy, sheet, typed)
    if page is None:
        raise Http404
    own = request.user.organization_id == sheet.organization_id
    context = {
        **nav_context(request, cy, "sheet" if own else "overview"),
        "page": page,
        "sheet": sheet,
        "unit": sheet.organization,
        "reopen_form": ReopenSheetForm(),
        "conflict": conflict,
        "version": conflict.current_version
        if conflict
        else (sheet.version if version is None else version),
        "self_report": sheet.self_report if self_report is None else self_report,
        "edit_refusal": refusal(request.user, "scoring.edit_sheet", sheet),
        "on_behalf": on_behalf_notes([sheet]) if _handed_in_by_someone_else(sheet) else [],
    }
    return render(request, "scoring/sheet.html", context, status=status)


def _handed_in_by_someone_else(sheet: ScoreSheet) -> bool:
    """Submitted by a person who is not the unit's (recorded on its behalf): only then are the
    audit notes read (no query for the usual sheet)."""
    by = sheet.submitted_by
    return by is not None and by.organization_id != sheet.organization_id


@login_required
def sheet_page(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    sheet = load_sheet(request, cy, org_code)
    if request.method != "POST":
        return _render(request, cy, sheet)
    require_person(request, "scoring.edit_sheet", sheet)
    table = table_or_404(cy)
    posted = posted_rows(table, request.POST)
    inputs, errors = entry_inputs(table, posted)
    report, version = request.POST.get("self_report", ""), _version(request.POST)
    if errors:
        for message in errors.values():
            messages.error(request, message)
        typed = Typed(posted=posted, errors=errors)
        return _render(
            request, cy, sheet, typed=typed, self_report=report, version=version, status=400
        )
    outcome = run_service(
        request,
        lambda: _save_or_conflict(
            cluster_year=cy,
            organization=sheet.organization,
            user=request.user,
            expected_version=version,
            entries=inputs,
            self_report=report,
            evidence=_files(request, table),
        ),
    )
    if isinstance(outcome.value, SheetConflict):
        conflict = outcome.value
        messages.error(request, conflict.messages[0])
        typed = Typed(posted=posted, conflicts=conflict.items, rebase=True)
        return _render(
            request, cy, sheet, typed=typed, conflict=conflict, self_report=report, status=409
        )
    if not outcome.ok:  # bad values, or the sheet's state or deadline refused (the message)
        typed = Typed(posted=posted)
        return _render(
            request, cy, sheet, typed=typed, self_report=report, version=version, status=400
        )
    _submit_if_asked(request, cy, sheet)
    return redirect("scoring:sheet", code, year, org_code)


def _submit_if_asked(request: AuthedRequest, cy: ClusterYear, sheet: ScoreSheet) -> None:
    """After a save: "Lưu và nộp" submits too; a refused submit still says the save worked."""
    if request.POST.get("action") != "submit":
        messages.success(request, _("Đã lưu bảng điểm."))
        return
    saved = selectors.sheet_for(cy, sheet.organization)
    if not run_service(
        request,
        lambda: submit_sheet(sheet=saved, user=request.user),
        flash=True,
        success=_("Đã nộp bảng tự chấm điểm."),
    ):
        messages.success(request, _("Đã lưu bảng điểm."))


@login_required
@require_POST
def sheet_row(
    request: AuthedRequest, code: str, year: int, org_code: str, criterion_id: int
) -> HttpResponse:
    """htmx: save one row; answers the row, the new version and the progress (out of band).
    Without htmx: the same save, then back to the page with the messages."""
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    sheet = load_sheet(request, cy, org_code)
    require_person(request, "scoring.edit_sheet", sheet)
    table = table_or_404(cy)
    if criterion_id not in table.by_id:
        raise Http404
    posted = posted_rows(table, request.POST, only=criterion_id)
    inputs, errors = entry_inputs(table, posted)
    result: ScoreSheet | SheetConflict | None = None
    if not errors:
        try:  # the row's own error cell shows the service's refusal (no page messages)
            result = _save_or_conflict(
                cluster_year=cy,
                organization=sheet.organization,
                user=request.user,
                expected_version=_version(request.POST),
                entries=inputs,
                evidence=_files(request, table, only=criterion_id),
            )
        except ValidationError as exc:
            errors = {criterion_id: " ".join(exc.messages)}
        except PermissionDenied as exc:  # the sheet's state or the deadline: why, in the row
            errors = {criterion_id: str(exc)}
    conflict = result if isinstance(result, SheetConflict) else None
    if not is_htmx(request):
        for message in [*errors.values(), *(conflict.messages if conflict else [])]:
            messages.error(request, message)
        if not errors and conflict is None:
            messages.success(request, _("Đã lưu bảng điểm."))
        return redirect("scoring:sheet", code, year, org_code)
    return _render_row(
        request,
        cy,
        sheet=sheet,
        criterion_id=criterion_id,
        posted=posted,
        errors=errors,
        conflict=conflict,
    )


def _render_row(
    request: AuthedRequest,
    cy: ClusterYear,
    *,
    sheet: ScoreSheet,
    criterion_id: int,
    posted: dict[int, Posted],
    errors: dict[int, str],
    conflict: SheetConflict | None,
) -> HttpResponse:
    saved = not errors and conflict is None
    sheet = selectors.sheet_for(cy, sheet.organization)
    typed = Typed(
        posted={} if saved else posted,
        errors=errors,
        conflicts=conflict.items if conflict else (),
        rebase=conflict is not None,
    )
    page = selectors.sheet_page_data(cy, sheet, typed)
    if page is None:
        raise Http404
    version = _version(request.POST) if errors else None
    context = {
        "cy": cy,
        "page": page,
        "sheet": sheet,
        "unit": sheet.organization,
        "row": page.row(criterion_id),
        "saved": saved,
        "version": conflict.current_version
        if conflict
        else (sheet.version if version is None else version),
    }
    return render(request, "scoring/sheet_row.html", context)


@login_required
@require_POST
def sheet_reopen(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    sheet = load_sheet(request, cy, org_code)
    require_person(request, "scoring.reopen_sheet", sheet)
    form = ReopenSheetForm(request.POST)
    run_service(
        request,
        lambda: reopen_sheet(
            sheet=sheet,
            user=request.user,
            reason=form.cleaned_data["reason"],
            until=_end_of(form.cleaned_data["until"]),
        ),
        form=form,
        flash=True,
        success=lambda reopened: _("Đã mở lại bảng điểm cho {unit}.").format(
            unit=sheet.organization.name
        ),
    )
    return redirect("scoring:sheet", code, year, org_code)


def _end_of(day: dt.date | None) -> dt.datetime | None:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59))) if day else None


@login_required
def sheet_xlsx(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    """The unit's sheet as Excel: blank, or with its values (?filled=1)."""
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    sheet = load_sheet(request, cy, org_code)
    filled = request.GET.get("filled") == "1"
    content = excel.unit_sheet_xlsx(
        table=table_or_404(cy),
        cluster_year=cy,
        organization=sheet.organization,
        entries=selectors.entries_by_criterion(sheet) if filled else None,
    )
    return xlsx_response(content, f"tu-cham-diem-{sheet.organization.code}-{cy.year}.xlsx")


@login_required
def sheet_import(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    sheet = load_sheet(request, cy, org_code)
    require_person(request, "scoring.edit_sheet", sheet)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: import_unit_sheet(
                cluster_year=cy,
                organization=sheet.organization,
                user=request.user,
                upload=form.cleaned_data["file"],
            ),
            form=form,
            success=lambda imported: _("Đã nhập {n} tiêu chí từ tệp Excel.").format(n=imported[1]),
        )
        if outcome.ok and outcome.value is not None:
            return redirect("scoring:sheet", code, year, org_code)
        status = 400
    context = {
        **nav_context(request, cy, "sheet"),
        "sheet": sheet,
        "unit": sheet.organization,
        "form": form,
        "refusal": refusal(request.user, "scoring.edit_sheet", sheet),
    }
    return render(request, "scoring/sheet_import.html", context, status=status)
