"""HTML → DOCX for official documents: exactly the vocabulary of docs/dev/documents-contract.md.

The HTML is the one WeasyPrint prints, so the PDF and the DOCX say the same thing. Anything
outside the vocabulary raises ``UnsupportedMarkup`` (tests render every kind to DOCX, so a
template mistake fails a test instead of silently disappearing from the Word file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Emu, Pt

from thidua.documents import docx_page as page


class UnsupportedMarkup(ValueError):
    """The template used HTML the DOCX converter does not know (see documents-contract.md)."""


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
    "sig-name": {**_CENTRE, "bold": True, "before": 60},
    "rec-title": {"align": "left", "indent": False, "bold": True, "italic": True, "size": 12},
    "issuer-parent": {**_CENTRE, "upper": True, "size": 13},
    "issuer": {**_CENTRE, "bold": True, "upper": True, "size": 13},
    "number": {**_CENTRE, "size": 13, "before": 6},
    "national": {**_CENTRE, "bold": True, "upper": True, "size": 13},
    "motto": {**_CENTRE, "bold": True, "size": 14},
    "place-date": {**_CENTRE, "italic": True, "size": 14, "before": 6},
    "type-title": {**_CENTRE, "bold": True, "upper": True, "before": 12},
    "summary": {**_CENTRE, "bold": True, "after": 12},
}
INLINE = {"strong": "bold", "em": "italic", "u": "underline", "span": None, "br": None}
TRANSPARENT_DIVS = {"nd30-body", "nd30-signatures", "nd30-recipients"}
LAYOUT_TABLES = {"nd30-header": (38, 62), "nd30-closing": (50, 50)}
CELL_CLASSES = {"num", "center", "nd30-left", "nd30-right", "closing-left", "closing-right"}
_SPACE = re.compile(r"\s+")
MIN_COLUMN = int(Cm(1.2))


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

    def table(self, rows: int, cols: int) -> Any:
        self._fresh = None
        if hasattr(self.target, "sections"):  # the document
            return self.target.add_table(rows=rows, cols=cols)
        return self.target.add_table(rows, cols)


def _classes(el: Any, allowed: set[str] | dict[str, Any]) -> list[str]:
    names = (el.get("class") or "").split()
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise UnsupportedMarkup(f'<{el.tag} class="{" ".join(unknown)}"> is not in the vocabulary')
    return names


def _items(el: Any) -> list[Any]:
    """Text and child elements of ``el`` in order (comments dropped, their tails kept)."""
    items: list[Any] = [el.text] if el.text else []
    for child in el:
        if isinstance(child.tag, str):
            items.append(child)
        if child.tail:
            items.append(child.tail)
    return items


def _is_inline(item: Any) -> bool:
    return isinstance(item, str) or item.tag in INLINE


class Converter:
    def __init__(self, document: Any) -> None:
        self.document = document

    # ------------------------------------------------------------------ blocks
    def blocks(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        pending: list[Any] = []
        for item in [*_items(el), None]:
            if item is not None and _is_inline(item):
                pending.append(item)
                continue
            if any(not isinstance(i, str) or i.strip() for i in pending):
                self.paragraph(pending, sink, ctx.style, ctx)
            pending = []
            if item is not None:
                self.block(item, sink, ctx)

    def block(self, el: Any, sink: Sink, ctx: Ctx) -> None:  # noqa: PLR0911 -- a dispatch table
        tag = el.tag
        if tag == "p":
            style = ctx.style
            for name in _classes(el, P_CLASSES):
                style = replace(style, **P_CLASSES[name])
            prev = el.getprevious()
            if "sig-name" in (el.get("class") or "") and prev is not None:
                if "sig-note" in (prev.get("class") or ""):
                    style = replace(style, before=30)
            return self.paragraph(_items(el), sink, style, ctx, el=el)
        if tag in {"h2", "h3"}:
            _classes(el, set())
            align = "center" if tag == "h2" else "left"
            style = replace(BODY, align=align, indent=False, bold=True, before=12)
            return self.paragraph(_items(el), sink, style, ctx)
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
        recipients = Style(align="left", indent=False, size=11, after=0)
        return self.blocks(el, sink, replace(ctx, style=recipients))

    def listing(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        _classes(el, set())
        ordered = el.tag == "ol"
        number = 0
        for item in _items(el):
            if isinstance(item, str):
                if item.strip():
                    raise UnsupportedMarkup(f"text directly inside <{el.tag}>")
                continue
            if item.tag != "li":
                raise UnsupportedMarkup(f"<{item.tag}> inside <{el.tag}> (only <li>)")
            if not all(_is_inline(i) for i in _items(item)):
                raise UnsupportedMarkup("<li> holds text only (lists are one level)")
            number += 1
            prefix = f"{number}. " if ordered else "- "
            self.paragraph([prefix, *_items(item)], sink, ctx.style, ctx)

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
        page.set_table_width(table, [half, half], fixed=True)
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

    # ------------------------------------------------------------------ tables
    def table(self, el: Any, sink: Sink, ctx: Ctx) -> None:
        names = _classes(el, {"grid", *LAYOUT_TABLES})
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
        grid = [self._cells(tr) for tr, _head in rows]
        ncols = max((sum(span for _c, span in cells) for cells in grid), default=0)
        if not ncols:
            return
        if "nd30-closing" in names:
            _spacer(sink)
        table = sink.table(len(rows), ncols)
        layout = next((LAYOUT_TABLES[n] for n in names if n in LAYOUT_TABLES), None)
        if "grid" in names:
            table.style = self.document.styles["Table Grid"]
        widths = (
            [ctx.width * share // 100 for share in layout]
            if layout
            else self._estimate_widths(grid, ncols, ctx.width)
        )
        page.set_table_width(table, widths, fixed=layout is not None)
        size = ctx.style.size if layout else page.TABLE_PT
        for r, cells in enumerate(grid):
            col = 0
            for cell_el, span in cells:
                cell = table.cell(r, col)
                if span > 1:
                    cell = cell.merge(table.cell(r, col + span - 1))
                width = sum(widths[col : col + span]) - 2 * page.CELL_MARGIN
                names_cell = _classes(cell_el, CELL_CLASSES)
                align = "center" if cell_el.tag == "th" or layout else "left"
                align = "right" if "num" in names_cell else align
                align = "center" if "center" in names_cell else align
                style = Style(
                    align=align, indent=False, bold=cell_el.tag == "th", size=size, after=0
                )
                self.blocks(cell_el, Sink(cell, cell=True), Ctx(style=style, width=width))
                col += span
            if rows[r][1]:
                page.repeat_header_row(table.rows[r])
            if not layout:
                page.keep_row_together(table.rows[r])

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

    @staticmethod
    def _estimate_widths(grid: list[list[tuple[Any, int]]], ncols: int, total: int) -> list[int]:
        """Column widths from the longest text of single-column cells (Word would autofit)."""
        weight = [4] * ncols
        for cells in grid:
            col = 0
            for cell, span in cells:
                if span == 1:
                    length = len(_SPACE.sub(" ", cell.text_content()).strip())
                    weight[col] = max(weight[col], min(length, 40) + 3)
                col += span
        widths = [max(total * w // sum(weight), MIN_COLUMN) for w in weight]
        excess = sum(widths) - total  # the minimum widths are taken from the widest column
        widths[widths.index(max(widths))] -= max(excess, 0)
        return widths

    # ------------------------------------------------------------------ paragraphs
    def paragraph(
        self, items: list[Any], sink: Sink, style: Style, ctx: Ctx, el: Any = None
    ) -> None:
        paragraph = sink.paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = ALIGN[style.align]
        fmt.first_line_indent = Cm(1.27) if style.indent else Cm(0)
        fmt.space_before, fmt.space_after = Pt(style.before), Pt(style.after)
        tokens = _normalise(self._tokens(items, bold=False, italic=False, underline=False))
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
        if "motto" in classes:  # N-5: a line exactly as long as the motto
            width = page.measure(plain, size=style.size, bold=True)
            page.centre_to_width(paragraph, box=ctx.width, width=width)
            page.paragraph_border(paragraph, "bottom")
        if "issuer" in classes:  # N-6: a short line (40 % of the name) under the issuer
            width = min(page.measure(plain.upper(), size=style.size, bold=True), ctx.width)
            rule = sink.paragraph()
            rule.paragraph_format.space_before = rule.paragraph_format.space_after = Pt(2)
            page.mark_size(rule, 2)
            page.centre_to_width(rule, box=ctx.width, width=int(Emu(width * 2 // 5)))
            page.paragraph_border(rule, "top", space=0)

    def _tokens(
        self, items: list[Any], *, bold: bool, italic: bool, underline: bool
    ) -> list[tuple[str, bool, bool, bool]]:
        tokens: list[tuple[str, bool, bool, bool]] = []
        for item in items:
            if isinstance(item, str):
                tokens.append((_SPACE.sub(" ", item), bold, italic, underline))
                continue
            if item.tag not in INLINE:
                raise UnsupportedMarkup(f"<{item.tag}> inside a paragraph")
            if item.tag == "br":
                tokens.append(("\n", bold, italic, underline))
                continue
            flags = {"bold": bold, "italic": italic, "underline": underline}
            if INLINE[item.tag]:
                flags[INLINE[item.tag]] = True
            tokens.extend(self._tokens(_items(item), **flags))
        return tokens


def _spacer(sink: Sink) -> None:
    """12 pt of space before a signature row (a table has no space-before of its own)."""
    spacer = sink.paragraph()
    spacer.paragraph_format.space_after = Pt(0)
    page.mark_size(spacer, 12)


def _normalise(tokens: list[tuple[str, bool, bool, bool]]) -> list[tuple[str, bool, bool, bool]]:
    """HTML white-space: one space between words, none at line starts and ends."""
    out: list[tuple[str, bool, bool, bool]] = []
    skip_space = True  # at a line start or after a space
    for text, *flags in tokens:
        if text == "\n":
            if out and out[-1][0] != "\n":
                out[-1] = (out[-1][0].rstrip(), *out[-1][1:])
            out.append((text, *flags))  # type: ignore[arg-type]
            skip_space = True
            continue
        if skip_space:
            text = text.lstrip()
        if not text:
            continue
        out.append((text, *flags))  # type: ignore[arg-type]
        skip_space = text.endswith(" ")
    while out and out[-1][0] != "\n" and not out[-1][0].strip():
        out.pop()
    if out and out[-1][0] != "\n":
        out[-1] = (out[-1][0].rstrip(), *out[-1][1:])
    return out
