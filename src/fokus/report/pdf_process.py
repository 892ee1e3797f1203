"""The second process that draws a review's PDF (``fokus.report.pdf.PdfDrawing``):
the print version of the HTML on standard input, the PDF on standard output.

It imports WeasyPrint before it reads the page, while the first process is still
making it. Without WeasyPrint it ends with an error, and the first process draws
the PDF itself, where the error becomes the message the user sees."""

from __future__ import annotations

import sys

from fokus.report.pdf import html_to_pdf, weasyprint_module


def main() -> None:
    weasyprint_module()
    html = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(html_to_pdf(html))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
