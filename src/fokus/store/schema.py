"""Tables of the workspace database and the migrations that build them.

Each migration is a tuple of statements, applied once and recorded in ``meta``. Add a
new migration at the end; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        # One row per imported file. sha256 makes importing the same bytes twice a no-op.
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
        # The latest known description of each post; metrics live in post_metrics.
        """CREATE TABLE posts (
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
            as_of DATE NOT NULL,
            import_id INTEGER NOT NULL,
            source_row INTEGER NOT NULL
        )""",
        # Lifetime totals as of an export date: a newer export adds a snapshot.
        """CREATE TABLE post_metrics (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            post_id VARCHAR NOT NULL,
            metric VARCHAR NOT NULL,
            value DOUBLE NOT NULL,
            as_of DATE NOT NULL,
            import_id INTEGER NOT NULL,
            source_row INTEGER NOT NULL
        )""",
        # Columns fokus does not know yet, kept as text so nothing is dropped silently.
        """CREATE TABLE post_fields (
            platform VARCHAR NOT NULL,
            account_id VARCHAR NOT NULL,
            post_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            value VARCHAR NOT NULL,
            import_id INTEGER NOT NULL,
            source_row INTEGER NOT NULL
        )""",
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
        # Reviews read the newest snapshot; an older export never hides a newer one.
        """CREATE VIEW latest_post_metrics AS
            SELECT * FROM post_metrics
            QUALIFY row_number() OVER (
                PARTITION BY platform, account_id, post_id, metric
                ORDER BY as_of DESC, import_id DESC) = 1""",
        """CREATE VIEW latest_daily AS
            SELECT d.* FROM daily d JOIN imports i USING (import_id)
            QUALIFY row_number() OVER (
                PARTITION BY d.platform, d.account_id, d.metric, d.day
                ORDER BY i.as_of DESC, d.import_id DESC) = 1""",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
