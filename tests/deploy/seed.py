"""The little a deployment test needs, written into a freshly migrated database by
``python -m tests.deploy.seed PASSWORD`` (run with ``thidua.settings``): one authority, one
unit with one person, one cluster year, the award catalogue and the authority's board officer
``ban``."""

from __future__ import annotations

import datetime as dt
import sys

import django


def main(password: str) -> None:
    django.setup()
    from thidua.accounts.enums import Role
    from thidua.accounts.models import User
    from thidua.awards.catalogue import load_catalogue
    from thidua.awards.models import AwardType
    from thidua.clusters.enums import ClusterKind
    from thidua.clusters.models import Cluster, ClusterYear
    from thidua.organizations.enums import AuthorityLevel, OrganizationKind
    from thidua.organizations.models import Authority, Organization
    from thidua.people.models import Employment, Person

    authority = Authority.objects.create(
        code="HN",
        name="Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội",
        level=AuthorityLevel.PROVINCE,
        province="Hà Nội",
    )
    load_catalogue(AwardType)
    unit = Organization.objects.create(
        code="SNV",
        name="Sở Nội vụ",
        kind=OrganizationKind.DEPARTMENT,
        authority=authority,
        province="Hà Nội",
    )
    cluster = Cluster.objects.create(
        authority=authority,
        kind=ClusterKind.CLUSTER,
        number=6,
        code="HN-C06",
        name="Cụm thi đua số 6",
    )
    ClusterYear.objects.create(cluster=cluster, year=2026)
    person = Person.objects.create(code="P00001", full_name="Nguyễn Văn An", history_from=2015)
    Employment.objects.create(
        person=person, organization=unit, category="civil_servant", valid_from=dt.date(2015, 1, 1)
    )
    user = User(
        username="ban", full_name="Trần Thị Bình", role=Role.BOARD_OFFICER, authority=authority
    )
    user.set_password(password)
    user.save()


if __name__ == "__main__":
    main(sys.argv[1])
