"""The server behind ``publish preview``: HTTP on 127.0.0.1 only, server-sent events that tell open pages to
reload, and watchfiles threads that re-read the book when the manuscript, translations, publish.yaml or
publish's own templates and stylesheets change.

Only what ``PreviewSite.respond`` knows is served (the pages, the CSS, the images the book links): a request
for any other path, ``/../../etc/passwd`` included, is a 404, so nothing outside the book is ever read.
A request whose Host is not this server (a web page re-pointing a DNS name at 127.0.0.1) is refused.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import ExitCode, PublishError
from .preview import EVENTS, PreviewSite

HOST = "127.0.0.1"
KEEPALIVE_SECONDS = 15.0


class PreviewServer(ThreadingHTTPServer):
    """One site, many browser connections (each event stream holds a thread until the page goes away)."""

    daemon_threads = True

    def __init__(self, site: PreviewSite, port: int) -> None:
        self.site = site
        self.stopping = threading.Event()
        super().__init__((HOST, port), _Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if not self._host_is_ours():
            self._send(403, "text/plain; charset=utf-8", b"this server answers only to 127.0.0.1\n")
            return
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS:
            self._events()
            return
        response = self.server.site.respond(path)
        self._send(response.status, response.media_type, response.body)

    def _host_is_ours(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in (HOST, "localhost")

    def _send(self, status: int, media_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Send the site's version now and whenever it changes, until the page or the server goes away."""
        site, stopping = self.server.site, self.server.stopping
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent = -1
        try:
            while not stopping.is_set():
                with site.changed:
                    site.changed.wait_for(lambda: site.version != sent or stopping.is_set(), KEEPALIVE_SECONDS)
                    version = site.version
                self.wfile.write(f"data: {version}\n\n".encode() if version != sent else b": still here\n\n")
                self.wfile.flush()
                sent = version
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's signature)
        """Quiet: a preview prints its address and its errors, not every request."""


def open_server(site: PreviewSite, port: int) -> PreviewServer:
    """Listen on 127.0.0.1:``port`` (0: any free port), or a usage error saying why not."""
    try:
        return PreviewServer(site, port)
    except OSError as exc:
        why = "it is in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
        raise PublishError(f"cannot listen on {HOST}:{port}: {why}", exit_code=ExitCode.USAGE,
                           hint="pass another --port (0 picks a free one).") from None


def watch_paths(root: Path) -> tuple[list[Path], Path]:
    """The folders watched recursively (manuscript, translations, publish's templates), and the project root,
    watched on its own for publish.yaml (an editor that saves by renaming would escape a watch on the file)."""
    templates = Path(str(files("publish").joinpath("templates")))
    folders = [p for p in (root / "manuscript", root / "translations", templates) if p.is_dir()]
    return folders, root


def start_watching(site: PreviewSite, stop: threading.Event, on_reload: Callable[[], None] | None = None) -> None:
    """Two watcher threads (folders, and publish.yaml in the root); each batch of changes re-reads the book once."""
    from watchfiles import DefaultFilter, watch

    folders, root = watch_paths(site.root)
    lock = threading.Lock()

    def follow(paths: list[Path], recursive: bool, keep: Callable[[str], bool]) -> None:
        for changes in watch(*paths, watch_filter=lambda _change, path: keep(path), recursive=recursive,
                             debounce=400, step=20, stop_event=stop, rust_timeout=500, yield_on_timeout=False):
            with lock:
                try:
                    site.reload({Path(path) for _, path in changes})
                except Exception as exc:  # a bug must not end the watching: show it, keep the last good book
                    site.fail(f"internal error: {type(exc).__name__}: {exc}. Hint: the preview keeps the last good "
                              "book; report this (PUBLISH_DEBUG=1 publish build shows a traceback).")
            if on_reload:
                on_reload()

    default = DefaultFilter()

    def in_folders(path: str) -> bool:
        return default(None, path) and not Path(path).name.startswith(".")  # type: ignore[arg-type]

    def is_config(path: str) -> bool:
        return Path(path).name in ("publish.yaml", "translations")

    for paths, recursive, keep in ((folders, True, in_folders), ([root], False, is_config)):
        if paths:
            threading.Thread(target=follow, args=(paths, recursive, keep), daemon=True,
                             name="publish-preview-watch").start()


def serve(root: Path, spec: str, port: int, ready: Callable[[str], None]) -> None:
    """Serve until interrupted; ``ready(url)`` is called once the server listens and the book was read."""
    site = PreviewSite(root.resolve(), spec)
    site.reload()
    server = open_server(site, port)
    stop = threading.Event()
    start_watching(site, stop)
    ready(server.url)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.stopping.set()
        with site.changed:
            site.changed.notify_all()
        server.server_close()
