"""What the web app keeps between requests: static files under hashed names with
long cache headers, and the workspace summary per workspace state."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fokus.store import Store
from fokus.web.app import create_app
from fokus.web.settings import load_settings
from fokus.web.static_files import IMMUTABLE, static_folder
from fokus.web.summary import cached_summary, summary_key, workspace_summary
from fokus.workspace import init_workspace


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    environ = {"FOKUS_DATABASE_URL": f"sqlite:///{tmp_path / 'app.sqlite'}"}
    app = create_app(load_settings(tmp_path / "instance", environ))
    with TestClient(app) as started:
        yield started
    app.state.db.engine.dispose()


def digest(name: str) -> str:
    return hashlib.sha256((static_folder() / name).read_bytes()).hexdigest()[:16]


@pytest.mark.parametrize(("name", "stem", "suffix"), [
    ("fokus.css", "fokus", "css"), ("htmx.min.js", "htmx.min", "js"),
])  # fmt: skip
def test_pages_link_static_files_by_content_hash_cached_for_a_year(
    client: TestClient, name: str, stem: str, suffix: str
) -> None:
    hashed = f"/static/{stem}.{digest(name)}.{suffix}"
    page = client.get("/login").text
    assert f'"{hashed}"' in page
    assert f'"/static/{name}"' not in page
    answer = client.get(hashed)
    assert answer.status_code == 200
    assert answer.content == (static_folder() / name).read_bytes()
    assert answer.headers["cache-control"] == IMMUTABLE
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_the_plain_name_is_revalidated_and_a_wrong_digest_is_not_found(
    client: TestClient,
) -> None:
    plain = client.get("/static/fokus.css")
    assert plain.status_code == 200
    assert plain.headers["cache-control"] == "no-cache"
    again = client.get(
        "/static/fokus.css", headers={"if-none-match": plain.headers["etag"]}
    )
    assert again.status_code == 304
    for path in ("/static/fokus.0123456789abcdef.css", "/static/nothing.css"):
        missing = client.get(path)
        assert missing.status_code == 404
        assert "cache-control" not in missing.headers  # never kept for a year
    assert re.fullmatch(r"[0-9a-f]{16}", digest("fokus.css"))


def test_a_summary_is_kept_per_workspace_until_its_files_change(tmp_path: Path) -> None:
    north, south = tmp_path / "north", tmp_path / "south"
    init_workspace(north, "Nord", "nb")
    init_workspace(south, "Sør", "nb")
    first = cached_summary(north)
    assert cached_summary(north) is first
    assert [line.key for line in first.lines] == ["web.workspace.nothing_imported"]
    other = cached_summary(south)
    assert other is not first
    day = dt.date(2026, 1, 1)
    assert summary_key(north, day)[:2] == (str(north.absolute()), day)
    assert summary_key(north, day) != summary_key(south, day)
    assert summary_key(north, day) != summary_key(north, day + dt.timedelta(days=1))
    settings = north / "fokus.toml"
    settings.write_text(settings.read_text() + "\n# changed\n")
    changed = cached_summary(north)
    assert changed is not first
    assert cached_summary(north) is changed
    assert cached_summary(south) is other


def test_a_problem_is_shown_but_never_kept(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    init_workspace(folder, "Nord", "nb")
    good = (folder / "fokus.toml").read_text()
    (folder / "fokus.toml").write_text("this is = = not toml")
    broken = cached_summary(folder)
    assert broken.problem is not None
    assert broken.lines == ()
    assert cached_summary(folder) is not broken
    (folder / "fokus.toml").write_text(good)
    fixed = cached_summary(folder)
    assert fixed.problem is None
    assert [line.key for line in fixed.lines] == ["web.workspace.nothing_imported"]


def test_a_summary_is_read_while_an_upload_writes_in_the_same_process(
    tmp_path: Path,
) -> None:
    """An upload holds the database open for writing while a dashboard asks for the
    summary (and the other way round): neither refuses the other."""
    folder = tmp_path / "north"
    workspace = init_workspace(folder, "Nord", "nb")
    Store.open(workspace.database_path).close()
    with Store.open(workspace.database_path):
        summary = workspace_summary(folder, dt.date(2026, 1, 1))
    assert summary.problem is None
    assert [line.key for line in summary.lines] == [
        "finding.coverage.no_data",
        "finding.coverage.registers_empty",
    ]
