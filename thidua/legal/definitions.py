"""The parameter vocabulary (docs/dev/awards-design.md §2.4): every code a rule set may hold.

Loaded into ``ParameterDefinition`` by a data migration; services validate against the table.
``authority_only`` codes have no national default: only a local (bộ, tỉnh) set may hold them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    value_type: str
    needs_operator: bool = False
    authority_only: bool = False
    per_award: bool = False
    when_missing: str = "review"
    read_by: str = ""
    unit: str = ""
    family: str = "tdkt"


def _d(code: str, name: str, value_type: str, read_by: str, **kw: object) -> Definition:
    op = value_type in {"ratio", "rating", "discipline", "scope", "years", "months", "days"}
    kw.setdefault("needs_operator", op or value_type == "count")
    return Definition(code, name, value_type, read_by=read_by, **kw)  # type: ignore[arg-type]


E = "eligibility"
TDKT: tuple[Definition, ...] = (
    _d("ldtt_min_rating", "LĐTT: mức xếp loại tối thiểu", "rating", f"{E}.LDTT"),
    _d(
        "ldtt_min_months_employed",
        "LĐTT: số tháng công tác tối thiểu trong năm",
        "months",
        f"{E}.LDTT",
        authority_only=True,
        when_missing="skip",
        unit="tháng",
    ),
    _d(
        "ldtt_disqualifying_discipline",
        "LĐTT: không xét khi bị kỷ luật từ mức",
        "discipline",
        f"{E}.LDTT",
        authority_only=True,
        when_missing="skip",
    ),
    _d(
        "cstdcs_requires_title",
        "CSTĐCS: phải đạt danh hiệu",
        "award",
        f"{E}.CSTDCS",
        needs_operator=False,
    ),
    _d("cstdcs_alt_min_rating", "CSTĐCS: hoặc xếp loại tối thiểu", "rating", f"{E}.CSTDCS"),
    _d(
        "cstdcs_initiative_min_scope",
        "CSTĐCS: hoặc sáng kiến có phạm vi ảnh hưởng",
        "scope",
        f"{E}.CSTDCS",
    ),
    _d(
        "cstdcs_max_ratio_of_ldtt",
        "CSTĐCS: tỷ lệ tối đa so với số LĐTT của đơn vị",
        "ratio",
        f"{E}.quota",
        authority_only=True,
        when_missing="skip",
    ),
    _d(
        "cstd_tinh_consecutive_cstdcs",
        "CSTĐ tỉnh: số lần liên tục đạt CSTĐCS",
        "years",
        f"{E}.CSTD_TINH",
        unit="năm",
    ),
    _d(
        "cstd_tinh_initiative_min_scope",
        "CSTĐ tỉnh: sáng kiến có phạm vi ảnh hưởng",
        "scope",
        f"{E}.CSTD_TINH",
    ),
    _d(
        "cstdtq_consecutive_cstd_tinh",
        "CSTĐTQ: số lần liên tục đạt CSTĐ tỉnh",
        "years",
        f"{E}.CSTDTQ",
        unit="năm",
    ),
    _d(
        "cstdtq_initiative_min_scope",
        "CSTĐTQ: sáng kiến có phạm vi ảnh hưởng",
        "scope",
        f"{E}.CSTDTQ",
    ),
    _d(
        "cstdtq_max_years_after_chain",
        "CSTĐTQ: số năm tối đa sau lần CSTĐ tỉnh cuối",
        "years",
        f"{E}.CSTDTQ",
        when_missing="skip",
        unit="năm",
    ),
    _d(
        "bk_tinh_consecutive_cstdcs",
        "Bằng khen tỉnh: số năm liên tục đạt CSTĐCS",
        "years",
        f"{E}.BK_TINH",
        unit="năm",
    ),
    _d(
        "bk_tinh_alt_rating_years",
        "Bằng khen tỉnh: hoặc số năm liên tục xếp loại",
        "years",
        f"{E}.BK_TINH",
        unit="năm",
    ),
    _d(
        "bk_tinh_alt_min_rating",
        "Bằng khen tỉnh: mức xếp loại của các năm đó",
        "rating",
        f"{E}.BK_TINH",
    ),
    _d(
        "bk_tinh_alt_initiatives",
        "Bằng khen tỉnh: số sáng kiến được áp dụng",
        "count",
        f"{E}.BK_TINH",
        unit="sáng kiến",
    ),
    _d(
        "bk_tinh_alt_initiative_min_scope",
        "Bằng khen tỉnh: phạm vi của các sáng kiến",
        "scope",
        f"{E}.BK_TINH",
    ),
    _d(
        "bk_ttg_rating_years",
        "Bằng khen Thủ tướng: số năm liên tục xếp loại",
        "years",
        f"{E}.BK_TTG",
        unit="năm",
    ),
    _d(
        "bk_ttg_min_rating",
        "Bằng khen Thủ tướng: mức xếp loại của các năm đó",
        "rating",
        f"{E}.BK_TTG",
    ),
    _d(
        "bk_ttg_cstdcs_in_period",
        "Bằng khen Thủ tướng: số lần CSTĐCS trong thời gian đó",
        "count",
        f"{E}.BK_TTG",
        unit="lần",
    ),
    _d(
        "bk_ttg_prior_award",
        "Bằng khen Thủ tướng: đã được khen",
        "award",
        f"{E}.BK_TTG",
        needs_operator=False,
    ),
    _d("ttldxs_min_rating", "TTLĐXS: xếp loại tập thể tối thiểu", "rating", f"{E}.TTLDXS"),
    _d(
        "ttldxs_min_ratio_completed",
        "TTLĐXS: tỷ lệ thành viên hoàn thành nhiệm vụ",
        "ratio",
        f"{E}.TTLDXS",
    ),
    _d("ttldxs_min_ratio_ldtt", "TTLĐXS: tỷ lệ thành viên đạt LĐTT", "ratio", f"{E}.TTLDXS"),
    _d("ttldxs_min_cstdcs", "TTLĐXS: số cá nhân đạt CSTĐCS", "count", f"{E}.TTLDXS", unit="người"),
    _d(
        "ttldxs_disqualifying_discipline",
        "TTLĐXS: không có thành viên bị kỷ luật từ mức",
        "discipline",
        f"{E}.TTLDXS",
        when_missing="skip",
    ),
    _d("ttldtt_min_rating", "TTLĐTT: xếp loại tập thể tối thiểu", "rating", f"{E}.TTLDTT"),
    _d(
        "ttldtt_min_ratio_ldtt",
        "TTLĐTT: tỷ lệ thành viên đạt LĐTT",
        "ratio",
        f"{E}.TTLDTT",
        authority_only=True,
    ),
    _d(
        "ttldtt_disqualifying_discipline",
        "TTLĐTT: không có thành viên bị kỷ luật từ mức",
        "discipline",
        f"{E}.TTLDTT",
        authority_only=True,
        when_missing="skip",
    ),
    _d(
        "ctd_tinh_requires_cluster_lead",
        "Cờ thi đua tỉnh: phải là đơn vị dẫn đầu cụm, khối",
        "bool",
        f"{E}.CTD_TINH",
    ),
    _d(
        "cluster_leaders_per_cluster",
        "Số đơn vị dẫn đầu mỗi cụm, khối",
        "count",
        f"{E}.quota; voting",
        unit="đơn vị",
    ),
    _d(
        "ctdcp_requires_cluster_lead",
        "Cờ thi đua Chính phủ: phải là đơn vị dẫn đầu cụm, khối",
        "bool",
        f"{E}.CTD_CP",
    ),
    _d(
        "ctdcp_max_ratio_of_cluster_leaders",
        "Cờ thi đua Chính phủ: số đề nghị tối đa so với số đơn vị dẫn đầu",
        "ratio",
        f"{E}.quota",
        authority_only=True,
        when_missing="skip",
    ),
    _d(
        "one_award_per_achievement",
        "Một thành tích chỉ được khen một lần",
        "bool",
        f"{E}.duplicate",
    ),
    _d("initiative_single_use", "Mỗi sáng kiến chỉ dùng cho một đề nghị", "bool", f"{E}.CSTDCS"),
    _d(
        "dissolved_unit_excluded",
        "Không khen thưởng đơn vị đã giải thể",
        "bool",
        f"{E}.dissolved",
        when_missing="skip",
    ),
    _d(
        "pending_review_blocks",
        "Không khen khi đang bị xem xét kỷ luật, điều tra",
        "bool",
        f"{E}.pending",
        when_missing="skip",
    ),
    _d(
        "discipline_resets_chain",
        "Thời gian bị kỷ luật không tính vào thành tích liên tục",
        "bool",
        f"{E}.CSTD_TINH",
        when_missing="skip",
    ),
    _d(
        "predecessor_history_counts",
        "Thành tích của đơn vị trước khi sắp xếp được tính",
        "enum",
        f"{E}.history",
        authority_only=True,
    ),
    _d(
        "state_forms_per_year_max",
        "Số hình thức khen cấp Nhà nước tối đa mỗi năm",
        "count",
        f"{E}.duplicate",
        when_missing="skip",
        unit="hình thức",
    ),
    _d(
        "council_vote_min_ratio_hero_cstd",
        "Tỷ lệ phiếu đồng ý của Hội đồng (Anh hùng, CSTĐ tỉnh, CSTĐTQ), trên tổng số thành viên",
        "ratio",
        "voting",
    ),
    _d(
        "council_vote_min_ratio_cstdcs_flags",
        "Tỷ lệ phiếu đồng ý của Hội đồng (CSTĐCS, cờ thi đua), trên tổng số thành viên",
        "ratio",
        "voting",
    ),
    _d(
        "public_disclosure_days_hero",
        "Số ngày làm việc công khai (danh hiệu Anh hùng)",
        "days",
        "voting",
        unit="ngày làm việc",
    ),
    _d(
        "reward_multiple",
        "Mức tiền thưởng (lần lương cơ sở)",
        "multiple",
        "awards.reward",
        per_award=True,
        needs_operator=False,
    ),
    _d(
        "reward_rounding_vnd",
        "Tiền thưởng làm tròn lên đến",
        "money",
        "awards.reward",
        needs_operator=False,
        unit="đồng",
    ),
)

S = "scoring_scale"
SCORING: tuple[Definition, ...] = (
    Definition(
        "max_total",
        "Thang điểm (tổng điểm tối đa của các nhóm tiêu chí)",
        "number",
        read_by="scoring",
        unit="điểm",
        family=S,
    ),
    Definition(
        "bonus_cap",
        "Điểm thưởng tối đa cộng thêm",
        "number",
        read_by="scoring",
        unit="điểm",
        family=S,
    ),
    Definition(
        "bands",
        "Xếp loại theo tổng điểm (điểm tối thiểu của mỗi loại)",
        "structure",
        read_by="scoring",
        family=S,
    ),
    Definition(
        "tie_break", "Thứ tự phân hạng khi bằng tổng điểm", "structure", read_by="scoring", family=S
    ),
    Definition("cross_aggregation", "Tổng hợp điểm chấm chéo", "enum", read_by="scoring", family=S),
    Definition(
        "outlier_mad_k",
        "Điểm chấm chéo bất thường khi lệch trung vị quá k × MAD",
        "number",
        read_by="scoring",
        family=S,
    ),
    Definition(
        "outlier_gap_points",
        "Điểm chấm chéo bất thường khi lệch trung vị quá",
        "number",
        read_by="scoring",
        unit="điểm",
        family=S,
    ),
)

DEFINITIONS: tuple[Definition, ...] = TDKT + SCORING
BY_CODE = {d.code: d for d in DEFINITIONS}
