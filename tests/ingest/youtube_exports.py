"""Synthetic YouTube Studio exports, written as Studio writes them (export-formats.md §6).

UTF-8 without a BOM, ``,``, LF; a field is quoted only when it must be (``"Sep 27,
2024"``). Values are ours; the layouts are the real ones.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Sequence
from pathlib import Path

CONTENT_2025 = (
    "Content", "Video title", "Video publish time", "Duration", "Stayed to watch (%)",
    "Unique viewers", "Average views per viewer", "New viewers", "Returning viewers",
    "Casual viewers", "Engaged views", "Average view duration",
    "Average percentage viewed (%)", "Views", "Watch time (hours)", "Subscribers",
    "Estimated revenue (USD)", "Impressions", "Impressions click-through rate (%)",
)  # fmt: skip
# The same columns as YouTube Studio in bokmål would likely name them (unverified).
CONTENT_2025_NB = (
    "Innhold", "Videotittel", "Publiseringstidspunkt for video", "Varighet",
    "Ble værende for å se (%)", "Unike seere", "Gjennomsnittlig antall visninger per seer",
    "Nye seere", "Tilbakevendende seere", "Tilfeldige seere", "Engasjerte visninger",
    "Gjennomsnittlig visningsvarighet", "Gjennomsnittlig prosentandel sett (%)",
    "Visninger", "Visningstid (timer)", "Abonnenter", "Estimerte inntekter (USD)",
    "Eksponeringer", "Klikkfrekvens for eksponeringer (%)",
)  # fmt: skip
CONTENT_ROWS = (
    ("Total", "", "", "", "71.07", "0", "0", "0", "0", "0", "1190", "0:04:04", "10.73",
     "1200", "40.5", "8", "3.5", "20000", "5.02"),
    ("aB3dE5fG7hI", "Sommerkonsert i parken", "Sep 27, 2024", "978", "100", "800",
     "1.25", "500", "300", "0", "1000", "0:04:23", "26.92", "1000", "30.25", "10",
     "2.5", "15000", "5.5"),
    (" -HHGH-TTqYM", "Kort klipp #shorts", "Nov 27, 2024", "54", "80.15", "", "", "",
     "", "", "140", "0:00:51", "95.18", "150", "10.25", "-2", "", "4000", "3.1"),
    ("-2B7awALB8c", "Gammel video", "", "4506", "", "", "", "", "", "", "50",
     "1:03:54", "5.21", "50", "0", "0", "1.0", "1000", ""),
)  # fmt: skip

CONTENT_2024 = (
    "Content", "Video title", "Video publish time", "Views", "Watch time (hours)",
    "Subscribers", "Estimated revenue (USD)", "Average view duration", "Impressions",
    "Impressions click-through rate (%)",
)  # fmt: skip

DATE_TABLE = (
    ("Date", "Views", "Watch time (hours)", "Average view duration",
     "Estimated revenue (USD)"),
    ("Total", "600", "12.0001", "0:01:12", "3.003"),
    ("2024-11-26", "100", "2.0001", "0:01:12", "1.001"),
    ("2024-11-25", "200", "4", "0:01:12", ""),
    ("2024-11-24", "300", "6", "0:01:12", "2.002"),
)  # fmt: skip

SUBSCRIPTION_TABLE = (
    ("Subscription status", "Views", "Watch time (hours)", "Average view duration"),
    ("Total", "1000", "20", "0:01:12"),
    ("Not subscribed", "900", "15", "0:01:00"),
    ("Subscribed", "100", "5", "0:03:00"),
)  # fmt: skip

AGE_TABLE = (
    ("Viewer age", "Views (%)", "Average view duration",
     "Average percentage viewed (%)", "Watch time (hours) (%)"),
    ("13–17 years", "0.61", "0:04:40", "38.43", "0.26"),
    ("65+ years", "99.39", "0:13:21", "45.74", "99.74"),
)  # fmt: skip

GENDER_TABLE = (
    ("Viewer gender", "Views (%)", "Average view duration",
     "Average percentage viewed (%)", "Watch time (hours) (%)"),
    ("Female", "33.56", "0:12:56", "51.91", "42.85"),
    ("Male", "65.77", "0:08:43", "44.83", "56.57"),
    ("User-specified", "0.66", "0:08:55", "50.45", "0.58"),
)  # fmt: skip

CHART = (
    ("Date", "Subscription status", "Views"),
    ("2024-11-25", "Subscribed", "40"),
    ("2024-11-26", "Subscribed", "60"),
    ("2024-11-25", "Not subscribed", "400"),
    ("2024-11-26", "Not subscribed", "500"),
)

TOTALS = (
    ("Date", "Views"),
    ("2024-11-25", "440"),
    ("2024-11-26", "560"),
)


def write(path: Path, rows: Sequence[Sequence[str]], *, newline: str = "\n") -> Path:
    """A CSV as YouTube Studio writes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator=newline).writerows(rows)
    return path


def content(
    path: Path, header: Sequence[str] = CONTENT_2025, *, newline: str = "\n"
) -> Path:
    """The 2025 Content table: Total row first, three videos."""
    return write(path, [header, *CONTENT_ROWS], newline=newline)


def text(rows: Sequence[Sequence[str]]) -> str:
    """The CSV text of ``rows`` (for zip members)."""
    lines = []
    for row in rows:
        cells = [f'"{c}"' if "," in c or '"' in c else c for c in row]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def zip_export(path: Path, members: dict[str, str]) -> Path:
    """A zip file as YouTube Studio's Export → CSV downloads it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return path
