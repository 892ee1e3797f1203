"""The demo generator: determinism, Meta's exact bytes, and the story in the data.

Every check reads the files the generator wrote, the way an importer would.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.demo import DEMO_ORGANISATION, write_demo_exports

TODAY = dt.date(2026, 11, 20)

FB_DEFAULT_HEADER = (
    '"Post ID","Page ID","Page name",Title,Description,"Duration (sec)",'
    '"Publish time","Caption type",Permalink,"Is crosspost","Is share","Post type",'
    'Languages,"Custom labels","Funded content status","Data comment",Date,Views,'
    'Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,"Total clicks",'
    '"Link Clicks","Other Clicks",'
    '"Matched Audience Targeting Consumption (Photo Click)","Seconds viewed",'
    '"Average Seconds viewed","Estimated earnings (USD)","Ad impressions"'
)
FB_CUSTOM_HEADER = (
    '"Post ID","Page ID","Page name",Title,Description,"Duration (sec)",'
    '"Publish time","Caption type",Permalink,"Is crosspost","Is share","Post type",'
    'Languages,"Custom labels","Funded content status","Data comment",Date,Views,'
    'Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,"Total clicks",'
    'Views,"Reach from Organic posts","Reach from Boosted posts",'
    '"3-second video views","1-minute video views","3-Second viewers",'
    '"1-minute viewers","3-second video views from Boosted posts",'
    '"3-second video views from Organic posts","Negative feedback from users",'
    '"Unique negative feedback from users","Other Clicks",'
    '"Matched Audience Targeting Consumption (Photo Click)","Link Clicks"'
)
IG_HEADER_START = (
    '"Post ID","Account ID","Account username","Account name",Description,'
    '"Duration (sec)","Publish time",Permalink,"Post type","Data comment",Date,'
    "Views,Reach,Likes,Shares,"
)
IG_HEADERS = (IG_HEADER_START + "Comments,Saves,Follows",
              IG_HEADER_START + "Follows,Comments,Saves")  # fmt: skip
POSTS_NAME = re.compile(r"^([A-Z][a-z]{2}-\d{2}-\d{4})_([A-Z][a-z]{2}-\d{2}-\d{4})_\d{15,16}\.csv$")  # fmt: skip
SERIES_LINE = re.compile(r'^"\d{4}-\d{2}-\d{2}T0[01]:00:00","\d+"$')
SERIES_TITLES = {
    ("facebook", "Reach.csv"): "Facebook reach",
    ("facebook", "Views.csv"): "Views",
    ("facebook", "Visits.csv"): "Facebook visits",
    ("facebook", "Follows.csv"): "Facebook follows",
    ("instagram", "Reach.csv"): "Reach",
    ("instagram", "Views.csv"): "Views",
    ("instagram", "Visits.csv"): "Instagram profile visits",
    ("instagram", "Follows.csv"): "Instagram follows",
}

Row = dict[str, str]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[Path, ...]]:
    folder = tmp_path_factory.mktemp("exports")
    return folder, write_demo_exports(folder)


def _posts_files(paths: tuple[Path, ...], platform: str) -> list[Path]:
    return [p for p in paths if p.parent.name == platform and POSTS_NAME.match(p.name)]


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _records(path: Path) -> Iterator[Row]:
    rows = _rows(path)
    for row in rows[1:]:
        # Duplicate header names (`Views` twice) hold identical values: last wins.
        yield dict(zip(rows[0], row, strict=True))


def _export_day(path: Path) -> dt.date:
    match = POSTS_NAME.match(path.name)
    assert match
    return dt.datetime.strptime(match.group(2), "%b-%d-%Y").date()


def _latest(paths: tuple[Path, ...], platform: str) -> list[Row]:
    """Each post once, from the newest export that has it (as the importer keeps)."""
    latest: dict[str, Row] = {}
    for path in sorted(_posts_files(paths, platform), key=_export_day):
        for record in _records(path):
            latest[record["Post ID"]] = record
    return list(latest.values())


def _published(record: Row) -> dt.datetime:
    return dt.datetime.strptime(record["Publish time"], "%m/%d/%Y %H:%M")


def _interactions(record: Row) -> int:
    keys: tuple[str, ...] = ("Reactions", "Comments", "Shares")
    if "Likes" in record:
        keys = ("Likes", "Comments", "Shares", "Saves")
    return sum(int(record[k]) for k in keys)


def _rate(records: list[Row]) -> float:
    return sum(map(_interactions, records)) / sum(int(r["Reach"]) for r in records)


def _median_reach(records: list[Row]) -> float:
    return statistics.median(int(r["Reach"]) for r in records)


def _series(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-16").split("\n")


def test_same_seed_and_day_give_identical_bytes(
    exports: tuple[Path, tuple[Path, ...]], tmp_path: Path
) -> None:
    folder, paths = exports
    again = write_demo_exports(tmp_path)
    assert [p.relative_to(tmp_path) for p in again] == [
        p.relative_to(folder) for p in paths
    ]
    for first, second in zip(paths, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_another_seed_gives_other_posts(tmp_path: Path) -> None:
    first = write_demo_exports(tmp_path / "a", seed=1)
    second = write_demo_exports(tmp_path / "b", seed=2)
    assert _latest(first, "facebook") != _latest(second, "facebook")


def test_files_written(exports: tuple[Path, tuple[Path, ...]]) -> None:
    folder, paths = exports
    assert list(paths) == sorted(paths)
    for platform in ("facebook", "instagram"):
        names = sorted(p.name for p in paths if p.parent == folder / platform)
        insights = [
            "Audience.csv",
            "Follows.csv",
            "Reach.csv",
            "Views.csv",
            "Visits.csv",
        ]
        assert [n for n in names if not POSTS_NAME.match(n)] == insights
        assert len(_posts_files(paths, platform)) == 3
    meta = [p for p in paths if p.parent.name in ("facebook", "instagram")]
    assert len(meta) == 16


def test_posts_exports_are_utf8_with_bom_and_lf(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    _, paths = exports
    for path in _posts_files(paths, "facebook") + _posts_files(paths, "instagram"):
        data = path.read_bytes()
        assert data.startswith(b'\xef\xbb\xbf"Post ID",')
        assert b"\r" not in data
        assert data.endswith(b"\n")
        assert not data.endswith(b"\n\n")
        data[3:].decode("utf-8")


def test_header_lines_are_metas(exports: tuple[Path, tuple[Path, ...]]) -> None:
    _, paths = exports
    fb = [p.read_bytes()[3:].split(b"\n", 1)[0].decode() for p in
          sorted(_posts_files(paths, "facebook"), key=_export_day)]  # fmt: skip
    assert fb == [FB_DEFAULT_HEADER, FB_CUSTOM_HEADER, FB_CUSTOM_HEADER]
    ig = [p.read_bytes()[3:].split(b"\n", 1)[0].decode() for p in
          sorted(_posts_files(paths, "instagram"), key=_export_day)]  # fmt: skip
    assert ig == [IG_HEADERS[0], IG_HEADERS[1], IG_HEADERS[1]]


def test_rows_are_complete_lifetime_posts_with_unique_ids(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    _, paths = exports
    for platform, width, id_digits in (("facebook", (31, 38), (15, 16)),
                                       ("instagram", (18,), (17,))):  # fmt: skip
        for path in _posts_files(paths, platform):
            rows = _rows(path)
            assert len(rows[0]) in width
            assert {len(row) for row in rows} == {len(rows[0])}
            records = list(_records(path))
            assert {r["Date"] for r in records} == {"Lifetime"}
            ids = [r["Post ID"] for r in records]
            assert len(set(ids)) == len(ids) > 40
            assert all(i.isdigit() and len(i) in id_digits for i in ids)
            match = POSTS_NAME.match(path.name)
            assert match
            first = dt.datetime.strptime(match.group(1), "%b-%d-%Y").date()
            assert all(first <= _published(r).date() <= _export_day(path)
                       for r in records)  # fmt: skip
    page_ids = {r["Page ID"] for r in _latest(paths, "facebook")}
    assert len(page_ids) == 1
    assert 15 <= len(page_ids.pop()) <= 17
    names = {r["Page name"] for r in _latest(paths, "facebook")}
    assert names == {DEMO_ORGANISATION}


def test_captions_exercise_quoting_and_norwegian(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    _, paths = exports
    captions = [r["Title"] for r in _latest(paths, "facebook")]
    captions += [r["Description"] for r in _latest(paths, "instagram")]
    assert any("\n" in c for c in captions)
    assert any("," in c for c in captions)
    assert any('"' in c for c in captions)
    assert any(re.search("[æøåÆØÅ]", c) for c in captions)
    assert any(re.search("[\U0001f300-\U0001faff]", c) for c in captions)
    assert any("Jeg heter" in c for c in captions)
    assert "" in captions  # a few photos go out without text


def test_newer_export_shows_larger_lifetime_numbers(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    _, paths = exports
    for platform in ("facebook", "instagram"):
        seen: dict[str, int] = {}
        grew = 0
        for path in sorted(_posts_files(paths, platform), key=_export_day):
            for record in _records(path):
                reach = int(record["Reach"])
                before = seen.get(record["Post ID"])
                if before is not None:
                    assert reach >= before
                    grew += reach > before
                seen[record["Post ID"]] = reach
        assert grew > 0


def test_posts_span_two_years_ending_today(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    _, paths = exports
    for platform, per_week in (("facebook", (4, 6)), ("instagram", (3, 5))):
        days = [_published(r).date() for r in _latest(paths, platform)]
        assert max(days) == TODAY
        assert (TODAY - min(days)).days >= 730
        weeks = (max(days) - min(days)).days / 7
        assert per_week[0] <= len(days) / weeks <= per_week[1]


def test_summer_dip_and_christmas_bump(exports: tuple[Path, tuple[Path, ...]]) -> None:
    folder, paths = exports
    for platform in ("facebook", "instagram"):
        records = _latest(paths, platform)
        july = [r for r in records if _published(r).month == 7]
        rest = [r for r in records if _published(r).month != 7]
        assert _median_reach(july) < 0.8 * _median_reach(rest)
        daily = [line.strip('"').split('","') for line in
                 _series(folder / platform / "Reach.csv")[3:] if line]  # fmt: skip
        by_month: dict[int, list[int]] = {}
        for stamp, value in daily:
            by_month.setdefault(int(stamp[5:7]), []).append(int(value))
        others = [v for m, vs in by_month.items() if m not in (7, 12) for v in vs]
        assert statistics.median(by_month[7]) < 0.7 * statistics.median(others)
        assert statistics.median(by_month[12]) > statistics.median(others)


def test_boosted_posts_reach_more_but_engage_less(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    _, paths = exports
    records = [r for r in _latest(paths, "facebook") if "Reach from Boosted posts" in r]
    boosted = [r for r in records if int(r["Reach from Boosted posts"]) > 0]
    organic = [r for r in records if int(r["Reach from Boosted posts"]) == 0]
    assert 0.015 < len(boosted) / len(records) < 0.1
    assert _median_reach(boosted) > 2 * _median_reach(organic)
    assert _rate(boosted) < 0.7 * _rate(organic)
    for r in records:
        parts = int(r["Reach from Organic posts"]) + int(r["Reach from Boosted posts"])
        assert int(r["Reach"]) <= parts
        assert int(r["Reactions, Comments and Shares"]) == _interactions(r)


def test_facebook_is_the_weak_falling_channel(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    _, paths = exports
    fb, ig = _latest(paths, "facebook"), _latest(paths, "instagram")
    assert len(fb) > len(ig)
    assert _median_reach(ig) > 3 * _median_reach(fb)
    cut = TODAY - dt.timedelta(days=365)
    older = [r for r in fb if _published(r).date() < cut]
    newer = [r for r in fb if _published(r).date() >= cut]
    assert _median_reach(newer) < 0.9 * _median_reach(older)


@pytest.mark.parametrize(
    ("platform", "reach_winner", "engagement_winners"),
    [
        ("facebook", "Reels", ("Photos", "Links")),
        ("instagram", "IG reel", ("IG carousel",)),
    ],
)
def test_formats_rank_differently_on_reach_and_engagement(
    exports: tuple[Path, tuple[Path, ...]],
    platform: str,
    reach_winner: str,
    engagement_winners: tuple[str, ...],
) -> None:
    _, paths = exports
    records = _latest(paths, platform)
    types = sorted({r["Post type"] for r in records})
    by_type = {t: [r for r in records if r["Post type"] == t] for t in types}
    assert max(types, key=lambda t: _median_reach(by_type[t])) == reach_winner
    assert max(types, key=lambda t: _rate(by_type[t])) in engagement_winners
    # Video reaches furthest, yet people interact with it least.
    assert min(types, key=lambda t: _rate(by_type[t])) in (reach_winner, "Videos")


def test_instagram_follows_are_sometimes_blank(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    _, paths = exports
    newest = max(_posts_files(paths, "instagram"), key=_export_day)
    follows = [r["Follows"] for r in _records(newest)]
    blank = follows.count("")
    assert 0 < blank < 0.1 * len(follows)
    assert "0" in follows


def test_daily_series_bytes_and_us_time_quirk(
    exports: tuple[Path, tuple[Path, ...]],
) -> None:
    folder, _ = exports
    for (platform, name), title in SERIES_TITLES.items():
        data = (folder / platform / name).read_bytes()
        assert data.startswith("\ufeffsep=,\n".encode("utf-16-le"))
        assert data.endswith('"\n\n'.encode("utf-16-le"))
        lines = _series(folder / platform / name)
        assert lines[1] == f'"{title}"'
        assert lines[2] == '"Date","Primary"'
        body = lines[3:-2]
        assert all(SERIES_LINE.match(line) for line in body)
        days = [dt.date.fromisoformat(line[1:11]) for line in body]
        assert days == sorted(set(days))
        assert days[0] == dt.date(2024, 11, 1)
        expected = (days[-1] - days[0]).days + 1
        assert len(days) < expected if name == "Follows.csv" else len(days) == expected
    fb = set(_series(folder / "facebook" / "Reach.csv"))
    ig = "\n".join(_series(folder / "instagram" / "Reach.csv"))
    for stamp in ("2025-03-09T01", "2025-03-10T00", "2025-11-02T00", "2025-11-03T01"):
        assert any(line.startswith(f'"{stamp}:00:00"') for line in fb), stamp
    assert "T01:00:00" not in ig


def test_audience_blocks(exports: tuple[Path, tuple[Path, ...]]) -> None:
    folder, _ = exports
    fb = (folder / "facebook" / "Audience.csv").read_bytes()
    assert fb.startswith(b"\xff\xfe")
    lines = fb.decode("utf-16").split("\n")
    assert lines[:3] == ["sep=,", '"Age & gender"', '"","Women","Men"']
    assert [line.split(",")[0] for line in lines[3:9]] == [
        '"18-24"',
        '"25-34"',
        '"35-44"',
        '"45-54"',
        '"55-64"',
        '"65+"',
    ]
    cells = [float(v.strip('"')) for line in lines[3:9] for v in line.split(",")[1:]]
    assert sum(cells) == pytest.approx(100, abs=0.05)
    assert lines[9:11] == ["", '"Top countries"']
    assert lines[11].startswith('"Norway",')
    assert len(next(csv.reader([lines[11]]))) == len(next(csv.reader([lines[12]])))
    assert lines[13:15] == ["", '"Top cities"']
    assert next(csv.reader([lines[15]]))[0] == "Fjordvik, Norway"
    assert lines[16:] == ['"58.2","9.6","6.1","4.4","3.2","2.7","1.1","0.9","0.7","0.6"',
                          "", ""]  # fmt: skip
    ig = (folder / "instagram" / "Audience.csv").read_bytes().decode("utf-16")
    assert ig.startswith('sep=,\n"Top cities"\n')
    assert '\n\n"Age & gender"\n"","Men","Women"\n' in ig
    assert ig.endswith("\n\n")


def test_another_day_moves_the_whole_demo(tmp_path: Path) -> None:
    day = dt.date(2025, 6, 30)
    paths = write_demo_exports(tmp_path, today=day)
    for platform in ("facebook", "instagram"):
        days = [_published(r).date() for r in _latest(paths, platform)]
        assert max(days) == day
        assert min(days) == dt.date(2023, 6, 1)
        assert all(_export_day(p) <= day for p in _posts_files(paths, platform))
