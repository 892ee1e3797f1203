"""The demo workspace's ``fokus.toml``: Fjordvik kommune's channels, goals and KPIs.

The accounts are written as the importers store them (``posts.account_id``), so
the channel plan matches the data. The goals and KPIs are the municipality's own,
in bokmål, and chosen so the review shows every kind of KPI status: two met, one
on track, two behind (X, the low-return channel, among them), and one the exports
cannot measure (new YouTube subscribers, which YouTube Studio's table by date
would give).

Planted for the strategy check's judgment part (docs/sections/strategy.md): the
strategy was last reviewed in March two years before the demo's day (stale); the
fourth goal, on emergency information, has no KPI and names no organisation goal
it serves; and the plan says Instagram is the main channel and X an "other" one at
5 posts a week, while the demo's X account posts about 9 a week, more than twice
Instagram's 4, so fewer than half of all posts go to the main and support channels.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fokus.demo.organisation import (
    DEMO_ORGANISATION,
    FACEBOOK_PAGE,
    INSTAGRAM_ACCOUNT,
    LINKEDIN_PAGE,
    TIKTOK_ACCOUNT,
    X_ACCOUNT,
)
from fokus.files import write_atomically
from fokus.i18n import Language

_TEMPLATE = """\
# fokus.toml for the demo: {organisation} (everything here is invented).
# Every field is explained in docs/config.md.
organisation = "{organisation}"
language = "{language}"
timezone = "Europe/Oslo"
strategy_reviewed = {reviewed}
brand_terms = ["{organisation}", "#fjordvik", "#fjordvikkommune"]
findability_queries = {queries}

[[channels]]
platform = "instagram"
account = "{instagram}"
role = "main"
posts_per_week_planned = 4

[[channels]]
platform = "facebook"
account = "{facebook}"
role = "support"
posts_per_week_planned = 4

[[channels]]
platform = "linkedin"
account = "{linkedin}"
role = "support"
posts_per_week_planned = 2

[[channels]]
platform = "tiktok"
account = "{tiktok}"
role = "other"
posts_per_week_planned = 2

[[channels]]
platform = "youtube"
account = "youtube"
role = "other"
posts_per_week_planned = 0.5

[[channels]]
platform = "x"
account = "{x}"
role = "other"
posts_per_week_planned = 5

[[goals]]
key = "synlighet"
text = "Flere innbyggere får med seg hva kommunen tilbyr"
serves = "Innbyggerne bruker tjenestene og tilbudene kommunen har"
priority = 1

[[goals.kpis]]
metric = "median_reach"
platform = "instagram"
target = 1000
period = "12_months"
text = "Median rekkevidde per innlegg på Instagram"

[[goals.kpis]]
metric = "reach"
target = 600000
deadline = {year}-12-31
text = "Samlet organisk rekkevidde i år, alle kanaler"

[[goals]]
key = "dialog"
text = "Mer dialog med innbyggerne i kanalene"
serves = "Tillit til kommunen"
priority = 2

[[goals.kpis]]
metric = "engagement_rate"
platform = "instagram"
target = 0.05
period = "12_months"
text = "Engasjement per person nådd på Instagram"

[[goals.kpis]]
metric = "median_views"
platform = "x"
target = 100
period = "12_months"
text = "Median visninger per innlegg på X"

[[goals]]
key = "rekruttering"
text = "Flere kjenner kommunen som arbeidsgiver"
serves = "Nok fagfolk i kommunen"
priority = 3

[[goals.kpis]]
metric = "follower_growth"
platform = "linkedin"
target = 850
deadline = {year}-12-31
text = "Nye følgere på LinkedIn i år"

[[goals.kpis]]
metric = "follower_growth"
platform = "youtube"
target = 300
deadline = {year}-12-31
text = "Nye abonnenter på YouTube i år"

[[goals]]
key = "beredskap"
text = "Innbyggerne vet hvor de finner informasjon når noe skjer"
priority = 4
"""


# What residents search for: queries the profile texts answer fully, in part, and
# not at all (docs/sections/text.md, "The demo").
_QUERIES: dict[Language, str] = {
    "nb": '["nyheter og arrangementer i Fjordvik", "byggesøknad", '
    '"ledige stillinger i kommunen", "barnehageplass"]',
    "en": '["news and events in Fjordvik", "building permits", '
    '"vacancies at the municipality", "kindergarten place"]',
}


def demo_config_text(language: Language, today: dt.date) -> str:
    """The demo's fokus.toml; goals for the calendar year of ``today``."""
    return _TEMPLATE.format(
        organisation=DEMO_ORGANISATION,
        language=language,
        reviewed=dt.date(today.year - 2, 3, 14).isoformat(),
        year=today.year,
        facebook=FACEBOOK_PAGE.account_id,
        instagram=INSTAGRAM_ACCOUNT.account_id,
        linkedin=LINKEDIN_PAGE.handle,
        tiktok=TIKTOK_ACCOUNT.handle,
        x=X_ACCOUNT.handle.lower(),
        queries=_QUERIES[language],
    )


def write_demo_config(root: Path, language: Language, today: dt.date) -> Path:
    """Write the demo's fokus.toml into the workspace folder ``root``."""
    path = root / "fokus.toml"
    write_atomically(path, demo_config_text(language, today).encode("utf-8"))
    return path
