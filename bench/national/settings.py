"""Settings of the national benchmark: the product's, with the benchmark's own URLs.

Only ``bench/national/run.py`` uses them (``DJANGO_SETTINGS_MODULE=bench.national.settings``); the
product never mounts the trivial view.
"""

from __future__ import annotations

from thidua.settings import *  # noqa: F403

ROOT_URLCONF = "bench.national.urls"

# Each sign-in logs a few lines from django-axes at INFO: keep the benchmark's output to its table.
LOGGING = {**LOGGING, "loggers": {"axes": {"level": "WARNING"}}}  # noqa: F405
