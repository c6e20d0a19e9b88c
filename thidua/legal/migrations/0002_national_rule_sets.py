"""National rule sets and the parameters of shared/domain-rules.md §2, with legal basis and marks.

Two regimes of Luật Thi đua, khen thưởng 2022: with Nghị định 98/2023 (1/1/2024 – 30/6/2025) and
with Nghị định 152/2025 + Thông tư 15/2025 (from 1/7/2025; that date is [3P], check it).
Values marked R / S-old are unconfirmed: administrators must check them against the official texts.
"""

from __future__ import annotations

import datetime as dt

from django.db import migrations

PARAMS = [
    ("cstdcs_max_ratio_of_ldtt", 0.15, "Tỷ lệ CSTĐCS tối đa so với số LĐTT", "NĐ 91/2017 Điều 9(3); quy chế của tỉnh", "S-old"),
    ("ttldtt_min_ratio_ldtt", 0.5, "Tỷ lệ LĐTT tối thiểu (trên 50%) để xét TTLĐTT", "Luật 2022 Điều 28", "S-old"),
    ("ttldxs_min_ratio_ldtt", 0.7, "Tỷ lệ LĐTT tối thiểu (≥ 70%) để xét TTLĐXS; 100% hoàn thành nhiệm vụ; ≥ 1 CSTĐCS", "Luật 2022 Điều 27", "S"),
    ("ctdcp_max_ratio_of_cluster_leaders", 0.2, "Số tập thể đề nghị Cờ thi đua Chính phủ ≤ 20% số tập thể dẫn đầu cụm, khối", "CV 5007/BNV-TĐKT ngày 05/9/2023", "S"),
    ("cluster_leaders_per_cluster", 1, "Số đơn vị dẫn đầu mỗi cụm, khối đề nghị Cờ thi đua cấp tỉnh", "HD 1479/HD-BTĐKT 2016; quy chế của tỉnh", "R"),
    ("cstd_tinh_consecutive_cstdcs", 3, "Số năm liên tục đạt CSTĐCS để xét CSTĐ cấp tỉnh", "Luật 2022 Điều 22", "S"),
    ("cstdtq_consecutive_cstd_tinh", 2, "Số lần liên tục đạt CSTĐ cấp tỉnh để xét CSTĐ toàn quốc", "Luật 2022 Điều 21", "S"),
    ("bk_tinh_consecutive_cstdcs", 2, "Số năm liên tục đạt CSTĐCS để xét Bằng khen cấp tỉnh", "Luật 2022 Điều 74(1)(d)", "S"),
    ("bk_ttg_consecutive_years_htt", 5, "Số năm liên tục hoàn thành tốt nhiệm vụ trở lên để xét Bằng khen Thủ tướng", "Luật 2022 Điều 73(1)(b)", "S"),
    ("ldtt_min_months_employed", 10, "Số tháng công tác tối thiểu để xét LĐTT", "NĐ 91/2017 Điều 10", "S-old"),
    ("initiative_single_use", True, "Mỗi sáng kiến chỉ dùng cho một đề nghị khen thưởng", "CV 5007/BNV-TĐKT; CV 3385/BTĐKT-P.II", "S"),
    ("council_secret_ballot_min_ratio", 0.9, "Tỷ lệ phiếu đồng ý tối thiểu trên tổng số thành viên Hội đồng (CSTĐ tỉnh, CSTĐTQ, Anh hùng)", "NĐ 91/2017 Điều 45(8)", "S-old"),
    ("public_disclosure_days_hero", 10, "Số ngày làm việc công khai lấy ý kiến (danh hiệu Anh hùng)", "NĐ 98/2023 Điều 46(1); NĐ 152/2025 Điều 60(3)", "S"),
]

SETS = [
    ("luat-2022-nd98-2023", "Luật TĐKT 2022 và Nghị định 98/2023/NĐ-CP",
     "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV",
     dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
    ("luat-2022-nd152-2025", "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP",
     "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định 152/2025/NĐ-CP; Thông tư 15/2025/TT-BNV",
     dt.date(2025, 7, 1), None),
]


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    RuleSet = apps.get_model("legal", "RuleSet")
    RuleParameter = apps.get_model("legal", "RuleParameter")
    for code, name, basis, start, end in SETS:
        rule_set, _created = RuleSet.objects.get_or_create(
            code=code, defaults={"name": name, "legal_basis": basis, "effective_from": start, "effective_to": end}
        )
        for key, value, description, legal_basis, confidence in PARAMS:
            RuleParameter.objects.get_or_create(
                rule_set=rule_set, key=key,
                defaults={"value": value, "description": description, "legal_basis": legal_basis, "confidence": confidence},
            )


def unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("legal", "RuleSet").objects.filter(code__in=[s[0] for s in SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
