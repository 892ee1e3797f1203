"""The page's colours: the brand's custom properties, text on them readable (WCAG
AA), and the default palette's contrast."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from fokus.model.branding import Branding, Logo
from fokus.report.html_brand import brand_view, contrast, luminance, text_on

AA = 4.5


def _palette() -> dict[str, str]:
    css = (resources.files("fokus.report") / "templates" / "report.css").read_text()
    root = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    return dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", root))


def test_luminance_and_contrast_known_values() -> None:
    assert luminance("#000000") == 0.0
    assert luminance("#ffffff") == pytest.approx(1.0)
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    # The WCAG example: #777777 on white is just below AA.
    assert contrast("#777777", "#ffffff") == pytest.approx(4.478, abs=0.001)


@pytest.mark.parametrize("level", range(0, 256, 5))
def test_text_on_any_grey_reaches_aa(level: int) -> None:
    grey = f"#{level:02x}{level:02x}{level:02x}"
    assert contrast(text_on(grey), grey) >= AA


@pytest.mark.parametrize(
    "colour", ["#ff0000", "#00ff00", "#0000ff", "#ffcc00", "#c8102e", "#00a3e0",
               "#7f7f7f", "#767676", "#808080", "#1f4e79", "#ff7f50", "#2f7d6d"]
)  # fmt: skip
def test_text_on_brand_colours_reaches_aa(colour: str) -> None:
    assert contrast(text_on(colour), colour) >= AA


@pytest.mark.parametrize(
    ("branding", "css"),
    [
        (Branding(), ":root { --brand: #1f4e79; --on-brand: #ffffff; "
         "--brand-accent: #2f7d6d; --link: #1f4e79; }"),
        (Branding(primary_colour="#003366", accent_colour="#FFCC00"),
         ":root { --brand: #003366; --on-brand: #ffffff; "
         "--brand-accent: #ffcc00; --link: #003366; }"),
        # Too light for white text, and for links on white.
        (Branding(primary_colour="#00a3e0"),
         ":root { --brand: #00a3e0; --on-brand: #000000; "
         "--brand-accent: #2f7d6d; --link: #1f4e79; }"),
        # Built through the API, not fokus.toml: anything but #rrggbb is ignored.
        (Branding(primary_colour="red; } body { display: none", accent_colour="#abc"),
         ":root { --brand: #1f4e79; --on-brand: #ffffff; "
         "--brand-accent: #2f7d6d; --link: #1f4e79; }"),
    ],
)  # fmt: skip
def test_brand_css(branding: Branding, css: str) -> None:
    assert brand_view(branding).css == css


def test_logo_is_a_data_uri_of_its_type_only() -> None:
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
    view = brand_view(Branding(logo=Logo(svg, "image/svg+xml")))
    assert view.logo_uri == (
        "data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdm"
        "cnPjxzY3JpcHQ+YWxlcnQoMSk8L3NjcmlwdD48L3N2Zz4="
    )
    assert brand_view(Branding(logo=Logo(b"", "image/png"))).logo_uri is None


@pytest.mark.parametrize(
    ("ink", "paper"),
    [
        ("ink", "paper"), ("muted", "paper"), ("muted", "tint"), ("ink", "tint"),
        ("accent", "paper"), ("link", "paper"), ("info", "paper"),
        ("notice", "paper"), ("warning", "paper"), ("critical", "paper"),
        ("ok-ink", "ok-bg"), ("low-ink", "low-bg"), ("bad-ink", "bad-bg"),
        ("on-brand", "brand"), ("ok-ink", "paper"),
    ],
)  # fmt: skip
def test_default_palette_text_reaches_aa(ink: str, paper: str) -> None:
    palette = _palette()
    assert contrast(palette[ink], palette[paper]) >= AA, (ink, paper)
