"""A review's key figures, kept in the store so the next review can say what changed.

``review.py`` takes them from a finished review (the strategy section's KPI and
channel tables, every section's findings) and the store keeps one record per
review day. The next review, at least ``MIN_DAYS_BETWEEN_REVIEWS`` later, reads the
newest such record and the strategy section compares (docs/sections/strategy.md,
"Since the previous review"). Values only: no I/O here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fokus.model.vocab import SectionStatus, Severity


@dataclass(frozen=True, slots=True)
class KpiFigure:
    """One KPI as a review measured it.

    ``goal``, ``kpi``, ``metric`` and ``channel`` identify it from one review to the
    next: the goal's text, the KPI's own text (may be empty), the metric (a message
    key such as ``column.strategy.metric.reach``, or the unknown name as written)
    and the channel (``platform.instagram`` or ``column.strategy.all_channels``).
    """

    goal: str
    kpi: str
    metric: str
    channel: str
    start: dt.date
    end: dt.date
    value: float | None
    target: float | None
    status: str
    """The status's message key, ``column.strategy.status.met`` …"""
    n: int

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.goal, self.kpi, self.metric, self.channel)


@dataclass(frozen=True, slots=True)
class ChannelFigure:
    """One channel: its place in the plan, and what was posted there."""

    platform: str
    """A message key: ``platform.instagram``."""
    account: str
    role: str | None
    """A message key (``column.strategy.role.main``); None when fokus.toml does not
    name the channel."""
    planned: float | None
    """Posts a week the plan says."""
    posts: int | None
    """Posts in the twelve months up to the data's end; None without posts data."""
    per_week: float | None

    @property
    def identity(self) -> tuple[str, str]:
        return (self.platform, self.account.casefold())


@dataclass(frozen=True, slots=True)
class FindingFigure:
    """A finding of any section, as its text read in both languages.

    ``subject`` tells it apart from other findings with the same key: its text
    parameters (names, channels, goals) without its numbers and dates, which change
    from one review to the next while the finding is the same.
    """

    section: str
    key: str
    severity: Severity
    subject: str
    text_nb: str
    text_en: str

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.section, self.key, self.subject)


@dataclass(frozen=True, slots=True)
class SectionFigure:
    """A section's status in a review."""

    key: str
    status: SectionStatus


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """What one review leaves for the next one to compare with."""

    reviewed_on: dt.date
    """The review's day (``today``); one record per day, the latest run wins."""
    generated_at: dt.datetime
    data_end: dt.date | None
    strategy_reviewed: dt.date | None
    sections: tuple[SectionFigure, ...]
    kpis: tuple[KpiFigure, ...]
    channels: tuple[ChannelFigure, ...]
    findings: tuple[FindingFigure, ...]
