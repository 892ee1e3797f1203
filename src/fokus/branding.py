"""The report's branding from ``fokus.toml``'s ``[report]`` table: the logo read
from the workspace and checked, the colours passed on as they were validated.

A logo that is missing, too big or not a PNG, JPEG or SVG does not stop the
review: the report goes on without it and its data appendix says why, in a
finding the user reads where the report is.
"""

from __future__ import annotations

import re
from pathlib import Path

from fokus.config import ReportConfig
from fokus.model.branding import MAX_LOGO_BYTES, Branding, Logo, LogoType
from fokus.model.results import Finding

_SNIFF_BYTES = 4096
_PROLOG = re.compile(
    rb"<\?xml.*?\?>|<!--.*?-->|<!doctype[^>]*>", re.DOTALL | re.IGNORECASE
)


def load_branding(root: Path, config: ReportConfig) -> tuple[Branding, Finding | None]:
    """The branding for a workspace at ``root``, and a finding when the logo could
    not be used."""
    logo, problem = (None, None) if config.logo is None else _logo(root, config.logo)
    branding = Branding(logo, config.primary_colour, config.accent_colour)
    return branding, problem


def _logo(root: Path, name: str) -> tuple[Logo | None, Finding | None]:
    data = _read(root, name)
    if isinstance(data, Finding):
        return None, data
    media_type = logo_type(data)
    if media_type is None:
        return None, _problem("finding.branding.logo_wrong_type", name)
    return Logo(data, media_type), None


def _read(root: Path, name: str) -> bytes | Finding:
    """The logo file's bytes, or why there are none."""
    path = root / name
    try:
        # The logo belongs to the workspace: a path out of it (``../``, an absolute
        # path) could embed any picture on the machine into a shared report.
        if not path.resolve().is_relative_to(root.resolve()):
            return _problem("finding.branding.logo_outside", name)
        if not path.is_file():
            return _problem("finding.branding.logo_missing", name)
        # Checked before reading, so a huge file is never loaded; and after, in
        # case it grew in between.
        size = path.stat().st_size
        data = b"" if size > MAX_LOGO_BYTES else path.read_bytes()
    except OSError:
        return _problem("finding.branding.logo_missing", name)
    size = max(size, len(data))
    if size > MAX_LOGO_BYTES:
        return _problem("finding.branding.logo_too_big", name, kb=-(-size // 1024))
    return data


def logo_type(data: bytes) -> LogoType | None:
    """The picture's type from its first bytes, whatever the file is called."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()
    # An SVG file's root element is <svg>, after an optional XML declaration,
    # comments and a doctype; an HTML page with an <svg> inside is no logo.
    while (prolog := _PROLOG.match(head)) is not None:
        head = head[prolog.end() :].lstrip()
    if head.startswith(b"<svg") and head[4:5] in {
        b" ",
        b">",
        b"\n",
        b"\t",
        b"\r",
        b"/",
    }:
        return "image/svg+xml"
    return None


def _problem(key: str, name: str, **params: int) -> Finding:
    return Finding(key, "notice", {"path": name, **params})
