"""The cover's card thumbnails: each chapter's card figure drawn small, as a PNG, at twice the size it shows.

They are drawn at build time by vl-convert with Noto Sans CJK SC, the font the project installs (Debian's
``fonts-noto-cjk``, by ``tools/system-packages.sh``). A machine without it would draw every Chinese character
as a box (□), so the build finds the font first and stops if it is missing; after drawing, every character
the thumbnails show is checked against the font (:func:`missing_glyphs`), and the build stops on any it
cannot draw.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

CARD_WIDTH, CARD_HEIGHT = 320, 180  # CSS px of a card's image (its box keeps this ratio; the image fits inside)
SCALE = 2  # pixels per CSS px: sharp on a phone's 2x screen
FAMILY = "Noto Sans CJK SC"
INSTALL = "install Debian's fonts-noto-cjk (tools/system-packages.sh does, as root or with sudo)"


class FontMissing(RuntimeError):
    """The font the thumbnails are drawn with is not installed."""


@lru_cache(maxsize=1)
def font_file() -> Path:
    """The file of Noto Sans CJK SC as fontconfig finds it; FontMissing if it is not installed."""
    if shutil.which("fc-match") is None:
        raise FontMissing(f"the cover thumbnails need the font {FAMILY} and fontconfig (fc-match): {INSTALL}")
    found = subprocess.run(["fc-match", "-f", "%{family}|%{file}", FAMILY], capture_output=True, text=True,
                           check=False).stdout
    family, _, path = found.partition("|")
    if FAMILY not in family.split(",") or not Path(path).is_file():
        raise FontMissing(f"the cover thumbnails need the font {FAMILY}, which is not installed "
                          f"(fontconfig offers {family or 'nothing'}): {INSTALL}")
    return Path(path)


@lru_cache(maxsize=1)
def _registered() -> Path:
    import vl_convert as vlc

    path = font_file()
    vlc.register_font_directory(str(path.parent))
    return path


def card_figure_spec(notebook: Path, index: int) -> dict | None:
    """The compiled Vega spec of the chapter's ``index``-th interactive figure (one with controls)."""
    import nbformat

    figures = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html", "")
            if 'class="wxshop-figure"' in markup and "wxshop-controls" in markup:
                found = re.search(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', markup, re.S)
                if found:
                    figures.append(json.loads(found.group(1).replace("<\\/", "</")))
    return figures[index] if index < len(figures) else (figures[0] if figures else None)


def _with_font(node: object) -> None:
    """Every font the spec names becomes the installed CJK family (in place)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("font", "labelFont", "titleFont") and isinstance(value, (str, dict)):
                node[key] = FAMILY if isinstance(value, str) else {"value": FAMILY}
            else:
                _with_font(value)
    elif isinstance(node, list):
        for item in node:
            _with_font(item)


def thumbnail_spec(spec: dict) -> dict:
    """A small version of a chart for a card: narrow, short views, no titles (the card has its own), drawn
    in the installed CJK font."""
    small = json.loads(json.dumps(spec))
    small.pop("title", None)
    width = 280
    if isinstance(small.get("width"), (int, float)):
        small["width"] = width
    small["signals"] = [dict(s, value=width) if isinstance(s.get("value"), (int, float)) and s["name"].endswith("width")
                        else s for s in small.get("signals", [])]
    small["marks"] = [{k: v for k, v in m.items() if k != "title"} if m.get("type") == "group" else m
                      for m in small.get("marks", [])]
    small["background"] = "white"
    _with_font(small)
    return small


def texts(spec: dict) -> str:
    """Every character the thumbnail of ``spec`` shows (its SVG's text)."""
    import html

    import vl_convert as vlc

    _registered()
    svg = vlc.vega_to_svg(spec)
    return "".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))


def _glyph(char: str) -> bytes:
    import vl_convert as vlc

    spec = {"width": 40, "height": 40, "background": "white",
            "marks": [{"type": "text", "encode": {"enter": {"x": {"value": 20}, "y": {"value": 30},
                                                            "text": {"value": char}, "font": {"value": FAMILY},
                                                            "fontSize": {"value": 28}, "align": {"value": "center"},
                                                            "fill": {"value": "black"}}}}]}
    return vlc.vega_to_png(spec)


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` the font draws as its 'missing' box: each drawn alone, compared with the
    drawing of a code point no font has (U+0378, unassigned)."""
    _registered()
    missing = _glyph("\u0378")
    return [c for c in dict.fromkeys(text) if not c.isspace() and _glyph(c) == missing]


def card_png(spec: dict) -> bytes:
    """The top of the chart in the card's 16:9 box, at :data:`SCALE` times the card's width (640 px across)."""
    import vl_convert as vlc

    svg = vlc.vega_to_svg(spec)
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))
    height = width * CARD_HEIGHT / CARD_WIDTH
    inner = re.sub(r"^<\?xml[^>]*>", "", svg.strip())
    framed = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
              f'viewBox="0 0 {width:g} {height:g}"><rect width="100%" height="100%" fill="white"/>{inner}</svg>')
    return vlc.svg_to_png(framed, scale=SCALE * CARD_WIDTH / width)


def checked_card_png(stem: str, small: dict) -> bytes:
    """:func:`card_png` of a thumbnail spec whose every character the font draws (ValueError naming the
    characters if not), kept in the user cache by the spec, vl-convert's version and the font file: drawing
    and checking the six thumbnails (each character drawn alone) took 6-9 s of every Sphinx run of each
    edition, for thumbnails that change only when a card's chart does."""
    import base64
    import hashlib

    import vl_convert as vlc

    from wxshop.checkout import kept

    font = _registered()
    made_of = json.dumps([small, vlc.__version__, str(font), font.stat().st_size], sort_keys=True, ensure_ascii=False)
    name = f"thumbnails/{hashlib.sha256(made_of.encode()).hexdigest()[:24]}.png.b64"

    def draw() -> str:
        lost = missing_glyphs(texts(small))
        if lost:
            raise ValueError(f"the cover thumbnail of {stem} shows characters {FAMILY} cannot draw: {''.join(lost)}")
        return base64.b64encode(card_png(small)).decode("ascii")

    def valid(text: str) -> bool:
        try:
            return base64.b64decode(text, validate=True).startswith(b"\x89PNG\r\n\x1a\n")
        except ValueError:
            return False

    return base64.b64decode(kept(name, draw, valid=valid))


def write_card_thumbnails(srcdir: Path, root: Path, folder: Path) -> dict[str, Path]:
    """A PNG of each chapter's card figure in its default state; stops (FontMissing, ValueError) if the font
    is missing or cannot draw a character the thumbnail shows."""
    from wxshop import chapters
    from wxshop.build import toc

    _registered()
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for stem, notebook in toc.notebooks(root).items():
        staged = srcdir / notebook.relative_to(root)
        spec = card_figure_spec(staged, chapters.spec(stem).card_figure) if staged.is_file() else None
        if spec is None:
            continue
        target = folder / f"{stem}.png"
        target.write_bytes(checked_card_png(stem, thumbnail_spec(spec)))
        written[stem] = target
    return written
