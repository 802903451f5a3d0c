"""What importing the package costs: jsonschema's RFC 3987 parser (3.6 s of every kernel's and worker's start,
for a format Vega-Lite never uses) is built only when a check needs it, and then checks as before."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys, time
start = time.perf_counter()
import wxshop, altair, jsonschema
imported = time.perf_counter() - start
built_at_import = 'lark' in sys.modules
checker = jsonschema.FormatChecker()
print(json.dumps({"built_at_import": built_at_import, "seconds": imported,
                  "valid": checker.conforms("https://例子.测试/路径?q=微信", "iri"),
                  "invalid": checker.conforms("微信小店 no scheme", "iri"),
                  "relative": checker.conforms("../书/第一章", "iri-reference"),
                  "built_after_check": 'lark' in sys.modules}))
"""


@pytest.mark.slow  # builds the real parser (3 s)
def test_the_iri_parser_is_built_on_first_use_and_checks_as_before():
    pytest.importorskip("rfc3987_syntax", reason="installed with JupyterLab (requirements-lab.txt)")
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    found = json.loads(out.stdout)
    assert found["built_at_import"] is False, found  # importing wxshop and Altair did not build it
    assert found["valid"] is True and found["invalid"] is False and found["relative"] is True, found
    assert found["built_after_check"] is True, found  # the checks used the real parser
    print(f"import wxshop, altair, jsonschema: {found['seconds']:.2f} s")



JUPYTER_BOOK_PROBE = """
import json, sys
import {module}  # the command line's module (the pipeline's, or the `jupyter-book` script's)
import jupyter_book.config  # what `jupyter-book build` imports: jsonschema, for its config schema
print(json.dumps({{"built": "lark" in sys.modules}}))
"""


@pytest.mark.slow  # Python processes
@pytest.mark.parametrize("module, built", [("wxshop.build.jupyter_book", False), ("jupyter_book.cli.main", True)])
def test_the_pipelines_jupyter_book_does_not_build_the_iri_parser(module, built):
    """The pipeline runs Jupyter Book's command line as ``python -m wxshop.build.jupyter_book``: the same
    ``main``, without the 3.5 s parser its config module's jsonschema builds under ``jupyter-book``."""
    pytest.importorskip("rfc3987_syntax", reason="installed with JupyterLab (requirements-lab.txt)")
    out = subprocess.run([sys.executable, "-c", JUPYTER_BOOK_PROBE.format(module=module)], capture_output=True,
                         text=True, check=True, timeout=120)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"built": built}


@pytest.mark.slow  # a Python process
def test_the_pipelines_jupyter_book_is_jupyter_books_own_command_line():
    out = subprocess.run([sys.executable, "-m", "wxshop.build.jupyter_book", "--help"], capture_output=True,
                         text=True, check=True, timeout=120)
    assert out.stdout.startswith("Usage: jupyter-book [OPTIONS] COMMAND") and "build" in out.stdout
