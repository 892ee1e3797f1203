"""``[engine]`` in fokus.toml and ``--engine``: which engine runs the review."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from fokus.config import EngineConfig, load_config
from fokus.errors import FokusError
from fokus.workspace import init_workspace
from scale_helpers import flat, run

BASE = 'organisation = "X"\n'


def test_without_engine_block_the_review_runs_on_duckdb() -> None:
    assert load_config(BASE).engine == EngineConfig("duckdb", "local[*]", ())


def test_engine_block_is_read() -> None:
    config = load_config(
        BASE + '[engine]\nname = "PySpark"\nspark_master = "spark://head:7077"\n'
        '[engine.spark_conf]\n"spark.executor.memory" = "4g"\n'
        '"spark.sql.shuffle.partitions" = 400\n"spark.ui.enabled" = false\n'
    )
    assert config.engine == EngineConfig(
        "pyspark",
        "spark://head:7077",
        (
            ("spark.executor.memory", "4g"),
            ("spark.sql.shuffle.partitions", "400"),
            ("spark.ui.enabled", "false"),
        ),
    )


def test_unknown_engine_is_refused_with_the_choices() -> None:
    with pytest.raises(FokusError) as caught:
        load_config(BASE + '[engine]\nname = "polars"\n')
    assert caught.value.message_key == "config.invalid_engine"
    assert dict(caught.value.params) == {
        "source": "fokus.toml",
        "field": "engine.name",
        "value": "polars",
        "allowed": "duckdb, pyspark",
    }


def test_unknown_engine_key_is_refused() -> None:
    with pytest.raises(FokusError) as caught:
        load_config(BASE + '[engine]\nmaster = "local[2]"\n')
    assert caught.value.message_key == "config.unknown_key"
    assert caught.value.params["field"] == "engine.master"


def test_a_spark_setting_must_be_a_value() -> None:
    with pytest.raises(FokusError) as caught:
        load_config(BASE + '[engine.spark_conf]\n"spark.jars" = ["a.jar"]\n')
    assert caught.value.message_key == "config.not_spark_setting"
    assert caught.value.params["field"] == "engine.spark_conf.spark.jars"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_template_explains_the_engine_and_loads(tmp_path: Path, language: str) -> None:
    workspace = init_workspace(tmp_path, "X", language)  # type: ignore[arg-type]
    text = workspace.config_path.read_text(encoding="utf-8")
    for field in ("[engine]", "name =", "spark_master =", "[engine.spark_conf]"):
        assert f"# {field}" in text
    assert workspace.config.engine == EngineConfig()
    # Uncommented, the template's engine block is valid.
    lines = text.splitlines()
    start = lines.index("# [engine]")
    block = [line.removeprefix("# ") for line in lines[start:] if line.startswith("# ")]
    assert load_config(BASE + "\n".join(block)).engine.name == "pyspark"


def test_bad_engine_option_is_a_usage_error(demo_workspace: Path) -> None:
    result = run("review", demo_workspace, "--engine", "polars")
    assert result.returncode == 2
    assert "“polars” is not an engine fokus can run on." in flat(result.stderr)
    assert "Use --engine with one of these: duckdb, pyspark." in flat(result.stderr)


def test_spark_without_java_says_what_to_install(
    demo_workspace: Path, tmp_path: Path
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(demo_workspace, workspace)
    before = (workspace / "fokus.duckdb").read_bytes()
    env = {"PATH": str(tmp_path), "JAVA_HOME": str(tmp_path / "nojava")}
    result = run("review", workspace, "--engine", "pyspark", env=env)
    assert result.returncode == 2
    assert (workspace / "fokus.duckdb").read_bytes() == before  # nothing written
    if importlib.util.find_spec("pyspark") is None:
        assert "PySpark is not installed" in flat(result.stderr)
        assert "pip install 'fokus[spark]'" in flat(result.stderr)
    else:
        assert "no Java was found. Spark needs a Java 17 runtime." in flat(
            result.stderr
        )
        assert "apt-get install openjdk-17-jre-headless" in flat(result.stderr)


def test_every_engine_field_is_documented() -> None:
    text = (Path(__file__).parents[1] / "docs" / "config.md").read_text("utf-8")
    assert "## `[engine]`" in text
    for field in fields(EngineConfig):
        assert f"| `{field.name}` |" in text, field.name
