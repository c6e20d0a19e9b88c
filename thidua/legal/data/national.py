"""The national rule sets as corrected data (docs/dev/awards-design.md §2.4).

Read by the data migration ``0004_correct_national_sets``: edit nothing here for a published
version; a correction is a new version (clone → publish). ``—`` in the design table = absent.
Ratios are (numerator, denominator) with an operator; never floats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

D = dt.date


@dataclass(frozen=True)
class Instrument:
    code: str
    kind: str
    number: str
    short_name: str
    title: str
    issuer: str
    signed_on: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    replaced_by: str = ""
    dates_mark: str = "S"
    source_note: str = ""


@dataclass(frozen=True)
class Param:
    code: str
    value: Any
    operator: str | None = None
    instrument: str = ""
    article: str = ""
    mark: str = "S"
    award_code: str = ""
    note: str = ""


@dataclass(frozen=True)
class Version:
    code: str
    name: str
    legal_basis: str
    family: str
    effective_from: dt.date
    effective_to: dt.date | None
    achievement_year_from: int | None
    achievement_year_to: int | None
    instruments: tuple[str, ...]
    params: tuple[Param, ...] = field(default=())
    change_note: str = ""


QH, CP, BNV = "Quốc hội", "Chính phủ", "Bộ Nội vụ"
INSTRUMENTS = (
    Instrument(
        "LUAT-2003",
        "law",
        "15/2003/QH11",
        "Luật TĐKT 2003",
        "Luật Thi đua, khen thưởng (sửa đổi 2005, 2009, 2013)",
        QH,
        D(2003, 11, 26),
        D(2004, 7, 1),
        D(2023, 12, 31),
        "LUAT-2022",
    ),
    Instrument(
        "LUAT-2022",
        "law",
        "06/2022/QH15",
        "Luật TĐKT 2022",
        "Luật Thi đua, khen thưởng",
        QH,
        D(2022, 6, 15),
        D(2024, 1, 1),
    ),
    Instrument(
        "ND-91-2017",
        "decree",
        "91/2017/NĐ-CP",
        "NĐ 91/2017",
        "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        CP,
        D(2017, 7, 31),
        D(2017, 10, 1),
        D(2023, 12, 31),
        "ND-98-2023",
        "S-old",
    ),
    Instrument(
        "ND-98-2023",
        "decree",
        "98/2023/NĐ-CP",
        "NĐ 98/2023",
        "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        CP,
        D(2023, 12, 31),
        D(2024, 1, 1),
        D(2025, 6, 30),
        "ND-152-2025",
    ),
    Instrument(
        "ND-152-2025",
        "decree",
        "152/2025/NĐ-CP",
        "NĐ 152/2025",
        "Phân cấp, phân quyền và quy định chi tiết Luật Thi đua, khen thưởng",
        CP,
        D(2025, 6, 14),
        D(2025, 7, 1),
    ),
    Instrument(
        "TT-15-2025",
        "circular",
        "15/2025/TT-BNV",
        "TT 15/2025",
        "Hướng dẫn thi hành Luật Thi đua, khen thưởng và Nghị định 152/2025/NĐ-CP",
        BNV,
        D(2025, 8, 4),
        None,
        None,
        "",
        "R",
    ),
    Instrument(
        "ND-129-2025",
        "decree",
        "129/2025/NĐ-CP",
        "NĐ 129/2025",
        "Phân định thẩm quyền của chính quyền địa phương hai cấp lĩnh vực nội vụ",
        CP,
        None,
        D(2025, 7, 1),
    ),
    Instrument(
        "ND-73-2024",
        "decree",
        "73/2024/NĐ-CP",
        "NĐ 73/2024",
        "Quy định mức lương cơ sở",
        CP,
        None,
        D(2024, 7, 1),
        None,
        "",
        "S-mirror",
    ),
    Instrument(
        "CV-5007-2023",
        "guidance",
        "5007/BNV-TĐKT",
        "CV 5007/BNV-TĐKT",
        "Nâng cao chất lượng công tác thi đua, khen thưởng",
        BNV,
        D(2023, 9, 5),
    ),
    Instrument(
        "CV-3385-2023",
        "guidance",
        "3385/BTĐKT-P.II",
        "CV 3385/BTĐKT-P.II",
        "Nâng cao chất lượng khen thưởng",
        "Ban Thi đua - Khen thưởng Trung ương",
        D(2023, 11, 20),
    ),
)

L22 = "LUAT-2022"
ART22, ART23, ART27 = "Điều 22", "Điều 23", "Điều 27"
ART74, ART73 = "điểm d khoản 1 Điều 74", "điểm b khoản 1 Điều 73"


def _law_2022_individuals() -> tuple[Param, ...]:
    """The individual titles of Law 2022, the same under ND 98 and ND 152."""
    return (
        Param("ldtt_min_rating", "HTT", "gte", L22, "điểm a khoản 1 Điều 24"),
        Param("cstdcs_requires_title", "LDTT", None, L22, ART23),
        Param("cstdcs_alt_min_rating", "HTXS", "gte", L22, ART23),
        Param("cstdcs_initiative_min_scope", "unit", "gte", L22, ART23),
        Param("cstd_tinh_consecutive_cstdcs", 3, "gte", L22, ART22),
        Param("cstd_tinh_initiative_min_scope", "province", "gte", L22, ART22),
        Param("cstdtq_consecutive_cstd_tinh", 2, "gte", L22, "Điều 21"),
        Param("cstdtq_initiative_min_scope", "national", "gte", L22, "Điều 21"),
        Param(
            "cstdtq_max_years_after_chain",
            1,
            "lte",
            L22,
            "Điều 21",
            "R",
            note="Thực tiễn: xét vào năm liền sau (ja.laodong.vn)",
        ),
    )


def _law_2022_core() -> tuple[Param, ...]:
    """The standards of Law 2022, the same under ND 98 and ND 152."""
    return _law_2022_individuals() + _law_2022_collectives_and_forms()


def _law_2022_collectives_and_forms() -> tuple[Param, ...]:
    """The commendation forms and the collective titles of Law 2022 (ND 98 and ND 152 alike)."""
    return (
        Param("bk_tinh_consecutive_cstdcs", 2, "gte", L22, ART74),
        Param("bk_tinh_alt_rating_years", 2, "gte", L22, ART74),
        Param("bk_tinh_alt_min_rating", "HTXS", "gte", L22, ART74),
        Param("bk_tinh_alt_initiatives", 2, "gte", L22, ART74),
        Param("bk_tinh_alt_initiative_min_scope", "unit", "gte", L22, ART74),
        Param("bk_ttg_rating_years", 5, "gte", L22, ART73),
        Param("bk_ttg_min_rating", "HTT", "gte", L22, ART73),
        Param("bk_ttg_cstdcs_in_period", 3, "gte", L22, ART73),
        Param("bk_ttg_prior_award", "BK_TINH", None, L22, ART73),
        Param("ttldxs_min_rating", "HTXS", "gte", L22, ART27),
        Param("ttldxs_min_ratio_completed", (1, 1), "gte", L22, ART27),
        Param("ttldxs_min_ratio_ldtt", (7, 10), "gte", L22, ART27),
        Param("ttldxs_min_cstdcs", 1, "gte", L22, ART27),
        Param(
            "ttldtt_min_rating",
            "HTT",
            "gte",
            L22,
            "Điều 28",
            "R",
            note="Cách hiểu theo Luật 2022 (T-TTLDTT-1)",
        ),
        Param("ctd_tinh_requires_cluster_lead", True, None, L22, "khoản 1 Điều 26"),
        Param(
            "cluster_leaders_per_cluster",
            1,
            "lte",
            L22,
            "khoản 1 Điều 26",
            "R",
            note="Số lượng theo thực tiễn các tỉnh",
        ),
        Param("ctdcp_requires_cluster_lead", True, None, L22, "khoản 1 Điều 25"),
        Param("one_award_per_achievement", True, None, L22, "khoản 2 Điều 5"),
        Param(
            "initiative_single_use",
            True,
            None,
            "CV-5007-2023",
            "",
            "S",
            note="Cùng CV 3385/BTĐKT-P.II (D-6)",
        ),
        Param("reward_rounding_vnd", 10000, None, "", "", "R", note="Thực tiễn làm tròn"),
    )


REWARD = (
    ("CSTDTQ", "4.5"),
    ("CSTD_TINH", "3"),
    ("CSTDCS", "1"),
    ("LDTT", "0.3"),
    ("TTLDXS", "1.5"),
    ("TTLDTT", "0.8"),
    ("XA_TIEU_BIEU", "2"),
    ("THON_VAN_HOA", "1.5"),
    ("CTD_CP", "12"),
    ("CTD_TINH", "8"),
)


def _rewards(instrument: str, article: str) -> tuple[Param, ...]:
    return tuple(
        Param("reward_multiple", Decimal(m), None, instrument, article, award_code=award)
        for award, m in REWARD
    )


ND98 = (
    *_law_2022_core(),
    Param(
        "council_vote_min_ratio_hero_cstd",
        (9, 10),
        "gte",
        "ND-98-2023",
        "khoản 7 Điều 30",
        "S-mirror",
    ),
    Param(
        "council_vote_min_ratio_cstdcs_flags",
        (8, 10),
        "gte",
        "ND-98-2023",
        "khoản 7 Điều 30",
        "S-mirror",
    ),
    Param("public_disclosure_days_hero", 10, "gte", "ND-98-2023", "khoản 1 Điều 46"),
    *_rewards("ND-98-2023", "Điều 54"),
)

ND152 = (
    *_law_2022_core(),
    Param(
        "dissolved_unit_excluded",
        True,
        None,
        "TT-15-2025",
        "",
        "S",
        note="Không khen thưởng cơ quan, đơn vị đã giải thể khi sắp xếp (D-14)",
    ),
    Param("pending_review_blocks", True, None, "ND-152-2025", "khoản 4 Điều 4", "S-mirror"),
    Param("discipline_resets_chain", True, None, "ND-152-2025", "khoản 4 Điều 4", "S-mirror"),
    Param("public_disclosure_days_hero", 10, "gte", "ND-152-2025", "khoản 2 Điều 44"),
    *_rewards("ND-152-2025", "Điều 50"),
    Param(
        "reward_multiple",
        Decimal(6),
        None,
        "ND-152-2025",
        "Điều 50",
        "S-mirror",
        award_code="CTD_6X",
    ),
)

O91, OLD = "ND-91-2017", "S-old"
ND91 = (
    Param("ldtt_min_rating", "HTT", "gte", "LUAT-2003", "", OLD),
    Param("ldtt_min_months_employed", 10, "gte", O91, "Điều 10", OLD),
    Param("ldtt_disqualifying_discipline", "khien_trach", "gte", O91, "", "R", note="T-LDTT-3"),
    Param("cstdcs_requires_title", "LDTT", None, "LUAT-2003", "", OLD),
    Param("cstdcs_alt_min_rating", "HTXS", "gte", "LUAT-2003", "", OLD),
    Param("cstdcs_initiative_min_scope", "unit", "gte", "LUAT-2003", "", OLD),
    Param("cstdcs_max_ratio_of_ldtt", (15, 100), "lte", O91, "khoản 3 Điều 9", OLD),
    Param("cstd_tinh_consecutive_cstdcs", 3, "gte", "LUAT-2003", "", OLD),
    Param("cstd_tinh_initiative_min_scope", "province", "gte", "LUAT-2003", "", OLD),
    Param("cstdtq_consecutive_cstd_tinh", 2, "gte", "LUAT-2003", "", OLD),
    Param("cstdtq_initiative_min_scope", "national", "gte", "LUAT-2003", "", OLD),
    Param("ttldxs_min_rating", "HTXS", "gte", "LUAT-2003", "", OLD),
    Param("ttldxs_min_ratio_completed", (1, 1), "gte", "LUAT-2003", "", OLD),
    Param("ttldxs_min_ratio_ldtt", (7, 10), "gte", "LUAT-2003", "", OLD),
    Param("ttldxs_min_cstdcs", 1, "gte", "LUAT-2003", "", OLD),
    Param("ttldxs_disqualifying_discipline", "canh_cao", "gte", O91, "", OLD, note="T-TTLDXS-2"),
    Param("ttldtt_min_rating", "HTT", "gte", "LUAT-2003", "", OLD),
    Param("ttldtt_min_ratio_ldtt", (1, 2), "gt", O91, "", OLD),
    Param("ttldtt_disqualifying_discipline", "canh_cao", "gte", O91, "", OLD),
    Param("ctd_tinh_requires_cluster_lead", True, None, "LUAT-2003", "", OLD),
    Param("cluster_leaders_per_cluster", 1, "lte", "LUAT-2003", "", "R"),
    Param("ctdcp_requires_cluster_lead", True, None, "LUAT-2003", "", OLD),
    Param("ctdcp_max_ratio_of_cluster_leaders", (1, 5), "lte", "CV-5007-2023", "", OLD),
    Param("one_award_per_achievement", True, None, "LUAT-2003", "", OLD),
    Param("initiative_single_use", True, None, "CV-5007-2023", "", OLD),
    Param("state_forms_per_year_max", 1, "lte", O91, "", OLD, note="F-4"),
    Param("council_vote_min_ratio_hero_cstd", (9, 10), "gte", O91, "khoản 8 Điều 45", OLD),
)

NATIONAL = (
    Version(
        "luat-2003-nd91-2017",
        "Luật TĐKT 2003 và Nghị định 91/2017/NĐ-CP",
        "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2009, 2013); Nghị định "
        "91/2017/NĐ-CP; Thông tư 12/2019/TT-BNV",
        "tdkt",
        D(2017, 10, 1),
        D(2023, 12, 31),
        None,
        2023,
        ("LUAT-2003", "ND-91-2017", "CV-5007-2023", "CV-3385-2023"),
        ND91,
        "Giữ để tra cứu lịch sử; ranh giới chuyển tiếp [R]",
    ),
    Version(
        "luat-2022-nd98-2023",
        "Luật TĐKT 2022 và Nghị định 98/2023/NĐ-CP",
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định 98/2023/NĐ-CP; "
        "Thông tư 01/2024/TT-BNV",
        "tdkt",
        D(2024, 1, 1),
        D(2025, 6, 30),
        2023,
        2025,
        ("LUAT-2022", "ND-98-2023", "CV-5007-2023", "CV-3385-2023"),
        ND98,
        "Hồ sơ nhận trước 01/07/2025 theo NĐ 98 (Điều 60(3) NĐ 152/2025) [R]",
    ),
    Version(
        "luat-2022-nd152-2025",
        "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP",
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định 152/2025/NĐ-CP; "
        "Thông tư 15/2025/TT-BNV",
        "tdkt",
        D(2025, 7, 1),
        None,
        2024,
        None,
        ("LUAT-2022", "ND-152-2025", "TT-15-2025", "ND-129-2025", "CV-5007-2023", "CV-3385-2023"),
        ND152,
        "NĐ 152/2025 có hiệu lực 01/07/2025 (Điều 59) [S-mirror]",
    ),
)

SCORING_BASIS = "Thực tiễn phổ biến — domain-rules §5.1 [R]"
SCORING = Version(
    "thang-diem-cum-khoi-mac-dinh",
    "Thang điểm cụm/khối (mặc định)",
    SCORING_BASIS,
    "scoring_scale",
    D(2000, 1, 1),
    None,
    None,
    None,
    (),
    (
        Param("max_total", Decimal(100), None, mark="R"),
        Param("bonus_cap", Decimal(10), None, mark="R"),
        Param(
            "bands",
            [
                {"label": "Xuất sắc", "min": "90"},
                {"label": "Tốt", "min": "80"},
                {"label": "Khá", "min": "70"},
                {"label": "Trung bình", "min": "0"},
            ],
            None,
            mark="R",
        ),
        Param(
            "tie_break", ["group:I", "group:II", "group:III", "penalty", "bonus"], None, mark="R"
        ),
        Param("cross_aggregation", "mean", None, mark="R"),
        Param("outlier_mad_k", Decimal(3), None, mark="R"),
        Param("outlier_gap_points", Decimal(3), None, mark="R"),
    ),
)
