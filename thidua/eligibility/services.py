"""Batch checks: submit a file (checked row by row first; stored only when every row is good),
run it in the background (``tasks.run_batch``), cancel it. Side effects are listed per service."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.eligibility import rules
from thidua.eligibility.batch_reader import BATCH_MAX_ROWS, BatchFile, BatchRow, read_batch
from thidua.eligibility.engine import Outcome, PersonFacts, Result, evaluate_many
from thidua.eligibility.enums import OPEN_STATUSES, BatchStatus
from thidua.eligibility.models import CheckBatch, CheckResult
from thidua.eligibility.preload import Snapshot
from thidua.organizations.models import Organization

if TYPE_CHECKING:
    from thidua.accounts.models import User

log = logging.getLogger(__name__)
CHUNK = 2_000  # results rendered, stored and counted at a time; cancelling stops between chunks
ERROR_CHARS = 1_000


@dataclass
class Submission:
    """What ``submit_batch`` did: the stored batch, or the file's report (nothing stored)."""

    file: BatchFile
    batch: CheckBatch | None = None


def submit_batch(
    *,
    data: bytes,
    filename: str,
    received_on: dt.date,
    user: User,
    max_rows: int = BATCH_MAX_ROWS,
) -> Submission:
    """Check every row of the file; when all are good, store a queued ``CheckBatch`` with the
    creator's authority, write the audit event ``eligibility.batch_submitted`` and, once
    committed, enqueue ``tasks.run_batch``. A bad file stores nothing."""
    check(user, rules.RUN_BATCH.name)
    parsed = read_batch(
        data,
        filename,
        authority_id=user.authority_id,
        everything=user.is_system_admin,
        max_rows=max_rows,
    )
    if not parsed.ok:
        return Submission(parsed)
    return Submission(parsed, _store(parsed, received_on, user))


@transaction.atomic
def _store(parsed: BatchFile, received_on: dt.date, user: User) -> CheckBatch:
    batch = CheckBatch.objects.create(
        filename=parsed.filename[:255],
        sha256=parsed.sha256,
        authority_id=user.authority_id,
        received_on=received_on,
        total=len(parsed.rows),
        rows=[r.as_json() for r in parsed.rows],
        created_by=user,
    )
    record_event(
        action="eligibility.batch_submitted",
        obj=batch,
        object_repr=batch.filename,
        after={"file": batch.filename, "sha256": batch.sha256, "rows": batch.total},
        actor=user,
    )
    transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    from thidua.eligibility.tasks import run_batch  # tasks import this module

    run_batch.enqueue(batch_id)


@transaction.atomic
def cancel_batch(*, batch: CheckBatch, user: User) -> CheckBatch:
    """Queued or running → cancelled (audit ``eligibility.batch_cancelled``). A running task
    sees it before its next chunk and stops; the rows already stored stay, marked cancelled."""
    check(user, rules.CANCEL_BATCH.name, batch)
    now = timezone.now()
    changed = CheckBatch.objects.filter(pk=batch.pk, status__in=OPEN_STATUSES).update(
        status=BatchStatus.CANCELLED, finished_at=now
    )
    if not changed:
        raise ValidationError(_("Đợt kiểm tra vừa kết thúc, không hủy được nữa."))
    before = batch.status
    batch.status, batch.finished_at = BatchStatus.CANCELLED, now
    record_event(
        action="eligibility.batch_cancelled",
        obj=batch,
        object_repr=batch.filename,
        before={"status": before},
        after={"status": batch.status},
        actor=user,
    )
    return batch


class _Cancelled(Exception):
    """The batch left the running state between two chunks."""


def execute_batch(batch_id: int) -> str:
    """The task's work: claim the queued batch, preload once, evaluate the whole batch (the
    rows count for each other, initiatives are shared, quotas are per batch), then render and
    store the results by chunks of ``CHUNK``, counting ``done`` after each. Returns the final
    status. Any error: the results are removed and the batch is ``failed`` with the error."""
    claimed = CheckBatch.objects.filter(pk=batch_id, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING
    )
    if not claimed:
        return "skipped"  # cancelled before it started, or run already
    batch = CheckBatch.objects.get(pk=batch_id)
    try:
        _run(batch)
    except _Cancelled:
        return BatchStatus.CANCELLED
    except Exception as exc:  # any failure must leave a clear state, never a half-done batch
        log.exception("eligibility batch %s failed", batch.uuid)
        _fail(batch, exc)
        return BatchStatus.FAILED
    return BatchStatus.DONE


def _run(batch: CheckBatch) -> None:
    rows = [BatchRow.from_json(r) for r in batch.rows]
    candidates = [r.candidate(batch.received_on) for r in rows]
    snapshot = Snapshot.load(candidates)
    results = evaluate_many(candidates, snapshot.batch)
    units = _unit_names(snapshot.batch.people.values())
    with translation.override("vi"):  # stored words read the same whatever the worker's locale
        for start in range(0, len(results), CHUNK):
            _store_chunk(batch, results[start : start + CHUNK], snapshot, units)
    now = timezone.now()
    with transaction.atomic():
        finished = CheckBatch.objects.filter(pk=batch.pk, status=BatchStatus.RUNNING).update(
            status=BatchStatus.DONE, finished_at=now, rows=[]
        )
        if not finished:
            raise _Cancelled
        batch.refresh_from_db(fields=["done", "eligible", "not_eligible", "needs_review"])
        record_event(
            action="eligibility.batch_done",
            obj=batch,
            object_repr=batch.filename,
            after={
                "rows": batch.done,
                "eligible": batch.eligible,
                "not_eligible": batch.not_eligible,
                "needs_review": batch.needs_review,
            },
        )


def _unit_names(people: Iterable[PersonFacts]) -> dict[int, str]:
    ids = {p.unit_id for p in people if p.unit_id is not None}
    qs = Organization.objects.all()
    if len(ids) <= 900:
        qs = qs.filter(pk__in=ids)
    return {pk: name for pk, name in qs.values_list("pk", "name") if pk in ids}


def _store_chunk(
    batch: CheckBatch, chunk: list[Result], snapshot: Snapshot, units: dict[int, str]
) -> None:
    objects = [_result_row(batch, r, snapshot, units) for r in chunk]
    counts = Counter(str(r.verdict) for r in chunk)
    with transaction.atomic():
        CheckResult.objects.bulk_create(objects)
        still_running = CheckBatch.objects.filter(pk=batch.pk, status=BatchStatus.RUNNING).update(
            done=F("done") + len(chunk),
            eligible=F("eligible") + counts["eligible"],
            not_eligible=F("not_eligible") + counts["not_eligible"],
            needs_review=F("needs_review") + counts["needs_review"],
        )
        if not still_running:
            raise _Cancelled  # rolls this chunk back: done always equals the rows stored


def _result_row(
    batch: CheckBatch, result: Result, snapshot: Snapshot, units: dict[int, str]
) -> CheckResult:
    c = result.candidate
    facts = snapshot.batch.facts(c)
    if isinstance(facts, PersonFacts):
        name, unit = facts.name, units.get(facts.unit_id or 0, "")
    else:
        name = unit = facts.name if facts is not None else ""
    failing = dict.fromkeys(r.rule for r in result.reasons if r.outcome in _FAILING)
    return CheckResult(
        batch=batch,
        row=c.row,
        subject_code=c.subject_code,
        subject_name=name[:300],
        unit_name=unit[:300],
        award_code=c.award_code,
        achievement_year=c.year,
        received_on=c.received_on,
        rule_set=result.rule_set,
        verdict=str(result.verdict),
        reasons=[
            {
                "rule": r.rule,
                "outcome": str(r.outcome),
                "text": r.text,
                "citation": r.citation,
                "mark": r.mark,
            }
            for r in result.reasons
        ],
        failing=("|" + "|".join(failing) + "|")[:500] if failing else "",
    )


_FAILING = (Outcome.FAIL, Outcome.REVIEW)


def _fail(batch: CheckBatch, exc: Exception) -> None:
    """No half-state: the stored results go, the counts return to zero, the error is kept."""
    text = _("Lỗi khi kiểm tra: {error}").format(error=f"{type(exc).__name__}: {exc}")
    with transaction.atomic():
        CheckResult.objects.filter(batch=batch).delete()
        CheckBatch.objects.filter(pk=batch.pk, status=BatchStatus.RUNNING).update(
            status=BatchStatus.FAILED,
            finished_at=timezone.now(),
            error=text[:ERROR_CHARS],
            done=0,
            eligible=0,
            not_eligible=0,
            needs_review=0,
        )
