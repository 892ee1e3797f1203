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
    font = ImageFont.truetype(name, 100, layout_engine=ImageFont.Layout.BASIC)
    return font.getlength(text) * size / 100


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


def test_a_table_too_wide_for_the_page_runs_45_points_into_the_margin_at_most() -> None:
    headers = [f"Kolonne{i}" for i in range(12)]
    rows = [["Sammensetning" * 2 for _ in range(12)]]
    width, shares = print_widths(headers, rows, "nb")
    assert width == 109.1  # 493.2 pt + 45 pt of the right margin's 51 pt
    assert sum(shares) == pytest.approx(100, abs=0.05)
    assert len(set(shares)) == 1


def test_landscape_headers_need_only_their_longest_hyphenated_part() -> None:
    # Fourteen columns (landscape, 6 pt cells, 2.5 pt padding), crowded: each
    # column gets its narrowest width, and the table runs 45 pt into the margin.
    headers = ["Databehandleravtale"] + ["K"] * 13
    rows = [["ja"] + ["x" * 39] * 13]
    width, shares = print_widths(headers, rows, "nb")
    assert width == 106.1  # 739.8 pt + 45 pt
    parts = ["Data-", "be-", "hand-", "ler-", "av-", "ta-", "le"]  # pyphen, nb_NO
    first = max(_points(p, 8.5, bold=True) for p in parts) + 3.5
    other = _points("x" * 39, 6.0) + 3.5
    assert shares[0] == pytest.approx(100 * first / (first + 13 * other), abs=0.01)
    assert first < _points("Databehandleravtale", 8.5, bold=True)


def test_a_cell_with_a_word_of_40_characters_breaks_anywhere_and_asks_no_width() -> (
    None
):
    # print.css lets such a cell break anywhere (td.unbroken), as the PDF must.
    link = "https://example.org/" + "a" * 40
    width, shares = print_widths(["Lenke", "Innlegg"], [[link, "12"]], "nb")
    assert width == 100.0
    assert shares[0] > 80  # it still gets most of the room it would like


def test_control_characters_and_a_caption_longer_than_any_page_are_measured() -> None:
    # Pillow's shaping library refused these (a review of hostile texts failed).
    rows = [["bell\x07escape\x1bdelete\x7fc1\x85end", "\r=1+1"], ["x" * 5000, "1"]]
    width, shares = print_widths(["Tekst", "Tall"], rows, "nb")
    assert width == 100.0
    assert shares[0] > 90


def test_no_columns_no_widths() -> None:
    assert print_widths([], [], "en") == (100.0, ())
