"""The cover's card thumbnails are drawn and checked once: a thumbnail whose every character the font draws is
kept in the user cache by its spec, vl-convert's version and the font, so the next build takes it from there;
one the font cannot draw stops the build every time, and nothing of it is kept."""
from __future__ import annotations

import pytest

from wxshop import thumbnails


def card(text: str) -> dict:
    """A small Vega spec with one line of text in the thumbnails' font."""
    return {"width": 300, "height": 160, "background": "white",
            "marks": [{"type": "text", "encode": {"enter": {
                "x": {"value": 20}, "y": {"value": 40}, "text": {"value": text}, "font": {"value": thumbnails.FAMILY},
                "fontSize": {"value": 18}, "fill": {"value": "black"}}}}]}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WXSHOP_CACHE_DIR", str(tmp_path))
    return tmp_path


def refuse(*_args, **_kwargs):
    raise AssertionError("drawn again")


def test_a_checked_thumbnail_is_kept_and_not_drawn_or_checked_again(cache, monkeypatch):
    spec = card("微信小店 2023年GMV")
    png = thumbnails.checked_card_png("wechat_shop", spec)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png == thumbnails.card_png(spec)
    assert len(list((cache / "thumbnails").iterdir())) == 1
    monkeypatch.setattr(thumbnails, "card_png", refuse)
    monkeypatch.setattr(thumbnails, "missing_glyphs", refuse)
    assert thumbnails.checked_card_png("wechat_shop", spec) == png
    with pytest.raises(AssertionError, match="drawn again"):  # another chart is drawn and checked
        thumbnails.checked_card_png("wechat_shop", card("微信小店 2024年GMV"))


def test_a_thumbnail_the_font_cannot_draw_stops_every_build_and_is_not_kept(cache):
    spec = card("微信小店\u0378")
    for _attempt in (1, 2):
        with pytest.raises(ValueError, match="cover thumbnail of douyin shows characters .* cannot draw: \u0378"):
            thumbnails.checked_card_png("douyin", spec)
    assert not list(cache.rglob("*.b64"))


def test_a_spoiled_kept_thumbnail_is_drawn_again(cache):
    spec = card("人、货、场")
    png = thumbnails.checked_card_png("people_goods_place", spec)
    [kept] = (cache / "thumbnails").iterdir()
    kept.write_text("not a picture", encoding="ascii")
    assert thumbnails.checked_card_png("people_goods_place", spec) == png
