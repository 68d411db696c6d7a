"""Real HTTP servers on 127.0.0.1 for crawler tests: scripted answers per path, and faults.

An answer is ``(status, headers, body)`` or one of the faults a council site can throw at us:

- ``RESET``: the connection is reset without an answer;
- ``Stall(seconds)``: nothing is sent for that long (longer than the client's read timeout);
- ``Truncated(body)``: Content-Length promises more than is sent, then the connection closes;
- ``Streamed(n_bytes)``: a chunked body of that many bytes, no Content-Length.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Stall:
    seconds: float


@dataclass(frozen=True)
class Truncated:
    body: bytes


@dataclass(frozen=True)
class Streamed:
    n_bytes: int


RESET = "reset"
PASS = "pass"  # in a SampleFaultSite script: serve the real page this time
Answer = tuple | str | Stall | Truncated | Streamed


class FaultServer:
    """A threaded HTTP server whose answer for each request comes from ``answer(path)``.

    Every request path is recorded in ``requests`` with its arrival time in ``times``
    (time.monotonic), so tests can check what was asked and how far apart.
    """

    def __init__(self, answer: Callable[[str], Answer]):
        self.answer = answer
        self.requests: list[str] = []
        self.times: list[float] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                with outer._lock:
                    outer.requests.append(self.path)
                    outer.times.append(time.monotonic())
                outer._serve(self, outer.answer(self.path))

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def count(self, path: str) -> int:
        with self._lock:
            return self.requests.count(path)

    @staticmethod
    def _serve(h: BaseHTTPRequestHandler, ans: Answer) -> None:
        if ans == RESET:
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.close_connection = True
            h.connection.close()
            return
        if isinstance(ans, Stall):
            time.sleep(ans.seconds)
            ans = (200, {}, b"late")
        if isinstance(ans, Truncated):
            h.send_response(200)
            h.send_header("Content-Length", str(len(ans.body) + 1000))
            h.end_headers()
            h.wfile.write(ans.body)
            h.close_connection = True
            return
        if isinstance(ans, Streamed):
            h.protocol_version = "HTTP/1.1"
            h.send_response(200)
            h.send_header("Transfer-Encoding", "chunked")
            h.send_header("Connection", "close")
            h.end_headers()
            chunk = b"x" * (1024 * 1024)
            sent = 0
            try:
                while sent < ans.n_bytes:
                    part = chunk[: ans.n_bytes - sent]
                    h.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                    sent += len(part)
                h.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass  # the client stopped reading at its cap, as it should
            h.close_connection = True
            return
        status, headers, body = ans
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            h.wfile.write(body)
        except OSError:
            pass  # the client refused a body over its cap

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class ScriptedServer(FaultServer):
    """Answers each path from a script: a list of answers used in turn (the last repeats)."""

    def __init__(self, routes: dict[str, list[Answer]]):
        self.routes = routes
        super().__init__(self._scripted)

    def _scripted(self, path: str) -> Answer:
        script = self.routes.get(path) or [(404, {}, b"not found")]
        return script[min(self.count(path), len(script)) - 1]


class SampleFaultSite(FaultServer):
    """The sample council's website (at /), with faults injected for chosen request paths."""

    def __init__(self, faults: dict[str, list[Answer]] | None = None, robots: bytes | None = None,
                 everything: Answer | None = None):
        from samplecouncil.pages import handle

        self.faults = dict(faults or {})
        self.robots = robots
        self.everything = everything  # when set, the answer to every request but robots.txt
        self._handle = handle
        super().__init__(self._answer)

    def _answer(self, path: str) -> Answer:
        from urllib.parse import urlsplit

        script = self.faults.get(path)
        if script and script[min(self.count(path), len(script)) - 1] != PASS:
            return script[min(self.count(path), len(script)) - 1]
        parts = urlsplit(path)
        if parts.path == "/robots.txt" and self.robots is not None:
            return (200, {"Content-Type": "text/plain"}, self.robots)
        if self.everything is not None and parts.path != "/robots.txt":
            return self.everything
        resp = self._handle(parts.path, parts.query)
        headers = {"Content-Type": resp.content_type}
        if resp.location:
            headers["Location"] = "/" + resp.location
        return (resp.status, headers, resp.body)


def corpus_key(path_and_query: str) -> tuple:
    """A request path compared as ModernGov does: page names and parameter names in any case."""
    from urllib.parse import parse_qsl, unquote, urlsplit

    parts = urlsplit(path_and_query)
    return (unquote(parts.path).lower(), tuple(sorted((k.lower(), v) for k, v in parse_qsl(parts.query))))


class CorpusSite(FaultServer):
    """Real pages served at the paths they were published at; everything else 404."""

    def __init__(self, pages: dict[str, tuple[bytes, str]]):
        """pages: "/path?query" -> (body, content type)."""
        self.pages = {corpus_key(k): v for k, v in pages.items()}
        super().__init__(self._answer)

    def _answer(self, path: str) -> Answer:
        found = self.pages.get(corpus_key(path))
        if found is None:
            return (404, {"Content-Type": "text/html"}, b"<html><body>Page not found</body></html>")
        return (200, {"Content-Type": found[1]}, found[0])
