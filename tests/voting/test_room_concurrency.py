"""Fifty delegates press "Gửi phiếu" at the same moment, and ten of them press it again in a
second tab: real HTTP requests to a live server, each delegate with their own session. Exactly
fifty ballots reach the urn, the ten duplicates are refused with the message, and the close
counts fifty (design §6, ``test_concurrency``; needs PostgreSQL for real parallel writers)."""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection

from tests.conftest import World
from tests.factories import ClusterMembershipFactory
from tests.voting.ballots import cards, in_session, members, open_ballot
from thidua.voting.enums import BallotPurpose
from thidua.voting.models import Ballot, Eligibility, SealedBallot
from thidua.voting.services import closing

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

UNITS = 50
DUPLICATES = 10


@dataclass
class Delegate:
    """One delegate's browser: a cookie jar, and the voting form as the page gave it."""

    opener: urllib.request.OpenerDirector
    base: str
    form: dict[str, str]

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.base + path, body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return str(response.read().decode())


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]  # type: ignore[index]


def _enter(base: str, code: str, ballot: Ballot) -> Delegate:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    delegate = Delegate(opener, base, {})
    entry = delegate.get("/voting/p/")
    status, page = delegate.post("/voting/p/", {"csrfmiddlewaretoken": _csrf(entry), "code": code})
    assert status == 200 and f"/voting/p/ballots/{ballot.uuid}/" in page, page[:300]
    form = page[page.index(f'action="/voting/p/ballots/{ballot.uuid}/"') :]
    form = form[: form.index("</form>")]
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|receipt)" value="([^"]+)"', form))
    for name in sorted(set(re.findall(r'name="(c-[0-9a-f-]+)"', form))):
        fields[name] = "Y"
    delegate.form = fields
    return delegate


def test_fifty_simultaneous_votes_and_ten_second_tabs(world: World, live_server: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    for i in range(UNITS - 3):
        ClusterMembershipFactory(cluster_year=world.cy, organization__name=f"Đơn vị số {i:02d}")
    # a question of the cluster's own (no award catalogue: a transactional test starts empty)
    in_session(world, purpose=BallotPurpose.OTHER, award_code=None)
    ballot = open_ballot(
        world,
        [world.head, world.deputy, world.member],
        purpose=BallotPurpose.OTHER,
        award_code=None,
    )
    codes = cards(world)
    # the test server listens with a backlog of 10 (Django's WSGIServer): a room of 60 phones
    # connecting at once would be reset by the kernel before Django sees them. A real server
    # (gunicorn: 2048) queues them; so does this one once the backlog is raised.
    live_server.thread.httpd.socket.listen(128)
    delegates = [_enter(live_server.url, codes[u.pk].code, ballot) for u in members(world)]
    assert len(delegates) == UNITS
    posts = delegates + delegates[:DUPLICATES]
    barrier = threading.Barrier(len(posts))
    answers: list[tuple[int, str]] = []
    errors: list[BaseException] = []

    def vote(delegate: Delegate) -> None:
        try:
            barrier.wait()
            answers.append(delegate.post(f"/voting/p/ballots/{ballot.uuid}/", delegate.form))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=vote, args=(d,)) for d in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    recorded = [a for a in answers if "Phiếu của đơn vị đã được ghi nhận" in a[1]]
    refused = [a for a in answers if "Đơn vị đã bỏ phiếu; phiếu không được tính thêm." in a[1]]
    assert (len(recorded), len(refused)) == (UNITS, DUPLICATES)
    assert {status for status, _ in recorded} == {200}
    assert {status for status, _ in refused} == {409}
    assert SealedBallot.objects.filter(ballot=ballot).count() == UNITS
    assert Eligibility.objects.filter(ballot=ballot, voted=True).count() == UNITS
    closed = closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    assert (closed.received, closed.valid) == (UNITS, UNITS)
    assert closed.candidates.get(organization=world.head).yes_weight == UNITS
