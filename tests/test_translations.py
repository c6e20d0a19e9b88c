from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from tests.conftest import World

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PO = (
    Path(__file__).resolve().parent.parent
    / "thidua"
    / "locale"
    / "en"
    / "LC_MESSAGES"
    / "django.po"
)


def test_english_catalogue_has_no_empty_or_fuzzy_entry() -> None:
    text = PO.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # the first block is the header
    untranslated = [
        e for e in entries if e.rstrip().endswith('msgstr ""') and "msgid_plural" not in e
    ]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert (untranslated, fuzzy) == ([], [])


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Đăng nhập", "Log in"),
        ("Cụm, khối thi đua", "Emulation clusters and blocs"),
        ("Giao ước thi đua", "Emulation pledge"),
    ],
)
def test_compiled_english_catalogue_is_used(vietnamese: str, english: str) -> None:
    with translation.override("en"):
        assert translation.gettext(vietnamese) == english


def test_cluster_year_page_in_english(client: Client, world: World) -> None:
    client.force_login(world.board)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/clusters/HN-C06/2023/").content.decode()
    assert ("Cluster head" in body, "Members" in body, "Cụm trưởng" in body) == (True, True, False)
