"""The default scoring scale as data: a rule set "Thang điểm cụm/khối (mặc định)" whose
parameters are common practice, not law (domain-rules §5.1, confidence [R]). A province adds its
own rule set (with ``authority``) to override them; a cluster year can change its own copy."""

import datetime as dt

from django.db import migrations

CODE = "thang-diem-cum-khoi-mac-dinh"
BASIS = "Thực tiễn phổ biến — domain-rules §5.1 [R]"
PARAMETERS = [
    ("max_total", 100, "Thang điểm (tổng điểm tối đa của các nhóm tiêu chí)"),
    ("bonus_cap", 10, "Điểm thưởng tối đa cộng thêm"),
    (
        "bands",
        [
            {"label": "Xuất sắc", "min": "90"},
            {"label": "Tốt", "min": "80"},
            {"label": "Khá", "min": "70"},
            {"label": "Trung bình", "min": "0"},
        ],
        "Xếp loại theo tổng điểm (điểm tối thiểu của mỗi loại)",
    ),
    (
        "tie_break",
        ["group:I", "group:II", "group:III", "penalty", "bonus"],
        "Thứ tự phân hạng khi bằng tổng điểm: điểm nhóm I, nhóm II, nhóm III, ít điểm trừ hơn, "
        "nhiều điểm thưởng hơn",
    ),
    ("cross_aggregation", "mean", "Tổng hợp điểm chấm chéo: trung bình cộng (mean) hoặc trung vị"),
    ("outlier_mad_k", "3", "Điểm chấm chéo bất thường khi lệch trung vị quá k × MAD"),
    ("outlier_gap_points", "3", "Điểm chấm chéo bất thường khi lệch trung vị quá số điểm này"),
]


def create(apps, schema_editor):
    RuleSet = apps.get_model("legal", "RuleSet")
    RuleParameter = apps.get_model("legal", "RuleParameter")
    rule_set, _created = RuleSet.objects.get_or_create(
        code=CODE,
        defaults={
            "name": "Thang điểm cụm/khối (mặc định)",
            "legal_basis": BASIS,
            "effective_from": dt.date(2000, 1, 1),
        },
    )
    for key, value, description in PARAMETERS:
        RuleParameter.objects.get_or_create(
            rule_set=rule_set,
            key=key,
            defaults={
                "value": value,
                "description": description,
                "legal_basis": BASIS,
                "confidence": "R",
            },
        )


def remove(apps, schema_editor):
    apps.get_model("legal", "RuleSet").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0001_initial"),
        ("legal", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, remove)]
