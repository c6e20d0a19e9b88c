"""A person's notifications: the list (paginated, mark read, htmx), the bell in the header (loaded
by htmx, so pages do not pay its query), and what they choose to receive."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx
from thidua.core.web import require, require_person, run_service
from thidua.notifications import services
from thidua.notifications.forms import PreferencesForm
from thidua.notifications.rules import CHANGE_PREFERENCES, MARK_READ, VIEW_NOTIFICATION
from thidua.notifications.selectors import notifications_for_user, preferences_of, unread_count

PAGE_SIZE = 30


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    rows = notifications_for_user(request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread_only": unread_only, "unread": unread_count(request.user)}
    if is_htmx(request):
        return render(request, "notifications/list.html#results", context)
    return render(request, "notifications/list.html", context)


@login_required
def bell(request: AuthedRequest) -> HttpResponse:
    return render(request, "notifications/bell.html", {"unread": unread_count(request.user)})


@login_required
@require_POST
def notification_read(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """Mark one notification read; ``open`` follows its link afterwards."""
    notification = get_object_for_user_or_404(notifications_for_user(request.user), pk=pk)
    require_person(request, MARK_READ.name, notification)
    run_service(request, lambda: services.mark_read(notification=notification, user=request.user))
    if request.POST.get("open") and _safe(request, notification.link):
        return redirect(notification.link)
    if is_htmx(request):
        response = render(request, "notifications/_item.html", {"n": notification})
        response["HX-Trigger"] = "notifications-changed"
        return response
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: AuthedRequest) -> HttpResponseBase:
    run_service(
        request,
        lambda: services.mark_all_read(user=request.user),
        success=lambda n: _("Đã đánh dấu {n} thông báo là đã đọc.").format(n=n),
    )
    return redirect("notifications:list")


@login_required
def notification_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    notification = get_object_for_user_or_404(notifications_for_user(request.user), pk=pk)
    require(request, VIEW_NOTIFICATION.name, notification)
    return render(request, "notifications/detail.html", {"n": notification})


@login_required
def preferences(request: AuthedRequest) -> HttpResponseBase:
    account = request.user
    require_person(request, CHANGE_PREFERENCES.name, account)
    form = PreferencesForm(request.POST or None, current=preferences_of(account))
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: services.set_preferences(
                account=account, choices=form.choices(), user=request.user
            ),
            form=form,
            success=_("Đã lưu cài đặt nhận thông báo."),
        )
        if outcome:
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _safe(request: AuthedRequest, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
