from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from thidua.clusters.forms import ImportForm
from thidua.core.http import AuthedRequest


@login_required
def import_units(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm("clusters.import_units"):
        raise PermissionDenied
    return render(request, "clusters/import.html", {"form": ImportForm()})


@login_required
def import_template(request: AuthedRequest, fmt: str) -> HttpResponse:
    raise PermissionDenied
