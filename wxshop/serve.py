"""Serve the built site on loopback, compressed as a static host would (gzip -9 for text files).

    python -m wxshop.serve [--port 8000] [--directory _build/html]      (make serve)

What the benchmarks measure is what a reader gets: HTML, scripts, styles, JSON, SVG and CSV are sent
gzip-encoded to browsers that accept it; images and the PDF as they are.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".csv", ".txt", ".xml", ".map"}


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    _cache: dict[tuple[str, int], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201  (http.server's protocol)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        key = (str(path), path.stat().st_mtime_ns)
        with self._lock:
            body = self._cache.get(key)
            if body is None:
                body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
                self._cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


def server(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A compressing server for ``directory`` on 127.0.0.1 (``port`` 0: a free one), not yet started."""
    handler = functools.partial(CompressingHandler, directory=str(directory))
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
    print(f"Serving {args.directory} (gzip) on http://127.0.0.1:{httpd.server_port}/ — Ctrl+C to stop", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
