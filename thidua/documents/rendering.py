"""Render an official document (``DocumentContent``) to HTML, PDF (WeasyPrint) and DOCX.

One Django template per document; ``render_html`` is the single source of both files:

    from thidua.documents.rendering import render_pdf, render_docx
    pdf_bytes = render_pdf(content)
    docx_bytes = render_docx(content)

PDF rendering reads only files of this app (the print CSS, the shipped font) and the four files
of the deployment's Times New Roman when it has one (fonts.py): the URL fetcher refuses every
other URL, so a template can neither leak data nor wait on the network.
"""

from __future__ import annotations

import io
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from thidua.documents.docx_html import UnsupportedMarkup
from thidua.documents.fonts import document_font
from thidua.documents.header import header_context
from thidua.documents.registry import DocumentContent

__all__ = ["UnsupportedMarkup", "render_docx", "render_html", "render_pdf"]

APP_DIR = Path(__file__).resolve().parent
CSS_PATH = APP_DIR / "print" / "nd30.css"
PDF_MEDIA_TYPE = "application/pdf"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_html(content: DocumentContent) -> str:
    """The document as HTML (what WeasyPrint prints and the DOCX converter reads)."""
    context = {
        **content.context,
        "nd30_css_url": CSS_PATH.as_uri(),
        "nd30_landscape": content.landscape,
        "signing_mode": content.mode,
        "nd30_header": header_context(content.context.get("doc"), landscape=content.landscape),
        # Built from file paths of the settings (percent-encoded URLs), not from user input.
        "nd30_font_faces": mark_safe(document_font().font_face_css()),
    }
    with translation.override("vi"):  # an official document is Vietnamese whatever the UI says
        return _closing_row(render_to_string(content.template_name, context))


def _closing_row(html: str) -> str:
    """N-11 layout: with one signature, "Nơi nhận" sits on the left of it, on the same row.

    With several signatures (two per row) the recipients follow below, as written.
    """
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    signs = tree.xpath('//div[@class="signatures"]/div[@class="signature"]')
    recipients = tree.xpath('//div[@class="recipients"]')
    if len(signs) != 1 or len(recipients) != 1:
        return html
    sign, rec = signs[0], recipients[0]
    holder = sign.getparent()
    row = lxml.html.fragment_fromstring(
        '<table class="nd30-closing"><tr><td class="closing-left"></td>'
        '<td class="closing-right"></td></tr></table>'
    )
    left, right = row.xpath(".//td")
    holder.addprevious(row)
    rec.getparent().remove(rec)
    holder.getparent().remove(holder)
    sign.tail = rec.tail = None
    left.append(rec)
    right.append(sign)
    return lxml.html.tostring(tree, doctype="<!doctype html>", encoding="unicode", method="html")


def _font_files() -> set[Path]:
    return {path.resolve() for path in document_font().files.values()}


@lru_cache(maxsize=1)
def _fetcher_class() -> Any:
    from weasyprint.urls import URLFetcher

    class LocalFilesOnly(URLFetcher):
        """Fetch files of the documents app (CSS, fonts) and data: URLs; refuse the rest."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                from urllib.request import url2pathname

                path = Path(url2pathname(url.removeprefix("file:").split("?")[0])).resolve()
                if path.is_relative_to(APP_DIR) or path in _font_files():
                    return super().fetch(url, headers)
            raise ValueError(f"official documents load no outside resources: {url}")

    return LocalFilesOnly


def render_pdf(content: DocumentContent) -> bytes:
    """A4 PDF with the shipped font embedded (WeasyPrint)."""
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per step
    from weasyprint import HTML

    fetcher = _fetcher_class()(allowed_protocols={"file", "data"}, fail_on_errors=True)
    html = HTML(string=render_html(content), base_url=APP_DIR.as_uri() + "/", url_fetcher=fetcher)
    pdf = html.write_pdf()
    assert pdf is not None
    return pdf


def render_docx(content: DocumentContent) -> bytes:
    """The same document for Word (python-docx), built from the same HTML."""
    import lxml.html
    from docx import Document

    from thidua.documents.docx_html import BODY, Converter, Ctx, Sink
    from thidua.documents.docx_page import setup_document, text_width

    tree = lxml.html.document_fromstring(render_html(content))
    title = (tree.findtext(".//title") or "").strip()
    document = Document()
    setup_document(document, landscape=content.landscape, title=title)
    body = tree.find("body")
    if body is None:  # pragma: no cover -- lxml always builds a body
        raise UnsupportedMarkup("the template produced no <body>")
    Converter(document).blocks(body, Sink(document), Ctx(style=BODY, width=text_width(document)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
