"""Inline HTML of official documents (text, <strong>, <em>, <u>, <span>, <br>) as Word runs.

White space is collapsed as a browser does, so the DOCX words match the PDF's.
"""

from __future__ import annotations

import re
from typing import Any

SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; a no-break space is kept
INLINE = {"strong": "bold", "em": "italic", "u": "underline", "span": None, "br": None}
Token = tuple[str, bool, bool, bool]  # text ("\n" = line break), bold, italic, underline


class UnsupportedMarkup(ValueError):
    """The template used HTML the DOCX converter does not know (see documents-contract.md)."""


def items_of(el: Any) -> list[Any]:
    """Text and child elements of ``el`` in order (comments dropped, their tails kept)."""
    items: list[Any] = [el.text] if el.text else []
    for child in el:
        if isinstance(child.tag, str):
            items.append(child)
        if child.tail:
            items.append(child.tail)
    return items


def is_inline(item: Any) -> bool:
    return isinstance(item, str) or item.tag in INLINE


def inline_tokens(
    items: list[Any], *, bold: bool = False, italic: bool = False, underline: bool = False
) -> list[Token]:
    """Runs of text with their emphasis; anything but the inline vocabulary is an error."""
    tokens: list[Token] = []
    for item in items:
        if isinstance(item, str):
            tokens.append((SPACE.sub(" ", item), bold, italic, underline))
            continue
        if item.tag not in INLINE:
            raise UnsupportedMarkup(f"<{item.tag}> inside a paragraph")
        if item.tag == "br":
            tokens.append(("\n", bold, italic, underline))
            continue
        flags = {"bold": bold, "italic": italic, "underline": underline}
        if flag := INLINE[item.tag]:
            flags[flag] = True
        tokens.extend(inline_tokens(items_of(item), **flags))
    return tokens


def normalise(tokens: list[Token]) -> list[Token]:
    """HTML white-space: one space between words, none at line starts and ends."""
    out: list[Token] = []
    skip_space = True  # at a line start or after a space
    for raw, *flags in tokens:
        text = raw
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
