"""One mechanism refreshes the stored Vietnamese sort keys of every sortable model."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.conftest import World
from thidua.clusters.models import Cluster
from thidua.core.sortkeys import SortKeyed, sort_keyed_models
from thidua.core.vntext import sort_key
from thidua.organizations.models import Authority, Organization
from thidua.planning.models import Movement

pytestmark = pytest.mark.django_db


def test_every_model_with_a_sort_key_column_is_sort_keyed() -> None:
    with_column = {
        model._meta.label
        for model in apps.get_models()
        if any(field.name == "sort_key" for field in model._meta.get_fields())
    }
    assert with_column == {model._meta.label for model in sort_keyed_models()}
    assert with_column >= {
        "organizations.Authority",
        "organizations.Organization",
        "clusters.Cluster",
        "planning.Movement",
    }


def test_sort_keyed_models_with_search_sources_have_a_search_text_column() -> None:
    for model in sort_keyed_models():
        names = {field.name for field in model._meta.get_fields()}
        assert ("search_text" in names) == bool(model.search_sources), model._meta.label
        assert {model.sort_source, *model.search_sources} <= names, model._meta.label


def test_rebuild_sort_keys_refreshes_every_sortable_model(world: World) -> None:
    movement = Movement.objects.create(
        authority=world.authority,
        kind="thematic",
        title="Đẩy mạnh cải cách hành chính",
        starts_on=dt.date(2024, 1, 1),
    )
    for model in (Authority, Organization, Cluster, Movement):
        model.objects.update(sort_key="stale")
    Movement.objects.update(search_text="stale")
    out = io.StringIO()

    call_command("rebuild-sort-keys", stdout=out)

    movement.refresh_from_db()
    assert (movement.sort_key, movement.search_text) == (
        sort_key("Đẩy mạnh cải cách hành chính"),
        " day manh cai cach hanh chinh ",
    )
    for model in (Authority, Organization, Cluster):
        assert not model.objects.filter(sort_key="stale").exists(), model
    assert "phong trào thi đua" in out.getvalue()


def test_saving_derives_the_keys() -> None:
    authority = Authority.objects.create(code="T", name="Ủy ban", level="province")
    assert isinstance(authority, SortKeyed)
    assert authority.sort_key == sort_key("Ủy ban")
