"""The app used to be called ``cycle`` and served under ``/cycle/``: offices keep bookmarks to those
pages, so every old address answers a permanent redirect to the same page under
``/start-of-year/`` (query string kept)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import get_script_prefix, re_path
from django.utils.encoding import escape_uri_path

NEW_PREFIX = "start-of-year/"


class PermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    status_code = 308  # a form posted to an old address is posted again, not turned into a GET


def moved_to_start_of_year(request: HttpRequest, rest: str) -> HttpResponse:
    target = f"{get_script_prefix()}{NEW_PREFIX}{escape_uri_path(rest)}"
    query = request.META.get("QUERY_STRING", "")
    if query:
        target = f"{target}?{query}"
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(target)
    return PermanentRedirectKeepingMethod(target)


urlpatterns = [re_path(r"^(?P<rest>.*)$", moved_to_start_of_year)]
