"""Every router of the web app, in one explicit tuple (registered in this order)."""

from __future__ import annotations

from fastapi import APIRouter

from fokus.web.routes import (
    account,
    admin,
    auth,
    registers,
    review_page,
    settings_form,
    uploads,
    workspaces,
)

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    account.router,
    workspaces.router,
    admin.router,
    uploads.router,
    registers.router,
    settings_form.router,
    review_page.router,
)
