"""Display labels for stored metric names: one place, for every analysis.

A name fokus knows (``reach``, every canonical per-post metric, every daily series an
importer stores) is shown by its catalog message ``metric.<name>``. Names the
importers compose from parts are shown through catalog messages with placeholders:

- ``<metric>_<variant>``: ``impressions_organic`` → "Eksponeringer (organisk)"
  (LinkedIn's organic/sponsored/total, X's promoted ``_paid``, LinkedIn's
  ``new_followers_auto_invited``);
- ``<measure>_<section>_<device>``: ``page_views_overview_mobile`` →
  "Sidevisninger – Oversikt (mobil)" (LinkedIn's visitors export);
- ``<metric>.<value>``: ``views.subscribed`` → "Visninger – abonnenter" (YouTube's
  Chart data, one series per value of the chart's dimension).

Parts that are data are shown as stored, never guessed at: a video id, a country or
a traffic source after the dot, a LinkedIn page section fokus has not seen. A name
fokus does not know at all (an export heading kept under its own name, see
docs/metrics.md) is shown as stored, too.
"""

from __future__ import annotations

import re

from fokus.i18n import Label, MessageKey
from fokus.model.vocab import POST_METRICS

SERIES_METRICS: frozenset[str] = frozenset({
    "viewers", "visits", "followers", "phone_clicks", "leads", "engaged_audience",
    "posts_published", "video_views", "new_followers", "clicks", "engagement_rate",
    "page_views", "unique_visitors", "avg_views_per_viewer", "views_pct",
    "watch_time_pct",
})  # fmt: skip
"""Daily-series and breakdown names (and name bases) that are not per-post metrics."""

KNOWN_METRICS: frozenset[str] = frozenset(POST_METRICS) | SERIES_METRICS
"""Every name with a catalog message ``metric.<name>``."""

VARIANTS: tuple[str, ...] = ("organic", "sponsored", "paid", "total", "auto_invited")
"""``<metric>_<variant>``: message ``metric.variant.<variant>``."""

PAGE_MEASURES: tuple[str, ...] = ("page_views", "unique_visitors")
PAGE_SECTIONS: frozenset[str] = frozenset({
    "overview", "life", "jobs", "careers", "total",
})  # fmt: skip
DEVICES: frozenset[str] = frozenset({"desktop", "mobile", "total"})

CHART_VALUES: frozenset[str] = frozenset({
    "subscribed", "not_subscribed", "female", "male", "user_specified", "total",
})  # fmt: skip
"""YouTube dimension values with a name in every language (``youtube_columns``)."""
_AGE_BAND = re.compile(r"^\d{1,3}(?:-\d{1,3}|\+)$")


def metric_label(name: str) -> Label:
    """How the stored metric ``name`` is shown; its raw value stays ``name``."""
    if name in KNOWN_METRICS:
        return Label(name, f"metric.{name}")
    return (
        _with_value(name)
        or _with_variant(name)
        or _with_section(name)
        or Label(name)  # a heading fokus does not know: shown as stored
    )


def _metric(base: str) -> MessageKey:
    return MessageKey(f"metric.{base}")


def _with_value(name: str) -> Label | None:
    """``views.subscribed``, ``views.13-17``, ``avg_percent_viewed.<video id>``."""
    base, dot, value = name.partition(".")
    if not dot or not value or base not in KNOWN_METRICS:
        return None
    shown: str
    if value in CHART_VALUES:
        shown = MessageKey(f"metric.value.{value}")
    elif _AGE_BAND.match(value):
        shown = Label(value, "metric.value.age", band=value.replace("-", "–"))
    else:
        shown = value  # data: a video id, a country, a traffic source …
    return Label(name, "metric.with_value", metric=_metric(base), value=shown)


def _with_variant(name: str) -> Label | None:
    """``impressions_organic``, ``new_followers_auto_invited``, ``likes_paid``."""
    for variant in VARIANTS:
        base = name.removesuffix(f"_{variant}")
        if base != name and base in KNOWN_METRICS:
            return Label(
                name,
                "metric.with_variant",
                metric=_metric(base),
                variant=MessageKey(f"metric.variant.{variant}"),
            )
    return None


def _with_section(name: str) -> Label | None:
    """``page_views_overview_desktop``, ``unique_visitors_careers_mobile``."""
    for measure in PAGE_MEASURES:
        rest = name.removeprefix(f"{measure}_")
        section, _, device = rest.rpartition("_")
        if rest == name or not section or device not in DEVICES:
            continue
        return Label(
            name,
            "metric.with_section",
            metric=_metric(measure),
            # A section fokus has not seen keeps the name LinkedIn gave it.
            section=(
                MessageKey(f"metric.section.{section}")
                if section in PAGE_SECTIONS
                else section
            ),
            device=MessageKey(f"metric.device.{device}"),
        )
    return None
