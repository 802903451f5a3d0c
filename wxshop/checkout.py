"""Where the book's checkout and its data package are (standard library only: imported before anything heavy).

The package can be imported from a checkout on ``sys.path``, from ``pip install -e .`` or from a plain
``pip install .`` into site-packages. The book it serves (``_toc.yml``, ``notebooks/``, ``data/``) is
found, in this order:

1. ``WXSHOP_BOOK_ROOT``: the checkout's folder (the build sets it for every child it starts);
2. the folder holding the package, when it is a checkout (a source tree or an editable install);
3. the working directory or the nearest of its parents that is a checkout (``notebooks/`` included).

``WXSHOP_DATA_DIR`` names the data package's folder directly (tests point it at a corrupted copy); by
default it is ``<checkout>/data``. When neither is found, :func:`data_dir` raises
:class:`CheckoutNotFound` naming every place it looked.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

ROOT_ENV = "WXSHOP_BOOK_ROOT"
DATA_ENV = "WXSHOP_DATA_DIR"
CACHE_ENV = "WXSHOP_CACHE_DIR"
DESCRIPTOR = "datapackage.json"
PACKAGE_PARENT = Path(__file__).resolve().parent.parent


class CheckoutNotFound(LookupError):
    """No checkout of the book (or data package) where the package looked; the message lists where."""


def is_checkout(folder: Path) -> bool:
    """A folder holding the book: its table of contents and its data package."""
    return (folder / "_toc.yml").is_file() and (folder / "data" / DESCRIPTOR).is_file()


def _candidates() -> list[tuple[str, Path]]:
    found = []
    if os.environ.get(ROOT_ENV):
        found.append((f"{ROOT_ENV}={os.environ[ROOT_ENV]}", Path(os.environ[ROOT_ENV])))
    found.append(("the folder holding the wxshop package", PACKAGE_PARENT))
    cwd = Path.cwd()
    found.extend(("the working directory" if folder == cwd else "a parent of the working directory", folder)
                 for folder in (cwd, *cwd.parents))
    return found


_FOUND: dict[tuple[str | None, str], Path] = {}  # (WXSHOP_BOOK_ROOT, working directory) -> checkout found


def find_root() -> Path | None:
    """The book's checkout, or None when there is none where the package looks.

    Asked thousands of times in a sweep, so the answer is remembered for the setting and the working
    directory it was found under, and re-checked (two file tests) before it is given again."""
    key = (os.environ.get(ROOT_ENV), os.getcwd())
    known = _FOUND.get(key)
    if known is not None and is_checkout(known):
        return known
    for _label, folder in _candidates():
        if is_checkout(folder):
            _FOUND[key] = found = folder.resolve()
            return found
    return None


def root() -> Path:
    """The book's checkout; :class:`CheckoutNotFound` names where it looked."""
    found = find_root()
    if found is None:
        raise CheckoutNotFound(_not_found())
    return found


def data_dir() -> Path:
    """The data package's folder: ``WXSHOP_DATA_DIR``, else ``<checkout>/data``."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    found = find_root()
    if found is None:
        raise CheckoutNotFound(_not_found())
    return found / "data"


def _not_found() -> str:
    places = "; ".join(f"{label} ({folder / 'data' / DESCRIPTOR})" for label, folder in _candidates()[:3])
    return (f"no checkout of the book found: looked for _toc.yml and data/{DESCRIPTOR} in {places} "
            f"and the working directory's other parents. Run from inside a checkout, or set {ROOT_ENV} "
            f"to the checkout's folder (or {DATA_ENV} to its data/ folder).")


# For modules that need a path at import time: the checkout if there is one, else the package's parent
# (then data_dir() raises the clear error when data is first read).
ROOT = find_root() or PACKAGE_PARENT


def user_cache() -> Path:
    """Where results that only depend on their inputs' bytes are kept between processes (a resource that passed
    validation, Chinese text split into words): ``WXSHOP_CACHE_DIR``, else ``$XDG_CACHE_HOME/wxshop``, else
    ``~/.cache/wxshop``. Outside the checkout, so a run leaves nothing in the repository."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wxshop"



def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it: a process reading it at the same time
    sees the old file or the new one, never part of one. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def kept(name: str, make: Callable[[], str], valid: Callable[[str], bool] = bool) -> str:
    """The text kept in :func:`user_cache` under ``name`` (a name made of what the text depends on), or else
    ``make()``, kept there for the next process. A text ``valid`` refuses is made again; a cache that cannot be
    written costs only the time."""
    path = user_cache() / name
    try:
        text = path.read_text(encoding="utf-8")
        if valid(text):
            return text
    except (OSError, UnicodeDecodeError):
        pass
    text = make()
    try:
        write_whole(path, text)
    except OSError:
        pass
    return text