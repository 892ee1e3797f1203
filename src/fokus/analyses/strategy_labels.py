"""How the strategy section names KPIs, channels and roles in findings and tables."""

from __future__ import annotations

from fokus.analyses.kpi_metrics import KPI_METRICS
from fokus.config import ChannelRole, KpiConfig
from fokus.i18n import MessageKey


def metric_name(kpi: KpiConfig) -> MessageKey | str:
    """The metric's words; an unknown metric as the user wrote it."""
    if kpi.metric in KPI_METRICS:
        return MessageKey(f"column.strategy.metric.{kpi.metric}")
    return kpi.metric


def kpi_name(kpi: KpiConfig) -> MessageKey | str:
    """The KPI's own text, else its metric's words."""
    return kpi.text or metric_name(kpi)


def kpi_channel(kpi: KpiConfig) -> MessageKey:
    """The KPI's platform, or "all channels"."""
    if kpi.platform is None:
        return MessageKey("column.strategy.all_channels")
    return MessageKey(f"platform.{kpi.platform}")


def platform_name(platform: str) -> MessageKey:
    return MessageKey(f"platform.{platform}")


def role_name(role: ChannelRole | None) -> MessageKey:
    """A channel's role in fokus.toml; ``none`` for a channel it does not name."""
    return MessageKey(f"column.strategy.role.{role or 'none'}")
