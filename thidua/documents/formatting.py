"""Text rules of Nghị định 30/2020 that templates and services share (N-7, N-8)."""

from __future__ import annotations

import datetime as dt


def nd30_day_month(day: dt.date) -> tuple[str, str]:
    """Day and month as N-8 writes them: a day below 10 and the months 1 and 2 get a leading
    zero ("ngày 07 tháng 02"); months 3 to 9 do not ("ngày 15 tháng 3")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}", month


def nd30_date(day: dt.date | None, place: str = "", *, year: int | None = None) -> str:
    """ "Sóc Sơn, ngày 07 tháng 02 năm 2020"; without a date, blanks to be written by hand."""
    if day is None:
        blank = "\u00a0" * 6  # no-break spaces: HTML would collapse ordinary ones
        text = f"ngày {blank} tháng {blank} năm {year or blank}"
    else:
        dd, mm = nd30_day_month(day)
        text = f"ngày {dd} tháng {mm} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()


def nd30_number(number: str) -> str:
    """ "Số: 01/GƯ-CTĐ10" whether or not the caller already wrote "Số:"."""
    number = (number or "").strip(" \t\r\n")  # keep no-break spaces: the blank to fill in
    if not number or number.lower().startswith("số"):
        return number
    return f"Số: {number}"


def blank_number(type_code: str, issuer_symbol: str) -> str:
    """ "      /GƯ-CTĐ6": the number left for the records clerk of a document not yet issued."""
    return f"{chr(0xA0) * 10}/{type_code}-{issuer_symbol}"


def format_document_number(sequence: int, type_code: str, issuer_symbol: str) -> str:
    """N-7: "05/TTr-UBND"; below 10 a leading zero; no type code (công văn): "05/UBND"."""
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    symbol = f"{type_code}-{issuer_symbol}" if type_code else issuer_symbol
    return f"{sequence:02d}/{symbol}"
