"""The fictional organisation behind the demo: its accounts, pillars and audience.

Everything here is invented. The numbers that steer the simulation live next to the
thing they describe (a pillar's reach and engagement multipliers sit on the pillar),
so the story the demo tells can be read in one place:

* Facebook is the weak channel: many posts, little reach per post, and falling.
* Instagram is the strong one: fewer posts, more reach, growing.
* "Natur og friluft" and "Kultur" work; "Politikk og høringer" and the generic
  service notices do not.
* Posts with a face and a first-person voice beat polished marketing text.
* Boosted Facebook posts reach several times more people, at a seventh of the
  interaction rate.

The other four channels (:data:`OTHER_CHANNELS`, simulated in
:mod:`fokus.demo.channel_posts`) run over the same two years:

* **X is the low-return channel.** The team tweets more than it posts anywhere
  else (about nine a week), yet a tweet gets the fewest impressions and
  engagements of any post, and the least per hour of effort
  (:data:`EFFORT_HOURS`), even though a tweet is the cheapest post to make.
* **X also shows diminishing returns of frequency.** The number of tweets varies a
  lot from week to week (campaign weeks, quiet weeks), and each tweet's impressions
  fall with the number of tweets that week (elasticity :data:`X_FREQUENCY_ELASTICITY`):
  a busy week gets more impressions in total, but far less than in proportion.
* **On LinkedIn, video wins reach but loses engagement rate**: videos get the most
  impressions per post and the lowest engagement rate; documents (PDF carousels)
  the highest engagement rate on modest reach.
* **Sponsored LinkedIn posts** (recruitment and culture campaigns, from the second
  calendar year on) get several times the impressions of organic posts at a much
  lower engagement rate — as boosted Facebook posts do.
* TikTok is young and growing: few videos, many views each, more every year.
* YouTube carries a few long videos (expensive to make) and Shorts (cheap, more
  views each, watched to the end more often).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DEMO_ORGANISATION = "Fjordvik kommune"

MetaPlatform = Literal["facebook", "instagram"]
OtherPlatform = Literal["linkedin", "tiktok", "youtube", "x"]


@dataclass(frozen=True, slots=True)
class Account:
    """One account of the organisation on one platform."""

    platform: MetaPlatform
    account_id: str
    username: str
    name: str


FACEBOOK_PAGE = Account(
    "facebook", "100087154302961", "fjordvikkommune", DEMO_ORGANISATION
)
INSTAGRAM_ACCOUNT = Account(
    "instagram", "17841458830214476", "fjordvik_kommune", DEMO_ORGANISATION
)
ACCOUNTS = (FACEBOOK_PAGE, INSTAGRAM_ACCOUNT)


@dataclass(frozen=True, slots=True)
class Pillar:
    """A content pillar and how well it works (multipliers around 1.0)."""

    key: str
    name: str
    weight: float
    """Share of posts, before normalising."""
    reach: float
    engagement: float
    share_bias: float
    """Multiplier on the share of interactions that are shares (warnings get shared)."""
    comment_bias: float
    hashtags: tuple[str, ...]


PILLARS: tuple[Pillar, ...] = (
    Pillar("natur", "Natur og friluft", 0.15, 1.55, 1.35, 1.0, 1.0,
           ("#friluftsliv", "#turglede", "#norgesnatur")),
    Pillar("kultur", "Kultur", 0.18, 1.15, 1.2, 1.0, 1.0,
           ("#kultur", "#bibliotek", "#kulturhuset")),
    Pillar("beredskap", "Beredskap", 0.12, 1.45, 0.9, 3.0, 0.8,
           ("#beredskap", "#egenberedskap")),
    Pillar("jobb", "Jobb i kommunen", 0.15, 0.95, 1.05, 1.2, 0.9,
           ("#jobbikommunen", "#ledigstilling")),
    Pillar("politikk", "Politikk og høringer", 0.15, 0.5, 0.55, 0.6, 2.2,
           ("#lokaldemokrati", "#høring")),
    Pillar("tjenester", "Tjenester og informasjon", 0.25, 0.8, 0.65, 1.0, 0.8,
           ("#innbyggerinfo",)),
)  # fmt: skip

BASE_HASHTAGS = ("#fjordvik", "#fjordvikkommune")

Voice = Literal["personal", "generic", "plain"]
VOICE_WEIGHTS: tuple[tuple[Voice, float], ...] = (
    ("personal", 0.25),
    ("generic", 0.2),
    ("plain", 0.55),
)
VOICE_REACH: dict[Voice, float] = {"personal": 1.3, "generic": 0.75, "plain": 1.0}
VOICE_ENGAGEMENT: dict[Voice, float] = {"personal": 1.45, "generic": 0.7, "plain": 1.0}

# Post formats in the platforms' own words, with (share of posts, reach, engagement
# rate). Reach and engagement rank formats differently on purpose: video reaches
# furthest, photos and carousels get the most interactions per person reached.
FACEBOOK_FORMATS: tuple[tuple[str, float, float, float], ...] = (
    ("Photos", 0.58, 1.0, 1.0),
    ("Links", 0.2, 0.6, 0.85),
    ("Videos", 0.08, 1.6, 0.6),
    ("Reels", 0.14, 2.8, 0.42),
)
INSTAGRAM_FORMATS: tuple[tuple[str, float, float, float], ...] = (
    ("IG image", 0.4, 0.9, 1.0),
    ("IG carousel", 0.25, 1.1, 1.55),
    ("IG reel", 0.35, 2.3, 0.6),
)


@dataclass(frozen=True, slots=True)
class ChannelModel:
    """How a channel behaves: volume, reach level and trend, engagement level."""

    posts_per_week: float
    base_reach: float
    yearly_trend: float
    """Reach multiplier per year (0.68 = minus 32 % a year)."""
    reach_sigma: float
    """Spread of the lognormal noise on reach: the heavy tail."""
    engagement_rate: float
    """Interactions per person reached for a plain, average post."""
    weekend_posting: float
    weekend_reach: float
    posting_hours: tuple[int, int]


# Facebook posts less at weekends and weekend posts reach fewer people; Instagram
# also posts less at weekends, but its weekend posts reach *more* people.
CHANNELS: dict[MetaPlatform, ChannelModel] = {
    "facebook": ChannelModel(5.2, 420.0, 0.68, 0.8, 0.045, 0.35, 0.6, (7, 16)),
    "instagram": ChannelModel(4.0, 950.0, 1.35, 0.85, 0.075, 0.45, 1.5, (10, 20)),
}

# Seasonal rhythm (January = index 0): a deep summer dip in the July holidays, a
# bump before Christmas. Posting volume follows the same rhythm, more sharply.
MONTH_REACH = (0.95, 1.0, 1.0, 1.0, 1.1, 0.95, 0.45, 0.85, 1.0, 1.0, 1.1, 1.6)
MONTH_POSTING = (0.95, 1.0, 1.0, 1.0, 1.1, 0.9, 0.5, 0.8, 1.05, 1.05, 1.1, 1.2)

BOOST_SHARE = 0.045
"""Share of Facebook posts that are boosted, from the first January of the data."""
BOOSTED_PILLARS = ("jobb", "kultur", "tjenester")


@dataclass(frozen=True, slots=True)
class Audience:
    """What Meta shows under Audience: age × gender, top countries, top cities."""

    age_gender: tuple[tuple[str, float, float], ...]
    """(age band, women %, men %); all cells add up to 100."""
    countries: tuple[tuple[str, float], ...]
    cities: tuple[tuple[str, float], ...]


AUDIENCES: dict[MetaPlatform, Audience] = {
    # The Facebook page reaches an older, mostly female audience.
    "facebook": Audience(
        (("18-24", 1.8, 1.2), ("25-34", 8.4, 4.9), ("35-44", 13.6, 8.2),
         ("45-54", 14.9, 9.7), ("55-64", 11.3, 8.1), ("65+", 10.2, 7.7)),
        (("Norway", 93.4), ("Sweden", 1.3), ("Poland", 1.1), ("Lithuania", 0.5),
         ("Denmark", 0.4), ("Germany", 0.4), ("United Kingdom", 0.3),
         ("Spain", 0.3), ("Philippines", 0.2), ("Ukraine", 0.2)),
        (("Fjordvik, Norway", 58.2), ("Sjøvik, Norway", 9.6), ("Bergen, Norway", 6.1),
         ("Lyngstø, Norway", 4.4), ("Oslo, Norway", 3.2), ("Håmyra, Norway", 2.7),
         ("Stavanger, Norway", 1.1), ("Trondheim, Norway", 0.9),
         ("Ålesund, Norway", 0.7), ("Førde, Norway", 0.6)),
    ),
    # Instagram's audience is younger and more even between women and men.
    "instagram": Audience(
        (("18-24", 9.8, 6.9), ("25-34", 17.6, 11.4), ("35-44", 14.1, 9.3),
         ("45-54", 9.2, 6.0), ("55-64", 5.9, 3.8), ("65+", 3.6, 2.4)),
        (("Norway", 89.7), ("Sweden", 1.9), ("Germany", 1.2), ("Poland", 0.9),
         ("Denmark", 0.7), ("United States", 0.6), ("United Kingdom", 0.5),
         ("Netherlands", 0.4), ("Spain", 0.3), ("Finland", 0.2)),
        (("Fjordvik, Norway", 41.3), ("Bergen, Norway", 11.2), ("Sjøvik, Norway", 7.8),
         ("Oslo, Norway", 6.3), ("Lyngstø, Norway", 2.9), ("Trondheim, Norway", 1.8),
         ("Stavanger, Norway", 1.4), ("Håmyra, Norway", 1.2), ("Tromsø, Norway", 0.8),
         ("Førde, Norway", 0.7)),
    ),
}  # fmt: skip


# ── The other channels: LinkedIn, TikTok, YouTube and X ─────────────────────────


@dataclass(frozen=True, slots=True)
class OtherAccount:
    """The organisation's account on a platform other than Meta's."""

    platform: OtherPlatform
    account_id: str
    handle: str
    """Vanity name or handle, as it appears in links and file names."""
    name: str


LINKEDIN_PAGE = OtherAccount(
    "linkedin", "86421957", "fjordvik-kommune", "Fjordvik Kommune"
)
TIKTOK_ACCOUNT = OtherAccount(
    "tiktok", "7291843365021", "fjordvikkommune", DEMO_ORGANISATION
)
YOUTUBE_CHANNEL = OtherAccount(
    "youtube", "UCq7XkR2fJm4TzP9wVbN3aLd", "@fjordvikkommune", DEMO_ORGANISATION
)
X_ACCOUNT = OtherAccount(
    "x", "1584310276512948224", "FjordvikKommune", DEMO_ORGANISATION
)
OTHER_ACCOUNTS = (LINKEDIN_PAGE, TIKTOK_ACCOUNT, YOUTUBE_CHANNEL, X_ACCOUNT)
"""The LinkedIn page is spelt "Fjordvik Kommune" (capital K), as the profiles
register plants."""


@dataclass(frozen=True, slots=True)
class OtherChannel:
    """How one of the other channels behaves; reach is the platform's own measure
    (LinkedIn and X impressions, TikTok and YouTube views)."""

    posts_per_week: float
    base_reach: float
    yearly_trend: float
    reach_sigma: float
    engagement_rate: float
    """Interactions per impression/view for a plain, average post."""
    weekend_posting: float
    posting_hours: tuple[int, int]
    formats: tuple[tuple[str, float, float, float], ...]
    """(format in the platform's own word, share of posts, reach, engagement rate)."""


OTHER_CHANNELS: dict[OtherPlatform, OtherChannel] = {
    # Video reaches furthest and engages least; documents engage most.
    "linkedin": OtherChannel(2.2, 900.0, 1.1, 0.6, 0.05, 0.0, (8, 15),
                             (("Image", 0.45, 1.0, 1.0), ("Video", 0.2, 1.9, 0.5),
                              ("Document", 0.15, 0.9, 1.75), ("Text", 0.2, 0.6, 0.9))),
    "tiktok": OtherChannel(2.0, 1500.0, 1.45, 0.9, 0.07, 0.6, (14, 20),
                           (("Video", 1.0, 1.0, 1.0),)),
    # Shorts: cheap, more views each. Long videos: few, costly, slow to gather views.
    "youtube": OtherChannel(0.6, 1800.0, 1.15, 0.7, 0.04, 0.3, (9, 15),
                            (("Video", 0.55, 1.0, 1.0), ("Short", 0.45, 1.6, 0.8))),
    # Weekly volume varies around this mean; see X_FREQUENCY_ELASTICITY.
    "x": OtherChannel(9.0, 75.0, 0.85, 0.7, 0.014, 0.3, (7, 17),
                      (("Text", 0.55, 1.0, 1.0), ("Photo", 0.35, 1.3, 1.1),
                       ("Link", 0.1, 0.8, 1.2))),
}  # fmt: skip

X_FREQUENCY_ELASTICITY = -0.6
"""Impressions per tweet ∝ (tweets that week / 9) ** -0.6: doubling the week's
tweets raises its total impressions by only 2 ** 0.4 ≈ 1.3."""
X_WEEKLY_SIGMA = 0.6
"""Spread (lognormal) of the number of tweets from one week to the next."""

SPONSORED_SHARE = 0.1
"""Share of LinkedIn posts in the sponsored pillars that are sponsored, from the
first January of the data."""
SPONSORED_PILLARS = ("jobb", "kultur")

EFFORT_HOURS: dict[tuple[str, str], float] = {
    ("facebook", ""): 1.0,
    ("instagram", ""): 1.5,
    ("linkedin", ""): 1.5,
    ("tiktok", ""): 3.0,
    ("youtube", "Video"): 6.0,
    ("youtube", "Short"): 2.0,
    ("x", ""): 0.5,
}
"""Hours of work per post (writing, filming, checking, answering comments) that the
story assumes; ``""`` = any format. X is cheapest per post and still returns the
least per hour."""
