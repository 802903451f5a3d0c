"""The PDF edition: the published site printed in one pass as one print document, for a reader to keep.

    python -m wxshop.build pdf        (make pdf; after make book)

- **One document, one pass.** The article of every ``_toc.yml`` page, in reading order, goes into one
  print document (:func:`print_document`); Chromium prints it once. Printing page by page and merging
  repeated the fonts in every part (13 MB for the book); one pass embeds each font once.
- **Fonts.** Noto Sans CJK SC, subset to the characters the book uses and converted from CFF to
  TrueType outlines (:func:`font_subsets`): Chromium embeds those as real subset fonts with a
  Unicode map (Chinese text selectable and searchable), not as Type 3 glyph drawings. Charts use the
  same fonts and stay vector drawings.
- **Outline, page numbers, links.** Bookmarks for each page of the book and, under it, each 图表N,
  placed from the PDF's named destinations (the contents page links every one of them); ``@page``
  margin boxes print "n / N". (Chromium's own outline needs its tagged output, which doubled the
  file.) Links between pages of the book
  become links inside the file (ids are prefixed by page); links to other files of the site use
  the site's public address (``html.baseurl`` in ``_config.yml``) or are dropped when there is none:
  nothing points at the loopback server the book is printed from.
- **Print layout** (:data:`PRINT_CSS`): no skip link, permalinks, sliders, dropdowns or buttons; each
  chart's data table and 来源与说明 opened and printed under it; wide tables wrap to the page width.
  Before printing, the page is measured: a visible form control or a table wider than the page stops
  the build with the table's page and caption.
- The contents page gives each page's first page number (read from a first pass's outline).

One PDF per edition the site holds: the Chinese (``downloads/wxshop-edition.pdf``) and the English
(``downloads/wxshop-edition-en.pdf``, printed from ``en/``, with each passage's Chinese original left out as
the site hides it). Each is kept in ``_build/pdf/`` with the key of the site it was printed from, and the
published site gets it (and its 数据与方法 page the link): see :mod:`wxshop.build.publish`.
"""
from __future__ import annotations

import functools
import hashlib
import html
import http.server
import io
import json
import posixpath
import re
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from wxshop.build import Paths, toc
from wxshop.build.publish import PDF_NAMES, site_key_file, sync_pdf

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TITLE = "零售渠道变革系列二：从微信小店看电商变革路径与分析（交互版）"
AUTHOR = "交互版编辑组（原报告：国金证券研究所）"
# Each edition's words on the cover and the contents page, and the PDF's language (its title and author are
# the site's, wxshop.sphinx_ext.EDITION_META). The English pages live under en/ in the published site.
EDITION_WORDS = {
    "zh": {"prefix": "", "lang": "zh-CN", "contents": "目录",
           "intro": "交互版的 PDF 版：各章图表按默认参数绘出，每张图下附逐点数据与来源说明。原报告：国金证券研究所。"
                    "网站上的图表可交互，并可下载数据。"},
    "en": {"prefix": "en/", "lang": "en", "contents": "Contents",
           "intro": "The PDF edition of the interactive edition: each chapter's exhibits are drawn with their default "
                    "settings, each followed by its data point by point and its sources. Original report: Sinolink "
                    "Securities Research Institute. The English text is the edition's translation; the Chinese "
                    "edition is the authoritative original. On the website the charts are interactive and their "
                    "data can be downloaded."},
}
# A translated passage's Chinese original, shown in place on the site by a tap: not printed.
_ORIGINAL = re.compile(r'<div class="wxshop-original-wrap"[^>]*><button [^>]*>[^<]*</button>'
                       r'<div class="wxshop-original"[^>]*>.*?</div></div>', re.S)
PRINT_PATH = "__print__/book.html"  # served beside the site (never written into it)
FONT_DIR = "__print__/fonts"
FONTS = {  # weight -> (collection, face index of Noto Sans CJK SC)
    "400": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    "700": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
}
FAMILY = "WxshopPrint"
CONTENT_WIDTH_PX = 688  # A4 (210 mm) less 2 x 14 mm margins, at 96 px per inch
MAX_BYTES = 3_000_000
_ATTR = re.compile(r'(\s)(id|for|href|src|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')
_ARTICLE = re.compile(r"<article[^>]*>(.*)</article>", re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_EXHIBIT = re.compile(r'<section id="exhibit-(\d+)">\s*(?:<span id="[^"]*"></span>\s*)*<h\d>(.*?)<a class="headerlink"', re.S)
_HEAD_ASSET = re.compile(r'<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>|<script\b[^>]*\bsrc="([^"]+)"[^>]*>')

PRINT_CSS = f"""
@page {{ size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-center {{ content: counter(page) " / " counter(pages); font-family: {FAMILY}; font-size: 8.5pt;
                    color: #555; }} }}
html, body, body * {{ font-family: {FAMILY}, sans-serif !important; }}
svg text {{ font-family: {FAMILY} !important; }}
body {{ margin: 0; background: #fff; color: #1d1f22; font-size: 10.5pt; }}
.page, .main, .content, article {{ display: block !important; width: auto !important; max-width: none !important;
  margin: 0 !important; padding: 0 !important; }}
.skip-to-content, .headerlink, .wxshop-figure-tools, .wxshop-controls, .wxshop-table-controls,
.wxshop-table-hint, .wxshop-table-status, .wxshop-provenance, .wxshop-definition, noscript, .visually-hidden,
input, select, textarea, button:not(.wxshop-sort), .sidebar-drawer, .toc-drawer, .mobile-header,
.related-pages, .back-to-top, .content-icon-container, footer {{ display: none !important; }}
.wxshop-sort {{ all: unset; font-weight: 700; }}
details, .wxshop-sources-panel, .wxshop-points {{ display: block !important; }}
details > summary {{ display: block; list-style: none; font-weight: 700; margin: 2mm 0 1mm; }}
details > summary::marker, details > summary::-webkit-details-marker {{ display: none; content: ""; }}
.wxshop-table-wrap, .table-wrapper, .cell_output, .output {{ overflow: visible !important; max-width: 100% !important; }}
table {{ width: 100% !important; max-width: 100% !important; table-layout: auto; border-collapse: collapse;
  font-size: 8pt; }}
th, td {{ white-space: normal !important; min-width: 0 !important; max-width: none !important;
  overflow-wrap: anywhere !important; word-break: normal !important; padding: 1px 3px !important; vertical-align: top; }}
pre, code {{ white-space: pre-wrap !important; overflow-wrap: anywhere; }}
img {{ max-width: 100%; height: auto; }}
a {{ color: #1f4e99; text-decoration: none; }}
a:not([href]) {{ color: inherit; }}
*, *::before, *::after {{ box-shadow: none !important; text-shadow: none !important; filter: none !important; }}
h1, h2, h3, h4 {{ break-after: avoid; }}
.wxshop-figure {{ break-inside: avoid; margin: 2mm 0; }}
.wxshop-print-page {{ break-before: page; }}
.wxshop-print-cover {{ padding-top: 40mm; }}
.wxshop-print-title {{ font-size: 22pt; font-weight: 700; margin: 0 0 8mm; }}
.wxshop-print-contents ol {{ list-style: none; padding: 0; font-size: 11pt; }}
.wxshop-print-contents li {{ display: flex; justify-content: space-between; border-bottom: 1px dotted #999;
  padding: 1.2mm 0; }}
.wxshop-print-contents li.wxshop-print-exhibits {{ display: block; border: 0; padding: 0 0 0 6mm; }}
.wxshop-print-contents li.wxshop-print-exhibits li {{ font-size: 9pt; padding: 0.5mm 0; border-bottom-color: #ccc; }}
.wxshop-card img {{ display: none !important; }}
"""

# Measured in the browser under print media: what must never be printed.
PROBLEMS_JS = """() => {
  const out = [];
  const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  for (const el of document.querySelectorAll('input, select, textarea, button:not(.wxshop-sort), .skip-to-content'))
    if (shown(el)) out.push('a visible ' + el.tagName.toLowerCase() + ' (' + (el.getAttribute('aria-label')
      || el.className || el.name || '') + ') in ' + (el.closest('.wxshop-print-page') || {}).id);
  for (const table of document.querySelectorAll('table')) {
    const box = table.parentElement.getBoundingClientRect();
    if (table.getBoundingClientRect().width > Math.max(box.width, document.documentElement.clientWidth) + 1)
      out.push('a table wider than the page: ' + ((table.caption || {}).textContent || '') + ' in '
               + (table.closest('.wxshop-print-page') || {}).id);
  }
  return out;
}"""


def page_id(entry: str) -> str:
    """The id of a ``_toc.yml`` entry's section in the print document (``book/index`` -> ``p-book-index``)."""
    return "p-" + re.sub(r"[^0-9A-Za-z]+", "-", entry).strip("-")


def public_address(root: Path) -> str | None:
    """The site's public address, ``html.baseurl`` in ``_config.yml`` (None when it has none)."""
    import yaml

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    url = ((config.get("html") or {}).get("baseurl") or "").strip()
    return url.rstrip("/") + "/" if url else None


def _is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "localhost" or host.startswith("127.") or host in ("::1", "0.0.0.0")


def rewrite_fragment(fragment: str, entry: str, entries: set[str], public: str | None, folder: str = "") -> str:
    """One page's article for the print document: ids prefixed by page, links inside the book made
    internal, links to other files of the site made public (or dropped), resources made root-relative.
    ``folder`` is the edition's folder in the site (``en/`` for the English pages)."""
    prefix = page_id(entry) + "--"
    base = "/" + folder + entry + ".html"  # the page's address in the site, to resolve relative links against

    def attr(match: re.Match) -> str:
        space, name, value = match.groups()
        if name in ("id", "for"):
            return f'{space}{name}="{prefix}{value}"'
        if name.startswith("aria-"):
            return f'{space}{name}="{" ".join(prefix + v for v in value.split())}"'
        if name == "src":
            if urlsplit(value).scheme or value.startswith(("data:", "//")):
                return match.group(0)
            return f'{space}src="{urljoin(base, value)}"'
        # href
        if value.startswith("#"):
            return f'{space}href="#{prefix}{value[1:]}"' if value != "#" else ""
        parts = urlsplit(value)
        if parts.scheme in ("http", "https", "mailto"):
            return "" if _is_loopback(value) else match.group(0)
        if parts.scheme or value.startswith("//"):
            return ""
        target = posixpath.normpath(urljoin(base, parts.path))[1:]
        inside = target[len(folder):] if target.startswith(folder) else None
        stem = inside[:-5] if inside and inside.endswith(".html") else None
        if stem in entries:
            anchor = page_id(stem) + ("--" + parts.fragment if parts.fragment else "")
            return f'{space}href="#{anchor}"'
        if public:
            return f'{space}href="{public}{target}{"#" + parts.fragment if parts.fragment else ""}"'
        return ""  # a file of the site the PDF does not hold, and no public address: no link

    return _ATTR.sub(attr, fragment)


def page_title(article: str, entry: str) -> str:
    heading = _H1.search(article)
    return re.sub(r"<[^>]+>", "", heading.group(1)).replace("#", "").strip() if heading else entry


def exhibits_of(article: str) -> list[tuple[str, str]]:
    """(anchor, title) of each 图表N section of a page's article, in order (anchors as the site has them)."""
    return [(f"exhibit-{m.group(1)}", re.sub(r"<[^>]+>", "", m.group(2)).strip())
            for m in _EXHIBIT.finditer(article)]


def edition_title(edition: str) -> tuple[str, str]:
    """The book's title and author in ``edition``'s language."""
    if edition == "zh":
        return TITLE, AUTHOR
    from wxshop.sphinx_ext import EDITION_META

    return EDITION_META[edition]["title"], EDITION_META[edition]["author"]


def print_document(site: Path, root: Path, numbers: dict[str, int] | None = None,
                   edition: str = "zh") -> tuple[str, str, list]:
    """The print document (HTML) of the whole book in ``edition``'s language, the text it holds (for the font
    subsets) and its outline: ``[(page anchor, page title, [(exhibit anchor, exhibit title), ...]), ...]``.

    ``numbers`` (anchor -> first page) fills in the contents page's page numbers.
    """
    words = EDITION_WORDS[edition]
    folder = words["prefix"]
    title_text = edition_title(edition)[0]
    entries = toc.pages(root)
    known = set(entries)
    public = public_address(root)
    numbers = numbers or {}
    assets: list[str] = []
    sections, contents, outline = [], [], []
    for entry in entries:
        page = (site / f"{folder}{entry}.html").read_text(encoding="utf-8")
        for match in _HEAD_ASSET.finditer(page):
            url = urljoin("/" + folder + entry + ".html", match.group(1) or match.group(2))
            tag = (f'<link rel="stylesheet" href="{url}">' if match.group(1)
                   else f'<script defer src="{url}"></script>')
            if tag not in assets and "furo.js" not in url:
                assets.append(tag)
        found = _ARTICLE.search(page)
        if not found:
            raise RuntimeError(f"{entry}.html has no <article>: not a page of this book's theme")
        article = _ORIGINAL.sub("", found.group(1))
        anchor, title = page_id(entry), page_title(article, entry)
        exhibits = [(f"{anchor}--{ex_anchor}", ex_title) for ex_anchor, ex_title in exhibits_of(article)]
        outline.append((anchor, title, exhibits))
        items = "".join(f'<li><a href="#{a}">{html.escape(t)}</a><span>{numbers.get(a, "")}</span></li>'
                        for a, t in exhibits)
        contents.append(f'<li><a href="#{anchor}">{html.escape(title)}</a><span>{numbers.get(anchor, "")}</span></li>'
                        + (f'<li class="wxshop-print-exhibits"><ol>{items}</ol></li>' if items else ""))
        body = rewrite_fragment(article, entry, known, public, folder)
        sections.append(f'<section class="wxshop-print-page" id="{anchor}">{body}</section>')
    cover = (f'<div class="wxshop-print-cover"><p class="wxshop-print-title">{html.escape(title_text)}</p>'
             f'<p>{html.escape(words["intro"])}</p></div>'
             f'<nav class="wxshop-print-contents wxshop-print-page" id="p-contents"><h1>{words["contents"]}</h1>'
             f'<ol>{"".join(contents)}</ol></nav>')
    body = cover + "".join(sections)
    fonts = "".join(f'@font-face {{ font-family: {FAMILY}; font-weight: {weight}; font-style: normal; '
                    f'src: url("/{FONT_DIR}/{weight}.ttf") format("truetype"); }}\n' for weight in FONTS)
    document = (f'<!DOCTYPE html><html lang="{words["lang"]}"><head><meta charset="utf-8">'
                f'<title>{html.escape(title_text)}</title>'
                f'{"".join(assets)}<style>{fonts}{PRINT_CSS}</style></head>'
                f'<body><div class="page"><div class="main"><div class="content"><article>{body}'
                "</article></div></div></div></body></html>")
    text = html.unescape(re.sub(r"<[^>]+>", " ", body)) + title_text + "0123456789 /"
    return document, text, outline


def _convert_to_truetype(font) -> None:
    """CFF outlines to TrueType (quadratic) outlines, in place (after fontTools' otf2ttf snippet)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    for table in ("VORG",):
        if table in font:
            del font[table]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and the CID font had none worth keeping
    font.sfntVersion = "\x00\x01\x00\x00"


def font_subsets(text: str, cache: Path) -> dict[str, bytes]:
    """TrueType subsets of Noto Sans CJK SC (regular, bold) holding the characters of ``text``; cached by charset."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = "".join(sorted(set(text) | set(chr(c) for c in range(0x20, 0x7F)) - {"\n", "\r", "\t"}))
    digest = hashlib.sha256(chars.encode()).hexdigest()[:16]
    out = {}
    for weight, (collection, index) in FONTS.items():
        path = cache / f"{weight}-{digest}.ttf"
        if not path.is_file():
            font = TTFont(collection, fontNumber=index, lazy=False)
            options = subset.Options()
            options.layout_features = ["*"]
            options.name_IDs = ["*"]
            options.notdef_outline = True
            options.desubroutinize = True
            options.hinting = False
            subsetter = subset.Subsetter(options)
            subsetter.populate(text=chars)
            subsetter.subset(font)
            _convert_to_truetype(font)
            cache.mkdir(parents=True, exist_ok=True)
            buffer = io.BytesIO()
            font.save(buffer)
            path.write_bytes(buffer.getvalue())
        out[weight] = path.read_bytes()
    return out


class _PrintHandler(http.server.SimpleHTTPRequestHandler):
    """The site's files, plus the print document and its fonts (held in memory, never written into the site)."""

    extra: dict[str, tuple[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201
        found = self.extra.get(self.path.split("?", 1)[0].lstrip("/"))
        if found is None:
            return super().send_head()
        kind, body = found
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _published_key(paths: Paths) -> str:
    from wxshop.build.publish import untrusted

    if not (paths.site / "index.html").is_file() or not paths.manifest.is_file():
        raise RuntimeError("no published site to print: run `make book` first")
    key = json.loads(paths.manifest.read_text(encoding="utf-8"))["key"]
    reason = untrusted(paths.site, paths.manifest, key)
    if reason:
        raise RuntimeError(f"the site is not the one `make book` published ({reason}): run `make book` first")
    return key


def _destinations(reader) -> dict[str, tuple[int, float | None]]:
    """Named destinations of a PDF Chromium printed (one per link target): name -> (page index, top)."""
    out = {}
    for name, dest in reader.named_destinations.items():
        top = dest.get("/Top")
        out[str(name).removeprefix("/")] = (reader.get_destination_page_number(dest),
                                            float(top) if top is not None else None)
    return out


def add_outline(writer, outline: list, dests: dict[str, tuple[int, float | None]]) -> int:
    """Bookmarks: each page of the book, its exhibits under it. Returns how many were added."""
    from pypdf.generic import Fit

    added = 0
    for anchor, title, exhibits in outline:
        if anchor not in dests:
            continue
        page, top = dests[anchor]
        parent = writer.add_outline_item(title, page, fit=Fit.xyz(top=top) if top is not None else Fit.fit())
        added += 1
        for ex_anchor, ex_title in exhibits:
            if ex_anchor in dests:
                ex_page, ex_top = dests[ex_anchor]
                writer.add_outline_item(ex_title, ex_page, parent=parent,
                                        fit=Fit.xyz(top=ex_top) if ex_top is not None else Fit.fit())
                added += 1
    return added


def print_book(site: Path, root: Path, cache: Path, log=print, edition: str = "zh") -> bytes:
    """The PDF bytes of the whole book in ``edition``'s language printed from the published ``site``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    document, text, outline = print_document(site, root, edition=edition)
    started = time.perf_counter()
    fonts = font_subsets(text + document, cache)
    log(f"  fonts: {len(set(text))} characters, {sum(map(len, fonts.values())) / 1e3:.0f} KB of TrueType subsets "
        f"({time.perf_counter() - started:.1f} s)")
    extra = {f"{FONT_DIR}/{weight}.ttf": ("font/ttf", body) for weight, body in fonts.items()}
    handler = functools.partial(type("Handler", (_PrintHandler,), {"extra": extra}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    numbers: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": CONTENT_WIDTH_PX, "height": 1000})
            for attempt in ("layout", "final"):  # the first pass finds the page numbers the contents give
                html_text = print_document(site, root, numbers, edition)[0]
                extra[PRINT_PATH] = ("text/html; charset=utf-8", html_text.encode("utf-8"))
                page.goto(base + PRINT_PATH)
                page.wait_for_load_state("load")
                page.evaluate("window.wxshopCharts && window.wxshopCharts.drawAll ? "
                              "window.wxshopCharts.drawAll().then(() => true) : true")
                page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
                page.evaluate("document.fonts.ready.then(() => true)")
                page.emulate_media(media="print")
                problems = page.evaluate(PROBLEMS_JS)
                if problems:
                    raise RuntimeError("the print layout is wrong:\n  " + "\n  ".join(problems))
                # Untagged: Chromium's tagged output (needed for its own outline) doubles the file; the
                # outline is written below from the named destinations instead.
                pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
                page.emulate_media(media="screen")
                dests = _destinations(PdfReader(io.BytesIO(pdf)))
                numbers = {name: number + 1 for name, (number, _top) in dests.items()}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    add_outline(writer, outline, dests)
    writer.page_mode = "/UseOutlines"
    title, author = edition_title(edition)
    writer.add_metadata({"/Title": title, "/Author": author})
    writer.root_object[NameObject("/Lang")] = TextStringObject(EDITION_WORDS[edition]["lang"])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def editions_published(site: Path) -> list[str]:
    """The editions the published site holds: the Chinese, and the English when ``en/`` is there."""
    return ["zh"] + [e for e in EDITION_WORDS if e != "zh" and (site / EDITION_WORDS[e]["prefix"] / "index.html").is_file()]


def build_pdf(root: Path) -> list[Path]:
    """Print the published site to a PDF edition per edition it holds, keep each with the site's key and add
    them to the site. Returns the PDFs in the site.

    The editions print side by side, each in its own Chromium (one Playwright per thread, as Playwright asks):
    the work is Chromium's, one edition a core, so two editions take about the time of the longer one."""
    from concurrent.futures import ThreadPoolExecutor

    from wxshop.build.publish import kept_pdf

    paths = Paths(root)
    key = _published_key(paths)
    editions = editions_published(paths.site)
    kept = {e for e in editions if kept_pdf(paths, key, e) is not None}  # printed from this very site

    def one(edition: str) -> list[str]:
        started, lines = time.perf_counter(), []
        body = print_book(paths.site, root, paths.pdf / "fonts", log=lines.append, edition=edition)
        paths.pdf.mkdir(parents=True, exist_ok=True)
        (paths.pdf / PDF_NAMES[edition]).write_bytes(body)
        site_key_file(paths, edition).write_text(key, encoding="utf-8")
        return lines + [f"  {PDF_NAMES[edition]}: printed in {time.perf_counter() - started:.1f} s"]

    to_print = [e for e in editions if e not in kept]
    with ThreadPoolExecutor(max_workers=max(1, len(to_print))) as pool:
        printed = dict(zip(to_print, pool.map(one, to_print)))
    out = []
    for edition in editions:
        for line in printed.get(edition, [f"  {PDF_NAMES[edition]}: printed from this site already, kept"]):
            print(line)
        out.append(paths.site / "downloads" / PDF_NAMES[edition])
    sync_pdf(paths, key)
    return out


def main(root: Path) -> int:
    from pypdf import PdfReader

    started = time.perf_counter()
    try:
        targets = build_pdf(root)
    except RuntimeError as exc:
        print(f"error: {exc}")
        return 1
    status = 0
    for target in targets:
        size = target.stat().st_size
        pages = len(PdfReader(str(target)).pages)
        print(f"PDF: {target} ({size / 1e6:.2f} MB, {pages} pages)")
        if size > MAX_BYTES:
            print(f"error: {target.name} is {size / 1e6:.2f} MB, more than the {MAX_BYTES / 1e6:.0f} MB a reader "
                  "should keep")
            status = 1
    print(f"PDF editions: {len(targets)} in {time.perf_counter() - started:.1f} s")
    return status
