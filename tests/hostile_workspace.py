"""A demo workspace whose every input carries the hostile set (tests/hostile.py).

The demo's exports, registers and plan, with hostile text written into them the
way a user's files would carry it: captions, account names and post links of the
Facebook, Instagram and X exports; names, roles and systems in the access
register; tool names, tasks, bios, hypotheses; and the organisation's name in
``fokus.toml``. ``build`` writes the files; the tests import and review them
through the ``fokus`` command.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from fokus.demo import write_demo_config, write_demo_exports
from fokus.demo.registers import demo_register_rows
from fokus.registers.templates import REGISTERS, render_register
from fokus.workspace import init_workspace
from hostile import HOSTILE, MARKUP, NO_NULL

TODAY = dt.date(2026, 11, 20)
ORGANISATION = " ".join(
    (
        "Kystlaget",
        HOSTILE["script_tag"],
        HOSTILE["bidi_override"],
        HOSTILE["null_byte"],
        HOSTILE["formula_hyperlink"],
    )
)
"""The organisation's name: markup, a bidi override, a null byte (TOML can carry
one, escaped) and a formula."""
ACCOUNT = MARKUP["img_onerror"] + " Kyst" + HOSTILE["bidi_override"]
"""The Facebook page's and the Instagram account's name."""
TEXTS = tuple(NO_NULL.values())
"""Captions: every hostile string but the null byte, which a CSV export cannot
carry (fokus refuses a text file with one as binary)."""
LINK = MARKUP["javascript_url"]


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: JSON's escapes are TOML's, DEL escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def build(root: Path) -> Path:
    """The hostile workspace in ``root`` (which must not exist yet)."""
    init_workspace(root, "Kystlaget", "en", today=TODAY)
    write_demo_config(root, "en", TODAY)
    config = root / "fokus.toml"
    text = config.read_text("utf-8")
    first = text.index("\norganisation = ") + 1
    end = text.index("\n", first)
    config.write_text(
        text[:first] + "organisation = " + toml_string(ORGANISATION) + text[end:],
        "utf-8",
    )
    exports = root / "exports"
    write_demo_exports(exports, today=TODAY)
    edit_export(_newest(exports / "facebook"), "Title", "Page name", "Permalink")
    edit_export(
        _newest(exports / "instagram"), "Description", "Account name", "Permalink"
    )
    edit_export(_newest(exports / "x", "account_analytics_content_*"), "Post text", None,
          "Post Link")  # fmt: skip
    write_registers(root / "registers")
    return root


def _newest(folder: Path, pattern: str = "Nov-20-2025_*.csv") -> Path:
    [path] = sorted(folder.glob(pattern))[-1:]
    return path


def edit_export(path: Path, caption: str, account: str | None, link: str) -> None:
    """The first posts' captions become the hostile texts, one each; every row's
    account name becomes ``ACCOUNT``; one post's link is a ``javascript:`` URL."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header = rows[0]
    for number, row in enumerate(rows[1:]):
        if number < len(TEXTS):
            row[header.index(caption)] = TEXTS[number]
        if account is not None:
            row[header.index(account)] = ACCOUNT
    rows[1][header.index(link)] = LINK
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode())


REGISTER_FIELDS: dict[str, tuple[str, ...]] = {
    "access": ("person", "asset"),
    "ai_tools": ("tool", "used_for", "owner"),
    "time_use": ("task",),
    "profiles": ("text", "account"),
    "experiments": ("hypothesis", "name"),
}
"""The free-text cells that carry hostile text, per register; and the first access
row's ``role``, a word from a list: a hostile one is a problem the report names."""


def write_registers(folder: Path) -> None:
    """The demo's registers with hostile text in ``REGISTER_FIELDS``, row by row
    through the whole set (the null byte included: a register cell may hold one)."""
    texts = list(HOSTILE.values())
    rows = demo_register_rows("en", TODAY)
    turn = 0
    for register in REGISTERS:
        changed = []
        for original in rows[register.key]:
            row = dict(original)
            for field in REGISTER_FIELDS[register.key]:
                row[field] = texts[turn % len(texts)]
                turn += 1
            changed.append(row)
        if register.key == "access":
            changed[0]["role"] = HOSTILE["attribute_breakout"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / register.filename).write_bytes(
            render_register(register, changed, "en")
        )
