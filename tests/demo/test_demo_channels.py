"""The demo's LinkedIn, TikTok, YouTube and X files: exact layouts and the story.

Every check reads the written files the way the importers will (csv,
python_calamine, zipfile) and computes the planted patterns from them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import statistics
import struct
import time
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from channel_files import (
    LINKEDIN_NAME,
    Cell,
    linkedin_export_ms,
    linkedin_posts,
    records,
    snowflake_time,
    text_rows,
    workbook,
    x_posts,
    youtube_zip,
)

from fokus.demo import WRITERS, write_demo_exports
from fokus.demo.organisation import EFFORT_HOURS

TODAY = dt.date(2026, 11, 20)
NO_YEAR = re.compile(r"^(January|February|March|April|May|June|July|August|September|October|November|December) ([1-9]|[12]\d|3[01])$")  # fmt: skip

NEW_FILES = [
    "linkedin/fjordvik-kommune_content_1751445676541.xlsx",
    "linkedin/fjordvik-kommune_content_1782981676744.xlsx",
    "linkedin/fjordvik-kommune_content_1795164076007.xlsx",
    "linkedin/fjordvik-kommune_followers_1751445688507.xlsx",
    "linkedin/fjordvik-kommune_followers_1782981688764.xlsx",
    "linkedin/fjordvik-kommune_followers_1795164088098.xlsx",
    "linkedin/fjordvik-kommune_visitors_1751445682820.xlsx",
    "linkedin/fjordvik-kommune_visitors_1782981682659.xlsx",
    "linkedin/fjordvik-kommune_visitors_1795164082323.xlsx",
    "tiktok/Content.csv",
    "tiktok/Followers_fjordvikkommune/FollowerActivity.csv",
    "tiktok/Followers_fjordvikkommune/FollowerGender.csv",
    "tiktok/Followers_fjordvikkommune/FollowerHistory.csv",
    "tiktok/Followers_fjordvikkommune/FollowerTopTerritories.csv",
    "tiktok/business/Content.csv",
    "tiktok/fjordvikkommune/Overview.csv",
    "tiktok/fjordvikkommune/Viewers.csv",
    "x/account_analytics_content_2024-11-01_2025-03-31.csv",
    "x/account_analytics_content_2025-04-01_2025-11-30.csv",
    "x/account_analytics_content_2025-12-01_2026-11-20.csv",
    "x/daily_tweet_activity_metrics_FjordvikKommune_20241101_20241201_en.csv",
    "x/fjordvikkommune/account_overview_analytics.csv",
    "x/tweet_activity_metrics_FjordvikKommune_20241101_20241201_en.csv",
    "youtube/Content 2024-11-01_2026-11-19 Fjordvik kommune.zip",
]

LI_METRICS = [
    "Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
    "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)",
    "Clicks (total)", "Reactions (organic)", "Reactions (sponsored)",
    "Reactions (total)", "Comments (organic)", "Comments (sponsored)",
    "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)",
    "Engagement rate (organic)", "Engagement rate (sponsored)",
    "Engagement rate (total)",
]  # fmt: skip
LI_POSTS = [
    "Post title", "Post link", "Post type", "Campaign name", "Posted by",
    "Created date", "Campaign start date", "Campaign end date", "Audience",
    "Impressions", "Views", "Offsite Views", "Clicks", "Click through rate (CTR)",
    "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type",
]  # fmt: skip
LI_DEMOGRAPHICS = ["Location", "Job function", "Seniority", "Industry", "Company size"]
YT_TABLE = (
    "Content,Video title,Video publish time,Duration,Stayed to watch (%),"
    "Unique viewers,Average views per viewer,New viewers,Returning viewers,"
    "Casual viewers,Engaged views,Average view duration,"
    "Average percentage viewed (%),Views,Watch time (hours),Subscribers,"
    "Estimated revenue (USD),Impressions,Impressions click-through rate (%)"
)
X_OLD = (
    "Post id,Date,Post text,Link,Impressions,Likes,Engagements,Bookmarks,Share,"
    "New follows,Replies,Reposts,Profile visits,Detail expands,Url clicks,"
    "Hashtag clicks,Permalink clicks"
)
X_NEW = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,"
    "New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,"
    "Hashtag Clicks,Permalink Clicks"
)
X_COUNTS = ["retweets", "replies", "likes", "user profile clicks", "url clicks",
            "hashtag clicks", "detail expands", "permalink clicks", "app opens",
            "app installs", "follows", "email tweet", "dial phone", "media views",
            "media engagements"]  # fmt: skip
X_PROMOTED = ["promoted impressions", "promoted engagements",
              "promoted engagement rate", *(f"promoted {c}" for c in X_COUNTS)]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exports")
    write_demo_exports(root)
    return root


def _float32(value: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", value))[0])


def _number(cell: Cell) -> float:
    assert isinstance(cell, float), cell
    return cell


def _text(path: Path, *, bom: bool) -> list[list[str]]:
    return text_rows(path.read_bytes(), bom=bom)


# ── Files, kinds, determinism, speed ───────────────────────────────────────────


def test_new_files_written(folder: Path) -> None:
    written = sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and p.parts[len(folder.parts)] not in ("facebook", "instagram")
    )
    assert written == NEW_FILES


def test_registry_names_every_kind_once_per_writer() -> None:
    kinds = [k for entry, _ in WRITERS for k in (entry if isinstance(entry, tuple) else (entry,))]  # fmt: skip
    assert sorted(set(kinds)) == sorted([
        "linkedin_content", "linkedin_followers", "linkedin_visitors",
        "meta_audience", "meta_daily_series", "meta_facebook_posts",
        "meta_instagram_posts", "tiktok_audience", "tiktok_content",
        "tiktok_follower_activity", "tiktok_followers", "tiktok_overview",
        "tiktok_viewers", "x_content", "x_daily", "x_overview", "x_tweets",
        "youtube_chart", "youtube_table", "youtube_totals",
    ])  # fmt: skip


def test_writing_is_fast(tmp_path: Path) -> None:
    started = time.perf_counter()
    write_demo_exports(tmp_path)
    assert time.perf_counter() - started < 15  # ~1.5 s on an idle machine


def test_archives_carry_the_export_time(folder: Path) -> None:
    for path in (folder / "linkedin").iterdir():
        stamp = dt.datetime.fromtimestamp(linkedin_export_ms(path) // 1000, tz=dt.UTC)
        with zipfile.ZipFile(path) as archive:
            moments = {i.date_time for i in archive.infolist()}
            core = archive.read("docProps/core.xml").decode()
        assert moments == {stamp.timetuple()[:6]}
        assert (
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp:%Y-%m-%dT%H:%M:%SZ}<'
            in core
        )
    (zip_path,) = (folder / "youtube").iterdir()
    with zipfile.ZipFile(zip_path) as archive:
        assert [i.filename for i in archive.infolist()] == [
            "Table data.csv",
            "Chart data.csv",
            "Totals.csv",
        ]
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 20, 10, 12, 0)}


# ── LinkedIn ───────────────────────────────────────────────────────────────────


def test_linkedin_content_workbooks(folder: Path) -> None:
    files = sorted((folder / "linkedin").glob("*_content_*"), key=linkedin_export_ms)
    periods = []
    for path in files:
        sheets = workbook(path)
        assert list(sheets) == ["Metrics", "All posts"]
        metrics, posts = sheets["Metrics"], sheets["All posts"]
        assert metrics[0][0].startswith(
            "Aggregated engagement metrics for your organic"
        )  # type: ignore[union-attr]
        assert metrics[0][1:] == [""] * 19
        assert metrics[1] == LI_METRICS
        assert posts[0][0] == (
            "Engagement metrics for individual posts. Created date indicates when "
            "your post was created. All dates and times are in UTC."
        )
        assert posts[1] == LI_POSTS
        days = [dt.datetime.strptime(str(r[0]), "%m/%d/%Y").date() for r in metrics[2:]]
        assert days == [days[0] + dt.timedelta(days=i) for i in range(len(days))]
        exported = dt.datetime.fromtimestamp(linkedin_export_ms(path) / 1000, tz=dt.UTC)
        assert days[-1] == exported.date() - dt.timedelta(days=2)
        assert len(days) <= 365
        periods.append((days[0], days[-1]))
        for row in metrics[2:]:
            values = [_number(c) for c in row[1:]]
            for i in (0, 4, 7, 10, 13):  # organic + sponsored = total
                assert values[i] + values[i + 1] == values[i + 2]
            engaged = values[6] + values[9] + values[12] + values[15]
            assert values[18] == (engaged / values[2] if values[2] else 0.0)
        created = []
        for row in posts[2:]:
            record = dict(zip(LI_POSTS, row, strict=True))
            impressions = _number(record["Impressions"])
            clicks = _number(record["Clicks"])
            assert record["Click through rate (CTR)"] == _float32(clicks / impressions)
            follows = record["Follows"]
            engaged = clicks + _number(record["Likes"]) + _number(record["Comments"])
            engaged += _number(record["Reposts"]) + (follows or 0.0)  # type: ignore[operator]
            assert record["Engagement rate"] == _float32(engaged / impressions)
            assert record["Offsite Views"] == ""
            assert (record["Views"] == "") == (record["Content Type"] != "Video")
            sponsored = record["Post type"] == "Sponsored"
            assert record["Post type"] in ("Organic", "Sponsored")
            assert (follows == "") != sponsored
            assert (record["Campaign name"] != "") == sponsored
            assert record["Audience"] == (
                "Targeted audience" if sponsored else "All followers"
            )
            assert str(record["Post link"]).startswith(
                "https://www.linkedin.com/feed/update/urn:li:activity:"
            )
            created.append(
                dt.datetime.strptime(str(record["Created date"]), "%m/%d/%Y")
            )
            assert periods[-1][0] <= created[-1].date() <= periods[-1][1]
        assert created == sorted(created, reverse=True)
    assert periods == [
        (dt.date(2024, 11, 1), dt.date(2025, 6, 30)),
        (dt.date(2025, 7, 1), dt.date(2026, 6, 30)),
        (dt.date(2025, 11, 19), dt.date(2026, 11, 18)),
    ]


def test_linkedin_followers_and_visitors(folder: Path) -> None:
    for path in (folder / "linkedin").iterdir():
        match = LINKEDIN_NAME.match(path.name)
        assert match
        kind = match.group(1)
        if kind == "content":
            continue
        sheets = workbook(path)
        first = "New followers" if kind == "followers" else "Visitor metrics"
        assert list(sheets) == [first, *LI_DEMOGRAPHICS]
        daily = sheets[first]
        unit = "Total followers" if kind == "followers" else "Total views"
        if kind == "followers":
            assert daily[0] == ["Date", "Sponsored followers", "Organic followers",
                                "Auto-invited followers", "Total followers"]  # fmt: skip
            for row in daily[1:]:
                assert _number(row[1]) + _number(row[2]) + _number(row[3]) == row[4]
        else:
            assert len(daily[0]) == 25
            assert daily[0][1:4] == ["Overview page views (desktop)",
                                     "Overview page views (mobile)",
                                     "Overview page views (total)"]  # fmt: skip
            assert daily[0][-1] == "Total unique visitors (total)"
            for row in daily[1:]:
                values = [_number(c) for c in row[1:]]
                assert values[2] == values[0] + values[1]
                assert values[18 + 2] == values[2] + values[8] + values[14]
        assert all(re.match(r"^\d\d/\d\d/\d{4}$", str(r[0])) for r in daily[1:])
        for name in LI_DEMOGRAPHICS:
            rows = sheets[name]
            assert rows[0] == [name, unit]
            counts = [_number(r[1]) for r in rows[1:]]
            assert counts == sorted(counts, reverse=True)
            assert all(c == int(c) for c in counts)


def test_linkedin_video_wins_reach_but_loses_engagement_rate(folder: Path) -> None:
    organic = [
        p for p in linkedin_posts(folder / "linkedin") if p["Post type"] == "Organic"
    ]
    by_format: dict[str, list[dict[str, Cell]]] = defaultdict(list)
    for post in organic:
        by_format[str(post["Content Type"])].append(post)
    assert sorted(by_format) == ["Document", "Image", "Text", "Video"]

    def reach(f: str) -> float:
        return statistics.median(_number(p["Impressions"]) for p in by_format[f])

    def rate(f: str) -> float:
        return statistics.median(_number(p["Engagement rate"]) for p in by_format[f])

    assert max(by_format, key=reach) == "Video"
    assert min(by_format, key=rate) == "Video"
    assert max(by_format, key=rate) == "Document"
    assert reach("Video") > 2 * reach("Image")
    assert rate("Video") < 0.6 * rate("Image")
    assert all(len(posts) >= 20 for posts in by_format.values())


def test_linkedin_sponsored_buys_reach_not_engagement(folder: Path) -> None:
    posts = linkedin_posts(folder / "linkedin")
    sponsored = [p for p in posts if p["Post type"] == "Sponsored"]
    organic = [p for p in posts if p["Post type"] == "Organic"]
    assert 15 <= len(sponsored) <= 40
    assert all(str(p["Created date"]).endswith(("2025", "2026")) for p in sponsored)

    def median(group: list[dict[str, Cell]], key: str) -> float:
        return statistics.median(_number(p[key]) for p in group)

    assert median(sponsored, "Impressions") > 5 * median(organic, "Impressions")
    assert median(sponsored, "Engagement rate") < 0.6 * median(
        organic, "Engagement rate"
    )


# ── TikTok ─────────────────────────────────────────────────────────────────────


def test_tiktok_studio_bytes(folder: Path) -> None:
    headers = {
        "Content.csv": '"Time","Video title","Video link","Post time","Total likes",'
        '"Total comments","Total shares","Total views"',
        "Overview.csv": '"Date","Video Views","Profile Views","Likes","Comments","Shares"',
        "Viewers.csv": '"Date","Total Viewers","New Viewers","Returning Viewers"',
        "FollowerActivity.csv": '"Date","Hour","Active followers"',
        "FollowerGender.csv": '"Gender","Distribution"',
        "FollowerHistory.csv": '"Date","Followers","Difference in followers from previous day"',
        "FollowerTopTerritories.csv": '"Top territories","Distribution"',
    }  # fmt: skip
    for path in (folder / "tiktok").rglob("*.csv"):
        if path.parent.name == "business":
            continue
        data = path.read_bytes()
        assert data.startswith(b'\xef\xbb\xbf"')
        assert b"\r" not in data
        assert data.endswith(b'"')
        lines = data[3:].decode().split("\n")
        assert lines[0] == headers[path.name]
        for line in lines:
            assert line.startswith('"') and line.endswith('"')
            assert all(field.startswith('"') for field in line.split('","')[0:1])


def test_tiktok_daily_files_have_no_year_and_undefined_days(folder: Path) -> None:
    tiktok = folder / "tiktok"
    follows = tiktok / "Followers_fjordvikkommune"
    for path in (
        tiktok / "fjordvikkommune" / "Overview.csv",
        tiktok / "fjordvikkommune" / "Viewers.csv",
        follows / "FollowerHistory.csv",
    ):
        rows = _text(path, bom=True)[1:]
        assert len(rows) == 365
        assert rows[0][0] == "November 20"
        assert rows[-1][0] == "November 19"
        assert all(NO_YEAR.match(r[0]) for r in rows)
        if path.name != "Overview.csv":
            assert [r[1] == "undefined" for r in rows] == [True] * 25 + [False] * 340
    history = _text(follows / "FollowerHistory.csv", bom=True)[26:]
    for before, row in itertools.pairwise(history):
        assert int(row[1]) - int(before[1]) == int(row[2])
    activity = _text(follows / "FollowerActivity.csv", bom=True)[1:]
    assert len(activity) == 7 * 24
    assert [r[1] for r in activity[:24]] == [str(h) for h in range(24)]
    assert activity[0][0] == "November 13"
    for name, first in (
        ("FollowerGender.csv", "Female"),
        ("FollowerTopTerritories.csv", "NO"),
    ):
        rows = _text(follows / name, bom=True)[1:]
        assert rows[0][0] == first
        assert sum(float(r[1]) for r in rows) == pytest.approx(1.0, abs=1e-9)
    assert _text(follows / "FollowerTopTerritories.csv", bom=True)[-1][0] == "Others"


def test_tiktok_content_lists_the_top_videos(folder: Path) -> None:
    content = records(_text(folder / "tiktok" / "Content.csv", bom=True))
    business = records(_text(folder / "tiktok" / "business" / "Content.csv", bom=True))
    assert len(content) == 13
    assert {r["Time"] for r in content} == {"November 20"}
    views = [int(r["Total views"]) for r in content]
    assert views == sorted(views, reverse=True)
    assert all(NO_YEAR.match(r["Post time"]) for r in content)
    year = [r for r in business if r["Post time"] >= "2025/11/20 21:30"]
    top = sorted(year, key=lambda r: -int(r["Video views"]))[:13]
    links = {r["Video link"] for r in content}
    assert links <= {r["Video link"] for r in year}
    # The business file is a day older: a new video may have overtaken one since.
    assert len(links & {r["Video link"] for r in top}) >= 12
    assert all("\n" not in r["Video title"] for r in content)


def test_tiktok_business_variant(folder: Path) -> None:
    data = (folder / "tiktok" / "business" / "Content.csv").read_bytes()
    assert data.startswith(
        b"\xef\xbb\xbfVideo title,Video link,Post time,Video views,Likes,Comments,"
        b"Shares,Add to Favorites\n"
    )
    assert not data.endswith(b"\n")
    rows = records(text_rows(data, bom=True))
    times = [dt.datetime.strptime(r["Post time"], "%Y/%m/%d %H:%M:%S") for r in rows]
    assert times == sorted(times, reverse=True)
    assert times[0].date() == TODAY - dt.timedelta(days=1)
    assert times[-1].date() < dt.date(2024, 11, 8)
    assert len(rows) == 186
    assert any(line.startswith(b'"') for line in data.split(b"\n")[1:])  # commas quoted
    assert any(not line.startswith(b'"') for line in data.split(b"\n")[1:])
    links = [r["Video link"] for r in rows]
    assert all(
        link.startswith("https://www.tiktok.com/@fjordvikkommune/video/")
        for link in links
    )
    first = [
        int(r["Video views"])
        for r, t in zip(rows, times, strict=True)
        if t.date() < dt.date(2025, 11, 1)
    ]
    second = [
        int(r["Video views"])
        for r, t in zip(rows, times, strict=True)
        if t.date() >= dt.date(2025, 11, 1)
    ]
    assert statistics.median(second) > 1.2 * statistics.median(first)  # growing


# ── YouTube ────────────────────────────────────────────────────────────────────


def test_youtube_zip_members(folder: Path) -> None:
    members = youtube_zip(folder / "youtube")
    for data in members.values():
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\r" not in data
        assert data.endswith(b"\n")
    table = members["Table data.csv"].decode().split("\n")
    assert table[0] == YT_TABLE
    rows = records(text_rows(members["Table data.csv"], bom=False))
    total, videos = rows[0], rows[1:]
    assert total["Content"] == "Total"
    assert (
        total["Video title"] == total["Video publish time"] == total["Duration"] == ""
    )
    assert len(videos) == 67
    views = [int(v["Views"]) for v in videos]
    assert views == sorted(views, reverse=True)
    assert int(total["Views"]) == sum(views)
    assert int(total["Subscribers"]) == sum(int(v["Subscribers"]) for v in videos)
    assert float(total["Watch time (hours)"]) == pytest.approx(
        sum(float(v["Watch time (hours)"]) for v in videos), abs=0.01
    )
    assert all(v["Estimated revenue (USD)"] == "" for v in rows)
    ids = [v["Content"] for v in videos]
    assert sum(i.startswith(" -") for i in ids) == 2  # Studio's leading space …
    assert sum(i.startswith("-") for i in ids) == 1  # … but not on every "-" id
    assert all(len(i.strip()) == 11 for i in ids)
    assert all(
        re.match(r"^[A-Z][a-z]{2} \d{1,2}, \d{4}$", v["Video publish time"])
        for v in videos
    )
    assert all(re.match(r"^\d+:\d\d:\d\d$", v["Average view duration"]) for v in rows)
    shorts = [v for v in videos if int(v["Duration"]) <= 60]
    longs = [v for v in videos if int(v["Duration"]) > 60]
    assert all(v["Stayed to watch (%)"] for v in shorts)
    assert not any(v["Stayed to watch (%)"] for v in longs)
    assert statistics.median(int(v["Views"]) for v in shorts) > 2 * statistics.median(
        int(v["Views"]) for v in longs
    )
    assert any('""' in line for line in table)  # a title with quotes, escaped

    chart = records(text_rows(members["Chart data.csv"], bom=False))
    assert list(chart[0]) == ["Date", "Content", "Video title", "Video publish time",
                              "Duration", "Views"]  # fmt: skip
    days = (dt.date(2026, 11, 19) - dt.date(2024, 11, 1)).days + 1
    assert len(chart) == 5 * days
    assert [r["Content"] for r in chart[::days]] == ids[:5]
    for video in videos[:5]:
        daily = [int(r["Views"]) for r in chart if r["Content"] == video["Content"]]
        assert sum(daily) == int(video["Views"])
    totals = records(text_rows(members["Totals.csv"], bom=False))
    assert list(totals[0]) == ["Date", "Views"]
    assert [r["Date"] for r in totals] == [r["Date"] for r in chart[:days]]
    assert sum(int(r["Views"]) for r in totals) == int(total["Views"])


# ── X ──────────────────────────────────────────────────────────────────────────


def test_x_content_layouts(folder: Path) -> None:
    files = sorted((folder / "x").glob("account_analytics_content_*.csv"))
    layouts = []
    for path in files:
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        old = data.startswith(X_OLD.encode())
        layouts.append("old" if old else "new")
        assert data.split(b"\r\n" if old else b"\n", 1)[0].decode() == (
            X_OLD if old else X_NEW
        )
        assert data.endswith(b"\r\n") == old
        if not old:
            assert b"\r" not in data
        rows = records(text_rows(data, bom=False))
        junk = [r for r in rows if not r["Post id"]]
        assert len(junk) == {0: 0, 1: 1, 2: 2}[files.index(path)]
        assert all(r["Date"] == "" and r["Post text"] == "" for r in junk)
        assert all(list(r.values())[3].endswith("/status/undefined") for r in junk)
        assert all(list(r.values())[4:] == ["0"] * 13 for r in junk)
        posts = [r for r in rows if r["Post id"]]
        pattern = "%a %b %d %Y" if old else "%a, %b %d, %Y"
        for r in posts:
            day = dt.datetime.strptime(r["Date"], pattern).date()
            assert snowflake_time(r["Post id"]).date() == day
            assert "\n" not in r["Post text"]
        lines = data.decode().splitlines()[1:]
        assert all(line.startswith(",,,") or '"' in line for line in lines)
        if not old:
            assert any(
                re.search(r',"[A-Z][a-z]{2}, [A-Z][a-z]{2} \d,', line) for line in lines
            )
        ids = [int(r["Post id"]) for r in posts]
        assert ids == sorted(ids, reverse=True)
    assert layouts == ["old", "new", "new"]


def test_x_overview(folder: Path) -> None:
    data = (
        folder / "x" / "fjordvikkommune" / "account_overview_analytics.csv"
    ).read_bytes()
    assert data.startswith(
        b"Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,"
        b"Replies,Reposts,Profile visits,Create Post,Video views,Media views\n"
        b'"Fri, Nov 20, 2026",'
    )
    assert not data.endswith(b"\n")
    rows = records(text_rows(data, bom=False))
    days = [dt.datetime.strptime(r["Date"], "%a, %b %d, %Y").date() for r in rows]
    assert days == [TODAY - dt.timedelta(days=i) for i in range(len(days))]
    assert days[-1] == dt.date(2025, 12, 1)
    created = sum(int(r["Create Post"]) for r in rows)
    posts = [
        p
        for p in x_posts(folder / "x")
        if snowflake_time(p["Post id"]).date() >= days[-1]
    ]
    assert created == len(posts)


def test_x_legacy_month(folder: Path) -> None:
    x = folder / "x"
    tweets = (
        x / "tweet_activity_metrics_FjordvikKommune_20241101_20241201_en.csv"
    ).read_bytes()
    daily = (
        x / "daily_tweet_activity_metrics_FjordvikKommune_20241101_20241201_en.csv"
    ).read_bytes()
    for data in (tweets, daily):
        assert data.startswith(b'"') and data.endswith(b'"\n')
        assert b"\r" not in data
    rows = text_rows(tweets, bom=False)
    assert rows[0] == ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions",
                       "engagements", "engagement rate", *X_COUNTS, *X_PROMOTED]  # fmt: skip
    assert len(rows[0]) == 40
    table = records(rows)
    times = [dt.datetime.strptime(r["time"], "%Y-%m-%d %H:%M +0000") for r in table]
    assert times == sorted(times, reverse=True)
    assert all(t.strftime("%Y-%m") == "2024-11" for t in times)
    assert any("\n" in r["Tweet text"] for r in table)
    for r, t in zip(table, times, strict=True):
        assert abs(snowflake_time(r["Tweet id"]) - t) < dt.timedelta(minutes=2)
        assert r["Tweet permalink"].startswith(
            "https://twitter.com/FjordvikKommune/status/"
        )
        assert re.match(r"^\d+\.0$", r["impressions"]) and re.match(
            r"^\d+\.0$", r["likes"]
        )
        assert re.match(r"^\d+$", r["app opens"])
        assert r["engagement rate"] == repr(
            float(r["engagements"]) / float(r["impressions"])
        )
        assert [r[c] for c in X_PROMOTED] == ["-"] * 18
    days = records(text_rows(daily, bom=False))
    assert len(next(iter(days))) == 38
    assert [d["Date"] for d in days] == [f"2024-11-{i:02d}" for i in range(1, 31)]
    assert sum(int(d["Tweets published"]) for d in days) == len(table)


def test_x_is_the_low_return_channel(folder: Path) -> None:
    """Most posts per week, least impressions and engagements per post and per
    hour of effort (the Meta channels by reach, TikTok and YouTube by views)."""
    x = x_posts(folder / "x")
    linkedin = linkedin_posts(folder / "linkedin")
    tiktok = records(_text(folder / "tiktok" / "business" / "Content.csv", bom=True))
    youtube = records(
        text_rows(youtube_zip(folder / "youtube")["Table data.csv"], bom=False)
    )[1:]
    meta = {}
    for platform in ("facebook", "instagram"):
        latest: dict[str, dict[str, str]] = {}
        for path in sorted(
            (folder / platform).glob("*_*_*.csv"), key=lambda p: p.stat().st_size
        ):
            for record in records(_text(path, bom=True)):
                latest[record["Post ID"]] = record
        meta[platform] = [int(r["Reach"]) for r in latest.values()]
    per_post = {
        "x": [int(p["Impressions"]) for p in x],
        "linkedin": [_number(p["Impressions"]) for p in linkedin],
        "tiktok": [int(r["Video views"]) for r in tiktok],
        "youtube": [int(r["Views"]) for r in youtube],
        **meta,
    }
    counts = {k: len(v) for k, v in per_post.items()}
    assert max(counts, key=lambda k: counts[k]) == "x"
    assert counts["x"] / (105 + 2 / 7) > 8.5  # tweets per week over the 105 weeks
    medians = {k: statistics.median(v) for k, v in per_post.items()}
    assert min(medians, key=lambda k: medians[k]) == "x"
    assert medians["x"] < 0.3 * medians["facebook"]
    hours = {k: EFFORT_HOURS.get((k, ""), 0.0) for k in per_post}
    shorts = sum(int(r["Duration"]) <= 60 for r in youtube)
    hours["youtube"] = (shorts * EFFORT_HOURS[("youtube", "Short")]
                        + (len(youtube) - shorts) * EFFORT_HOURS[("youtube", "Video")]) / len(youtube)  # fmt: skip
    per_hour = {k: sum(v) / len(v) / hours[k] for k, v in per_post.items()}
    assert min(per_hour, key=lambda k: per_hour[k]) == "x"
    assert per_hour["x"] < 0.5 * min(v for k, v in per_hour.items() if k != "x")
    engagements = statistics.median(int(p["Engagements"]) for p in x)
    assert engagements <= 2


def test_x_frequency_has_diminishing_returns(folder: Path) -> None:
    weeks: dict[tuple[int, int], list[int]] = defaultdict(list)
    for post in x_posts(folder / "x"):
        weeks[snowflake_time(post["Post id"]).isocalendar()[:2]].append(
            int(post["Impressions"])
        )
    points = [(len(v), sum(v)) for v in weeks.values()]
    sizes = [n for n, _ in points]
    assert min(sizes) <= 3 and max(sizes) >= 20  # quiet weeks and campaign weeks
    logs = [(math.log(n), math.log(total)) for n, total in points]
    mean_n = statistics.fmean(a for a, _ in logs)
    mean_t = statistics.fmean(b for _, b in logs)
    slope = sum((a - mean_n) * (b - mean_t) for a, b in logs) / sum(
        (a - mean_n) ** 2 for a, _ in logs
    )
    assert 0.3 < slope < 0.7  # doubling the tweets adds well under double the reach
    quiet = statistics.median(t / n for n, t in points if n <= 6)
    busy = statistics.median(t / n for n, t in points if n >= 12)
    assert busy < 0.6 * quiet
