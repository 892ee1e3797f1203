"""Branding from fokus.toml: ``[report]`` parsed and validated (fokus.config), the
logo read and checked at review time (fokus.branding), and the review going on
without a logo it cannot use."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest

from fokus.branding import load_branding, logo_type
from fokus.config import ReportConfig, load_config
from fokus.errors import FokusError
from fokus.i18n import translate
from fokus.model.branding import MAX_LOGO_BYTES, Branding, Logo
from fokus.model.results import Finding
from fokus.report import render_html
from fokus.review import review_workspace
from fokus.workspace import init_workspace, open_workspace

ORG = 'organisation = "X"\n'
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(20)
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def test_report_table_is_read() -> None:
    config = load_config(
        ORG + '[report]\nlogo = " logo/kyst.svg "\nprimary_colour = "#1F4E79"\n'
        'accent_colour = "#c8102e"\n'
    )
    assert config.report == ReportConfig("logo/kyst.svg", "#1f4e79", "#c8102e")


def test_no_report_table_means_default_look() -> None:
    assert load_config(ORG).report == ReportConfig(None, None, None)


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        ('[report]\nprimary_colour = "blue"', "config.invalid_colour",
         {"field": "report.primary_colour", "value": '"blue"',
          "example": 'primary_colour = "#1f4e79"'}),
        ('[report]\naccent_colour = "#abc"', "config.invalid_colour",
         {"field": "report.accent_colour", "value": '"#abc"',
          "example": 'accent_colour = "#c8102e"'}),
        ('[report]\naccent_colour = "#c8102e; }"', "config.invalid_colour",
         {"field": "report.accent_colour", "value": '"#c8102e; }"',
          "example": 'accent_colour = "#c8102e"'}),
        ('[report]\nprimary_colour = 0x1f4e79', "config.not_text",
         {"field": "report.primary_colour", "value": "2051705",
          "example": 'primary_colour = "#1f4e79"'}),
        ('report = "logo.png"', "config.not_table",
         {"field": "report", "example": "[report]"}),
        ('[report]\nlogo = ""', "config.empty",
         {"field": "report.logo", "example": 'logo = "logo.png"'}),
        ('[report]\ncolour = "#000000"', "config.unknown_key",
         {"field": "report.colour", "known": "logo, primary_colour, accent_colour"}),
    ],
)  # fmt: skip
def test_bad_report_values_are_refused_naming_the_key(
    text: str, key: str, params: dict[str, str]
) -> None:
    with pytest.raises(FokusError) as caught:
        load_config(ORG + text)
    assert caught.value.message_key == key
    assert dict(caught.value.params) == {"source": "fokus.toml", **params}


def test_colour_message_in_both_languages() -> None:
    with pytest.raises(FokusError) as caught:
        load_config(ORG + '[report]\nprimary_colour = "blue"')
    error = caught.value
    assert translate(error.message_key, "nb", **error.params) == (
        '«report.primary_colour» i fokus.toml er "blue", men en farge må skrives '
        "som # fulgt av seks heksadesimale sifre (0–9 og a–f)."
    )
    assert translate(error.hint_key, "en", **error.params) == (
        'Write the colour code like this: primary_colour = "#1f4e79". The colour '
        "picker of most drawing programs shows the code in this form."
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (SVG, "image/svg+xml"),
        (b"\xef\xbb\xbf  <svg viewBox='0 0 1 1'/>", "image/svg+xml"),
        (
            b'<!-- made by hand --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n<svg>',
            "image/svg+xml",
        ),
        (b"<html><body><svg></svg></body></html>", None),
        (b"<svgx/>", None),
        (b"GIF89a", None),
        (b"<html><body>no</body></html>", None),
        (b"", None),
    ],
)
def test_logo_type_from_content(data: bytes, expected: str | None) -> None:
    assert logo_type(data) == expected


def test_logo_is_read_with_its_type(tmp_path: Path) -> None:
    (tmp_path / "logo").mkdir()
    (tmp_path / "logo" / "kyst.png").write_bytes(PNG)
    branding, problem = load_branding(
        tmp_path, ReportConfig("logo/kyst.png", "#000000", None)
    )
    assert branding == Branding(Logo(PNG, "image/png"), "#000000", None)
    assert problem is None


def test_no_logo_configured(tmp_path: Path) -> None:
    assert load_branding(tmp_path, ReportConfig()) == (Branding(), None)


@pytest.mark.parametrize(
    ("name", "content", "key", "params"),
    [
        ("nowhere.png", None, "finding.branding.logo_missing", {}),
        ("big.png", PNG + bytes(MAX_LOGO_BYTES), "finding.branding.logo_too_big",
         {"kb": 1025}),
        ("logo.gif", b"GIF89a" + bytes(10), "finding.branding.logo_wrong_type", {}),
        ("logo.png", b"<html>", "finding.branding.logo_wrong_type", {}),
        ("../outside.png", PNG, "finding.branding.logo_outside", {}),
    ],
)  # fmt: skip
def test_a_logo_that_cannot_be_used_is_a_finding(
    tmp_path: Path, name: str, content: bytes | None, key: str, params: dict[str, int]
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    if content is not None:
        (root / name).write_bytes(content)
    branding, problem = load_branding(root, ReportConfig(name, "#123456", None))
    assert branding == Branding(None, "#123456", None)
    assert problem == Finding(key, "notice", {"path": name, **params})


def _branded_workspace(tmp_path: Path, report: str) -> Path:
    workspace = init_workspace(tmp_path / "ws", "Kystlaget", "nb")
    config = workspace.config_path
    config.write_text(config.read_text(encoding="utf-8") + report, encoding="utf-8")
    return workspace.root


def test_review_embeds_the_logo_and_colours(tmp_path: Path) -> None:
    root = _branded_workspace(
        tmp_path,
        '\n[report]\nlogo = "kyst.svg"\nprimary_colour = "#ffcc00"\n'
        'accent_colour = "#003366"\n',
    )
    (root / "kyst.svg").write_bytes(SVG)
    review = review_workspace(
        open_workspace(root), now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC), record=False
    )
    html = render_html(review, "ws")
    uri = "data:image/svg+xml;base64," + base64.b64encode(SVG).decode()
    assert f'<img class="logo" src="{uri}" alt="Logoen til Kystlaget">' in html
    # The SVG's markup never reaches the page: only its base64 form does.
    assert "<svg" not in html
    assert "alert(1)" not in html
    # Yellow is too light for white text or for links on white.
    assert (
        "<style>:root { --brand: #ffcc00; --on-brand: #000000; "
        "--brand-accent: #003366; --link: #1f4e79; }</style>"
    ) in html


def test_review_goes_on_without_a_missing_logo(tmp_path: Path) -> None:
    root = _branded_workspace(tmp_path, '\n[report]\nlogo = "logo.png"\n')
    review = review_workspace(
        open_workspace(root), now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC), record=False
    )
    assert review.branding == Branding()
    coverage = next(s for s in review.sections if s.key == "coverage")
    assert coverage.findings[-1] == Finding(
        "finding.branding.logo_missing", "notice", {"path": "logo.png"}
    )
    html = render_html(review, "ws")
    assert "<img" not in html
    assert (
        "Fant ikke logofila logo.png som fokus.toml viser til, så rapporten er laget "
        "uten logo."
    ) in html
