"""Renderers: a finished ``Review`` as JSON for integrations, HTML for people and
PDF (the HTML's print version) for the board pack.

Both go through ``blocks.build_document`` (translate once, keep values raw), then
format in their own way. The report knows results, never SQL or files on disk.
"""

from __future__ import annotations

from fokus.report.html import chart_script, render_fragment, render_html
from fokus.report.json import (
    JSON_SCHEMA_VERSION,
    json_schema,
    render_json,
    review_to_dict,
)
from fokus.report.pdf import render_pdf

__all__ = [
    "JSON_SCHEMA_VERSION",
    "chart_script",
    "json_schema",
    "render_fragment",
    "render_html",
    "render_json",
    "render_pdf",
    "review_to_dict",
]
