"""HTML → DOCX for official documents: exactly the vocabulary of docs/dev/documents-contract.md.

The HTML is the one WeasyPrint prints, so the PDF and the DOCX say the same thing. Anything
outside the vocabulary raises ``UnsupportedMarkup`` (tests render every kind to DOCX, so a
template mistake fails a test instead of silently disappearing from the Word file).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt
from docx.table import _Cell

from thidua.documents import docx_page as page
from thidua.documents import docx_table, header
from thidua.documents.docx_inline import (
    UnsupportedMarkup,
    inline_tokens,
    is_inline,
    items_of,
    normalise,
)

__all__ = ["BODY", "Converter", "Ctx", "Sink", "UnsupportedMarkup"]


@dataclass(frozen=True)
class Style:
    align: str = "justify"
    indent: bool = True
    bold: bool = False
    italic: bool = False
    upper: bool = False
    size: float = page.BODY_PT
    before: float = 0
    after: float = 6


BODY = Style()
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_CENTRE: dict[str, Any] = {"align": "center", "indent": False, "after": 0}
# Paragraph classes: those of the contract, then those of nd30_base.html and the closing row.
P_CLASSES: dict[str, dict[str, Any]] = {
    "indent": {"indent": True},
    "no-indent": {"indent": False},
    "center": {"align": "center", "indent": False},
    "right": {"align": "right", "indent": False},
    "basis": {"italic": True},
    "sig-prefix": {**_CENTRE, "bold": True, "upper": True},
    "sig-title": {**_CENTRE, "bold": True, "upper": True},
    "sig-note": {**_CENTRE, "italic": True, "before": 6},
    "sig-name": {**_CENTRE, "bold": True, "before": 80},
    "sig-copy": {"before": 24},
    "rec-title": {"align": "left", "indent": False, "bold": True, "italic": True, "size": 12},
    "issuer-parent": {**_CENTRE, "upper": True, "size": 13},
    "issuer": {**_CENTRE, "bold": True, "upper": True, "size": 13},
    "number": {**_CENTRE, "size": 13, "before": 8},
    "national": {**_CENTRE, "bold": True, "upper": True, "size": 13},
    "motto": {**_CENTRE, "bold": True, "size": 14},
    "place-date": {**_CENTRE, "italic": True, "size": 14, "before": 8},
    "type-title": {**_CENTRE, "bold": True, "upper": True, "before": 12},
    "summary": {**_CENTRE, "bold": True, "after": 12},
}
TRANSPARENT_DIVS = {"nd30-body", "nd30-signatures", "nd30-recipients"}
LAYOUT_TABLES = {"nd30-header": (41, 59), "nd30-closing": (50, 50)}  # header: see header.py
CELL_CLASSES = {"num", "center", "nd30-left", "nd30-right", "closing-left", "closing-right"}


@dataclass(frozen=True)
class Ctx:
    style: Style  # the paragraph style in this container
    width: int  # usable width in EMU


class Sink:
    """Where blocks go: the document body or a table cell (whose first paragraph is reused)."""

    def __init__(self, target: Any, *, cell: bool = False) -> None:
        self.target = target
        self._fresh = target.paragraphs[0] if cell else None

    def paragraph(self) -> Any:
        if self._fresh is not None:
            paragraph, self._fresh = self._fresh, None
            return paragraph
        return self.target.add_paragraph()

    @property
    def is_document(self) -> bool:
        return hasattr(self.target, "sections")

    def table(self, rows: int, cols: int) -> Any:
        self._fresh = None
        if self.is_document:
            return self.target.add_table(rows=rows, cols=cols)
        return self.target.add_table(rows, cols)


def _classes(el: Any, allowed: set[str] | dict[str, Any]) -> list[str]:
    names = (el.get("class") or "").split()
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise UnsupportedMarkup(f'<{el.tag} class="{" ".join(unknown)}"> is not in the vocabulary')
    return names


class Converter:
    def __init__(self, document: Any) -> None:
        self.document = document

    # ------------------------------------------------------------------ blocks
    def blocks(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        pending: list[Any] = []
        for item in [*items_of(el), None]:
            if item is not None and is_inline(item):
                pending.append(item)
                continue
            if any(not isinstance(i, str) or i.strip() for i in pending):
                self.paragraph(pending, sink, ctx.style, ctx)
            pending = []
            if item is not None:
                self.block(item, sink, ctx)

    def block(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        tag = el.tag
        if tag == "p":
            style = ctx.style
            for name in _classes(el, P_CLASSES):
                style = replace(style, **P_CLASSES[name])
            return self.paragraph(items_of(el), sink, style, ctx, el=el)
        if tag in {"h2", "h3"}:
            _classes(el, set())
            align = "center" if tag == "h2" else "left"
            style = replace(BODY, align=align, indent=False, bold=True, before=12)
            return self.paragraph(items_of(el), sink, style, ctx)
        if tag in {"ol", "ul"}:
            return self.listing(el, sink, ctx)
        if tag == "table":
            return self.table(el, sink, ctx)
        if tag == "div":
            return self.div(el, sink, ctx)
        raise UnsupportedMarkup(f"<{tag}> is not in the vocabulary of official documents")

    def div(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        names = _classes(
            el, TRANSPARENT_DIVS | {"page-break", "signatures", "signature", "recipients"}
        )
        if not names:
            raise UnsupportedMarkup("<div> needs a class of the vocabulary")
        kind = names[0]
        if kind in TRANSPARENT_DIVS:
            return self.blocks(el, sink, ctx)
        if kind == "page-break":
            if len(el) or (el.text or "").strip():
                raise UnsupportedMarkup('<div class="page-break"> must be empty')
            return sink.paragraph().add_run().add_break(WD_BREAK.PAGE)
        if kind == "signatures":
            return self.signatures(el, sink, ctx)
        if kind == "signature":
            return self.blocks(el, sink, replace(ctx, style=replace(ctx.style, **_CENTRE)))
        if sink.is_document:  # below the signatures, not beside a single one
            _spacer(sink)
        recipients = Style(align="left", indent=False, size=11, after=0)
        return self.blocks(el, sink, replace(ctx, style=recipients))

    def listing(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        _classes(el, set())
        ordered = el.tag == "ol"
        number = 0
        for item in items_of(el):
            if isinstance(item, str):
                if item.strip():
                    raise UnsupportedMarkup(f"text directly inside <{el.tag}>")
                continue
            if item.tag != "li":
                raise UnsupportedMarkup(f"<{item.tag}> inside <{el.tag}> (only <li>)")
            if not all(is_inline(i) for i in items_of(item)):
                raise UnsupportedMarkup("<li> holds text only (lists are one level)")
            number += 1
            prefix = f"{number}. " if ordered else "- "
            self.paragraph([prefix, *items_of(item)], sink, ctx.style, ctx)

    def signatures(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        signs = [c for c in el if isinstance(c.tag, str)]
        for child in signs:
            if child.tag != "div" or child.get("class") != "signature":
                raise UnsupportedMarkup('<div class="signatures"> holds <div class="signature">')
        if not signs:
            return
        rows = (len(signs) + 1) // 2
        _spacer(sink)
        table = sink.table(rows, 2)
        half = ctx.width // 2
        cells: list[Any] = []
        for index in range(rows):
            left, right = table.cell(index, 0), table.cell(index, 1)
            cells.extend([left, right])
        if len(signs) == 1:
            slots = [cells[1]]
        elif len(signs) % 2:
            last = cells[-2].merge(cells[-1])
            slots = [*cells[: len(signs) - 1], last]
        else:
            slots = cells
        style = replace(ctx.style, **_CENTRE)
        for sign, cell in zip(signs, slots, strict=True):
            inner = replace(ctx, style=style, width=half - 2 * page.CELL_MARGIN)
            self.blocks(sign, Sink(cell, cell=True), inner)
        for row in table.rows:
            page.keep_row_together(row)
        page.set_table_width(table, [half, half], fixed=True)
        _keep_closing(table)

    # ------------------------------------------------------------------ tables
    def table(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        names = _classes(el, {"grid", *LAYOUT_TABLES})
        rows = _table_rows(el)
        grid = [self._cells(tr) for tr, _head in rows]
        ncols = max((sum(span for _c, span in cells) for cells in grid), default=0)
        if not ncols:
            return
        if "nd30-closing" in names:
            _spacer(sink)
        table = sink.table(len(rows), ncols)
        layout = next((n for n in names if n in LAYOUT_TABLES), None)
        if "grid" in names:
            table.style = self.document.styles["Table Grid"]
        size = ctx.style.size if layout else page.TABLE_PT
        widths = (
            _layout_widths(layout, ctx.width)
            if layout
            else docx_table.column_widths(grid, ncols, ctx.width, size=size)
        )
        margin = 0 if layout == "nd30-header" else page.CELL_MARGIN
        if layout == "nd30-header":
            docx_table.zero_cell_margins(table)
        for row, cells, (_tr, head) in zip(table.rows, grid, rows, strict=True):
            self._fill_row(
                table, row, cells, widths, size=size, layout=layout is not None, margin=margin
            )
            if head:
                page.repeat_header_row(row)
            if not layout:
                page.keep_row_together(row)
        docx_table.fix_layout(table, widths)
        if layout == "nd30-closing":
            _keep_closing(table)

    def _fill_row(
        self,
        table: Any,
        row: Any,
        cells: list[tuple[Any, int]],
        widths: list[int],
        *,
        size: float,
        layout: bool,
        margin: int = page.CELL_MARGIN,
    ) -> None:
        """Fill one row; ``colspan`` merges cells in the XML directly (linear time)."""
        tcs = list(row._tr.tc_lst)
        col = 0
        for cell_el, span in cells:
            tc = tcs[col]
            if span > 1:
                for extra in tcs[col + 1 : col + span]:
                    row._tr.remove(extra)
                tc.grid_span = span
            cell = _Cell(tc, table)
            width = sum(widths[col : col + span]) - 2 * margin
            names = _classes(cell_el, CELL_CLASSES)
            align = "center" if cell_el.tag == "th" or layout else "left"
            align = "right" if "num" in names else align
            align = "center" if "center" in names else align
            style = Style(align=align, indent=False, bold=cell_el.tag == "th", size=size, after=0)
            self.blocks(cell_el, Sink(cell, cell=True), Ctx(style=style, width=width))
            col += span

    def _cells(self, tr: Any) -> list[tuple[Any, int]]:
        if tr.tag != "tr":
            raise UnsupportedMarkup(f"<{tr.tag}> where <tr> was expected")
        cells = []
        for cell in tr:
            if not isinstance(cell.tag, str):
                continue
            if cell.tag not in {"td", "th"}:
                raise UnsupportedMarkup(f"<{cell.tag}> inside <tr>")
            if cell.get("rowspan"):
                raise UnsupportedMarkup("rowspan is not supported (use colspan or split rows)")
            cells.append((cell, int(cell.get("colspan") or 1)))
        return cells

    # ------------------------------------------------------------------ paragraphs
    def paragraph(
        self, items: list[Any], sink: Sink, style: Style, ctx: Ctx, el: Any = None
    ) -> None:
        paragraph = sink.paragraph()
        tokens = normalise(inline_tokens(items))
        if style.align == "justify" and any(t == "\n" for t, *_ in tokens):
            # Word stretches a line that ends in a manual break; browsers do not.
            style = replace(style, align="left")
        fmt = paragraph.paragraph_format
        fmt.alignment = ALIGN[style.align]
        fmt.first_line_indent = Cm(1.27) if style.indent else Cm(0)
        fmt.space_before, fmt.space_after = Pt(style.before), Pt(style.after)
        for text, bold, italic, underline in tokens:
            run = paragraph.add_run()
            if text == "\n":
                run.add_break()
                continue
            run.text = text.upper() if style.upper else text
            run.bold = style.bold or bold or None
            run.italic = style.italic or italic or None
            run.underline = underline or None
            run.font.size = Pt(style.size)
        classes = (el.get("class") or "").split() if el is not None else []
        plain = "".join(t for t, *_ in tokens if t != "\n")
        if "motto" in classes:  # N-5: a drawn line exactly as long as the motto
            motto_width = page.measure(plain, size=style.size, bold=True)
            offset = int(Pt(style.size * 1.25))  # just under the descenders
            page.add_line_shape(
                paragraph, width=motto_width, offset=offset, name="Tiêu ngữ", shape_id=1
            )
        if "issuer" in classes:  # N-6: a short line under the issuer (header.rule_width)
            lines = "".join(t for t, *_ in tokens).upper().split("\n")
            rule_width = min(header.rule_width(lines, size=style.size), ctx.width)
            rule = sink.paragraph()
            rule.paragraph_format.space_before = rule.paragraph_format.space_after = Pt(2)
            page.mark_size(rule, 2)
            page.centre_to_width(rule, box=ctx.width, width=rule_width)
            page.paragraph_border(rule, "top", space=0)


def _spacer(sink: Sink) -> None:
    """12 pt of space before a signature row (a table has no space-before of its own)."""
    spacer = sink.paragraph()
    spacer.paragraph_format.space_after = Pt(0)
    page.mark_size(spacer, 12)


def _layout_widths(layout: str, width: int) -> list[int]:
    """The columns of the base template's layout tables (the header's from header.py)."""
    if layout == "nd30-header":
        left = int(width * header.left_share(width))
        return [left, width - left]
    return [width * share // 100 for share in LAYOUT_TABLES[layout]]


def _keep_closing(table: Any) -> None:
    """Signature rows spaced apart and kept with what precedes them (docx_table)."""
    docx_table.space_rows(table)
    docx_table.keep_with_previous(table)


def _table_rows(el: Any) -> list[tuple[Any, bool]]:
    """The ``<tr>`` of a table with whether each is a header row (in ``<thead>``)."""
    rows: list[tuple[Any, bool]] = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag in {"thead", "tbody"}:
            _classes(child, set())
            rows.extend((tr, child.tag == "thead") for tr in child if isinstance(tr.tag, str))
        elif child.tag == "tr":
            rows.append((child, False))
        else:
            raise UnsupportedMarkup(f"<{child.tag}> inside <table>")
    return rows
