"""Closed sets of the domain: platforms, formats, paid status, statuses."""

from __future__ import annotations

from typing import Literal, get_args

Platform = Literal[
    "facebook", "instagram", "linkedin", "tiktok", "youtube", "x", "meta", "other"
]
"""Where a post or series comes from. ``meta`` means "Facebook or Instagram": some Meta
daily files (``Content interactions``) do not say which."""
PLATFORMS: tuple[Platform, ...] = get_args(Platform)

Format = Literal[
    "image",
    "carousel",
    "video",
    "reel",
    "story",
    "link",
    "text",
    "document",
    "live",
    "poll",
    "other",
]
"""The canonical post format; the platform's own word is kept beside it."""
FORMATS: tuple[Format, ...] = get_args(Format)

PublishedPrecision = Literal["year", "month", "day", "hour", "minute"]
"""How much of a post's publish time the export gives. Platform exports give the
minute; a date-only export the day; a research data set may give only the month.
The stored time is the start of the known period (the 1st of the month at 00:00)."""
PUBLISHED_PRECISIONS: tuple[PublishedPrecision, ...] = get_args(PublishedPrecision)

PaidStatus = Literal["organic", "paid", "unknown"]
"""``paid`` covers boosted and sponsored posts; ``unknown`` when the export cannot tell."""
PAID_STATUSES: tuple[PaidStatus, ...] = get_args(PaidStatus)

PostMetric = Literal[
    "views", "impressions", "plays", "reach", "interactions", "reactions", "likes",
    "comments", "shares", "saves", "follows", "total_clicks", "link_clicks",
    "other_clicks", "photo_clicks", "reach_organic", "reach_paid", "views_organic",
    "views_paid", "duration_sec", "seconds_viewed", "avg_seconds_viewed",
    "video_views_3s", "video_views_1min", "viewers_3s", "viewers_1min",
    "negative_feedback", "negative_feedback_unique", "profile_visits", "replies",
    "navigation", "sticker_taps", "estimated_earnings_usd", "ad_impressions",
    # Added with the LinkedIn, TikTok, YouTube and X importers (schema 2):
    "engagements", "impressions_paid", "engagements_paid", "unique_impressions",
    "offsite_views", "hashtag_clicks", "detail_expands", "permalink_clicks",
    "app_opens", "app_installs", "email_shares", "dial_phone", "media_views",
    "media_engagements", "unique_viewers", "new_viewers", "returning_viewers",
    "engaged_views", "avg_percent_viewed", "stayed_to_watch_pct", "watched_full_pct",
    "impressions_ctr_pct", "unfollows",
    # Added with the legacy Facebook Insights importer (schema 2):
    "impressions_organic", "engaged_users", "unique_clicks",
    # X (reposts and retweets; its "Shares" are share-menu sends):
    "reposts",
    # YouTube:
    "net_follows", "casual_viewers",
]  # fmt: skip
"""Every per-post metric fokus knows: one typed column each in ``post_snapshots``."""
POST_METRICS: tuple[PostMetric, ...] = get_args(PostMetric)

ExportKind = Literal[
    "meta_facebook_posts",
    "meta_instagram_posts",
    "meta_daily_series",
    "meta_audience",
    "facebook_insights_posts",
    "linkedin_content",
    "linkedin_followers",
    "linkedin_visitors",
    "linkedin_competitors",
    "tiktok_content",
    "tiktok_overview",
    "tiktok_viewers",
    "tiktok_followers",
    "tiktok_follower_activity",
    "tiktok_audience",
    "youtube_table",
    "youtube_chart",
    "youtube_totals",
    "x_tweets",
    "x_daily",
    "x_content",
    "x_overview",
    "mapped",
]
"""Every export kind fokus recognises (one adapter each)."""

SectionStatus = Literal["ok", "insufficient_data", "failed"]
Severity = Literal["info", "notice", "warning", "critical"]
