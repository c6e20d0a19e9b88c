"""``thidua ballot``: the recount of a closed question from the database, from a published board
file alone (no database), of every closed question; the board printed as text. A board file
with one choice altered, a ballot removed or one added fails with exit status 1."""

from __future__ import annotations

import copy
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import World
from tests.voting.ballots import cards, in_session, members, open_ballot, uuid_of
from tests.voting.test_ballot_flow import vote
from thidua.voting import seal, tally
from thidua.voting.models import Ballot, CastBallot
from thidua.voting.services import closing
from thidua.voting.verify import board_file

pytestmark = pytest.mark.django_db


def _closed(world: World) -> Ballot:
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    codes = cards(world)
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    units = members(world)
    vote(ballot, codes[units[0].pk].code, {m: "Y", d: "N"})
    vote(ballot, codes[units[1].pk].code, {m: "Y", d: "Y"})
    vote(ballot, codes[units[2].pk].code, {m: "Y"})
    return closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)


def run(*args: str) -> str:
    out = StringIO()
    call_command("ballot", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def fails(*args: str) -> None:
    with pytest.raises(CommandError, match="không khớp") as caught:
        run(*args)
    assert caught.value.returncode == 1


def write(path: Path, board: dict[str, Any]) -> str:
    path.write_text(json.dumps(board, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_verify_a_closed_question_prints_the_count(world: World) -> None:
    ballot = _closed(world)
    out = run("verify", str(ballot.uuid))
    assert "Kiểm lại: khớp" in out
    assert f"{world.member.name}: 3 tán thành, 0 không — trúng" in out
    assert ballot.board_digest in out


def test_a_tampered_database_board_fails(world: World) -> None:
    ballot = _closed(world)
    CastBallot.objects.filter(ballot=ballot).order_by("receipt").first().delete()  # type: ignore[union-attr]
    fails("verify", str(ballot.uuid))


def test_the_published_file_is_recounted_without_the_database(
    world: World, tmp_path: Path, django_db_blocker: Any
) -> None:
    board = board_file(_closed(world))
    path = write(tmp_path / "board.json", board)
    with django_db_blocker.block():
        out = run("verify", "--file", path)
    assert "Kiểm lại: khớp" in out and "Phiếu trên bảng: 3" in out


def _altered(board: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(board)
    row = changed["ballots"][0]
    row["choices"] = [[u, "N" if m == "Y" else "Y"] for u, m in row["choices"]] or [
        [changed["candidates"][0]["uuid"], "N"]
    ]
    return changed


def _removed(board: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(board)
    changed["ballots"].pop()
    return changed


def _added(board: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(board)
    changed["ballots"].append(
        {"receipt": "ZZZZZZZZ", "choices": [[changed["candidates"][1]["uuid"], "Y"]], "weight": 1}
    )
    return changed


@pytest.mark.parametrize("change", [_altered, _removed, _added])
def test_a_changed_board_file_fails_with_exit_1(
    world: World, tmp_path: Path, django_db_blocker: Any, change: Any
) -> None:
    board = board_file(_closed(world))
    changed = change(board)
    with django_db_blocker.block():
        fails("verify", "--file", write(tmp_path / "changed.json", changed))
        # recomputing the digest does not help: the count no longer gives the announced result
        # (or, for an added blank-less row, the receipts' order breaks)
        changed["digest"] = tally.digest({k: v for k, v in changed.items() if k != "result"})
        fails("verify", "--file", write(tmp_path / "redigested.json", changed))


def test_a_file_that_is_not_a_board_is_refused(tmp_path: Path, django_db_blocker: Any) -> None:
    with django_db_blocker.block():
        with pytest.raises(CommandError, match="không phải JSON"):
            run("verify", "--file", write_text(tmp_path / "x.json", "{"))
        fails("verify", "--file", write_text(tmp_path / "y.json", '{"ballots": []}'))


def write_text(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_verify_all_checks_every_closed_question(world: World) -> None:
    ballot = _closed(world)
    assert "Đã kiểm lại 1 phiếu: tất cả khớp." in run("verify", "--all")
    row = CastBallot.objects.filter(ballot=ballot).first()
    assert row is not None
    row.weight = 5
    row.save()
    fails("verify", "--all")


def test_show_prints_the_public_board(world: World) -> None:
    ballot = _closed(world)
    out = run("show", str(ballot.uuid))
    receipts = sorted(CastBallot.objects.filter(ballot=ballot).values_list("receipt", flat=True))
    shown = [line.split(" · ")[0] for line in out.splitlines() if " · " in line]
    assert shown == [seal.show(r) for r in receipts]
    assert ballot.board_digest in out and "≥ 2/3" in out


def test_the_command_needs_one_target(world: World) -> None:
    with pytest.raises(CommandError, match="đúng một"):
        run("verify")
    with pytest.raises(CommandError, match="Không có phiếu"):
        run("show", "not-a-uuid")
