"""Serves the sample council as a ModernGov-shaped website on 127.0.0.1, for crawling over HTTP."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .content import build_council
from .pages import ROBOTS, Response, handle, not_found


class _Handler(BaseHTTPRequestHandler):
    server_version = "Microsoft-IIS/10.0"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm on, a keep-alive client
    # waits ~40 ms for the delayed ACK on every request.
    disable_nagle_algorithm = True
    site: SampleSite

    def version_string(self) -> str:
        return self.server_version

    def _respond(self, send_body: bool) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        base = self.site.base_path
        if path == "/robots.txt":  # always at the host root, naming the mounted paths
            resp = Response(200, "text/plain; charset=utf-8", self.site.robots())
        elif path.startswith(base) or path + "/" == base:
            resp = self.site.route(path[len(base):], parts.query)
        else:
            resp = not_found()
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        self.send_header("Cache-Control", "private")
        if resp.location:
            self.send_header("Location", base + resp.location)
        self.end_headers()
        if send_body:
            self.wfile.write(resp.body)

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        self._respond(True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.site.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class SampleSite:
    """The sample council's website in a background thread.

    >>> with SampleSite() as site:            # port 0: any free port
    ...     site.url                          # e.g. "http://127.0.0.1:54321/"

    ``base_path`` mounts the site below a directory ("/democracy/"), as some councils do.
    ``phase`` is "draft" (the council as of its date) or "approved" (a few weeks on: the Planning
    Committee's draft minutes approved with edits, see amended.py); set ``site.phase`` while it
    runs to publish the approved minutes, as the council would.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, base_path: str = "/",
                 verbose: bool = False, hostile: bool = False, phase: str = "draft"):
        self.host, self.port = host, port
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.verbose = verbose
        self.hostile = hostile  # serve the variant seeded with attack payloads (hostile.py)
        self.phase = phase
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL of the running site, ending in "/"."""
        if self._server is None:
            raise RuntimeError("the sample site is not running; call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{self.base_path}"

    def robots(self) -> bytes:
        """robots.txt, naming the paths as mounted."""
        base = self.base_path.encode()
        return ROBOTS.replace(b"/mg", base + b"mg").replace(b"/ie", base + b"ie")

    def route(self, path: str, query: str) -> Response:
        """The answer for a path below base_path."""
        return handle(path, query, self.hostile, self.phase)

    def prepare(self) -> None:
        """Build the world before the first request, not during it."""
        build_council(self.hostile, self.phase)

    def start(self) -> SampleSite:
        """Bind and serve in a daemon thread; returns self."""
        if self._server is not None:
            return self
        self.prepare()
        handler = type("SampleHandler", (_Handler,), {"site": self})
        server = ThreadingHTTPServer((self.host, self.port), handler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="samplecouncil",
                                        kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> SampleSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
