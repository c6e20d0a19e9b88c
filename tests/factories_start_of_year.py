"""Arranging start-of-year data through the real services (no shortcuts that skip the rules)."""

from __future__ import annotations

from typing import Any

from thidua.accounts.models import User
from thidua.awards.models import AwardType
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import RegistrationAction
from thidua.start_of_year.models import Pledge, Registration
from thidua.start_of_year.services import pledges, registered_items, registrations

COMMITMENTS = [
    "Thi đua hoàn thành tốt Kế hoạch kinh tế-xã hội Thành phố Hà Nội năm 2020.",
    "Tăng cường củng cố quốc phòng, an ninh, giữ vững ổn định chính trị.",
    "Tiếp tục đổi mới công tác thi đua khen thưởng theo tinh thần Chỉ thị 34-CT/TW.",
]


def award(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def make_pledge(
    cluster_year: ClusterYear, by: User, *, items: list[str] | None = None, open_it: bool = True
) -> Pledge:
    pledges.create_pledge(cluster_year=cluster_year, by=by, place="Hà Nội")
    for text in items if items is not None else COMMITMENTS:
        pledges.add_pledge_item(cluster_year=cluster_year, by=by, text=text)
    if open_it:
        return pledges.open_pledge(cluster_year=cluster_year, by=by)
    return Pledge.objects.get(cluster_year=cluster_year, version=1)


def make_registration(
    cluster_year: ClusterYear,
    organization: Organization,
    by: User,
    *,
    award_code: str = "TTLDXS",
    models: int = 1,
    topics: int = 1,
    submit: bool = False,
    accept_by: User | None = None,
) -> Registration:
    registration = registrations.save_registration(
        cluster_year=cluster_year, organization=organization, by=by, award=award(award_code)
    )
    for i in range(models):
        registered_items.add_registered_item(
            registration=registration, by=by, kind="model", name=f"Mô hình {i + 1}"
        )
    for i in range(topics):
        registered_items.add_registered_item(
            registration=registration, by=by, kind="topic", name=f"Chuyên đề {i + 1}"
        )
    if submit or accept_by:
        registrations.transition_registration(
            registration=registration, action=RegistrationAction.SUBMIT, by=by
        )
    if accept_by:
        registrations.transition_registration(
            registration=registration, action=RegistrationAction.ACCEPT, by=accept_by
        )
    registration.refresh_from_db()
    return registration


def state(obj: Any, *fields: str) -> tuple[Any, ...]:
    obj.refresh_from_db()
    return tuple(getattr(obj, f) for f in fields)
