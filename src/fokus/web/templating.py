"""Jinja2 pages: autoescaped, in the reader's language, with the CSRF token.

Untrusted text is escaped, and its bidi and control characters are shown as
U+FFFD, so a name cannot reorder or hide what follows it (docs/reliability.md,
"Hostile input").

Every page extends ``base.html.j2`` (blocks ``title`` and ``content``) and gets
``t(key, **params)`` for translated text, ``csrf_input()`` for forms, ``csrf_token``
(set on ``<body hx-headers>`` so htmx requests carry it), ``static_url(name)`` (a static file's hashed address), ``lang``, ``user`` and
``relaxed_2fa`` (the warning banner).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from fokus.i18n import LANGUAGES, translate
from fokus.report.plain import visible_text
from fokus.web.context import language_of, settings_of
from fokus.web.security import csrf
from fokus.web.static_files import static_url


def _visible(value: object) -> object:
    """Every ``{{ … }}`` before escaping: bidi and control characters in a name,
    a file name or a register cell shown as U+FFFD, as in the report
    (``fokus.report.plain``); our own Markup passes untouched."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible_text(value)
    return value


ENVIRONMENT = Environment(
    loader=PackageLoader("fokus.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    finalize=_visible,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # the templates ship with the package: no stat per page
)
ENVIRONMENT.globals["static_url"] = static_url


def page_csrf_token(request: Request) -> str:
    cookie: str = request.state.csrf_cookie
    return csrf.page_token(settings_of(request).secret_key, cookie)


def render(
    request: Request, template: str, status_code: int = 200, **values: Any
) -> HTMLResponse:
    language = language_of(request)
    token = page_csrf_token(request)

    def t(key: str, **params: object) -> str:
        return translate(key, language, **params)

    def csrf_input() -> Markup:
        return Markup('<input type="hidden" name="{}" value="{}">').format(
            csrf.FIELD, escape(token)
        )

    html = ENVIRONMENT.get_template(template).render(
        t=t,
        csrf_input=csrf_input,
        csrf_token=token,
        hx_headers=json.dumps({csrf.HEADER: token}),
        lang=language,
        languages=LANGUAGES,
        user=getattr(request.state, "user", None),
        relaxed_2fa=not settings_of(request).require_2fa,
        path=request.url.path,
        **values,
    )
    return HTMLResponse(html, status_code=status_code)
