from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua.accounts.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("thidua.api_urls")),
    path("clusters/", include("thidua.clusters.urls")),
    path("organizations/", include("thidua.organizations.urls")),
    path("legal/", include("thidua.legal.urls")),
    # the start of the year was served under /cycle/ before its app was renamed: old bookmarks
    path("cycle/", include("thidua.start_of_year.legacy_urls")),
]

# Apps of the yearly cycle (start of year, scoring, documents) mount their own URLs.
for _app, _prefix in (
    ("awards", "awards/"),
    ("planning", "planning/"),
    ("start_of_year", "start-of-year/"),
    ("scoring", "scoring/"),
    ("documents", "documents/"),
):
    try:
        import_module(f"thidua.{_app}.urls")
    except ModuleNotFoundError:
        continue
    urlpatterns.append(path(_prefix, include(f"thidua.{_app}.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
