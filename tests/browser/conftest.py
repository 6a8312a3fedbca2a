"""The published site as readers meet it: built once per session from the real content
and templates into a temporary folder, served over HTTP, opened in Debian's Chromium.

Tools: Chromium (/usr/bin/chromium, or $SITREP_CHROMIUM), Playwright (the `test` extra),
the Nu validator and axe-core (`npm ci` at the project root). In CI (`CI` set) a missing
tool fails the tests; elsewhere they skip, saying what is missing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .browserkit import (AXE_JS, CHROMIUM, CHROMIUM_ARGS, DESKTOP, LANGUAGES, PAGE_TYPES,
                        PROJECT, VNU_JAR, Site, missing)


def _resolve(root: Path, lang: str, pattern: str) -> str | None:
    if "*" not in pattern:
        return f"{lang}/{pattern}" if (root / lang / pattern / "index.html").exists() else None
    folder = root / lang / pattern.split("*")[0]
    entries = sorted(p.name for p in folder.iterdir() if (p / "index.html").exists()) \
        if folder.is_dir() else []
    return f"{lang}/{pattern.replace('*', entries[-1])}" if entries else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content and templates, built once into a temporary folder."""
    from sitrep.pipeline import build_project
    output = tmp_path_factory.mktemp("browser-site") / "public"
    build_project(PROJECT, output)
    return output


@pytest.fixture(scope="session")
def site(built_site: Path):
    """The built site served by `python -m http.server` on 127.0.0.1, stopped afterwards."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(built_site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(base + "index.html", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the HTTP server did not start on port {port}")
                time.sleep(0.05)
        served = Site(built_site, base)
        for lang in LANGUAGES:
            for name, pattern in PAGE_TYPES.items():
                path = _resolve(built_site, lang, pattern)
                if path is not None:
                    served.paths[(name, lang)] = path
        yield served
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-liberation)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tab:
    """A page in a fresh browser context that records console errors and failed loads."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(f"console {msg.type}: {msg.text}")
                     if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda req: self.errors.append(
            f"request failed: {req.url} ({req.failure})"))
        self.page.on("response", lambda resp: self.errors.append(
            f"HTTP {resp.status}: {resp.url}") if resp.status >= 400 else None)

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def _tabs(chromium):
    """One tab per set of context options, reused across tests: a fresh context per test
    costs a new renderer process (~0.3 s); a navigation in a kept tab ~0.09 s."""
    tabs: dict[str, Tab] = {}
    yield tabs
    for tab in tabs.values():
        tab.close()


@pytest.fixture
def open_tab(chromium, _tabs):
    """open_tab(**context options) -> a Tab of the session with those options, its error
    list emptied. Tests navigate it wherever they start."""
    def opener(**options) -> Tab:
        options.setdefault("viewport", DESKTOP)
        key = repr(sorted(options.items()))
        if key not in _tabs:
            _tabs[key] = Tab(chromium, **options)
        tab = _tabs[key]
        tab.page.goto("about:blank")
        tab.errors.clear()
        return tab
    return opener


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    if shutil.which("java") is None:
        missing("no Java runtime for the Nu validator")
    if not VNU_JAR.exists():
        missing(f"no Nu validator at {VNU_JAR.relative_to(PROJECT)} (npm ci)")
    return VNU_JAR


@pytest.fixture(scope="session")
def axe_js() -> Path:
    if not AXE_JS.exists():
        missing(f"no axe-core at {AXE_JS.relative_to(PROJECT)} (npm ci)")
    return AXE_JS
