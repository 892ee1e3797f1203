"""The report's branding from ``fokus.toml``'s ``[report]`` table: the logo read
from the workspace and checked, the colours passed on as they were validated.

A logo that is missing, too big or not a PNG, JPEG or SVG does not stop the
review: the report goes on without it and its data appendix says why, in a
finding the user reads where the report is.
"""

from __future__ import annotations

from pathlib import Path

from fokus.config import ReportConfig
from fokus.model.branding import MAX_LOGO_BYTES, Branding, Logo, LogoType
from fokus.model.results import Finding

_SNIFF_BYTES = 4096


def load_branding(root: Path, config: ReportConfig) -> tuple[Branding, Finding | None]:
    """The branding for a workspace at ``root``, and a finding when the logo could
    not be used."""
    logo, problem = (None, None) if config.logo is None else _logo(root, config.logo)
    branding = Branding(logo, config.primary_colour, config.accent_colour)
    return branding, problem


def _logo(root: Path, name: str) -> tuple[Logo | None, Finding | None]:
    path = root / name
    try:
        # The logo belongs to the workspace: a path out of it (``../``, an absolute
        # path) could embed any picture on the machine into a shared report.
        if not path.resolve().is_relative_to(root.resolve()):
            return None, _problem("finding.branding.logo_outside", name)
        size = path.stat().st_size
        if not path.is_file():
            return None, _problem("finding.branding.logo_missing", name)
        if size > MAX_LOGO_BYTES:
            kilobytes = -(-size // 1024)
            return None, _problem("finding.branding.logo_too_big", name, kb=kilobytes)
        data = path.read_bytes()
    except OSError:
        return None, _problem("finding.branding.logo_missing", name)
    media_type = logo_type(data)
    if media_type is None or len(data) > MAX_LOGO_BYTES:
        return None, _problem("finding.branding.logo_wrong_type", name)
    return Logo(data, media_type), None


def logo_type(data: bytes) -> LogoType | None:
    """The picture's type from its first bytes, whatever the file is called."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<") and b"<svg" in head:
        return "image/svg+xml"
    return None


def _problem(key: str, name: str, **params: int) -> Finding:
    return Finding(key, "notice", {"path": name, **params})
