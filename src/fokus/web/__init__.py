"""The web app: a browser workspace over the same workspace folders the CLI uses.

``fokus.web.app.create_app(settings)`` builds the FastAPI application; ``fokus serve``
runs it with uvicorn. App state (users, workspaces, memberships, sessions, one-time
links, the audit log) lives in SQLAlchemy (``fokus.web.db``), migrated with Alembic
at start. Workspace data stays in the workspace folders. See docs/web.md.
"""
