"""Every real file in ../shared has one expected outcome, and docs/conformance.md
lists them all.

The outcomes themselves are checked file by file in the platform modules; this
module checks that together they cover all 74 sample files and the X data set, and
that the table users read is the table the tests check. ``FOKUS_UPDATE_GOLDEN=1``
rewrites the table from the expectations.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sample_outcomes import DATASETS, SAMPLES, SHARED, Expected
from test_linkedin_samples import EXPECTED as LINKEDIN
from test_meta_samples import EXPECTED as META
from test_tiktok_samples import EXPECTED as TIKTOK
from test_x_samples import DATASET_EXPECTED as X_DATASET
from test_x_samples import EXPECTED as X
from test_youtube_samples import EXPECTED as YOUTUBE

from fokus.errors import FokusError
from fokus.i18n import catalog
from fokus.ingest.registry import ADAPTERS
from fokus.ingest.sniff import read_sample

if not SAMPLES.is_dir():
    pytest.skip(f"{SAMPLES} is absent", allow_module_level=True)

pytestmark = pytest.mark.samples
TABLE = Path(__file__).parents[2] / "docs" / "conformance.md"
X_DATASET_FOLDER = "twitter_analytics_export_debruine"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
SAMPLE_COUNT = 74  # SOURCES.md: "→ 74 files"


def _all_expected() -> dict[str, Expected]:
    expected: dict[str, Expected] = {}
    for table in (META, LINKEDIN, TIKTOK, YOUTUBE, X):
        assert not set(table) & set(expected), "a file expected twice"
        expected |= {f"samples/{path}": outcome for path, outcome in table.items()}
    expected |= {
        f"datasets/{X_DATASET_FOLDER}/{Path(path).name}": outcome
        for path, outcome in X_DATASET.items()
    }
    return expected


def test_every_real_file_has_exactly_one_expected_outcome() -> None:
    samples = {
        f"samples/{p.relative_to(SAMPLES).as_posix()}"
        for p in SAMPLES.rglob("*")
        if p.is_file() and p.name != "SOURCES.md"
    }
    dataset = {
        f"datasets/{X_DATASET_FOLDER}/{p.name}"
        for p in (DATASETS / X_DATASET_FOLDER).iterdir()
        if p.suffix == ".csv"
    }
    assert len(samples) == SAMPLE_COUNT
    assert set(_all_expected()) == samples | dataset


@pytest.mark.parametrize("relative", sorted(_all_expected()))
def test_exactly_the_expected_importer_recognises_each_file(relative: str) -> None:
    """Recognition is unambiguous: the file's own kind and no other claims it."""
    expected = _all_expected()[relative]
    try:
        sample = read_sample(SHARED / relative)
    except FokusError:
        assert expected.status == "refused"
        return
    claimed = [a.kind for a in ADAPTERS if a.recognise(sample).complete]
    if expected.status == "imported":
        assert claimed == [expected.kind]
    else:  # refused by the pipeline, or by the one importer that reads it
        assert len(claimed) <= 1


def _row(path: str, outcome: Expected) -> str:
    if outcome.status == "refused":
        assert outcome.refusal_key is not None
        text = catalog("en")[outcome.refusal_key]
        reason = PLACEHOLDER.sub("…", text).replace("|", "\\|")
        return (
            f"| `{path}` | refused | — | — | — | {reason} (`{outcome.refusal_key}`) |"
        )
    return (
        f"| `{path}` | imported | `{outcome.kind}` | {outcome.rows_imported:,} "
        f"| {outcome.rows_skipped:,} | |"
    )


def render_table() -> str:
    rows = [_row(path, outcome) for path, outcome in sorted(_all_expected().items())]
    return "\n".join(
        [
            "# Conformance: every real export file we have",
            "",
            "The project is tested against real export files that third parties downloaded",
            "from the platforms (74 files in `../shared/samples` and the X data set in",
            "`../shared/datasets`, which are not part of the project: see their",
            "`SOURCES.md`). Each file imports with the counts below or is refused for the",
            "reason given; `tests/conformance/` checks every row, and no file may crash the",
            "importer.",
            "",
            '"Stored" counts what the store keeps from the file: posts for post exports,',
            "one value per day and metric for daily series, and one value per cell for",
            'breakdowns and benchmarks. "Skipped" rows are listed by the import with their',
            "row number and reason.",
            "",
            "| File | Outcome | Kind | Stored | Skipped | Reason |",
            "| --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
            'The UCI "Facebook metrics" research data set',
            "(`datasets/uci_facebook_metrics/dataset_Facebook.csv`) is not an export: it",
            "imports through a mapping, all 500 posts, as [mapping.md](mapping.md) shows",
            "(`tests/conformance/test_uci_mapping.py`).",
            "",
        ]
    )


def test_docs_conformance_is_the_table_the_tests_check() -> None:
    table = render_table()
    if os.environ.get("FOKUS_UPDATE_GOLDEN") == "1":
        TABLE.write_text(table, encoding="utf-8")
    assert TABLE.read_text(encoding="utf-8") == table, (
        "docs/conformance.md differs; FOKUS_UPDATE_GOLDEN=1 rewrites it"
    )
