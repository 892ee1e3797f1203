"""fokus.toml parsing and validation (fokus.config): exact values, exact errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from pathlib import Path

import pytest

from fokus.config import (
    ChannelConfig,
    GoalConfig,
    KpiConfig,
    PillarConfig,
    ReportConfig,
    WorkspaceConfig,
    load_config,
)
from fokus.errors import ExitCode, FokusError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "config.md"

FULL = """
organisation = "Eksempel kommune"
language = "en"
timezone = "Europe/London"
strategy_reviewed = 2025-11-03
brand_terms = ["Eksempel kommune", " #eksempel "]

[[channels]]
platform = "Instagram"
account = " Eksempel kommune "
role = "main"
posts_per_week_planned = 3

[[channels]]
platform = "linkedin"
account = "Eksempel kommune"
role = "SHELVED"

[[goals]]
key = "rekruttering"
text = "Flere søkere"
serves = "Kompetanse"
priority = 2

[[goals.kpis]]
metric = "link_clicks"
platform = "linkedin"
target = 1200.5
deadline = 2026-06-30
text = "Klikk til stillingsannonser"

[[goals.kpis]]
metric = "followers"
target = -50

[[goals]]
key = "synlighet"
text = "Flere kjenner oss"
"""


def _error(text: str) -> FokusError:
    with pytest.raises(FokusError) as caught:
        load_config(text)
    return caught.value


def test_minimal_config_gets_the_defaults() -> None:
    assert load_config('organisation = "Oslo Museum"') == WorkspaceConfig(
        organisation="Oslo Museum",
        language="nb",
        timezone="Europe/Oslo",
        strategy_reviewed=None,
        channels=(),
        goals=(),
        brand_terms=(),
    )


def test_full_config_reads_every_field() -> None:
    assert load_config(FULL) == WorkspaceConfig(
        organisation="Eksempel kommune",
        language="en",
        timezone="Europe/London",
        strategy_reviewed=dt.date(2025, 11, 3),
        channels=(
            ChannelConfig("instagram", "Eksempel kommune", "main", 3.0),
            ChannelConfig("linkedin", "Eksempel kommune", "shelved", None),
        ),
        goals=(
            GoalConfig(
                key="rekruttering",
                text="Flere søkere",
                serves="Kompetanse",
                priority=2,
                kpis=(
                    KpiConfig(
                        "link_clicks",
                        "linkedin",
                        1200.5,
                        dt.date(2026, 6, 30),
                        "Klikk til stillingsannonser",
                    ),
                    KpiConfig("followers", None, -50.0, None, ""),
                ),
            ),
            # No priority given: the second goal in the file gets priority 2.
            GoalConfig("synlighet", "Flere kjenner oss", "", 2, ()),
        ),
        brand_terms=("Eksempel kommune", "#eksempel"),
    )


def test_byte_order_mark_from_windows_editors_is_accepted() -> None:
    assert load_config('\ufefforganisation = "X"').organisation == "X"


def test_config_values_are_frozen() -> None:
    config = load_config('organisation = "X"')
    with pytest.raises(AttributeError):
        config.organisation = "Y"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "line", "column", "detail"),
    [
        ('organisation = "X"\nlanguage = "nb', 2, 15, "Unterminated string"),
        (
            'organisation = "X"\ntarget = 2,5\n',
            2,
            11,
            "Expected newline or end of document after a statement",
        ),
        (
            'organisation = "X"\n[[channels]\n',
            2,
            11,
            "Expected ']]' at the end of an array declaration",
        ),
        ('organisation = "X"\norganisation = "Y"\n', 2, 19, "Cannot overwrite a value"),
    ],
)
def test_syntax_error_names_the_line(
    text: str, line: int, column: int, detail: str
) -> None:
    error = _error(text)
    assert error.message_key == "config.syntax"
    assert error.hint_key == "config.syntax.hint"
    assert error.exit_code == ExitCode.NO_WORKSPACE
    assert dict(error.params) == {
        "source": "fokus.toml",
        "line": line,
        "column": column,
        "detail": detail,
    }


def test_syntax_error_at_the_end_of_the_document_points_there() -> None:
    error = _error('organisation = "X"\nlanguage =')
    assert dict(error.params) == {
        "source": "fokus.toml",
        "line": 2,
        "column": 11,
        "detail": "Invalid value",
    }


def test_source_names_the_file_in_errors() -> None:
    with pytest.raises(FokusError) as caught:
        load_config("", source="/data/kunde/fokus.toml")
    assert dict(caught.value.params)["source"] == "/data/kunde/fokus.toml"


ORG = 'organisation = "X"\n'
CHANNEL = '[[channels]]\nplatform = "instagram"\naccount = "X"\nrole = "main"\n'
GOAL = '[[goals]]\nkey = "g"\ntext = "T"\n'
KPI = '[[goals.kpis]]\nmetric = "reach"\n'

INVALID = [
    # Unknown keys are refused, at every level, naming the keys that are allowed.
    (
        ORG + 'langauge = "nb"',
        "config.unknown_key",
        {
            "field": "langauge",
            "known": "organisation, language, timezone, strategy_reviewed, "
            "channels, goals, brand_terms, pillars, findability_queries, "
            "findability_method, report, engine",
        },
    ),
    (
        ORG + CHANNEL + "posts_per_week = 3",
        "config.unknown_key",
        {
            "field": "channels[1].posts_per_week",
            "known": "platform, account, role, posts_per_week_planned",
        },
    ),
    (
        ORG + GOAL + "prio = 1",
        "config.unknown_key",
        {"field": "goals[1].prio", "known": "key, text, serves, priority, kpis"},
    ),
    (
        ORG + GOAL + KPI + "goal = 3",
        "config.unknown_key",
        {
            "field": "goals[1].kpis[1].goal",
            "known": "metric, platform, target, deadline, text, period, start",
        },
    ),
    # Missing and empty required fields.
    (
        'language = "nb"',
        "config.missing",
        {"field": "organisation", "example": 'organisation = "Oslo Museum"'},
    ),
    (
        'organisation = "  "',
        "config.empty",
        {"field": "organisation", "example": 'organisation = "Oslo Museum"'},
    ),
    (
        ORG + '[[channels]]\nplatform = "instagram"\nrole = "main"',
        "config.missing",
        {"field": "channels[1].account", "example": 'account = "Oslo Museum"'},
    ),
    (
        ORG + '[[channels]]\nplatform = "x"\naccount = "X"',
        "config.missing",
        {"field": "channels[1].role", "example": 'role = "main"'},
    ),
    (
        ORG + '[[goals]]\ntext = "T"',
        "config.missing",
        {"field": "goals[1].key", "example": 'key = "visibility"'},
    ),
    (
        ORG + GOAL + "[[goals.kpis]]\ntarget = 3",
        "config.missing",
        {"field": "goals[1].kpis[1].metric", "example": 'metric = "reach"'},
    ),
    # Wrong types.
    (
        "organisation = 42",
        "config.not_text",
        {
            "field": "organisation",
            "value": "42",
            "example": 'organisation = "Oslo Museum"',
        },
    ),
    (
        ORG + "timezone = true",
        "config.not_text",
        {"field": "timezone", "value": "true", "example": 'timezone = "Europe/Oslo"'},
    ),
    (
        ORG + 'brand_terms = "X"',
        "config.not_text_list",
        {
            "field": "brand_terms",
            "value": '"X"',
            "example": 'brand_terms = ["Oslo Museum", "#oslomuseum"]',
        },
    ),
    (
        ORG + 'brand_terms = ["X", 3]',
        "config.not_text_list",
        {
            "field": "brand_terms",
            "value": "['X', 3]",
            "example": 'brand_terms = ["Oslo Museum", "#oslomuseum"]',
        },
    ),
    (
        ORG + '[channels]\nplatform = "x"',
        "config.not_tables",
        {"field": "channels", "example": "[[channels]]"},
    ),
    (
        ORG + 'goals = ["synlighet"]',
        "config.not_tables",
        {"field": "goals", "example": "[[goals]]"},
    ),
    (
        ORG + GOAL + '[goals.kpis]\nmetric = "reach"',
        "config.not_tables",
        {"field": "goals[1].kpis", "example": "[[goals.kpis]]"},
    ),
    (
        ORG + CHANNEL + 'posts_per_week_planned = "3"',
        "config.not_number",
        {
            "field": "channels[1].posts_per_week_planned",
            "value": '"3"',
            "example": "posts_per_week_planned = 3",
        },
    ),
    (
        ORG + CHANNEL + "posts_per_week_planned = true",
        "config.not_number",
        {
            "field": "channels[1].posts_per_week_planned",
            "value": "true",
            "example": "posts_per_week_planned = 3",
        },
    ),
    (
        ORG + GOAL + KPI + "target = nan",
        "config.not_number",
        {
            "field": "goals[1].kpis[1].target",
            "value": "nan",
            "example": "target = 50000",
        },
    ),
    (
        ORG + GOAL + KPI + "target = inf",
        "config.not_number",
        {
            "field": "goals[1].kpis[1].target",
            "value": "inf",
            "example": "target = 50000",
        },
    ),
    (
        ORG + GOAL + "priority = 1.5",
        "config.not_whole_number",
        {"field": "goals[1].priority", "value": "1.5", "example": "priority = 1"},
    ),
    (
        ORG + GOAL + "priority = 0",
        "config.too_small",
        {"field": "goals[1].priority", "value": 0, "minimum": 1},
    ),
    (
        ORG + CHANNEL + "posts_per_week_planned = -1",
        "config.too_small",
        {"field": "channels[1].posts_per_week_planned", "value": -1, "minimum": 0},
    ),
    (
        ORG + 'strategy_reviewed = "25.03.2026"',
        "config.not_date",
        {
            "field": "strategy_reviewed",
            "value": '"25.03.2026"',
            "example": "strategy_reviewed = 2026-01-15",
        },
    ),
    (
        ORG + GOAL + KPI + "deadline = 2026-12-31T23:59:00",
        "config.not_date",
        {
            "field": "goals[1].kpis[1].deadline",
            "value": "2026-12-31 23:59:00",
            "example": "deadline = 2026-12-31",
        },
    ),
    # Closed sets.
    (
        ORG + 'language = "de"',
        "config.invalid_language",
        {"field": "language", "value": "de", "allowed": "nb, en"},
    ),
    (
        ORG + 'language = "no"',
        "config.invalid_language",
        {"field": "language", "value": "no", "allowed": "nb, en"},
    ),
    (
        ORG + '[[channels]]\nplatform = "meta"\naccount = "X"\nrole = "main"',
        "config.invalid_platform",
        {
            "field": "channels[1].platform",
            "value": "meta",
            "allowed": "facebook, instagram, linkedin, tiktok, youtube, x, other",
        },
    ),
    (
        ORG + GOAL + KPI + 'platform = "Snapchat"',
        "config.invalid_platform",
        {
            "field": "goals[1].kpis[1].platform",
            "value": "Snapchat",
            "allowed": "facebook, instagram, linkedin, tiktok, youtube, x, other",
        },
    ),
    (
        ORG + '[[channels]]\nplatform = "x"\naccount = "X"\nrole = "hovedkanal"',
        "config.invalid_role",
        {
            "field": "channels[1].role",
            "value": "hovedkanal",
            "allowed": "main, support, other, shelved",
        },
    ),
    # Ambiguous duplicates.
    (
        ORG + CHANNEL + CHANNEL.replace('"X"', '"x"'),
        "config.duplicate_channel",
        {"field": "channels[2]", "platform": "instagram", "account": "x"},
    ),
    (
        ORG + GOAL + GOAL.replace('"g"', '"G"'),
        "config.duplicate_goal",
        {"field": "goals[2].key", "goal": "G"},
    ),
]


@pytest.mark.parametrize(("text", "key", "params"), INVALID)
def test_invalid_value_names_field_and_right_value(
    text: str, key: str, params: dict[str, object]
) -> None:
    error = _error(text)
    assert error.message_key == key
    assert error.hint_key == f"{key}.hint"
    assert error.exit_code == ExitCode.NO_WORKSPACE
    assert dict(error.params) == {"source": "fokus.toml", **params}


@pytest.mark.parametrize(
    ("written", "zone"),
    [
        ("Europe/Oslo", "Europe/Oslo"),
        ("UTC", "UTC"),
        ("America/New_York", "America/New_York"),
        ("Arctic/Longyearbyen", "Arctic/Longyearbyen"),
        (" Europe/Stockholm ", "Europe/Stockholm"),  # stray spaces are dropped
    ],
)
def test_valid_time_zones_are_kept(written: str, zone: str) -> None:
    assert load_config(f'{ORG}timezone = "{written}"').timezone == zone


@pytest.mark.parametrize(
    ("zone", "example"),
    [
        ("europe/oslo", "Europe/Oslo"),  # case matters to the zone database
        ("Oslo", "Europe/Oslo"),  # the city alone
        ("Europe/Stokholm", "Europe/Oslo"),  # a typo: no guess, Oslo's as example
        ("New York", "America/New_York"),
        ("Europe", "Europe/Oslo"),  # a folder of zones, not a zone
        ("CET+1", "Europe/Oslo"),
        ("../../etc/passwd", "Europe/Oslo"),
    ],
)
def test_invalid_time_zone_suggests_the_likely_one(zone: str, example: str) -> None:
    error = _error(f'{ORG}timezone = "{zone}"')
    assert error.message_key == "config.invalid_timezone"
    assert dict(error.params) == {
        "source": "fokus.toml",
        "field": "timezone",
        "value": zone,
        "example": example,
    }


def test_empty_time_zone_is_an_empty_field() -> None:
    error = _error(f'{ORG}timezone = ""')
    assert error.message_key == "config.empty"
    assert dict(error.params)["field"] == "timezone"


def test_closed_sets_ignore_case() -> None:
    config = load_config(
        f'{ORG}language = "EN"\n[[channels]]\nplatform = "TikTok"\n'
        'account = "X"\nrole = "Support"'
    )
    assert config.language == "en"
    assert config.channels == (ChannelConfig("tiktok", "X", "support", None),)


def test_first_problem_in_file_order_is_reported() -> None:
    # A missing organisation is reported before a bad language further down.
    assert _error('language = "de"').message_key == "config.missing"


@pytest.mark.parametrize(
    "dataclass_type",
    [WorkspaceConfig, ChannelConfig, GoalConfig, KpiConfig, ReportConfig],
)
def test_every_field_is_documented(dataclass_type: type) -> None:
    text = DOCS.read_text(encoding="utf-8")
    for field in fields(dataclass_type):
        assert f"`{field.name}`" in text, field.name


def test_pillars_are_read_in_order() -> None:
    config = load_config(
        'organisation = "X"\n'
        '[[pillars]]\nname = " Natur og friluft "\nkeywords = ["tur", " #turglede "]\n'
        '[[pillars]]\nname = "Kultur"\nkeywords = ["kultur"]\n'
    )
    assert config.pillars == (
        PillarConfig("Natur og friluft", ("tur", "#turglede")),
        PillarConfig("Kultur", ("kultur",)),
    )


@pytest.mark.parametrize(
    ("text", "key", "field"),
    [
        ('[[pillars]]\nname = "A"\nkeywords = []', "config.empty", "pillars[1].keywords"),
        ('[[pillars]]\nname = "A"', "config.missing", "pillars[1].keywords"),
        ('[[pillars]]\nkeywords = ["a"]', "config.missing", "pillars[1].name"),
        ('[[pillars]]\nname = "A"\nkeywords = "a"', "config.not_text_list", "pillars[1].keywords"),
        ('[[pillars]]\nname = "A"\nkeywords = ["a"]\nwords = 1', "config.unknown_key", "pillars[1].words"),
        ('[[pillars]]\nname = "Kultur"\nkeywords = ["a"]\n'
         '[[pillars]]\nname = "kultur"\nkeywords = ["b"]',
         "config.duplicate_pillar", "pillars[2].name"),
    ],
)  # fmt: skip
def test_bad_pillars_are_refused_naming_the_field(
    text: str, key: str, field: str
) -> None:
    error = _error('organisation = "X"\n' + text)
    assert error.message_key == key
    assert error.params["field"] == field


def test_findability_queries_and_method() -> None:
    config = load_config(
        'organisation = "X"\nfindability_queries = [" byggesøknad ", "ledige stillinger"]\n'
        'findability_method = "Embeddings"\n'
    )
    assert config.findability_queries == ("byggesøknad", "ledige stillinger")
    assert config.findability_method == "embeddings"
    default = load_config('organisation = "X"\n')
    assert (default.findability_queries, default.findability_method) == ((), "lexical")


@pytest.mark.parametrize(
    ("text", "key", "field"),
    [
        ('findability_queries = "byggesøknad"', "config.not_text_list", "findability_queries"),
        ('findability_queries = ["a", ""]', "config.not_text_list", "findability_queries"),
        ('findability_queries = ["Ledige  stillinger", "ledige stillinger"]',
         "config.duplicate_query", "findability_queries[2]"),
        ('findability_method = "semantic"', "config.invalid_findability_method",
         "findability_method"),
    ],
)  # fmt: skip
def test_bad_findability_settings_are_refused_naming_the_field(
    text: str, key: str, field: str
) -> None:
    error = _error('organisation = "X"\n' + text)
    assert (error.message_key, dict(error.params)["field"]) == (key, field)
