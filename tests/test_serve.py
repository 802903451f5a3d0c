"""``make serve`` (``wxshop.serve``) answers as the static hosts the site will live on: gzip only when the
request accepts it, ETag and Last-Modified on every file, 304 for a matching conditional request."""
from __future__ import annotations

import email.utils
import gzip
import http.client
import os
import threading
import time
from pathlib import Path

import pytest

from wxshop import serve

PAGE = "<!DOCTYPE html><html lang='zh-CN'><body>" + "微信小店" * 400 + "</body></html>"


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory):
    """One server for the module; the tests that change a file change their own."""
    tmp_path = tmp_path_factory.mktemp("host")
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "index.html").write_text(PAGE, encoding="utf-8")
    for name in ("app.js", "changing.js"):
        (tmp_path / name).write_text("console.log('x');\n" * 200, encoding="utf-8")
    (tmp_path / "dated.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    httpd = serve.server(tmp_path)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def request(path: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", httpd.server_port, timeout=10)
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    request.root = tmp_path
    yield request
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("accept, gzipped", [
    (None, False),
    ("gzip", True),
    ("gzip, deflate, br, zstd", True),
    ("gzip;q=0", False),
    ("gzip; q=0.0, deflate", False),
    ("br;q=1.0, gzip;q=0.5", True),
    ("*", True),
    ("*;q=0", False),
    ("identity", False),
    ("x-gzip", True),
    ("*, gzip;q=0", False),
])
def test_text_is_gzipped_exactly_when_the_request_accepts_gzip(host, accept, gzipped):
    headers = {"Accept-Encoding": accept} if accept is not None else {}
    status, head, body = host("/index.html", **headers)
    assert status == 200
    assert head.get("content-encoding") == ("gzip" if gzipped else None)
    assert (gzip.decompress(body) if gzipped else body).decode("utf-8") == PAGE
    assert int(head["content-length"]) == len(body)
    assert head["vary"] == "Accept-Encoding"
    assert head["content-type"].startswith("text/html")


def test_images_are_sent_as_they_are_whatever_the_request_accepts(host):
    status, head, body = host("/image.png", **{"Accept-Encoding": "gzip"})
    assert status == 200 and "content-encoding" not in head and "vary" not in head
    assert body == (host.root / "image.png").read_bytes()
    assert head["etag"] and head["last-modified"]


def test_every_file_has_validators_and_a_matching_etag_gets_304_without_a_body(host):
    status, head, _ = host("/app.js", **{"Accept-Encoding": "gzip"})
    assert status == 200 and head["cache-control"] == "no-cache"
    etag, modified = head["etag"], head["last-modified"]
    assert etag.startswith('"') and etag.endswith('"')
    assert email.utils.parsedate_to_datetime(modified).timestamp() == int((host.root / "app.js").stat().st_mtime)
    again = host("/app.js", **{"Accept-Encoding": "gzip"})
    assert again[1]["etag"] == etag  # stable between requests
    status, head, body = host("/app.js", **{"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert (status, body) == (304, b"")
    assert head["etag"] == etag and head["vary"] == "Accept-Encoding" and "content-length" not in head
    assert host("/app.js", **{"Accept-Encoding": "gzip", "If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert host("/app.js", **{"Accept-Encoding": "gzip", "If-None-Match": "*"})[0] == 304
    assert host("/app.js", **{"Accept-Encoding": "gzip", "If-None-Match": '"other"'})[0] == 200


def test_the_gzipped_and_plain_representations_have_different_etags(host):
    plain = host("/app.js")[1]["etag"]
    zipped = host("/app.js", **{"Accept-Encoding": "gzip"})[1]["etag"]
    assert plain != zipped
    assert host("/app.js", **{"If-None-Match": zipped})[0] == 200  # plain asked, gzip tag held: send it


def test_if_modified_since_answers_304_unless_the_file_is_newer_and_if_none_match_wins(host):
    modified = host("/dated.html")[1]["last-modified"]
    assert host("/dated.html", **{"If-Modified-Since": modified})[0] == 304
    assert host("/dated.html", **{"If-Modified-Since": modified, "If-None-Match": '"other"'})[0] == 200
    assert host("/dated.html", **{"If-Modified-Since": "not a date"})[0] == 200
    os.utime(host.root / "dated.html", (time.time() + 60, time.time() + 60))  # changed after that date
    assert host("/dated.html", **{"If-Modified-Since": modified})[0] == 200


def test_a_changed_file_gets_a_new_etag_and_the_old_one_no_longer_matches(host):
    etag = host("/changing.js")[1]["etag"]
    path = host.root / "changing.js"
    path.write_text("console.log('changed');\n", encoding="utf-8")
    os.utime(path, (time.time() + 5, time.time() + 5))
    status, head, body = host("/changing.js", **{"If-None-Match": etag})
    assert status == 200 and head["etag"] != etag and body == path.read_bytes()


def test_head_gives_the_headers_without_the_body_and_folders_behave_like_a_host(host):
    status, head, body = host("/index.html", method="HEAD", **{"Accept-Encoding": "gzip"})
    assert status == 200 and body == b"" and head["content-encoding"] == "gzip" and head["etag"]
    status, head, _ = host("/book")
    assert status == 301 and head["location"].endswith("/book/")
    status, head, body = host("/book/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and gzip.decompress(body).decode("utf-8") == PAGE
    assert host("/missing.html")[0] == 404
