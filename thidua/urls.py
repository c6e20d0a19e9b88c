"""The project's URLs: every app is listed here, explicitly.

A mistake in an app's ``urls.py`` (a misspelt import, a missing view) stops the project at start-up
instead of silently dropping that app's pages.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua.accounts.forms import ForgottenPasswordForm, NewPasswordForm
from thidua.home.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # forgotten password, by e-mail (also the page of invitation and reset links)
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=ForgottenPasswordForm,
            template_name="accounts/password/reset_form.html",
            email_template_name="accounts/email/reset_body.txt",
            subject_template_name="accounts/email/reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password/reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=NewPasswordForm, template_name="accounts/password/reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password/reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("accounts/", include("thidua.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("thidua.api_urls")),
    path("clusters/", include("thidua.clusters.urls")),
    path("organizations/", include("thidua.clusters.unit_urls")),
    path("authorities/", include("thidua.clusters.authority_urls")),
    path("legal/", include("thidua.legal.urls")),
    path("awards/", include("thidua.awards.urls")),
    path("people/", include("thidua.people.urls")),
    path("eligibility/", include("thidua.eligibility.urls")),
    path("planning/", include("thidua.planning.urls")),
    path("start-of-year/", include("thidua.start_of_year.urls")),
    # the start of the year was served under /cycle/ before its app was renamed: old bookmarks
    path("cycle/", include("thidua.start_of_year.legacy_urls")),
    path("scoring/", include("thidua.scoring.urls")),
    path("voting/", include("thidua.voting.urls")),
    path("documents/", include("thidua.documents.urls")),
    path("restructuring/", include("thidua.restructuring.urls")),
    path("notifications/", include("thidua.notifications.urls")),
]

# 403 and 404 use Django's handlers with core/templates/403.html and 404.html (rendered with the
# request: site layout and menu); the 500 page needs its own handler to get the request too.
handler500 = "thidua.core.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
