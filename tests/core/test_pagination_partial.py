"""The one page navigation of the paginated lists (``core/_pagination.html``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict
from django.template import engines
from django.test import RequestFactory

NAV = '{% include "core/_pagination.html" with page=page %}'


def _render(source: str, url: str, page: int, **context: object) -> str:
    request = RequestFactory().get(url)
    page_obj = Paginator(range(120), 50).get_page(page)
    return engines["django"].from_string(source).render({"page": page_obj, **context}, request)


def test_links_keep_the_filters_and_change_only_the_page() -> None:
    html = _render(NAV, "/clusters/?q=so+noi+vu&page=2", 2)
    assert (
        'href="?q=so+noi+vu&amp;page=1">Trang trước</a>' in html,
        "<span>Trang 2/3</span>" in html,
        'href="?q=so+noi+vu&amp;page=3">Trang sau</a>' in html,
        "??" in html,
    ) == (True, True, True, False)


def test_one_page_has_no_navigation_and_the_count_is_shown_when_asked() -> None:
    single = engines["django"].from_string(NAV)
    one_page = Paginator(range(3), 50).get_page(1)
    counted = _render(
        '{% include "core/_pagination.html" with page=page with_count=True %}', "/x/", 1
    )
    assert (single.render({"page": one_page}).strip(), "(120 dòng)" in counted) == ("", True)


def test_another_query_string_can_be_kept() -> None:
    html = _render(
        '{% include "core/_pagination.html" with page=page query=query %}',
        "/x/?junk=1",
        1,
        query=QueryDict("year=2024"),
    )
    assert ('href="?year=2024&amp;page=2"' in html, "junk" in html) == (True, False)
