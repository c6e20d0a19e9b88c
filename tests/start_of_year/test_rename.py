"""The app was called ``cycle``: old bookmarks redirect, and a database deployed under the old
label migrates to ``start_of_year`` without losing a row (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from tests.conftest import World
from tests.factories_start_of_year import make_pledge
from thidua.accounts.models import User
from thidua.core.renamed_apps import adopt_renamed_apps
from thidua.start_of_year.models import Pledge, PledgeItem
from thidua.start_of_year.services import pledges

pytestmark = pytest.mark.integration

OLD, NEW = "cycle", "start_of_year"


# ---------------------------------------------------------------- old addresses


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/cycle/HN-C06/2023/pledge/?v=1", "/start-of-year/HN-C06/2023/pledge/?v=1"),
        ("/cycle/rollup/?year=2023&kind=bloc", "/start-of-year/rollup/?year=2023&kind=bloc"),
        ("/cycle/evidence/7/", "/start-of-year/evidence/7/"),
        ("/cycle/", "/start-of-year/"),
    ],
)
def test_old_cycle_addresses_redirect_permanently(client: Client, old: str, new: str) -> None:
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)


@pytest.mark.django_db
def test_a_form_posted_to_an_old_address_is_posted_again(client: Client) -> None:
    response = client.post("/cycle/HN-C06/2023/pledge/sign/", {"organization": 1})
    assert (response.status_code, response["Location"]) == (
        308,
        "/start-of-year/HN-C06/2023/pledge/sign/",
    )


def test_a_redirected_bookmark_opens_the_page(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    client.force_login(world.officer)
    response = client.get("/cycle/HN-C06/2023/registrations/", follow=True)
    assert (response.redirect_chain, response.status_code) == (
        [("/start-of-year/HN-C06/2023/registrations/", 301)],
        200,
    )


# ---------------------------------------------------------------- an old database


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def _back_to_the_old_layout() -> None:
    """What a database migrated before the rename looks like: ``cycle_*`` tables and rows."""
    models = apps.get_app_config(NEW).get_models(include_auto_created=True)
    with connection.schema_editor(atomic=True) as editor:
        for model in models:
            table = model._meta.db_table
            editor.alter_db_table(model, table, OLD + table[len(NEW) :])
        with connection.cursor() as cursor:
            cursor.execute("UPDATE django_migrations SET app = %s WHERE app = %s", [OLD, NEW])
            cursor.execute(
                "UPDATE django_content_type SET app_label = %s WHERE app_label = %s", [OLD, NEW]
            )
    ContentType.objects.clear_cache()


@pytest.fixture
def old_database(transactional_db: None) -> Iterator[None]:
    """Schema changes need real transactions; put the database back whatever the test did."""
    yield
    adopt_renamed_apps(renamed={OLD: NEW})
    ContentType.objects.clear_cache()


def test_migrate_moves_an_old_cycle_database_with_its_data(
    old_database: None, world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    pledge_type = ContentType.objects.get_for_model(Pledge).pk
    _back_to_the_old_layout()
    assert ("cycle_pledge" in _tables(), "start_of_year_pledge" in _tables()) == (True, False)
    with connection.cursor() as cursor:  # a row written by the old code, after the old layout
        cursor.execute(
            "INSERT INTO cycle_pledgeitem (pledge_id, number, title, text, created, updated) "
            "VALUES (%s, 4, '', %s, %s, %s)",
            [pledge.pk, "Nội dung ghi trước khi đổi tên", pledge.created, pledge.created],
        )

    call_command("migrate", verbosity=0)

    assert {t for t in _tables() if t.startswith(f"{OLD}_")} == set()
    assert list(PledgeItem.objects.filter(pledge=pledge).values_list("number", "text")) == [
        (1, "Thi đua hoàn thành tốt Kế hoạch kinh tế-xã hội Thành phố Hà Nội năm 2020."),
        (2, "Tăng cường củng cố quốc phòng, an ninh, giữ vững ổn định chính trị."),
        (3, "Tiếp tục đổi mới công tác thi đua khen thưởng theo tinh thần Chỉ thị 34-CT/TW."),
        (4, "Nội dung ghi trước khi đổi tên"),
    ]
    applied = MigrationRecorder(connection).migration_qs
    assert (
        applied.filter(app=OLD).count(),
        applied.filter(app=NEW, name="0001_initial").count(),
    ) == (
        0,
        1,
    )
    assert ContentType.objects.get(app_label=NEW, model="pledge").pk == pledge_type
    assert not ContentType.objects.filter(app_label=OLD).exists()


def test_foreign_keys_follow_the_renamed_tables(
    old_database: None, world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    _back_to_the_old_layout()
    call_command("migrate", verbosity=0)
    pledges.add_pledge_item(cluster_year=world.cy, by=world.secretariat, text="Thứ tư")
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeItem.objects.create(pledge_id=pledge.pk + 1000, number=1, text="không có giao ước")
    assert (
        list(PledgeItem.objects.order_by("number").values_list("pledge_id", flat=True))
        == [pledge.pk] * 4
    )


@pytest.mark.django_db
def test_a_database_already_on_the_new_label_is_left_alone() -> None:
    assert adopt_renamed_apps(renamed={OLD: NEW}) == []
    assert "start_of_year_pledge" in _tables()
