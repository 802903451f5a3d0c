"""How ``make test`` shares the work between its workers: which test modules keep their tests together."""
from __future__ import annotations

from pathlib import Path

from conftest import shared_fixture_modules


def test_a_module_with_a_module_scoped_fixture_is_kept_together_and_others_are_not(tmp_path: Path):
    (tmp_path / "test_lab_like.py").write_text(
        'import pytest\n\n@pytest.fixture(scope="module", params=["a", "b"])\ndef server(request):\n    yield 1\n')
    (tmp_path / "test_quoted.py").write_text("@pytest.fixture(scope='module')\ndef built():\n    return 2\n")
    (tmp_path / "test_plain.py").write_text('@pytest.fixture(scope="session")\ndef page():\n    pass\n\n'
                                            "@pytest.fixture\ndef other():\n    pass\n")
    (tmp_path / "helpers.py").write_text('@pytest.fixture(scope="module")\ndef not_a_test_module():\n    pass\n')
    assert shared_fixture_modules(tmp_path) == {"tests/test_lab_like.py", "tests/test_quoted.py"}


def test_the_suites_own_modules_with_shared_fixtures_are_found():
    found = shared_fixture_modules()
    assert {"tests/test_lab.py", "tests/test_pipeline.py", "tests/test_pdf.py"} <= found
    assert "tests/test_phone.py" not in found and "tests/test_quality.py" not in found
