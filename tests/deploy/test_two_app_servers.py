"""Issue 13, point 4: the app servers hold no state. Two gunicorn servers on different ports
share one database, one Redis and one file store: a person signs in on one and goes on on the
other, signs out on the other and the first no longer knows the session; a file uploaded on one
is downloaded whole from the other; a job queued by one is finished by a ``db_worker`` process
and the other shows it done. Real processes (tests/deploy/servers.py), about a minute."""

from __future__ import annotations

import io
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from tests.deploy.servers import (
    Browser,
    Deployment,
    base_env,
    free_port,
    gunicorn_program,
    redis_program,
    throwaway_database,
    wait_for_redis,
    wait_until_answering,
)

pytestmark = [pytest.mark.integration]

PASSWORD = secrets.token_urlsafe(12)
FULL_NAME = "Trần Thị Bình"
SESSION_KEY = "thidua:1:django.contrib.sessions.cached_db{}"


@dataclass
class TwoServers:
    a: str
    b: str
    redis_port: int
    deployment: Deployment

    def signed_in(self, server: str) -> Browser:
        browser = Browser()
        assert browser.get(server + "/accounts/login/").status == 200
        reply = browser.post(server + "/accounts/login/", {"username": "ban", "password": PASSWORD})
        assert reply.status == 302, reply.text[:2000]
        return browser


def _start(deployment: Deployment, redis: str, gunicorn: str) -> TwoServers:
    base = deployment.base
    redis_port = free_port()
    (base / "redis").mkdir()
    process = deployment.start(
        "redis", redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", str(base / "redis"),
    )  # fmt: skip
    wait_for_redis(redis_port, process, lambda: deployment.log("redis"))
    deployment.env["THIDUA_REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    urls = []
    for name in ("a", "b"):
        port = free_port()
        process = deployment.start(
            name, gunicorn, "thidua.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
            "--timeout", "120",
        )  # fmt: skip
        urls.append((f"http://127.0.0.1:{port}", process, name))
    for url, process, name in urls:
        wait_until_answering(url, process, lambda name=name: deployment.log(name))
    return TwoServers(urls[0][0], urls[1][0], redis_port, deployment)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoServers]:
    redis, gunicorn = redis_program(), gunicorn_program()
    base = tmp_path_factory.mktemp("two-servers")
    env = base_env(base)
    with throwaway_database(settings.DATABASES["default"], base) as url:
        if url:
            env["DATABASE_URL"] = url
        deployment = Deployment(base, env)
        deployment.run("-m", "thidua", "migrate", "--noinput")
        deployment.run("-m", "tests.deploy.seed", PASSWORD)
        try:
            yield _start(deployment, redis, gunicorn)
        finally:
            deployment.stop_all()


def _redis_has(servers: TwoServers, key: str) -> bool:
    import redis

    with redis.Redis(host="127.0.0.1", port=servers.redis_port) as client:
        return bool(client.exists(key))


def test_signed_in_on_one_server_goes_on_on_the_other_and_signs_out_there(servers):
    browser = servers.signed_in(servers.a)
    session = browser.cookie("sessionid")
    assert session and _redis_has(servers, SESSION_KEY.format(session))
    home = browser.get(servers.b + "/")
    assert home.status == 200
    assert FULL_NAME in home.text
    # the session cookie alone is enough on A too (nothing kept in A's process)
    stranger = Browser()
    headers = {"Cookie": f"sessionid={session}"}
    assert stranger.request(servers.a + "/", headers=headers).status == 200

    assert browser.post(servers.b + "/accounts/logout/", {}).status == 302
    assert not _redis_has(servers, SESSION_KEY.format(session))
    again = stranger.request(servers.a + "/", headers=headers)
    assert again.status == 302
    assert again.headers["Location"].startswith("/accounts/login/")


def test_a_file_uploaded_on_one_server_is_downloaded_whole_from_the_other(servers):
    browser = servers.signed_in(servers.a)
    form = browser.get(servers.a + "/planning/movements/new/")
    assert form.status == 200
    cluster_year = re.search(r'name="cluster_years" value="(\d+)"', form.text)
    assert cluster_year, "the seeded cluster year is offered"
    content = b"%PDF-1.4\n" + secrets.token_bytes(50_000) + b"\n%%EOF\n"
    reply = browser.post(
        servers.a + "/planning/movements/new/",
        {
            "kind": "regular",
            "title": "Thi đua hai máy chủ",
            "starts_on": "01/02/2026",
            "cluster_years": cluster_year[1],
        },
        files={"document_file": ("van-ban-phat-dong.pdf", content, "application/pdf")},
    )
    assert reply.status == 302, reply.text[reply.text.find("<main") :][:6000]
    page = reply.headers["Location"]
    assert re.fullmatch(r"/planning/movements/\d+/", page)

    shown = browser.get(servers.b + page)
    assert shown.status == 200 and "Thi đua hai máy chủ" in shown.text
    download = browser.get(servers.b + page + "document/")
    assert download.status == 200
    assert download.body == content
    stored = list(Path(servers.deployment.env["THIDUA_MEDIA_ROOT"]).rglob("*.pdf"))
    assert [p.read_bytes() == content for p in stored] == [True]


def test_a_job_queued_by_one_server_is_finished_by_a_worker_and_shown_by_the_other(servers):
    browser = servers.signed_in(servers.a)
    assert browser.get(servers.a + "/eligibility/batches/new/").status == 200
    data = (
        "Mã đối tượng*,Mã danh hiệu/hình thức*,Năm thành tích*,Ngày nhận hồ sơ,Sáng kiến,"
        "Điểm/khoản đề nghị\nP00001,LDTT,2025,,,\n"
    ).encode()
    reply = browser.post(
        servers.a + "/eligibility/batches/new/",
        {"received_on": "2026-01-15"},
        files={"file": ("dot-hai-may.csv", data, "text/csv")},
    )
    assert reply.status == 302, reply.text[reply.text.find("<main") :][:6000]
    batch = reply.headers["Location"]
    assert re.fullmatch(r"/eligibility/batches/[0-9a-f-]{36}/", batch)
    queued = browser.get(servers.b + batch + "progress/")
    assert queued.status == 200 and "HX-Refresh" not in queued.headers

    servers.deployment.run("-m", "thidua", "db_worker", "--batch", "--no-startup-delay")

    done = browser.get(servers.b + batch + "progress/")
    assert done.status == 200 and done.headers["HX-Refresh"] == "true"
    results = browser.get(servers.b + batch + "results.csv")
    assert results.status == 200
    assert "P00001" in results.body.decode("utf-8-sig")


def test_a_report_job_reads_the_replica_and_writes_the_primary(servers, tmp_path):
    """With ``THIDUA_REPORTS_DATABASE_URL``, the worker building a roll-up workbook reads its rows
    from the replica (``core.replica``): a replica that does not hold the cluster yet (migrated,
    empty) gives a file without it, while the job itself — claimed, its progress, its file — lives on the primary and
    the other server shows it done. Without the setting the same export lists the cluster."""
    browser = servers.signed_in(servers.a)

    def export() -> str:
        reply = browser.post(servers.a + "/start-of-year/rollup/export/", {"year": "2026"})
        assert reply.status == 302, reply.text[reply.text.find("<main") :][:3000]
        job = reply.headers["Location"]
        assert re.fullmatch(r"/start-of-year/exports/[0-9a-f-]{36}/", job)
        return job

    def cells(job: str) -> str:
        from openpyxl import load_workbook

        done = browser.get(servers.b + job)
        assert done.status == 200
        assert job + "file/" in done.text
        download = browser.get(servers.b + job + "file/")
        assert download.status == 200
        book = load_workbook(io.BytesIO(download.body), read_only=True)
        return " ".join(
            str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
        )

    primary_job = export()
    servers.deployment.run("-m", "thidua", "db_worker", "--batch", "--no-startup-delay")
    # the workbook's heading names the one cluster it found ("các cụm, khối" when none)
    assert "CỤM THI ĐUA SỐ 6" in cells(primary_job)

    settings_db = settings.DATABASES["default"]
    with throwaway_database(settings_db, tmp_path) as url:
        replica_url = url or f"sqlite:///{tmp_path / 'replica.sqlite3'}"
        empty = Deployment(tmp_path, {**servers.deployment.env, "DATABASE_URL": replica_url})
        empty.run("-m", "thidua", "migrate", "--noinput")  # the schema, none of the rows
        replica_job = export()
        worker = Deployment(
            tmp_path, {**servers.deployment.env, "THIDUA_REPORTS_DATABASE_URL": replica_url}
        )
        worker.run("-m", "thidua", "db_worker", "--batch", "--no-startup-delay")
        from_replica = cells(replica_job)
        assert "CỤM THI ĐUA SỐ 6" not in from_replica
        assert "CÁC CỤM, KHỐI THI ĐUA" in from_replica
