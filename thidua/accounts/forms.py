"""Input of the account pages: validation only; the services save."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import BOARD_GRANTABLE_ROLES, Role
from thidua.accounts.models import User
from thidua.accounts.selectors import authorities_for_assignment, units_for_assignment
from thidua.core.forms import UnitCodeField
from thidua.organizations.models import Authority, Organization


class RoleFields(forms.Form):
    """A role and its scope, limited to what the manager may give."""

    role = forms.ChoiceField(label=_("Vai trò"))
    organization = UnitCodeField(
        label=_("Đơn vị"),
        queryset=Organization.objects.none(),
        required=False,
        search_url=reverse_lazy("organizations:search"),
    )
    authority = forms.ModelChoiceField(
        label=_("Cơ quan tổ chức cụm, khối"), queryset=Authority.objects.none(), required=False
    )

    def __init__(self, *args: Any, manager: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = [
            (value, label)
            for value, label in Role.choices
            if manager.is_system_admin or value in BOARD_GRANTABLE_ROLES
        ]
        self.fields["role"].choices = roles  # type: ignore[attr-defined]
        units = units_for_assignment(manager).filter(valid_to__isnull=True)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]
        authorities = authorities_for_assignment(manager)
        self.fields["authority"].queryset = authorities  # type: ignore[attr-defined]
        self.fields["organization"].help_text = _(
            "Mã đơn vị (tìm theo tên để điền mã). Với thư ký cụm, cán bộ thi đua, thủ trưởng "
            "đơn vị (và người xem của một đơn vị)."
        )
        self.fields["authority"].help_text = _(
            "Với cán bộ Ban TĐKT, thành viên Hội đồng (và người xem cấp hội đồng)."
        )


class CreateUserForm(RoleFields):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    how = forms.ChoiceField(
        label=_("Mật khẩu"),
        choices=[
            ("temporary", _("Tạo mật khẩu tạm thời (hiện một lần để trao cho người dùng)")),
            ("invite", _("Gửi thư mời qua e-mail để người dùng tự đặt mật khẩu")),
        ],
        widget=forms.RadioSelect,
        initial="temporary",
    )

    field_order = ["full_name", "username", "email", "position", "role", "organization"]


class AssignRoleForm(RoleFields):
    valid_from = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy; để trống là hôm nay."),
    )
    note = forms.CharField(
        label=_("Ghi chú (văn bản phân công…)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)


class ResetPasswordForm(forms.Form):
    how = forms.ChoiceField(
        label=_("Cách đặt lại"),
        choices=[
            ("email", _("Gửi liên kết đặt lại mật khẩu qua e-mail")),
            ("temporary", _("Đặt mật khẩu tạm thời (hiện một lần)")),
        ],
        widget=forms.RadioSelect,
        initial="email",
    )


class ChangePasswordForm(forms.Form):
    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("Mật khẩu mới"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("Hai lần nhập mật khẩu mới không khớp."))
        return data


class ImportUsersForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh sách (.xlsx hoặc .csv)"), required=False)
    content = forms.CharField(widget=forms.HiddenInput, required=False)  # the previewed file
    filename = forms.CharField(widget=forms.HiddenInput, required=False)
    send_invitations = forms.BooleanField(
        label=_("Gửi thư mời đặt mật khẩu qua e-mail cho từng người"), required=False, initial=True
    )


class ForgottenPasswordForm(PasswordResetForm):
    """Django's form, also for people who have not set a password yet (an invitation whose link
    expired): here every account signs in with a password, none through another system."""

    def get_users(self, email: str) -> Iterator[User]:
        matches = User._default_manager.filter(email__iexact=email, is_active=True)
        return (u for u in matches if u.email.casefold() == email.casefold())


class NewPasswordForm(SetPasswordForm):
    """The new password from an e-mailed link: a temporary password no longer needs changing."""

    def save(self, commit: bool = True) -> User:
        self.user.must_change_password = False
        return super().save(commit=commit)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên mã"),
        max_length=100,
        help_text=_("Dùng ở đâu, cho việc gì (ví dụ: “Bảng tính tổng hợp điểm của phòng”)."),
    )
    expires_on = forms.DateField(
        label=_("Dùng đến hết ngày"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy; để trống là dùng đến khi thu hồi."),
    )
