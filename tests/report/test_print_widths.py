"""The PDF tables' column widths (fokus.report.print_widths): every word fits its
column when the page allows it, a table runs into the margin by at most a tenth,
landscape headers are hyphenated, and the PDF keeps a wide table's words whole.

Widths are checked against text measured here with Pillow and DejaVu Sans, the
fonts print.css names (installed by scripts/apt-packages.txt)."""

from __future__ import annotations

import pytest
from PIL import ImageFont

from fokus.report.print_widths import print_widths

TEXT_WIDTH = 493.2  # points: A4 portrait less 18 mm margins
LANDSCAPE_WIDTH = 739.8


def _points(text: str, size: float, *, bold: bool = False) -> float:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(name, 100).getlength(text) * size / 100


def _columns_in_points(
    headers: list[str], rows: list[list[str]], text_width: float
) -> list[float]:
    width, shares = print_widths(headers, rows, "nb")
    return [text_width * width / 100 * share / 100 for share in shares]


def test_a_table_that_fits_shares_the_page_by_its_longest_texts() -> None:
    headers = ["Kanal", "Innlegg"]
    rows = [["Instagram", "1 234"], ["Facebook og Instagram", "5"]]
    width, shares = print_widths(headers, rows, "nb")
    assert width == 100.0
    # Each column wants its longest text, its padding (6 pt) and a point to spare.
    first = _points("Facebook og Instagram", 8.5) + 7
    second = _points("Innlegg", 8.5, bold=True) + 7
    assert shares == pytest.approx(
        (100 * first / (first + second), 100 * second / (first + second)), abs=0.01
    )


def test_every_word_fits_its_column_in_a_crowded_table() -> None:
    headers = ["Kanal", "Konto", "Målpassform", "Engasjement per uke", "Forslag",
               "Rolle i fokus.toml", "Innlegg", "Poeng", "Resultat per innlegg"]  # fmt: skip
    rows = [["Instagram", "Fjordvik kommune", "1", "0,6", "vurder å legge på is",
             "hovedkanal", "426", "0,9", "1 234 567"]] * 3  # fmt: skip
    width, _ = print_widths(headers, rows, "nb")
    assert width == 100.0  # nine columns (a wide table, 7 pt) still fit the page
    columns = _columns_in_points(headers, rows, TEXT_WIDTH)
    for i, header in enumerate(headers):
        words = [_points(w, 8.5, bold=True) for w in header.split()]
        words += [_points(w, 7.0) for row in rows for w in row[i].split()]
        assert columns[i] >= max(words) + 3, header


def test_a_table_too_wide_for_the_page_runs_into_the_margin_by_a_tenth_at_most() -> (
    None
):
    headers = [f"Kolonne{i}" for i in range(12)]
    rows = [["Sammensetning" * 2 for _ in range(12)]]
    width, shares = print_widths(headers, rows, "nb")
    assert width == 110.0
    assert sum(shares) == pytest.approx(100, abs=0.05)
    assert len(set(shares)) == 1


def test_landscape_headers_need_only_their_longest_hyphenated_part() -> None:
    # Fourteen columns (landscape, 6 pt cells, 2.5 pt padding), crowded: each
    # column gets its narrowest width, scaled to the page's tenth beyond.
    headers = ["Databehandleravtale"] + ["K"] * 13
    rows = [["ja"] + ["x" * 40] * 13]
    width, shares = print_widths(headers, rows, "nb")
    assert width == 110.0
    parts = ["Data-", "be-", "hand-", "ler-", "av-", "ta-", "le"]  # pyphen, nb_NO
    first = max(_points(p, 8.5, bold=True) for p in parts) + 3.5
    other = _points("x" * 40, 6.0) + 3.5
    assert shares[0] / shares[1] == pytest.approx(first / other, rel=1e-3)
    assert first < _points("Databehandleravtale", 8.5, bold=True)


def test_no_columns_no_widths() -> None:
    assert print_widths([], [], "en") == (100.0, ())
