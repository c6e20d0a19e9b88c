from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thidua.accounts import demo as accounts_demo
from thidua.awards import demo as awards_demo
from thidua.awards import history_demo
from thidua.clusters import demo as clusters_demo
from thidua.organizations import demo as organizations_demo
from thidua.planning import demo as planning_demo
from thidua.scoring import demo as scoring_demo
from thidua.start_of_year import demo as start_of_year_demo
from thidua.voting import demo as voting_demo

# Each app with demo data provides ``demo.load(stdout) -> None``. Listed explicitly, in the order
# they build on each other: units and clusters, the authorities, the award catalogue, plans, the
# start of the year, scores, the role history of the accounts. A new app adds its line here.
DEMO_LOADERS = (
    clusters_demo.load,
    organizations_demo.load,
    awards_demo.load,
    planning_demo.load,
    start_of_year_demo.load,
    scoring_demo.load,
    voting_demo.load,
    history_demo.load,  # people and award history (after the units and the board officer)
    accounts_demo.load,  # last: the role history of every demo user
)


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu từ các bản tin Cụm 6, 7, 10 Hà Nội (chạy lại nhiều lần không tạo trùng)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for load in DEMO_LOADERS:
            load(self.stdout)
        clusters_demo.print_logins(self.stdout)
