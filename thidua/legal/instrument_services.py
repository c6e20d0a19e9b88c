"""Writing the instruments (văn bản): adding one, and recording its end. A local rule set ends
when its regulation does (docs/dev/awards-design.md §2.2): ending a local instrument closes, in
the same transaction, every published local version that cites it and is still open past that
day — each close audited, all refused together when one would end before its last use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.legal.enums import Confidence, InstrumentKind, RuleSetStatus
from thidua.legal.models import LegalInstrument, RuleSet
from thidua.legal.rules import MANAGE_INSTRUMENTS
from thidua.legal.services import close_version


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _dates(instrument: LegalInstrument) -> dict[str, str]:
    return {
        _("Hiệu lực từ"): _day(instrument.effective_from),
        _("Hết hiệu lực"): _day(instrument.effective_to),
        _("Được thay thế bởi"): instrument.replaced_by.short_name
        if instrument.replaced_by
        else "—",
    }


def _check_new(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if LegalInstrument.objects.filter(code=values["code"]).exists():
        errors["code"] = _("Mã “{code}” đã được dùng.").format(code=values["code"])
    for name in ("code", "number", "short_name", "title", "issuer"):
        if not values[name]:
            errors[name] = _("Cần ghi nội dung này.")
    if values["kind"] not in InstrumentKind.values:
        errors["kind"] = _("Giá trị không có trong danh mục.")
    if values["dates_mark"] not in Confidence.values:
        errors["dates_mark"] = _("Giá trị không có trong danh mục.")
    start, end, signed = values["effective_from"], values["effective_to"], values["signed_on"]
    if start and end and end < start:
        errors["effective_to"] = _("Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi.")
    if signed and start and start < signed:
        errors["effective_from"] = _("Ngày có hiệu lực phải từ ngày ký trở đi.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_instrument(
    *,
    user: Any,
    code: str,
    kind: str,
    number: str,
    short_name: str,
    title: str,
    issuer: str,
    authority: Any = None,
    signed_on: dt.date | None = None,
    effective_from: dt.date | None = None,
    effective_to: dt.date | None = None,
    dates_mark: str = Confidence.SOURCE,
    source_note: str = "",
) -> LegalInstrument:
    """Adds an instrument: a local one (of ``authority``) for its board officers, any for the
    system administrator. Side effects: the row, one audit event."""
    check(user, MANAGE_INSTRUMENTS.name, LegalInstrument(authority=authority))
    values: dict[str, Any] = {
        "code": code.strip(),
        "kind": kind,
        "number": number.strip(),
        "short_name": short_name.strip(),
        "title": title.strip(),
        "issuer": issuer.strip(),
        "signed_on": signed_on,
        "effective_from": effective_from,
        "effective_to": effective_to,
        "dates_mark": dates_mark,
        "source_note": source_note.strip(),
    }
    _check_new(values)
    instrument = LegalInstrument.objects.create(authority=authority, **values)
    record_event(
        action="legal.instrument.create",
        obj=instrument,
        actor=user,
        after={
            _("Số, ký hiệu"): instrument.number,
            _("Cơ quan"): authority.name if authority is not None else _("Toàn quốc"),
            **_dates(instrument),
        },
    )
    return instrument


def sets_closed_by(instrument: LegalInstrument, day: dt.date) -> list[RuleSet]:
    """The published local versions citing ``instrument`` that are open past ``day``."""
    return list(
        RuleSet.objects.filter(
            instruments=instrument, status=RuleSetStatus.PUBLISHED, authority__isnull=False
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=day))
        .select_related("authority")
        .order_by("effective_from", "code")
    )


def _check_end(
    instrument: LegalInstrument, day: dt.date, replaced_by: LegalInstrument | None
) -> None:
    if instrument.effective_from is not None and day < instrument.effective_from:
        raise ValidationError(
            {
                "effective_to": _(
                    "Ngày hết hiệu lực phải từ ngày {day} (ngày có hiệu lực)."
                ).format(day=_day(instrument.effective_from))
            }
        )
    if replaced_by is not None and replaced_by.pk == instrument.pk:
        raise ValidationError({"replaced_by": _("Văn bản không thay thế được chính nó.")})


def _close_each(user: Any, sets: list[RuleSet], day: dt.date) -> None:
    """Closes each version on ``day``; the first refusal names the version and undoes all."""
    for rule_set in sets:
        try:
            close_version(user, rule_set, day)
        except ValidationError as exc:
            raise ValidationError(
                _("Không ghi được ngày hết hiệu lực: bộ quy định {name} ({code}): {reason}").format(
                    name=rule_set.name, code=rule_set.code, reason=" ".join(exc.messages)
                ),
                code=exc.code or "close",
            ) from None


@transaction.atomic
def end_instrument(
    *,
    user: Any,
    instrument: LegalInstrument,
    effective_to: dt.date,
    replaced_by: LegalInstrument | None = None,
) -> list[RuleSet]:
    """Records the last day an instrument is in force (and what replaced it), and closes on that
    day every published local version citing it that is open past it (each close audited).
    Refused, nothing changed, when a version would close before its last recorded use or its
    first day. Returns the versions closed. Side effects: the instrument, the versions, one
    audit event for the instrument and one per version."""
    check(user, MANAGE_INSTRUMENTS.name, instrument)
    _check_end(instrument, effective_to, replaced_by)
    before = _dates(instrument)
    sets = sets_closed_by(instrument, effective_to)
    _close_each(user, sets, effective_to)
    instrument.effective_to, instrument.replaced_by = effective_to, replaced_by
    instrument.save(update_fields=["effective_to", "replaced_by", "updated"])
    record_event(
        action="legal.instrument.end",
        obj=instrument,
        actor=user,
        before=before,
        after={**_dates(instrument), _("Bộ quy định hết hiệu lực theo"): [s.code for s in sets]},
    )
    return sets
