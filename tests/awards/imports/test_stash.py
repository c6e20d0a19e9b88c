"""The file kept between an import's preview and its confirmation lives in the shared file
storage (any app server may serve the confirmation), for one person, once, for at most a day."""

from __future__ import annotations

import os
import time
from pathlib import Path

from thidua.awards.imports import stash


def test_a_kept_file_is_taken_back_once_by_the_same_person(tmp_path: Path) -> None:
    sha = stash.keep(7, b"ma;ten\n")

    assert (tmp_path / "import-stash" / f"7-{sha}").read_bytes() == b"ma;ten\n"
    assert stash.take(8, sha) is None  # someone else
    assert stash.take(7, sha) == b"ma;ten\n"
    assert stash.take(7, sha) is None  # once
    assert not (tmp_path / "import-stash" / f"7-{sha}").exists()


def test_an_altered_or_badly_named_file_is_refused(tmp_path: Path) -> None:
    sha = stash.keep(7, b"goc")
    (tmp_path / "import-stash" / f"7-{sha}").write_bytes(b"da sua")

    assert stash.take(7, sha) is None
    assert stash.take(7, "../../etc/passwd") is None


def test_a_file_older_than_a_day_is_refused_and_cleared_by_the_next_preview(
    tmp_path: Path,
) -> None:
    old = stash.keep(7, b"cu")
    day_and_a_bit = time.time() - 25 * 3600
    os.utime(tmp_path / "import-stash" / f"7-{old}", (day_and_a_bit, day_and_a_bit))
    assert stash.take(7, old) is None

    older = stash.keep(7, b"cu hon")
    os.utime(tmp_path / "import-stash" / f"7-{older}", (day_and_a_bit, day_and_a_bit))
    stash.keep(9, b"moi")
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "import-stash").iterdir()) == ["9"]
