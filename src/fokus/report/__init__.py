"""Renderers: a finished ``Review`` as JSON for integrations and HTML for people.

Both go through ``blocks.build_document`` (translate once, keep values raw), then
format in their own way. The report knows results, never SQL or files on disk.
"""

from __future__ import annotations

from fokus.report.html import render_html
from fokus.report.json import (
    JSON_SCHEMA_VERSION,
    json_schema,
    render_json,
    review_to_dict,
)

__all__ = [
    "JSON_SCHEMA_VERSION",
    "json_schema",
    "render_html",
    "render_json",
    "review_to_dict",
]
