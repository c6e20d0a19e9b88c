"""The national header's left block: column widths, the lines of the body names, the short rule.

Both outputs read these numbers (the PDF through the base template's context, the DOCX
converter by calling the same functions), so the header breaks and measures alike in both.

- Columns: the right one holds "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (13 pt bold, ≈ 96 mm) on one
  line; the left one is 45 % of the text width as in NĐ 30 practice, or what is left beside the
  national title when that is less (portrait A4: ≈ 41 %).
- Lines: a template may give the lines of ``doc.issuer`` / ``doc.issuer_parent`` (a list, or a
  string with "\\n"). Otherwise a name too long for the column breaks before its administrative
  place phrase ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG / THÀNH PHỐ HÀ NỘI"), and the words of the place
  phrase are joined by no-break spaces so the place is never split ("…HÀ / NỘI"); a part still
  too long for the column breaks after its " - " ("HỘI ĐỒNG THI ĐUA - / KHEN THƯỞNG").
- N-6 rule under the issuer: 40 % of the widest line, never longer than the last line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.shared import Mm, Pt

from thidua.documents.docx_page import measure

HEADER_PT = 13
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
LEFT_SHARE = 0.45
GAP = int(Mm(2))  # between the national title and the left column
RULE_SHARE = 0.4
NBSP = "\u00a0"
PORTRAIT_WIDTH = int(Mm(210 - 30 - 15))
LANDSCAPE_WIDTH = int(Mm(297 - 30 - 15))
# Administrative units (Luật Tổ chức chính quyền địa phương): the phrase from the unit's word to
# the end of the name is the place. "XÃ HỘI" (social) is not a commune.
PLACE = re.compile(
    r"(?:^|\s)((?:THÀNH PHỐ|THỊ XÃ|THỊ TRẤN|TỈNH|HUYỆN|QUẬN|PHƯỜNG|XÃ(?!\s+HỘI)|ĐẶC KHU)\s+\S.*)$"
)


def text_width(*, landscape: bool) -> int:
    return LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH


def left_share(width: int) -> float:
    """The left column's share of ``width`` (EMU)."""
    national = measure(NATIONAL_TITLE, size=HEADER_PT, bold=True)
    return min(LEFT_SHARE, (width - national - GAP) / width)


def place_lines(name: str, *, width: int, bold: bool, size: float = HEADER_PT) -> list[str]:
    """The default rule: one line if it fits, else break before the place phrase."""
    text = " ".join(name.upper().split())
    found = PLACE.search(text)
    if not found:
        return [text] if text else []
    head, place = text[: found.start(1)].rstrip(), found.group(1).replace(" ", NBSP)
    if not head or measure(text, size=size, bold=bold) <= width:
        return [f"{head} {place}".strip()]
    return [*_dash_lines(head, width=width, bold=bold, size=size), place]


def _dash_lines(text: str, *, width: int, bold: bool, size: float) -> list[str]:
    """A head too long for one line breaks after its " - " ("… THI ĐUA - / KHEN THƯỞNG")."""
    if measure(text, size=size, bold=bold) <= width or " - " not in text:
        return [text]
    first, rest = text.rsplit(" - ", 1)
    return [f"{first} -", rest]


def lines_of(value: Any, *, width: int, bold: bool) -> list[str]:
    """The printed lines of a body name: given by the template, or by the default rule."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        given: Sequence[str] = [str(v) for v in value]
    elif "\n" in str(value):
        given = str(value).split("\n")
    else:
        return place_lines(str(value), width=width, bold=bold)
    return [" ".join(line.upper().split()) for line in given if line.strip()]


def rule_width(lines: Sequence[str], *, size: float = HEADER_PT) -> int:
    """N-6: 40 % of the widest line of the issuer, at most as long as its last line."""
    widths = [int(measure(line, size=size, bold=True)) for line in lines if line.strip()]
    if not widths:
        return 0
    return min(int(max(widths) * RULE_SHARE), widths[-1])


@dataclass(frozen=True)
class Header:
    left_percent: float
    parent_lines: list[str]
    issuer_lines: list[str]
    rule_pt: float


def header_context(doc: Any, *, landscape: bool) -> Header:
    """What nd30_base.html prints in the left block (``doc`` is the template's ``doc`` dict)."""
    width = text_width(landscape=landscape)
    share = left_share(width)
    column = int(width * share)
    doc = doc if isinstance(doc, dict) else {}
    issuer = lines_of(doc.get("issuer"), width=column, bold=True)
    return Header(
        left_percent=round(share * 100, 2),
        parent_lines=lines_of(doc.get("issuer_parent"), width=column, bold=False),
        issuer_lines=issuer,
        rule_pt=round(rule_width(issuer) / Pt(1), 2),
    )
