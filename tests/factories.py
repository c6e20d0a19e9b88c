"""factory_boy factories for every model of the foundation. They do nothing surprising."""

from __future__ import annotations

import datetime as dt

import factory

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.clusters.enums import ClusterKind
from thidua.clusters.models import (
    Cluster,
    ClusterMembership,
    ClusterYear,
    Deadline,
    DeadlineExtension,
)
from thidua.legal.models import RuleParameter, RuleSet
from thidua.organizations.enums import AuthorityLevel, OrganizationKind
from thidua.organizations.models import (
    Authority,
    AuthoritySuccession,
    Organization,
    OrganizationLeader,
    Succession,
)


class AuthorityFactory(factory.django.DjangoModelFactory[Authority]):
    class Meta:
        model = Authority

    code = factory.Sequence(lambda n: f"auth-{n}")
    name = factory.Sequence(lambda n: f"Hội đồng Thi đua - Khen thưởng số {n}")
    level = AuthorityLevel.PROVINCE
    province = "Hà Nội"


class AuthoritySuccessionFactory(factory.django.DjangoModelFactory[AuthoritySuccession]):
    class Meta:
        model = AuthoritySuccession

    predecessor = factory.SubFactory(AuthorityFactory)
    successor = factory.SubFactory(AuthorityFactory)
    effective_date = dt.date(2025, 7, 1)


class OrganizationFactory(factory.django.DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"ORG-{n:04d}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n:04d}")
    kind = OrganizationKind.DEPARTMENT
    authority = factory.SubFactory(AuthorityFactory)
    province = "Hà Nội"


class OrganizationLeaderFactory(factory.django.DjangoModelFactory[OrganizationLeader]):
    class Meta:
        model = OrganizationLeader

    organization = factory.SubFactory(OrganizationFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    position = "Giám đốc"


class SuccessionFactory(factory.django.DjangoModelFactory[Succession]):
    class Meta:
        model = Succession

    predecessor = factory.SubFactory(OrganizationFactory)
    successor = factory.SubFactory(OrganizationFactory)
    kind = "merge"
    effective_date = factory.Faker("date_object")


class ClusterFactory(factory.django.DjangoModelFactory[Cluster]):
    class Meta:
        model = Cluster

    authority = factory.SubFactory(AuthorityFactory)
    kind = ClusterKind.CLUSTER
    number = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"CUM-{n:03d}")
    name = factory.Sequence(lambda n: f"Cụm thi đua số {n + 1}")


class ClusterYearFactory(factory.django.DjangoModelFactory[ClusterYear]):
    class Meta:
        model = ClusterYear

    cluster = factory.SubFactory(ClusterFactory)
    year = 2024


class ClusterMembershipFactory(factory.django.DjangoModelFactory[ClusterMembership]):
    class Meta:
        model = ClusterMembership

    cluster_year = factory.SubFactory(ClusterYearFactory)
    organization = factory.SubFactory(
        OrganizationFactory, authority=factory.SelfAttribute("..cluster_year.cluster.authority")
    )
    year = factory.SelfAttribute("cluster_year.year")
    authority = factory.SelfAttribute("cluster_year.cluster.authority")
    kind = factory.SelfAttribute("cluster_year.cluster.kind")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    role = Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class RuleSetFactory(factory.django.DjangoModelFactory[RuleSet]):
    class Meta:
        model = RuleSet

    code = factory.Sequence(lambda n: f"rules-{n}")
    name = factory.Sequence(lambda n: f"Bộ quy định {n}")
    legal_basis = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
    family = "tdkt"
    status = "draft"
    effective_from = factory.Faker("date_object")


class RuleParameterFactory(factory.django.DjangoModelFactory[RuleParameter]):
    class Meta:
        model = RuleParameter

    rule_set = factory.SubFactory(RuleSetFactory)
    code = factory.Sequence(lambda n: f"param-{n}")
    value_type = "count"
    operator = "gte"
    int_value = 1
    article = "Điều 1"


class DeadlineFactory(factory.django.DjangoModelFactory[Deadline]):
    class Meta:
        model = Deadline

    cluster_year = factory.SubFactory(ClusterYearFactory)
    step = "registration"
    due_at = factory.Faker("future_datetime", tzinfo=dt.UTC)


class DeadlineExtensionFactory(factory.django.DjangoModelFactory[DeadlineExtension]):
    class Meta:
        model = DeadlineExtension

    deadline = factory.SubFactory(DeadlineFactory)
    organization = factory.SubFactory(OrganizationFactory)
    until = factory.Faker("future_datetime", tzinfo=dt.UTC)
    reason = "Đơn vị bổ sung hồ sơ"
    granted_by = factory.SubFactory(UserFactory)
