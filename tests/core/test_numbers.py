"""Whole numbers from people and addresses are read strictly (issue 12, item 6)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.core.numbers import is_digits, parse_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", 2024),
        ("0", 0),
        ("²", None),
        ("①", None),
        ("٣", None),
        ("-1", None),
        (" 1", None),
        ("1e3", None),
        ("", None),
        (None, None),
        ("9" * 19, None),  # more than any database column holds
    ],
)
def test_only_ascii_digits_are_numbers(text: object, expected: int | None) -> None:
    assert parse_int(text) == expected


def test_bounds() -> None:
    assert parse_int("1989", minimum=1990) is None
    assert parse_int("2101", maximum=2100) is None
    assert parse_int("2025", minimum=1990, maximum=2100) == 2025


@given(st.text(max_size=25))
def test_no_text_raises(text: str) -> None:
    value = parse_int(text)
    assert value is None or (is_digits(text) and value == int(text))
