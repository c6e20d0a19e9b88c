"""Test settings: same as production settings, with fast hashing and isolated files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from thidua.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="thidua-test-media-"))
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Official documents are printed with the shipped font whatever the machine has installed
# (tests of the Times New Roman choice set these themselves).
DOCUMENT_FONT_DIR = ""
DOCUMENT_FONT_SYSTEM = False
