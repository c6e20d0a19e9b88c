"""Where each main page's time goes, on the national dataset (prints a table; asserts nothing).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python bench/national/breakdown.py [--requests 20] [--only home]

In this process, through Django's test client, signed in as each role (as ``run.py`` measures
queries): per page, the CPU time of a request (``time.process_time``), then, under cProfile, the
share of the request spent executing SQL (the database driver's calls, building the SQL
excluded), rendering templates (``Template.render``), and everything else (building the SQL,
selectors, permissions, middleware, JSON). cProfile slows Python more than the database, so the
shares are indicative; the CPU column is measured without it. The trivial view is the first row.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.national.settings"
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua_bench")

import django  # noqa: E402

django.setup()

import run  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from thidua.accounts.models import User  # noqa: E402

TEMPLATE = "django/template/base.py"


def _outermost(stats: pstats.Stats, where: str, name: str, caller: str) -> float:
    """The cumulative time of the calls of ``name`` (in a file ending ``where``) made from a file
    whose path holds ``caller``: a template rendered by an ``{% include %}`` is already in the
    time of the page's template, rendered by Django's template backend."""
    total = 0.0
    for (filename, _line, function), row in stats.stats.items():  # type: ignore[attr-defined]
        if filename.endswith(where) and function == name:
            callers = row[4]
            total += sum(c[3] for (f, _l, _fn), c in callers.items() if caller in f)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    targets = run.find_targets()
    clients: dict[str, Client] = {}

    def client(role: str) -> Client:
        if role not in clients:
            c = Client(HTTP_HOST="127.0.0.1")
            c.force_login(User.objects.get(username=run.ROLES[role][0]))
            c.get("/")
            clients[role] = c
        return clients[role]

    pages = [("trivial view", "board", run.TRIVIAL), *run.pages(targets)]
    print("| page (role) | CPU ms | queries | SQL % | templates % | other Python % |")
    print("|---|---|---|---|---|---|")
    for name, role, path in pages:
        if args.only and args.only not in name:
            continue
        c = client(role)
        if c.get(path).status_code != 200:
            print(f"| {name} ({run.ROLES[role][1]}) | not 200 | | | | |")
            continue
        with CaptureQueriesContext(connection) as queries:
            c.get(path)
        count = len(queries)
        runs = []
        for _ in range(3):
            start = time.process_time()
            for _ in range(args.requests):
                c.get(path)
            runs.append((time.process_time() - start) / args.requests * 1000)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            c.get(path)
        profile.disable()
        stats = pstats.Stats(profile)
        total = stats.total_tt  # type: ignore[attr-defined]
        sql = _outermost(stats, "psycopg/cursor.py", "execute", "django/db/backends/")
        templates = _outermost(stats, TEMPLATE, "render", "django/template/backends/")
        other = max(0.0, total - sql - templates)
        print(
            f"| {name} ({run.ROLES[role][1]}) | {statistics.median(runs):.1f} "
            f"| {count} | {sql / total:.0%} | {templates / total:.0%} "
            f"| {other / total:.0%} |"
        )


if __name__ == "__main__":
    main()
