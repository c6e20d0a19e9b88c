"""Browser: a unit self-scores with evidence and submits; the head unit adjusts a score with a
reason and confirms the verification; the secretariat approves and sees the ranking. axe-core
checks every page visited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.factories_scoring import build_criteria_set, default_rule_set, fill_sheet, fresh
from thidua.scoring import selectors
from thidua.scoring.models import ScoreEntry
from thidua.scoring.services import verification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_self_scoring_verification_and_approval(
    page: Any, world: World, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    default_rule_set()  # a transactional test starts from a flushed database
    build_criteria_set(world.cy, world.secretariat)
    fill_sheet(world.cy, world.head, world.secretariat)
    fill_sheet(world.cy, world.deputy, world.deputy_officer)
    verification.verify_sheet(
        sheet=selectors.sheet_for(fresh(world.cy), world.head), user=world.deputy_officer
    )
    verification.verify_sheet(
        sheet=selectors.sheet_for(fresh(world.cy), world.deputy), user=world.secretariat
    )
    evidence = tmp_path / "bao-cao-ket-qua.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")

    # The unit officer finds the pending sheet on the home page and fills it in.
    login(page, "officer")
    page.get_by_role("link", name="Bảng tự chấm điểm chưa nộp").click()
    page.wait_for_url(f"**/scoring/HN-C06/2023/sheets/{world.member.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bảng tự chấm điểm — Sở Nội vụ"
    assert_accessible(page)
    page.get_by_label("Số liệu tiêu chí I.2").fill("95")
    page.get_by_role("button", name="Lưu dòng I.2").click()  # htmx: one row
    page.locator("#sheet-progress").get_by_text("Đã chấm 1/5 tiêu chí").wait_for()
    page.get_by_label("Điểm tự chấm tiêu chí I.1").fill("38")
    page.get_by_label("Thêm minh chứng tiêu chí I.1").set_input_files(str(evidence))
    page.get_by_label("Điểm tự chấm tiêu chí II.1").select_option("10")
    page.get_by_label("Điểm tự chấm tiêu chí II.2").fill("14,5")
    page.get_by_label("Số liệu tiêu chí III.1").fill("100")
    page.get_by_role("textbox", name="Báo cáo tự đánh giá").fill(
        "Hoàn thành xuất sắc nhiệm vụ năm 2023."
    )
    page.get_by_role("button", name="Lưu và nộp").click()
    page.get_by_text("Đã nộp bảng tự chấm điểm.").wait_for()
    assert page.get_by_role("link", name="bao-cao-ket-qua.pdf").count() == 1
    assert_accessible(page)
    page.get_by_role("button", name="Đăng xuất").click()

    # The head unit adjusts one score with a reason and confirms the verification.
    login(page, "secretariat")
    page.goto("/scoring/HN-C06/2023/")
    assert_accessible(page)
    page.get_by_role("link", name="Thẩm định Sở Nội vụ").click()
    page.get_by_label("Điểm thẩm định tiêu chí II.2").fill("12")
    page.get_by_label("Lý do điều chỉnh tiêu chí II.2").fill("Chưa có minh chứng về số hóa hồ sơ")
    page.get_by_role("button", name="Lưu điều chỉnh").click()
    page.get_by_text("Đã lưu 1 điều chỉnh.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Xác nhận đã thẩm định").click()
    page.get_by_text("Đã xác nhận thẩm định bảng điểm của Sở Nội vụ.").wait_for()

    # The secretariat approves the results and sees the ranking.
    page.get_by_role("link", name="Xếp hạng").click()
    page.wait_for_url("**/scoring/HN-C06/2023/ranking/")
    assert_accessible(page)
    page.get_by_role("button", name="Phê duyệt kết quả").click()
    page.get_by_text("Đã phê duyệt và khóa kết quả chấm điểm.").wait_for()
    rows = page.locator(".ranking-table tbody tr")
    assert rows.count() == 3
    member_row = rows.filter(has_text="Sở Nội vụ").inner_text()
    assert "96" in member_row and "Xuất sắc" in member_row  # 38 + 19 + 10 + 12 + 15 + 0 + 0
    assert_accessible(page)
    entry = ScoreEntry.objects.get(sheet__organization=world.member, criterion__code="II.2")
    assert (entry.self_value, entry.adjusted_value) == (pytest.approx(14.5), pytest.approx(12))
