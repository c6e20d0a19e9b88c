"""Browser: the start of the year in a cluster. The secretariat drafts the work plan with a PDF,
a member unit comments, the secretariat replies (htmx) and adopts; a drive is added and a unit
reports its result with evidence. axe-core checks every page visited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.factories_planning import PDF_BYTES
from thidua.planning import services
from thidua.planning.enums import MovementKind
from thidua.planning.models import DriveReport, PlanComment, PlanVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch(page: Any, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def test_plan_is_drafted_discussed_adopted_and_a_drive_is_reported(
    page: Any, world: World, tmp_path: Path
) -> None:
    plan_pdf = tmp_path / "Kế hoạch 2023.pdf"
    plan_pdf.write_bytes(PDF_BYTES)
    evidence = tmp_path / "minh-chung-dot-1.pdf"
    evidence.write_bytes(PDF_BYTES)

    # The secretariat drafts the work plan from the cluster-year page.
    login(page, "secretariat")
    page.goto("/clusters/HN-C06/2023/")
    page.get_by_role("link", name="Kế hoạch và quy chế").click()
    page.wait_for_url("**/planning/HN-C06/2023/plans/")
    assert_accessible(page)
    card = page.locator(
        "section", has=page.get_by_role("heading", name="Kế hoạch công tác thi đua, khen thưởng")
    )
    card.get_by_role("link", name="Soạn dự thảo").click()
    page.get_by_label("Tiêu đề").fill("Kế hoạch công tác thi đua, khen thưởng năm 2023")
    page.get_by_label("Nội dung").fill("Tổ chức 4 đợt thi đua trong năm.")
    page.get_by_label("Tệp đính kèm (PDF, DOCX)").set_input_files(str(plan_pdf))
    assert_accessible(page)
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.wait_for_url("**/plans/work-plan/1/")
    assert page.get_by_role("link", name="Kế hoạch 2023.pdf").count() == 1
    assert_accessible(page)

    # A member unit officer comments (htmx, no page reload).
    _switch(page, "officer")
    page.goto("/planning/HN-C06/2023/plans/work-plan/1/")
    page.get_by_label("Ý kiến mới").fill("Đề nghị bổ sung chỉ tiêu cải cách hành chính.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.locator("#comments .thread").first.wait_for()
    assert "Đề nghị bổ sung chỉ tiêu cải cách hành chính." in page.locator("#comments").inner_text()
    assert_accessible(page)

    # The secretariat replies in the thread, then records the adoption.
    _switch(page, "secretariat")
    page.goto("/planning/HN-C06/2023/plans/work-plan/1/")
    page.locator("#comments details.reply summary").first.click()
    page.locator("#comments details.reply textarea").first.fill("Xin tiếp thu, sẽ bổ sung.")
    page.get_by_role("button", name="Gửi trả lời").click()
    page.locator("#comments .replies").wait_for()
    assert page.locator("#comments .replies").inner_text().count("Xin tiếp thu, sẽ bổ sung.") == 1
    assert_accessible(page)
    page.get_by_label("Ngày thông qua").fill("2023-02-10")
    page.get_by_label("Thông qua tại").fill("Hội nghị triển khai kế hoạch công tác năm 2023")
    page.get_by_role("button", name="Thông qua và khóa bản này").click()
    page.get_by_text("Đã ghi nhận thông qua bản 1 ngày 10/02/2023").wait_for()
    assert page.get_by_label("Ý kiến mới").count() == 0  # locked: no more comments
    assert_accessible(page)

    # The secretariat adds a drive.
    page.goto("/planning/HN-C06/2023/drives/")
    page.get_by_role("link", name="Thêm đợt thi đua").click()
    page.get_by_label("Bắt đầu").fill("2023-02-01")
    page.get_by_label("Kết thúc").fill("2023-04-30")
    page.get_by_label("Dịp, sự kiện").fill("Chào mừng kỷ niệm 30/4")
    assert_accessible(page)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/drives/1/")

    # A unit officer reports the drive's result with evidence.
    _switch(page, "officer")
    page.goto("/planning/HN-C06/2023/drives/1/")
    assert_accessible(page)
    page.get_by_role("link", name="Báo cáo kết quả").click()
    page.get_by_label("Kết quả thực hiện").fill("Hoàn thành 100% chỉ tiêu của đợt.")
    page.get_by_label("Minh chứng (PDF, DOCX, XLSX, PNG, JPG)").set_input_files(str(evidence))
    assert_accessible(page)
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.get_by_text("Đã gửi báo cáo kết quả “Đợt 1”.").wait_for()
    assert page.get_by_role("link", name="minh-chung-dot-1.pdf").count() == 1
    assert_accessible(page)
    page.goto("/planning/HN-C06/2023/drives/")
    assert page.locator("table.matrix tr.own").inner_text().split("\t")[-1].strip() == "Đã báo cáo"
    assert_accessible(page)

    version = PlanVersion.objects.get()
    assert (str(version.adopted_on), version.attachments.count()) == ("2023-02-10", 1)
    assert list(PlanComment.objects.order_by("id").values_list("body", "parent__body")) == [
        ("Đề nghị bổ sung chỉ tiêu cải cách hành chính.", None),
        ("Xin tiếp thu, sẽ bổ sung.", "Đề nghị bổ sung chỉ tiêu cải cách hành chính."),
    ]
    assert DriveReport.objects.get().organization == world.member


def test_board_launches_a_movement_and_finds_it_without_accents(page: Any, world: World) -> None:
    services.launch_movement(
        authority=world.authority,
        kind=MovementKind.REGULAR,
        title="Chung sức xây dựng nông thôn mới",
        starts_on=dt.date(2023, 1, 1),
        ends_on=None,
        cluster_years=[world.cy],
        by=world.board,
    )
    login(page, "board")
    assert page.get_by_role("link", name="Phong trào thi đua").count() == 1  # home panel
    page.goto("/planning/movements/")
    assert_accessible(page)
    page.get_by_role("link", name="Phát động phong trào").click()
    page.get_by_label("Loại phong trào").select_option("thematic")
    page.get_by_label("Tên phong trào").fill("Phong trào thi đua cải cách hành chính")
    page.get_by_label("Khẩu hiệu, chủ đề").fill("Kỷ cương, trách nhiệm, hành động")
    page.get_by_label("Bắt đầu").fill("2023-01-01")
    page.get_by_label("Kết thúc").fill("2023-12-31")
    page.get_by_label("Cụm thi đua số 6 — 2023").check()
    assert_accessible(page)
    page.get_by_role("button", name="Phát động", exact=True).click()
    page.get_by_text("Đã phát động phong trào “Phong trào thi đua cải cách hành chính”.").wait_for()
    assert page.get_by_role("link", name="Cụm thi đua số 6 — 2023").count() == 1
    assert_accessible(page)

    page.goto("/planning/movements/")
    page.get_by_label("Tìm kiếm (không cần dấu)").press_sequentially("cai cach")
    # htmx swaps the results in place and pushes the filtered URL
    page.wait_for_url("**q=cai%20cach**", wait_until="commit")
    page.get_by_text("1 phong trào", exact=True).wait_for()
    rows = page.locator("#results tbody tr")
    assert rows.count() == 1
    assert rows.first.inner_text().startswith("Phong trào thi đua cải cách hành chính")
    assert_accessible(page)
