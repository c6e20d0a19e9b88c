"""A bloc (khối) says khối everywhere: every page of a bloc year, and its documents, without “cụm”.

The demo data (three clusters with pledges, registrations, plans, drives and scores) is loaded and
turned into blocs, the data's own texts included; then every page of the project that takes a
cluster code and a year is rendered for the board officer, with every value its other parameters
can take, and every document of the year is built.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from itertools import product
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from thidua.accounts.models import User
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.documents.registry import DocumentUnavailable, document_kinds
from thidua.documents.rendering import render_html
from thidua.planning.enums import PlanKind
from thidua.start_of_year.enums import ItemKind

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CUM = re.compile(r"\bcụm\b", re.IGNORECASE)
# Allowed: the generic name of all clusters and blocs together (“Cụm, khối thi đua” in the menu and
# breadcrumbs, “… của mọi cụm, khối” linking to the rollup of all of them) names both kinds.
BOTH = re.compile(r"\bcụm,\s*khối\b", re.IGNORECASE)
CASES = {"cụm": "khối", "Cụm": "Khối", "CỤM": "KHỐI"}


def _as_bloc_text(text: str) -> str:
    for old, new in CASES.items():
        text = text.replace(old, new)
    return text


def _turn_data_into_blocs() -> None:
    """Every cluster becomes a bloc, and the texts people wrote say khối (they are data, not
    wording: a pledge typed for a cụm says cụm)."""
    Cluster.objects.update(kind="bloc")
    ClusterMembership.objects.update(kind="bloc")
    for model in apps.get_models():
        if not model.__module__.startswith("thidua.") or model._meta.label == "audit.AuditEvent":
            continue
        texts = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        for row in model.objects.all():
            changed = {
                name: _as_bloc_text(getattr(row, name))
                for name in texts
                if CUM.search(getattr(row, name) or "")
            }
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)


def _year_patterns() -> Iterator[tuple[str, list[str]]]:
    """(url name, parameters) of every page taking a cluster code and a year."""

    def walk(patterns: list[Any], namespace: str) -> Iterator[tuple[str, list[str]]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                params = list(pattern.pattern.converters)
                if {"code", "year"} <= set(params) and not pattern.default_args:
                    yield f"{namespace}{pattern.name}", params

    yield from walk(get_resolver().url_patterns, "")


def _values(cy: ClusterYear) -> dict[str, list[Any]]:
    members = [m.organization.code for m in cy.memberships.select_related("organization")]
    return {
        "code": [cy.cluster.code],
        "year": [cy.year],
        "org_code": members,
        "target_code": members,
        "kind": [*PlanKind.values, *ItemKind.values],
        "number": [1, 2, 3],
    }


def _pages(cy: ClusterYear) -> Iterator[str]:
    values = _values(cy)
    for name, params in _year_patterns():
        if not set(params) <= set(values):
            continue
        for combination in product(*(values[p] for p in params)):
            yield reverse(name, kwargs=dict(zip(params, combination, strict=True)))


def _wording(page: str) -> str:
    """What the page says about this year: without the menu and the footer."""
    page = re.sub(r'<nav class="main-nav".*?</nav>', "", page, flags=re.S)
    page = re.sub(r'<footer class="site-footer">.*?</footer>', "", page, flags=re.S)
    return BOTH.sub("", html.unescape(page))


def _offending(text: str) -> list[str]:
    return [text[max(0, m.start() - 60) : m.end() + 40] for m in CUM.finditer(text)]


@pytest.fixture
def bloc_years(db: Any) -> list[ClusterYear]:
    call_command("demo", stdout=io.StringIO())
    _turn_data_into_blocs()
    return list(ClusterYear.objects.select_related("cluster").order_by("cluster__code", "year"))


def test_every_page_and_document_of_a_bloc_year_says_khoi(bloc_years: list[ClusterYear]) -> None:
    client = Client()
    client.force_login(User.objects.get(username="bantdkt"))
    found: dict[str, list[str]] = {}
    rendered = 0
    for cy in bloc_years:
        for url in _pages(cy):
            response = client.get(url)
            if response.status_code not in (200, 403) or "html" not in response["Content-Type"]:
                continue
            rendered += 1
            if bad := _offending(_wording(response.content.decode())):
                found[url] = bad
        with translation.override("vi"):
            for kind in document_kinds():
                try:
                    content = kind.build(cluster_year=cy, user=None, **kind.options)
                except DocumentUnavailable:
                    continue
                rendered += 1
                if bad := _offending(html.unescape(render_html(content))):
                    found[f"document {kind.slug} {cy}"] = bad
    assert rendered > 150  # 205 pages and documents when written
    assert found == {}, "\n".join(f"{url}: {bad}" for url, bad in found.items())
