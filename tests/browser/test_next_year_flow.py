"""Browser: a board officer opens the next year of a cluster whose member was merged into a new
unit — the proposal leaves the dissolved unit out and ticks its successor, the officer unticks
nobody and confirms, and the new year lists the successor with its heads "Chưa chọn"; axe finds
nothing serious on the way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.factories import OrganizationFactory, SuccessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_officer_opens_the_next_year_with_the_successor(page: Any, world: World) -> None:
    world.member.valid_to = dt.date(2023, 12, 31)
    world.member.save()
    heir = OrganizationFactory(
        authority=world.authority, name="Sở Nội vụ và Lao động", valid_from=dt.date(2024, 1, 1)
    )
    SuccessionFactory(predecessor=world.member, successor=heir, effective_date=dt.date(2024, 1, 1))
    login(page, "board")
    page.goto("/clusters/HN-C06/2023/")
    page.get_by_role("link", name="Mở năm tiếp theo").click()
    page.wait_for_url("**/clusters/HN-C06/2023/next-year/")
    assert_accessible(page)

    assert page.get_by_label("Sở Nội vụ và Lao động").is_checked()
    assert "Đã giải thể ngày 31/12/2023" in page.locator(".left-out").inner_text()
    page.get_by_role("button", name="Mở năm 2024").click()

    page.wait_for_url("**/clusters/HN-C06/2024/")
    members = page.locator("table").last.inner_text()
    assert "Sở Nội vụ và Lao động" in members and "Sở Nội vụ\t" not in members
    assert "Chưa chọn" in page.locator("#h-heads + dl").inner_text()
    assert_accessible(page)
