"""Serve the built site on loopback as a static host would: gzip for text, validators, 304s.

    python -m wxshop.serve [--port 8000] [--directory _build/html]      (make serve)

What the benchmarks measure is what a reader gets from the hosts the site will live on:

- HTML, scripts, styles, JSON, SVG, CSV and text are sent gzip-encoded (level 9) when the request's
  ``Accept-Encoding`` accepts gzip with a non-zero weight (``gzip;q=0`` or a missing header: as they
  are); images and the PDF always as they are. Compressible files say ``Vary: Accept-Encoding``.
- Every file carries an ``ETag`` (a digest of its bytes, one per encoding) and ``Last-Modified``, with
  ``Cache-Control: no-cache`` (a browser revalidates each time); ``If-None-Match`` (or, without it,
  ``If-Modified-Since``) that matches is answered ``304 Not Modified`` with no body.
"""
from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import hashlib
import http.server
import os
import sys
import threading
from io import BytesIO
from pathlib import Path

from wxshop import checkout

ROOT = checkout.ROOT  # the book's checkout (see wxshop.checkout)
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".csv", ".txt", ".xml", ".map"}


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` value accepts gzip (RFC 9110 §12.5.3: weights, ``*``, ``x-gzip``)."""
    if not header:
        return False
    weights: dict[str, float] = {}
    for item in header.split(","):
        name, *params = (part.strip() for part in item.split(";"))
        if not name:
            continue
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.lower()] = weight
    for name in ("gzip", "x-gzip"):
        if name in weights:
            return weights[name] > 0
    return weights.get("*", 0.0) > 0


def _etag_matches(header: str, etag: str) -> bool:
    """``If-None-Match`` uses the weak comparison: ``W/`` prefixes aside, any listed tag (or ``*``)."""
    tags = [tag.strip() for tag in header.split(",")]
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


class StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Files of ``directory`` with gzip, ETag, Last-Modified and conditional requests (GET and HEAD)."""

    _cache: dict[tuple[str, int, int, bool], tuple[bytes, str]] = {}
    _lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def _representation(self, path: Path, stat: os.stat_result, gzipped: bool) -> tuple[bytes, str]:
        key = (str(path), stat.st_mtime_ns, stat.st_size, gzipped)
        with self._lock:
            found = self._cache.get(key)
        if found is None:
            raw = path.read_bytes()
            body = gzip.compress(raw, compresslevel=9, mtime=0) if gzipped else raw
            etag = '"' + hashlib.sha256(raw).hexdigest()[:20] + ("-gz" if gzipped else "") + '"'
            found = (body, etag)
            with self._lock:
                self._cache[key] = found
        return found

    def send_head(self):  # noqa: ANN201  (http.server's protocol: a file-like body or None)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the 301 to the folder's address with a slash
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # 404 (or a listing of a folder without index.html)
        stat = path.stat()
        compressible = path.suffix in COMPRESSIBLE
        gzipped = compressible and accepts_gzip(self.headers.get("Accept-Encoding"))
        body, etag = self._representation(path, stat, gzipped)
        last_modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if self._not_modified(etag, stat.st_mtime):
            self.send_response(304)
            self._validators(etag, last_modified, compressible)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self._validators(etag, last_modified, compressible)
        self.end_headers()
        return BytesIO(body)

    def _validators(self, etag: str, last_modified: str, compressible: bool) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Cache-Control", "no-cache")
        if compressible:
            self.send_header("Vary", "Accept-Encoding")

    def _not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # RFC 9110 §13.2.2: If-Modified-Since is then ignored
            return _etag_matches(if_none_match, etag)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                when = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
            return when is not None and int(mtime) <= when.timestamp()
        return False


def server(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A compressing server for ``directory`` on 127.0.0.1 (``port`` 0: a free one), not yet started."""
    handler = functools.partial(StaticHostHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wxshop.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    parser.add_argument("--directory", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args(argv)
    if not (args.directory / "index.html").is_file():
        print(f"no site in {args.directory}: run `make book` first", file=sys.stderr)
        return 1
    httpd = server(args.directory, args.port)
    print(f"Serving {args.directory} (gzip, ETag, 304) on http://127.0.0.1:{httpd.server_port}/ — Ctrl+C to stop", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
