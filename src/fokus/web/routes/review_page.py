"""The review page: run the review (editor+), poll until it is done, read it, and
download its files (viewer+)."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import FileResponse, RedirectResponse
from markupsafe import Markup

from fokus.report.html import chart_script
from fokus.web import audit
from fokus.web.access import Access, require
from fokus.web.context import Db, client_address, settings_of
from fokus.web.reviews import (
    DOWNLOADS,
    download_path,
    review_fragment,
    review_state,
    start_review,
)
from fokus.web.templating import render

router = APIRouter()
Viewer = Annotated[Access, Depends(require("viewer"))]
Editor = Annotated[Access, Depends(require("editor"))]


def _downloads(access: Access) -> list[tuple[str, str]]:
    return [
        (name, short)
        for name, (_type, short) in DOWNLOADS.items()
        if download_path(access.workspace_path, name) is not None
    ]


@router.get("/w/{slug}/review")
async def review_page(request: Request, access: Viewer) -> Response:
    """``async``: a few file checks and a fragment kept in memory (read again only
    when the review changes) are quicker on the event loop than in a thread."""
    fragment = review_fragment(access.workspace_path)
    return render(
        request,
        "review.html.j2",
        access=access,
        state=review_state(access.workspace_path),
        # Rendered by fokus.report from escaped templates (untrusted text escaped there).
        fragment=Markup(fragment) if fragment is not None else None,  # noqa: S704
        script=chart_script().name,
        css=review_css()[0],
        downloads=_downloads(access),
    )


@router.get("/w/{slug}/review/status")
async def review_status(request: Request, access: Viewer) -> Response:
    return render(
        request,
        "_review_status.html.j2",
        access=access,
        state=review_state(access.workspace_path),
    )


@router.post("/w/{slug}/review/run")
def run(request: Request, db: Db, access: Editor) -> Response:
    if start_review(access.workspace_path, settings_of(request).lock_wait_seconds):
        audit.record(
            db,
            "review_run",
            actor_id=access.user_id,
            actor_email=access.user_email,
            workspace_id=access.workspace_id,
            address=client_address(request),
        )
    return RedirectResponse(f"/w/{access.workspace_slug}/review", status_code=303)


def _download(access: Access, name: str) -> Response:
    path = download_path(access.workspace_path, name)
    if path is None:
        raise HTTPException(status_code=404)
    media_type, _short = DOWNLOADS[name]
    safe = f"{access.workspace_slug}-{name}"
    return FileResponse(
        path,
        media_type=media_type,
        filename=safe,
        content_disposition_type="attachment",
    )


@router.get("/w/{slug}/download/review.html")
def download_html(access: Viewer) -> Response:
    return _download(access, "review.html")


@router.get("/w/{slug}/download/review.pdf")
def download_pdf(access: Viewer) -> Response:
    return _download(access, "review.pdf")


@router.get("/w/{slug}/download/review.json")
def download_json(access: Viewer) -> Response:
    return _download(access, "review.json")


@router.get("/w/{slug}/download/review-tables.xlsx")
def download_tables(access: Viewer) -> Response:
    return _download(access, "review-tables.xlsx")


@router.get("/w/{slug}/download/review.pptx")
def download_deck(access: Viewer) -> Response:
    return _download(access, "review.pptx")


@cache
def review_css() -> tuple[str, bytes]:
    """The report's stylesheet for the review page, named by its hash."""
    text = (resources.files("fokus.report") / "templates" / "report.css").read_text(
        encoding="utf-8"
    )
    data = scoped_css(text).encode("utf-8")
    return f"fokus-review.{hashlib.sha256(data).hexdigest()[:16]}.css", data


def scoped_css(text: str) -> str:
    """The report's stylesheet nested under ``.fokus-review``, so it styles the
    review and not the app around it: its ``:root`` and ``body`` rules apply to the
    review's box, ``html`` is left out, and the chart tooltip (a child of the
    page's body) stays at the top level."""
    inner: list[str] = []
    outer: list[str] = []
    for line in text.splitlines():
        if line.startswith("#vg-tooltip-element"):
            outer.append(line)
        elif line.startswith("html {"):
            continue
        elif line.startswith((":root {", "body {")):
            inner.append("& {")
        else:
            inner.append(line)
    return "\n".join([*outer, ".fokus-review {", *inner, "}", ""])


@router.get("/assets/{name}")
def asset(name: str) -> Response:
    """The review's chart script and stylesheet, under names carrying their hash
    (cached for ever)."""
    script = chart_script()
    css_name, css = review_css()
    if name == script.name:
        data, media_type = script.data, script.content_type
    elif name == css_name:
        data, media_type = css, "text/css; charset=utf-8"
    else:
        raise HTTPException(status_code=404)
    return Response(
        data,
        media_type=media_type,
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )
