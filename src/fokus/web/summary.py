"""A workspace's summary for its home page: ``fokus status``'s core call (the coverage
section over the stored data) and the last import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fokus.errors import FokusError
from fokus.store import Store
from fokus.workspace import open_workspace


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Summary:
    lines: tuple[Line, ...]
    last_import: str | None = None
    last_import_day: dt.date | None = None
    problem: FokusError | None = None


def workspace_summary(path: Path, today: dt.date | None = None) -> Summary:
    """What is stored in the workspace at ``path``; a problem (a broken fokus.toml,
    a locked database) is returned to be shown, not raised."""
    # Imported here: ibis takes a quarter of a second to load (as in `fokus status`).
    from fokus.analyses.base import ReviewContext  # noqa: PLC0415
    from fokus.analyses.coverage import Coverage  # noqa: PLC0415
    from fokus.review import review_data  # noqa: PLC0415

    try:
        workspace = open_workspace(path)
        if not workspace.database_path.exists():
            return Summary(lines=(Line("web.workspace.nothing_imported"),))
        with Store.open(workspace.database_path, read_only=True) as store:
            records = store.imports()
            result = Coverage().run(
                review_data(store),
                ReviewContext(workspace.config, today or dt.date.today()),
            )
    except FokusError as error:
        return Summary(lines=(), problem=error)
    last = records[-1] if records else None
    return Summary(
        lines=tuple(Line(finding.key, finding.params) for finding in result.findings),
        last_import=last.file_name if last else None,
        last_import_day=last.imported_at.astimezone(dt.UTC).date() if last else None,
    )
