"""Columns recognised by their values when the header is unknown."""

from __future__ import annotations

import pytest

from fokus.ingest.values import column_kinds, find_column, looks_like_date, value_kind


@pytest.mark.parametrize(
    "text",
    [
        "2025-10-31",
        "2025/10/31 18:19:10",
        "2021-12-31 15:59 +0000",
        "02/04/2026",
        "25.03.2026 14:05",
        "Mon Feb 17 2025",
        "Sun, Nov 9, 2025",
        "Jun 7, 2020",
        "17. feb 2025",
        "July 16",
    ],
)
def test_dates_as_exports_write_them(text: str) -> None:
    assert looks_like_date(text)


@pytest.mark.parametrize("text", ["1234", "Total", "12:30", "7424839902095392768"])
def test_non_dates(text: str) -> None:
    assert not looks_like_date(text)


def test_each_column_kind() -> None:
    rows = [
        ("https://x.com/a/status/1", "1891564128784855141", "Mon Feb 17 2025", "1 204", "Hei alle", "", "_mf5P4uoMNk"),
        ("https://x.com/a/status/2", "1891564128784855142", "Sun Feb 16 2025", "87,5", "Ny uke", "", "-2B7awALB8c"),
    ]  # fmt: skip
    assert column_kinds(rows, 8) == (
        "url", "id", "date", "number", "text", "empty", "id", "empty"
    )  # fmt: skip


def test_a_minority_of_odd_values_does_not_change_the_kind() -> None:
    values = [str(n) for n in range(9)] + ["n/a"]
    assert value_kind(values) == "number"
    assert value_kind([*values[:5], "abc", "def"]) == "text"


def test_find_column_skips_taken_columns_and_filters_urls() -> None:
    rows = [
        ("https://example.org/a", "https://www.linkedin.com/feed/update/urn:li:activity:1"),
        ("https://example.org/b", "https://www.linkedin.com/feed/update/urn:li:activity:2"),
    ]  # fmt: skip
    assert find_column(rows, 2, "url") == 0
    assert find_column(rows, 2, "url", contains="linkedin.com/feed/update") == 1
    assert find_column(rows, 2, "url", taken=frozenset({0, 1})) is None
