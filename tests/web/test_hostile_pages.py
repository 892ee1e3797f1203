"""The hostile set (tests/hostile.py) on every page of the web app that shows data:
a workspace with a hostile name, registers full of hostile cells, an upload with a
hostile file name and hostile captions, and the review of it, each page fetched
through the real app and parsed."""

from __future__ import annotations

import re
import time
from pathlib import Path

import lxml.html
import pytest
from webflow import Web, make_owner

from fokus.demo import write_demo_exports
from fokus.registers.templates import REGISTERS
from hostile import HOSTILE, REPLACEMENT, shown
from hostile_workspace import TODAY, edit_export, write_registers

HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NAME = f"{HOSTILE['script_tag']} {HOSTILE['bidi_override']} & Co"
PREFIX = f"{HOSTILE['img_onerror']}{HOSTILE['bidi_override']}{HOSTILE['zero_width']}"
"""Put before the export's own name, which says what the file is."""


def _check(html: str, path: str) -> lxml.html.HtmlElement:
    """No element, attribute, script or link from the data; nothing hidden."""
    assert not HIDDEN.search(html), path
    page = lxml.html.document_fromstring(html)
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in {"img", "svg", "iframe", "object"}, path
        for name, value in element.items():
            assert not name.lower().startswith("on"), (path, name)
            if name in {"href", "src", "action", "hx-get", "hx-post"}:
                assert value == "data:," or not value.lower().startswith(
                    ("javascript:", "data:")
                ), path
        if element.tag == "script" and element.get("type") != "application/json":
            assert "alert(1)" not in (element.text or ""), path
            src = element.get("src")
            assert src is None or src.startswith(("/assets/", "/static/")), path
    return page


def _run_review(web: Web, base: str) -> None:
    started = web.post(f"{base}/review/run", page=f"{base}/review")
    assert started.status_code == 303
    deadline = time.monotonic() + 600
    while (
        "review-status" in (status := web.client.get(f"{base}/review/status").text)
        and "every 2s" in status
    ):
        assert time.monotonic() < deadline
        time.sleep(0.5)


@pytest.mark.slow
@pytest.mark.parametrize("web", ["sqlite"], indirect=True)
def test_every_page_shows_hostile_text_as_text(web: Web, tmp_path: Path) -> None:
    make_owner(web)
    made = web.post("/workspaces", {"name": NAME}, page="/workspaces")
    assert made.status_code == 303
    base = made.headers["location"].rstrip("/")
    slug = base.rsplit("/", 1)[-1]
    write_registers(web.root / slug / "registers")
    exports = tmp_path / "exports"
    write_demo_exports(exports, today=TODAY)
    [tweets] = sorted((exports / "x").glob("account_analytics_content_2025-12*"))
    edit_export(tweets, "Post text", None, "Post Link")
    file_name = PREFIX + tweets.name
    token = web.token(f"{base}/upload")
    uploaded = web.client.post(
        f"{base}/upload",
        data={"csrf_token": token},
        files=[("files", (file_name, tweets.read_bytes(), "text/csv"))],
    )
    assert uploaded.status_code == 200
    _check(uploaded.text, "upload")
    _run_review(web, base)

    pages = {
        path: web.client.get(path)
        for path in (
            "/workspaces",
            f"{base}/",
            f"{base}/imports",
            f"{base}/registers",
            f"{base}/review",
            *(f"{base}/registers/{r.key}" for r in REGISTERS),
        )
    }
    texts = {}
    for path, answer in pages.items():
        assert answer.status_code == 200, path
        texts[path] = _check(answer.text, path).text_content()
    name = shown(NAME)
    for path in ("/workspaces", f"{base}/", f"{base}/imports", f"{base}/review"):
        assert name in texts[path], path
    # The file name as it was given, with its override shown; the stored name
    # beside it is the safe one (upload_checks.safe_name).
    assert shown(file_name) in texts[f"{base}/imports"]
    # The register editors show every cell whole (the null byte and the control
    # characters as U+FFFD).
    cells = "".join(texts[f"{base}/registers/{r.key}"] for r in REGISTERS)
    for key, hostile in HOSTILE.items():
        if "\t" in hostile or "\r" in hostile:
            continue  # a form field holds them; a table cell shows them as space
        assert shown(hostile).strip() in cells, key
    assert REPLACEMENT in texts[f"{base}/review"]
    review = texts[f"{base}/review"]
    for key in ("script_breakout", "img_onerror", "javascript_url", "style_breakout"):
        assert shown(HOSTILE[key]) in review, key
