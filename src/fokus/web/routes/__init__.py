"""Every router of the web app, in one explicit tuple (registered in this order)."""

from __future__ import annotations

from fastapi import APIRouter

from fokus.web.routes import account, admin, auth, workspaces

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    account.router,
    workspaces.router,
    admin.router,
)
