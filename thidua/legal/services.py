"""Changing the law: clone a published version, edit the draft, publish it, close it or delete
the draft (docs/dev/awards-design.md §2.3). Each writes one audit event, in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.legal.enums import Family, RuleSetStatus
from thidua.legal.models import LegalInstrument, RuleParameter, RuleSet
from thidua.legal.rules import (
    CLONE_RULE_SET,
    CLOSE_RULE_SET,
    CREATE_LOCAL_SET,
    DELETE_DRAFT,
    EDIT_DRAFT,
    PUBLISH_RULE_SET,
)
from thidua.legal.uses import last_use
from thidua.legal.values import check_shape, columns_for, definition_for
from thidua.legal.wording import citation, param_words

COPIED = (
    "code",
    "award_code",
    "value_type",
    "operator",
    "num",
    "den",
    "int_value",
    "decimal_value",
    "bool_value",
    "text_value",
    "json_value",
    "instrument_id",
    "article",
    "mark",
    "note",
)


def _same_authority(rule_set: RuleSet) -> Q:
    if rule_set.authority_id is None:
        return Q(authority__isnull=True)
    return Q(authority_id=rule_set.authority_id)


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else _("nay")


def _period(rule_set: RuleSet) -> dict[str, str]:
    return {
        _("Nhận hồ sơ"): f"{_day(rule_set.effective_from)} – {_day(rule_set.effective_to)}",
        _("Trạng thái"): str(rule_set.get_status_display()),
    }


@transaction.atomic
def clone_rule_set(*, user: Any, rule_set: RuleSet, code: str = "") -> RuleSet:
    """A draft ``version + 1`` of a published version, with all its parameters."""
    check(user, CLONE_RULE_SET.name, rule_set)
    same = RuleSet.objects.filter(_same_authority(rule_set), family=rule_set.family)
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    code = code or f"{rule_set.code}-v{version}"[:60]
    if RuleSet.objects.filter(code=code).exists():
        raise ValidationError(_("Mã “{code}” đã được dùng.").format(code=code), code="code")
    draft = RuleSet.objects.create(
        code=code,
        name=rule_set.name,
        legal_basis=rule_set.legal_basis,
        family=rule_set.family,
        version=version,
        supersedes=rule_set,
        status=RuleSetStatus.DRAFT,
        effective_from=rule_set.effective_from,
        effective_to=rule_set.effective_to,
        achievement_year_from=rule_set.achievement_year_from,
        achievement_year_to=rule_set.achievement_year_to,
        authority_id=rule_set.authority_id,
    )
    draft.instruments.set(rule_set.instruments.all())
    RuleParameter.objects.bulk_create(
        RuleParameter(rule_set=draft, **{f: getattr(p, f) for f in COPIED})
        for p in rule_set.parameters.all()
    )
    record_event(
        action="legal.rule_set.clone",
        obj=draft,
        actor=user,
        after={
            _("Phiên bản"): version,
            _("Nhân bản từ"): rule_set.code,
            _("Số tham số"): draft.parameters.count(),
        },
    )
    return draft


@transaction.atomic
def create_local_draft(
    *, user: Any, authority: Any, code: str, name: str, family: str = Family.TDKT
) -> RuleSet:
    """An empty draft of an authority's own rules (its parameters override the national ones);
    it supersedes the authority's latest published version of the family, if any."""
    check(user, CREATE_LOCAL_SET.name, authority)
    if RuleSet.objects.filter(code=code).exists():
        raise ValidationError(_("Mã “{code}” đã được dùng.").format(code=code), code="code")
    same = RuleSet.objects.filter(family=family, authority=authority)
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    latest = same.filter(status=RuleSetStatus.PUBLISHED).order_by("-effective_from").first()
    draft = RuleSet.objects.create(
        code=code,
        name=name,
        legal_basis="",
        family=family,
        version=version,
        supersedes=latest,
        authority=authority,
        effective_from=timezone.localdate(),
    )
    record_event(
        action="legal.rule_set.create",
        obj=draft,
        actor=user,
        after={_("Cơ quan"): authority.name, _("Phiên bản"): version},
    )
    return draft


def _words(param: RuleParameter | None) -> dict[str, str] | None:
    if param is None:
        return None
    return {
        _("Giá trị"): param_words(param),
        _("Căn cứ"): citation(param),
        _("Mức tin cậy"): param.mark,
    }


@transaction.atomic
def set_parameter(
    *,
    user: Any,
    rule_set: RuleSet,
    code: str,
    value: Any,
    award_code: str = "",
    operator: str | None = None,
    instrument: LegalInstrument | None = None,
    article: str = "",
    mark: str = "R",
    note: str = "",
) -> RuleParameter:
    """Adds or changes one parameter of a draft, checked against the vocabulary."""
    check(user, EDIT_DRAFT.name, rule_set)
    definition = definition_for(rule_set, code)
    check_shape(definition, award_code, operator)
    columns = columns_for(definition.value_type, value)
    param = RuleParameter.objects.filter(
        rule_set=rule_set, code=code, award_code=award_code
    ).first()
    before = _words(param)
    param = param or RuleParameter(rule_set=rule_set, code=code, award_code=award_code)
    for name, column in columns.items():
        setattr(param, name, column)
    param.value_type = definition.value_type
    param.operator = operator or None
    param.instrument = instrument
    param.article, param.mark, param.note = article, mark, note
    param.save()
    record_event(
        action="legal.parameter.set",
        obj=rule_set,
        actor=user,
        before=before,
        after=_words(param),
        note=f"{code} {award_code}".strip(),
    )
    return param


@transaction.atomic
def remove_parameter(*, user: Any, rule_set: RuleSet, code: str, award_code: str = "") -> None:
    check(user, EDIT_DRAFT.name, rule_set)
    param = RuleParameter.objects.filter(
        rule_set=rule_set, code=code, award_code=award_code
    ).first()
    if param is None:
        raise ValidationError(_("Bản nháp không có tham số này."), code="missing")
    before = _words(param)
    param.delete()
    record_event(
        action="legal.parameter.remove",
        obj=rule_set,
        actor=user,
        before=before,
        note=f"{code} {award_code}".strip(),
    )


def overlapping(rule_set: RuleSet, start: dt.date, end: dt.date | None) -> RuleSet | None:
    """A published version of the same family and authority whose received dates meet these."""
    others = (
        RuleSet.objects.filter(
            _same_authority(rule_set), family=rule_set.family, status=RuleSetStatus.PUBLISHED
        )
        .exclude(pk=rule_set.pk)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
    )
    if end is not None:
        others = others.filter(effective_from__lte=end)
    return others.order_by("effective_from").first()


def overlap_error(rule_set: RuleSet, other: RuleSet) -> ValidationError:
    return ValidationError(
        _(
            "Bộ quy định {name} trùng thời gian hiệu lực với phiên bản {v} ({start}–{end}) của "
            "cùng cơ quan."
        ).format(
            name=rule_set.name,
            v=other.version,
            start=_day(other.effective_from),
            end=_day(other.effective_to),
        ),
        code="overlap",
    )


def _check_dates(
    rule_set: RuleSet,
    instruments: Sequence[LegalInstrument],
    start: dt.date,
    end: dt.date | None,
    years: tuple[int | None, int | None],
) -> None:
    if end is not None and end < start:
        raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."), code="dates")
    if years[0] and years[1] and years[1] < years[0]:
        raise ValidationError(_("Năm thành tích “đến” phải từ năm “từ” trở đi."), code="years")
    for instrument in instruments:
        ends = instrument.effective_to
        if instrument.authority_id and ends and (end is None or end > ends):
            raise ValidationError(
                _(
                    "Bộ quy định địa phương phải hết hiệu lực cùng văn bản {name} (đến {day})."
                ).format(name=instrument.short_name, day=_day(ends)),
                code="instrument_end",
            )


def _save_published(rule_set: RuleSet, fields: list[str]) -> None:
    """Saves, mapping a race on the overlap constraint to the same message as the check."""
    try:
        with transaction.atomic():
            rule_set.save(update_fields=fields)
    except IntegrityError:
        other = overlapping(rule_set, rule_set.effective_from, rule_set.effective_to)
        if other is None:
            raise
        raise overlap_error(rule_set, other) from None


@transaction.atomic
def publish_rule_set(
    *,
    user: Any,
    rule_set: RuleSet,
    legal_basis: str,
    instruments: Sequence[LegalInstrument],
    effective_from: dt.date,
    effective_to: dt.date | None = None,
    achievement_year_from: int | None = None,
    achievement_year_to: int | None = None,
    change_note: str = "",
) -> RuleSet:
    """Publishes a draft: closes the open-ended version it supersedes the day before, then
    refuses any overlap with another published version of the same family and authority."""
    check(user, PUBLISH_RULE_SET.name, rule_set)
    if not legal_basis.strip():
        raise ValidationError(_("Cần ghi căn cứ pháp lý."), code="basis")
    years = (achievement_year_from, achievement_year_to)
    _check_dates(rule_set, instruments, effective_from, effective_to, years)
    old = rule_set.supersedes
    if (
        old
        and old.is_published
        and old.effective_to is None
        and old.effective_from < effective_from
    ):
        close_version(user, old, effective_from - dt.timedelta(days=1))
    other = overlapping(rule_set, effective_from, effective_to)
    if other is not None:
        raise overlap_error(rule_set, other)
    rule_set.legal_basis, rule_set.change_note = legal_basis, change_note
    rule_set.effective_from, rule_set.effective_to = effective_from, effective_to
    rule_set.achievement_year_from, rule_set.achievement_year_to = years
    rule_set.status = RuleSetStatus.PUBLISHED
    rule_set.published_at, rule_set.published_by = timezone.now(), user
    _save_published(
        rule_set,
        [
            "legal_basis",
            "change_note",
            "effective_from",
            "effective_to",
            "achievement_year_from",
            "achievement_year_to",
            "status",
            "published_at",
            "published_by",
            "updated",
        ],
    )
    rule_set.instruments.set(instruments)
    record_event(
        action="legal.rule_set.publish",
        obj=rule_set,
        actor=user,
        before={_("Trạng thái"): str(RuleSetStatus.DRAFT.label)},
        after=_period(rule_set),
        note=change_note,
    )
    return rule_set


def close_version(user: Any, rule_set: RuleSet, effective_to: dt.date) -> None:
    """Sets the last received day of a published version, never before its last recorded use;
    audited. No permission check: the caller (closing a version, publishing its successor,
    ending the instrument it cites) has checked its own."""
    if effective_to < rule_set.effective_from:
        raise ValidationError(_("Ngày hết hiệu lực phải sau ngày bắt đầu."), code="dates")
    used = last_use(rule_set.pk)
    if used is not None and effective_to < used[0]:
        raise ValidationError(
            _(
                "Bộ quy định đã được dùng đến ngày {day} ({what}): không thể cho hết hiệu lực "
                "trước ngày đó."
            ).format(day=_day(used[0]), what=used[1]),
            code="used",
        )
    before = _period(rule_set)
    other = overlapping(rule_set, rule_set.effective_from, effective_to)
    if other is not None:
        raise overlap_error(rule_set, other)
    rule_set.effective_to = effective_to
    _save_published(rule_set, ["effective_to", "updated"])
    record_event(
        action="legal.rule_set.close",
        obj=rule_set,
        actor=user,
        before=before,
        after=_period(rule_set),
    )


@transaction.atomic
def close_rule_set(*, user: Any, rule_set: RuleSet, effective_to: dt.date) -> RuleSet:
    """Sets the last day a dossier may be received under a published version."""
    check(user, CLOSE_RULE_SET.name, rule_set)
    close_version(user, rule_set, effective_to)
    return rule_set


@transaction.atomic
def delete_draft(*, user: Any, rule_set: RuleSet) -> None:
    check(user, DELETE_DRAFT.name, rule_set)
    before = {**_period(rule_set), _("Số tham số"): rule_set.parameters.count()}
    record_event(action="legal.rule_set.delete", obj=rule_set, actor=user, before=before)
    rule_set.delete()
