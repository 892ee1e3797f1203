"""Tables of the workspace database and the migrations that build them.

Each migration is a tuple of statements, applied once and recorded in ``meta``. Add a
new migration at the end; never edit one that has shipped.

Posts are stored as snapshots: one row per post per export, holding what the export
said about the post (text, format, paid status) and its lifetime metrics as of the
export date. ``posts`` is the newest snapshot of each post; an older export never
hides a newer one. One table written in one streaming pass keeps imports fast.
"""

from __future__ import annotations

# The metric columns of the first schema. Frozen here, not read from the model, so
# that this migration never changes; later metrics arrive as ADD COLUMN migrations.
METRICS_V1 = (
    "views", "impressions", "plays", "reach", "interactions", "reactions", "likes",
    "comments", "shares", "saves", "follows", "total_clicks", "link_clicks",
    "other_clicks", "photo_clicks", "reach_organic", "reach_paid", "views_organic",
    "views_paid", "duration_sec", "seconds_viewed", "avg_seconds_viewed",
    "video_views_3s", "video_views_1min", "viewers_3s", "viewers_1min",
    "negative_feedback", "negative_feedback_unique", "profile_visits", "replies",
    "navigation", "sticker_taps", "estimated_earnings_usd", "ad_impressions",
)  # fmt: skip

# Metrics added in schema 2, with the LinkedIn, TikTok, YouTube and X importers.
METRICS_V2 = (
    "engagements", "impressions_paid", "engagements_paid", "unique_impressions",
    "offsite_views", "hashtag_clicks", "detail_expands", "permalink_clicks",
    "app_opens", "app_installs", "email_shares", "dial_phone", "media_views",
    "media_engagements", "unique_viewers", "new_viewers", "returning_viewers",
    "engaged_views", "avg_percent_viewed", "stayed_to_watch_pct", "watched_full_pct",
    "impressions_ctr_pct", "unfollows",
    # legacy Facebook Insights
    "impressions_organic", "engaged_users", "unique_clicks",
    # X (reposts and retweets; its "Shares" are share-menu sends):
    "reposts",
    # YouTube:
    "net_follows", "casual_viewers",
)  # fmt: skip


def _latest_post_metrics(metrics: tuple[str, ...]) -> str:
    return f"""CREATE OR REPLACE VIEW latest_post_metrics AS
            SELECT platform, account_id, post_id, metric, value, as_of, import_id,
                   source_row
            FROM (UNPIVOT (SELECT platform, account_id, post_id, as_of, import_id,
                                  source_row, {", ".join(metrics)} FROM posts)
                  ON {", ".join(metrics)} INTO NAME metric VALUE value)"""


MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        # One row per imported file. sha256 makes importing the same bytes twice a
        # no-op. extra_columns names the values of post_snapshots.extra.
        """CREATE TABLE imports (
            import_id INTEGER PRIMARY KEY,
            file_name VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL UNIQUE,
            size_bytes BIGINT NOT NULL,
            kind VARCHAR NOT NULL,
            platform VARCHAR NOT NULL,
            encoding VARCHAR NOT NULL,
            delimiter VARCHAR,
            columns VARCHAR[] NOT NULL,
            extra_columns VARCHAR[] NOT NULL,
            as_of DATE NOT NULL,
            as_of_source VARCHAR NOT NULL,
            rows_read INTEGER NOT NULL,
            rows_imported INTEGER NOT NULL,
            rows_skipped INTEGER NOT NULL,
            imported_at TIMESTAMPTZ NOT NULL
        )""",
        """CREATE TABLE import_skips (
            import_id INTEGER NOT NULL,
            source_row INTEGER NOT NULL,
            reason VARCHAR NOT NULL,
            detail VARCHAR
        )""",
        """CREATE TABLE accounts (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            name VARCHAR,
            username VARCHAR,
            import_id INTEGER NOT NULL
        )""",
        # text_nfkc is NULL when NFKC leaves the text unchanged (almost always); the
        # posts view fills it in. Metrics: one typed column each, blank is NULL.
        f"""CREATE TABLE post_snapshots (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            post_id VARCHAR NOT NULL,
            published_at TIMESTAMPTZ NOT NULL,
            published_day DATE NOT NULL,
            format VARCHAR NOT NULL,
            format_raw VARCHAR,
            text_raw VARCHAR,
            text_nfkc VARCHAR,
            permalink VARCHAR,
            paid VARCHAR NOT NULL,
            is_share BOOLEAN,
            is_crosspost BOOLEAN,
            labels VARCHAR,
            as_of DATE NOT NULL,
            import_id INTEGER NOT NULL,
            source_row INTEGER NOT NULL,
            {", ".join(f"{metric} DOUBLE" for metric in METRICS_V1)},
            extra VARCHAR[]
        )""",
        # The newest snapshot of each post: what reviews read.
        """CREATE VIEW posts AS
            SELECT * REPLACE (coalesce(text_nfkc, text_raw) AS text_nfkc)
            FROM post_snapshots
            QUALIFY row_number() OVER (
                PARTITION BY platform, account_id, post_id
                ORDER BY as_of DESC, import_id DESC) = 1""",
        # The same metrics, one row per post and metric, for tools that like long
        # tables.
        _latest_post_metrics(METRICS_V1),
        # Columns fokus does not model, kept as text so nothing is dropped silently.
        """CREATE VIEW post_fields AS
            SELECT s.platform, s.account_id, s.post_id, f.name, f.value, s.import_id,
                   s.source_row
            FROM post_snapshots s JOIN imports i USING (import_id),
                 LATERAL (SELECT unnest(i.extra_columns) AS name,
                                 unnest(s.extra) AS value) f
            WHERE f.value IS NOT NULL""",
        """CREATE TABLE daily (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            metric VARCHAR NOT NULL,
            day DATE NOT NULL,
            value DOUBLE NOT NULL,
            import_id INTEGER NOT NULL,
            source_row INTEGER NOT NULL
        )""",
        """CREATE TABLE audience (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            block VARCHAR NOT NULL,
            dimension VARCHAR NOT NULL,
            category VARCHAR NOT NULL,
            value DOUBLE NOT NULL,
            unit VARCHAR NOT NULL,
            as_of DATE NOT NULL,
            import_id INTEGER NOT NULL,
            source_row INTEGER NOT NULL
        )""",
        """CREATE VIEW latest_daily AS
            SELECT d.* FROM daily d JOIN imports i USING (import_id)
            QUALIFY row_number() OVER (
                PARTITION BY d.platform, d.account_id, d.metric, d.day
                ORDER BY i.as_of DESC, d.import_id DESC) = 1""",
    ),
    (
        *(f"ALTER TABLE post_snapshots ADD COLUMN {m} DOUBLE" for m in METRICS_V2),
        # How much of published_at the export gave (year, month, day, hour,
        # minute); published_at is the start of that period. Platform exports give
        # the minute; a research data set may give only the month.
        "ALTER TABLE post_snapshots ADD COLUMN published_precision VARCHAR "
        "NOT NULL DEFAULT 'minute'",
        # The view of the newest snapshots names its columns when it is made. A
        # snapshot is the newest when no snapshot of the same post is newer (a
        # later export, then a later import; one file holds a post once): an anti
        # join, five times faster than numbering every snapshot in a window, and
        # every query of the review reads this view.
        """CREATE OR REPLACE VIEW posts AS
            SELECT s.* REPLACE (coalesce(s.text_nfkc, s.text_raw) AS text_nfkc)
            FROM post_snapshots s
            ANTI JOIN post_snapshots n
              ON n.platform = s.platform AND n.account_id = s.account_id
             AND n.post_id = s.post_id
             AND (n.as_of > s.as_of OR (n.as_of = s.as_of AND (
                  n.import_id > s.import_id
                  OR (n.import_id = s.import_id AND n.source_row > s.source_row))))""",
        _latest_post_metrics(METRICS_V1 + METRICS_V2),
        # Figures about other pages (LinkedIn's competitors file): benchmarks, never
        # the organisation's own posts or accounts.
        """CREATE TABLE peer_benchmarks (
            platform VARCHAR NOT NULL,
            page VARCHAR NOT NULL,
            own BOOLEAN NOT NULL,
            metric VARCHAR NOT NULL,
            value DOUBLE NOT NULL,
            period_start DATE,
            period_end DATE,
            as_of DATE NOT NULL,
            import_id INTEGER NOT NULL,
            source_row INTEGER NOT NULL
        )""",
        # What a mapping (fokus import --map) said about a source fokus does not
        # know: its name, which metrics make up its engagement, and the mapping
        # itself, one row per import of a mapped file.
        """CREATE TABLE source_definitions (
            import_id INTEGER NOT NULL,
            source VARCHAR NOT NULL,
            mapping_name VARCHAR NOT NULL,
            engagement_components VARCHAR[] NOT NULL,
            mapping_toml VARCHAR NOT NULL
        )""",
    ),
    (
        # Each review's key figures, so the next review can say what changed
        # (fokus.model.history, docs/sections/strategy.md). One review per day: a
        # second run on the same day replaces the first, in one transaction.
        """CREATE TABLE reviews (
            reviewed_on DATE PRIMARY KEY,
            generated_at TIMESTAMPTZ NOT NULL,
            data_end DATE,
            strategy_reviewed DATE
        )""",
        """CREATE TABLE review_sections (
            reviewed_on DATE NOT NULL,
            position INTEGER NOT NULL,
            section VARCHAR NOT NULL,
            status VARCHAR NOT NULL
        )""",
        """CREATE TABLE review_kpis (
            reviewed_on DATE NOT NULL,
            position INTEGER NOT NULL,
            goal VARCHAR NOT NULL,
            kpi VARCHAR NOT NULL,
            metric VARCHAR NOT NULL,
            channel VARCHAR NOT NULL,
            period_start DATE NOT NULL,
            period_end DATE NOT NULL,
            value DOUBLE,
            target DOUBLE,
            status VARCHAR NOT NULL,
            n INTEGER NOT NULL
        )""",
        """CREATE TABLE review_channels (
            reviewed_on DATE NOT NULL,
            position INTEGER NOT NULL,
            platform VARCHAR NOT NULL,
            account VARCHAR NOT NULL,
            role VARCHAR,
            planned DOUBLE,
            posts INTEGER,
            per_week DOUBLE
        )""",
        """CREATE TABLE review_findings (
            reviewed_on DATE NOT NULL,
            position INTEGER NOT NULL,
            section VARCHAR NOT NULL,
            key VARCHAR NOT NULL,
            severity VARCHAR NOT NULL,
            subject VARCHAR NOT NULL,
            text_nb VARCHAR NOT NULL,
            text_en VARCHAR NOT NULL
        )""",
    ),
    (
        # Who uploaded a file through the web app, and the name it had on their
        # computer; ``stored_name`` is its name in exports/ (and the import log's
        # file_name, or the prefix of its members' names for an archive).
        """CREATE TABLE uploads (
            stored_name VARCHAR PRIMARY KEY,
            original_name VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            uploaded_by VARCHAR,
            uploaded_at TIMESTAMPTZ NOT NULL
        )""",
    ),
    (
        # The newest review's results whole, under the fingerprint of what went
        # into it (fokus.fingerprint), so that a second review of unchanged data
        # reuses them (fokus.store.review_cache). One row at most.
        """CREATE TABLE review_cache (
            fingerprint VARCHAR PRIMARY KEY,
            format INTEGER NOT NULL,
            generated_at TIMESTAMPTZ NOT NULL,
            period_start DATE,
            period_end DATE,
            sections VARCHAR NOT NULL
        )""",
    ),
)

REVIEW_TABLES = ("review_sections", "review_kpis", "review_channels", "review_findings")
"""The tables holding one review's figures, each keyed by ``reviewed_on``."""

SCHEMA_VERSION = len(MIGRATIONS)
