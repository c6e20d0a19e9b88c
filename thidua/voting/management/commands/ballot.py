"""``thidua ballot verify <uuid> | --file board.json | --all`` and ``thidua ballot show <uuid>``.

The recount of design §4.5: the same ``voting.tally`` as the close, on the stored board or on a
published board file alone (no database read). Exit 1 when anything differs. ``show`` prints the
public board of a closed question and nothing before its close."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.voting import seal
from thidua.voting.board import board_of
from thidua.voting.enums import BallotMode, BallotState
from thidua.voting.models import Ballot
from thidua.voting.quorum import rule_text
from thidua.voting.verify import Verification, verify_ballot, verify_board


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = "Kiểm lại kết quả phiếu biểu quyết từ bảng công khai; in bảng phiếu đã kết thúc."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify", help="kiểm lại một phiếu, một tệp bảng phiếu, hoặc tất cả"
        )
        verify.add_argument("uuid", nargs="?", help="mã (uuid) của phiếu biểu quyết")
        verify.add_argument("--file", help="tệp bảng phiếu (board.json) đã công bố")
        verify.add_argument("--all", action="store_true", help="mọi phiếu đã kết thúc")
        show = sub.add_parser("show", help="in bảng công khai phiếu của một phiếu đã kết thúc")
        show.add_argument("uuid", help="mã (uuid) của phiếu biểu quyết")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "show":
            self._show(_closed(options["uuid"]))
            return
        chosen = [bool(options["uuid"]), bool(options["file"]), bool(options["all"])]
        if sum(chosen) != 1:
            raise CommandError(_("Cho biết đúng một trong: <uuid>, --file TỆP, --all."))
        if options["file"]:
            self._report(options["file"], verify_board(_read(options["file"])))
        elif options["all"]:
            self._all()
        else:
            ballot = _closed(options["uuid"])
            self._report(ballot.title, verify_ballot(ballot))

    def _report(self, name: str, check: Verification, *, fail: bool = True) -> bool:
        self.stdout.write(f"== {name}")
        for line in check.lines():
            self.stdout.write(f"   {line}")
        self.stdout.write(f"   {_('Mã kiểm tra')}: {check.digest}")
        if check.ok:
            self.stdout.write(_("Kiểm lại: khớp"))
            return True
        for difference in check.differences:
            self.stderr.write(f"   {difference}")
        if fail:
            raise CommandError(_("Kiểm lại: không khớp"), returncode=1)
        self.stderr.write(_("Kiểm lại: không khớp"))
        return False

    def _all(self) -> None:
        ballots = Ballot.objects.filter(state=BallotState.CLOSED).exclude(mode=BallotMode.RECORDED)
        bad = 0
        total = 0
        for ballot in ballots.order_by("pk"):
            total += 1
            if not self._report(f"{ballot.uuid} {ballot.title}", verify_ballot(ballot), fail=False):
                bad += 1
        if bad:
            raise CommandError(
                _("{bad}/{total} phiếu không khớp.").format(bad=bad, total=total), returncode=1
            )
        self.stdout.write(_("Đã kiểm lại {n} phiếu: tất cả khớp.").format(n=total))

    def _show(self, ballot: Ballot) -> None:
        board = board_of(ballot)
        names = {c["uuid"]: c["name"] for c in board["candidates"]}
        rule = board["threshold"]
        self.stdout.write(board["title"])
        self.stdout.write(
            _("Đạt khi số phiếu tán thành {rule}").format(
                rule=rule_text(
                    basis=rule["basis"],
                    operator=rule["operator"],
                    num=rule["num"],
                    den=rule["den"],
                    source=rule["source"],
                )
            )
        )
        for row in board["ballots"]:
            choices = "; ".join(
                f"{names.get(u, u)}{'' if m == 'Y' else ' (không)'}" for u, m in row["choices"]
            )
            self.stdout.write(f"{seal.show(row['receipt'])} · {choices or '—'} · {row['weight']}")
        if board["paper"]:
            paper = board["paper"]
            self.stdout.write(
                _("Phiếu giấy: thu về {r}, hợp lệ {v}, không hợp lệ {i}").format(
                    r=paper["received"], v=paper["valid"], i=paper["invalid"]
                )
            )
        self.stdout.write(f"{_('Mã kiểm tra')}: {board['digest']}")


def _closed(uuid: str) -> Ballot:
    try:
        ballot = Ballot.objects.filter(uuid=uuid).first()
    except ValidationError:
        ballot = None
    if ballot is None:
        raise CommandError(_("Không có phiếu biểu quyết {uuid}.").format(uuid=uuid))
    if ballot.state != BallotState.CLOSED:
        raise CommandError(_("Chưa kết thúc bỏ phiếu: chưa có bảng phiếu."))
    if ballot.mode == BallotMode.RECORDED:
        raise CommandError(_("Kết quả ghi nhận sau hội nghị: không có bảng phiếu."))
    return ballot


def _read(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(
            _("Không đọc được tệp {path}: {error}").format(path=path, error=exc)
        ) from exc
    except json.JSONDecodeError as exc:
        raise CommandError(
            _("Tệp {path} không phải JSON: {error}").format(path=path, error=exc)
        ) from exc
    if not isinstance(data, dict):
        raise CommandError(_("Tệp {path} không phải bảng phiếu.").format(path=path))
    return data
