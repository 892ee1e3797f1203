"""Every analysis the review runs, in report order."""

from __future__ import annotations

from fokus.analyses.base import Analysis
from fokus.analyses.coverage import Coverage
from fokus.analyses.organic import Organic

ANALYSES: tuple[Analysis, ...] = (Coverage(), Organic())
