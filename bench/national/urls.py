"""The product's URLs plus ``/__bench__/trivial/``: the ceiling every page is compared with.

The trivial view goes through the same middleware (session, user, CSRF, locale, audit context,
axes…) and requires a signed-in user, but does no work of its own: what a page serves compared
with it is what the page's own work costs.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from thidua.urls import handler500
from thidua.urls import urlpatterns as product_urlpatterns

__all__ = ["handler500", "urlpatterns"]


@login_required
def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench__/trivial/", trivial, name="bench_trivial"), *product_urlpatterns]
