from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.core.vntext import fold, search_document, search_terms, sort_key, vn_sorted

pytestmark = [pytest.mark.unit]


def test_vietnamese_alphabet_order_puts_d_stroke_after_d() -> None:
    names = [
        "Đông Anh",
        "Dân tộc",
        "Ê Đê",
        "An Lão",
        "Ăn Khê",
        "Âu Cơ",
        "Bắc Từ Liêm",
        "E Kar",
        "Cầu Giấy",
    ]
    assert vn_sorted(names) == [
        "An Lão",
        "Ăn Khê",
        "Âu Cơ",
        "Bắc Từ Liêm",
        "Cầu Giấy",
        "Dân tộc",
        "Đông Anh",
        "E Kar",
        "Ê Đê",
    ]


def test_sort_key_orders_like_the_collator_as_plain_strings() -> None:
    names = ["Ủy ban", "Văn phòng", "Thanh tra", "Sở Tư pháp", "Sở Nội vụ", "Ơn", "Ô Chợ Dừa", "O"]
    assert sorted(names, key=sort_key) == vn_sorted(names)


@given(
    st.lists(
        st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậđềếểễệ ", max_size=8),
        max_size=12,
    )
)
def test_sort_key_agrees_with_collator_for_any_vietnamese_words(words: list[str]) -> None:
    assert [sort_key(w) for w in sorted(words, key=sort_key)] == [
        sort_key(w) for w in vn_sorted(words)
    ]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sở Nội vụ", "so noi vu"),
        ("Huyện Đông Anh", "huyen dong anh"),
        ("  ỦY   BAN ", "uy ban"),
        ("Đắk Lắk", "dak lak"),
    ],
)
def test_fold_removes_diacritics_and_case(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_terms_split_folded_words() -> None:
    assert search_terms("Sở  NỘI vụ") == ["so", "noi", "vu"]
    assert search_terms("   ") == []


def test_search_document_joins_parts_with_spaces() -> None:
    assert search_document("Sở Nội vụ", None, "HN-SNV") == " so noi vu hn-snv "


def test_numbers_inside_names_sort_numerically() -> None:
    assert vn_sorted(["Cụm thi đua số 10", "Cụm thi đua số 6", "Cụm thi đua số 7"]) == [
        "Cụm thi đua số 6",
        "Cụm thi đua số 7",
        "Cụm thi đua số 10",
    ]
