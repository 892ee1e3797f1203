"""Reading and writing ``fokus.toml``'s organisation, channels, goals and KPIs.

Values are the config's own typed records (``ChannelConfig``, ``GoalConfig``,
``KpiConfig``). Writing edits the user's file with tomlkit, so every comment stays
where it was: the template's guidance above each section, and the comment block
that TOML attaches to the end of the last channel or goal is moved to the new last
one. The new text is checked by the same loader that opens a workspace
(``config.load_config``); a problem comes back as a translated field message and
the file is left as it was. Fields the form does not show (brand terms, pillars,
the report's look) are kept as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import tomlkit
from tomlkit import TOMLDocument
from tomlkit.items import AoT, Item, Table

from fokus.config import (
    ChannelConfig,
    GoalConfig,
    KpiConfig,
    WorkspaceConfig,
    load_config,
)
from fokus.errors import FokusError
from fokus.files import write_atomically
from fokus.i18n import Language, translate
from fokus.workspace import Workspace

Trivia = list[Item]


@dataclass(frozen=True, slots=True)
class Settings:
    """What the settings form edits."""

    organisation: str
    language: Language
    timezone: str
    channels: tuple[ChannelConfig, ...]
    goals: tuple[GoalConfig, ...]


@dataclass(frozen=True, slots=True)
class SettingsMessage:
    """What is wrong: the field as the loader names it (``channels[2].platform``)."""

    field: str | None
    key: str
    text: str
    hint: str


@dataclass(frozen=True, slots=True)
class SettingsResult:
    """Whether the file was written, the configuration it now holds, or why not."""

    saved: bool
    config: WorkspaceConfig | None = None
    messages: tuple[SettingsMessage, ...] = ()


def read_settings(workspace: Workspace) -> Settings:
    """The workspace's settings as its ``fokus.toml`` holds them now."""
    config = workspace.config
    return Settings(
        config.organisation,
        config.language,
        config.timezone,
        config.channels,
        config.goals,
    )


def write_settings(
    workspace: Workspace, settings: Settings, *, language: Language | None = None
) -> SettingsResult:
    """Write ``settings`` into ``fokus.toml`` if the loader accepts the result."""
    path = workspace.config_path
    document = tomlkit.parse(path.read_bytes().decode("utf-8-sig"))
    document["organisation"] = settings.organisation
    document["language"] = settings.language
    document["timezone"] = settings.timezone
    _replace(document, "channels", [_channel(c) for c in settings.channels])
    _replace(document, "goals", [_goal(g) for g in settings.goals])
    text = tomlkit.dumps(document)
    try:
        config = load_config(text, source=path.name)
    except FokusError as error:
        shown = language or workspace.config.language
        field = error.params.get("field")
        message = SettingsMessage(
            str(field) if field is not None else None,
            error.message_key,
            translate(error.message_key, shown, **error.params),
            translate(error.hint_key, shown, **error.params),
        )
        return SettingsResult(saved=False, messages=(message,))
    write_atomically(path, text.encode("utf-8"))
    return SettingsResult(saved=True, config=config)


def _replace(document: TOMLDocument, key: str, tables: Sequence[Table]) -> None:
    """Put ``tables`` in place of the array ``key``, keeping the comments that end it.

    TOML gives the comments written after the last ``[[channels]]`` (the guidance
    for the next section) to that table; they move to the new last table.
    """
    old = document.get(key)
    if not tables:
        # No channels (goals) at all: the comments after the last one go with it.
        if old is not None:
            del document[key]
        return
    if isinstance(old, AoT) and len(old):
        _append_trivia(tables[-1], _trailing(old[-1]))
    array = tomlkit.aot()
    for table in tables:
        array.append(table)
    document[key] = array


def _trailing(table: Table) -> Trivia:
    """The comments and blank lines after a table's last value (or its last child's)."""
    body = table.value.body
    found: Trivia = []
    for name, item in reversed(body):
        if name is not None:
            if isinstance(item, AoT) and len(item):
                found = _trailing(item[-1]) + found
            break
        found.insert(0, item)
    return found


def _append_trivia(table: Table, trivia: Trivia) -> None:
    kpis = table.get("kpis")
    if isinstance(kpis, AoT) and len(kpis):
        _append_trivia(kpis[-1], trivia)
        return
    for item in trivia:
        table.value.append(None, item)


def _channel(channel: ChannelConfig) -> Table:
    table = tomlkit.table()
    table.add("platform", channel.platform)
    table.add("account", channel.account)
    table.add("role", channel.role)
    if channel.posts_per_week_planned is not None:
        table.add("posts_per_week_planned", _number(channel.posts_per_week_planned))
    return table


def _goal(goal: GoalConfig) -> Table:
    table = tomlkit.table()
    table.add("key", goal.key)
    table.add("text", goal.text)
    table.add("serves", goal.serves)
    table.add("priority", goal.priority)
    if goal.kpis:
        kpis = tomlkit.aot()
        for kpi in goal.kpis:
            kpis.append(_kpi(kpi))
        table.add("kpis", kpis)
    return table


def _kpi(kpi: KpiConfig) -> Table:
    table = tomlkit.table()
    table.add("metric", kpi.metric)
    optional: tuple[tuple[str, object], ...] = (
        ("platform", kpi.platform),
        ("target", None if kpi.target is None else _number(kpi.target)),
        ("deadline", kpi.deadline),
        ("text", kpi.text or None),
        ("period", None if kpi.period == "year" else kpi.period),
        ("start", kpi.start),
    )
    for key, value in optional:
        if value is not None:
            table.add(key, value)
    return table


def _number(value: float) -> int | float:
    """``50000`` rather than ``50000.0`` when the value is whole."""
    return int(value) if float(value).is_integer() else value
