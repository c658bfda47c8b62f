"""What the build's fork server loads before it forks any worker (render_pool: the ``forkserver`` start method
with this module as its preload). Imported there only.

The server is a fresh interpreter, started when a build may lay out a PDF. It imports WeasyPrint and lays out a
line (fonts looked up once), so every worker forked from it, and every fresh one that replaces a worker, starts
ready and as small as this. It holds SIGINT and SIGTERM: a worker forked from it gets them only once it has set
its own handlers (``render_pool._worker_start``); the server itself ignores Ctrl-C and ends when the build does.
"""

from __future__ import annotations

import signal

from .render_pool import STOP_SIGNALS
from .writers import pdf_parts, pdf_render


def _warm_up() -> None:
    """Import WeasyPrint (about 0.6 s) and lay out a line, so the fonts are found before the first part comes."""
    import weasyprint

    html = '<p style="font-family: serif">Warm <i>up</i> <b>once</b></p>'
    weasyprint.HTML(string=html).render(font_config=pdf_render._font_config()).write_pdf()


signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
assert pdf_parts.render_part is not None  # the workers' task code, loaded once here
try:
    _warm_up()
except Exception:  # noqa: BLE001 - a broken WeasyPrint install: each worker meets it again, where it is reported
    pass
