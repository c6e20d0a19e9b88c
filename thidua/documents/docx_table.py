"""Word tables that print like the PDF's: sized so no word or number splits, kept together.

- Column widths: each column is at least as wide as its longest unbreakable word or number
  (measured with the font's advance widths, as the motto line is) plus the cell margins; the rest
  of the text width goes to the columns whose text would wrap, in proportion to how much more
  they need (the automatic table layout of browsers, so the PDF and the DOCX look alike).
  Word and LibreOffice then get a fixed layout (``w:tblLayout fixed``, ``w:gridCol``, ``w:tcW``).
- Signature rows are spaced apart and kept with the paragraph before them, so a signature
  never stands alone at the top of a page.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua.documents import docx_page as page
from thidua.documents.docx_inline import SPACE

PADDING = 2 * int(page.CELL_MARGIN) + int(Mm(1.5))  # both cell margins and room for rounding
SIGNATURE_ROW_GAP = Pt(12)


def cell_lines(cell: Any) -> list[str]:
    """The text of a cell, one string per line (``<br>`` and block children break lines)."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                if child.tag in {"br", "p", "li", "div"}:
                    parts.append("\n")
                walk(child)
            parts.append(child.tail or "")

    walk(cell)
    return [SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n")]


def _needs(cell: Any, *, size: float, bold: bool) -> tuple[int, int]:
    """(longest unbreakable word, longest line) of one cell, in EMU."""
    word = line_width = 0
    for line in cell_lines(cell):
        if not line:
            continue
        line_width = max(line_width, int(page.measure(line, size=size, bold=bold)))
        for token in SPACE.split(line):  # a no-break space keeps its words together
            word = max(word, int(page.measure(token, size=size, bold=bold)))
    return word, line_width


def column_widths(
    grid: list[list[tuple[Any, int]]], ncols: int, total: int, *, size: float
) -> list[int]:
    """Widths (EMU) of a table's columns that fill ``total``: see the module docstring."""
    least = [PADDING] * ncols
    wanted = [PADDING] * ncols
    for cells in grid:
        col = 0
        for cell, span in cells:
            if span == 1:
                word, line = _needs(cell, size=size, bold=cell.tag == "th")
                least[col] = max(least[col], word + PADDING)
                wanted[col] = max(wanted[col], line + PADDING)
            col += span
    if sum(least) >= total:  # cannot be helped: shrink everything alike
        return _scaled(least, total)
    if sum(wanted) <= total:  # everything fits on one line: share the spare room alike
        return _scaled(wanted, total)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    room = total - sum(least)
    widths = [m + room * e // sum(extra) for m, e in zip(least, extra, strict=True)]
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def _scaled(widths: list[int], total: int) -> list[int]:
    out = [w * total // sum(widths) for w in widths]
    out[out.index(max(out))] += total - sum(out)
    return out


def fix_layout(table: Any, widths: list[int]) -> None:
    """Fixed layout in the XML: ``w:tblLayout fixed``, the grid and every cell's width."""
    page.set_table_width(table, widths, fixed=True)


def zero_cell_margins(table: Any) -> None:
    """No left/right cell margins (the PDF's layout tables have no padding either)."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def keep_with_next(paragraph_element: Any) -> None:
    paragraph_element.get_or_add_pPr().keepNext_val = True


def keep_with_previous(table: Any) -> None:
    """Keep a closing table (signatures) on the page of what comes before it.

    Word keeps a paragraph with the next one when it has ``keepNext``; in a table the rows
    stay together when their paragraphs have it. The paragraphs just before the table (the
    spacer and the last paragraph of the body, or the last row of a body table) get it, and
    so does every row of the table but its last.
    """
    tbl = table._tbl
    for tr in tbl.tr_lst[:-1]:
        for p in tr.iter(qn("w:p")):
            keep_with_next(p)
    previous = tbl.getprevious()
    while previous is not None:
        if previous.tag == qn("w:tbl"):
            rows = previous.findall(qn("w:tr"))
            for p in rows[-1].iter(qn("w:p")) if rows else ():
                keep_with_next(p)
            return
        if previous.tag != qn("w:p"):
            return
        keep_with_next(previous)
        if "".join(previous.itertext()).strip():  # the last paragraph with text: enough
            return
        previous = previous.getprevious()


def space_rows(table: Any, *, gap: Any = SIGNATURE_ROW_GAP) -> None:
    """Space before every row but the first (a row of signatures below another)."""
    for tr in table._tbl.tr_lst[1:]:
        for tc in tr.tc_lst:
            paragraphs = tc.findall(qn("w:p"))
            if paragraphs:
                fmt = paragraphs[0].get_or_add_pPr()
                spacing = fmt.get_or_add_spacing()
                spacing.before = max(spacing.before or 0, gap)
