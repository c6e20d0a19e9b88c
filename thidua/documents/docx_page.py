"""Page set-up and low-level Word XML for the DOCX twin of a PDF (Nghị định 30/2020).

- N-1/N-2: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm (landscape: A4 turned).
- N-3: default style "Times New Roman" 14 pt, black, Vietnamese language. Word has the font;
  Liberation Serif (the PDF font, shipped in fonts/) has the same metrics, so lines break alike.
- N-4: a PAGE field centred in the header, hidden on page 1 (different first-page header).
- N-5: the line under the motto is a drawn line shape (DrawingML, with a VML fallback for old
  readers) exactly as long as the motto, measured with the font's own advance widths.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

FONT_NAME = "Times New Roman"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
BODY_PT = 14
TABLE_PT = 13
CELL_MARGIN = Mm(1.9)  # Word's default left/right cell margin (108 twips)
# Children of w:pPr that must come after w:pBdr (ECMA-376 order; Word rejects other orders).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def setup_document(document: Any, *, landscape: bool, title: str) -> None:
    """A4 page, ND30 margins, default font, and the page-number header from page 2 on."""
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    _default_font(document)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header on page 1
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_field(number, size=TABLE_PT)
    document.core_properties.title = title
    document.core_properties.author = "Thi Đua"
    document.core_properties.language = "vi-VN"


def text_width(document: Any) -> int:
    section = document.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def _default_font(document: Any) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    # The document defaults too, so tables, headers and fields never fall back to the theme font.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        inner = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
        if inner is not None:
            _set_fonts(inner)


def _set_fonts(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT_NAME)


def add_page_field(paragraph: Any, *, size: int) -> None:
    """A ``PAGE`` field (the number Word computes), cached value "2"."""

    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    cached = OxmlElement("w:t")
    cached.text = "2"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for child in (begin, instr, separate, cached, end):
        run_with(child)


def paragraph_border(paragraph: Any, side: str, *, size_eighths: int = 6, space: int = 1) -> None:
    """A solid border on one side of a paragraph (``side``: top|bottom)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), "000000")
    borders.append(line)


def mark_size(paragraph: Any, points: float) -> None:
    """The size of the paragraph mark: an empty paragraph is then only this tall."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(points * 2)))
    rpr.append(sz)
    ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    paragraph.paragraph_format.line_spacing = Pt(points)


@lru_cache(maxsize=4)
def _advances(style: str) -> tuple[dict[int, int], int, int]:
    """Advance widths by code point of the shipped font (Times New Roman metrics)."""
    from fontTools.ttLib import TTFont

    with TTFont(FONT_DIR / f"LiberationSerif-{style}.ttf") as font:
        hmtx = font["hmtx"]
        widths = {code: hmtx[glyph][0] for code, glyph in font.getBestCmap().items()}
        return widths, hmtx[".notdef"][0], font["head"].unitsPerEm


def measure(text: str, *, size: float, bold: bool = False) -> Emu:
    """The printed width of one line of ``text``."""
    widths, missing, units = _advances("Bold" if bold else "Regular")
    advance = sum(widths.get(ord(ch), missing) for ch in text)
    return Emu(int(Pt(size) * advance / units))


def centre_to_width(paragraph: Any, *, box: int, width: int) -> None:
    """Indent both sides so the paragraph (and its border) is ``width`` wide, centred in ``box``."""
    side = max(0, (box - width) // 2)
    paragraph.paragraph_format.left_indent = Emu(side)
    paragraph.paragraph_format.right_indent = Emu(side)


def set_table_width(table: Any, widths: list[int], *, fixed: bool) -> None:
    """Full text width and the column widths (``fixed`` keeps Word from autofitting).

    Walks the XML once (python-docx's ``table.cell`` is quadratic on long tables); call it
    after the cells are merged: a merged cell gets the width of the columns it spans.
    """
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(
            tbl_w, "w:jc", "w:tblInd", "w:tblBorders", "w:tblLayout", "w:tblLook"
        )
    tbl_w.set(qn("w:type"), "pct")
    tbl_w.set(qn("w:w"), "5000")
    table.autofit = not fixed
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = Emu(width)
    for tr in tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            tc.width = Emu(sum(widths[col : col + tc.grid_span]))
            col += tc.grid_span


def repeat_header_row(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def keep_row_together(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


_LINE_SHAPE = """<mc:AlternateContent {ns}><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>{offset}</wp:posOffset></wp:positionV>
<wp:extent cx="{width}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{shape_id}" name="{name}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="0"/></a:xfrm>
<a:prstGeom prst="line"><a:avLst/></a:prstGeom>
<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>
<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:line from="0,0" to="{width_pt}pt,0" strokeweight="0.75pt"
 style="position:absolute;z-index:1;mso-position-horizontal:center;mso-position-horizontal-relative:text;mso-position-vertical-relative:text;margin-top:{offset_pt}pt"/>
</w:pict></mc:Fallback></mc:AlternateContent>"""
_NAMESPACES = {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}


def add_line_shape(paragraph: Any, *, width: int, offset: int, name: str, shape_id: int) -> None:
    """A drawn horizontal line (DrawingML, VML fallback) centred under ``paragraph``'s text.

    N-5 wants the line under the motto drawn as a shape, not an underline: this is what Word
    itself inserts with Insert ▸ Shapes ▸ Line, anchored to the paragraph.
    """
    from docx.oxml import parse_xml

    ns = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    xml = _LINE_SHAPE.format(
        ns=ns,
        width=width,
        offset=offset,
        width_pt=round(width / 12700, 2),
        offset_pt=round(offset / 12700, 2),
        name=name,
        shape_id=shape_id,
    ).replace("\n", "")
    paragraph.add_run()._r.append(parse_xml(xml))
