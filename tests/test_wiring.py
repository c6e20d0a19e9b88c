"""The project lists its apps explicitly: a mistake in an app's wiring stops the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.integration

PACKAGE = Path(__file__).resolve().parent.parent / "thidua"


def run_check(package: Path, var_dir: Path) -> subprocess.CompletedProcess[str]:
    """``thidua check`` on a copy of the package (the way every start of the project begins)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(package.parent),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "THIDUA_VAR_DIR": str(var_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "thidua", "check"],
        cwd=package.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "src" / "thidua"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_typo_in_an_app_urls_module_stops_the_project(project_copy: Path, tmp_path: Path) -> None:
    urls = project_copy / "awards" / "urls.py"
    urls.write_text(
        urls.read_text(encoding="utf-8").replace(
            "from thidua.awards import views", "import thidua.awards.vews as views"
        ),
        encoding="utf-8",
    )

    result = run_check(project_copy, tmp_path / "var")

    assert result.returncode != 0
    assert "ModuleNotFoundError: No module named 'thidua.awards.vews'" in result.stderr


def test_the_unchanged_copy_starts(project_copy: Path, tmp_path: Path) -> None:
    result = run_check(project_copy, tmp_path / "var")

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def test_every_app_mounts_its_pages() -> None:
    assert [
        reverse("home"),
        reverse("clusters:list"),
        reverse("organizations:list"),
        reverse("legal:rule_sets"),
        reverse("awards:catalogue"),
        reverse("planning:movements"),
        reverse("start_of_year:rollup"),
        reverse("documents:cluster_year", args=["HN-C06", 2023]),
        reverse("api-schema"),
    ] == [
        "/",
        "/clusters/",
        "/organizations/",
        "/legal/",
        "/awards/catalogue/",
        "/planning/movements/",
        "/start-of-year/rollup/",
        "/documents/HN-C06/2023/",
        "/api/schema/",
    ]
