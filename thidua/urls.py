"""The project's URLs: every app is listed here, explicitly.

A mistake in an app's ``urls.py`` (a misspelt import, a missing view) stops the project at start-up
instead of silently dropping that app's pages.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua.home.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("thidua.api_urls")),
    path("clusters/", include("thidua.clusters.urls")),
    path("organizations/", include("thidua.clusters.unit_urls")),
    path("authorities/", include("thidua.clusters.authority_urls")),
    path("legal/", include("thidua.legal.urls")),
    path("awards/", include("thidua.awards.urls")),
    path("planning/", include("thidua.planning.urls")),
    path("start-of-year/", include("thidua.start_of_year.urls")),
    # the start of the year was served under /cycle/ before its app was renamed: old bookmarks
    path("cycle/", include("thidua.start_of_year.legacy_urls")),
    path("scoring/", include("thidua.scoring.urls")),
    path("documents/", include("thidua.documents.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
