"""Voting at the size of a city's year-end conferences (docs/dev/voting-design.md §6).

Run: PYTHONPATH=$PWD .venv/bin/python bench/bench_voting.py   (a throw-away test database is
used: in-memory SQLite by default, or a test database next to DATABASE_URL's when it is set)

Prints:
- casting: 1,000 ballots across 50 clusters (50 open questions, 20 voters each), in ballots/s —
  from a pool of threads on PostgreSQL (real concurrent writers), one after the other on SQLite
  (which serialises writers anyway); the mode is printed;
- the close of a 100-candidate question with 50 voters (urn opened, shuffled, board written,
  tally stored) and the tally alone, in ms;
- the shuffle: χ² of the position of the first ballot cast after the close's shuffle over 1,000
  runs (uniform: about its degrees of freedom; printed, never asserted).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.test_settings")

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

CLUSTERS = 50
VOTERS = 20
CANDIDATES = 5
BIG_CANDIDATES = 100
BIG_VOTERS = 50
BIG_RUNS = 3
SHUFFLE_RUNS = 1000
THREADS = int(os.environ.get("BENCH_THREADS", "8"))  # PostgreSQL only
# 95th percentile of χ² with 19 degrees of freedom (uniform over 20 positions)
CHI2_95_DF19 = 30.14


def ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def cluster(admin: Any, units: int, candidates: int) -> tuple[Any, dict[int, str], list[str]]:
    """A cluster year of ``units`` members in session, one open question on the first
    ``candidates`` of them; returns the question, the card of each unit and the candidates."""
    from tests.factories import ClusterMembershipFactory, ClusterYearFactory
    from tests.voting.ballots import cards, in_session, open_ballot, uuid_of
    from thidua.voting.enums import BallotPurpose

    cy = ClusterYearFactory(year=2023)
    orgs = [ClusterMembershipFactory(cluster_year=cy).organization for _ in range(units)]
    cy.head, cy.deputy = orgs[0], orgs[1]
    cy.save()
    world: Any = SimpleNamespace(cy=cy, admin=admin)
    in_session(world, purpose=BallotPurpose.OTHER, award_code=None)
    ballot = open_ballot(world, orgs[:candidates], purpose=BallotPurpose.OTHER, award_code=None)
    codes = {unit: issued.code for unit, issued in cards(world, orgs).items()}
    return ballot, codes, [uuid_of(ballot, o) for o in orgs[:candidates]]


def cast_one(ballot_pk: int, code: str, marks: dict[str, str], receipt: str) -> None:
    from thidua.voting.models import Ballot
    from thidua.voting.services import casting
    from thidua.voting.services.passes import find_pass

    voter_pass = find_pass(code)
    assert voter_pass is not None
    casting.cast(
        voter_pass=voter_pass,
        ballot=Ballot.objects.get(pk=ballot_pk),
        marks=marks,
        receipt=receipt,
        user=AnonymousUser(),
    )


def work_of(ballot: Any, codes: dict[int, str], candidates: list[str], rnd: random.Random) -> list:
    from thidua.voting import seal

    return [
        (ballot.pk, code, {u: rnd.choice("YN-") for u in candidates}, seal.new_receipt())
        for code in codes.values()
    ]


def cast_concurrently(work: list[tuple[Any, ...]]) -> list[BaseException]:
    errors: list[BaseException] = []
    chunks = [work[i::THREADS] for i in range(THREADS)]
    barrier = threading.Barrier(THREADS)

    def run(chunk: list[tuple[Any, ...]]) -> None:
        try:
            barrier.wait()
            for item in chunk:
                cast_one(*item)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def bench_casting(admin: Any, rnd: random.Random) -> Any:
    questions = [cluster(admin, VOTERS, CANDIDATES) for _ in range(CLUSTERS)]
    # voter j of every cluster before voter j + 1: the clusters vote at the same time
    work = [
        item
        for items in zip(*(work_of(b, c, u, rnd) for b, c, u in questions), strict=True)
        for item in items
    ]
    concurrent = connection.vendor == "postgresql"
    if concurrent:
        elapsed, errors = ms(lambda: cast_concurrently(work))
        assert not errors, errors[:3]
        mode = f"đồng thời, {THREADS} luồng"
    else:
        elapsed, _none = ms(lambda: [cast_one(*item) for item in work])
        mode = "tuần tự (SQLite ghi tuần tự)"
    print(
        f"Bỏ phiếu: {len(work)} phiếu, {CLUSTERS} cụm × {VOTERS} đơn vị ({mode}): "
        f"{elapsed / 1000:.2f} s, {len(work) / (elapsed / 1000):.0f} phiếu/s, "
        f"{elapsed / len(work):.1f} ms mỗi phiếu"
    )
    return questions[0][0]


def bench_close(admin: Any, rnd: random.Random) -> None:
    from thidua.voting import tally
    from thidua.voting.board import board_of
    from thidua.voting.models import Ballot
    from thidua.voting.services import closing

    closes, tallies, boards = [], [], []
    for _ in range(BIG_RUNS):
        ballot, codes, candidates = cluster(admin, BIG_CANDIDATES, BIG_CANDIDATES)
        for item in work_of(ballot, dict(list(codes.items())[:BIG_VOTERS]), candidates, rnd):
            cast_one(*item)
        elapsed, closed = ms(
            lambda ballot=ballot: closing.close_ballot(
                ballot=Ballot.objects.get(pk=ballot.pk), user=admin
            )
        )
        closes.append(elapsed)
        board_ms, board = ms(lambda closed=closed: board_of(closed))
        boards.append(board_ms)
        spec, votes = tally.spec_of_board(board), tally.votes_of_board(board)
        tallies.append(ms(lambda spec=spec, votes=votes: tally.count(spec, votes))[0])
        assert board["digest"] == closed.board_digest
    print(
        f"Kết thúc bỏ phiếu {BIG_CANDIDATES} ứng viên, {BIG_VOTERS} phiếu (mở hòm, xáo trộn, "
        f"ghi bảng phiếu, lưu kết quả): trung vị {statistics.median(closes):.1f} ms; "
        f"kiểm phiếu riêng {statistics.median(tallies):.2f} ms; "
        f"dựng bảng phiếu {statistics.median(boards):.1f} ms (trung vị {BIG_RUNS} lần)"
    )


def bench_shuffle(ballot: Any) -> None:
    """The close's own urn opening and shuffle, repeated on a question still open."""
    from thidua.voting import seal
    from thidua.voting.models import Ballot, SealedBallot
    from thidua.voting.services import closing

    ballot = Ballot.objects.get(pk=ballot.pk)
    salt = bytes(ballot.seal_salt)
    # the urn in the order the ballots were cast: on both backends, physical (insertion) order
    with connection.cursor() as cursor:
        order = "ctid" if connection.vendor == "postgresql" else "rowid"
        cursor.execute(
            f"SELECT sealed FROM {SealedBallot._meta.db_table} WHERE ballot_id = %s "  # noqa: S608
            f"ORDER BY {order}",
            [ballot.pk],
        )
        first = seal.unseal(ballot.uuid, salt, bytes(cursor.fetchone()[0])).receipt
    positions: Counter[int] = Counter()
    size = 0
    for _ in range(SHUFFLE_RUNS):
        contents = closing._open_urn(ballot)
        size = len(contents)
        positions[next(i for i, c in enumerate(contents) if c.receipt == first)] += 1
    expected = SHUFFLE_RUNS / size
    chi2 = sum((positions[i] - expected) ** 2 / expected for i in range(size))
    note = f"; 95% tới hạn {CHI2_95_DF19}" if size == 20 else ""
    print(
        f"Xáo trộn: vị trí của lá phiếu bỏ đầu tiên sau {SHUFFLE_RUNS} lần mở hòm "
        f"{size} phiếu: χ² = {chi2:.1f} (bậc tự do {size - 1}{note})"
    )


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from tests.factories import UserFactory
        from thidua.accounts.enums import Role

        admin = UserFactory(
            username="bench-admin", role=Role.SYSTEM_ADMIN, is_staff=True, is_superuser=True
        )
        rnd = random.Random(2023)  # the marks only; receipts and the shuffle stay random
        print(f"Cơ sở dữ liệu: {connection.vendor}")
        first = bench_casting(admin, rnd)
        bench_shuffle(first)
        bench_close(admin, rnd)
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
