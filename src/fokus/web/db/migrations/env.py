"""Alembic's environment: run by ``fokus.web.db.engine.upgrade`` with an open
connection (``config.attributes["connection"]``); never reads an alembic.ini."""

from __future__ import annotations

from alembic import context

from fokus.web.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
