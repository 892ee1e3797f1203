"""Every export kind fokus recognises, in the order they are tried."""

from __future__ import annotations

from fokus.ingest.base import Adapter
from fokus.ingest.facebook_insights import FacebookInsightsPosts
from fokus.ingest.linkedin_audience import LinkedInFollowers, LinkedInVisitors
from fokus.ingest.linkedin_competitors import LinkedInCompetitors
from fokus.ingest.linkedin_content import LinkedInContent
from fokus.ingest.meta_blocks import MetaAudience
from fokus.ingest.meta_posts import FacebookPosts, InstagramPosts
from fokus.ingest.meta_series import MetaDailySeries
from fokus.ingest.tiktok_audience import TikTokAudience
from fokus.ingest.tiktok_content import TikTokContent
from fokus.ingest.tiktok_series import (
    TikTokFollowerActivity,
    TikTokFollowers,
    TikTokOverview,
    TikTokViewers,
)
from fokus.ingest.x_daily import XDaily, XOverview
from fokus.ingest.x_posts import XContent, XTweets
from fokus.ingest.youtube_chart import YouTubeChart, YouTubeTotals
from fokus.ingest.youtube_table import YouTubeTable

ADAPTERS: tuple[Adapter, ...] = (
    FacebookPosts(),
    InstagramPosts(),
    MetaDailySeries(),
    MetaAudience(),
    FacebookInsightsPosts(),
    XTweets(),
    XContent(),
    XDaily(),
    XOverview(),
    YouTubeTable(),
    YouTubeChart(),
    YouTubeTotals(),
    TikTokContent(),
    TikTokOverview(),
    TikTokViewers(),
    TikTokFollowers(),
    TikTokFollowerActivity(),
    TikTokAudience(),
    LinkedInContent(),
    LinkedInFollowers(),
    LinkedInVisitors(),
    LinkedInCompetitors(),
)
