"""Writes the vocabulary, the instruments and the national versions (used by data migrations,
so it takes the historical ``apps`` registry and never imports the models)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from thidua.legal.data.national import INSTRUMENTS, NATIONAL, SCORING, Version
from thidua.legal.definitions import BY_CODE, DEFINITIONS

INT_TYPES = {"count", "years", "months", "days", "money"}
DECIMAL_TYPES = {"multiple", "number"}
TEXT_TYPES = {"rating", "discipline", "scope", "award", "enum"}
EMPTY: dict[str, Any] = {
    "num": None,
    "den": None,
    "int_value": None,
    "decimal_value": None,
    "bool_value": None,
    "text_value": "",
    "json_value": None,
}


def value_columns(value_type: str, value: Any) -> dict[str, Any]:
    """The value columns of a typed value (all others empty)."""
    columns = dict(EMPTY)
    if value_type == "ratio":
        columns["num"], columns["den"] = value
    elif value_type in INT_TYPES:
        columns["int_value"] = int(value)
    elif value_type in DECIMAL_TYPES:
        columns["decimal_value"] = Decimal(str(value))
    elif value_type == "bool":
        columns["bool_value"] = bool(value)
    elif value_type in TEXT_TYPES:
        columns["text_value"] = str(value)
    else:
        columns["json_value"] = value
    return columns


def load_definitions(apps: Any) -> None:
    model = apps.get_model("legal", "ParameterDefinition")
    for position, d in enumerate(DEFINITIONS):
        model.objects.update_or_create(
            code=d.code,
            defaults={
                "family": d.family,
                "name": d.name,
                "value_type": d.value_type,
                "unit": d.unit,
                "needs_operator": d.needs_operator,
                "authority_only": d.authority_only,
                "per_award": d.per_award,
                "when_missing": d.when_missing,
                "read_by": d.read_by,
                "position": position,
            },
        )


def load_instruments(apps: Any) -> dict[str, Any]:
    model = apps.get_model("legal", "LegalInstrument")
    rows = {}
    for i in INSTRUMENTS:
        rows[i.code], _created = model.objects.update_or_create(
            code=i.code,
            defaults={
                "kind": i.kind,
                "number": i.number,
                "short_name": i.short_name,
                "title": i.title,
                "issuer": i.issuer,
                "signed_on": i.signed_on,
                "effective_from": i.effective_from,
                "effective_to": i.effective_to,
                "dates_mark": i.dates_mark,
                "source_note": i.source_note,
            },
        )
    for i in INSTRUMENTS:
        if i.replaced_by:
            rows[i.code].replaced_by = rows[i.replaced_by]
            rows[i.code].save(update_fields=["replaced_by"])
    return rows


def write_version(apps: Any, version: Version, instruments: dict[str, Any]) -> Any:
    """Creates or rewrites a national version (published) with its parameters."""
    rule_set_model = apps.get_model("legal", "RuleSet")
    param_model = apps.get_model("legal", "RuleParameter")
    rule_set, _created = rule_set_model.objects.update_or_create(
        code=version.code,
        defaults={
            "name": version.name,
            "legal_basis": version.legal_basis,
            "family": version.family,
            "version": 1,
            "status": "draft",  # published below, once its parameters are written
            "effective_from": version.effective_from,
            "effective_to": version.effective_to,
            "achievement_year_from": version.achievement_year_from,
            "achievement_year_to": version.achievement_year_to,
            "authority": None,
            "published_at": dt.datetime(2026, 11, 26, tzinfo=dt.UTC),
            "change_note": version.change_note,
        },
    )
    rule_set.instruments.set([instruments[code] for code in version.instruments])
    param_model.objects.filter(rule_set=rule_set).delete()
    legacy = any(f.name == "key" for f in param_model._meta.get_fields())
    for p in version.params:
        value_type = BY_CODE[p.code].value_type
        # the old columns exist until migration 0005 drops them
        old = {"key": f"{p.code}:{p.award_code}".rstrip(":"), "value": 0, "confidence": p.mark}
        param_model.objects.create(
            rule_set=rule_set,
            code=p.code,
            **(old if legacy else {}),
            award_code=p.award_code,
            value_type=value_type,
            operator=p.operator,
            instrument=instruments.get(p.instrument),
            article=p.article,
            mark=p.mark,
            note=p.note,
            **value_columns(value_type, p.value),
        )
    rule_set.status = "published"
    rule_set.save(update_fields=["status"])
    return rule_set


def guess_type(value: Any) -> str:
    """The type of an old JSON value of a set not in the national data (a local set)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "count"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        try:
            Decimal(value)
        except InvalidOperation:
            return "enum"
        return "number"
    return "structure"


def convert_other_parameters(apps: Any, done: set[int]) -> None:
    """Types the JSON values of every other set (a province's own scale, say)."""
    param_model = apps.get_model("legal", "RuleParameter")
    for param in param_model.objects.exclude(rule_set_id__in=done):
        definition = BY_CODE.get(param.key)
        value_type = definition.value_type if definition else guess_type(param.value)
        if value_type == "ratio":
            value_type = "number"
        for name, column in value_columns(value_type, param.value).items():
            setattr(param, name, column)
        param.code = param.key
        param.value_type = value_type
        param.mark = param.confidence
        param.note = (param.description or "")[:300]
        param.article = (param.legal_basis or "")[:120]
        param.save()


def load_scoring_scale(apps: Any) -> None:
    """The default scoring scale alone (tests on a flushed database need it back)."""
    load_definitions(apps)
    write_version(apps, SCORING, {})


def load_all(apps: Any, schema_editor: Any) -> None:
    load_definitions(apps)
    instruments = load_instruments(apps)
    done = {write_version(apps, v, instruments).pk for v in (*NATIONAL, SCORING)}
    rule_set_model = apps.get_model("legal", "RuleSet")
    rule_set_model.objects.exclude(pk__in=done).update(status="published")
    scoring_codes = [d.code for d in DEFINITIONS if d.family == "scoring_scale"]
    rule_set_model.objects.exclude(pk__in=done).filter(parameters__key__in=scoring_codes).update(
        family="scoring_scale"
    )
    convert_other_parameters(apps, done)
