"""Untrusted text made safe to show as plain text, whatever the format.

Captions, names and file names may carry Unicode's embedding, override and isolate
controls (U+202A–U+202E, U+2066–U+2069): they can make ``evil\u202egpj.exe`` read
as ``evilexe.jpg``. Every renderer replaces them with the visible replacement
character, so the trick shows instead of working.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def neutralise_bidi(text: str) -> str:
    return BIDI_CONTROLS.sub(REPLACEMENT, text)
