"""What the views of the start of the year share beyond ``core.web``: the success message after a
service run from a POST that redirects."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse

from thidua.core.http import AuthedRequest
from thidua.core.web import Outcome


def reported(
    request: AuthedRequest, outcome: Outcome[Any], success: str, response: HttpResponse
) -> HttpResponse:
    """After ``run_service(..., flash=True)``: the success message, then ``response``."""
    if outcome.ok:
        messages.success(request, success)
    return response
