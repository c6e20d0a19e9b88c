"""Every registered document kind, as Word would print it: the DOCX converted by LibreOffice says
the same words in the same order as the PDF, and no word or number of a table cell is split
across lines (issue 11, item 4).

LibreOffice is required: without ``soffice`` the test is skipped on a developer's machine and
fails when ``THIDUA_REQUIRE_BROWSER`` is set (CI, ``.ci/run`` installs it). All DOCX files are
converted by one ``soffice`` call, with a private profile so parallel runs do not collide.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import World
from tests.factories_scoring import build_criteria_set, fill_sheet
from tests.factories_start_of_year import make_pledge, make_registration
from tests.voting.closed import closed_ballot
from tests.voting.helpers import fresh, make_conference, mark_present
from thidua.awards.services import load_award_catalogue
from thidua.documents.docx_table import cell_lines
from thidua.documents.registry import document_kinds
from thidua.documents.rendering import render_docx, render_html, render_pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        message = "LibreOffice (soffice) is required: apt-get install libreoffice-writer-nogui"
        if os.environ.get("THIDUA_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return path


LIST_NUMBER = re.compile(r"^\d+\.$")


def words(path: Path, heads: list[list[str]]) -> list[str]:
    """The words of a PDF in drawing order (``pdftotext -raw``), without what depends on where
    pages break: the page numbers of pages 2, 3… and the table heads repeated on them. List
    numbers ("1.") are left out too: WeasyPrint draws list markers after the items' text.
    """
    text = subprocess.run(  # noqa: S603 -- fixed arguments
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    out: list[str] = []
    for number, page in enumerate(text.split("\f"), start=1):
        found = unicodedata.normalize("NFC", page).split()
        if number > 1 and found and found[0] == str(number):
            found = found[1:]
        if number > 1 and found and found[-1] == str(number):
            found = found[:-1]
        for head in heads if number > 1 else []:
            if head and found[: len(head)] == head:
                found = found[len(head) :]
        out.extend(w for w in found if not LIST_NUMBER.match(w))
    return out


def table_heads(html: str) -> list[list[str]]:
    """The words of each data table's head (repeated on every page the table runs over)."""
    tree = lxml.html.document_fromstring(html)
    heads = []
    for thead in tree.xpath('//table[contains(@class, "grid")]/thead'):
        found = []
        for cell in thead.xpath(".//th|.//td"):
            for line in cell_lines(cell):
                found.extend(unicodedata.normalize("NFC", line).split())
        heads.append(found)
    return heads


def difference(printed: list[str], office: list[str]) -> list[str]:
    """Where the two word lists part (a few words around each change)."""
    matcher = difflib.SequenceMatcher(a=printed, b=office, autojunk=False)
    return [
        f"PDF …{' '.join(printed[max(a1 - 3, 0) : a2 + 3])}… / "
        f"LibreOffice …{' '.join(office[max(b1 - 3, 0) : b2 + 3])}…"
        for tag, a1, a2, b1, b2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def signature_words(html: str) -> set[str]:
    tree = lxml.html.document_fromstring(html)
    return {
        word.upper()
        for block in tree.xpath('//div[contains(@class, "signature")]')
        for word in unicodedata.normalize("NFC", block.text_content()).split()
    } | {
        word
        for block in tree.xpath('//div[contains(@class, "signature")]')
        for word in unicodedata.normalize("NFC", block.text_content()).split()
    }


def table_tokens(html: str) -> Counter[str]:
    """The words and numbers of the cells of bordered tables (the data tables)."""
    tree = lxml.html.document_fromstring(html)
    tokens: Counter[str] = Counter()
    for cell in tree.xpath('//table[contains(@class, "grid")]//*[self::td or self::th]'):
        for line in cell_lines(cell):
            found = unicodedata.normalize("NFC", line).split()
            tokens.update(w for w in found if not LIST_NUMBER.match(w))
    return tokens


def fill_world(world: World) -> None:
    """Enough data for every document kind of the project."""
    load_award_catalogue()
    make_pledge(world.cy, world.secretariat)
    make_registration(world.cy, world.member, world.officer, models=2, submit=True)
    build_criteria_set(world.cy, world.secretariat)
    fill_sheet(world.cy, world.member, world.officer, values={"II.2": Decimal("12.5")})
    fill_sheet(world.cy, world.deputy, world.deputy_officer, values={"II.2": Decimal(5)})
    make_conference(world)
    mark_present(world, world.head, world.deputy)
    closed_ballot(
        world,
        title="Suy tôn Cờ thi đua của Chính phủ",
        results=[(world.member, 3, 0, True, True), (world.deputy, 1, 2, False, False)],
    )


def test_every_kind_prints_the_same_words_through_libreoffice(world: World, tmp_path: Path) -> None:
    binary = soffice()
    fill_world(world)
    htmls: dict[str, str] = {}
    for kind in document_kinds():
        slug = kind.slug
        content = kind.build(cluster_year=fresh(world.cy))
        htmls[slug] = render_html(content)
        (tmp_path / f"{slug}.pdf").write_bytes(render_pdf(content))
        (tmp_path / f"{slug}.docx").write_bytes(render_docx(content))
    out = tmp_path / "lo"
    subprocess.run(  # noqa: S603 -- fixed arguments
        [
            binary,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *[str(tmp_path / f"{slug}.docx") for slug in htmls],
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    assert len(htmls) >= 6
    for slug, html in htmls.items():
        heads = table_heads(html)
        office = words(out / f"{slug}.pdf", heads)
        printed = words(tmp_path / f"{slug}.pdf", heads)
        assert Counter(printed) == Counter(office), f"{slug}: {Counter(printed) ^ Counter(office)}"
        # WeasyPrint draws floated signature blocks first: their words are compared as a set.
        floating = signature_words(html)
        in_flow = [w for w in printed if w not in floating]
        office_in_flow = [w for w in office if w not in floating]
        assert in_flow == office_in_flow, f"{slug}:\n" + "\n".join(
            difference(in_flow, office_in_flow)
        )
        missing = table_tokens(html) - Counter(office)
        assert not missing, f"{slug}: split in a table cell: {sorted(missing)}"
