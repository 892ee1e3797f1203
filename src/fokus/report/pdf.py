"""The review as an A4 PDF for the board pack, made by WeasyPrint.

The PDF is the HTML report's print version (``render_html(..., for_print=True)``):
the same blocks, the same templates, the print stylesheet of
``fokus.report.printing``. Untrusted text is escaped by the template already; as a
second lock WeasyPrint gets a URL fetcher that refuses everything but ``data:``
URLs, so no file on disk and no address on the network is ever read, whatever
ended up in the page.

WeasyPrint needs Pango (a system library) at import time, so it is imported only
when a PDF is asked for, and a missing piece becomes a ``PdfUnavailableError``
that says what to install: the HTML and JSON do not depend on it.

WeasyPrint lays a page out in Python, on one core, and the PDF takes longer than
all the other report files together. ``PdfDrawing`` draws it in a process of its
own while the review writes the other files on the other core (``write_review``).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from types import TracebackType
from typing import Any, Self

from fokus.errors import FokusError
from fokus.model.results import Review
from fokus.report.html import render_html

ALLOWED_SCHEMES = ("data",)
"""The only URLs the PDF renderer may open: data the page itself carries."""


class PdfUnavailableError(FokusError):
    """WeasyPrint, or a system library it needs, is not installed."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "report.pdf.unavailable", "report.pdf.unavailable.hint", detail=detail
        )


class RefusedURLError(ValueError):
    """A URL the PDF renderer will not open (anything but ``data:``)."""


def render_pdf(review: Review, workspace: str) -> bytes:
    """The review as PDF bytes, in the review's language."""
    return html_to_pdf(render_html(review, workspace, for_print=True))


class PdfDrawing:
    """The review's PDF, drawn in a process of its own while the caller goes on;
    ``result`` waits for it.

    The second process is a fresh interpreter running ``fokus.report.pdf_process``
    (never a copy of this one, which holds DuckDB's threads). It is started first,
    so that it imports WeasyPrint while this process makes the print version of the
    HTML; the page goes to it on its standard input and the PDF comes back on its
    standard output, so nothing is written to disk. If that process cannot be
    started or fails (WeasyPrint missing, say), the PDF is drawn in this one
    instead, where a missing WeasyPrint is a ``PdfUnavailableError`` and any other
    error shows as it always did. Leaving the ``with`` block stops a drawing
    nobody waited for."""

    def __init__(self, review: Review, workspace: str) -> None:
        self._drawn: list[bytes] = []
        self._process: subprocess.Popen[bytes] | None = None
        # No interpreter to start (an embedded Python) or no process to be had:
        # the PDF is drawn here instead.
        if sys.executable:
            with suppress(OSError):
                # -P: the working folder is not put on the module path.
                self._process = subprocess.Popen(
                    [sys.executable, "-P", "-m", "fokus.report.pdf_process"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
        self._talk = threading.Thread(target=self._send_and_receive, daemon=True)
        try:
            self._html = render_html(review, workspace, for_print=True)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        if self._process is not None:
            self._talk.start()

    def _send_and_receive(self) -> None:
        assert self._process is not None
        # It ended early or was stopped: drawn here instead, if still wanted.
        with suppress(OSError, ValueError):
            out, _ = self._process.communicate(self._html.encode("utf-8"))
            if self._process.returncode == 0 and out.startswith(b"%PDF-"):
                self._drawn.append(out)

    def result(self) -> bytes:
        """The PDF's bytes, once drawn."""
        if self._process is not None:
            self._talk.join()
            if self._drawn:
                return self._drawn[0]
        return html_to_pdf(self._html)

    @property
    def drawn_aside(self) -> bool:
        """Whether the second process drew the PDF (known once ``result`` is)."""
        return bool(self._drawn)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        if self._talk.is_alive():
            self._talk.join()
        if self._process is not None:
            self._process.wait()


def html_to_pdf(html: str, refused: Callable[[str], None] | None = None) -> bytes:
    """``html`` as a PDF; every URL it names except ``data:`` is refused, and
    reported to ``refused`` when given."""
    weasyprint = weasyprint_module()
    fetcher = _fetcher_class(weasyprint)(refused)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def weasyprint_module() -> Any:  # WeasyPrint ships no type hints
    try:
        import weasyprint  # noqa: PLC0415 -- needs Pango; only when a PDF is asked for
    except (ImportError, OSError) as error:
        raise PdfUnavailableError(f"{type(error).__name__}: {error}") from error
    return weasyprint


def _fetcher_class(weasyprint: Any) -> Any:  # an untyped library
    """A WeasyPrint ``URLFetcher`` (it must be one: WeasyPrint 70 reads its
    private settings) that opens nothing but ``data:`` URLs."""
    base = weasyprint.urls.URLFetcher

    class DataOnlyFetcher(base):  # type: ignore[misc,valid-type]
        def __init__(self, refused: Callable[[str], None] | None) -> None:
            super().__init__(
                timeout=1,
                allowed_protocols=ALLOWED_SCHEMES,
                allow_redirects=False,
                fail_on_errors=False,
            )
            self._refused = refused

        def fetch(self, url: str, headers: object = None) -> Any:
            scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
            if scheme not in ALLOWED_SCHEMES:
                if self._refused is not None:
                    self._refused(url)
                raise RefusedURLError(url)
            return super().fetch(url, headers)

    return DataOnlyFetcher
