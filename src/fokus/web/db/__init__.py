"""The web app's own state in SQLAlchemy (SQLite by default, PostgreSQL by URL)."""

from fokus.web.db.engine import Database, open_database
from fokus.web.db.models import (
    AuditEvent,
    Base,
    LoginFailure,
    Membership,
    OneTimeLink,
    RecoveryCode,
    SessionRow,
    Setting,
    User,
    WorkspaceRow,
)

__all__ = [
    "AuditEvent",
    "Base",
    "Database",
    "LoginFailure",
    "Membership",
    "OneTimeLink",
    "RecoveryCode",
    "SessionRow",
    "Setting",
    "User",
    "WorkspaceRow",
    "open_database",
]
