"""Signature blocks of official documents (Nghị định 30/2020, Phụ lục I; rule N-11).

One model for every template: a :class:`Signature` says who signs and in what capacity — the
authority prefix (TM., KT., TL., TUQ., Q.), the body's name, the title, the signer's own post
and name — and the document's :class:`SigningMode` says whether the print is the original to
sign (a 28 mm blank for the signature and the seal, then the name) or a copy ("(Đã ký)").
Builders make blocks with the constructors below; templates print them with
``{% include "documents/_signatures.html" %}``, which pads the blocks of one row so that their
name lines are level.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.vntext import fold
from thidua.documents.enums import SigningMode
from thidua.organizations.enums import OrganizationKind

__all__ = ["SigningMode"]  # re-exported: the builders import it with the blocks


class Prefix(models.TextChoices):
    """Thẩm quyền ký (Nghị định 30/2020, Điều 13 and Phụ lục I, Mục II, khoản 7)."""

    NONE = "", _("Ký trực tiếp")
    TM = "TM.", _("TM. — thay mặt tập thể")
    KT = "KT.", _("KT. — ký thay người đứng đầu")
    TL = "TL.", _("TL. — thừa lệnh")
    TUQ = "TUQ.", _("TUQ. — thừa ủy quyền")
    Q = "Q.", _("Q. — quyền")


# Units governed by a People's Committee sign "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
PEOPLES_COMMITTEES = {
    OrganizationKind.PROVINCE,
    OrganizationKind.DISTRICT,
    OrganizationKind.COMMUNE,
}
PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
CHAIR = "CHỦ TỊCH"
VICE_CHAIR = "PHÓ CHỦ TỊCH"
UNIT_HEAD = "THỦ TRƯỞNG ĐƠN VỊ"
SIGNED = "(Đã ký)"


@dataclass(frozen=True)
class Signature:
    """One signature block. ``body`` may hold line breaks ("ỦY BAN NHÂN DÂN\\nHUYỆN SÓC SƠN");
    for TM. it is the body the signer speaks for, for KT./TL./TUQ. the title of the head the
    signer signs for, without a prefix a line naming the unit (documents signed by several
    units). ``deputy_of`` adds "KT. <title>" under a TM. line; ``post`` is the signer's own post
    printed under the title ("GIÁM ĐỐC SỞ NỘI VỤ" under "CỤM TRƯỞNG"). An empty ``name`` is a
    signer not known: the name line stays blank, to be written by hand."""

    title: str
    prefix: str = Prefix.NONE
    body: str = ""
    deputy_of: str = ""
    post: str = ""
    name: str = ""
    note: str = ""  # e.g. "(Đã ký trên giấy ngày 07/02/2020)"
    signed: bool = False  # known to be signed: a copy prints "(Đã ký)"

    def __post_init__(self) -> None:
        if self.prefix not in Prefix.values:
            raise ValueError(f"unknown signing prefix {self.prefix!r}")

    @property
    def lines(self) -> list[str]:
        """The capacity lines, upper case, in the order of Nghị định 30/2020."""
        body = [line.strip() for line in self.body.split("\n") if line.strip()]
        out: list[str] = []
        if body and self.prefix in (Prefix.TM, Prefix.KT, Prefix.TL, Prefix.TUQ):
            out = [f"{self.prefix} {body[0]}", *body[1:]]
        elif body:
            out = body
        if self.deputy_of:
            out.append(f"{Prefix.KT} {self.deputy_of}")
        if self.title:
            out.append(f"{Prefix.Q} {self.title}" if self.prefix == Prefix.Q else self.title)
        if self.post:
            out.append(self.post)
        return [line.upper() for line in out]


@dataclass(frozen=True)
class PrintedSignature:
    """A block as printed: its lines, blank lines that level the row, the note, the name."""

    lines: list[str]
    padding: list[str]
    note: str
    name: str


def _words(text: str) -> list[str]:
    return text.split()


def compose_post(position: str, unit_name: str) -> str:
    """The signer's post with the unit's name, without saying the unit's kind twice:
    ("Chủ tịch UBND huyện", "Huyện Sóc Sơn") → "CHỦ TỊCH UBND HUYỆN SÓC SƠN";
    ("Giám đốc", "Sở Nội vụ") → "GIÁM ĐỐC SỞ NỘI VỤ"; a post that already names the unit is
    kept as it is."""
    position, unit_name = position.strip(), unit_name.strip()
    if not position:
        return unit_name.upper()
    if not unit_name or fold(unit_name) in fold(position):
        return position.upper()
    pos, unit = _words(position), _words(unit_name)
    folded_pos, folded_unit = [fold(w) for w in pos], [fold(w) for w in unit]
    for k in range(min(len(pos), len(unit)), 0, -1):
        if folded_pos[-k:] == folded_unit[:k]:
            return " ".join([*pos, *unit[k:]]).upper()
    return f"{position} {unit_name}".upper()


def strip_unit(position: str, unit_name: str) -> str:
    """The title alone: ("Giám đốc Sở Nội vụ", "Sở Nội vụ") → "GIÁM ĐỐC"."""
    pos, unit = _words(position.strip()), _words(unit_name.strip())
    if (
        unit
        and len(pos) > len(unit)
        and [fold(w) for w in pos[-len(unit) :]] == [fold(w) for w in unit]
    ):
        pos = pos[: -len(unit)]
    return " ".join(pos).upper()


def place_of(unit_name: str) -> str:
    """The place a People's Committee governs: "UBND huyện Sóc Sơn" → "HUYỆN SÓC SƠN"."""
    words = _words(unit_name.strip())
    folded = [fold(w) for w in words]
    if folded[:1] == ["ubnd"]:
        words = words[1:]
    elif folded[:4] == ["uy", "ban", "nhan", "dan"]:
        words = words[4:]
    return " ".join(words).upper()


def unit_signature(
    organization: Any, *, name: str = "", position: str = "", note: str = "", signed: bool = False
) -> Signature:
    """A member unit signing a document signed by several units (the pledge). People's
    Committees sign "TM. ỦY BAN NHÂN DÂN / <PLACE> / CHỦ TỊCH" (a vice-chair adds
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); other units print their name, then the signer's title
    (the unit's head when not known)."""
    if organization.kind in PEOPLES_COMMITTEES:
        vice = fold(position).startswith("pho chu tich")
        return Signature(
            prefix=Prefix.TM,
            body=f"{PEOPLES_COMMITTEE}\n{place_of(organization.name)}",
            deputy_of=CHAIR if vice else "",
            title=VICE_CHAIR if vice else CHAIR,
            name=name,
            note=note,
            signed=signed,
        )
    title = strip_unit(position, organization.name) if position.strip() else UNIT_HEAD
    return Signature(body=organization.name, title=title, name=name, note=note, signed=signed)


def cluster_head_signature(cluster_year: Any, leader: Any = None) -> Signature:
    """The head unit signs for the cluster: "TM. CỤM THI ĐUA SỐ 6 / CỤM TRƯỞNG / GIÁM ĐỐC SỞ
    NỘI VỤ", the leader's name under the signing space (blank when no leader is recorded)."""
    head = cluster_year.head
    if leader is not None and head is not None:
        post = compose_post(leader.position, head.name)
    else:
        post = head.name if head is not None else ""
    return Signature(
        prefix=Prefix.TM,
        body=cluster_year.cluster.name,
        title=cluster_year.head_label,
        post=post,
        name=leader.full_name if leader is not None else "",
    )


def person_signature(title: str, name: str = "") -> Signature:
    """A person signing in a capacity of the document itself (minutes: THƯ KÝ, CHỦ TRÌ)."""
    return Signature(title=title, name=name)


def paper_note(day: dt.date) -> str:
    return f"(Đã ký trên giấy ngày {day:%d/%m/%Y})"


SIZE_PT = 14  # signature blocks print at the body size (N-11: 13–14)
CELL_PADDING_MM = 3.8  # Word's default cell margins, both sides (docx_page.CELL_MARGIN)


def _printed_lines(text: str, width: int, *, bold: bool) -> int:
    """How many lines ``text`` takes in a cell ``width`` EMU wide (greedy word wrap with the
    shipped font's metrics, the same as Times New Roman's)."""
    from thidua.documents.docx_page import measure

    space = measure(" ", size=SIZE_PT, bold=bold)
    lines, used = 1, 0
    for word in text.split():
        size = measure(word, size=SIZE_PT, bold=bold)
        if used and used + space + size > width:
            lines, used = lines + 1, size
        else:
            used += (space if used else 0) + size
    return lines


def _height(sig: Signature, width: int) -> int:
    lines = sum(_printed_lines(line, width, bold=True) for line in sig.lines)
    return lines + (_printed_lines(sig.note, width, bold=False) if sig.note else 0)


def printed(
    signatures: Sequence[Signature], mode: str = SigningMode.ORIGINAL, *, landscape: bool = False
) -> list[PrintedSignature]:
    """Blocks as printed, two per row as the layout places them: the shorter block of a row is
    padded with blank lines so both name lines are level (counting the lines a long title wraps
    to). A copy prints "(Đã ký)" on blocks without a note of their own."""
    from docx.shared import Mm

    text_mm = 297 - 45 if landscape else 210 - 45  # A4 less the margins of N-2
    width = int(Mm(text_mm / 2 - CELL_PADDING_MM))
    blocks = [
        replace(sig, note=SIGNED) if mode == SigningMode.COPY and not sig.note else sig
        for sig in signatures
    ]
    out: list[PrintedSignature] = []
    for start in range(0, len(blocks), 2):
        row = blocks[start : start + 2]
        heights = [_height(sig, width) for sig in row]
        for sig, own in zip(row, heights, strict=True):
            out.append(
                PrintedSignature(
                    lines=sig.lines,
                    padding=[""] * (max(heights) - own),
                    note=sig.note,
                    name=sig.name,
                )
            )
    return out
