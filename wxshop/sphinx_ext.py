"""Sphinx extension of the book: local chart libraries, exhibit anchors, generated pages, search, downloads.

- Chart pages (those whose body holds a figure) get one deferred script, the book's chart runtime
  ``charts.js``; it loads the local Vega bundle beside it (charts are compiled to Vega at build time)
  on the reader's first scroll or when a chart nears the screen, so text never waits for Vega. Both are written once to
  ``_static/wxshop/`` before any page (each page's link carries the file's checksum); other pages get
  neither. Pages with a table get ``table.js`` (scroll cues, filters, the long tables' search box).
- Every section titled ``图表N：…`` gets the anchor ``exhibit-N``, which the exhibit register links.
- ``{wxshop-exhibit-register}``, ``{wxshop-parameters}``, ``{wxshop-data-resources}`` and ``{wxshop-public-audit}``
  put generated MyST text on a page (the exhibit register, the analysts' parameter tables, the data files and the
  audit of the public values), so it is indexed by the search like any text.
- The theme includes sphinx-thebe's script twice on every page (a console error); thebe needs a
  live kernel server the static site never has, so its scripts are dropped.
- Sphinx's Chinese search uses jieba with the book's user dictionary (微信小店, 人货场, ...).
- ``data/`` (the data package) is copied to ``<site>/data/`` so each chart can link its CSV.
"""
from __future__ import annotations

import html as html_module
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from wxshop import checkout
from wxshop.build.direct import take_over
from wxshop.i18n import _, data_text
from wxshop.charts.render import FIGURE

STATIC = Path(__file__).with_name("static")
BUNDLE = "wxshop/vega-bundle.js"
TABLE_JS = STATIC / "table.js"
CHARTS_JS = STATIC / "charts.js"
NOTES_JS = STATIC / "notes.js"
SEARCH_JS = STATIC / "search.js"
EDITIONS_JS = STATIC / "editions.js"
VEGA = STATIC / "vendor" / "vega-6.2.0.min.js"
STYLES = STATIC / "book.css"
USER_DICT = STATIC / "search_userdict.txt"
TEMPLATES = Path(__file__).with_name("templates")
EXHIBIT_TITLE = re.compile(r"^(?:图表(\d+)：|Exhibit (\d+):)")
# Interface text that Sphinx's and Furo's Chinese catalogues leave in English (page parts, by context key).
UI_STRINGS = (("body", 'title="Link to this heading"', 'title="链接到本节"'),
              ("toc", 'title="Link to this heading"', 'title="链接到本节"'),
              ("furo_navigation_tree", 'aria-label="Toggle navigation of ', 'aria-label="展开或收起：'))


# ---------------------------------------------------------------------------------------------------------------
# The two editions: the Chinese original at the site's root, the English edition at en/ (same page paths).

EDITION_META = {
    "zh": {"title": "零售渠道变革系列二：从微信小店看电商变革路径与分析（交互版）",
           "author": "交互版编辑组（原报告：国金证券研究所）", "hreflang": "zh-CN", "name": "中文"},
    "en": {"title": "Retail Channel Transformation Series, Part Two: The Path of E-commerce Transformation Seen "
                    "through WeChat Shop, with Analysis (Interactive Edition)",
           "author": "Interactive Edition Editorial Team (original report: Sinolink Securities Research Institute)",
           "hreflang": "en", "name": "English"},
}
# The interface text of the templates, scripts and generated parts, one dict per edition.
UI = {
    "zh": {
        "description": "《零售渠道变革系列二：从微信小店看电商变革路径与分析》交互版：原报告全文、依据报告文字与分级公开数据"
                       "重建的交互图表，以及可追溯来源的数据。",
        "toggle_navigation": "打开或关闭目录导航", "toggle_toc": "打开或关闭本页目录", "skip": "跳到正文",
        "navigation": "目录导航", "page_toc": "本页目录", "book_toc": "全书目录", "back_to_top": "回到顶部",
        "prev_next": "上一页与下一页", "next": "下一页", "prev": "上一页", "home": "首页",
        "footer": "原报告：国金证券研究所《零售渠道变革系列二：从微信小店看电商变革路径与分析》。交互版的代码与数据见“数据与方法”。",
        "search": "搜索", "search_book": "搜索全书", "search_unavailable": "无法搜索",
        "search_needs_js": "搜索需要浏览器运行 JavaScript。", "expand": "展开",
        "switch_label": "语言", "switch_to": "English", "switch_title": "本页的英文版",
        "table_region": "表格 {n}（可左右滚动）", "figure_text": "图表：",
        "find_in_table": "在本表中查找：", "find_placeholder": "如：图表33、快递",
        "cards_title": "本书的交互图", "card_alt": "{title}的交互图（静态缩略图）",
    },
    "en": {
        "description": "The interactive edition of the report \u201cRetail Channel Transformation Series, Part Two\u201d "
                       "(Sinolink Securities) in English: the report's full text, interactive charts rebuilt from its "
                       "text and graded public data, and data traceable to its sources.",
        "toggle_navigation": "Open or close the book's contents", "toggle_toc": "Open or close this page's contents",
        "skip": "Skip to the text", "navigation": "Contents", "page_toc": "On this page", "book_toc": "The book's contents",
        "back_to_top": "Back to top", "prev_next": "Previous and next page", "next": "Next", "prev": "Previous",
        "home": "Home",
        "footer": "Original report: Sinolink Securities Research Institute, \u201cRetail Channel Transformation Series, "
                  "Part Two\u201d. The interactive edition's code and data: see \u201cData and methods\u201d.",
        "search": "Search", "search_book": "Search the book", "search_unavailable": "Search unavailable",
        "search_needs_js": "Search needs JavaScript in the browser.", "expand": "Expand",
        "switch_label": "Language", "switch_to": "中文", "switch_title": "This page in the Chinese original",
        "table_region": "Table {n} (scrolls sideways)", "figure_text": "Chart: ",
        "find_in_table": "Find in this table: ", "find_placeholder": "e.g. Exhibit 33, express",
        "cards_title": "The book's interactive charts", "card_alt": "Interactive chart of {title} (static thumbnail)",
        "note": "This English text is the edition's translation; the Chinese report is the authoritative original. "
                "After each paragraph, \u201cChinese\u201d shows the original.",
        "original_show": "Chinese", "original_hide": "Hide Chinese",
        "original_title": "Show the Chinese original (中文原文) of this passage",
    },
}


def edition_of(config: Any) -> str:
    """The edition a Sphinx build writes: "en" for ``language: en``, else the Chinese original."""
    return "en" if str(getattr(config, "language", "") or "").startswith("en") else "zh"


def ui(config: Any) -> dict[str, str]:
    return UI[edition_of(config)]


def in_edition(text: str, config: Any) -> str:
    """A Chinese text from code or data (a chapter's title, its question) in the edition's language: its
    catalogue entry in the English edition, the Chinese where there is none yet."""
    if edition_of(config) == "zh":
        return text
    from wxshop import i18n

    try:
        return i18n.translate(text, "en")
    except LookupError:
        return i18n.data_text(text) if i18n.language() == "en" else text


def book_root() -> Path:
    return checkout.root()


def vega_bundle() -> str:
    """Vega alone (the site ships charts compiled to Vega at build time): the official minified build of
    the npm package vega@6.2.0 (BSD-3-Clause; the licence sits beside it), defining only ``window.vega``."""
    return VEGA.read_text(encoding="utf-8")


class ExhibitAnchors(SphinxTransform):
    """Give each section titled 图表N：… the id ``exhibit-N``."""

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        for section in self.document.findall(nodes.section):
            title = section.next_node(nodes.title)
            match = EXHIBIT_TITLE.match(title.astext()) if title is not None else None
            if match:
                anchor = f"exhibit-{match.group(1) or match.group(2)}"
                if anchor not in section["ids"]:
                    section["ids"].insert(0, anchor)


FIGURE_EXPRESSION = re.compile(r"""^\s*figures\[\s*["']([\w.]+)["']\s*\]\s*$""")


def figure_role():
    """``{eval}`figures["key"]``` on the site: the figure glued under ``key`` (myst-nb's glue:text), with the
    provenance glued beside it (``key__provenance``) as a quiet note readers open by hover, focus or tap,
    ending with a link to where it can be checked (``key__link``: 参考文献, the model's entry on 数据与方法,
    the parameter page). A citation mark (``key__mark``) is a plain link to its source in 参考文献.

    In JupyterLab the same role is evaluated in the kernel by jupyterlab-myst; on the site nothing
    is evaluated (execution is off), so only this form is accepted and anything else is an error.
    """
    from myst_nb.core.variables import RetrievalError
    from myst_nb.ext.glue.roles import PasteTextRole
    from myst_nb.ext.glue.utils import retrieve_glue_data

    from wxshop.figures import LINK_SUFFIX, MARK_SUFFIX, PROVENANCE_SUFFIX

    class FigureRole(PasteTextRole):
        def _with_glue(self) -> bool:
            """A paragraph translated by Sphinx (its msgstr) is parsed into a document of its own, after myst-nb
            has finished the page and dropped its ``nb_renderer`` (the glue data ``retrieve_glue_data`` reads):
            so the page's renderer is kept while the page is parsed (every figure of a translated paragraph
            is first pasted in its Chinese original) and lent to the translated paragraph's document."""
            env = getattr(self.document.settings, "env", None)
            if env is None:
                return False
            if "nb_renderer" in self.document:
                env.temp_data[GLUE_RENDERER] = self.document["nb_renderer"]
            elif env.temp_data.get(GLUE_RENDERER) is not None:
                self.document["nb_renderer"] = env.temp_data[GLUE_RENDERER]
                return True  # lent: taken back after the role (the doctree is pickled, the renderer cannot be)
            return False

        def run(self):  # noqa: ANN201
            lent = self._with_glue()
            try:
                return self._run()
            finally:
                if lent:
                    del self.document["nb_renderer"]

        def glued(self, key: str) -> str | None:
            try:
                found = retrieve_glue_data(self.document, key)
            except RetrievalError:
                return None
            return str(found.data.get("text/plain", ""))

        def _run(self):  # noqa: ANN202
            match = FIGURE_EXPRESSION.match(self.text)
            if not match:
                message = self.document.reporter.error(
                    f"{{eval}} on the site takes only figures[\"key\"], got {self.text!r}", line=self.line)
                return [], [message]
            key = match.group(1)
            self.text = key
            value, messages = super().run()
            self.text = key + PROVENANCE_SUFFIX
            provenance, more = super().run()
            if messages or more or not value:
                return value, messages + more
            link = self.glued(key + LINK_SUFFIX)
            href = label = None
            if link:
                label, _, target = link.partition("|")
                docname = self.document.settings.env.docname
                href = "../" * docname.count("/") + target
            if self.glued(key + MARK_SUFFIX) and href:
                return [nodes.reference("", "", *value, refuri=href, classes=["wxshop-cite"])], []
            if href:
                provenance = [*provenance, nodes.Text(" "), nodes.reference("", label, refuri=href)]
            note = nodes.inline("", "", *provenance, classes=["wxshop-provenance"])
            return [nodes.inline("", "", *value, note, classes=["wxshop-number"])], []

    return FigureRole()


GLUE_RENDERER = "wxshop_nb_renderer"


ORIGINAL = "wxshop_original"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_QUIET = {"wxshop-provenance", "visually-hidden"}


def reading_text(node: nodes.Node) -> str:
    """A node's text as a reader reads it: without the quiet provenance notes of glued figures."""
    if isinstance(node, nodes.Text):
        return node.astext()
    if isinstance(node, nodes.Element) and _QUIET & set(node.get("classes", [])):
        return ""
    return "".join(reading_text(child) for child in node.children)


def _translatable(node: nodes.Node) -> bool:
    if not isinstance(node, (nodes.paragraph, nodes.title)):
        return False
    if isinstance(node, nodes.title) and not isinstance(node.parent, nodes.section):
        return False
    return not any(isinstance(a, (nodes.entry, nodes.caption, nodes.table)) for a in _ancestors(node))


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


class KeepOriginal(SphinxTransform):
    """English edition: remember each paragraph's and heading's Chinese text before Sphinx translates it."""

    default_priority = 15  # before Sphinx's Locale (20)

    def apply(self, **kwargs: Any) -> None:
        if edition_of(self.config) == "zh":
            return
        from sphinx.util.nodes import extract_messages

        for node, _msg in extract_messages(self.document):
            if _translatable(node):
                node[ORIGINAL] = reading_text(node)


class original_text(nodes.General, nodes.Element):
    """The Chinese original of a translated paragraph or heading, hidden, with the button that shows it."""


class ShowOriginal(SphinxTransform):
    """English edition: after each translated paragraph and heading, its Chinese original (hidden, outside the
    search index: the text is an attribute, not a text node) and a toggle; a paragraph left in Chinese (no
    catalogue entry) is an error unless drafts are allowed (``WXSHOP_TRANSLATION_DRAFT=1``)."""

    default_priority = 30  # after Sphinx's Locale (20) and its translation count (25)

    def apply(self, **kwargs: Any) -> None:
        if edition_of(self.config) == "zh":
            return
        import os

        from sphinx.util import logging

        logger = logging.getLogger(__name__)
        drafts = os.environ.get("WXSHOP_TRANSLATION_DRAFT", "") not in ("", "0")
        unit = 0
        for node in list(self.document.findall(nodes.Element)):
            original = node.get(ORIGINAL)
            if original is None:
                continue
            del node[ORIGINAL]
            if not node.get("translated") and _HAN.search(original):
                if not drafts:
                    logger.warning("untranslated on the English page (no catalogue entry): %s",
                                   original[:80], location=node, type="wxshop", subtype="untranslated")
                continue
            if not _HAN.search(original):
                continue
            unit += 1
            kind = "h" if isinstance(node, nodes.title) else "p"
            editors = any("editors" in a.get("classes", []) for a in _ancestors(node) if isinstance(a, nodes.Element))
            marker = original_text("", unit=unit, kind=kind, text=original, editors=editors)
            node.parent.insert(node.parent.index(node) + 1, marker)


def visit_original_text(self: Any, node: original_text) -> None:
    words = UI["en"]
    self.body.append(
        f'<div class="wxshop-original-wrap" data-wxshop-unit="{node["unit"]}" data-wxshop-kind="{node["kind"]}"'
        + (' data-wxshop-editors="1"' if node["editors"] else "") + ">"
        f'<button type="button" class="wxshop-original-toggle" aria-expanded="false" hidden '
        f'title="{html_module.escape(words["original_title"])}" data-show="{html_module.escape(words["original_show"])}" '
        f'data-hide="{html_module.escape(words["original_hide"])}">{html_module.escape(words["original_show"])}</button>'
        f'<div class="wxshop-original" lang="zh-CN" hidden>{html_module.escape(node["text"])}</div></div>')
    raise nodes.SkipNode


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


class FigureText(SphinxTransform):
    """Put each chart's title and description into the page as text (indexed by the search, read by screen
    readers; visually hidden, since the chart itself shows them)."""

    default_priority = 210

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            text = raw.astext()
            if 'class="wxshop-figure"' not in text:
                continue
            title = re.search(r'data-title="([^"]*)"', text)
            label = re.search(r'role="img" aria-label="([^"]*)"', text)
            words = "。".join(html_module.unescape(m.group(1)) for m in (title, label) if m and m.group(1))
            if words:
                raw.parent.insert(raw.parent.index(raw), nodes.paragraph(
                    "", f"{ui(self.config)['figure_text']}{words}", classes=["wxshop-figure-text", "visually-hidden"]))


LONG_TABLE_CONTROLS = ('<p class="wxshop-long-controls"><label>{find}<input type="search" '
                       'placeholder="{placeholder}" autocomplete="off"></label>'
                       '<span class="wxshop-long-status" aria-live="polite"></span></p>')


def long_table_controls(config: Any) -> str:
    words = ui(config)
    return LONG_TABLE_CONTROLS.format(find=html_module.escape(words["find_in_table"]),
                                      placeholder=html_module.escape(words["find_placeholder"]))


class _Generated(SphinxDirective):
    """Parse generated MyST text in place of the directive; rebuild when the package or data change.
    A ``long`` directive's table is a long reference table: table.js gives it a search box and shows its
    first rows until the reader asks for all."""

    has_content = False
    long = False

    def markdown(self, root: Path) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        root = book_root()
        for path in list((root / "wxshop").rglob("*.py")) + list((root / "data").glob("*")):
            self.env.note_dependency(str(path))
        self.env.note_dependency(str(root / "_toc.yml"))
        parsed = self.parse_text_to_nodes(self.markdown(root))
        if not self.long:
            return parsed
        return [nodes.container("", nodes.raw("", long_table_controls(self.config), format="html"), *parsed,
                                classes=["wxshop-long-table"])]


class ExhibitRegister(_Generated):
    long = True

    def markdown(self, root: Path) -> str:
        from wxshop.edition_pages import register_markdown

        return register_markdown(root)


class ParameterTables(_Generated):
    def markdown(self, root: Path) -> str:
        from wxshop.edition_pages import parameters_markdown

        return parameters_markdown(root)


class References(SphinxDirective):
    """参考文献: every public source in data/sources.csv (anchors src-<id>, linked from the captions)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from wxshop import data
        from wxshop.provenance import GRADE_LABELS, plain_title

        root = book_root()
        self.env.note_dependency(str(root / "data" / "sources.csv"))
        items = nodes.bullet_list(classes=["wxshop-references"])
        for key, src in sorted(data.sources(root / "data").items(), key=lambda kv: (kv[1]["publisher"], kv[0])):
            title = plain_title(src["title"])
            para = nodes.paragraph()
            comma = _("，")
            para += nodes.Text(data_text(src["publisher"]) + comma + title
                               + (comma + src["published"] if src.get("published") else "")
                               + _("。可信度：{grade}。", grade=_(GRADE_LABELS[src["grade"]])))
            for original, url in ((True, src.get("url")), (False, src.get("seen_url"))):
                if url and (original or url != src.get("url")):
                    para += nodes.Text(" ")
                    para += nodes.reference("", _("原始网址") if original else _("本版查阅的网页"), refuri=url)
            if src.get("note"):
                para += nodes.Text(_(" 说明：{note}", note=data_text(src["note"])))
            item = nodes.list_item("", para, ids=[f"src-{key}"])
            items += item
        return [items]


class Models(SphinxDirective):
    """本书的模型: each chapter's models (``Spec.models``) in words, with the chapter that shows them (anchors
    ``model-…``, which the provenance of every number a model computes links)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from wxshop import chapters
        from wxshop.build import toc

        root = book_root()
        depth = self.env.docname.count("/")
        items = nodes.bullet_list(classes=["wxshop-models"])
        for stem in toc.notebooks(root):
            self.env.note_dependency(str(root / "wxshop" / "chapters" / stem / "spec.py"))
            spec = chapters.spec(stem)
            for model in spec.models:
                para = nodes.paragraph()
                para += nodes.strong("", model.name)
                para += nodes.Text(f"：{model.summary}见")
                para += nodes.reference("", spec.title, refuri="../" * depth + toc.page_of(root, stem))
                para += nodes.Text("。")
                items += nodes.list_item("", para, ids=[model.anchor])
        return [items]


class Glossary(SphinxDirective):
    """术语表: the glossary's terms and the edition's definitions (anchors term-N)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from wxshop.glossary import TERMS

        self.env.note_dependency(str(Path(__file__).with_name("glossary.py")))
        listing = nodes.definition_list(classes=["wxshop-glossary"])
        from wxshop.glossary import english_terms

        english = {row.zh: row.en for row in english_terms()} if edition_of(self.config) == "en" else {}
        for index, (term, definition) in enumerate(TERMS.items(), start=1):
            shown = f"{english[term]} ({term})" if term in english and english[term] != term else term
            item = nodes.definition_list_item("", nodes.term("", shown, ids=[f"term-{index}"]),
                                              nodes.definition("", nodes.paragraph("", in_edition(definition, self.config))))
            listing += item
        return [listing]


from wxshop.thumbnails import CARD_HEIGHT, CARD_WIDTH  # noqa: E402


class ChapterCards(SphinxDirective):
    """A card per chapter on the cover: its title (a link), the question its interactive figure answers,
    and a static thumbnail of that figure (rendered at build time)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from wxshop import chapters
        from wxshop.build import toc

        root = book_root()
        self.env.note_dependency(str(root / "_toc.yml"))
        depth = self.env.docname.count("/")
        cards = []
        words = ui(self.config)
        for stem in toc.notebooks(root):
            self.env.note_dependency(str(root / "wxshop" / "chapters" / stem / "spec.py"))  # title and question
            spec = chapters.spec(stem)
            page = toc.page_of(root, stem)
            title = in_edition(spec.title, self.config)
            href = "../" * depth + page
            thumb = "../" * depth + f"_static/wxshop/cards/{stem}.png"
            cards.append(
                f'<li class="wxshop-card"><a href="{html_module.escape(href)}">'
                f'<img src="{thumb}" alt="{html_module.escape(words["card_alt"].format(title=title))}" loading="lazy" '
                f'width="{CARD_WIDTH}" height="{CARD_HEIGHT}"><span class="wxshop-card-title">{html_module.escape(title)}</span></a>'
                f'<span class="wxshop-card-question">{html_module.escape(in_edition(spec.question, self.config))}</span></li>')
        markup = (f'<div class="editors wxshop-cards"><p class="wxshop-cards-title">{words["cards_title"]}</p><ul>'
                  + "".join(cards) + "</ul></div>")
        return [nodes.raw("", markup, format="html")]


class DataResources(_Generated):
    long = True

    def markdown(self, root: Path) -> str:
        from wxshop.edition_pages import resources_markdown

        return resources_markdown(root)


class PublicAudit(_Generated):
    """数据与方法's register of the audit of every public value (data/public_audit.csv), filterable by resource."""

    def markdown(self, root: Path) -> str:
        from wxshop.edition_pages import audit_html

        return audit_html(root)


def _config_inited(app: Sphinx, config: Any) -> None:
    from wxshop import i18n

    i18n.set_language(edition_of(config))  # what directives generate (references, audit, glossary) follows it
    if edition_of(config) == "zh":  # jieba's user dictionary: the Chinese search only
        options = dict(config.html_search_options or {})
        options["dict"] = str(USER_DICT)
        config.html_search_options = options
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    config.html_favicon = str(STATIC / "favicon.svg")


def _deferred(script: Any) -> Any:
    """A script file of Sphinx or the theme, loaded with ``defer``: the theme writes them at the end of the body
    without it, so the parser stops for each and a phone paints the text later (Lighthouse counts them as
    render-blocking). Deferred, they still run in their order (translations.js after doctools.js, which it
    calls) and before DOMContentLoaded, which they wait for. Inline scripts and those already async or
    deferred stay as they are; so does the search page, whose template adds the search index (which calls
    searchtools.js as it loads) without ``defer``."""
    from sphinx.builders.html._assets import _JavaScript

    attributes = getattr(script, "attributes", None)
    if not getattr(script, "filename", None) or attributes is None or \
            {"defer", "async", "body"} & set(attributes) or attributes.get("type", "text/javascript") != "text/javascript":
        return script
    return _JavaScript(script.filename, priority=script.priority, **attributes, defer="defer")


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    scripts = context.get("script_files")
    if scripts is not None:
        kept, seen = [], set()
        for script in scripts:
            # Inline scripts have no file name; they are told apart by their body.
            name = getattr(script, "filename", None) or script.attributes.get("body", "")
            if "thebe" in str(name).lower() or name in seen:
                continue
            seen.add(name)
            kept.append(_deferred(script) if pagename != "search" else script)
        scripts[:] = kept
    # An empty mode makes the theme log "Got invalid theme mode" as a console error on every page.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    edition = edition_of(app.config)
    words = UI[edition]
    context["ui"] = words
    context["wxshop_edition"] = edition
    # The same page in both editions: the Chinese at the site's root, the English under en/.
    depth = pagename.count("/")
    here = "../" * depth
    page = pagename + ".html"
    hrefs = {"zh": here + page, "en": here + "en/" + page} if edition == "zh" else \
        {"zh": "../" + here + page, "en": here + page}
    context["wxshop_alternates"] = [(EDITION_META[e]["hreflang"], hrefs[e]) for e in ("zh", "en")]
    other = "en" if edition == "zh" else "zh"
    context["wxshop_switch"] = {"href": hrefs[other], "hreflang": EDITION_META[other]["hreflang"],
                                "text": words["switch_to"], "title": words["switch_title"],
                                "label": words["switch_label"]}
    app.add_js_file("wxshop/" + EDITIONS_JS.name, loading_method="defer")
    if edition == "zh":
        for key, english, chinese in UI_STRINGS:
            if isinstance(context.get(key), str):
                context[key] = context[key].replace(english, chinese)
    app.add_js_file("wxshop/" + NOTES_JS.name, loading_method="defer")
    body = context.get("body") or ""
    if 'class="table-wrapper' in body:
        # Furo scrolls wide tables sideways inside a wrapper: make each reachable by keyboard, with its own name.
        count = iter(range(1, 10_000))
        body = re.sub(r'<div class="table-wrapper',
                      lambda _: f'<div tabindex="0" role="region" aria-label="{words["table_region"].format(n=next(count))}" '
                                'class="table-wrapper', body)
        context["body"] = body
    if FIGURE in body:
        app.add_js_file("wxshop/" + CHARTS_JS.name, loading_method="defer")
    if "<table" in body:  # scroll cues on every table; filters and search boxes where a table has them
        app.add_js_file("wxshop/" + TABLE_JS.name, loading_method="defer")


def _write_assets(app: Sphinx) -> None:
    """The book's scripts and styles, written before any page: Sphinx stamps each page's links with the
    checksum of the file it finds in ``_static`` (``?v=…``), so a changed script gets a new address."""
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(vega_bundle(), encoding="utf-8")
    for asset in (STYLES, TABLE_JS, CHARTS_JS, SEARCH_JS, EDITIONS_JS):
        shutil.copy2(asset, target.with_name(asset.name))
    from myst_nb.sphinx_ext import add_global_html_resources

    # myst-nb writes its stylesheet after the pages; written first, a clean build links it with its ?v=
    # checksum as an incremental one does, so both give the same bytes.
    add_global_html_resources(app, None)
    from wxshop.glossary import as_json

    target.with_name(NOTES_JS.name).write_text(
        NOTES_JS.read_text(encoding="utf-8").replace("/*GLOSSARY*/[]", as_json()), encoding="utf-8")


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    target = out / "_static" / BUNDLE
    from wxshop.thumbnails import write_card_thumbnails

    write_card_thumbnails(Path(app.srcdir), book_root(), target.parent / "cards")
    downloads = out / "data"
    if downloads.exists():
        shutil.rmtree(downloads)
    shutil.copytree(book_root() / "data", downloads, ignore=shutil.ignore_patterns("_fragments", "*.md"))


def amount_role(name, rawtext, text, lineno, inliner, options=None, content=None):  # noqa: ANN001, ANN201
    """``{amount}`120亿元``` in an English catalogue: the amount as the report writes it, read in English
    conventions (:func:`wxshop.units.english_amount`: RMB 12bn); on a Chinese page, as written."""
    from wxshop.units import english_amount

    env = inliner.document.settings.env
    if edition_of(env.config) == "zh":
        return [nodes.Text(text)], []
    try:
        return [nodes.inline("", english_amount(text), classes=["wxshop-amount"])], []
    except ValueError as exc:
        return [], [inliner.reporter.error(f"{{amount}}`{text}`: {exc}", line=lineno)]


def setup(app: Sphinx) -> dict:
    from wxshop.search_zh import BookSearchChinese

    app.add_search_language(BookSearchChinese)  # the same Chinese index, written faster (wxshop/search_zh.py)
    from wxshop import myst_documents

    myst_documents.install()  # docutils' default settings worked out once, not per message (wxshop/myst_documents.py)
    app.add_css_file("wxshop/" + STYLES.name)
    app.setup_extension("myst_nb")
    app.add_role("eval", figure_role(), override=True)
    app.add_role("amount", amount_role)
    app.add_transform(ExhibitAnchors)
    app.add_transform(FigureText)
    app.add_transform(KeepOriginal)
    app.add_transform(ShowOriginal)
    app.add_node(original_text, html=(visit_original_text, None), latex=(skip_node, None),
                 text=(skip_node, None), man=(skip_node, None), texinfo=(skip_node, None))
    app.add_directive("wxshop-exhibit-register", ExhibitRegister)
    app.add_directive("wxshop-parameters", ParameterTables)
    app.add_directive("wxshop-data-resources", DataResources)
    app.add_directive("wxshop-public-audit", PublicAudit)
    app.add_directive("wxshop-references", References)
    app.add_directive("wxshop-glossary", Glossary)
    app.add_directive("wxshop-models", Models)
    app.add_directive("wxshop-chapter-cards", ChapterCards)
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context, priority=900)  # after the theme fills its parts
    app.connect("builder-inited", take_over, priority=1)  # `jupyter-book build .` runs the book's pipeline
    app.connect("builder-inited", _write_assets)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
