"""Uploading exports and the import history of a workspace."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from fokus.errors import FokusError
from fokus.ingest.upload_report import FileReport, describe_upload
from fokus.ingest.uploads import (
    UploadResult,
    busy,
    import_history,
    receive_upload,
)
from fokus.store.lock import awaited_workspace_lock
from fokus.web import audit
from fokus.web.access import Access, require
from fokus.web.context import Db, client_address, language_of, settings_of
from fokus.web.settings import Settings
from fokus.web.templating import render
from fokus.workspace import Workspace, open_workspace

router = APIRouter()
Viewer = Annotated[Access, Depends(require("viewer"))]
Editor = Annotated[Access, Depends(require("editor"))]


@router.get("/w/{slug}/upload")
def upload_page(request: Request, access: Editor) -> Response:
    return _page(request, access, ())


@router.post("/w/{slug}/upload")
async def upload(request: Request, db: Db, access: Editor) -> Response:
    form = await request.form(max_files=100)
    try:
        files = [f for f in form.getlist("files") if isinstance(f, StarletteUpload)]
        received = await _receive(access, files, settings_of(request))
    finally:
        await form.close()
    language = language_of(request)
    reports: list[FileReport] = []
    for name, result in received:
        reports.extend(describe_upload(result, language))
        audit.record(
            db,
            "upload",
            actor_id=access.user_id,
            actor_email=access.user_email,
            workspace_id=access.workspace_id,
            address=client_address(request),
            detail=f"{result.stored_name or name[:120]} {result.status}"
            f" {result.rows_imported}",
        )
    if request.headers.get("hx-request"):
        return render(request, "_upload_results.html.j2", reports=tuple(reports))
    return _page(request, access, tuple(reports))


async def _receive(
    access: Access, files: Sequence[StarletteUpload], settings: Settings
) -> list[tuple[str, UploadResult]]:
    """Store and import each file, holding the workspace's lock (the same one
    ``fokus import`` and a review take, so web and command line take turns).

    The lock is waited for on the event loop, holding no worker thread, so uploads
    queued behind a long review leave the threads to every other page; the import
    itself runs in a worker thread. After ``lock_wait_seconds`` every file is
    refused as busy."""
    wait = settings.lock_wait_seconds
    workspace = open_workspace(access.workspace_path)
    try:
        async with awaited_workspace_lock(access.workspace_path, wait=wait):
            return await run_in_threadpool(
                _receive_all, workspace, access, files, settings.max_upload_mb << 20
            )
    except FokusError as error:
        if error.message_key != "store.busy":
            raise
        return [(f.filename, busy(f.filename, wait)) for f in files if f.filename]


def _receive_all(
    workspace: Workspace,
    access: Access,
    files: Sequence[StarletteUpload],
    limit: int,
) -> list[tuple[str, UploadResult]]:
    received: list[tuple[str, UploadResult]] = []
    for sent in files:
        if sent.filename:
            result = receive_upload(
                workspace,
                sent.filename,
                sent.file,
                max_bytes=limit,
                uploaded_by=access.user_email,
            )
            received.append((sent.filename, result))
    return received


def _page(
    request: Request, access: Access, reports: tuple[FileReport, ...]
) -> Response:
    return render(
        request,
        "upload.html.j2",
        access=access,
        reports=reports,
        limit=settings_of(request).max_upload_mb,
    )


@router.get("/w/{slug}/imports")
def history(request: Request, access: Viewer) -> Response:
    workspace = open_workspace(access.workspace_path)
    return render(
        request,
        "imports.html.j2",
        access=access,
        entries=import_history(workspace),
    )
