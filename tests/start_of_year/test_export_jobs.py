"""Background exports of the roll-up and the follow-up list (``ExportJob``, the task
``run_export``): queued with the page's filters, built with the requester's scope, the same file
as the request builds for a small scope, seen and downloaded by the requester only."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time
from openpyxl import load_workbook

from tests.conftest import World
from tests.factories import ClusterFactory, ClusterMembershipFactory, ClusterYearFactory
from tests.factories_start_of_year import make_pledge, make_registration
from tests.start_of_year.test_board import late_world, rollup_world  # noqa: F401 (a fixture)
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.start_of_year import export_jobs, exports
from thidua.start_of_year.enums import ExportKind, ExportStatus
from thidua.start_of_year.models import ExportJob
from thidua.start_of_year.services.exports import EXPORT_MAX_AGE, execute_export, queue_export
from thidua.start_of_year.services.signatures import sign_pledge

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLLUP_EXPORT = "/start-of-year/rollup/export/"
FOLLOW_UP_EXPORT = "/start-of-year/follow-up/export/"


def cells(data: bytes) -> list[tuple[Any, ...]]:
    """Every value of the sheet, title block included, and its merged cells and widths."""
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHI"]
    return [
        *sheet.iter_rows(values_only=True),
        tuple(sorted(str(r) for r in sheet.merged_cells.ranges)),
        tuple(widths),
    ]


def queue(client: Client, url: str, data: dict[str, Any], capture: Any) -> Any:
    with capture(execute=True):
        return client.post(url, data)


def only_job() -> ExportJob:
    (job,) = ExportJob.objects.all()
    return job


@pytest.fixture
def big_world(world: World, leaders: dict[str, User]) -> World:
    """Cụm 6 with a pledge signed by one unit, and three more clusters of Hà Nội in 2023."""
    make_registration(world.cy, world.member, world.officer, models=2, submit=True)
    pledge = make_pledge(world.cy, world.secretariat)
    sign_pledge(pledge=pledge, by=world.leader, organization=world.member)
    rollup_world(world, 3, world.secretariat)
    bloc = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, kind="bloc", code="HN-K01"), year=2023
    )
    ClusterMembershipFactory(cluster_year=bloc, organization__name="Sở Tư pháp")
    return world


# ---------------------------------------------------------------- the roll-up


@pytest.mark.parametrize(
    "filters",
    [
        {"year": "2023"},
        {"year": "2023", "kind": "bloc"},
        {"year": "2023", "cluster": "HN-C06"},
        {"year": "2023", "authority": "HN"},
    ],
)
def test_the_rollup_job_makes_the_file_the_request_made(
    client: Client, big_world: World, django_capture_on_commit_callbacks: Any, filters: dict
) -> None:
    client.force_login(big_world.board)
    with freeze_time(timezone.now()):  # the title says when: the same moment for both
        before = client.get("/start-of-year/rollup.xlsx", filters)
        response = queue(client, ROLLUP_EXPORT, filters, django_capture_on_commit_callbacks)
    job = only_job()
    assert response.status_code == 302
    assert response["Location"] == f"/start-of-year/exports/{job.uuid}/"
    assert (job.kind, job.status, job.requested_by, job.done, job.total) == (
        ExportKind.ROLLUP,
        ExportStatus.DONE,
        big_world.board,
        job.total,
        len(cells(before.content)) - 7,  # title block (3), blank, header; merged, widths
    )
    download = client.get(f"/start-of-year/exports/{job.uuid}/file/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="tong-hop-dang-ky-2023.xlsx"'
    assert cells(b"".join(download.streaming_content)) == cells(before.content)


def test_the_job_page_links_the_file_once_done(
    client: Client, big_world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(big_world.board)
    queue(client, ROLLUP_EXPORT, {"year": 2023}, django_capture_on_commit_callbacks)
    job = only_job()
    page = client.get(f"/start-of-year/exports/{job.uuid}/").content.decode()
    assert f'href="/start-of-year/exports/{job.uuid}/file/"' in page
    assert "tong-hop-dang-ky-2023.xlsx" in page
    assert "export-progress" not in page  # nothing left to poll
    assert job.total == 13  # Cụm 6 (3 units), 3 clusters of 3 units, the bloc (1)


def test_the_job_page_names_the_kind_filter_by_its_label(
    client: Client, big_world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(big_world.board)
    queue(client, ROLLUP_EXPORT, {"year": 2023, "kind": "bloc"}, django_capture_on_commit_callbacks)
    page = client.get(f"/start-of-year/exports/{only_job().uuid}/").content.decode()
    assert "Loại: Khối thi đua." in page
    assert "Loại: bloc" not in page


def test_the_rollup_page_offers_the_export_with_its_filters(
    client: Client, big_world: World
) -> None:
    client.force_login(big_world.board)
    page = client.get("/start-of-year/rollup/", {"year": 2023, "kind": "bloc"}).content.decode()
    assert 'action="/start-of-year/rollup/export/"' in page
    assert '<input type="hidden" name="kind" value="bloc">' in page
    assert "Xuất Excel" in page
    assert "/start-of-year/rollup.xlsx" not in page  # one way from the page: the job


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({}, "Năm “” không có trong phạm vi của bạn."),
        ({"year": "abc"}, "Năm “abc” không có trong phạm vi của bạn."),
        ({"year": "1999"}, "Năm “1999” không có trong phạm vi của bạn."),
        ({"year": "2023", "kind": "xyz"}, "Loại “xyz” không phải cụm hay khối."),
        (
            {"year": "2023", "authority": "HP"},
            "Cơ quan “HP” không có cụm, khối nào trong phạm vi của bạn năm 2023.",
        ),
        (
            {"year": "2023", "cluster": "HP-C01"},
            "Cụm, khối “HP-C01” không có trong phạm vi của bạn năm 2023.",
        ),
    ],
)
def test_bad_filters_queue_nothing_and_say_why(
    client: Client,
    world: World,
    django_capture_on_commit_callbacks: Any,
    filters: dict,
    message: str,
) -> None:
    client.force_login(world.board)
    response = queue(client, ROLLUP_EXPORT, filters, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"].startswith("/start-of-year/rollup/")
    page = client.get(response["Location"])
    assert message in [str(m) for m in page.context["messages"]]
    assert ExportJob.objects.count() == 0


@pytest.mark.parametrize("persona", ["secretariat", "officer", "leader", "council", "viewer"])
def test_only_the_board_and_the_admin_export_the_rollup(
    client: Client, world: World, persona: str
) -> None:
    client.force_login(world.user(persona))
    assert client.post(ROLLUP_EXPORT, {"year": 2023}).status_code == 403
    assert ExportJob.objects.count() == 0


def test_the_job_applies_the_requester_scope(
    client: Client, big_world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(big_world.other_board)  # Hải Phòng: one cluster, one unit
    queue(client, ROLLUP_EXPORT, {"year": 2023}, django_capture_on_commit_callbacks)
    job = only_job()
    rows = cells(b"".join(client.get(f"/start-of-year/exports/{job.uuid}/file/").streaming_content))
    assert [r[2] for r in rows[5:-2]] == ["Sở Tư pháp Hải Phòng"]


# ---------------------------------------------------------------- who sees a job


@pytest.mark.parametrize("persona", ["admin", "other_board", "secretariat", "outsider"])
def test_someone_else_gets_a_404_for_the_job_and_its_file(
    client: Client, big_world: World, django_capture_on_commit_callbacks: Any, persona: str
) -> None:
    client.force_login(big_world.board)
    queue(client, ROLLUP_EXPORT, {"year": 2023}, django_capture_on_commit_callbacks)
    job = only_job()
    client.force_login(big_world.user(persona))
    base = f"/start-of-year/exports/{job.uuid}/"
    assert [client.get(base + tail).status_code for tail in ("", "progress/", "file/")] == [
        404,
        404,
        404,
    ]
    assert str(job.uuid) not in client.get("/start-of-year/exports/").content.decode()


def test_the_list_shows_only_my_exports(
    client: Client, big_world: World, django_capture_on_commit_callbacks: Any
) -> None:
    for user in (big_world.board, big_world.admin):
        client.force_login(user)
        queue(client, ROLLUP_EXPORT, {"year": 2023}, django_capture_on_commit_callbacks)
    mine = ExportJob.objects.get(requested_by=big_world.admin)
    page = client.get("/start-of-year/exports/")
    assert [j.uuid for j in page.context["page"].object_list] == [mine.uuid]


# ---------------------------------------------------------------- progress and failure


def test_the_progress_bar_is_polled_while_the_job_runs(client: Client, world: World) -> None:
    job = ExportJob.objects.create(
        kind=ExportKind.ROLLUP,
        requested_by=world.board,
        parameters={"year": 2023},
        status=ExportStatus.RUNNING,
        done=500,
        total=1200,
    )
    client.force_login(world.board)
    page = client.get(f"/start-of-year/exports/{job.uuid}/").content.decode()
    bar = client.get(f"/start-of-year/exports/{job.uuid}/progress/")
    assert 'hx-trigger="every 1s"' in page
    assert '<progress max="1200" value="500"' in bar.content.decode()
    assert "500/1200 dòng đã ghi" in bar.content.decode()
    assert "HX-Refresh" not in bar
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.DONE, done=1200)
    assert client.get(f"/start-of-year/exports/{job.uuid}/progress/")["HX-Refresh"] == "true"


def test_progress_is_told_every_so_many_rows_not_every_row(
    big_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 5)
    told: list[tuple[int, int]] = []
    built = export_jobs.build_rollup(
        big_world.board, year=2023, progress=lambda done, total: told.append((done, total))
    )
    assert built.rows == 13
    assert told == [(0, 13), (5, 13), (10, 13), (13, 13)]


def test_a_requester_who_lost_the_role_gets_a_failed_job_with_the_reason(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):  # queued, the worker not run yet
        job = queue_export(user=world.board, kind=ExportKind.ROLLUP, data={"year": "2023"})
    User.objects.filter(pk=world.board.pk).update(role=Role.VIEWER)
    assert execute_export(job.pk) == ExportStatus.FAILED
    job.refresh_from_db()
    assert (job.status, bool(job.file), job.finished_at is not None) == (
        ExportStatus.FAILED,
        False,
        True,
    )
    assert job.error.startswith("Không tạo được tệp: ")
    client.force_login(User.objects.get(pk=world.board.pk))
    page = client.get(f"/start-of-year/exports/{job.uuid}/").content.decode()
    assert f'<p class="err" role="alert">{job.error}</p>' in page
    assert client.get(f"/start-of-year/exports/{job.uuid}/file/").status_code == 404
    assert execute_export(job.pk) == "skipped"  # run once only


def test_old_jobs_and_their_files_are_removed_when_an_export_is_queued(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        old = queue_export(user=world.board, kind=ExportKind.ROLLUP, data={"year": "2023"})
    old.refresh_from_db()
    name = old.file.name
    assert default_storage.exists(name)
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - EXPORT_MAX_AGE - dt.timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = queue_export(user=world.admin, kind=ExportKind.ROLLUP, data={"year": "2023"})
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert not default_storage.exists(name)


# ---------------------------------------------------------------- the old addresses


def test_a_big_rollup_xlsx_sends_the_person_to_the_export_button(
    client: Client, big_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua.start_of_year.views import reports

    monkeypatch.setattr(reports, "SYNC_MAX_ROWS", 12)  # the roll-up has 13 rows
    client.force_login(big_world.board)
    response = client.get("/start-of-year/rollup.xlsx", {"year": 2023, "kind": "cluster"})
    assert response.status_code == 200  # 12 rows: built in the request
    response = client.get("/start-of-year/rollup.xlsx", {"year": 2023})
    assert (response.status_code, response["Location"]) == (302, "/start-of-year/rollup/?year=2023")
    page = client.get(response["Location"])
    assert any("Xuất Excel" in str(m) for m in page.context["messages"])


# ---------------------------------------------------------------- the follow-up list


@pytest.mark.parametrize("kind", ["", "not_signed"])
def test_the_follow_up_job_makes_the_file_the_request_made(
    client: Client,
    late_world: World,  # noqa: F811 (the fixture of test_board)
    django_capture_on_commit_callbacks: Any,
    kind: str,
) -> None:
    client.force_login(late_world.secretariat)
    filters = {"year": 2023, "kind": kind}
    with freeze_time(timezone.now()):
        before = client.get("/start-of-year/follow-up.xlsx", filters)
        queue(client, FOLLOW_UP_EXPORT, filters, django_capture_on_commit_callbacks)
    job = only_job()
    assert (job.kind, job.status, job.total) == (
        ExportKind.FOLLOW_UP,
        ExportStatus.DONE,
        4 if not kind else 2,
    )
    download = client.get(f"/start-of-year/exports/{job.uuid}/file/")
    assert download["Content-Disposition"] == 'attachment; filename="don-vi-cham-2023.xlsx"'
    assert cells(b"".join(download.streaming_content)) == cells(before.content)


def test_the_follow_up_page_offers_the_export_and_refuses_a_bad_kind(
    client: Client,
    late_world: World,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(late_world.secretariat)
    page = client.get("/start-of-year/follow-up/", {"year": 2023}).content.decode()
    assert 'action="/start-of-year/follow-up/export/"' in page
    response = queue(
        client, FOLLOW_UP_EXPORT, {"year": 2023, "kind": "late"}, django_capture_on_commit_callbacks
    )
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert messages == ["Việc chậm “late” không có trong danh sách."]
    assert ExportJob.objects.count() == 0


@pytest.mark.parametrize("persona", ["officer", "leader", "council", "viewer"])
def test_members_do_not_export_the_follow_up_list(
    client: Client, world: World, persona: str
) -> None:
    client.force_login(world.user(persona))
    assert client.post(FOLLOW_UP_EXPORT, {"year": 2023}).status_code == 403


@pytest.mark.parametrize("clusters", [1, 6])
def test_queueing_takes_the_same_queries_whatever_the_size(
    client: Client,
    world: World,
    django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: Any,
    clusters: int,
) -> None:
    rollup_world(world, clusters, world.secretariat)
    client.force_login(world.board)
    client.get("/start-of-year/rollup/")
    filters = {"year": 2023, "authority": "HN", "kind": "cluster", "cluster": "HN-C06"}
    # session, user, savepoint; the year, authority and cluster checked (three EXISTS); old
    # jobs; the job; the audit event (savepoint, chain head, event, head, releases)
    with django_capture_on_commit_callbacks(execute=False), django_assert_num_queries(14):
        assert client.post(ROLLUP_EXPORT, filters).status_code == 302
