"""The 500 page: Vietnamese, in the site layout with the menu, and it must never fail itself.

Django's own handler renders ``500.html`` without the request (no menu, no user). Here the page is
rendered with the request first; if that fails too (the error may be in the database or in a
context processor), without it; and as a last resort as plain HTML written here.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

LAST_RESORT = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>'
    '<body><h1>{title}</h1><p>{advice}</p><p><a href="/">{home}</a></p></body></html>'
)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    context = {"request_id": getattr(request, "request_id", "")}
    try:
        return HttpResponseServerError(loader.render_to_string(template_name, context, request))
    except Exception:
        logger.exception("500 page: rendering with the request failed")
    try:
        return HttpResponseServerError(loader.render_to_string(template_name, context))
    except Exception:
        logger.exception("500 page: rendering without the request failed")
    return HttpResponseServerError(
        LAST_RESORT.format(
            title=_("Đã có lỗi trong hệ thống"),
            advice=_("Hãy thử lại sau ít phút; nếu lỗi lặp lại, hãy báo cho quản trị hệ thống."),
            home=_("Về trang chủ"),
        )
    )
