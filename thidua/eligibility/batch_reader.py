"""The batch file (CSV UTF-8 or XLSX, read by ``core.sheets``): one row per check, with the
columns ``Mã đối tượng*, Mã danh hiệu/hình thức*, Năm thành tích*, Ngày nhận hồ sơ, Sáng kiến,
Điểm/khoản đề nghị`` (headers matched without accents or case, as the history import does).

Shared by the page, the API and ``thidua eligibility``. Every row is checked before anything
is stored: an unknown subject or award code (a subject outside the person's scope reads as
unknown), a future achievement year, a malformed date → the whole file is refused with a report
row by row."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import AwardType
from thidua.core.numbers import is_digits
from thidua.core.sheets import (
    HEADER_SEARCH_ROWS,
    ImportFileError,
    Sheet,
    SheetFormat,
    clean_text,
    column_letter,
    normalize_header,
    read_sheet,
    thousands,
)
from thidua.eligibility.engine import Candidate
from thidua.eligibility.engine.evaluate import RULES
from thidua.eligibility.engine.facts import COLLECTIVE_AWARDS
from thidua.organizations.models import Organization
from thidua.organizations.selectors import authority_lineage
from thidua.people.models import Employment

BATCH_MAX_ROWS = 100_000  # a province's year of proposals; core.sheets' default is 20,000
MAX_ERRORS = 1_000  # errors listed; the rest are counted
COMMAND = "thidua eligibility"
CHUNK = 500  # codes per IN list (SQLite's variable limit)
ROUTE_AWARDS = frozenset({"BK_TINH"})
_ROUTE = re.compile(r"^(?:diem\s*)?([a-d])(?:\b|$)")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("subject", "Mã đối tượng", True, ("ma ca nhan", "ma don vi")),
    Column("award", "Mã danh hiệu/hình thức", True, ("ma danh hieu", "ma hinh thuc")),
    Column("year", "Năm thành tích", True, ("nam",)),
    Column("received_on", "Ngày nhận hồ sơ"),
    Column("initiatives", "Sáng kiến", False, ("ma sang kien",)),
    Column("route", "Điểm/khoản đề nghị", False, ("diem de nghi", "khoan de nghi")),
)
INDEX = {
    name: column.key
    for column in COLUMNS
    for name in (normalize_header(column.header), *column.aliases)
}
IGNORED = frozenset({"stt", "ho va ten", "ten", "ghi chu", "don vi"})  # for the person's eyes


@dataclass(frozen=True)
class RowError:
    """Row 0 is the file as a whole."""

    row: int
    column: str
    message: str


@dataclass(frozen=True)
class BatchRow:
    """One checked row; ``received_on`` None: the batch's default date."""

    row: int
    subject_code: str
    award_code: str
    year: int
    received_on: dt.date | None = None
    initiatives: tuple[str, ...] | None = None
    route: str = ""

    def candidate(self, default: dt.date) -> Candidate:
        return Candidate(
            self.subject_code,
            self.award_code,
            self.year,
            self.received_on or default,
            self.row,
            self.received_on is not None,
            self.initiatives,
            self.route,
        )

    def as_json(self) -> list[Any]:
        day = self.received_on.isoformat() if self.received_on else ""
        named = list(self.initiatives) if self.initiatives is not None else None
        return [self.row, self.subject_code, self.award_code, self.year, day, named, self.route]

    @classmethod
    def from_json(cls, data: Sequence[Any]) -> BatchRow:
        row, subject, award, year, day, named, route = data
        received = dt.date.fromisoformat(day) if day else None
        initiatives = tuple(named) if named is not None else None
        return cls(row, subject, award, year, received, initiatives, route)


@dataclass
class BatchFile:
    filename: str
    sha256: str
    rows: list[BatchRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    more_errors: int = 0  # past MAX_ERRORS

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, message))
        else:
            self.more_errors += 1


def _is_header(cells: list[Any]) -> bool:
    return normalize_header(COLUMNS[0].header) in {normalize_header(c) for c in cells if c}


def _missing_header(_sheet: str) -> str:
    return _(
        "Không tìm thấy dòng tiêu đề có cột “{column}” trong {rows} dòng đầu của tệp. Hãy dùng "
        "tệp mẫu."
    ).format(column=COLUMNS[0].header, rows=HEADER_SEARCH_ROWS)


FORMAT = SheetFormat(
    is_header=_is_header,
    missing_header=_missing_header,
    what=_("danh sách kiểm tra"),
    command=COMMAND,
)


def read_batch(
    data: bytes,
    filename: str,
    *,
    authority_id: int | None,
    everything: bool = False,
    max_rows: int = BATCH_MAX_ROWS,
) -> BatchFile:
    """Read and check every row. ``everything`` (the system administrator, the command without
    ``--authority``) knows every subject; otherwise the units of ``authority_id``'s lineage and
    their people (a person by their latest employment)."""
    result = BatchFile(PurePath(filename).name, hashlib.sha256(data).hexdigest())
    try:
        sheet = read_sheet(data, filename, FORMAT, max_rows)
    except ImportFileError as exc:
        result.add(0, "", exc.message)
        return result
    rows = list(_rows(sheet, result))
    if len(rows) > max_rows:  # core.sheets stops a few rows later (it looks for the header)
        result.errors = []
        result.add(0, "", _too_many(max_rows))
        return result
    if result.ok and not rows:
        result.add(0, "", _("Tệp không có dữ liệu (không có dòng nào)."))
    if result.ok or rows:
        _check_codes(rows, result, None if everything else authority_id)
    result.rows = rows if result.ok else []
    result.errors.sort(key=lambda e: e.row)  # stable: a row's errors keep their column order
    return result


def _too_many(max_rows: int) -> str:
    return _("Tệp có quá nhiều dòng: tối đa {limit} dòng mỗi lần nhập; hãy chia nhỏ tệp.").format(
        limit=thousands(max_rows)
    )


def _map_header(cells: list[Any], number: int, result: BatchFile) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for position, cell in enumerate(cells):
        text = normalize_header(cell)
        if not text or text in IGNORED:
            continue
        key = INDEX.get(text)
        letter = column_letter(position)
        if key is None:
            result.add(
                number,
                str(cell).strip(),
                _("Cột “{header}” (cột {letter}) không thuộc mẫu. Các cột: {columns}.").format(
                    header=str(cell).strip(),
                    letter=letter,
                    columns=", ".join(f"“{c.header}”" for c in COLUMNS),
                ),
            )
        elif key in mapping:
            result.add(
                number,
                cell,
                _("Cột “{header}” có hai lần (cột {letter}).").format(
                    header=str(cell).strip(), letter=letter
                ),
            )
        else:
            mapping[key] = position
    for column in COLUMNS:
        if column.required and column.key not in mapping:
            result.add(
                number,
                column.header,
                _("Thiếu cột bắt buộc “{header}”.").format(header=column.header),
            )
    return mapping


def _rows(sheet: Sheet, result: BatchFile) -> Iterator[BatchRow]:
    header = sheet.find_header(_is_header)
    assert header is not None  # read_sheet refused a file without one
    number, cells = header
    mapping = _map_header(cells, number, result)
    if not result.ok:
        return
    today = timezone.localdate()
    for row_number, row_cells in sheet.rows:
        if row_number <= number:
            continue
        values = {
            key: clean_text(row_cells[i]) if i < len(row_cells) else ""
            for key, i in mapping.items()
        }
        if not any(values.values()):
            continue
        row = _read_row(row_number, values, today, result)
        if row is not None:
            yield row


def _header(key: str) -> str:
    return next(c.header for c in COLUMNS if c.key == key)


def _read_row(
    number: int, values: dict[str, str], today: dt.date, result: BatchFile
) -> BatchRow | None:
    before = len(result.errors) + result.more_errors
    subject, award = values.get("subject", ""), values.get("award", "").upper()
    for key in ("subject", "award", "year"):
        if not values.get(key):
            result.add(number, _header(key), _("Thiếu “{header}”.").format(header=_header(key)))
    year = _year(number, values.get("year", ""), today, result)
    received = _date(number, values.get("received_on", ""), result)
    named = _initiatives(number, values.get("initiatives", ""), award, result)
    route = _route(number, values.get("route", ""), award, result)
    if len(result.errors) + result.more_errors > before or year is None:
        # a bad row still has its codes checked, so the report is complete at once
        return BatchRow(number, subject, award, 0) if subject and award else None
    return BatchRow(number, subject, award, year, received, named, route)


def _year(number: int, text: str, today: dt.date, result: BatchFile) -> int | None:
    if not text:
        return None
    header = _header("year")
    if not is_digits(text) or not 1990 <= int(text) <= 9999:
        result.add(
            number,
            header,
            _("Năm thành tích “{value}” không hợp lệ (ghi 4 chữ số, ví dụ 2025).").format(
                value=text
            ),
        )
        return None
    if int(text) > today.year:
        result.add(
            number,
            header,
            _("Năm thành tích {year} sau năm hiện tại ({now}).").format(year=text, now=today.year),
        )
        return None
    return int(text)


def parse_date(text: str) -> dt.date:
    """``dd/mm/yyyy`` or ``yyyy-mm-dd``; ``ValueError`` otherwise."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 -- a calendar day
        except ValueError:
            continue
    raise ValueError(text)


def _date(number: int, text: str, result: BatchFile) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        result.add(
            number,
            _header("received_on"),
            _("Ngày nhận hồ sơ “{value}” không hợp lệ (ghi dd/mm/yyyy, ví dụ 15/01/2026).").format(
                value=text
            ),
        )
        return None


def _initiatives(number: int, text: str, award: str, result: BatchFile) -> tuple[str, ...] | None:
    codes = tuple(dict.fromkeys(c.strip() for c in text.split(";") if c.strip()))
    if not codes:
        return None
    if award in COLLECTIVE_AWARDS:
        result.add(
            number,
            _header("initiatives"),
            _("Cột “Sáng kiến” chỉ dùng cho cá nhân, không dùng cho “{award}”.").format(
                award=award
            ),
        )
    return codes


def _route(number: int, text: str, award: str, result: BatchFile) -> str:
    if not text:
        return ""
    match = _ROUTE.match(normalize_header(text))
    if match is None:
        result.add(
            number,
            _header("route"),
            _(
                "Điểm đề nghị “{value}” không hợp lệ: ghi a, b, c hoặc d (điểm của khoản 1 Điều "
                "74 Luật Thi đua, khen thưởng 2022)."
            ).format(value=text),
        )
        return ""
    if award not in ROUTE_AWARDS:
        result.add(
            number,
            _header("route"),
            _("Cột “Điểm/khoản đề nghị” chỉ dùng cho Bằng khen cấp tỉnh (BK_TINH)."),
        )
    return match.group(1)


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def known_award_codes() -> set[str]:
    """The codes the engine has rules for and those of the catalogue (one query)."""
    return set(RULES) | set(AwardType.objects.values_list("code", flat=True))


def _known_subjects(rows: list[BatchRow], authority_id: int | None) -> tuple[set[str], set[str]]:
    """(person codes, unit codes) known in the scope: a few queries per 500 codes."""
    lineage = set(authority_lineage(authority_id).passed_on) if authority_id else None
    people = {r.subject_code for r in rows if r.award_code not in COLLECTIVE_AWARDS}
    units = {r.subject_code for r in rows if r.award_code in COLLECTIVE_AWARDS}
    known_units = set()
    for chunk in _chunks(units):
        for code, authority in Organization.objects.filter(code__in=chunk).values_list(
            "code", "authority_id"
        ):
            if lineage is None or authority in lineage:
                known_units.add(code)
    known_people = set()
    for chunk in _chunks(people):
        latest: dict[str, tuple[dt.date, int | None]] = {}
        for code, start, authority in Employment.objects.filter(person__code__in=chunk).values_list(
            "person__code", "valid_from", "organization__authority_id"
        ):
            if code not in latest or start > latest[code][0]:
                latest[code] = (start, authority)
        known_people |= {
            code for code, (_s, auth) in latest.items() if lineage is None or auth in lineage
        }
    return known_people, known_units


def _check_codes(rows: list[BatchRow], result: BatchFile, authority_id: int | None) -> None:
    awards = known_award_codes()
    people, units = _known_subjects(rows, authority_id)
    for r in rows:
        if r.award_code not in awards:
            result.add(
                r.row,
                _header("award"),
                _("Mã danh hiệu/hình thức “{code}” không có trong danh mục.").format(
                    code=r.award_code
                ),
            )
        elif r.award_code in COLLECTIVE_AWARDS and r.subject_code not in units:
            result.add(
                r.row,
                _header("subject"),
                _("Không tìm thấy đơn vị mã “{code}” trong phạm vi của bạn.").format(
                    code=r.subject_code
                ),
            )
        elif r.award_code not in COLLECTIVE_AWARDS and r.subject_code not in people:
            result.add(
                r.row,
                _header("subject"),
                _("Không tìm thấy cá nhân mã “{code}” trong phạm vi của bạn.").format(
                    code=r.subject_code
                ),
            )
