"""Reading back generated PDFs in tests (pypdf)."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

TOP_MARGIN_PT = 20 / 25.4 * 72  # 20 mm


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    """All text, NFC, with line breaks turned into spaces (names may wrap in table cells)."""
    text = " ".join(page.extract_text() for page in reader(data).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _mult(m: list[float], n: list[float]) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def top_margin_texts(data: bytes, page_index: int) -> list[tuple[str, float]]:
    """(text, x) of everything printed in the top margin of one page."""
    page = reader(data).pages[page_index]
    height = float(page.mediabox.height)
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        matrix = _mult(tm, cm)
        if text.strip() and matrix[5] > height - TOP_MARGIN_PT:
            found.append((text.strip(), matrix[4]))

    page.extract_text(visitor_text=visit)
    return found


def embedded_fonts(data: bytes) -> set[str]:
    """BaseFont names (subset prefix removed) of fonts embedded with a font file."""
    names = set()
    for page in reader(data).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            if "/FontFile2" in descriptor:
                names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names


def text_heights(data: bytes, page_index: int = 0) -> list[tuple[str, float]]:
    """(text, y) of every piece of text of one page, y from the bottom of the page."""
    page = reader(data).pages[page_index]
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            found.append((text.strip(), _mult(tm, cm)[5]))

    page.extract_text(visitor_text=visit)
    return found
