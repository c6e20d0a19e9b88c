"""The PDF font: Times New Roman when the deployment has it (N-3), else shipped Liberation Serif.

Nghị định 30/2020 names Times New Roman. Its files may not be redistributed, so the app ships
Liberation Serif (SIL OFL, the same advance widths: lines and pages break alike) and uses Times
New Roman only when the machine provides all four styles (regular, bold, italic, bold italic):

1. in the folder of the setting ``DOCUMENT_FONT_DIR`` (environment ``THIDUA_DOCUMENT_FONT_DIR``),
2. else, unless ``DOCUMENT_FONT_SYSTEM`` is off (``THIDUA_DOCUMENT_FONT_SYSTEM=false``), where
   fontconfig finds "Times New Roman" (``fc-list``);
3. else the shipped Liberation Serif (``fonts/``).

Fonts are recognised by the family name inside the file, not by the file name. The choice is
logged once per process and shown by ``thidua check --deploy`` (docs/documents.md).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

SHIPPED_DIR = Path(__file__).resolve().parent / "fonts"
TIMES = "Times New Roman"
STYLES = ("regular", "bold", "italic", "bolditalic")
FONT_SUFFIXES = {".ttf", ".otf"}
# (CSS font-weight, CSS font-style) of each style.
CSS_STYLE = {
    "regular": ("normal", "normal"),
    "bold": ("bold", "normal"),
    "italic": ("normal", "italic"),
    "bolditalic": ("bold", "italic"),
}


@dataclass(frozen=True)
class DocumentFont:
    family: str
    files: dict[str, Path]  # style → file
    source: str  # where it was found, for the log and the check

    @property
    def description(self) -> str:
        return f"{self.family} ({self.source})"

    def font_face_css(self) -> str:
        """``@font-face`` rules and the family of the page (WeasyPrint names the embedded font
        after the CSS family, so the PDF's font list says which font was used). File URLs are
        percent-encoded: no quote can end the ``url("…")``."""
        rules = []
        for style in STYLES:
            weight, slant = CSS_STYLE[style]
            rules.append(
                f'@font-face {{ font-family: "{self.family}"; '
                f'src: url("{self.files[style].as_uri()}"); '
                f"font-weight: {weight}; font-style: {slant}; }}"
            )
        rules.append(f'html {{ font-family: "{self.family}"; }}')
        rules.append(f'@page {{ @top-center {{ font-family: "{self.family}"; }} }}')
        return "\n".join(rules)


SHIPPED = DocumentFont(
    family="Liberation Serif",
    files={
        "regular": SHIPPED_DIR / "LiberationSerif-Regular.ttf",
        "bold": SHIPPED_DIR / "LiberationSerif-Bold.ttf",
        "italic": SHIPPED_DIR / "LiberationSerif-Italic.ttf",
        "bolditalic": SHIPPED_DIR / "LiberationSerif-BoldItalic.ttf",
    },
    source="shipped in thidua/documents/fonts",
)


def _style_of(path: Path) -> tuple[str, str] | None:
    """(family, style) read from a font file, None when it is not a readable font."""
    from fontTools.ttLib import TTFont, TTLibError

    try:  # our own file handle: TTFont leaves its file open when the file is no font
        with path.open("rb") as handle, TTFont(handle, lazy=True) as font:
            family = font["name"].getBestFamilyName() or ""
            selection = font["OS/2"].fsSelection if "OS/2" in font else 0
            mac_style = font["head"].macStyle
    except (OSError, TTLibError, KeyError, AssertionError):
        return None
    bold = bool(selection & 0x20 or mac_style & 0x1)
    italic = bool(selection & 0x1 or mac_style & 0x2)
    return family, ("bold" if bold else "") + ("italic" if italic else "") or "regular"


def times_new_roman_in(paths: list[Path]) -> dict[str, Path]:
    """The Times New Roman styles among ``paths`` (the first file of each style wins)."""
    found: dict[str, Path] = {}
    for path in sorted(paths):
        if path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
            continue
        info = _style_of(path)
        if info and info[0] == TIMES and info[1] not in found:
            found[info[1]] = path
    return found


def _fontconfig_files() -> list[Path]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        out = subprocess.run(  # noqa: S603 -- fixed arguments, no shell
            [fc_list, f":family={TIMES}", "file"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line.strip().rstrip(":")) for line in out.splitlines() if line.strip()]


@lru_cache(maxsize=8)
def _resolve(folder: str, system: bool) -> DocumentFont:
    if folder:
        files = times_new_roman_in(list(Path(folder).rglob("*")))
        if set(files) == set(STYLES):
            return DocumentFont(TIMES, files, f"THIDUA_DOCUMENT_FONT_DIR={folder}")
    if system:
        files = times_new_roman_in(_fontconfig_files())
        if set(files) == set(STYLES):
            return DocumentFont(TIMES, files, "fontconfig")
    return SHIPPED


def document_font() -> DocumentFont:
    """The font PDFs are printed with (cached per setting values)."""
    folder = str(getattr(settings, "DOCUMENT_FONT_DIR", "") or "")
    system = bool(getattr(settings, "DOCUMENT_FONT_SYSTEM", True))
    known = _resolve.cache_info().currsize
    font = _resolve(folder, system)
    if _resolve.cache_info().currsize > known:
        logger.info("Official documents (PDF) use the font %s", font.description)
    return font
