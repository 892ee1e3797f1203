"""The Vega bundle kept in the user's cache folder: made once per vl-convert
version, checked by its digest when read, made again when the kept file is wrong,
and still made when the folder cannot be written."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
import vl_convert as vlc

from fokus.report import bundle

MADE = str(vlc.javascript_bundle(None))  # type: ignore[arg-type]
VERSION = version("vl-convert-python")


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    bundle.javascript_bundle.cache_clear()
    yield tmp_path / "fokus"
    bundle.javascript_bundle.cache_clear()


def _made_by_vl_convert_calls(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    calls: list[None] = []

    def counted(snippet: None) -> str:
        calls.append(snippet)
        return MADE

    monkeypatch.setattr(vlc, "javascript_bundle", counted)
    return calls


def test_the_bundle_is_made_once_and_kept_under_its_version_and_digest(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _made_by_vl_convert_calls(monkeypatch)
    assert bundle.javascript_bundle() == MADE
    digest = hashlib.sha256(MADE.encode("utf-8")).hexdigest()
    kept = cache_home / f"vega-bundle-{VERSION}-{digest}.js"
    assert [p.name for p in cache_home.iterdir()] == [kept.name]
    assert kept.read_text(encoding="utf-8") == MADE
    # A second run (a new process: the in-process cache cleared) reads the file.
    bundle.javascript_bundle.cache_clear()
    assert bundle.javascript_bundle() == MADE
    assert len(calls) == 1


def test_a_kept_bundle_that_does_not_match_its_digest_is_made_again(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digest = hashlib.sha256(MADE.encode("utf-8")).hexdigest()
    kept = cache_home / f"vega-bundle-{VERSION}-{digest}.js"
    cache_home.mkdir(parents=True)
    kept.write_text("alert('not vega')", encoding="utf-8")
    calls = _made_by_vl_convert_calls(monkeypatch)
    assert bundle.javascript_bundle() == MADE
    assert len(calls) == 1
    assert kept.read_text(encoding="utf-8") == MADE


def test_another_versions_bundle_is_not_used(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = "/* vega of another vl-convert */"
    digest = hashlib.sha256(other.encode("utf-8")).hexdigest()
    cache_home.mkdir(parents=True)
    (cache_home / f"vega-bundle-0.1.0-{digest}.js").write_text(other, encoding="utf-8")
    calls = _made_by_vl_convert_calls(monkeypatch)
    assert bundle.javascript_bundle() == MADE
    assert len(calls) == 1


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_home.parent.mkdir(parents=True, exist_ok=True)
    cache_home.write_text("a file where the folder should be", encoding="utf-8")
    calls = _made_by_vl_convert_calls(monkeypatch)
    assert bundle.javascript_bundle() == MADE
    bundle.javascript_bundle.cache_clear()
    assert bundle.javascript_bundle() == MADE
    assert len(calls) == 2
