"""Vega, Vega-Lite and vega-embed as one script, inlined in every HTML report that
has charts (``html.py``).

vl-convert makes the bundle (about 0.9 MB) from the libraries it carries, offline,
but that takes about a second: a tenth of a large review. It is the same for every
report a vl-convert version writes, so it is kept in the user's cache folder
(``~/.cache/fokus`` on Linux, ``$XDG_CACHE_HOME`` when set; the system's cache
folder elsewhere). The file's name carries the vl-convert version and the SHA-256
of the text; a file whose text does not match its name is made again, and a cache
folder that cannot be written only means the bundle is made in each run.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import suppress
from functools import cache
from importlib.metadata import version
from pathlib import Path

import platformdirs
import vl_convert as vlc

from fokus.files import write_atomically

_NAME = re.compile(r"vega-bundle-(?P<version>[^-]+)-(?P<digest>[0-9a-f]{64})\.js")


def cache_folder() -> Path:
    """Where fokus keeps what it can make again: the user's cache folder."""
    return platformdirs.user_cache_path("fokus", appauthor=False)


@cache
def javascript_bundle() -> str:
    """The bundle as one script, made once per vl-convert version and machine."""
    maker = version("vl-convert-python")
    folder = cache_folder()
    kept = _kept(folder, maker)
    if kept is not None:
        return kept
    # The stub makes ``snippet`` required, but None is the documented default: the
    # bundle then sets window.vegaEmbed, which is all the page's script uses.
    text = str(vlc.javascript_bundle(None))  # type: ignore[arg-type]
    data = text.encode("utf-8")
    name = f"vega-bundle-{maker}-{hashlib.sha256(data).hexdigest()}.js"
    with suppress(OSError):  # a read-only home: made again next time, nothing lost
        write_atomically(folder / name, data)
    return text


def _kept(folder: Path, maker: str) -> str | None:
    """The kept bundle of this vl-convert version, if its text matches its name."""
    try:
        found = sorted(folder.glob(f"vega-bundle-{maker}-*.js"))
    except OSError:
        return None
    for path in found:
        named = _NAME.fullmatch(path.name)
        if named is None or named["version"] != maker:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == named["digest"]:
            return data.decode("utf-8")
    return None
