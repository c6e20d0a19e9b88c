"""Real processes for the deployment tests: a throwaway database, a Redis server, gunicorn app
servers and ``db_worker``, and a small cookie-keeping HTTP client (standard library only).

Every process gets the same environment (``Deployment.env``): the settings of ``thidua.settings``
(not the test settings), the database, ``THIDUA_REDIS_URL``, one shared ``THIDUA_MEDIA_ROOT``
and its own secrets, as an operator would give each machine."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60  # seconds for a server to answer (two cores shared with other work)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _on(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no"}


def required_program(name: str, found: str | None) -> str:
    """The program's path. Missing, the test fails in CI (``CI`` or ``THIDUA_REQUIRE_SERVERS``,
    which ``.ci/run`` sets after installing it) and is skipped elsewhere."""
    if not found:
        message = f"{name} is not installed: the deployment test needs it"
        if _on("CI") or _on("THIDUA_REQUIRE_SERVERS"):
            pytest.fail(f"{message} (required in CI)")
        pytest.skip(message)
    return found


def gunicorn_program() -> str:
    beside = Path(sys.executable).with_name("gunicorn")
    return required_program(
        "gunicorn", str(beside) if beside.exists() else shutil.which("gunicorn")
    )


def redis_program() -> str:
    return required_program("redis-server", shutil.which("redis-server"))


@dataclass
class Deployment:
    """What the processes share; ``env`` is the environment of each of them."""

    base: Path
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """``python ARGS`` to completion (``-m thidua …``); a failure shows its output."""
        done = subprocess.run(  # noqa: S603 -- our own interpreter, the test's arguments
            [sys.executable, *args],
            env=self.env,
            cwd=self.base,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert done.returncode == 0, f"{args[:2]} failed:\n{done.stdout}\n{done.stderr}"
        return done

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        with (self.base / f"{name}.log").open("wb") as log:
            process = subprocess.Popen(  # noqa: S603 -- programs the test names
                list(args), env=self.env, cwd=self.base, stdout=log, stderr=subprocess.STDOUT
            )
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        return (self.base / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def base_env(base: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("THIDUA_", "DJANGO_", "DATABASE_URL", "PYTEST", "COV_"))
    }
    media = base / "shared-files"
    media.mkdir()
    env.update(
        DJANGO_SETTINGS_MODULE="thidua.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        THIDUA_VAR_DIR=str(base / "var"),
        THIDUA_MEDIA_ROOT=str(media),
        THIDUA_SECRET_KEY=secrets.token_urlsafe(40),
        THIDUA_VOTING_SEAL_KEY=secrets.token_urlsafe(40),
        THIDUA_VOTING_PASS_KEY=secrets.token_urlsafe(40),
        THIDUA_AUDIT_KEY=secrets.token_urlsafe(40),
        THIDUA_ALLOWED_HOSTS="127.0.0.1,localhost",
        THIDUA_LOG_LEVEL="WARNING",
    )
    return env


@contextlib.contextmanager
def throwaway_database(settings_db: dict[str, Any], base: Path) -> Iterator[str | None]:
    """A fresh PostgreSQL database ``thidua_two_<random>`` on the test run's server, dropped at
    the end (its URL), or on SQLite ``None``: the default file under ``THIDUA_VAR_DIR`` (with
    WAL and the busy timeout of ``thidua.settings``, which a ``DATABASE_URL`` would not give)."""
    if "postgresql" not in settings_db["ENGINE"]:
        yield None
        return
    import psycopg

    name = f"thidua_two_{secrets.token_hex(6)}"
    server = {
        "host": settings_db.get("HOST") or "127.0.0.1",
        "port": str(settings_db.get("PORT") or 5432),
        "user": settings_db.get("USER") or "postgres",
        "password": settings_db.get("PASSWORD") or "",
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:  # type: ignore[arg-type]
        admin.execute(f'CREATE DATABASE "{name}"')
    user = urllib.parse.quote(server["user"], safe="")
    password = ":" + urllib.parse.quote(server["password"], safe="") if server["password"] else ""
    try:
        yield f"postgres://{user}{password}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:  # type: ignore[arg-type]
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Any) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{url} exited:\n{log()}"
        try:
            with urllib.request.urlopen(url + "/accounts/login/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {START_TIMEOUT} s:\n{log()}")


def wait_for_redis(port: int, process: subprocess.Popen[bytes], log: Any) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, f"redis-server exited:\n{log()}"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return
        time.sleep(0.1)
    raise AssertionError(f"redis-server did not answer:\n{log()}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Reply:
    status: int
    headers: Any
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """One person's cookies, sent to whichever server a request names (cookies are per host,
    not per port, as in a browser behind one load-balanced address)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.jar if c.name == name), "")

    def request(
        self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Reply:
        request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())

    def get(self, url: str) -> Reply:
        return self.request(url)

    def post(
        self,
        url: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> Reply:
        """A form POST with the CSRF token of the cookie (multipart when there are files)."""
        fields = {"csrfmiddlewaretoken": self.cookie("csrftoken"), **fields}
        headers = {"Referer": url}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        headers["Content-Type"] = content_type
        return self.request(url, body, headers)


def multipart(
    fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, kind) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
