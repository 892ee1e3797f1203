"""Every export kind fokus recognises, in the order they are tried."""

from __future__ import annotations

from fokus.ingest.base import Adapter
from fokus.ingest.linkedin_audience import LinkedInFollowers, LinkedInVisitors
from fokus.ingest.linkedin_competitors import LinkedInCompetitors
from fokus.ingest.linkedin_content import LinkedInContent
from fokus.ingest.meta_blocks import MetaAudience
from fokus.ingest.meta_posts import FacebookPosts, InstagramPosts
from fokus.ingest.meta_series import MetaDailySeries

ADAPTERS: tuple[Adapter, ...] = (
    FacebookPosts(),
    InstagramPosts(),
    MetaDailySeries(),
    MetaAudience(),
    LinkedInContent(),
    LinkedInFollowers(),
    LinkedInVisitors(),
    LinkedInCompetitors(),
)
