"""`fokus backup` and `fokus restore`: a whole workspace out and back, byte for byte,
and every damaged, altered or hostile archive refused with nothing written."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import duckdb
import pytest

from fokus.store.lock import LOCK_NAME

pytestmark = pytest.mark.slow


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FOKUS_LANG": "en", "COLUMNS": "500", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "fokus", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=300,
        check=False,
    )  # fmt: skip


def _files(root: Path) -> dict[str, bytes]:
    """Every file but the database and the lock, by path: the bytes to compare."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name not in {"fokus.duckdb", LOCK_NAME}
    }


def _tables(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, from a real DuckDB file."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        names = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' ORDER BY table_name"
            ).fetchall()
        ]
        return {
            name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def workspace(demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo (imported and reviewed), safe to write to."""
    copy = tmp_path_factory.mktemp("backup") / "ws"
    shutil.copytree(demo_workspace, copy)
    return copy


@pytest.fixture(scope="module")
def archive(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archives") / "ws.tar.gz"
    result = run("backup", workspace, out)
    assert result.returncode == 0, result.stderr
    return out


def test_round_trip_restores_every_file_and_every_table(
    workspace: Path, archive: Path, tmp_path: Path
) -> None:
    target = tmp_path / "restored"
    result = run("restore", archive, target)
    assert result.returncode == 0, result.stderr
    assert "Every checksum matched." in result.stdout
    assert _files(target) == _files(workspace)
    before = _tables(workspace / "fokus.duckdb")
    after = _tables(target / "fokus.duckdb")
    assert list(after) == list(before)
    assert after == before
    assert len(before["posts"]) > 1000  # the demo's posts, not an empty store
    # The restored workspace works: a review runs on it.
    assert run("status", target).returncode == 0


def test_the_manifest_lists_every_file_with_its_sha256(
    workspace: Path, archive: Path
) -> None:
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        stream = tar.extractfile("MANIFEST.json")
        assert stream is not None
        manifest = json.loads(stream.read())
    assert names[0] == "MANIFEST.json"
    files = {f["path"]: f for f in manifest["files"]}
    assert set(files) == set(names[1:])
    assert {"fokus.toml", "fokus.duckdb", "reports/review.html"} <= set(files)
    assert any(name.startswith("exports/") for name in files)
    assert any(name.startswith("registers/") for name in files)
    toml = (workspace / "fokus.toml").read_bytes()
    assert files["fokus.toml"]["sha256"] == hashlib.sha256(toml).hexdigest()
    assert files["fokus.toml"]["size"] == len(toml)
    assert LOCK_NAME not in files


def test_restore_refuses_a_non_empty_folder_unless_forced(
    archive: Path, tmp_path: Path
) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    refused = run("restore", archive, target)
    assert refused.returncode == 3
    assert f"The folder {target} is not empty." in refused.stderr
    assert (target / "keep.txt").read_text() == "mine"
    forced = run("restore", archive, target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert not (target / "keep.txt").exists()
    assert (target / "fokus.toml").is_file()


def test_backup_refuses_to_overwrite_an_archive(workspace: Path, archive: Path) -> None:
    result = run("backup", workspace, archive)
    assert result.returncode == 3
    assert f"{archive} already exists." in result.stderr


def _rewrite(archive: Path, out: Path, change: object) -> None:
    """Copy ``archive`` member by member, letting ``change`` alter the list."""
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]
    members = change(members)  # type: ignore[operator]
    with tarfile.open(out, "w:gz") as tar:
        for member, data in members:
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def _flip_a_byte(members: list[tuple[tarfile.TarInfo, bytes]]) -> object:
    member, data = members[1]
    changed = bytes([data[0] ^ 1]) + data[1:]
    return [members[0], (member, changed), *members[2:]]


def _add_traversal(members: list[tuple[tarfile.TarInfo, bytes]]) -> object:
    manifest_info, manifest = members[0]
    document = json.loads(manifest)
    evil = b"owned"
    document["files"].append(
        {"path": "../evil.txt", "size": 5, "sha256": hashlib.sha256(evil).hexdigest()}
    )
    return [(manifest_info, json.dumps(document).encode()), *members[1:],
            (tarfile.TarInfo("../evil.txt"), evil)]  # fmt: skip


def _add_unlisted(members: list[tuple[tarfile.TarInfo, bytes]]) -> object:
    return [*members, (tarfile.TarInfo("exports/extra.csv"), b"a,b\n")]


def _add_symlink(members: list[tuple[tarfile.TarInfo, bytes]]) -> object:
    link = tarfile.TarInfo("exports/link")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    return [*members, (link, b"")]


def _drop_a_file(members: list[tuple[tarfile.TarInfo, bytes]]) -> object:
    return members[:2] + members[3:]


def _no_manifest(members: list[tuple[tarfile.TarInfo, bytes]]) -> object:
    return members[1:]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_flip_a_byte, "does not match its checksum in the manifest"),
        (_add_traversal, "holds an entry that fokus will not unpack: ../evil.txt"),
        (_add_unlisted, "holds an entry that fokus will not unpack: exports/extra.csv"),
        (_add_symlink, "holds an entry that fokus will not unpack: exports/link"),
        (_drop_a_file, "which its manifest lists"),
        (_no_manifest, "is not a fokus backup: it has no manifest"),
    ],
)
def test_restore_refuses_an_altered_archive_and_writes_nothing(
    archive: Path, tmp_path: Path, change: object, message: str
) -> None:
    altered = tmp_path / "altered.tar.gz"
    _rewrite(archive, altered, change)
    target = tmp_path / "work" / "target"
    result = run("restore", altered, target)
    assert result.returncode == 3, result.stderr
    assert message in result.stderr
    assert "Nothing has been changed." in result.stderr
    assert not target.exists()
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_restore_refuses_a_truncated_archive(
    archive: Path, tmp_path: Path, keep: float
) -> None:
    data = archive.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: int(len(data) * keep)])
    target = tmp_path / "target"
    result = run("restore", cut, target)
    assert result.returncode == 3, result.stderr
    assert f"The archive {cut} is damaged or cut short." in result.stderr
    assert not target.exists()


def test_restore_refuses_a_file_that_is_not_an_archive(tmp_path: Path) -> None:
    fake = tmp_path / "fake.tar.gz"
    fake.write_bytes(gzip.compress(b"not a tar file at all" * 100))
    result = run("restore", fake, tmp_path / "target")
    assert result.returncode == 3
    assert "is damaged or cut short" in result.stderr
