"""Browser: in the conference room. The secretariat issues the voting cards and prints them; three
delegates, each on their own phone (a separate browser context, 390 px wide), enter their
card's code and vote; the meeting screen counts 3/5, keeps its last state through a dropped
connection, and shows the result once the ballot is closed. axe finds nothing serious on the
delegate's page and on the screen."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.factories import ClusterMembershipFactory
from tests.voting.ballots import in_session, open_ballot
from thidua.voting.enums import BallotPurpose, Operator, QuorumBasis
from thidua.voting.models import Ballot
from thidua.voting.services import closing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREEN = "/voting/HN-C06/2023/conference/screen/"


def _issue_cards(page: Any) -> dict[str, str]:
    page.goto("/voting/HN-C06/2023/conference/passes/")
    assert_accessible(page)
    page.get_by_role("button", name="Cấp thẻ cho tất cả đơn vị có mặt").click()
    page.wait_for_url("**/passes/issue/")
    units = page.locator(".pass-card-unit").all_inner_texts()
    codes = page.locator(".pass-card-code").all_inner_texts()
    assert all(re.fullmatch(r"\w{4}-\w{4}-\w{4}", code) for code in codes)
    assert_accessible(page)
    return dict(zip(units, codes, strict=True))


def _vote(browser: Any, base_url: str, code: str, yes_to: str, *, check_axe: bool) -> None:
    context = browser.new_context(
        locale="vi-VN", base_url=base_url, viewport={"width": 390, "height": 844}
    )
    phone = context.new_page()
    phone.set_default_timeout(15000)
    try:
        phone.goto("/voting/p/")
        phone.get_by_label("Mã thẻ biểu quyết").fill(code.lower())
        phone.get_by_role("button", name="Vào trang bỏ phiếu").click()
        phone.get_by_role("button", name="Gửi phiếu").wait_for()
        if check_axe:
            assert_accessible(phone)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        group = phone.get_by_role("group", name=yes_to, exact=True)
        group.get_by_label("Tán thành", exact=True).check()
        phone.get_by_role("button", name="Gửi phiếu").click()
        phone.get_by_text("Phiếu của đơn vị đã được ghi nhận").wait_for()
        assert re.fullmatch(r"\w{4}-\w{4}", phone.locator("#receipt").inner_text())
    finally:
        context.close()


def test_delegates_vote_from_their_phones_and_the_screen_follows(
    page: Any, browser: Any, live_server: Any, world: World
) -> None:
    for name in ("Sở Tư pháp", "Thanh tra Thành phố"):
        ClusterMembershipFactory(cluster_year=world.cy, organization__name=name)
    # a question of the cluster's own: more than half of the units present say yes
    in_session(
        world,
        purpose=BallotPurpose.OTHER,
        award_code=None,
        basis=QuorumBasis.PRESENT,
        operator=Operator.GT,
        num=1,
        den=2,
    )
    ballot = open_ballot(
        world, [world.member, world.deputy], purpose=BallotPurpose.OTHER, award_code=None
    )
    login(page, "secretariat")
    codes = _issue_cards(page)
    assert len(codes) == 5

    for i, unit in enumerate(["Văn phòng UBND Thành phố", "Sở Ngoại vụ", "Sở Nội vụ"]):
        _vote(browser, live_server.url, codes[unit], "Sở Nội vụ", check_axe=i == 0)

    page.goto(SCREEN)
    page.wait_for_function(
        "document.getElementById('screen-count').textContent.includes('Đã bỏ phiếu 3/5')"
    )
    assert ballot.title in page.locator("#screen-question").inner_text()
    assert page.locator("#screen-results").count() == 0
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    assert page.locator("#screen-question").evaluate(size) >= 32
    assert min(n.evaluate(size) for n in page.locator(".screen-name").all()) >= 24
    assert_accessible(page)

    page.route("**/screen/state/**", lambda route: route.abort())
    page.locator("#screen-offline").wait_for(state="visible")
    assert "Đã bỏ phiếu 3/5" in page.locator("#screen-count").inner_text()
    page.unroute("**/screen/state/**")
    page.locator("#screen-offline").wait_for(state="hidden")

    closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.secretariat)
    page.locator("#screen-results").wait_for()
    results = page.locator("#screen-results").inner_text()
    assert "60,00%" in results and "trúng" in results
    assert "> 1/2 số đơn vị có mặt" in results
    assert_accessible(page)
