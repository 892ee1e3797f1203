"""The workspace pages through the real app (TestClient, SQLite and PostgreSQL):
upload, import history, register editors, settings, the review and its downloads."""

from __future__ import annotations

import csv
import datetime as dt
import re
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from webflow import Web, accept, enrol, invite, log_in, make_owner

from fokus.demo import write_demo_exports
from fokus.web.db import AuditEvent
from hostile import HOSTILE as SET

ROW_ID = re.compile(r'<tr id="row-([^"]+)">')
HOSTILE = SET["img_onerror"] + " & <b>bold</b>"


@pytest.fixture(scope="module")
def demo_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-exports")
    write_demo_exports(folder)
    return folder


def _owner_with_workspace(web: Web) -> str:
    make_owner(web)
    web.post("/workspaces", {"name": "Kystlaget"}, page="/workspaces")
    return "/w/kystlaget"


def _upload(web: Web, base: str, *paths: Path, htmx: bool = False):  # type: ignore[no-untyped-def]
    token = web.token(f"{base}/upload")
    files = [
        ("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths
    ]
    return web.client.post(
        f"{base}/upload",
        data={"csrf_token": token},
        files=files,
        headers={"HX-Request": "true"} if htmx else {},
    )


def _audit_kinds(web: Web) -> list[str]:
    with web.app.state.db.sessions() as db:
        return list(db.scalars(select(AuditEvent.kind).order_by(AuditEvent.id)).all())


def _tweets(folder: Path) -> Path:
    return next((folder / "x").glob("tweet_activity_metrics_*.csv"))


def test_an_upload_imports_the_demo_export_and_the_history_shows_it(
    web: Web, demo_exports: Path
) -> None:
    base = _owner_with_workspace(web)
    tweets = _tweets(demo_exports)
    with tweets.open(encoding="utf-8", newline="") as handle:
        rows = len(list(csv.DictReader(handle)))
    answer = _upload(web, base, tweets)
    assert answer.status_code == 200
    assert f"{rows} rader importert" in answer.text
    assert "Gjenkjent som" in answer.text
    stored = web.root / "kystlaget" / "exports" / tweets.name
    assert stored.read_bytes() == tweets.read_bytes()
    again = _upload(web, base, tweets, htmx=True)
    assert "<html" not in again.text  # the htmx answer is the result alone
    assert "importert fra før" in again.text or "allerede" in again.text
    history = web.client.get(f"{base}/imports")
    assert history.status_code == 200
    assert tweets.name in history.text
    assert "owner@example.org" in history.text
    assert f'<td class="num">{rows}</td>' in history.text
    assert _audit_kinds(web).count("upload") == 2


def test_an_upload_that_is_no_export_is_refused_in_plain_words(
    web: Web, tmp_path: Path
) -> None:
    base = _owner_with_workspace(web)
    odd = tmp_path / "notes.csv"
    odd.write_text("hello,world\n1,2\n", encoding="utf-8")
    answer = _upload(web, base, odd)
    assert answer.status_code == 200
    assert 'class="file-result refused"' in answer.text
    assert not (web.root / "kystlaget" / "exports" / "notes.csv").exists()


def test_hostile_captions_are_shown_escaped(
    web: Web, demo_exports: Path, tmp_path: Path
) -> None:
    base = _owner_with_workspace(web)
    source = _tweets(demo_exports)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    rows[0]["Tweet text"] = HOSTILE
    hostile = tmp_path / f"{HOSTILE[:4]}{source.name}"
    with hostile.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(rows)
    answer = _upload(web, base, hostile)
    assert "rader importert" in answer.text
    pages = [answer.text, web.client.get(f"{base}/imports").text]
    _run_review(web, base)
    pages.append(web.client.get(f"{base}/review").text)
    for page in pages:
        assert "<img src=x" not in page
    assert "&lt;img" in pages[0]  # the file name, escaped


def _run_review(web: Web, base: str) -> None:
    started = web.post(f"{base}/review/run", page=f"{base}/review")
    assert started.status_code == 303
    deadline = time.monotonic() + 180
    while (
        "review-status" in (status := web.client.get(f"{base}/review/status").text)
        and "every 2s" in status
    ):
        assert time.monotonic() < deadline
        time.sleep(0.5)


def test_the_review_runs_shows_its_sections_and_offers_the_downloads(
    web: Web, demo_exports: Path
) -> None:
    base = _owner_with_workspace(web)
    before = web.client.get(f"{base}/review")
    assert 'id="no-review"' in before.text
    assert web.client.get(f"{base}/download/review.pdf").status_code == 404
    _upload(web, base, *sorted((demo_exports / "x").glob("*.csv")))
    _run_review(web, base)
    page = web.client.get(f"{base}/review")
    assert page.status_code == 200
    assert 'class="fokus-review"' in page.text
    assert 'id="downloads"' in page.text
    script = page.text.split('<script src="/assets/')[1].split('"')[0]
    asset = web.client.get(f"/assets/{script}")
    assert asset.status_code == 200 and b"vega" in asset.content[:100_000].lower()
    assert "immutable" in asset.headers["cache-control"]
    for name, start in (
        ("review.pdf", b"%PDF"),
        ("review.json", b"{"),
        ("review.html", b"<!doctype html"),
    ):
        got = web.client.get(f"{base}/download/{name}")
        assert got.status_code == 200, name
        assert got.content.lower().startswith(start.lower()), name
        assert (
            got.headers["content-disposition"]
            == f'attachment; filename="kystlaget-{name}"'
        )
    assert "review_run" in _audit_kinds(web)


def _access_rows(web: Web) -> list[list[str]]:
    path = web.root / "kystlaget" / "registers" / "access.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    return [row for row in csv.reader(text.splitlines(), delimiter=delimiter) if row]


ROW = {
    "person": "Ola <b>Nordmann</b>",
    "platform": "Facebook",
    "asset": "Kystlaget Nord",
    "role": "redaktør",
    "last_active": "2026-03-25",
}


def test_a_register_row_is_added_changed_and_deleted_and_a_bad_row_refused(
    web: Web,
) -> None:
    base = _owner_with_workspace(web)
    form = f"{base}/registers/access"
    page = web.client.get(form)
    assert page.status_code == 200
    assert 'id="field-person" name="person"' in page.text
    before = _access_rows(web)
    added = web.post(f"{form}/rows", ROW, page=form)
    assert added.status_code == 303
    rows = _access_rows(web)
    assert len(rows) == len(before) + 1
    header, new = rows[0], rows[-1]
    assert new[header.index("Person")] == "Ola <b>Nordmann</b>"
    assert new[header.index("Plattform")] == "Facebook"
    assert new[header.index("Konto eller side")] == "Kystlaget Nord"
    shown = web.client.get(form).text
    assert "Ola &lt;b&gt;Nordmann&lt;/b&gt;" in shown and "<b>Nordmann" not in shown

    file = web.root / "kystlaget" / "registers" / "access.csv"
    kept = file.read_bytes()
    bad = web.post(f"{form}/rows", {**ROW, "last_active": "i fjor"}, page=form)
    assert bad.status_code == 400
    assert 'id="field-last_active-error"' in bad.text
    assert 'value="i fjor"' in bad.text  # what was typed stays in the form
    assert file.read_bytes() == kept

    row_id = ROW_ID.findall(shown)[-1]
    edit = web.client.get(f"{form}?edit={row_id}")
    assert f'action="{form}/rows/{row_id}"' in edit.text
    changed = web.post(
        f"{form}/rows/{row_id}", {**ROW, "asset": "Kystlaget Sør"}, page=form
    )
    assert changed.status_code == 303
    assert _access_rows(web)[-1][header.index("Konto eller side")] == "Kystlaget Sør"
    new_id = ROW_ID.findall(web.client.get(form).text)[-1]
    gone = web.post(f"{form}/rows/{new_id}/delete", page=form)
    assert gone.status_code == 303
    assert _access_rows(web) == before
    assert _audit_kinds(web).count("register_edited") == 3


def test_the_settings_form_writes_goals_and_kpis(web: Web) -> None:
    base = _owner_with_workspace(web)
    page = web.client.get(f"{base}/settings")
    assert page.status_code == 200
    data = {
        "organisation": "Kystlaget Nord",
        "language": "nb",
        "timezone": "Europe/Oslo",
        "channels-0-platform": "facebook",
        "channels-0-account": "Kystlaget Nord",
        "channels-0-role": "main",
        "channels-0-posts": "3",
        "goals-0-key": "synlighet",
        "goals-0-text": "Flere kjenner kystlaget",
        "goals-0-serves": "Flere medlemmer",
        "goals-0-priority": "1",
        "goals-0-kpis-0-metric": "reach",
        "goals-0-kpis-0-platform": "",
        "goals-0-kpis-0-target": "120000",
        "goals-0-kpis-0-period": "year",
        "goals-0-kpis-0-deadline": "2026-12-31",
        "goals-0-kpis-0-text": "Rekkevidde i året",
    }
    saved = web.post(f"{base}/settings", data, page=f"{base}/settings")
    assert saved.status_code == 303, saved.text
    from fokus.workspace import open_workspace  # noqa: PLC0415

    config = open_workspace(web.root / "kystlaget").config
    assert config.organisation == "Kystlaget Nord"
    assert [
        (c.platform, c.account, c.posts_per_week_planned) for c in config.channels
    ] == [("facebook", "Kystlaget Nord", 3.0)]
    goal = config.goals[0]
    assert (goal.key, goal.text, goal.priority) == (
        "synlighet",
        "Flere kjenner kystlaget",
        1,
    )
    assert [(k.metric, k.platform, k.target, k.deadline) for k in goal.kpis] == [
        ("reach", None, 120000.0, dt.date(2026, 12, 31))
    ]
    toml = (web.root / "kystlaget" / "fokus.toml").read_bytes()
    bad = web.post(
        f"{base}/settings",
        {**data, "goals-0-kpis-0-deadline": "snart"},
        page=f"{base}/settings",
    )
    assert bad.status_code == 400
    assert "«snart» i goals[0].kpis[0].deadline er ikke en dato." in bad.text
    assert (web.root / "kystlaget" / "fokus.toml").read_bytes() == toml
    assert "settings_changed" in _audit_kinds(web)


def test_a_viewer_reads_but_cannot_upload_edit_or_run(web: Web, tmp_path: Path) -> None:
    base = _owner_with_workspace(web)
    link = invite(web, "kystlaget", "viewer@example.org", "viewer")
    accept(web, link)
    secret, _ = enrol(web)
    log_in(web, "viewer@example.org", secret, steps_ahead=1)
    assert web.client.get(f"{base}/review").status_code == 200
    assert web.client.get(f"{base}/imports").status_code == 200
    for path in ("/upload", "/registers", "/registers/access", "/settings"):
        assert web.client.get(base + path).status_code == 403, path
    token = web.token(f"{base}/review")
    for path in ("/upload", "/registers/access/rows", "/settings", "/review/run"):
        answer = web.client.post(base + path, data={"csrf_token": token, "person": "x"})
        assert answer.status_code == 403, path
    assert (
        not (web.root / "kystlaget" / "registers" / "access.csv")
        .read_text(encoding="utf-8-sig")
        .count("x;")
    )
