"""The scale suite's data: N posts over K accounts, in three real export formats.

Each account is one platform account with its own files, written by the generators
the other benchmarks use: Facebook posts in Meta's format (``import_benchmark``),
TikTok business video exports (``tiktok_benchmark``), and X tweet activity files
(analytics.twitter.com's layout, ``fokus.demo.x_writers``' header; written here,
since the demo's writer draws from its fictional world). Seeded and streamed: no
generator holds more than one account's post ids, so 10 M posts fit in memory.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fokus.demo.text_files import csv_text
from fokus.demo.x_writers import LEGACY_HEADER
from import_benchmark import ID_RANGE, SEED, caption, generate
from tiktok_benchmark import write_business

Platform = Literal["facebook", "tiktok", "x"]
# The platform of account i is PATTERN[i % 10]: every three accounts hold all three
# formats, and ten hold five Facebook Pages, three TikTok and two X accounts.
PATTERN: tuple[Platform, ...] = ("facebook", "tiktok", "facebook", "x", "tiktok",
                                 "facebook", "facebook", "x", "tiktok", "facebook")  # fmt: skip
MAX_FILE_POSTS = 250_000
"""A Facebook account with more posts gets several files (Meta exports by period)."""
INCREMENT_POSTS = 1_000
"""Posts of the new account the incremental import brings."""
STYLED_SHARE = 0.03
_X_EPOCH_MS = 1288834974657
_X_START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
_X_SECONDS = 365 * 86_400


@dataclass(frozen=True, slots=True)
class Account:
    """One platform account of the suite and the files written for it."""

    index: int
    platform: Platform
    name: str
    posts: int
    files: tuple[Path, ...] = ()


def account_sizes(n_posts: int, n_accounts: int) -> list[int]:
    """``n_posts`` over ``n_accounts``, unevenly (seeded lognormal weights, largest
    remainder), each at least one post; the sizes add up to ``n_posts`` exactly."""
    if n_accounts < 1 or n_posts < n_accounts:
        raise ValueError("need at least one post per account")
    rng = random.Random(SEED)  # noqa: S311 (test data, not secrets)
    weights = [rng.lognormvariate(0.0, 0.6) for _ in range(n_accounts)]
    spare = n_posts - n_accounts
    shares = [spare * w / sum(weights) for w in weights]
    sizes = [int(s) for s in shares]
    by_remainder = sorted(range(n_accounts), key=lambda i: sizes[i] - shares[i])
    for i in by_remainder[: spare - sum(sizes)]:
        sizes[i] += 1
    return [1 + s for s in sizes]


def plan(n_posts: int, n_accounts: int) -> list[Account]:
    """The accounts, their platforms, names and sizes (nothing written yet)."""
    return [
        Account(i, PATTERN[i % len(PATTERN)], name_of(i, PATTERN[i % len(PATTERN)]), n)
        for i, n in enumerate(account_sizes(n_posts, n_accounts))
    ]


def name_of(index: int, platform: Platform) -> str:
    """The account's handle or Page name, as the export names it."""
    return {
        "facebook": f"Bench Side {index:03d}",
        "tiktok": f"bench.tiktok{index:03d}",
        "x": f"bench_x{index:03d}",
    }[platform]


def write_account(account: Account, folder: Path, id_slots: int) -> Account:
    """Write the account's files into ``folder``; ``id_slots`` is how many accounts
    share the id space (Facebook ids are drawn from the account's own slice)."""
    seed = SEED + 7919 * (account.index + 1)
    folder.mkdir(parents=True, exist_ok=True)
    if account.platform == "facebook":
        low, high = ID_RANGE
        span = (high - low) // id_slots
        start = low + account.index * span
        page = (str(100066300000000 + account.index), account.name)
        files = generate(
            folder, account.posts, -(-account.posts // MAX_FILE_POSTS), STYLED_SHARE,
            seed=seed, pages=(page,), id_range=(start, start + span),
        ).files  # fmt: skip
    elif account.platform == "tiktok":
        path = folder / f"TIKTOK_VIDEO_{account.name}_2026-02-28.csv"
        write_business(path, account.posts, seed=seed, handle=account.name)
        files = (path,)
    else:
        files = (write_tweets(folder, account, seed),)
    return Account(account.index, account.platform, account.name, account.posts, files)


def write_tweets(folder: Path, account: Account, seed: int) -> Path:
    """analytics.twitter.com's tweet activity file for 2025: every field quoted,
    UTF-8 without BOM, LF, newest first, times in UTC, the first counts as floats,
    promoted columns ``-``, multi-line tweet texts. Ids are snowflakes of their
    time, with the account's index in the worker bits so they never collide."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    path = folder / f"tweet_activity_metrics_{account.name}_20250101_20260101_en.csv"
    step = max(1, _X_SECONDS // account.posts)
    offset = _X_SECONDS
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(csv_text([LEGACY_HEADER], quote_all=True))
        rows: list[list[str]] = []
        for sequence in range(account.posts):
            offset -= rng.randint(1, 2 * step - 1) if step > 1 else 1
            rows.append(tweet_row(rng, account, offset, sequence))
            if len(rows) == 20_000:
                out.write(csv_text(rows, quote_all=True))
                rows.clear()
        if rows:
            out.write(csv_text(rows, quote_all=True))
    return path


def tweet_row(
    rng: random.Random, account: Account, offset: int, sequence: int
) -> list[str]:
    """One tweet, ``offset`` seconds into 2025 (negative: before it)."""
    posted = _X_START + dt.timedelta(seconds=offset)
    millis = int(posted.timestamp() * 1000) - _X_EPOCH_MS
    tweet_id = millis << 22 | (account.index % 1024) << 12 | sequence % 4096
    impressions = int(rng.lognormvariate(6.5, 1.2)) + 1
    likes = rng.randint(0, impressions // 25)
    replies, retweets = rng.randint(0, likes // 5 + 1), rng.randint(0, likes // 4 + 1)
    clicks = [rng.randint(0, impressions // 60) for _ in range(5)]
    counts = [retweets, replies, likes, *clicks, 0, 0, rng.randint(0, 3), 0, 0]
    media_views = rng.randint(0, impressions) if rng.random() < 0.4 else 0
    media_engagements = rng.randint(0, media_views // 30) if media_views else 0
    counts += [media_views, media_engagements]
    engaged = sum(counts) - media_views
    promoted = ["-"] * (len(LEGACY_HEADER) - 7 - len(counts))
    return [
        str(tweet_id),
        f"https://twitter.com/{account.name}/status/{tweet_id}",
        caption(rng, STYLED_SHARE),
        f"{posted:%Y-%m-%d %H:%M} +0000",
        f"{impressions}.0",
        f"{engaged}.0",
        repr(engaged / impressions),
        *(f"{v}.0" for v in counts[:8]),
        *(str(v) for v in counts[8:]),
        *promoted,
    ]


def write_all(accounts: list[Account], folder: Path, id_slots: int) -> list[Account]:
    """Every account's files, each account in its own sub-folder."""
    return [
        write_account(a, folder / f"account-{a.index:03d}", id_slots) for a in accounts
    ]


def increment(n_accounts: int, folder: Path) -> Account:
    """The new account of the incremental import: one Facebook Page, 1,000 posts."""
    new = Account(n_accounts, "facebook", name_of(n_accounts, "facebook"),
                  INCREMENT_POSTS)  # fmt: skip
    return write_account(new, folder / f"account-{n_accounts:03d}", n_accounts + 1)
