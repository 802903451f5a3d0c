"""Jupyter Book's own command line (``jupyter-book``), run as ``python -m wxshop.build.jupyter_book``: the same
``main``, in a process that imports ``wxshop`` first, so jsonschema (which Jupyter Book's config module
imports) does not build its RFC 3987 parser (see :mod:`wxshop._imports`): 3.6 s of every Sphinx run of each
edition, for a format neither Jupyter Book's config schema nor Vega-Lite's uses."""
from __future__ import annotations

import wxshop  # noqa: F401  (defers rfc3987_syntax before jsonschema is imported)


def main() -> None:
    from jupyter_book.cli.main import main as jupyter_book

    jupyter_book(prog_name="jupyter-book")


if __name__ == "__main__":
    main()
