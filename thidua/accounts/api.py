"""Users and role assignments under /api/v1/: the accounts a person manages, through the same
selectors and services as the pages (the same permissions; refusals and bad input answered by
``core.api.exception_handler``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.accounts import services
from thidua.accounts.enums import Role
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.selectors import assignments_for_user, search_users, users_for_user
from thidua.core.numbers import is_digits
from thidua.organizations.models import Authority, Organization


class UserSerializer(serializers.ModelSerializer[User]):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    organization = serializers.CharField(source="organization.code", allow_null=True, default=None)
    authority = serializers.CharField(source="authority.code", allow_null=True, default=None)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "position",
            "role",
            "role_label",
            "organization",
            "authority",
            "is_active",
            "last_login",
        ]


class ScopeInput(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=Role.choices)
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), required=False, allow_null=True
    )
    authority = serializers.SlugRelatedField(
        slug_field="code", queryset=Authority.objects.all(), required=False, allow_null=True
    )


class CreateUserInput(ScopeInput):
    username = serializers.CharField(max_length=150)
    full_name = serializers.CharField(max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    position = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    invite = serializers.BooleanField(
        default=False,
        help_text="true: e-mail a set-password link; false: answer with a temporary password",
    )


class CreatedUserSerializer(UserSerializer):
    temporary_password = serializers.CharField(allow_null=True, read_only=True)

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "temporary_password"]


class ProfileInput(serializers.Serializer[Any]):
    full_name = serializers.CharField(max_length=150, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True)


class AssignRoleInput(ScopeInput):
    valid_from = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RoleAssignmentSerializer(serializers.ModelSerializer[RoleAssignment]):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    organization = serializers.CharField(source="organization.code", allow_null=True, default=None)
    authority = serializers.CharField(source="authority.code", allow_null=True, default=None)
    assigned_by = serializers.CharField(
        source="assigned_by.username", allow_null=True, default=None
    )

    class Meta:
        model = RoleAssignment
        fields = [
            "id",
            "user",
            "role",
            "role_label",
            "organization",
            "authority",
            "valid_from",
            "valid_to",
            "assigned_by",
            "note",
        ]


@extend_schema_view(
    list=extend_schema(summary="Người dùng trong phạm vi quản lý (q: tìm không dấu, role)"),
    retrieve=extend_schema(summary="Một người dùng"),
)
class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[User]):
    serializer_class = UserSerializer

    def get_queryset(self) -> QuerySet[User]:
        user: Any = self.request.user
        qs = search_users(users_for_user(user), self.request.query_params.get("q", ""))
        role = self.request.query_params.get("role")
        if role:
            qs = qs.filter(role=role)
        return qs.select_related("organization", "authority").order_by("sort_key", "pk")

    @extend_schema(
        summary="Tạo tài khoản với vai trò đầu tiên",
        request=CreateUserInput,
        responses={201: CreatedUserSerializer},
    )
    def create(self, request: Request) -> Response:
        data = _valid(CreateUserInput, request)
        account = services.create_user(
            user=request.user,  # type: ignore[arg-type]
            base_url=request.build_absolute_uri("/"),
            **data,
        )
        body = UserSerializer(account.user).data
        return Response(
            {**body, "temporary_password": account.password}, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Sửa họ tên, e-mail, chức vụ (tên đăng nhập và vai trò không đổi ở đây)",
        request=ProfileInput,
        responses={200: UserSerializer},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()
        data = _valid(ProfileInput, request)
        updated = services.update_profile(
            user=request.user,  # type: ignore[arg-type]
            target=target,
            full_name=data.get("full_name", target.full_name),
            email=data.get("email", target.email),
            position=data.get("position", target.position),
        )
        return Response(UserSerializer(updated).data)

    @extend_schema(
        summary="Giao vai trò (đóng vai trò hiện tại, mở vai trò mới)",
        request=AssignRoleInput,
        responses={201: RoleAssignmentSerializer},
    )
    @action(detail=True, methods=["post"], url_path="assign-role")
    def assign_role(self, request: Request, pk: str | None = None) -> Response:
        data = _valid(AssignRoleInput, request)
        assignment = services.assign_role(
            user=request.user,  # type: ignore[arg-type]
            target=self.get_object(),
            **data,
        )
        return Response(RoleAssignmentSerializer(assignment).data, status=201)

    @extend_schema(summary="Khóa tài khoản", request=None, responses={200: UserSerializer})
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        target = services.set_active(
            user=request.user,  # type: ignore[arg-type]
            target=self.get_object(),
            active=False,
        )
        return Response(UserSerializer(target).data)

    @extend_schema(summary="Mở khóa tài khoản", request=None, responses={200: UserSerializer})
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str | None = None) -> Response:
        target = services.set_active(
            user=request.user,  # type: ignore[arg-type]
            target=self.get_object(),
            active=True,
        )
        return Response(UserSerializer(target).data)


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> Any:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema_view(
    list=extend_schema(summary="Lịch sử vai trò của những người dùng trong phạm vi (lọc: user)"),
    retrieve=extend_schema(summary="Một lần giao vai trò"),
)
class RoleAssignmentViewSet(viewsets.ReadOnlyModelViewSet[RoleAssignment]):
    serializer_class = RoleAssignmentSerializer

    def get_queryset(self) -> QuerySet[RoleAssignment]:
        qs = assignments_for_user(self.request.user)  # type: ignore[arg-type]
        user_id = self.request.query_params.get("user")
        if is_digits(user_id):
            qs = qs.filter(user_id=int(user_id))
        return qs.order_by("user_id", "-valid_from", "-pk")
