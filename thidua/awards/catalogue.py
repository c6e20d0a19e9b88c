"""The catalogue of emulation titles and commendation forms, as data (shared/domain-rules.md §1).

Loaded by a data migration and by ``thidua load-award-catalogue``; loading twice changes
nothing. To correct a row, edit it here and add a migration that calls ``load_catalogue`` again
(rows are matched by ``code`` and ``effective_from``). Confidence marks follow domain-rules.md:
article numbers marked [R] must be checked against the gazette before go-live.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng 2022"
OLD_LAW_START = dt.date(2004, 7, 1)  # the 2003 law took effect on 01/7/2004
NEW_LAW_START = dt.date(2024, 1, 1)  # Luật 06/2022/QH15 took effect on 01/01/2024
ND152_START = dt.date(2025, 7, 1)  # Nghị định 152/2025/NĐ-CP took effect on 01/7/2025


def _basis(article: str) -> str:
    return f"{LAW_2022}, {article} (trước 01/01/2024: {LAW_2003})"


# code, name, category, subject, level, deciding authority, legal basis, confidence, rank,
# effective_from, local_to, variant_of, note. ``local_to`` names the place of a local variant:
# the row belongs to the authority whose name ends with it (``authority_for``) and is loaded
# only once that authority exists (the demo creates Hà Nội's before loading the catalogue).
CATALOGUE: list[dict[str, Any]] = [
    # ---- Danh hiệu thi đua — tập thể
    {
        "code": "CTD_CP",
        "name": "Cờ thi đua của Chính phủ",
        "category": "title",
        "subject": "collective",
        "level": "government",
        "deciding_authority": "Thủ tướng Chính phủ",
        "legal_basis": _basis("Điều 25"),
        "confidence": "S",
        "rank": 100,
        "effective_from": OLD_LAW_START,
        "note": "Tặng hằng năm cho tập thể tiêu biểu xuất sắc trong số các tập thể dẫn đầu cụm, "
        "khối thi đua do bộ, ngành, tỉnh tổ chức. Tỷ lệ đề nghị tối đa (nếu có) do cơ quan "
        "quy định, không có mức chung toàn quốc theo Luật 2022.",
    },
    {
        "code": "CTD_TINH",
        "name": "Cờ thi đua của bộ, ban, ngành, tỉnh",
        "category": "title",
        "subject": "collective",
        "level": "province",
        "deciding_authority": "Bộ trưởng, Thủ trưởng cơ quan trung ương, Chủ tịch UBND tỉnh",
        "legal_basis": _basis("Điều 26"),
        "confidence": "S",
        "rank": 80,
        "effective_from": OLD_LAW_START,
        "note": "Tặng hằng năm cho tập thể dẫn đầu cụm, khối thi đua, qua bình xét, so sánh "
        "trong cụm, khối.",
    },
    {
        "code": "CTD_XS_HN",
        "name": "Cờ thi đua xuất sắc của UBND Thành phố",
        "category": "title",
        "subject": "collective",
        "level": "province",
        "deciding_authority": "Chủ tịch UBND Thành phố Hà Nội",
        "legal_basis": "Quy định về công tác thi đua, khen thưởng của UBND Thành phố Hà Nội "
        "(QĐ 09/2020/QĐ-UBND và các quy định trước đó); cần kiểm tra điều khoản",
        "confidence": "R",
        "rank": 90,
        "effective_from": OLD_LAW_START,
        "local_to": "Hà Nội",
        "variant_of": "CTD_TINH",
        "note": "Danh hiệu riêng của Hà Nội, cao hơn Cờ thi đua của UBND Thành phố. Bản tin Cụm "
        "thi đua số 7 năm 2021: “100% các đơn vị trong Cụm đăng ký thi đua từ Cờ thi đua xuất "
        "sắc của UBND Thành phố trở lên”. Ngày bắt đầu áp dụng chưa xác minh.",
    },
    {
        "code": "CTD_TP_HN",
        "name": "Cờ thi đua của UBND Thành phố",
        "category": "title",
        "subject": "collective",
        "level": "province",
        "deciding_authority": "Chủ tịch UBND Thành phố Hà Nội",
        "legal_basis": _basis("Điều 26"),
        "confidence": "R",
        "rank": 80,
        "effective_from": OLD_LAW_START,
        "local_to": "Hà Nội",
        "variant_of": "CTD_TINH",
        "note": "Tên gọi tại Hà Nội của Cờ thi đua cấp tỉnh.",
    },
    {
        "code": "CTD_6X",
        "name": "Cờ thi đua của quân khu, quân đoàn, quân chủng, binh chủng, tổng cục (Bộ Quốc "
        "phòng), Ban Cơ yếu Chính phủ, Đại học Quốc gia",
        "category": "title",
        "subject": "collective",
        "level": "province",
        "deciding_authority": "Người đứng đầu quân khu, quân đoàn, quân chủng, binh chủng, tổng "
        "cục; Trưởng Ban Cơ yếu Chính phủ; Giám đốc Đại học Quốc gia",
        "legal_basis": "Nghị định 152/2025/NĐ-CP, Điều 50 (mức thưởng 6 lần lương cơ sở)",
        "confidence": "S-mirror",
        "rank": 70,
        "effective_from": ND152_START,
        "note": "Chỉ thấy trong bản sao của bên thứ ba của Nghị định 152/2025: cần đối chiếu "
        "Công báo. Thẩm quyền quyết định chưa xác minh [R].",
    },
    {
        "code": "TTLDXS",
        "name": "Tập thể lao động xuất sắc",
        "category": "title",
        "subject": "collective",
        "level": "province",
        "deciding_authority": "Bộ trưởng, Thủ trưởng cơ quan trung ương, Chủ tịch UBND tỉnh",
        "legal_basis": _basis("Điều 27"),
        "confidence": "S",
        "rank": 60,
        "effective_from": OLD_LAW_START,
        "note": "Hoàn thành xuất sắc nhiệm vụ; 100% thành viên hoàn thành nhiệm vụ, ít nhất 70% "
        "đạt Lao động tiên tiến; có cá nhân đạt Chiến sĩ thi đua cơ sở.",
    },
    {
        "code": "DVQT",
        "name": "Đơn vị quyết thắng",
        "category": "title",
        "subject": "collective",
        "level": "province",
        "deciding_authority": "Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an",
        "legal_basis": _basis("Điều 27"),
        "confidence": "S",
        "rank": 60,
        "effective_from": OLD_LAW_START,
        "note": "Tương đương Tập thể lao động xuất sắc, dành cho lực lượng vũ trang.",
    },
    {
        "code": "XA_TIEU_BIEU",
        "name": "Xã, phường, thị trấn (đặc khu) tiêu biểu",
        "category": "title",
        "subject": "collective",
        "level": "province",
        "deciding_authority": "Chủ tịch UBND tỉnh",
        "legal_basis": f"{LAW_2022}; mức thưởng theo Nghị định 152/2025/NĐ-CP",
        "confidence": "S",
        "rank": 50,
        "effective_from": NEW_LAW_START,
        "note": "Từ 01/7/2025 gồm cả đặc khu (chính quyền địa phương hai cấp); tên gọi sau "
        "01/7/2025 chưa thống nhất giữa các nguồn [R].",
    },
    {
        "code": "TTLDTT",
        "name": "Tập thể lao động tiên tiến",
        "category": "title",
        "subject": "collective",
        "level": "grassroots",
        "deciding_authority": "Thủ trưởng đơn vị; Chủ tịch UBND cấp xã (từ 01/7/2025)",
        "legal_basis": _basis("Điều 28, Điều 80"),
        "confidence": "S",
        "rank": 40,
        "effective_from": OLD_LAW_START,
        "note": "Hoàn thành tốt nhiệm vụ; tỷ lệ thành viên đạt Lao động tiên tiến do bộ, tỉnh "
        "quy định (khoản 3 Điều 28 Luật 2022 giao), không có mức chung toàn quốc.",
    },
    {
        "code": "DVTT",
        "name": "Đơn vị tiên tiến",
        "category": "title",
        "subject": "collective",
        "level": "grassroots",
        "deciding_authority": "Thủ trưởng đơn vị (lực lượng vũ trang)",
        "legal_basis": _basis("Điều 28"),
        "confidence": "S",
        "rank": 40,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "THON_VAN_HOA",
        "name": "Thôn, tổ dân phố văn hóa",
        "category": "title",
        "subject": "collective",
        "level": "grassroots",
        "deciding_authority": "Chủ tịch UBND cấp xã",
        "legal_basis": _basis("Điều 80; Nghị định 129/2025/NĐ-CP"),
        "confidence": "S",
        "rank": 20,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "GD_VH",
        "name": "Gia đình văn hóa",
        "category": "title",
        "subject": "household",
        "level": "grassroots",
        "deciding_authority": "Chủ tịch UBND cấp xã",
        "legal_basis": _basis("Điều 80; Nghị định 129/2025/NĐ-CP"),
        "confidence": "S",
        "rank": 10,
        "effective_from": OLD_LAW_START,
    },
    # ---- Danh hiệu thi đua — cá nhân
    {
        "code": "CSTDTQ",
        "name": "Chiến sĩ thi đua toàn quốc",
        "category": "title",
        "subject": "individual",
        "level": "government",
        "deciding_authority": "Thủ tướng Chính phủ",
        "legal_basis": _basis("Điều 21"),
        "confidence": "S",
        "rank": 100,
        "effective_from": OLD_LAW_START,
        "note": "Từ cá nhân có 2 lần liên tục đạt Chiến sĩ thi đua cấp bộ, tỉnh và có sáng kiến "
        "ảnh hưởng toàn quốc.",
    },
    {
        "code": "CSTD_TINH",
        "name": "Chiến sĩ thi đua bộ, ban, ngành, tỉnh",
        "category": "title",
        "subject": "individual",
        "level": "province",
        "deciding_authority": "Bộ trưởng, Thủ trưởng cơ quan trung ương, Chủ tịch UBND tỉnh",
        "legal_basis": _basis("Điều 22"),
        "confidence": "S",
        "rank": 80,
        "effective_from": OLD_LAW_START,
        "note": "Từ cá nhân có 3 lần liên tục đạt Chiến sĩ thi đua cơ sở.",
    },
    {
        "code": "CSTDCS",
        "name": "Chiến sĩ thi đua cơ sở",
        "category": "title",
        "subject": "individual",
        "level": "grassroots",
        "deciding_authority": "Thủ trưởng đơn vị; Chủ tịch UBND cấp xã (từ 01/7/2025)",
        "legal_basis": _basis("Điều 23, Điều 80"),
        "confidence": "S",
        "rank": 60,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "LDTT",
        "name": "Lao động tiên tiến",
        "category": "title",
        "subject": "individual",
        "level": "grassroots",
        "deciding_authority": "Thủ trưởng đơn vị; Chủ tịch UBND cấp xã",
        "legal_basis": _basis("Điều 24, Điều 80"),
        "confidence": "S",
        "rank": 40,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "CSTT",
        "name": "Chiến sĩ tiên tiến",
        "category": "title",
        "subject": "individual",
        "level": "grassroots",
        "deciding_authority": "Thủ trưởng đơn vị (lực lượng vũ trang)",
        "legal_basis": _basis("Điều 24"),
        "confidence": "S",
        "rank": 40,
        "effective_from": OLD_LAW_START,
    },
    # ---- Hình thức khen thưởng (Luật 2022, Điều 9)
    {
        "code": "DHVD",
        "name": "Danh hiệu vinh dự Nhà nước",
        "category": "form",
        "subject": "any",
        "level": "state",
        "deciding_authority": "Chủ tịch nước",
        "legal_basis": _basis("Điều 9"),
        "confidence": "S",
        "rank": 110,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "GIAI_THUONG",
        "name": "Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước",
        "category": "form",
        "subject": "any",
        "level": "state",
        "deciding_authority": "Chủ tịch nước",
        "legal_basis": _basis("Điều 9"),
        "confidence": "S",
        "rank": 105,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "HUAN_CHUONG",
        "name": "Huân chương",
        "category": "form",
        "subject": "any",
        "level": "state",
        "deciding_authority": "Chủ tịch nước",
        "legal_basis": _basis("Điều 9"),
        "confidence": "S",
        "rank": 100,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "HUY_CHUONG",
        "name": "Huy chương",
        "category": "form",
        "subject": "individual",
        "level": "state",
        "deciding_authority": "Chủ tịch nước",
        "legal_basis": _basis("Điều 9"),
        "confidence": "S",
        "rank": 90,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "BK_TTG",
        "name": "Bằng khen của Thủ tướng Chính phủ",
        "category": "form",
        "subject": "any",
        "level": "government",
        "deciding_authority": "Thủ tướng Chính phủ",
        "legal_basis": _basis("Điều 73"),
        "confidence": "S",
        "rank": 80,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "BK_TINH",
        "name": "Bằng khen của bộ, ban, ngành, tỉnh",
        "category": "form",
        "subject": "any",
        "level": "province",
        "deciding_authority": "Bộ trưởng, Thủ trưởng cơ quan trung ương, Chủ tịch UBND tỉnh",
        "legal_basis": _basis("Điều 74"),
        "confidence": "S",
        "rank": 60,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "BK_TP_HN",
        "name": "Bằng khen của UBND Thành phố",
        "category": "form",
        "subject": "any",
        "level": "province",
        "deciding_authority": "Chủ tịch UBND Thành phố Hà Nội",
        "legal_basis": _basis("Điều 74"),
        "confidence": "S",
        "rank": 60,
        "effective_from": OLD_LAW_START,
        "local_to": "Hà Nội",
        "variant_of": "BK_TINH",
        "note": "Tên gọi tại Hà Nội của Bằng khen cấp tỉnh.",
    },
    {
        "code": "KNC",
        "name": "Kỷ niệm chương",
        "category": "form",
        "subject": "individual",
        "level": "province",
        "deciding_authority": "Bộ trưởng, Thủ trưởng cơ quan trung ương",
        "legal_basis": _basis("Điều 9"),
        "confidence": "R",
        "rank": 50,
        "effective_from": OLD_LAW_START,
    },
    {
        "code": "GK",
        "name": "Giấy khen",
        "category": "form",
        "subject": "any",
        "level": "grassroots",
        "deciding_authority": "Thủ trưởng đơn vị; Chủ tịch UBND cấp xã",
        "legal_basis": _basis("Điều 75, Điều 80"),
        "confidence": "S-mirror",
        "rank": 40,
        "effective_from": OLD_LAW_START,
    },
]

FIELDS = (
    "name",
    "category",
    "subject",
    "level",
    "deciding_authority",
    "legal_basis",
    "confidence",
    "rank",
    "note",
    "effective_to",
    "annual",
)


# Emulation titles are given per achievement year (never twice for one year); forms are not.
DEFAULTS: dict[str, Any] = {"effective_to": None, "annual": None}


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def authority_for(place: str, authorities: list[Any]) -> Any:
    """The authority a local variant of ``place`` ("Hà Nội") belongs to: the one whose name ends
    with the place ("Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội"), else whose province is the
    place (what the free-text province used to match), a provincial one before
    others, one still active before one that ended, the oldest first; ``None`` when none does.
    Shared by the loader and the migration that replaced the free-text province (0008)."""
    wanted = _folded(place)
    if not wanted:
        return None
    found = [a for a in authorities if _folded(a.name).endswith(wanted)] or [
        a for a in authorities if _folded(a.province) == wanted
    ]
    found.sort(key=lambda a: (a.level != "province", a.valid_to is not None, a.pk))
    return found[0] if found else None


def _place_values(row: dict[str, Any], known: set[str], authorities: list[Any]) -> Any:
    """``{"authority": …}`` (or the older ``{"province": …}`` of a historical model in a
    migration) for a row; ``None`` when the row is a local variant whose authority is absent."""
    place = row.get("local_to", "")
    if "province" in known:
        return {"province": place}
    if not place:
        return {"authority": None}
    authority = authority_for(place, authorities)
    return {"authority": authority} if authority is not None else None


def load_catalogue(award_model: Any) -> tuple[int, int]:
    """Create or update the catalogue rows; returns (created, updated). Idempotent. A local
    variant is loaded only when its authority exists (``authority_for``).

    ``award_model`` is the AwardType class (the historical one inside a migration).
    """
    created = updated = 0
    by_code: dict[str, Any] = {}
    # A migration's historical model may predate a field (``annual`` came in 0005; ``province``
    # became ``authority`` in 0008).
    known = {f.name for f in award_model._meta.get_fields()}
    fields = [f for f in FIELDS if f in known]
    authorities = (
        list(award_model._meta.get_field("authority").related_model.objects.all())
        if "authority" in known
        else []
    )
    # Two passes: national rows first so that variants can point at them.
    for order, row in sorted(
        enumerate(CATALOGUE, start=1), key=lambda pair: bool(pair[1].get("variant_of"))
    ):
        place = _place_values(row, known, authorities)
        if place is None:
            continue
        values = {field: row.get(field, DEFAULTS.get(field, "")) for field in fields}
        values.update(place)
        if "annual" in values and values["annual"] is None:
            values["annual"] = row["category"] == "title"
        values["sort_order"] = order * 10
        variant = row.get("variant_of")
        values["variant_of"] = by_code[variant] if variant else None
        obj, made = _save_row(award_model, row, values)
        created += made == "created"
        updated += made == "updated"
        by_code[row["code"]] = obj
    return created, updated


def _save_row(award_model: Any, row: dict[str, Any], values: dict[str, Any]) -> tuple[Any, str]:
    obj = award_model.objects.filter(code=row["code"], effective_from=row["effective_from"]).first()
    if obj is None:
        obj = award_model.objects.create(
            code=row["code"], effective_from=row["effective_from"], **values
        )
        return obj, "created"
    changed = [f for f, v in values.items() if getattr(obj, f) != v]
    if not changed:
        return obj, ""
    for field in changed:
        setattr(obj, field, values[field])
    obj.save(update_fields=[*changed, "updated"])
    return obj, "updated"
