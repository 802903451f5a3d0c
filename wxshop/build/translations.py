"""The English edition's catalogues: extract the pages' templates, update the catalogues, lint the translations.

    python -m wxshop.build translations            # extract templates, update locale/en/LC_MESSAGES/*.po
    python -m wxshop.build translations --check    # extract templates, report per page, exit 1 on any problem

Templates: ``jupyter-book build <root> --builder custom --custom-builder gettext`` (the book's Sphinx
extension lets ``gettext`` run on the sources, see :mod:`wxshop.build.direct`) writes one template per page
(``gettext_compact: false`` in ``_config.yml``) into ``_build/gettext/<docname>.pot``. Catalogues:
``locale/en/LC_MESSAGES/<docname>.po``, one per page of ``_toc.yml``.

The lint rules are the translators' rules (TR-RULES.md), one function each, so tests can call them:

- :func:`lint_empty`: the msgstr is not empty;
- :func:`lint_digits`: every digit sequence of the msgstr, outside {amount}`…` and the glossary's English
  forms of the msgid's terms (双十一 → Double 11), is one of the msgid's;
- :func:`lint_amounts`: every {amount}`…` content is an amount :func:`wxshop.units.english_amount` reads,
  written exactly as in the msgid (spaces too);
- :func:`lint_cjk`: no Chinese (CJK) character outside {amount}`…`, roles, inline code and link targets
  copied from the msgid, and 《…》 titles;
- :func:`lint_markup`: every role, inline code span, link target and footnote marker of the msgid is in the
  msgstr (a role with a title, {ref}`题目 <target>`, may translate its title: the role and target must stay);
- :func:`lint_glossary`: for each glossary term whose Chinese occurs in the msgid, one of its accepted English
  forms occurs in the msgstr (case-insensitive); an occurrence inside a longer glossary term that contains it
  (兴趣电商 inside 全域兴趣电商) is covered by the longer term's check, and an occurrence standing alone
  needs a form standing alone too (not only inside the longer term's English);
- stale: a catalogue entry whose msgid is not in the page's current template.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from wxshop.build import ROOT, BuildError
from wxshop.glossary import EnglishTerm, english_terms
from wxshop.units import english_amount

LOCALE = Path("locale") / "en" / "LC_MESSAGES"
TEMPLATES = Path("_build") / "gettext"
# Fixed dates in the catalogue header: rewriting a catalogue changes no line but the translations.
STABLE_DATE = datetime(2026, 12, 2, tzinfo=timezone.utc)

# ---------------------------------------------------------------------------------------------------------------
# Markup of a msgid / msgstr (MyST source text)

# A role {name}`content` or inline code `content` (any number of backticks, as MyST allows).
_SPAN = re.compile(r"(?:\{(?P<role>[A-Za-z][\w:.+-]*)\})?(?P<ticks>`+)(?P<content>.+?)(?<!`)(?P=ticks)(?!`)", re.S)
# Roles whose content may be "title <target>": the title is text, translated; the target is kept.
_TITLED_ROLES = frozenset({"ref", "doc", "numref", "term", "download", "eq"})
_TITLED = re.compile(r"(?P<title>.*?)\s*<(?P<target>[^<>]+)>", re.S)
_LINK = re.compile(r"\]\(\s*<?(?P<target>[^()\s<>]+(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+\"[^\"]*\")?\s*\)")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_GUILLEMETS = re.compile(r"《[^《》]*》")
_DIGITS = re.compile(r"[0-9]+")
_CJK = re.compile("[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
                  "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]")
AMOUNT_ROLE = "amount"


@dataclass(frozen=True)
class Span:
    """A role or an inline code span as written: ``text`` is the whole span, ``role`` None for code."""

    text: str
    role: str | None
    content: str

    @property
    def title_target(self) -> tuple[str, str] | None:
        """(title, target) of a titled role such as {ref}`题目 <target>`, else None."""
        if self.role not in _TITLED_ROLES:
            return None
        match = _TITLED.fullmatch(self.content)
        return (match["title"], match["target"]) if match else None


def spans(text: str) -> list[Span]:
    """Every role and inline code span of ``text``, in order."""
    return [Span(m.group(0), m["role"], m["content"]) for m in _SPAN.finditer(text)]


def amounts(text: str) -> list[str]:
    """The contents of every {amount}`…` role of ``text``."""
    return [s.content for s in spans(text) if s.role == AMOUNT_ROLE]


def link_targets(text: str) -> list[str]:
    """The targets of every Markdown link ``[text](target)`` of ``text``."""
    return [m["target"] for m in _LINK.finditer(text)]


def _without(text: str, parts: Iterable[str]) -> str:
    for part in sorted(set(parts), key=len, reverse=True):
        text = text.replace(part, " ")
    return text


def _without_amounts(text: str) -> str:
    return _without(text, (s.text for s in spans(text) if s.role == AMOUNT_ROLE))


def _ascii_digits(text: str) -> str:
    """Full-width and other Unicode digits as ASCII (the msgid may write ２０２４)."""
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text)


def _snippet(text: str, at: int, width: int = 12) -> str:
    return text[max(0, at - width): at + width].replace("\n", " ")


# ---------------------------------------------------------------------------------------------------------------
# Lint rules: each takes the msgid and the msgstr and returns its problems (sentences), empty when it passes.

def lint_empty(msgid: str, msgstr: str) -> list[str]:
    """The msgstr is not empty (nor only white space)."""
    return [] if msgstr.strip() else ["empty msgstr"]


def lint_digits(msgid: str, msgstr: str, terms: Sequence[EnglishTerm] = ()) -> list[str]:
    """Every digit sequence of the msgstr outside {amount}`…` is a digit sequence of the msgid (never computed).

    The accepted forms of the glossary terms whose Chinese is in the msgid are left out first: 双十一 is
    Double 11 by the glossary, not by computing."""
    allowed = set(_DIGITS.findall(_ascii_digits(msgid)))
    text = _without_amounts(msgstr)
    forms = [form for term in terms if term.zh in msgid for form in term.accepted if _DIGITS.search(form)]
    for form in sorted(forms, key=len, reverse=True):
        text = re.sub(re.escape(form), " ", text, flags=re.I)
    extra = [d for d in dict.fromkeys(_DIGITS.findall(_ascii_digits(text))) if d not in allowed]
    return [f"digits not in the msgid: {', '.join(extra)}"] if extra else []


def lint_amounts(msgid: str, msgstr: str) -> list[str]:
    """Every {amount}`…` content reads as an amount and is written exactly as in the msgid (spaces as written)."""
    problems = []
    for content in amounts(msgstr):
        try:
            english_amount(content)
        except ValueError as exc:
            problems.append(f"{{amount}}`{content}`: {exc}")
            continue
        if content not in msgid:
            problems.append(f"{{amount}}`{content}` is not written so in the msgid")
    return problems


def lint_cjk(msgid: str, msgstr: str) -> list[str]:
    """No CJK character (Han, CJK or full-width punctuation) outside {amount}`…`, roles, inline code and link
    targets copied from the msgid, and 《…》 titles."""
    copied = [s.text for s in spans(msgstr) if s.role == AMOUNT_ROLE or s.text in msgid]
    copied += [t for t in link_targets(msgstr) if t in msgid]
    rest = _GUILLEMETS.sub(" ", _without(msgstr, copied))
    found = [(m.start(), m.group(0)) for m in _CJK.finditer(rest)]
    if not found:
        return []
    chars = "".join(dict.fromkeys(ch for _at, ch in found))
    return [f"Chinese characters outside the allowed places: {chars!r} (first near {_snippet(rest, found[0][0])!r})"]


def lint_markup(msgid: str, msgstr: str) -> list[str]:
    """Every role, inline code span, link target and footnote marker of the msgid is in the msgstr."""
    problems = []
    translated = spans(msgstr)
    for span in dict.fromkeys(spans(msgid), None):
        if span.text in msgstr:
            continue
        titled = span.title_target
        if titled and any(t.role == span.role and t.title_target and t.title_target[1] == titled[1]
                          for t in translated):
            continue  # {ref}`题目 <target>` -> {ref}`Title <target>`
        problems.append(f"markup missing: {span.text}")
    targets = set(link_targets(msgstr))
    problems += [f"link target missing: {t}" for t in dict.fromkeys(link_targets(msgid)) if t not in targets]
    problems += [f"footnote marker missing: {f}" for f in dict.fromkeys(_FOOTNOTE.findall(msgid)) if f not in msgstr]
    return problems


def _prose(msgid: str) -> str:
    """The msgid without its code: roles and inline code (a titled role keeps its title) and link targets."""
    text = msgid
    for span in sorted(spans(msgid), key=lambda s: len(s.text), reverse=True):
        titled = span.title_target
        text = text.replace(span.text, f" {titled[0]} " if titled else " ")
    return _without(text, (f"]({t})" for t in link_targets(msgid)))


def lint_glossary(msgid: str, msgstr: str, terms: Sequence[EnglishTerm]) -> list[str]:
    """For each term whose Chinese occurs in the msgid's prose (outside a longer glossary term containing it),
    one of its accepted forms occurs in the msgstr (case-insensitive)."""
    prose, lower = _prose(msgid), msgstr.casefold()
    problems = []
    for term in terms:
        if term.zh not in prose:
            continue
        longer = [t.zh for t in terms if len(t.zh) > len(term.zh) and term.zh in t.zh]
        covered = set()
        for zh in longer:
            for m in re.finditer(re.escape(zh), prose):
                covered.update(range(m.start(), m.end()))
        if all(m.start() in covered for m in re.finditer(re.escape(term.zh), prose)):
            continue  # only inside longer terms: their own check covers it
        # Also standing alone: its form must stand alone too, not only inside a longer term's form
        # (interest e-commerce inside omnichannel interest e-commerce).
        rest = _without(lower, (form.casefold() for t in terms if t.zh in longer and t.zh in prose
                                for form in t.accepted))
        if not any(form.casefold() in rest for form in term.accepted):
            forms = " | ".join(term.accepted)
            problems.append(f"glossary: {term.zh} needs {forms}")
    return problems


RULES = ("empty", "digits", "amount", "cjk", "markup", "glossary")


@dataclass(frozen=True)
class Problem:
    """One lint problem of one entry: the page, the msgid, the rule and what is wrong."""

    page: str
    msgid: str
    rule: str
    message: str

    def __str__(self) -> str:
        start = self.msgid if len(self.msgid) <= 30 else self.msgid[:30] + "…"
        return f"{self.page}: {start!r}: [{self.rule}] {self.message}"


def lint_entry(msgid: str, msgstr: str, terms: Sequence[EnglishTerm], page: str = "") -> list[Problem]:
    """Every rule on one entry; an empty msgstr is only reported as empty."""
    if lint_empty(msgid, msgstr):
        return [Problem(page, msgid, "empty", "empty msgstr")]
    found: list[Problem] = []
    found += [Problem(page, msgid, "digits", m) for m in lint_digits(msgid, msgstr, terms)]
    for rule, check in (("amount", lint_amounts), ("cjk", lint_cjk), ("markup", lint_markup)):
        found += [Problem(page, msgid, rule, m) for m in check(msgid, msgstr)]
    found += [Problem(page, msgid, "glossary", m) for m in lint_glossary(msgid, msgstr, terms)]
    return found


# ---------------------------------------------------------------------------------------------------------------
# Templates and catalogues

def read_template(pot: Path) -> list[str]:
    """The msgids of a template, in order (the header and empty ids left out)."""
    from babel.messages.pofile import read_po

    with pot.open("rb") as f:
        return list(dict.fromkeys(m.id for m in read_po(f) if m.id and isinstance(m.id, str)))


def read_catalogue(po: Path) -> dict[str, str]:
    """A catalogue's entries, msgid -> msgstr (empty when untranslated), in order."""
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        return {m.id: (m.string or "") for m in read_po(f) if m.id and isinstance(m.id, str)}


@dataclass(frozen=True)
class Fill:
    """What writing one catalogue did: entries translated and empty (all the template's), new msgids added
    empty, entries dropped because the template no longer has them, translations given whose msgid it lacks."""

    translated: int
    empty: int
    added: int
    dropped: int
    unknown: int


def fill_catalogue(pot: Path, po: Path, translations: Mapping[str, str] | None = None) -> Fill:
    """Write ``po`` with exactly the template's msgids, in its order: each takes the translation given, else
    the catalogue's current one, else stays empty. Msgids no longer in the template are dropped."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    translations = translations or {}
    ids = read_template(pot)
    current = read_catalogue(po) if po.exists() else {}
    catalog = Catalog(locale="en", project="wxshop", version="1", charset="utf-8", fuzzy=False,
                      creation_date=STABLE_DATE, revision_date=STABLE_DATE)
    translated = 0
    for msgid in ids:
        string = translations.get(msgid) or current.get(msgid) or ""
        catalog.add(msgid, string)
        translated += bool(string)
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as f:
        write_po(f, catalog, width=0, no_location=True, omit_header=False, sort_output=False)
    known = set(ids)
    return Fill(translated, len(ids) - translated, len(known - set(current)),
                len(set(current) - known), len(set(translations) - known))


def update(root: Path = ROOT, templates: Path | None = None, locale: Path | None = None) -> dict[str, Fill]:
    """Update every page's catalogue from its template; prints and returns the counts per page."""
    templates = templates or root / TEMPLATES
    locale = locale or root / LOCALE
    results = {}
    for pot in sorted(templates.rglob("*.pot")):
        page = pot.relative_to(templates).with_suffix("").as_posix()
        fill = fill_catalogue(pot, locale / f"{page}.po")
        results[page] = fill
        print(f"{page}: {fill.translated} translated, {fill.empty} empty "
              f"({fill.added} new msgids added), {fill.dropped} vanished msgids dropped", flush=True)
    return results


def extract(root: Path = ROOT, dest: Path | None = None) -> Path:
    """Extract the pages' templates from the sources with Jupyter Book's gettext builder into ``dest``
    (default ``<root>/_build/gettext``, replaced); returns ``dest``. Raises BuildError when the build fails."""
    dest = dest or root / TEMPLATES
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
               WXSHOP_BOOK_ROOT=str(root), WXSHOP_DATA_DIR=str(root / "data"))
    env.pop("WXSHOP_STAGED_BUILD", None)
    with tempfile.TemporaryDirectory(prefix="wxshop-gettext-") as tmp:
        cmd = [sys.executable, "-m", "wxshop.build.jupyter_book", "build", str(root), "--builder", "custom",
               "--custom-builder", "gettext",
               "--path-output", tmp]
        result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
        built = Path(tmp) / "_build" / "gettext"
        if result.returncode != 0 or not built.is_dir():
            tail = (result.stdout + result.stderr).strip().splitlines()[-20:]
            raise BuildError("gettext extraction failed (" + " ".join(cmd) + "):\n" + "\n".join(tail))
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for pot in built.rglob("*.pot"):
            target = dest / pot.relative_to(built)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pot, target)
    return dest


# ---------------------------------------------------------------------------------------------------------------
# Checking

@dataclass
class PageReport:
    """One page's state: entries translated, empty, missing from the catalogue, stale, and every problem."""

    page: str
    translated: int = 0
    empty: int = 0
    missing: int = 0
    stale: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        missing = f", {self.missing} missing" if self.missing else ""
        return (f"{self.page}: {self.translated} translated, {self.empty} empty, {self.stale} stale{missing}; "
                f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}")


def check_page(page: str, template: Sequence[str] | None, catalogue: Mapping[str, str] | None,
               terms: Sequence[EnglishTerm]) -> PageReport:
    """Lint one page's catalogue against its template (None: no such file)."""
    report = PageReport(page)
    if template is None:
        report.problems.append(Problem(page, "", "template", "no template for this page"))
        template = []
    if catalogue is None:
        report.problems.append(Problem(page, "", "catalogue", f"no catalogue {LOCALE.as_posix()}/{page}.po"))
        report.missing = len(template)
        return report
    known = set(template)
    for msgid in template:
        if msgid not in catalogue:
            report.missing += 1
            report.problems.append(Problem(page, msgid, "missing", "msgid of the template not in the catalogue"))
            continue
        problems = lint_entry(msgid, catalogue[msgid], terms, page)
        if catalogue[msgid].strip():
            report.translated += 1
        else:
            report.empty += 1
        report.problems += problems
    for msgid in catalogue:
        if msgid not in known:
            report.stale += 1
            report.problems.append(Problem(page, msgid, "stale", "msgid no longer in the page's template"))
    return report


def check(root: Path = ROOT, templates: Path | None = None, locale: Path | None = None,
          terms: Sequence[EnglishTerm] | None = None) -> list[PageReport]:
    """Every page of ``_toc.yml``: its catalogue against its template, with every lint problem."""
    from wxshop.build import toc

    templates = templates or root / TEMPLATES
    locale = locale or root / LOCALE
    terms = english_terms(root / "locale" / "glossary.csv") if terms is None else terms
    reports = []
    for page in toc.pages(root):
        pot, po = templates / f"{page}.pot", locale / f"{page}.po"
        reports.append(check_page(page, read_template(pot) if pot.is_file() else None,
                                  read_catalogue(po) if po.is_file() else None, terms))
    return reports


def main(root: Path = ROOT, check_only: bool = False, templates: Path | None = None) -> int:
    """``python -m wxshop.build translations [--check] [--templates DIR]``; the exit status."""
    try:
        if templates is None:
            print("extracting templates (jupyter-book, gettext builder) ...", flush=True)
            templates = extract(root)
            print(f"templates: {templates}", flush=True)
        if not check_only:
            update(root, templates)
            return 0
        reports = check(root, templates)
    except (BuildError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    total = 0
    for report in reports:
        print(report.summary())
        for problem in report.problems:
            print(f"  {problem}")
        total += len(report.problems)
    print(f"{total} problem{'s' if total != 1 else ''} in {sum(bool(r.problems) for r in reports)} of "
          f"{len(reports)} pages")
    return 1 if total else 0


def fill_from_json(pot: Path, translations_json: Path, po: Path) -> Fill:
    """The translators' route: a JSON object {msgid: msgstr} into a page's catalogue (see tools/po_fill.py)."""
    return fill_catalogue(pot, po, json.loads(translations_json.read_text(encoding="utf-8")))
