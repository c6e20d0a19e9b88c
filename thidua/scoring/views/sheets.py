"""A unit's self-scoring sheet: the whole-page form (works without JavaScript), the htmx save of
one row, submit, evidence, the secretariat's reopen, and Excel out/in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.deadlines import is_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, Deadline
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx, serve_stored_file
from thidua.scoring import excel, ranking, selectors
from thidua.scoring.enums import COMPUTED_METHODS, SheetStatus, VerificationMode
from thidua.scoring.forms import ReopenSheetForm, UploadForm
from thidua.scoring.models import Evidence, ScoreEntry, ScoreSheet
from thidua.scoring.services.common import ConflictItem, SheetConflict
from thidua.scoring.services.imports import import_unit_sheet
from thidua.scoring.services.sheets import (
    EntryInput,
    delete_evidence,
    reopen_sheet,
    save_sheet,
    submit_sheet,
)
from thidua.scoring.validators import parse_decimal, points_text
from thidua.scoring.views.common import fail, load_cluster_year, load_sheet, nav_context


@dataclass
class Posted:
    value: str = ""
    measure: str = ""
    note: str = ""
    original: str = ""
    has_original: bool = False


@dataclass
class SheetRow:
    kind: str
    obj: Any
    depth: int
    entry: ScoreEntry | None = None
    posted: Posted | None = None
    subtotal: Decimal | None = None
    final: Decimal | None = None
    cross: Decimal | None = None
    error: str = ""
    conflict: ConflictItem | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def computed(self) -> bool:
        return self.kind == "criterion" and self.obj.method in COMPUTED_METHODS

    @property
    def adjusted(self) -> bool:
        return self.entry is not None and self.entry.adjusted_value is not None

    @property
    def value_text(self) -> str:
        if self.posted is not None:
            return self.posted.value
        return _text(self.entry.self_value) if self.entry else ""

    @property
    def measure_text(self) -> str:
        if self.posted is not None:
            return self.posted.measure
        return _text(self.entry.measure) if self.entry else ""

    @property
    def note_text(self) -> str:
        if self.posted is not None:
            return self.posted.note
        return self.entry.note if self.entry else ""

    @property
    def original_text(self) -> str:
        if self.posted is not None and self.posted.has_original:
            return self.posted.original
        return _text(self.entry.self_value) if self.entry else ""

    @property
    def max_text(self) -> str:
        return _text(self.obj.max_points)

    @property
    def missing_evidence(self) -> bool:
        return bool(
            self.kind == "criterion"
            and self.obj.evidence_required
            and self.entry is not None
            and self.entry.self_value
            and not self.evidence
        )


def _text(value: Decimal | None) -> str:
    return "" if value is None else points_text(value)


def _saved_text(entries: dict[int, ScoreEntry], cid: int) -> str:
    entry = entries.get(cid)
    return _text(entry.self_value if entry else None)


def _posted_rows(table: selectors.CriteriaTable, data: QueryDict) -> dict[int, Posted]:
    posted = {}
    for criterion in table.criteria:
        cid = criterion.pk
        if any(f"{name}-{cid}" in data for name in ("value", "measure", "note")):
            posted[cid] = Posted(
                value=data.get(f"value-{cid}", ""),
                measure=data.get(f"measure-{cid}", ""),
                note=data.get(f"note-{cid}", ""),
                original=data.get(f"orig-{cid}", ""),
                has_original=f"orig-{cid}" in data,
            )
    return posted


def _entry_inputs(
    table: selectors.CriteriaTable, posted: dict[int, Posted]
) -> tuple[list[EntryInput], dict[int, str]]:
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


def _files(request: AuthedRequest, table: selectors.CriteriaTable, only: int | None = None) -> Any:
    return {
        c.pk: request.FILES.getlist(f"evidence-{c.pk}")
        for c in table.criteria
        if (only is None or c.pk == only) and request.FILES.getlist(f"evidence-{c.pk}")
    }


def _build_rows(
    table: selectors.CriteriaTable,
    entries: dict[int, ScoreEntry],
    *,
    cross: dict[int, Decimal | None],
    mode: str,
    posted: dict[int, Posted] | None = None,
    errors: dict[int, str] | None = None,
    conflicts: list[ConflictItem] | None = None,
) -> list[SheetRow]:
    self_values = {cid: e.self_value for cid, e in entries.items()}
    subtotals = ranking.group_subtotals(table.scale, self_values)
    by_code = {c.code: c for c in conflicts or []}
    rows = []
    for item in table.rows:
        if item.kind == "group":
            rows.append(
                SheetRow("group", item.obj, item.depth, subtotal=subtotals.get(item.obj.pk))
            )
            continue
        cid = item.obj.pk
        entry = entries.get(cid)
        final = selectors.final_value(entry, cross.get(cid), mode)
        rows.append(
            SheetRow(
                "criterion",
                item.obj,
                item.depth,
                entry=entry,
                posted=(posted or {}).get(cid),
                final=final,
                cross=cross.get(cid),
                error=(errors or {}).get(cid, ""),
                conflict=by_code.get(item.obj.code),
                evidence=list(entry.evidence.all()) if entry else [],
            )
        )
    return rows


def _cross_aggregates(cy: ClusterYear, sheet: ScoreSheet, mode: str, aggregation: str) -> Any:
    if mode != VerificationMode.CROSS or sheet.status == SheetStatus.DRAFT:
        return {}
    values = selectors.cross_values(cy).get(sheet.organization_id, {})
    return {cid: ranking.aggregate(v.values(), aggregation) for cid, v in values.items()}


def _sheet_context(
    request: AuthedRequest,
    cy: ClusterYear,
    sheet: ScoreSheet,
    *,
    posted: dict[int, Posted] | None = None,
    errors: dict[int, str] | None = None,
    conflict: SheetConflict | None = None,
    self_report: str | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    criteria_set = selectors.adopted_set(cy)
    if criteria_set is None:
        raise Http404
    user = request.user
    table = selectors.criteria_table(criteria_set)
    entries = selectors.entries_by_criterion(sheet)
    scoring_round = selectors.round_or_none(cy)
    mode = scoring_round.verification_mode if scoring_round else VerificationMode.HEAD
    aggregation = scoring_round.aggregation if scoring_round else "mean"
    cross = _cross_aggregates(cy, sheet, mode, aggregation)
    if conflict is not None:  # show the saved values as the new base, keep the user's inputs
        posted = {
            cid: Posted(p.value, p.measure, p.note, _saved_text(entries, cid), True)
            for cid, p in (posted or {}).items()
        }
    rows = _build_rows(
        table,
        entries,
        cross=cross,
        mode=mode,
        posted=posted,
        errors=errors,
        conflicts=conflict.items if conflict else None,
    )
    approved = bool(scoring_round and scoring_round.is_approved)
    step_open = is_step_open(
        cluster_year=cy, step=CycleStep.SELF_SCORING, organization=sheet.organization
    )
    can_edit = (
        user.has_perm("scoring.edit_sheet", sheet)
        and sheet.status == SheetStatus.DRAFT
        and not approved
        and step_open
    )
    final_score = ranking.score_unit(
        table.scale,
        ranking.UnitInput(
            sheet.organization_id,
            "",
            "",
            {r.obj.pk: r.final for r in rows if r.kind == "criterion"},
        ),
    )
    self_score = ranking.score_unit(
        table.scale,
        ranking.UnitInput(
            sheet.organization_id, "", "", {cid: e.self_value for cid, e in entries.items()}
        ),
    )
    own = user.organization_id == sheet.organization_id
    return {
        **nav_context(request, cy, "sheet" if own else "overview"),
        "sheet": sheet,
        "unit": sheet.organization,
        "table": table,
        "rows": rows,
        "progress": selectors.sheet_progress(sheet, table, entries),
        "deadline": Deadline.objects.filter(cluster_year=cy, step=CycleStep.SELF_SCORING).first(),
        "step_open": step_open,
        "can_edit": can_edit,
        "is_own": user.has_perm("scoring.edit_sheet", sheet),
        "can_verify": user.has_perm("scoring.verify_sheet", sheet) and not approved,
        "can_reopen": user.has_perm("scoring.reopen_sheet", sheet) and not approved,
        "reopen_form": ReopenSheetForm(),
        "conflict": conflict,
        "version": conflict.current_version
        if conflict
        else (sheet.version if version is None else version),
        "self_report": sheet.self_report if self_report is None else self_report,
        "self_score": self_score,
        "final_score": final_score,
        "show_final": any(
            r.final != (r.entry.self_value if r.entry else None)
            for r in rows
            if r.kind == "criterion"
        ),
        "cross_mode": mode == VerificationMode.CROSS,
    }


@login_required
def sheet_page(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    sheet = load_sheet(request, cy, org_code)
    if request.method != "POST":
        return render(request, "scoring/sheet.html", _sheet_context(request, cy, sheet))
    if not request.user.has_perm("scoring.edit_sheet", sheet):
        raise PermissionDenied
    criteria_set = selectors.adopted_set(cy)
    if criteria_set is None:
        raise Http404
    table = selectors.criteria_table(criteria_set)
    posted = _posted_rows(table, request.POST)
    inputs, errors = _entry_inputs(table, posted)
    report = request.POST.get("self_report", "")
    if errors:
        for message in errors.values():
            messages.error(request, message)
        context = _sheet_context(
            request,
            cy,
            sheet,
            posted=posted,
            errors=errors,
            self_report=report,
            version=_version(request.POST),
        )
        return render(request, "scoring/sheet.html", context, status=400)
    try:
        sheet = save_sheet(
            cluster_year=cy,
            organization=sheet.organization,
            user=request.user,
            expected_version=_version(request.POST),
            entries=inputs,
            self_report=report,
            evidence=_files(request, table),
        )
    except SheetConflict as exc:
        messages.error(request, exc.messages[0])
        context = _sheet_context(
            request, cy, sheet, posted=posted, conflict=exc, self_report=report
        )
        return render(request, "scoring/sheet.html", context, status=409)
    except ValidationError as exc:
        fail(request, exc)
        context = _sheet_context(
            request, cy, sheet, posted=posted, self_report=report, version=_version(request.POST)
        )
        return render(request, "scoring/sheet.html", context, status=400)
    if request.POST.get("action") == "submit":
        try:
            submit_sheet(sheet=_reload(cy, sheet), user=request.user)
            messages.success(request, _("Đã nộp bảng tự chấm điểm."))
        except ValidationError as exc:
            messages.success(request, _("Đã lưu bảng điểm."))
            fail(request, exc)
    else:
        messages.success(request, _("Đã lưu bảng điểm."))
    return redirect("scoring:sheet", code, year, org_code)


def _reload(cy: ClusterYear, sheet: ScoreSheet) -> ScoreSheet:
    return selectors.sheet_for(cy, sheet.organization)


def _version(data: QueryDict) -> int:
    raw = data.get("version", "0")
    return int(raw) if raw.isdigit() else -1


@login_required
@require_POST
def sheet_row(
    request: AuthedRequest, code: str, year: int, org_code: str, criterion_id: int
) -> HttpResponse:
    """htmx: save one row; answers the row, the new version and the progress (out of band)."""
    cy = load_cluster_year(request, code, year)
    sheet = load_sheet(request, cy, org_code)
    if not request.user.has_perm("scoring.edit_sheet", sheet):
        raise PermissionDenied
    criteria_set = selectors.adopted_set(cy)
    if criteria_set is None:
        raise Http404
    table = selectors.criteria_table(criteria_set)
    if criterion_id not in table.by_id:
        raise Http404
    posted = {k: v for k, v in _posted_rows(table, request.POST).items() if k == criterion_id}
    inputs, errors = _entry_inputs(table, posted)
    conflict: SheetConflict | None = None
    if not errors:
        try:
            sheet = save_sheet(
                cluster_year=cy,
                organization=sheet.organization,
                user=request.user,
                expected_version=_version(request.POST),
                entries=inputs,
                evidence=_files(request, table, only=criterion_id),
            )
            posted = {}
        except SheetConflict as exc:
            conflict = exc
        except ValidationError as exc:
            errors = {criterion_id: " ".join(exc.messages)}
    if not is_htmx(request):
        for message in [*errors.values(), *(conflict.messages if conflict else [])]:
            messages.error(request, message)
        if not errors and conflict is None:
            messages.success(request, _("Đã lưu bảng điểm."))
        return redirect("scoring:sheet", code, year, org_code)
    sheet = _reload(cy, sheet)
    context = _sheet_context(
        request,
        cy,
        sheet,
        posted=posted,
        errors=errors,
        conflict=conflict,
        version=_version(request.POST) if errors else None,
    )
    context["row"] = next(
        r for r in context["rows"] if r.kind == "criterion" and r.obj.pk == criterion_id
    )
    context["saved"] = not errors and conflict is None
    return render(request, "scoring/sheet_row.html", context)


@login_required
@require_POST
def sheet_reopen(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    sheet = load_sheet(request, cy, org_code)
    if not request.user.has_perm("scoring.reopen_sheet", sheet):
        raise PermissionDenied
    form = ReopenSheetForm(request.POST)
    form.is_valid()
    until_day: dt.date | None = form.cleaned_data.get("until")
    until = (
        timezone.make_aware(dt.datetime.combine(until_day, dt.time(23, 59))) if until_day else None
    )
    try:
        reopen_sheet(
            sheet=sheet, user=request.user, reason=form.cleaned_data.get("reason", ""), until=until
        )
        messages.success(
            request, _("Đã mở lại bảng điểm cho {unit}.").format(unit=sheet.organization.name)
        )
    except ValidationError as exc:
        fail(request, exc)
    return redirect("scoring:sheet", code, year, org_code)


@login_required
def sheet_xlsx(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    """The unit's sheet as Excel: blank, or with its values (?filled=1)."""
    cy = load_cluster_year(request, code, year)
    sheet = load_sheet(request, cy, org_code)
    criteria_set = selectors.adopted_set(cy)
    if criteria_set is None:
        raise Http404
    filled = request.GET.get("filled") == "1"
    content = excel.unit_sheet_xlsx(
        table=selectors.criteria_table(criteria_set),
        cluster_year=cy,
        organization=sheet.organization,
        entries=selectors.entries_by_criterion(sheet) if filled else None,
    )
    response = HttpResponse(content, content_type=excel.XLSX_TYPE)
    name = f"tu-cham-diem-{sheet.organization.code}-{cy.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def sheet_import(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    sheet = load_sheet(request, cy, org_code)
    if not request.user.has_perm("scoring.edit_sheet", sheet):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _sheet, rows = import_unit_sheet(
                    cluster_year=cy,
                    organization=sheet.organization,
                    user=request.user,
                    upload=form.cleaned_data["file"],
                )
                messages.success(request, _("Đã nhập {n} tiêu chí từ tệp Excel.").format(n=rows))
                return redirect("scoring:sheet", code, year, org_code)
            except ValidationError as exc:
                errors = exc.messages
        else:
            errors = [_("Hãy chọn tệp Excel.")]
        status = 400
    context = {
        **nav_context(request, cy, "sheet"),
        "sheet": sheet,
        "unit": sheet.organization,
        "form": form,
        "errors": errors,
    }
    return render(request, "scoring/sheet_import.html", context, status=status)


def _evidence_for_user(request: AuthedRequest, evidence_id: int) -> Evidence:
    evidence = get_object_or_404(
        Evidence.objects.select_related("entry__sheet__organization", "entry__criterion"),
        pk=evidence_id,
    )
    sheet = evidence.entry.sheet
    cy = get_object_for_user_or_404(
        selectors.scoring_cluster_years(request.user), pk=sheet.cluster_year_id
    )
    sheet.cluster_year = cy
    if not request.user.has_perm("scoring.view_sheet", sheet):
        raise Http404
    return evidence


@login_required
def evidence_download(request: AuthedRequest, evidence_id: int) -> FileResponse:
    evidence = _evidence_for_user(request, evidence_id)
    return serve_stored_file(evidence.file, evidence.original_name)


@login_required
@require_POST
def evidence_delete(request: AuthedRequest, evidence_id: int) -> HttpResponse:
    evidence = _evidence_for_user(request, evidence_id)
    sheet = evidence.entry.sheet
    if not request.user.has_perm("scoring.edit_sheet", sheet):
        raise PermissionDenied
    try:
        delete_evidence(evidence=evidence, user=request.user)
        messages.success(request, _("Đã xóa minh chứng."))
    except ValidationError as exc:
        fail(request, exc)
    cy = sheet.cluster_year
    return redirect("scoring:sheet", cy.cluster.code, cy.year, sheet.organization.code)
