"""A demo workspace: a fictional Norwegian municipality's exports in real formats.

``write_demo_exports`` simulates two years of posts and account metrics and writes
them as the files a communications team downloads over the years from Meta
Business Suite, LinkedIn, TikTok Studio, YouTube Studio and X, so the demo runs
through the real importers and the real review.
``write_demo_registers`` fills in the five registers, with problems planted for the
analyses to find, and ``write_demo_config`` the organisation's channels, goals and
KPIs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from fokus.demo.config import write_demo_config
from fokus.demo.linkedin_writers import write_linkedin
from fokus.demo.meta_writers import META_WRITERS, Writer
from fokus.demo.organisation import DEMO_ORGANISATION
from fokus.demo.registers import write_demo_registers
from fokus.demo.tiktok_writers import write_tiktok_business, write_tiktok_studio
from fokus.demo.world import build_world
from fokus.demo.x_writers import write_x_content, write_x_legacy, write_x_overview
from fokus.demo.youtube_writers import write_youtube
from fokus.model.vocab import ExportKind

__all__ = [
    "DEMO_ORGANISATION",
    "WRITERS",
    "write_demo_config",
    "write_demo_exports",
    "write_demo_registers",
]

WRITERS: tuple[tuple[ExportKind | tuple[ExportKind, ...], Writer], ...] = (
    *META_WRITERS,
    (("linkedin_content", "linkedin_visitors", "linkedin_followers"), write_linkedin),
    (("tiktok_content", "tiktok_overview", "tiktok_viewers",
      "tiktok_follower_activity", "tiktok_audience", "tiktok_followers"),
     write_tiktok_studio),
    ("tiktok_content", write_tiktok_business),
    (("youtube_table", "youtube_chart", "youtube_totals"), write_youtube),
    (("x_tweets", "x_daily"), write_x_legacy),
    ("x_content", write_x_content),
    ("x_overview", write_x_overview),
)  # fmt: skip
"""Every writer the demo runs, with the export kinds of the files it writes (the
YouTube zip holds three kinds, one member each)."""


def write_demo_exports(
    exports_dir: Path, *, seed: int = 2026, today: dt.date = dt.date(2026, 11, 20)
) -> tuple[Path, ...]:
    """Write the demo's export files into exports_dir; return their paths (sorted).

    Same seed+today → byte-identical files: all randomness comes from
    ``random.Random`` seeded per stream, and nothing reads the clock. Every file
    is dated ``today``, as if downloaded that day: files whose export date only
    the file's date can tell (``Audience.csv``) then give the same review on
    any day the demo runs.
    """
    world = build_world(seed, today)
    paths: list[Path] = []
    for _kind, writer in WRITERS:
        paths.extend(writer(world, exports_dir))
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC).timestamp()
    for path in paths:
        os.utime(path, (noon, noon))
    return tuple(sorted(paths))
