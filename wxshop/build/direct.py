"""``jupyter-book build .`` on this book: hand over to the book's own pipeline instead of a half-site.

The book's pages are notebooks stored without outputs; its charts and glued figures exist only once the
pipeline (``python -m wxshop.build book``, what ``make book`` runs) has executed them into
``_build/stage`` and built *that* tree. Jupyter Book run on the sources would render the notebooks as
stored: no charts, blank figures, hundreds of warnings. So when Sphinx starts on the book's sources
(not on the staged tree the pipeline builds, which sets :data:`STAGED_ENV`), this module:

- for the ``html`` builder (``jupyter-book build .``, also a single page): runs the pipeline, which
  executes what changed, builds, checks and publishes ``_build/html``, then copies the site to the
  output folder Jupyter Book was asked for if that is another one; ``--builder pdfhtml`` then prints
  the PDF edition (``make pdf``). The process exits with the pipeline's status: Sphinx never renders
  the unexecuted sources, so ``_build/html`` is never replaced by a half-site.
- for ``gettext`` and ``linkcheck``: lets Sphinx run on the sources (they read text and links only);
- for every other builder: stops at once with status 2 and a message naming the commands to use.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

STAGED_ENV = "WXSHOP_STAGED_BUILD"
PASS_THROUGH = ("gettext", "linkcheck")


def _book_of(srcdir: Path) -> Path | None:
    from wxshop.checkout import is_checkout

    for folder in (srcdir, *srcdir.parents):
        if is_checkout(folder):
            return folder
    return None


def take_over(app: Any) -> None:
    """Sphinx ``builder-inited`` handler (runs first): see the module's docstring."""
    if os.environ.get(STAGED_ENV):
        return
    root = _book_of(Path(app.srcdir).resolve())
    if root is None:
        return
    name = app.builder.name
    if name in PASS_THROUGH:
        return
    if name != "html":
        print(f"\nerror: this book's pages are notebooks executed by its own pipeline; the {name!r} builder "
              "would render them unexecuted (no charts, no figures).\n"
              "  Build the site:  jupyter-book build .   (or: make book)\n"
              "  The PDF edition: make pdf", file=sys.stderr, flush=True)
        raise SystemExit(2)
    print("\nThis book's notebooks are executed by its own pipeline: `jupyter-book build` runs it "
          "(python -m wxshop.build book, what `make book` runs), not Sphinx on the unexecuted sources.\n",
          flush=True)
    env = {k: v for k, v in os.environ.items() if k != STAGED_ENV}
    command = [sys.executable, "-m", "wxshop.build"]
    status = subprocess.call([*command, "book", "--root", str(root)], cwd=root, env=env)
    if status == 0 and "pdfhtml" in sys.argv:
        status = subprocess.call([*command, "pdf", "--root", str(root)], cwd=root, env=env)
    if status == 0:
        from wxshop.build import Paths

        site, outdir = Paths(root).site.resolve(), Path(app.outdir).resolve()
        if outdir != site:
            if outdir.exists():
                shutil.rmtree(outdir)
            shutil.copytree(site, outdir)
            print(f"Copied the site to {outdir}", flush=True)
    raise SystemExit(status)
