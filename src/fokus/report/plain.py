"""Untrusted text made safe to show as plain text, whatever the format.

Captions, names and file names may carry characters that change how the text
around them reads without showing themselves:

* Unicode's embedding, override and isolate controls (U+202A–U+202E,
  U+2066–U+2069): they can make ``evil\u202egpj.exe`` read as ``evilexe.jpg``, or
  reverse the words after a name;
* control characters (C0 but tab, line feed and carriage return; DEL; C1; the
  null byte) and the noncharacters U+FFFE and U+FFFF: invisible, and not allowed
  in XML at all (the XLSX, the deck, the SVG of a chart).

Every renderer, and the web pages, replace each with the visible replacement
character U+FFFD (``visible_text``), so the trick shows instead of working and the
reader knows something was there. Letters of right-to-left scripts, zero-width
joiners and combining marks are kept: names and emoji need them. The JSON keeps
every string exactly as it came (docs/reliability.md, "Hostile input").
"""

from __future__ import annotations

import re

HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
"""Bidi controls, control characters but tab, LF and CR, and XML's forbidden
noncharacters."""
REPLACEMENT = "\ufffd"


def visible_text(text: str) -> str:
    """``text`` with every character ``HIDDEN`` matches shown as U+FFFD."""
    return HIDDEN.sub(REPLACEMENT, text)
