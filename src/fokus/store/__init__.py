"""The workspace database: one DuckDB file, the only place with SQL DDL."""

from fokus.store.database import Store

__all__ = ["Store"]
