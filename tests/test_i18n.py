"""Labels from code in the reader's language (wxshop.i18n), amounts in English conventions when the chapter
runs with lang="en" (wxshop.units), and the lang parameter every chapter takes."""
from __future__ import annotations

from pathlib import Path

import pytest

from wxshop import chapters, i18n, units
from wxshop.params import LANG, ParameterError


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    folder = tmp_path / "wxshop"
    monkeypatch.setattr(i18n, "CATALOGUES", folder)
    i18n.clear_cache()
    yield folder
    i18n.clear_cache()


def test_a_label_is_its_chinese_in_zh_and_the_catalogues_english_in_en(catalogues, english):
    i18n.write_catalogue(catalogues / "shared.po", {"年份": "Year", "{name}不在允许范围内": "{name} is out of range"})
    assert i18n._("年份") == "Year"
    assert i18n._("{name}不在允许范围内", name="budget") == "budget is out of range"
    assert i18n.translate("年份", "zh") == "年份"
    i18n.set_language("zh")
    assert i18n._("年份") == "年份" and i18n._("{name}不在允许范围内", name="x") == "x不在允许范围内"


def test_a_missing_english_label_is_an_error_naming_it_not_a_chinese_label(catalogues, english):
    with pytest.raises(i18n.TranslationError, match="no English for '未译'"):
        i18n._("未译")
    assert i18n._("GMV (RMB)") == "GMV (RMB)"  # no Chinese: its own translation


def test_a_message_two_catalogues_translate_differently_is_reported_and_shared_wins(catalogues, english):
    i18n.write_catalogue(catalogues / "shared.po", {"年份": "Year"})
    i18n.write_catalogue(catalogues / "chapters" / "douyin.po", {"年份": "Years"})
    assert i18n._("年份") == "Year"
    assert i18n.clashes() == ["'年份': 'Years' in chapters/douyin.po, 'Year' in shared.po"]


def test_the_committed_catalogues_give_one_translation_per_message():
    i18n.clear_cache()
    assert i18n.clashes() == []


def test_merging_entries_keeps_the_others(catalogues):
    path = catalogues / "shared.po"
    i18n.write_catalogue(path, {"甲": "A"})
    assert i18n.merge_catalogue(path, {"乙": "B"}) == 2
    assert i18n.read_catalogue(path) == {"甲": "A", "乙": "B"}


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang = 'fr' is not allowed; expected one of 'zh', 'en'"):
        i18n.set_language("fr")


@pytest.mark.parametrize("value, unit, digits, scale, zh, en", [
    (12e9, "元", 2, None, "120亿元", "RMB 12bn"),
    (742.8e9, "元", 2, None, "7428亿元", "RMB 742.8bn"),
    (46.41e12, "元", 2, None, "46.41万亿元", "RMB 46.41tn"),
    (5_000, "元", 2, None, "5000元", "RMB 5,000"),
    (45_800_000, "", 2, None, "4580万", "45.8 million"),
    (433.8e9, "元", 2, "亿", "4338亿元", "RMB 433.8bn"),  # an axis in 亿元 reads in RMB bn
    (3e8, "元", 2, "亿", "3亿元", "RMB 0.3bn"),  # a forced scale stays: the axis shares it
    (-1.5e9, "元", 2, None, "-15亿元", "-RMB 1.5bn"),
])
def test_amounts_read_in_each_editions_conventions(value, unit, digits, scale, zh, en):
    assert units.format_scaled(value, unit, digits, scale) == zh
    i18n.set_language("en")
    try:
        assert units.format_scaled(value, unit, digits, scale) == en
    finally:
        i18n.set_language("zh")


def test_every_chapter_takes_lang_and_refuses_another_value_naming_it():
    for stem in chapters.names():
        spec = chapters.spec(stem)
        namespace = {p.name: p.default for p in spec.params}
        try:
            assert "lang" not in spec.validate_namespace({**namespace, "lang": "en"})  # no model input
            assert i18n.language() == "en"
            spec.validate_namespace(namespace)
            assert i18n.language() == "zh"  # the default
        finally:
            i18n.set_language("zh")
        with pytest.raises(ParameterError, match=rf"notebook '{stem}': parameter 'lang' = 'EN' is not allowed; "
                                                 r"expected one of 'zh', 'en'"):
            spec.validate_namespace({**namespace, "lang": "EN"})
    assert LANG.default == "zh"


@pytest.mark.parametrize("lang, scale, unit, expected", [
    ("zh", "亿", "元", (1.0, "亿元")), ("en", "亿", "元", (0.1, "RMB bn")), ("en", "万亿", "元", (1.0, "RMB tn")),
    ("en", "万", "", (0.01, "mn")), ("en", "", "元", (1.0, "RMB")),
])
def test_an_axis_in_yi_is_shown_in_bn_in_english(lang, scale, unit, expected):
    i18n.set_language(lang)
    try:
        assert units.display_scale(scale, unit) == expected
    finally:
        i18n.set_language("zh")


def test_dates_and_time_formats_per_edition(english):
    assert units.format_date(2024, 12, 19) == "19 December 2024"
    assert units.format_date(2024, 3) == "March 2024"
    assert units.time_format("month") == "%b %Y"
    assert "'bn'" in units.vega_number() and "'RMB ' + " in units.vega_number(money=True)
    i18n.set_language("zh")
    assert units.format_date(2024, 12, 19) == "2024年12月19日"
    assert units.time_format("month") == "%Y年%-m月"
    assert "'亿'" in units.vega_number() and units.vega_number(money=True).endswith("+ '元'")


def test_an_amount_in_a_catalogue_reads_in_english_conventions(catalogues, english):
    i18n.write_catalogue(catalogues / "data" / "x.po", {"销售额120亿元": "sales of {amount}`120亿元`"})
    assert i18n.data_text("销售额120亿元") == "sales of RMB 12bn"
    assert i18n.data_text("未译的数据") == "未译的数据" and "未译的数据" in i18n.untranslated_data()


@pytest.mark.slow  # a Python process
def test_the_labels_command_names_an_untranslated_literal_and_passes_a_chapters_home(tmp_path):
    """``python -m wxshop.build.labels``, the command the English chapters' tests run in-process."""
    import subprocess
    import sys

    bad = tmp_path / "module.py"
    bad.write_text('TITLE = "未标记的标题"\nLABEL = _("总预算（元）")\n', encoding="utf-8")
    root = Path(__file__).resolve().parent.parent

    def run(*paths: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "wxshop.build.labels", *map(str, paths)], capture_output=True,
                              text=True, cwd=tmp_path)

    found = run(bad)
    assert found.returncode == 1 and "module.py:1: untranslated '未标记的标题'" in found.stdout, found.stdout
    assert "总预算" not in found.stdout  # marked, and the catalogue has it
    clean = run(root / "wxshop" / "chapters" / "douyin")
    assert clean.returncode == 0 and "every Chinese literal is translated" in clean.stdout, clean.stdout + clean.stderr
