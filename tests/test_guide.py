"""The user guide (docs/guide/) in both languages shows only screenshots that exist,
and the two languages show the same pages."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE = Path(__file__).parents[1] / "docs" / "guide"
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def _images(language: str) -> list[str]:
    return IMAGE.findall((GUIDE / f"{language}.md").read_text(encoding="utf-8"))


def test_every_image_the_guide_shows_exists() -> None:
    for language in ("nb", "en"):
        images = _images(language)
        assert len(images) >= 9, language
        missing = [image for image in images if not (GUIDE / image).is_file()]
        assert missing == [], language


def test_both_guides_show_the_same_pages() -> None:
    def pages(language: str) -> list[str]:
        return [image.split("-", 1)[1] for image in _images(language)]

    assert pages("nb") == pages("en")
