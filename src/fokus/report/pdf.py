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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def html_to_pdf(html: str, refused: Callable[[str], None] | None = None) -> bytes:
    """``html`` as a PDF; every URL it names except ``data:`` is refused, and
    reported to ``refused`` when given."""
    weasyprint = _weasyprint()
    fetcher = _fetcher_class(weasyprint)(refused)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    pdf = document.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def _weasyprint() -> Any:  # WeasyPrint ships no type hints
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
