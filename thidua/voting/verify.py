"""The recount of a closed question (design §4.5), shared by the verify page and ``thidua ballot
verify``: the board is counted again with ``voting.tally`` and its digest recomputed, then both
are compared with what was announced (the stored result, or the ``result`` section of a
published board file). Reads only; nothing is written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from thidua.voting import tally
from thidua.voting.board import board_of
from thidua.voting.enums import BallotOutcome, Channel
from thidua.voting.models import Ballot, Candidate, Eligibility

RESULT_KEY = "result"  # the announced result in a board file; outside the digest


@dataclass
class Verification:
    """What the recount found: the count, the digest recomputed and every difference."""

    result: tally.Result | None
    digest: str
    ballots: int
    names: dict[str, str] = field(default_factory=dict)
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences

    def lines(self) -> list[str]:
        """The count for a terminal: totals, then one line per candidate."""
        if self.result is None:
            return []
        r = self.result
        head = _(
            "Phiếu trên bảng: {n} · thu về {received}, hợp lệ {valid}, không hợp lệ "
            "{invalid} · kết quả: {outcome}"
        ).format(
            n=self.ballots,
            received=r.received,
            valid=r.valid,
            invalid=r.invalid,
            outcome=BallotOutcome(r.outcome).label,
        )
        return [head, *tally.summary(r, list(self.names.items()))]


def announced(ballot: Ballot, candidates: list[Candidate]) -> dict[str, Any]:
    """The stored result as the board file publishes it next to the board."""
    return {
        "received": ballot.received,
        "valid": ballot.valid,
        "invalid": ballot.invalid,
        "outcome": ballot.outcome,
        "candidates": {
            str(c.uuid): {
                "yes": c.yes_weight,
                "no": c.no_weight,
                "passed": bool(c.passed),
                "elected": bool(c.elected),
            }
            for c in candidates
        },
    }


def _recount(board: Mapping[str, Any]) -> tuple[tally.Result | None, list[str]]:
    try:
        return tally.count_board(board), []
    except tally.InvalidBallot as exc:
        return None, [_("Bảng có lá phiếu không hợp lệ: {error}").format(error=exc)]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return None, [_("Bảng phiếu không đúng định dạng ({error}).").format(error=exc)]


def _compare(result: tally.Result, expected: Mapping[str, Any], names: dict[str, str]) -> list[str]:
    out: list[str] = []
    for key, label in (
        ("received", _("số phiếu thu về")),
        ("valid", _("số phiếu hợp lệ")),
        ("invalid", _("số phiếu không hợp lệ")),
        ("outcome", _("kết quả")),
    ):
        counted = getattr(result, key)
        if key in expected and expected[key] != counted:
            out.append(
                _("{what}: đã công bố {stored}, kiểm lại được {counted}.").format(
                    what=label, stored=expected[key], counted=counted
                )
            )
    stored = expected.get("candidates") or {}
    for row in result.candidates:
        known = stored.get(row.uuid)
        if known is None:
            out.append(
                _("{name}: không có trong kết quả đã công bố.").format(
                    name=names.get(row.uuid, row.uuid)
                )
            )
            continue
        counted = (row.yes, row.no, row.passed, row.elected)
        wanted = (known["yes"], known["no"], known["passed"], known["elected"])
        if counted != wanted:
            out.append(
                _(
                    "{name}: đã công bố {stored_yes} tán thành, {stored_no} không; kiểm lại được "
                    "{yes} tán thành, {no} không{elected}."
                ).format(
                    name=names.get(row.uuid, row.uuid),
                    stored_yes=known["yes"],
                    stored_no=known["no"],
                    yes=row.yes,
                    no=row.no,
                    elected=_(" (trúng)") if row.elected else "",
                )
            )
    return out


def _receipts(board: Mapping[str, Any]) -> list[str]:
    receipts = [str(row.get("receipt", "")) for row in board.get("ballots") or []]
    out = []
    if len(set(receipts)) != len(receipts):
        out.append(_("Bảng có mã phiếu trùng nhau."))
    if receipts != sorted(receipts):
        out.append(_("Các phiếu trên bảng không xếp theo mã phiếu."))
    return out


def verify_board(board: Mapping[str, Any]) -> Verification:
    """The recount of a published board file alone: its digest, its receipts, its count against
    the ``result`` it announces (when the file carries one)."""
    body = {k: v for k, v in board.items() if k != RESULT_KEY}
    digest = tally.digest(body)
    names = {str(c.get("uuid")): str(c.get("name")) for c in board.get("candidates") or []}
    result, differences = _recount(body)
    if digest != board.get("digest"):
        differences.insert(
            0,
            _("Mã kiểm tra không khớp: bảng ghi {stored}, tính lại được {digest}.").format(
                stored=board.get("digest") or "—", digest=digest
            ),
        )
    differences += _receipts(body)
    if result is not None and isinstance(board.get(RESULT_KEY), Mapping):
        differences += _compare(result, board[RESULT_KEY], names)
    return Verification(
        result=result,
        digest=digest,
        ballots=len(body.get("ballots") or []),
        names=names,
        differences=differences,
    )


def board_file(ballot: Ballot) -> dict[str, Any]:
    """The published board with the announced result next to it (``board.json``)."""
    board = board_of(ballot)
    board[RESULT_KEY] = announced(ballot, list(ballot.candidates.all()))
    return board


def verify_ballot(ballot: Ballot) -> Verification:
    """The recount of a closed question from the database: the board as stored, against the
    result and the digest stored at close, and the board's size against the online roll."""
    board = board_of(ballot)
    board[RESULT_KEY] = announced(ballot, list(ballot.candidates.all()))
    board["digest"] = ballot.board_digest
    check = verify_board(board)
    online = Eligibility.objects.filter(ballot=ballot, voted=True, channel=Channel.ONLINE).count()
    if online != check.ballots:
        check.differences.append(
            _(
                "Số phiếu trên bảng ({board}) khác số đơn vị đã bỏ phiếu trực tuyến ({roll})."
            ).format(board=check.ballots, roll=online)
        )
    return check
