"""The register editors: a table per register with add, edit and delete.

Each form works as a plain full-page form; with htmx the page swaps only the
register's part (``hx-select``), so both paths share one route and one template.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from fokus.editing.register_form import form_fields
from fokus.editing.register_rows import (
    EditResult,
    FieldMessage,
    add_row,
    delete_row,
    rows,
    update_row,
)
from fokus.registers.templates import REGISTER_KEYS, RegisterKey
from fokus.web import audit
from fokus.web.access import Access, require
from fokus.web.context import Db, client_address, language_of
from fokus.web.templating import render
from fokus.workspace import open_workspace

router = APIRouter()
Editor = Annotated[Access, Depends(require("editor"))]
TITLES: Mapping[RegisterKey, str] = {
    "access": "web.pages.register.access",
    "ai_tools": "web.pages.register.ai_tools",
    "time_use": "web.pages.register.time_use",
    "profiles": "web.pages.register.profiles",
    "experiments": "web.pages.register.experiments",
}


def _register(name: str) -> RegisterKey:
    for key in REGISTER_KEYS:
        if key == name:
            return key
    raise HTTPException(status_code=404)


@router.get("/w/{slug}/registers")
def register_list(request: Request, access: Editor) -> Response:
    workspace = open_workspace(access.workspace_path)
    counts = [
        (key, TITLES[key], len(rows(workspace, key).rows)) for key in REGISTER_KEYS
    ]
    return render(request, "registers.html.j2", access=access, counts=counts)


@router.get("/w/{slug}/registers/{register}")
def register_page(
    request: Request, access: Editor, register: str, edit: str = ""
) -> Response:
    return _page(request, access, _register(register), editing=edit or None)


def _page(
    request: Request,
    access: Access,
    key: RegisterKey,
    *,
    editing: str | None = None,
    values: Mapping[str, str] | None = None,
    messages: tuple[FieldMessage, ...] = (),
    status: int = 200,
) -> Response:
    workspace = open_workspace(access.workspace_path)
    table = rows(workspace, key)
    fields = form_fields(key, language_of(request))
    editable = table.file is None or table.file.endswith(".csv")
    if editing is not None and values is None:
        found = [row for row in table.rows if row.row_id == editing]
        if not found:
            editing = None
        else:
            values = found[0].values
    if request.headers.get("hx-request"):
        status = 200  # htmx swaps only 2xx answers: the messages are in the page
    return render(
        request,
        "register.html.j2",
        status,
        access=access,
        key=key,
        title=TITLES[key],
        table=table,
        fields=fields,
        editable=editable,
        editing=editing,
        values=values or {},
        field_messages={m.column: m.text for m in messages if m.column},
        row_messages=tuple(m.text for m in messages if not m.column),
    )


async def _values(request: Request, key: RegisterKey) -> dict[str, str]:
    form = await request.form()
    keys = {field.key for field in form_fields(key, "en")}
    return {k: v.strip() for k, v in form.items() if k in keys and isinstance(v, str)}


def _done(
    request: Request, db: Db, access: Access, key: RegisterKey, what: str
) -> Response:
    audit.record(
        db,
        "register_edited",
        actor_id=access.user_id,
        actor_email=access.user_email,
        workspace_id=access.workspace_id,
        address=client_address(request),
        detail=f"{key} {what}",
    )
    return RedirectResponse(
        f"/w/{access.workspace_slug}/registers/{key}", status_code=303
    )


def _answer(
    request: Request,
    db: Db,
    access: Access,
    key: RegisterKey,
    result: EditResult,
    *,
    what: str,
    editing: str | None,
    values: Mapping[str, str],
) -> Response:
    if result.saved:
        return _done(request, db, access, key, what)
    return _page(
        request, access, key, editing=editing, values=values,
        messages=result.messages, status=400,
    )  # fmt: skip


@router.post("/w/{slug}/registers/{register}/rows")
async def add(request: Request, db: Db, access: Editor, register: str) -> Response:
    key = _register(register)
    values = await _values(request, key)
    workspace = open_workspace(access.workspace_path)
    result = add_row(workspace, key, values, language=language_of(request))
    return _answer(
        request, db, access, key, result, what="added", editing=None, values=values
    )


@router.post("/w/{slug}/registers/{register}/rows/{row_id}")
async def change(
    request: Request, db: Db, access: Editor, register: str, row_id: str
) -> Response:
    key = _register(register)
    values = await _values(request, key)
    workspace = open_workspace(access.workspace_path)
    if row_id not in {row.row_id for row in rows(workspace, key).rows}:
        raise HTTPException(status_code=404)
    result = update_row(workspace, key, row_id, values, language=language_of(request))
    return _answer(
        request, db, access, key, result, what="changed", editing=row_id, values=values
    )


@router.post("/w/{slug}/registers/{register}/rows/{row_id}/delete")
def delete(
    request: Request, db: Db, access: Editor, register: str, row_id: str
) -> Response:
    key = _register(register)
    workspace = open_workspace(access.workspace_path)
    if row_id not in {row.row_id for row in rows(workspace, key).rows}:
        raise HTTPException(status_code=404)
    delete_row(workspace, key, row_id)
    return _done(request, db, access, key, "deleted")
