"""Load the national dataset's main pages through gunicorn and compare each with a trivial view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python bench/national/run.py [--seconds 10] [--connections 32] [--only home]

Needs ``wrk`` (``apt-get install wrk``) and the data of ``bench/national/generate.py`` (its users). Starts gunicorn as the README's production section does (4 workers) with
``bench.national.settings``, whose URLs add ``/__bench__/trivial/``: a signed-in view that does
nothing, behind the same middleware. Signs in as each role through the login form (one sign-in
per role: the axes throttle never sees a failure), then for every page runs wrk on the trivial
view and on the page in turn, ``--seconds`` each at ``--connections`` connections, so each page's
throughput is a ratio to the ceiling measured just before it. Queries and bytes are counted once
per page in this process, with the same session, through Django's test client.

Prints (and with ``--out FILE`` writes) a markdown table: page, role, req/s, ratio to the
trivial view, p50 and p95 in ms, HTML bytes, SQL queries. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.national.settings"
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua_bench")

TRIVIAL = "/__bench__/trivial/"
BENCH_PASSWORD = "bench-national-2025"  # noqa: S105 - generate.py's, of a throw-away database
ROLES = {
    "admin": ("bench-admin", "system administrator"),
    "board": ("bench-board", "board officer"),
    "secretariat": ("bench-secretariat", "cluster secretariat"),
    "officer": ("bench-officer", "unit officer"),
    "leader": ("bench-leader", "unit leader"),
}
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\n{"requests": %d, "duration_us": %d, "bytes": %d, "status_errors": %d, '
    .. '"socket_errors": %d, "p50": %d, "p95": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95)))
end
"""


def pages(t: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(page, role, path) of every main page (issue 13's list)."""
    cy = f"{t['cluster']}/{t['year']}"
    return [
        ("home", "admin", "/"),
        ("home", "board", "/"),
        ("home", "secretariat", "/"),
        ("home", "officer", "/"),
        ("home", "leader", "/"),
        ("clusters list", "admin", "/clusters/"),
        ("clusters list", "board", "/clusters/"),
        ("clusters list, authority + year", "admin", f"/clusters/?authority={t['authority_pk']}&year={t['year']}"),
        ("clusters list, search", "admin", "/clusters/?q=thi+dua+so+1"),
        ("clusters list, page 2", "admin", "/clusters/?page=2"),
        ("cluster-year page", "board", f"/clusters/{cy}/"),
        ("organizations list", "admin", "/organizations/"),
        ("organization page", "board", f"/organizations/{t['unit_pk']}/"),
        ("roll-up", "admin", "/start-of-year/rollup/"),
        ("roll-up", "board", "/start-of-year/rollup/"),
        ("follow-up, all clusters", "board", "/start-of-year/follow-up/"),
        ("registrations", "secretariat", f"/start-of-year/{cy}/registrations/"),
        ("pledge", "officer", f"/start-of-year/{cy}/pledge/"),
        ("ranking", "secretariat", f"/scoring/{cy}/ranking/"),
        ("scoring overview", "board", f"/scoring/{cy}/"),
        ("score sheet", "officer", f"/scoring/{cy}/sheets/{t['unit']}/"),
        ("conference", "secretariat", f"/voting/{cy}/conference/"),
        ("award registry", "board", "/awards/registry/"),
        ("award registry, search", "board", "/awards/registry/?q=so+noi+vu"),
        ("award catalogue", "board", "/awards/catalogue/"),
        ("eligibility check", "board", "/eligibility/"),
        ("API organizations", "admin", "/api/v1/organizations/"),
        ("API clusters", "admin", "/api/v1/clusters/"),
        ("API cluster-years", "admin", "/api/v1/cluster-years/"),
    ]  # fmt: skip


def find_targets() -> dict[str, Any]:
    """What the pages' URLs need, found from the generated users: the last year, the first
    authority, the secretariat's cluster and the unit officer's unit."""
    from thidua.accounts.models import User
    from thidua.clusters.models import ClusterYear

    users = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
    if len(users) < len(ROLES):
        sys.exit("no benchmark users: run bench/national/generate.py first")
    board, secretariat, officer = (
        users["bench-board"],
        users["bench-secretariat"],
        users["bench-officer"],
    )
    year = ClusterYear.objects.order_by("-year").values_list("year", flat=True)[0]
    assert officer.organization is not None
    cluster_year = ClusterYear.objects.select_related("cluster").get(
        head=secretariat.organization_id, year=year
    )
    return {
        "year": year,
        "cluster": cluster_year.cluster.code,
        "authority_pk": board.authority_id,
        "unit": officer.organization.code,
        "unit_pk": officer.organization_id,
    }


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    command = [str(gunicorn), "thidua.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--timeout", "120", "--log-level", "warning"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not answer within 60 s")


def sign_in(base: str, username: str, password: str) -> str:
    """The session cookie of a sign-in through the login form (CSRF token and cookie included)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/accounts/login/").read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    if not match:
        sys.exit("no CSRF token on the login page")
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match[1], "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=data)  # noqa: S310
    request.add_header("Referer", f"{base}/accounts/login/")
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        sys.exit(f"sign-in as {username} failed")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def in_process(path: str, cookie: str) -> tuple[int, int, int]:
    """Status, bytes and SQL queries of one request, through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for part in cookie.split("; "):
        name, _, value = part.partition("=")
        client.cookies[name] = value
    client.get(path)  # the first request may write the session's activity
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(response.content), len(queries)


def settle(url: str, cookie: str) -> None:
    """Wait until the requests a run left queued are served: a single trivial request is fast."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        start = time.perf_counter()
        urllib.request.urlopen(request, timeout=120).read()  # noqa: S310
        if time.perf_counter() - start < 0.05:
            return
        time.sleep(0.2)


def wrk(url: str, cookie: str, seconds: int, connections: int, script: str) -> dict[str, Any]:
    threads = str(min(2, connections))
    command = ["wrk", "-t", threads, "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--timeout", "60s", "-H", f"Cookie: {cookie}", "-s", script, url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    settle(url.split("/", 3)[0] + "//" + url.split("/", 3)[2] + TRIVIAL, cookie)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def measure(args: argparse.Namespace, base: str, cookies: dict[str, str]) -> list[dict[str, Any]]:
    targets = find_targets()
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    script.write(LUA)
    script.close()
    rows = []
    wrk(base + TRIVIAL, cookies["admin"], 2, args.connections, script.name)  # warm the workers
    for page, role, path in pages(targets):
        if args.only and not any(o in f"{page} {role}" for o in args.only):
            continue
        status, size, queries = in_process(path, cookies[role])
        row: dict[str, Any] = {"page": page, "role": role, "path": path, "status": status}
        row.update(bytes=size, queries=queries)
        if status == 200:
            row["trivial"] = wrk(
                base + TRIVIAL, cookies[role], args.seconds, args.connections, script.name
            )
            row["load"] = wrk(
                base + path, cookies[role], args.seconds, args.connections, script.name
            )
        rows.append(row)
        print(line(row), flush=True)
    os.unlink(script.name)
    return rows


def line(row: dict[str, Any]) -> str:
    name = f"{row['page']} ({ROLES[row['role']][1]})"
    if "load" not in row:
        return f"| {name} | HTTP {row['status']} | | | | | {row['queries']} |"
    load, trivial = row["load"], row["trivial"]
    errors = load["status_errors"] + load["socket_errors"]
    note = f" ({errors} errors)" if errors else ""
    return (
        f"| {name} | {load['rps']:.1f}{note} | {load['rps'] / max(trivial['rps'], 1e-9):.2f} "
        f"| {load['p50'] / 1000:.0f} | {load['p95'] / 1000:.0f} | {row['bytes'] / 1024:.1f} "
        f"| {row['queries']} | {trivial['rps']:.0f} |"
    )


def table(rows: list[dict[str, Any]], args: argparse.Namespace, seconds: float) -> str:
    from django.db import connection

    from thidua.organizations.models import Organization

    ceiling = [r["trivial"]["rps"] for r in rows if "trivial" in r]
    head = [
        f"Database: {connection.vendor}, {Organization.objects.count():,} units; gunicorn "
        f"{args.workers} workers; wrk {args.connections} connections, {args.seconds} s per run; "
        f"trivial view (median of the runs): {statistics.median(ceiling) if ceiling else 0:.0f} "
        f"req/s; whole run {seconds / 60:.1f} min.",
        "",
        "| page (role) | req/s | ratio | p50 ms | p95 ms | KB | queries | trivial req/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    return "\n".join(head + [line(r) for r in rows]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", action="append", help="pages whose name or role contains this")
    parser.add_argument("--out", help="also write the table to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    import django

    django.setup()
    base = f"http://127.0.0.1:{args.port}"
    start = time.perf_counter()
    server = start_server(args.port, args.workers)
    try:
        cookies = {
            role: sign_in(base, username, BENCH_PASSWORD)
            for role, (username, _label) in ROLES.items()
        }
        rows = measure(args, base, cookies)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = table(rows, args, time.perf_counter() - start)
    print()
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
