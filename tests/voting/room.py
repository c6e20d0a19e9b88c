"""Helpers of the room tests: a delegate's browser as a test client (enter the card, read the
voting form as the page renders it, post it back)."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from thidua.voting.models import Ballot

DELEGATE = "/voting/p/"
CY_URL = "/voting/HN-C06/2023/conference/"


def delegate_with(code: str) -> Client:
    client = Client()
    response = client.post(DELEGATE, {"code": code})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def form_of(body: str, ballot: Ballot) -> dict[str, Any]:
    """The fields the voting form of ``ballot`` sends untouched: the signed receipt and, for
    each candidate, the mark checked by default."""
    start = body.index(f'action="/voting/p/ballots/{ballot.uuid}/"')
    form = body[start : body.index("</form>", start)]
    data: dict[str, Any] = {"receipt": re.search(r'name="receipt" value="([^"]+)"', form)[1]}  # type: ignore[index]
    checked = r'name="(c-[0-9a-f-]+|pick)" value="([^"]*)"[^>]*checked'
    data.update(dict(re.findall(checked, form)))
    for name in re.findall(r'type="hidden" name="(c-[0-9a-f-]+)" value="-"', form):
        data.setdefault(name, "-")
    return data


def vote_url(ballot: Ballot) -> str:
    return f"{DELEGATE}ballots/{ballot.uuid}/"
