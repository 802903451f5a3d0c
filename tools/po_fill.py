"""Fill an English catalogue from a template and a JSON of translations (a translator's working tool).

    python tools/po_fill.py POT JSON PO

POT: a Sphinx gettext template (``_build/gettext/<docname>.pot``); JSON: an object {msgid: msgstr};
PO: the catalogue to write (``locale/en/LC_MESSAGES/<docname>.po``). Entries of an existing PO are kept
unless the JSON gives a new translation; msgids not in the template are dropped (and counted). Prints how
many entries are translated and how many are still empty.

A thin wrapper: the logic is :func:`wxshop.build.translations.fill_catalogue`, which
``python -m wxshop.build translations`` uses for every page (``--check`` lints them).
"""
from __future__ import annotations

import sys
from pathlib import Path

# This checkout's package, whichever Python runs the tool (another checkout may be installed editable).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wxshop.build.translations import fill_from_json  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    pot, js, po = (Path(a) for a in argv)
    fill = fill_from_json(pot, js, po)
    print(f"{po}: {fill.translated} translated, {fill.empty} empty, {fill.unknown} JSON keys not in the template")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
