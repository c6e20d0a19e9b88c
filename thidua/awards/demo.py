"""The award catalogue is loaded by a migration; loading it again here changes nothing."""

from __future__ import annotations

from typing import Any

from thidua.awards.services import load_award_catalogue


def load(stdout: Any) -> None:
    created, updated = load_award_catalogue()
    if created or updated:
        stdout.write(f"Danh mục khen thưởng: thêm {created}, cập nhật {updated}.\n")
