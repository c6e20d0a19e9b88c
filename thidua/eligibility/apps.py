from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "thidua.eligibility"
    verbose_name = "Kiểm tra điều kiện khen thưởng"
