"""Keeping secrets out of the server log: the one-time tokens in set-up, invitation
and password-reset links are replaced by ``…`` in uvicorn's access log."""

from __future__ import annotations

import logging
import re

_TOKEN_PATH = re.compile(r"/(setup|invite|reset)/[^/?\s\"]+")


def redact(text: str) -> str:
    return _TOKEN_PATH.sub(r"/\1/…", text)


class RedactTokens(logging.Filter):
    """A filter for ``uvicorn.access``: its records carry the path in ``args``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        record.msg = redact(str(record.msg))
        return True


def install() -> None:
    """Redact the access log of this process (called by ``fokus serve``)."""
    logging.getLogger("uvicorn.access").addFilter(RedactTokens())
