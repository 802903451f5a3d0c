"""The report's words and ours never mix: every paragraph, list item and heading of a page outside an
``.editors`` block (and outside charts, captions, tables and code or output areas) must be found in the
report's text, whitespace aside."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# Subtrees that are not report text: the edition's blocks, charts and their captions, tables, code.
SKIP_CLASSES = {"editors", "wxshop-figure", "wxshop-caption", "wxshop-table-wrap", "wxshop-filter-table",
                "wxshop-points", "cell_output", "highlight", "headerlink", "wxshop-described",
                "wxshop-figure-text", "wxshop-sources-panel", "wxshop-cards"}
SKIP_TAGS = {"table", "pre", "code", "script", "style", "nav", "noscript", "form", "figure", "details"}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col"}
_WS = re.compile(r"\s+")


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.open_blocks: list[list[str]] = []
        self.found: list[tuple[str, str]] = []  # (tag, text)

    @property
    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        self.stack.append((tag, skipped))
        if tag in BLOCKS and not self.skipping:
            self.open_blocks.append([tag])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in BLOCKS and self.open_blocks and self.open_blocks[-1][0] == open_tag \
                    and not self.skipping:
                parts = self.open_blocks.pop()
                self.found.append((open_tag, "".join(parts[1:])))
            if open_tag == tag:
                break

    def handle_data(self, text: str) -> None:
        if self.open_blocks and not self.skipping:
            self.open_blocks[-1].append(text)


def main_html(html: str) -> str:
    """The page's main content (Furo's ``<main id="furo-main-content" role="main">``)."""
    start = html.find('<main id="furo-main-content" role="main">')
    end = html.find("</main>", start)
    return html[start:end] if start >= 0 and end >= 0 else html


def blocks(html: str) -> list[tuple[str, str]]:
    """(tag, text) of every paragraph, list item and heading outside the skipped subtrees."""
    parser = _Blocks()
    parser.feed(main_html(html))
    return parser.found


def problems(html: str, report: str) -> list[str]:
    """Texts outside ``.editors`` that are not in the report (``report``: its text with whitespace removed)."""
    out = []
    for tag, text in blocks(html):
        squashed = _WS.sub("", text)
        if squashed and squashed not in report:
            out.append(f"<{tag}> {text.strip()[:80]}")
    return out


def check_pages(site: Path, pages: list[str], report: str) -> dict[str, list[str]]:
    """Problems by page (site-relative path) for the given ``_toc.yml`` entries."""
    found = {}
    for entry in pages:
        issues = problems((site / f"{entry}.html").read_text(encoding="utf-8"), report)
        if issues:
            found[entry] = issues
    return found
