"""`sitrep serve`: build, serve the site on 127.0.0.1, rebuild on change, reload open pages.

Only pages sent by this server get the reload script (`/__sitrep/reload.js`, same origin,
so the pages' `script-src 'self'` allows it); public/ on disk stays as `sitrep build`
writes it. The script polls `/__sitrep/status` and reloads when a build finishes. While
the last build failed, every page is an error page with its messages; the next good
save recovers.
"""

from __future__ import annotations

import functools
import html
import json
import sys
import threading
import time
import traceback
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from sitrep.errors import SitrepError

RELOAD_PATH = "/__sitrep/reload.js"
STATUS_PATH = "/__sitrep/status"
WATCHED = ("content", "templates")
# Saves come in bursts (editor swap files, several files): wait for the burst to end.
DEBOUNCE_MS = 150

RELOAD_JS = b"""// sitrep serve: reload this page when the site is rebuilt (development only).
(function () {
  var script = document.currentScript;
  var seen = script ? script.getAttribute("data-generation") : null;
  function poll() {
    fetch("/__sitrep/status", {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (seen === null) { seen = String(status.generation); }
        if (String(status.generation) !== seen) { location.reload(); return; }
        setTimeout(poll, 400);
      }, function () { setTimeout(poll, 2000); });
  }
  poll();
})();
"""


class BuildState:
    """The outcome of the latest build, shared by the watcher and the request threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0
        self.error: str | None = None

    def record(self, error: str | None) -> None:
        with self.lock:
            self.generation += 1
            self.error = error

    def snapshot(self) -> tuple[int, str | None]:
        with self.lock:
            return self.generation, self.error


def reload_tag(generation: int) -> bytes:
    return (f'<script src="{RELOAD_PATH}" data-generation="{generation}" defer></script>'
            .encode())


def with_reload(page: bytes, generation: int) -> bytes:
    """page with the reload script before its last </body> (or at its end)."""
    at = page.rfind(b"</body>")
    at = len(page) if at < 0 else at
    return page[:at] + reload_tag(generation) + b"\n" + page[at:]


def error_page(message: str, generation: int) -> bytes:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>sitrep: build failed</title></head>\n<body>"
            "<h1>sitrep: the build failed</h1>\n"
            "<p>Fix the problem and save: this page reloads by itself.</p>\n"
            f"<pre class=\"sitrep-error\">{html.escape(message)}</pre>\n</body></html>\n"
            ).encode("utf-8").replace(b"</body>", reload_tag(generation) + b"</body>")


class DevHandler(SimpleHTTPRequestHandler):
    """Serves the built site, the reload script and the build status."""

    state: BuildState      # set on the class made by make_handler

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        route = urlsplit(self.path).path
        generation, error = self.state.snapshot()
        if route == RELOAD_PATH:
            return self._send(RELOAD_JS, "text/javascript; charset=utf-8")
        if route == STATUS_PATH:
            status = {"generation": generation, "error": error}
            return self._send(json.dumps(status).encode(), "application/json")
        if error is not None and (route.endswith("/") or route.endswith(".html")):
            return self._send(error_page(error, generation), "text/html; charset=utf-8", 500)
        page = self._page_file(route)
        if page is None:
            return super().do_GET()
        return self._send(with_reload(page.read_bytes(), generation), "text/html; charset=utf-8")

    def _page_file(self, route: str) -> Path | None:
        path = Path(self.translate_path(route))
        if route.endswith("/") and path.is_dir():
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Quiet: the terminal is for build messages."""


def make_handler(directory: Path, state: BuildState):
    handler = type("BoundDevHandler", (DevHandler,), {"state": state})
    return functools.partial(handler, directory=str(directory))


def rebuild(root: Path, output: Path | None, state: BuildState) -> None:
    """Build once; report the outcome on the terminal and to the open pages."""
    from sitrep.pipeline import build_project
    started = time.monotonic()
    try:
        # One process: the server's threads are running, and forking a threaded
        # process can deadlock. Rebuilds here are incremental, hence small.
        result = build_project(root, output, jobs=1)
    except SitrepError as error:             # content errors: `path:line: message` lines
        message = str(error)
    except Exception:                        # a bug must not stop the server: show it
        message = traceback.format_exc()
    else:
        state.record(None)
        print(f"built {result.pages} pages in {time.monotonic() - started:.2f} s", flush=True)
        return
    state.record(message)
    print(message, file=sys.stderr, flush=True)
    print("build failed: still serving; the next good save recovers", file=sys.stderr, flush=True)


def serve(root: Path, output: Path | None, port: int) -> None:
    """Serve until interrupted (Ctrl-C)."""
    import watchfiles

    output = output if output is not None else root / "public"
    state = BuildState()
    rebuild(root, output, state)
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(output, state))
    except OSError as exc:
        raise SitrepError(f"sitrep serve: cannot listen on 127.0.0.1:{port} ({exc.strerror}); "
                          "pick another port with --port") from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = [root / name for name in WATCHED if (root / name).is_dir()]
    print(f"serving http://127.0.0.1:{server.server_address[1]}/ ; watching "
          f"{', '.join(p.name + '/' for p in watched)} (Ctrl-C to stop)", flush=True)
    try:
        for _changes in watchfiles.watch(*watched, debounce=DEBOUNCE_MS, raise_interrupt=False):
            rebuild(root, output, state)
    finally:
        server.shutdown()
        server.server_close()
