"""The settings form: organisation, language, time zone, channels, goals and KPIs.

Lists are indexed fields (``channels-0-platform``, ``goals-1-kpis-0-target``); the
form always offers one empty channel, goal and KPI to add, and a row left without
its name (account, goal key, metric) is dropped, which is how one is removed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from fokus.config import (
    CHANNEL_PLATFORMS,
    CHANNEL_ROLES,
    KPI_PERIODS,
    ChannelConfig,
    GoalConfig,
    KpiConfig,
)
from fokus.editing.settings import (
    Settings,
    SettingsMessage,
    read_settings,
    write_settings,
)
from fokus.errors import FokusError
from fokus.i18n import parse_language, translate
from fokus.web import audit
from fokus.web.access import Access, require
from fokus.web.context import Db, client_address, language_of
from fokus.web.templating import render
from fokus.workspace import open_workspace

router = APIRouter()
Editor = Annotated[Access, Depends(require("editor"))]
Form = Mapping[str, str]
ROLE_LABELS = {
    "main": "web.pages.settings.role.main",
    "support": "web.pages.settings.role.support",
    "other": "web.pages.settings.role.other",
    "shelved": "web.pages.settings.role.shelved",
}
PERIOD_LABELS = {
    "year": "web.pages.settings.period.year",
    "12_months": "web.pages.settings.period.12_months",
    "range": "web.pages.settings.period.range",
}


@router.get("/w/{slug}/settings")
def settings_page(request: Request, access: Editor, saved: str = "") -> Response:
    workspace = open_workspace(access.workspace_path)
    return _page(request, access, read_settings(workspace), (), saved=saved == "1")


def _page(
    request: Request,
    access: Access,
    settings: Settings,
    messages: tuple[SettingsMessage, ...],
    *,
    saved: bool = False,
    status: int = 200,
) -> Response:
    return render(
        request,
        "settings.html.j2",
        status,
        access=access,
        settings=settings,
        messages=messages,
        saved=saved,
        platforms=CHANNEL_PLATFORMS,
        channel_roles=[(r, ROLE_LABELS[r]) for r in CHANNEL_ROLES],
        periods=[(p, PERIOD_LABELS[p]) for p in KPI_PERIODS],
    )


@router.post("/w/{slug}/settings")
async def save_settings(request: Request, db: Db, access: Editor) -> Response:
    raw = await request.form()
    form = {k: v.strip() for k, v in raw.items() if isinstance(v, str)}
    workspace = open_workspace(access.workspace_path)
    shown = language_of(request)
    try:
        settings = parse_settings(form, read_settings(workspace))
    except FokusError as error:
        message = SettingsMessage(
            str(error.params.get("field", "")) or None,
            error.message_key,
            translate(error.message_key, shown, **error.params),
            translate(error.hint_key, shown, **error.params),
        )
        return _page(request, access, read_settings(workspace), (message,), status=400)
    result = write_settings(workspace, settings, language=shown)
    if not result.saved:
        return _page(request, access, settings, result.messages, status=400)
    audit.record(
        db,
        "settings_changed",
        actor_id=access.user_id,
        actor_email=access.user_email,
        workspace_id=access.workspace_id,
        address=client_address(request),
    )
    return RedirectResponse(
        f"/w/{access.workspace_slug}/settings?saved=1", status_code=303
    )


def parse_settings(form: Form, old: Settings) -> Settings:
    """The settings a submitted form holds (unparsable values raise FokusError)."""
    language = parse_language(form.get("language", "")) or old.language
    return Settings(
        organisation=form.get("organisation", ""),
        language=language,
        timezone=form.get("timezone", "") or old.timezone,
        channels=tuple(_channels(form)),
        goals=tuple(_goals(form)),
    )


def _indexes(form: Form, prefix: str) -> list[int]:
    found: set[int] = set()
    for key in form:
        if key.startswith(prefix):
            number = key[len(prefix) :].split("-", 1)[0]
            if number.isdigit() and len(number) < 4:
                found.add(int(number))
    return sorted(found)


def _channels(form: Form) -> list[ChannelConfig]:
    found = []
    for i in _indexes(form, "channels-"):
        get = _getter(form, f"channels-{i}-")
        if not get("account"):
            continue
        found.append(
            ChannelConfig(
                platform=get("platform"),  # type: ignore[arg-type] # checked by load_config
                account=get("account"),
                role=get("role") or "main",  # type: ignore[arg-type] # checked likewise
                posts_per_week_planned=_number(get("posts"), f"channels[{i}]"),
            )
        )
    return found


def _goals(form: Form) -> list[GoalConfig]:
    found = []
    for i in _indexes(form, "goals-"):
        get = _getter(form, f"goals-{i}-")
        if not get("key"):
            continue
        kpis = []
        for j in _indexes(form, f"goals-{i}-kpis-"):
            kpi = _getter(form, f"goals-{i}-kpis-{j}-")
            if not kpi("metric"):
                continue
            kpis.append(
                KpiConfig(
                    metric=kpi("metric"),
                    platform=kpi("platform") or None,  # type: ignore[arg-type] # checked by load_config
                    target=_number(kpi("target"), f"goals[{i}].kpis[{j}].target"),
                    deadline=_date(kpi("deadline"), f"goals[{i}].kpis[{j}].deadline"),
                    text=kpi("text"),
                    period=kpi("period") or "year",  # type: ignore[arg-type] # checked by load_config
                    start=_date(kpi("start"), f"goals[{i}].kpis[{j}].start"),
                )
            )
        priority = _number(get("priority"), f"goals[{i}].priority")
        found.append(
            GoalConfig(
                key=get("key"),
                text=get("text"),
                serves=get("serves"),
                priority=int(priority) if priority is not None else i + 1,
                kpis=tuple(kpis),
            )
        )
    return found


def _getter(form: Form, prefix: str) -> Callable[[str], str]:
    def get(name: str) -> str:
        return form.get(prefix + name, "")

    return get


def _number(text: str, field: str) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        raise FokusError(
            "web.pages.settings.bad_number",
            "web.pages.settings.bad_number.hint",
            field=field,
            value=text,
        ) from None


def _date(text: str, field: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FokusError(
            "web.pages.settings.bad_date",
            "web.pages.settings.bad_date.hint",
            field=field,
            value=text,
        ) from None
