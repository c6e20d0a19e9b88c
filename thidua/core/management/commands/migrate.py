"""Django's ``migrate``, first carrying renamed apps over (``core.renamed_apps``).

The move runs before Django's own command loads the migration graph and checks the applied
history, so a database migrated under an app's old label continues under the new one with its
data, instead of getting a second, empty set of tables.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.migrate import Command as DjangoMigrateCommand

from thidua.core.renamed_apps import adopt_renamed_apps


class Command(DjangoMigrateCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        for old, new in adopt_renamed_apps(using=options["database"]):
            if options["verbosity"] >= 1:
                self.stdout.write(
                    f"Renamed app {old!r} → {new!r}: tables, migration history and content "
                    "types moved."
                )
        super().handle(*args, **options)
