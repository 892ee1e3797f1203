"""The experiments register reader and the variant markers it understands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from fokus.registers.experiments import (
    Experiment,
    RegisterProblem,
    parse_experiments,
    read_experiments,
)
from fokus.registers.templates import REGISTERS, render_register_template
from fokus.registers.variants import VariantRule, parse_variant

NB_HEADER = "Navn;Hypotese;Måltall;Plattform;Variant A;Variant B;Start;Slutt;Beslutning"
EN_HEADER = "Name,Hypothesis,Metric,Platform,Variant A,Variant B,Start,End,Decision"


def _write(path: Path, lines: list[str], encoding: str) -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def test_norwegian_excel_csv_windows_1252(tmp_path: Path) -> None:
    _write(tmp_path / "experiments.csv", [
        NB_HEADER,
        "Ansatte i reels;Ansatte gir mer engasjement;engasjementsrate;Instagram;"
        "Tekst og musikk (format: reel);Ansatt til kamera #ansattfokus;"
        "02.03.2026;26.04.2026;Lag flere",
        "Kl. 07;Tidlig når flere;;Facebook;kl. 12;kl. 07;1.3.2026;;",
    ], "cp1252")  # fmt: skip
    register = read_experiments(tmp_path)
    assert register is not None
    first, second = register.experiments
    assert first == Experiment(
        row=2, name="Ansatte i reels", hypothesis="Ansatte gir mer engasjement",
        metric="engagement_rate", metric_raw="engasjementsrate",
        platform="instagram", variant_a="Tekst og musikk (format: reel)",
        variant_b="Ansatt til kamera #ansattfokus",
        rule_a=VariantRule(formats=("reel",)),
        rule_b=VariantRule(hashtags=("ansattfokus",)),
        start=dt.date(2026, 3, 2), end=dt.date(2026, 4, 26), decision="Lag flere",
    )  # fmt: skip
    assert (second.start, second.end, second.metric) == (
        dt.date(2026, 3, 1),
        None,
        None,
    )
    assert second.rule_a == VariantRule(hours=(12,))
    assert register.problems == (
        RegisterProblem("register.experiments.no_metric", 3, {"name": "Kl. 07"}),
    )


def test_english_csv_utf8_and_problems_per_row(tmp_path: Path) -> None:
    _write(tmp_path / "experiments.csv", [
        EN_HEADER,
        "Good,h,reach,LinkedIn,,odd weeks,2026-03-02,2026-03-29,",
        "Odd channel,h,reach,Myspace,,#x,2026-03-02,,",
        "Bad date,h,reach,X,,#x,31.02.2026,,",
        "Backwards,h,reach,X,,#x,2026-03-02,2026-03-01,",
        "Prose,h,likes,Twitter,,Something new,2026-03-02,,",
        ",,,,,,,,",
    ], "utf-8")  # fmt: skip
    register = read_experiments(tmp_path)
    assert register is not None
    assert [(e.name, e.platform) for e in register.experiments] == [
        ("Good", "linkedin"), ("Prose", "x")
    ]  # fmt: skip
    assert register.experiments[0].rule_b == VariantRule(weeks="odd")
    assert register.experiments[1].rule_b is None
    assert [(p.key.rsplit(".", 1)[1], p.row) for p in register.problems] == [
        ("unknown_platform", 3), ("bad_start", 4), ("end_before_start", 5),
        ("unknown_metric", 6), ("variant_not_found", 6),
    ]  # fmt: skip


def test_xlsx_wins_and_reads_real_dates(tmp_path: Path) -> None:
    (tmp_path / "experiments.csv").write_text(EN_HEADER + "\r\n", encoding="utf-8")
    book = xlsxwriter.Workbook(str(tmp_path / "experiments.xlsx"))
    sheet = book.add_worksheet()
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    for col, head in enumerate(NB_HEADER.split(";")):
        sheet.write(0, col, head)
    row = ["Test", "", "rekkevidde", "TikTok", "", "format: video, kl. 18"]
    for col, value in enumerate(row):
        sheet.write(1, col, value)
    sheet.write_datetime(1, 6, dt.datetime(2026, 3, 2), dates)
    sheet.write_datetime(1, 7, dt.datetime(2026, 3, 30), dates)
    book.close()
    register = read_experiments(tmp_path)
    assert register is not None and register.file == "experiments.xlsx"
    (experiment,) = register.experiments
    assert (experiment.start, experiment.end) == (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 30),
    )
    assert experiment.rule_b == VariantRule(formats=("video",), hours=(18,))
    assert experiment.metric == "reach"


def test_missing_columns_and_no_file(tmp_path: Path) -> None:
    assert read_experiments(tmp_path) is None
    register = parse_experiments("e.csv", [["Navn", "Hypotese"], ["a", "b"]])
    assert register.experiments == ()
    (problem,) = register.problems
    assert problem.key == "register.missing_columns"
    assert problem.params["columns"] == (
        "Plattform / Platform, Variant B / Variant B, Start / Start"
    )


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_templates_example_row_is_not_an_experiment(
    tmp_path: Path, language: str
) -> None:
    register = next(r for r in REGISTERS if r.key == "experiments")
    (tmp_path / "experiments.csv").write_bytes(
        render_register_template(register, language)  # type: ignore[arg-type]
    )
    assert read_experiments(tmp_path) == read_experiments(tmp_path).__class__(  # type: ignore[union-attr]
        "experiments.csv", ()
    )


@pytest.mark.parametrize(
    ("cell", "rule"),
    [
        ("Ansatt snakker til kamera", None),
        ("#Ansattfokus og #fjordvik", VariantRule(hashtags=("ansattfokus", "fjordvik"))),
        ("etikett: Natur og friluft", VariantRule(labels=("natur og friluft",))),
        ("Label: Nature, format: karusell", VariantRule(("",)[:0], ("nature",), ("carousel",))),
        ("format: hologram", None),
        ("Publisere kl. 07", VariantRule(hours=(7,))),
        ("Post at 7 am", VariantRule(hours=(7,))),
        ("Post at 12 noon", VariantRule(hours=(12,))),
        ("at 3:30 pm", VariantRule(hours=(15,))),
        ("klokka 07:00", VariantRule(hours=(7,))),
        ("partallsuker", VariantRule(weeks="even")),
        ("Odd weeks", VariantRule(weeks="odd")),
        ("02.03.2026–15.03.2026", VariantRule(period=(dt.date(2026, 3, 2), dt.date(2026, 3, 15)))),
        ("2026-03-02 to 2026-03-15", VariantRule(period=(dt.date(2026, 3, 2), dt.date(2026, 3, 15)))),
    ],
)  # fmt: skip
def test_variant_markers(cell: str, rule: VariantRule | None) -> None:
    assert parse_variant(cell) == rule


def test_a_post_is_in_a_variant_when_every_marker_holds() -> None:
    rule = parse_variant("format: reel, oddetallsuker, #ansattfokus")
    assert rule is not None
    monday = dt.date(2026, 3, 2)  # ISO week 10: even
    post = {"text": "Hei! #AnsattFokus", "labels": None, "format_": "reel",
            "hour": None}  # fmt: skip
    assert not rule.matches(**post, day=monday)
    assert rule.matches(**post, day=monday + dt.timedelta(days=7))
    assert not rule.matches(**{**post, "format_": "image"}, day=dt.date(2026, 3, 9))
    labels = parse_variant("etikett: Kultur")
    assert labels is not None
    assert labels.matches(text=None, labels="Natur; kultur", format_="image",
                          hour=None, day=monday)  # fmt: skip
    hours = parse_variant("kl. 07")
    assert hours is not None
    assert not hours.matches(text=None, labels=None, format_="image", hour=None,
                             day=monday)  # fmt: skip
