"""An expired session signs no one in, and the next sign-in clears it away."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from webflow import Web, log_in, make_owner

from fokus.web.db import SessionRow


def _sessions(web: Web, now: dt.datetime) -> tuple[int, int]:
    """(live, expired) session rows."""
    with web.app.state.db.sessions() as db:
        expired = db.scalar(select(func.count()).where(SessionRow.expires_at <= now))
        total = db.scalar(select(func.count()).select_from(SessionRow))
    assert total is not None and expired is not None
    return total - expired, expired


def test_an_expired_session_is_refused_and_removed_at_the_next_sign_in(
    web: Web,
) -> None:
    owner = make_owner(web)
    assert web.client.get("/workspaces", follow_redirects=False).status_code == 200
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    with web.app.state.db.sessions() as db:
        db.execute(update(SessionRow).values(expires_at=past))
        # A session of another browser, long gone: no cookie will ever end it.
        user_id = db.scalars(select(SessionRow.user_id)).one()
        db.add(
            SessionRow(
                token_hash="0" * 64,
                user_id=user_id,
                stage="full",
                created_at=past - dt.timedelta(hours=12),
                expires_at=past,
            )
        )
        db.commit()
    now = dt.datetime.now(dt.UTC)
    assert _sessions(web, now) == (0, 2)

    answer = web.client.get("/workspaces", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")
    assert _sessions(web, now) == (0, 2)  # refused, not written on a page view

    log_in(web, owner.email, owner.secret, steps_ahead=1)
    assert _sessions(web, dt.datetime.now(dt.UTC)) == (1, 0)
    assert web.client.get("/workspaces", follow_redirects=False).status_code == 200
