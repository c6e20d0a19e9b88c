"""The ``thidua`` console command: Django's management commands under one name.

``thidua migrate``, ``thidua demo``, ``thidua runserver``, ``thidua import-units FILE`` …
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
