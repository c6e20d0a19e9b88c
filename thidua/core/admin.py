"""Django's admin never writes what a service owns: every change of those models goes through
the product's pages, the API or the command line, so it is permission-checked and leaves an
audit event. Their admin pages are lists to look things up in (:class:`ReadOnlyAdminMixin`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

READ_ONLY_REASON = _(
    "Trang quản trị chỉ để tra cứu dữ liệu này. Hãy tạo, sửa trong các trang của phần mềm: "
    "mọi thay đổi phải qua nghiệp vụ, được kiểm tra quyền và ghi nhật ký."
)


class ReadOnlyAdminMixin:
    """Put first in the bases of a ``ModelAdmin``: the list displays; adding, changing, deleting
    and the object's page are refused (403) for everyone, superusers included."""

    list_display_links: Any = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def add_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise PermissionDenied(READ_ONLY_REASON)

    def change_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise PermissionDenied(READ_ONLY_REASON)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise PermissionDenied(READ_ONLY_REASON)
