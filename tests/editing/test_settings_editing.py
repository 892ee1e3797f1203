"""Settings editing on the real fokus.toml that ``init`` writes: the template's
guidance comments survive, and a bad value leaves the file byte for byte as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from fokus.config import ChannelConfig, GoalConfig, KpiConfig
from fokus.editing.settings import read_settings, write_settings
from fokus.workspace import Workspace, init_workspace, open_workspace

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(params=["nb", "en"])
def workspace(tmp_path: Path, request: pytest.FixtureRequest) -> Workspace:
    return init_workspace(tmp_path / "ws", "Fjordvik", request.param, today=TODAY)


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def test_writing_the_settings_back_changes_nothing(workspace: Workspace) -> None:
    before = workspace.config_path.read_bytes()
    result = write_settings(workspace, read_settings(workspace))
    assert result.saved and result.config == workspace.config
    assert workspace.config_path.read_bytes() == before


def test_a_round_trip_keeps_every_comment(workspace: Workspace) -> None:
    before = workspace.config_path.read_text(encoding="utf-8")
    settings = read_settings(workspace)
    kpi = KpiConfig("followers", "linkedin", 1200.0, dt.date(2026, 12, 31), "Følgere")
    changed = dataclasses.replace(
        settings,
        organisation="Fjordvik kommune",
        language="en",
        timezone="Europe/London",
        channels=(
            settings.channels[0],
            ChannelConfig("linkedin", "Fjordvik kommune", "support", 1.5),
        ),
        goals=(
            *settings.goals,
            GoalConfig("rekruttering", "Flere søkere", "", 2, (kpi,)),
        ),
    )
    result = write_settings(workspace, changed)
    assert result.saved
    after = workspace.config_path.read_text(encoding="utf-8")
    assert _comments(after) == _comments(before)
    config = open_workspace(workspace.root).config
    assert (config.organisation, config.language, config.timezone) == (
        "Fjordvik kommune", "en", "Europe/London"
    )  # fmt: skip
    assert config.channels == changed.channels
    assert config.goals == changed.goals
    assert result.config == config
    # Written the way the template writes: whole numbers without ".0".
    assert "target = 1200\n" in after
    assert "posts_per_week_planned = 1.5\n" in after

    # Each section's guidance still sits between the channels and [[goals]], and
    # after the last KPI: TOML gave it to the last table, and it moved along.
    def goals_guidance(text: str) -> str:
        start = text.index("# ── ", text.index("[[channels]]"))
        return text[start : text.index("\n[[goals]]\n")]

    def tail(text: str) -> str:
        return text[text.index("# ── ", text.index("[[goals]]")) :]

    assert goals_guidance(after) == goals_guidance(before)
    assert tail(after) == tail(before)
    assert after.index("Flere søkere") < after.index(tail(before))


@pytest.mark.parametrize(
    ("change", "field", "key"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone", "config.invalid_timezone"),
        ({"organisation": "  "}, "organisation", "config.empty"),
        (
            {"channels": (ChannelConfig("instagram", "A", "main", None),) * 2},
            "channels[2]",
            "config.duplicate_channel",
        ),
        (
            {"channels": (ChannelConfig("instagram", "A", "main", -1.0),)},
            "channels[1].posts_per_week_planned",
            "config.too_small",
        ),
        (
            {"goals": (GoalConfig("g", "Mål", "", 1, (
                KpiConfig("reach", None, 1.0, None, "", "range"),)),)},
            "goals[1].kpis[1].start",
            "config.range_needs",
        ),
    ],
)  # fmt: skip
def test_a_bad_value_gives_a_field_message_and_changes_nothing(
    workspace: Workspace, change: dict[str, object], field: str, key: str
) -> None:
    before = workspace.config_path.read_bytes()
    settings = dataclasses.replace(read_settings(workspace), **change)  # type: ignore[arg-type]
    result = write_settings(workspace, settings, language="nb")
    assert result.saved is False and result.config is None
    [message] = result.messages
    assert (message.field, message.key) == (field, key)
    assert message.text and message.hint and "{" not in message.text
    assert workspace.config_path.read_bytes() == before
