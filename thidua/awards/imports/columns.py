"""The sheets of a history file and their columns (docs/import-history.md), and how each cell is
read. Headers are matched folded (case, accents, spacing and “(…)” ignored); a row whose “STT”
cell says “Ví dụ” is the template's example and is skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from thidua.clusters.imports.columns import CellError, parse_date, parse_year
from thidua.core.numbers import is_digits
from thidua.core.sheets import clean_text, normalize_header
from thidua.people.enums import (
    DisciplineKind,
    DisciplineLevel,
    Gender,
    InitiativeScope,
    StaffCategory,
)

EXAMPLE_MARK = "vi du"  # the folded “Ví dụ” of the STT column
IGNORED = frozenset({"stt", "tt", "so tt"})


def _words(mapping: dict[str, Any]) -> Callable[[object], Any]:
    """A reader for a choice written in words: the folded text → the value."""
    folded = {normalize_header(k): v for k, v in mapping.items()}

    def read(value: object) -> Any:
        text = normalize_header(clean_text(value))
        if text in folded:
            return folded[text]
        raise CellError(
            gettext("“{value}” không hợp lệ; hãy ghi một trong: {choices}.").format(
                value=clean_text(value), choices=", ".join(k for k in mapping)
            )
        )

    return read


def _text(value: object) -> str:
    return clean_text(value)


def _int(value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value)
    if not is_digits(text):
        raise CellError(gettext("“{value}” không phải số nguyên không âm.").format(value=text))
    return int(text)


def _year(value: object) -> int | None:
    return parse_year(value)


def _date(value: object) -> dt.date | None:
    return parse_date(value)


def _codes(value: object) -> list[str]:
    """'A; B, C' → ['A', 'B', 'C'] in order, without repeats."""
    text = clean_text(value).replace(",", ";")
    found: list[str] = []
    for part in text.split(";"):
        code = part.strip()
        if code and code not in found:
            found.append(code)
    return found


def _rating_text(value: object) -> str:
    return clean_text(value)  # read by people.validators.parse_rating, the services' reader


CATEGORY = _words(
    {
        "cán bộ": StaffCategory.CADRE,
        "công chức": StaffCategory.CIVIL_SERVANT,
        "viên chức": StaffCategory.PUBLIC_EMPLOYEE,
        "người lao động": StaffCategory.WORKER,
    }
)
GENDER = _words({"nam": Gender.MALE, "nữ": Gender.FEMALE})
SUBJECT = _words({"cá nhân": "person", "tập thể": "organization"})
SCOPE = _words(
    {
        "cơ sở": InitiativeScope.UNIT,
        "xã": InitiativeScope.COMMUNE,
        "cấp xã": InitiativeScope.COMMUNE,
        "tỉnh-bộ": InitiativeScope.PROVINCE,
        "cấp tỉnh": InitiativeScope.PROVINCE,
        "toàn quốc": InitiativeScope.NATIONAL,
    }
)
DISCIPLINE_KIND = _words(
    {"kỷ luật": DisciplineKind.DISCIPLINE, "đang xem xét": DisciplineKind.PENDING}
)
DISCIPLINE_LEVEL = _words(
    {
        "khiển trách": DisciplineLevel.REPRIMAND,
        "cảnh cáo": DisciplineLevel.WARNING,
        "hạ bậc lương": DisciplineLevel.DEMOTION,
        "giáng chức": DisciplineLevel.DEMOTION,
        "cách chức": DisciplineLevel.DISMISSAL,
        "buộc thôi việc": DisciplineLevel.FORCED_RESIGNATION,
    }
)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    read: Callable[[object], Any]
    help: Any  # lazy Vietnamese text
    example: Any

    @property
    def label(self) -> str:
        return f"{self.header}*" if self.required else self.header


@dataclass(frozen=True)
class SheetSpec:
    key: str
    name: str
    help: Any
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def index(self) -> dict[str, str]:
        return {normalize_header(c.header): c.key for c in self.columns}


_ = gettext_lazy  # column help is read when shown, in the reader's language
PERSONS = SheetSpec(
    "persons",
    "Cá nhân",
    _("Một dòng cho mỗi quá trình công tác; người đã có thì không bị sửa."),
    (
        Column(
            "code",
            "Mã cá nhân",
            True,
            _text,
            _("Mã cán bộ của đơn vị (không dùng số CCCD)."),
            "CB-0001",
        ),
        Column("name", "Họ và tên", True, _text, _("Họ và tên đầy đủ, có dấu."), "Nguyễn Văn An"),
        Column("birth_year", "Năm sinh", False, _year, _("4 chữ số."), 1980),
        Column("gender", "Giới tính", False, GENDER, _("Nam hoặc Nữ."), "Nam"),
        Column("unit", "Mã đơn vị", True, _text, _("Mã đơn vị nơi công tác."), ""),
        Column(
            "category",
            "Đối tượng",
            True,
            CATEGORY,
            _("cán bộ, công chức, viên chức hoặc người lao động."),
            "công chức",
        ),
        Column(
            "position", "Chức vụ", False, _text, _("Chức vụ trong thời gian này."), "Chuyên viên"
        ),
        Column(
            "valid_from",
            "Từ ngày",
            True,
            _date,
            _("Ngày bắt đầu công tác tại đơn vị (dd/mm/yyyy)."),
            "01/01/2018",
        ),
        Column("valid_to", "Đến ngày", False, _date, _("Để trống nếu đang công tác."), ""),
        Column(
            "history_from",
            "Dữ liệu đầy đủ từ năm",
            False,
            _year,
            _("Năm đầu tiên có đủ dữ liệu; các năm trước là chưa biết."),
            2018,
        ),
    ),
)
RATINGS = SheetSpec(
    "ratings",
    "Xếp loại",
    _("Xếp loại mức độ hoàn thành nhiệm vụ của từng năm; một dòng cho mỗi người, mỗi năm."),
    (
        Column(
            "person",
            "Mã cá nhân",
            True,
            _text,
            _("Mã cá nhân đã có hoặc ở trang “Cá nhân”."),
            "CB-0001",
        ),
        Column("year", "Năm", True, _year, _("Năm được xếp loại, không sau năm hiện tại."), 2023),
        Column(
            "rating",
            "Mức xếp loại",
            True,
            _rating_text,
            _("HTXS, HTT, HT, KHT hoặc ghi bằng chữ."),
            "HTXS",
        ),
        Column("months", "Số tháng công tác", False, _int, _("Từ 0 đến 12."), 12),
    ),
)
AWARDS = SheetSpec(
    "awards",
    "Khen thưởng",
    _("Danh hiệu, hình thức khen thưởng đã nhận, có quyết định."),
    (
        Column("subject", "Đối tượng", True, SUBJECT, _("cá nhân hoặc tập thể."), "cá nhân"),
        Column(
            "code", "Mã", True, _text, _("Mã cá nhân, hoặc mã đơn vị nếu là tập thể."), "CB-0001"
        ),
        Column(
            "award",
            "Mã danh hiệu/hình thức",
            True,
            _text,
            _("Mã trong danh mục khen thưởng (trang Danh mục)."),
            "CSTDCS",
        ),
        Column(
            "year",
            "Năm thành tích",
            True,
            _year,
            _("Năm của thành tích, không sau năm hiện tại."),
            2023,
        ),
        Column(
            "decision_number",
            "Số quyết định",
            True,
            _text,
            _("Số quyết định khen thưởng."),
            "15/QĐ-SNV",
        ),
        Column("decision_date", "Ngày quyết định", True, _date, _("dd/mm/yyyy."), "15/01/2024"),
        Column(
            "decided_by",
            "Người/cấp quyết định",
            False,
            _text,
            _("Ai ký quyết định."),
            "Giám đốc Sở",
        ),
        Column(
            "initiatives",
            "Sáng kiến đã dùng",
            False,
            _codes,
            _("Mã sáng kiến, cách nhau bằng dấu “;”. Mỗi sáng kiến chỉ dùng một lần."),
            "SK-2023-01",
        ),
        Column("note", "Ghi chú", False, _text, _("Thành tích hoặc ghi chú khác."), ""),
    ),
)
INITIATIVES = SheetSpec(
    "initiatives",
    "Sáng kiến",
    _("Sáng kiến, đề tài đã được công nhận; một dòng cho mỗi sáng kiến."),
    (
        Column("code", "Mã sáng kiến", True, _text, _("Mã duy nhất của sáng kiến."), "SK-2023-01"),
        Column("title", "Tên", True, _text, _("Tên sáng kiến."), "Số hóa hồ sơ thi đua"),
        Column(
            "authors",
            "Tác giả",
            True,
            _codes,
            _("Mã cá nhân của các tác giả, cách nhau bằng “;”."),
            "CB-0001",
        ),
        Column("year", "Năm", True, _year, _("Năm công nhận."), 2023),
        Column(
            "recognition_ref",
            "Số QĐ công nhận",
            True,
            _text,
            _("Số quyết định công nhận."),
            "20/QĐ-HĐSK",
        ),
        Column("recognised_on", "Ngày công nhận", True, _date, _("dd/mm/yyyy."), "20/11/2023"),
        Column(
            "recognised_by",
            "Cơ quan công nhận",
            True,
            _text,
            _("Hội đồng hoặc cơ quan công nhận."),
            "Hội đồng sáng kiến Sở",
        ),
        Column(
            "scope",
            "Phạm vi ảnh hưởng",
            True,
            SCOPE,
            _("cơ sở, xã, tỉnh-bộ hoặc toàn quốc."),
            "cơ sở",
        ),
        Column("effect", "Hiệu quả", False, _text, _("Hiệu quả áp dụng."), ""),
    ),
)
COLLECTIVES = SheetSpec(
    "collectives",
    "Tập thể",
    _("Số liệu năm của tập thể; một dòng cho mỗi đơn vị, mỗi năm."),
    (
        Column("unit", "Mã đơn vị", True, _text, _("Mã đơn vị."), ""),
        Column("year", "Năm", True, _year, _("Không sau năm hiện tại."), 2023),
        Column(
            "rating", "Xếp loại tập thể", False, _rating_text, _("HTXS, HTT, HT hoặc KHT."), "HTXS"
        ),
        Column("members", "Tổng số thành viên", True, _int, _("Lớn hơn 0."), 40),
        Column(
            "completed",
            "Số hoàn thành nhiệm vụ",
            True,
            _int,
            _("Không quá tổng số thành viên."),
            40,
        ),
        Column("ldtt", "Số đạt LĐTT", True, _int, _("Số đạt Lao động tiên tiến."), 32),
        Column("cstdcs", "Số đạt CSTĐCS", True, _int, _("Số đạt Chiến sĩ thi đua cơ sở."), 5),
        Column(
            "max_discipline",
            "Kỷ luật cao nhất",
            False,
            DISCIPLINE_LEVEL,
            _("Hình thức kỷ luật nặng nhất trong năm, nếu có."),
            "",
        ),
    ),
)
DISCIPLINES = SheetSpec(
    "disciplines",
    "Kỷ luật",
    _("Kỷ luật, hoặc việc đang bị thanh tra, kiểm tra, xem xét."),
    (
        Column("person", "Mã cá nhân", True, _text, _("Mã cá nhân."), "CB-0001"),
        Column("kind", "Loại", True, DISCIPLINE_KIND, _("kỷ luật hoặc đang xem xét."), "kỷ luật"),
        Column(
            "level",
            "Hình thức",
            False,
            DISCIPLINE_LEVEL,
            _(
                "Bắt buộc với kỷ luật: khiển trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, buộc thôi việc."
            ),
            "khiển trách",
        ),
        Column(
            "decision_ref", "Số quyết định", False, _text, _("Số quyết định kỷ luật."), "05/QĐ-KL"
        ),
        Column("decided_on", "Ngày quyết định", True, _date, _("dd/mm/yyyy."), "10/03/2021"),
        Column(
            "effective_from", "Từ ngày", True, _date, _("Ngày bắt đầu có hiệu lực."), "10/03/2021"
        ),
        Column(
            "effective_to",
            "Đến ngày",
            False,
            _date,
            _("Để trống nếu chưa hết hiệu lực."),
            "09/03/2022",
        ),
    ),
)
SHEETS: tuple[SheetSpec, ...] = (PERSONS, RATINGS, INITIATIVES, AWARDS, COLLECTIVES, DISCIPLINES)
SHEET_BY_NAME = {normalize_header(s.name): s for s in SHEETS}
