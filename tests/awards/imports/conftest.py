from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_stash(settings: Any, tmp_path: Path) -> None:
    """Files kept between a preview and its confirmation go to the test's own storage folder."""
    settings.MEDIA_ROOT = tmp_path
