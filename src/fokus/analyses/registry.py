"""Every analysis the review runs, in report order."""

from __future__ import annotations

from fokus.analyses.ai_tools import AiTools
from fokus.analyses.base import Analysis
from fokus.analyses.channels import Channels
from fokus.analyses.coverage import Coverage
from fokus.analyses.focus import Focus
from fokus.analyses.formats import Formats
from fokus.analyses.organic import Organic
from fokus.analyses.security import Security
from fokus.analyses.strategy import Strategy
from fokus.analyses.text import Text
from fokus.analyses.time_use import TimeUse

ANALYSES: tuple[Analysis, ...] = (
    Coverage(), Strategy(), AiTools(), TimeUse(), Channels(), Formats(), Text(),
    Security(), Organic(), Focus(),
)  # fmt: skip
