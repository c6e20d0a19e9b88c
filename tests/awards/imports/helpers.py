"""History files for the import tests, built in memory (XLSX with named sheets, or one CSV)."""

from __future__ import annotations

import csv
import io
from typing import Any

from tests.awards.history.helpers import award_type, collective_type
from tests.conftest import World

Sheets = dict[str, list[list[Any]]]

HEADERS = {
    "Cá nhân": [
        "Mã cá nhân*",
        "Họ và tên*",
        "Năm sinh",
        "Giới tính",
        "Mã đơn vị*",
        "Đối tượng*",
        "Chức vụ",
        "Từ ngày*",
        "Đến ngày",
        "Dữ liệu đầy đủ từ năm",
    ],
    "Xếp loại": ["Mã cá nhân*", "Năm*", "Mức xếp loại*", "Số tháng công tác"],
    "Sáng kiến": [
        "Mã sáng kiến*",
        "Tên*",
        "Tác giả*",
        "Năm*",
        "Số QĐ công nhận*",
        "Ngày công nhận*",
        "Cơ quan công nhận*",
        "Phạm vi ảnh hưởng*",
        "Hiệu quả",
    ],
    "Khen thưởng": [
        "Đối tượng*",
        "Mã*",
        "Mã danh hiệu/hình thức*",
        "Năm thành tích*",
        "Số quyết định*",
        "Ngày quyết định*",
        "Người/cấp quyết định",
        "Sáng kiến đã dùng",
        "Ghi chú",
    ],
    "Tập thể": [
        "Mã đơn vị*",
        "Năm*",
        "Xếp loại tập thể",
        "Tổng số thành viên*",
        "Số hoàn thành nhiệm vụ*",
        "Số đạt LĐTT*",
        "Số đạt CSTĐCS*",
        "Kỷ luật cao nhất",
    ],
    "Kỷ luật": [
        "Mã cá nhân*",
        "Loại*",
        "Hình thức",
        "Số quyết định",
        "Ngày quyết định*",
        "Từ ngày*",
        "Đến ngày",
    ],
}


def good_sheets(world: World) -> Sheets:
    """Two people of Sở Nội vụ with four years, an initiative used once, a unit's year."""
    award_type()  # T-CSTDCS, individual
    collective_type()  # T-TTLDTT, collective
    unit = world.member.code
    return {
        "Cá nhân": [
            ["CB-001", "Nguyễn Văn An", 1980, "Nam", unit, "công chức", "Chuyên viên", "01/01/2018", "", 2018],
            ["CB-002", "Trần Thị Bình", 1985, "Nữ", unit, "viên chức", "", "01/01/2019", "", ""],
        ],
        "Xếp loại": [
            ["CB-001", 2021, "HTXS", 12],
            ["CB-001", 2022, "HTT", 12],
            ["CB-001", 2023, "Hoàn thành xuất sắc nhiệm vụ", ""],
            ["CB-002", 2023, "HT", 12],
        ],
        "Sáng kiến": [
            ["SK-01", "Số hóa hồ sơ", "CB-001; CB-002", 2023, "20/QĐ-HĐSK", "20/11/2023", "Hội đồng sáng kiến Sở", "cơ sở", ""],
        ],
        "Khen thưởng": [
            ["cá nhân", "CB-001", "T-CSTDCS", 2023, "15/QĐ-SNV", "15/01/2024", "Giám đốc Sở", "SK-01", ""],
            ["tập thể", unit, "T-TTLDTT", 2023, "16/QĐ-SNV", "15/01/2024", "", "", ""],
        ],
        "Tập thể": [[unit, 2023, "HTXS", 40, 40, 32, 5, ""]],
        "Kỷ luật": [["CB-002", "kỷ luật", "khiển trách", "05/QĐ-KL", "10/03/2021", "10/03/2021", "09/03/2022"]],
    }  # fmt: skip


def xlsx_bytes(sheets: Sheets, headers: dict[str, list[str]] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append((headers or HEADERS)[name])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(name: str, rows: list[list[Any]], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS[name])
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)
