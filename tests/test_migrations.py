from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_every_model_change_has_a_migration() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "No changes detected"
